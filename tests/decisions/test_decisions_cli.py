"""The `voting` and `threats` commands: columns, formats, errors as exit code 2."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest
import typer
from typer.testing import CliRunner

from europillar.cli import voting_cmd


@pytest.fixture()
def app() -> typer.Typer:
    application = typer.Typer()
    voting_cmd.register(application)
    return application


def test_voting_csv_has_the_documented_columns(app: typer.Typer) -> None:
    result = CliRunner().invoke(
        app, ["voting", "--rule", "qmv", "--index", "all", "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(io.StringIO(result.stdout))
    assert list(frame.columns[:4]) == [
        "iso3",
        "banzhaf_normalized",
        "banzhaf_absolute",
        "shapley_shubik",
    ]
    assert len(frame) == 27
    # indices leave the program at 4 decimals: 27 roundings of at most 0.00005 each
    assert frame["banzhaf_normalized"].sum() == pytest.approx(1.0, abs=27 * 5e-5)
    assert frame["shapley_shubik"].sum() == pytest.approx(1.0, abs=27 * 5e-5)


def test_voting_json_and_members(app: typer.Typer) -> None:
    result = CliRunner().invoke(
        app, ["voting", "--rule", "unanimity", "--members", "DEU,FRA,ITA", "--format", "json"]
    )
    payload = json.loads(result.stdout)
    assert [r["iso3"] for r in payload["rows"]] == ["DEU", "FRA", "ITA"]
    assert all(r["shapley_shubik"] == 0.3333 for r in payload["rows"])  # 4 decimals


def test_bad_rule_file_is_an_input_error(app: typer.Typer, tmp_path: Path) -> None:
    from europillar.errors import InputError

    bad = tmp_path / "bad.toml"
    bad.write_text('name = "x"\nrule = { members_pct = 120 }\n')
    result = CliRunner().invoke(app, ["voting", "--rule", str(bad)])
    assert isinstance(result.exception, InputError)
    assert "members_pct" in str(result.exception) and "120" in str(result.exception)


def test_threats_views(app: typer.Typer) -> None:
    runner = CliRunner()
    for view in ("matrix", "clusters", "missions", "package"):
        result = runner.invoke(app, ["threats", view, "--format", "csv"])
        assert result.exit_code == 0, (view, result.output)
    sim = runner.invoke(app, ["threats", "simulate", "--runs", "20", "--format", "json"])
    assert sim.exit_code == 0
    assert {r["rule"] for r in json.loads(sim.stdout)["rows"]} == {
        "qmv",
        "rqmv",
        "unanimity",
        "cfsp",
    }
