"""The transition command and the model built from the shipped data and presets."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from europillar import dataset, runner, transition
from europillar.scenario import load_scenario


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from europillar.cli.app import main; main()", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_model_from_preset_uses_only_categories_with_cited_inputs() -> None:
    from europillar.data import load

    scenario = load_scenario("replace_us_full")
    inputs = transition.inputs(scenario, dataset.load())
    model, settings, notes = inputs.model, inputs.settings, inputs.notes
    gaps = runner.run("capability", scenario).by_category.set_index("category")
    study = load("capability/requirements_published")
    iiss = study[study["study"] == "iiss_2025"].set_index("category")["quantity"].astype(float)
    for i, cat in enumerate(model.data.categories):
        row = gaps.loc[cat]
        # v2: the requirement is IISS's replacement list on top of today's European forces,
        # never today's forces plus the US (which the start year would meet by definition)
        assert model.data.requirement[i] == pytest.approx(
            row["european_inventory"] * row["readiness"] + iiss[cat]
        )
        assert model.data.initial_stock[i] == row["european_inventory"]
        assert model.data.us_units[i] == row["us_contribution_full"]
    registry = set(load("sources")["source_id"])
    assert model.source_ids and set(model.source_ids) <= registry
    excluded = set(gaps.index) - set(model.data.categories)
    assert excluded and all(c in " ".join(notes) for c in excluded)
    assert settings.threshold_pct == 90.0
    assert model.years[0] == scenario.base_year and model.years[-1] == 2045


def test_csv_output_is_fully_determined_by_scenario_draws_and_seed() -> None:
    args = (
        "transition",
        "--scenario",
        "replace_us_full",
        "--draws",
        "1500",
        "--seed",
        "5",
        "--view",
        "fan",
        "--format",
        "csv",
    )
    first, second = run_cli(*args), run_cli(*args)
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    fan = pd.read_csv(io.StringIO(first.stdout))
    assert list(fan.columns) == [
        "year",
        "category",
        "p10",
        "p50",
        "p90",
        "mean",
        "prob_gap_pct",
        "prob_europe_alone_pct",
    ]
    assert (fan["p10"] <= fan["p50"] + 1e-9).all() and (fan["p50"] <= fan["p90"] + 1e-9).all()
    other = run_cli(*args[:-4], "6", "--view", "fan", "--format", "csv")
    assert other.stdout != first.stdout


def test_json_output_carries_every_table() -> None:
    result = run_cli(
        "transition", "--scenario", "replace_us_full", "--draws", "300", "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    for key in ("meta", "sources", "notes", "missing", "tables"):
        assert key in payload
    tables = payload["tables"]
    for key in ("categories", "fan", "gap_probability", "windows", "safe_drawdown", "sensitivity"):
        assert key in tables
    assert payload["meta"]["draws"] == 300 and payload["meta"]["seed"] == 20250601
    probs = [row["prob_any_gap_pct"] for row in tables["gap_probability"]]
    assert all(0 <= p <= 100 for p in probs)


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ("std = 0.6", "std = -1", "transition.gdp_growth_pct.std"),
        (
            "min = 0.0, mode = 10.0, max = 20.0",
            "min = 30.0, mode = 10.0, max = 20.0",
            "transition.capacity_ramp_pct",
        ),
        ('dist = "uniform"', 'dist = "gamma"', "transition.lead_time_scale"),
    ],
)
def test_bad_distributions_name_the_key_and_exit_2(
    tmp_path: Path, old: str, new: str, key: str
) -> None:
    shown = run_cli("scenario", "show", "replace_us_full")
    assert old in shown.stdout
    bad = tmp_path / "bad.toml"
    bad.write_text(shown.stdout.replace(old, new))
    result = run_cli("transition", "--scenario", str(bad), "--draws", "10")
    assert result.returncode == 2
    assert f"key '{key}'" in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_safe_drawdown_keeps_central_coverage_at_threshold() -> None:
    from europillar.transition.model import KIND_SERIES, Drawdown, Model, simulate
    from europillar.transition.results import central_draws, central_run, safe_drawdown_frame

    inputs = transition.inputs(load_scenario("replace_us_full"), dataset.load())
    model, params = inputs.model, inputs.params
    safe = safe_drawdown_frame(model, central_run(model, params))
    pivot = safe.pivot(index="year", columns="category", values="us_min_remaining_pct")
    pivot = pivot[list(model.data.categories)].fillna(100.0).clip(upper=100.0) / 100.0
    assert (np.diff(pivot.to_numpy(), axis=0) <= 1e-12).all()  # never reverses
    dd = model.drawdown
    n = len(model.data.categories)
    series = Drawdown(
        np.full(n, KIND_SERIES),
        dd.start,
        dd.end,
        dd.floor,
        dd.trigger_pct,
        dd.over_years,
        pivot.to_numpy(),
    )
    rerun = simulate(
        Model(model.years, model.data, series, model.budget, model.policy, model.threshold_pct),
        central_draws(params),
    )
    achievable = safe.pivot(index="year", columns="category", values="achievable")
    ok = achievable[list(model.data.categories)].to_numpy()
    assert (rerun.coverage_pct[0][ok] >= model.threshold_pct - 1e-9).all()
