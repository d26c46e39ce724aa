"""`europillar gaps` and `europillar scenario`: formats, and exit 2 with no file on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from europillar.cli import gaps_cmd, scenario_cmd
from europillar.errors import InputError


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """The real entry point in a fresh process (the exit-code contract lives in main())."""
    code = "from europillar.cli.app import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False
    )


def run_inprocess(*args: str) -> subprocess.CompletedProcess[str]:
    """Same commands in this process (fast); only for runs that must succeed."""
    app = typer.Typer()
    scenario_cmd.register(app)
    gaps_cmd.register(app)
    result = CliRunner().invoke(app, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return subprocess.CompletedProcess(list(args), result.exit_code, result.stdout, "")


def test_scenario_list_json_has_name_and_title() -> None:
    result = run_inprocess("scenario", "list", "--format", "json")
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    names = {r["name"] for r in records}
    assert {"bruegel_kiel_2025", "replace_us_full"} <= names
    assert all(r["title"] for r in records)


def test_scenario_show_prints_toml_that_validates(tmp_path: Path) -> None:
    shown = run_inprocess("scenario", "show", "us_reduced_2030")
    assert shown.returncode == 0 and 'name = "us_reduced_2030"' in shown.stdout
    copy = tmp_path / "copy.toml"
    copy.write_text(shown.stdout.replace("us_reduced_2030", "my_copy"), encoding="utf-8")
    checked = run_inprocess("scenario", "validate", str(copy), "--format", "json")
    assert checked.returncode == 0, checked.stderr
    assert json.loads(checked.stdout)[0]["name"] == "my_copy"


def test_gaps_json_views() -> None:
    result = run_inprocess("gaps", "--scenario", "bruegel_kiel_2025", "--format", "json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["scenario"] == "bruegel_kiel_2025"
    gaps = {r["category"]: r["gap"] for r in payload["rows"]}
    assert gaps["mbt"] == 1400
    members = run_inprocess(
        "gaps",
        "--scenario",
        "bruegel_kiel_2025",
        "--view",
        "members",
        "--key",
        "population",
        "--format",
        "csv",
    )
    assert members.returncode == 0, members.stderr
    assert members.stdout.splitlines()[0].startswith("iso3,key,")


def test_gaps_writes_output_file(tmp_path: Path) -> None:
    out = tmp_path / "costs.csv"
    result = run_inprocess(
        "gaps",
        "--scenario",
        "replace_us_full",
        "--view",
        "costs",
        "--format",
        "csv",
        "--output",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith("category,units_to_buy,")


def test_bad_scenario_exits_2_with_one_sentence_and_no_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        'name = "bad"\ntitle = "Bad"\nmembers = ["DEU", "XXX"]\n[requirements]\nmbt = 10\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    result = run_cli("gaps", "--scenario", str(bad), "--format", "csv", "--output", str(out))
    assert result.returncode == 2
    assert not out.exists()
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "members[1]" in lines[0] and "XXX" in lines[0]
    assert "Traceback" not in result.stderr


def test_missing_key_data_is_an_input_error() -> None:
    with pytest.raises(InputError, match="data missing"):
        run_inprocess("gaps", "--scenario", "replace_us_full", "--key", "nato_common_funding")
    with pytest.raises(InputError, match="no such scenario file"):
        run_inprocess("scenario", "validate", "no/such/file.toml")


def test_gni_key_apportions_with_the_world_banks_gni() -> None:
    """Done-when (issue 14): the apportionment key `gni` works on the shipped data (World
    Bank GNI, NY.GNP.MKTP.CD, 2014-2024) and weighs members by GNI, not GDP."""
    from europillar.capability.apportion import key_weights
    from europillar.data.vintages import view
    from europillar.dataset import load

    result = run_inprocess(
        "gaps", "--scenario", "replace_us_full", "--key", "gni", "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    members = ["DEU", "FRA", "IRL", "LUX"]
    weights = key_weights("gni", view(load()), members, 2025).set_index("iso3")
    assert set(weights["year"]) == {2024} and set(weights["source_ids"]) == {"wb_wdi_gni"}
    gdp = key_weights("gdp", view(load()), members, 2024).set_index("iso3")
    # Ireland's and Luxembourg's GNI is far below their GDP (profit outflows): their GNI
    # share is smaller than their GDP share.
    for iso3 in ("IRL", "LUX"):
        share_gni = weights.loc[iso3, "weight"] / weights["weight"].sum()
        share_gdp = gdp.loc[iso3, "weight"] / gdp["weight"].sum()
        assert share_gni < 0.9 * share_gdp, iso3
