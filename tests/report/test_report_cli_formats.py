"""`europillar compare` and `europillar burden`: machine formats parse, columns as documented."""

from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from europillar.cli.app import _register_all, app
from europillar.power import COMPARE_COLUMNS


def run(*args: str) -> str:
    _register_all()
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_compare_json_parses_with_rows_and_sources() -> None:
    payload = json.loads(run("compare", "--year", "2024", "--long", "--format", "json"))
    assert payload["years"] == [2024]
    blocs = {row["bloc"] for row in payload["rows"]}
    assert blocs == {"EU27", "EUROPEAN_NATO", "USA", "RUS", "CHN"}
    assert "sipri_milex_2026" in payload["sources"]  # the newest SIPRI release by default
    assert payload["vintages"] and "sipri-2025" not in payload["vintages"]
    wide = json.loads(run("compare", "--year", "2024", "--format", "json"))
    assert wide["view"] == "wide"
    assert {"indicator", "unit", "year", "EU27", "EUROPEAN_NATO", "USA"} <= set(wide["rows"][0])
    assert wide["vintages"] and "vintages" in wide["rows"][0]


def test_compare_csv_has_expected_columns_and_coalition() -> None:
    text = run(
        "compare",
        "--long",
        "--blocs",
        "USA",
        "--coalition",
        "FRA,DEU,POL",
        "--from",
        "2022",
        "--to",
        "2024",
        "--indicator",
        "milex_usd_constant2023_m",
        "--format",
        "csv",
    )
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == COMPARE_COLUMNS
    assert {r["bloc"] for r in rows} == {"USA", "FRA+DEU+POL"}
    assert sorted({int(r["year"]) for r in rows}) == [2022, 2023, 2024]
    coal = [r for r in rows if r["bloc"] == "FRA+DEU+POL"]
    assert all(r["n_members"] == "3" for r in coal)


def test_burden_csv_and_oz_json() -> None:
    rows = list(csv.DictReader(io.StringIO(run("burden", "--year", "2024", "--format", "csv"))))
    assert {
        "iso3",
        "basis",
        "share_gdp_pct",
        "gap_2pct_usd_m",
        "gap_3_5pct_usd_m",
        "gap_5pct_usd_m",
    } <= set(rows[0])
    assert len(rows) == 32
    oz = json.loads(
        run("burden", "--test", "ozeckhauser", "--from", "2014", "--to", "2024", "--format", "json")
    )
    assert [r["year"] for r in oz["rows"]] == list(range(2014, 2025))
    assert all(0 <= r["p_value"] <= 1 for r in oz["rows"])


def test_unknown_bloc_exits_2() -> None:
    import subprocess
    import sys

    code = "from europillar.cli.app import main; main()"
    result = subprocess.run(
        [sys.executable, "-c", code, "compare", "--blocs", "FOO"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "FOO" in result.stderr and "Traceback" not in result.stderr
