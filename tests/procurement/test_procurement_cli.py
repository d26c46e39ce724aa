"""`europillar procure`: formats, determinism and exit code 2 with an explanation."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from europillar.cli import procure_cmd
from europillar.cli.app import main  # noqa: F401  (the real entry point exists)
from europillar.errors import InputError


def make_app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def _root() -> None:
        """test root"""

    procure_cmd.register(app)
    return app


def write_targets(tmp_path: Path) -> Path:
    path = tmp_path / "targets.csv"
    path.write_text(
        "iso3,category,units\nDEU,mbt,60\nPOL,mbt,40\nCZE,artillery,20\nLTU,artillery,10\n"
    )
    return path


def run(args: list[str]):
    return CliRunner().invoke(make_app(), ["procure", *args])


def test_csv_is_deterministic_and_has_no_timings(tmp_path: Path) -> None:
    path = write_targets(tmp_path)
    first = run(["--targets", str(path), "--k", "1", "--format", "csv"])
    second = run(["--targets", str(path), "--k", "1", "--format", "csv"])
    assert first.exit_code == 0, first.output
    assert first.output == second.output
    assert first.output.splitlines()[0].startswith("iso3,category,units,joint_platforms")
    assert "time" not in first.output


def test_json_carries_plan_baseline_savings_and_solver(tmp_path: Path) -> None:
    result = run(
        ["--targets", str(write_targets(tmp_path)), "--buy-european", "65", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    for key in ("plan", "baseline", "savings_by_category", "savings_by_member", "solver", "rows"):
        assert key in payload
    assert payload["solver"]["status"] == "optimal"
    assert payload["savings"] == payload["baseline_cost"] - payload["joint_cost"]


def test_infeasible_settings_raise_one_sentence(tmp_path: Path) -> None:
    result = run(
        ["--targets", str(write_targets(tmp_path)), "--juste-retour", "1", "--format", "csv"]
    )
    assert result.exit_code != 0
    assert isinstance(result.exception, InputError)  # main() turns this into exit code 2
    assert "juste-retour band" in str(result.exception)


def test_bad_targets_file_names_file_and_key(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("iso3,category,units\nDEU,mbt,-3\n")
    result = run(["--targets", str(bad)])
    assert isinstance(result.exception, InputError)
    assert "bad.csv" in str(result.exception) and "units" in str(result.exception)


def test_fragmentation_command_shows_published_counts_and_rejects_bad_level() -> None:
    published = run_fragmentation(["--published", "--format", "csv"])
    assert published.exit_code == 0, published.output
    assert "ec2017_all" in published.output and "cepa2024_mbt" in published.output
    bad = run_fragmentation(["--bloc", "DEU,POL", "--level", "model"])
    assert isinstance(bad.exception, InputError) and "counting level" in str(bad.exception)
    good = run_fragmentation(["--bloc", "DEU,POL", "--vs", "USA", "--format", "csv"])
    assert good.exit_code == 0 and "DEU,POL" not in good.output.splitlines()[0]


def run_fragmentation(args: list[str]):
    return CliRunner().invoke(make_app(), ["fragmentation", *args])
