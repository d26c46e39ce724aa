"""The data API: load, series, unit conversion, bloc totals, and the data CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from europillar import countries, dataset
from europillar.data import bloc_total, load, series, table_names, to_constant_usd
from europillar.data.build import RAW_FILES
from europillar.errors import InputError


def test_load_returns_independent_copies() -> None:
    first = load("countries")
    first.loc[0, "name"] = "changed"
    assert load("countries").loc[0, "name"] != "changed"


def test_load_core_tables_and_types() -> None:
    obs = load("observations")
    assert obs["year"].dtype.kind == "i" and obs["value"].dtype.kind == "f"
    assert obs["estimate"].dtype == bool
    assert {"sipri_milex_2025", "nato_defexp_2024", "wb_wdi_gdp", "cow_nmc_v7"} <= set(
        obs["source_id"]
    )
    assert len(load("countries")) == 44
    assert {"observations/sipri_2025", "observations/sipri_2026", "vintages"} <= set(table_names())


def test_unknown_table_is_an_input_error() -> None:
    with pytest.raises(InputError, match="'nosuch'.*allowed: .*countries"):
        load("nosuch")


def test_duplicate_source_ids_are_refused(tmp_path: Path) -> None:
    head = "source_id,publisher,title,edition,date,url,terms,note\n"
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "a.csv").write_text(head + "x_1,P,T,E,2024,u,t,\n")
    (tmp_path / "sources" / "b.csv").write_text(head + "x_1,Q,T,E,2024,u,t,\n")
    with pytest.raises(InputError, match="'x_1'.*more than once"):
        load("sources", root=tmp_path)


def test_series_filters_and_is_unique() -> None:
    rows = series("milex_usd_current_m", ["FRA", "DEU"], range(2020, 2025))
    assert len(rows) == 10
    assert not rows.duplicated(["iso3", "year"]).any()
    with pytest.raises(InputError, match="unknown indicator"):
        series("milex_usd")


def test_series_reads_one_sipri_release_at_a_time() -> None:
    # Default: the newest release for every year (SIPRI revised 2024 in its 2026 release).
    newest = series("milex_usd_current_m", "POL", [2024, 2025])
    assert set(newest.vintage) == {"sipri-2026"} and len(newest) == 2
    older = series("milex_usd_current_m", "POL", [2024, 2025], vintage="sipri-2025")
    assert set(older.vintage) == {"sipri-2025"} and list(older.year) == [2024]  # no 2025
    assert older.value.iloc[0] != newest.value.iloc[0]
    published = series("milex_usd_current_m", "POL", [2024, 2025], vintage="as-published")
    assert list(published.vintage) == ["sipri-2025", "sipri-2026"]
    with pytest.raises(InputError, match="'sipri-2030'.*unknown vintage"):
        series("milex_usd_current_m", "POL", 2024, vintage="sipri-2030")


def test_series_prefers_publisher_figure_over_derivation() -> None:
    shipped = dataset.load()
    extra = pd.DataFrame(
        [
            {
                "iso3": "FRA",
                "year": 2023,
                "indicator": "gdp_usd_current_m",
                "value": 1.0,
                "unit": "USD m, current",
                "source_id": "europillar_derived",
                "estimate": True,
                "method": "m",
                "note": "",
                "vintage": "sipri-2026",
            },
        ]
    )

    observations = pd.concat([extra, shipped.table("observations")], ignore_index=True)
    tables = {n: shipped.table(n) for n in ("indicators", "sources/core", "vintages")}
    small = dataset.Dataset.from_frames({**tables, "observations": observations})  # derived first
    # GDP: the World Bank (a publisher) comes before a SIPRI-implied derivation.
    row = series("gdp_usd_current_m", "FRA", 2023, small).iloc[0]
    assert row["source_id"] == "wb_wdi_gdp" and row["value"] == pytest.approx(3030904.0896078965)
    # 2024-2026: the IMF's October 2025 WEO (publisher) before the derivation.
    later = series("gdp_usd_current_m", "FRA", [2024, 2025, 2026], small)
    assert set(later.vintage) == {"imf-weo-2025-10"} and len(later) == 3


def test_to_constant_usd_uses_sipri_ratio() -> None:
    # SIPRI France 2022: current 54,677.44 -> constant (2023) 58,904.31 (workbook cells).
    assert to_constant_usd(54677.44242597626, "FRA", 2022) == pytest.approx(
        58904.3076821479, rel=1e-12
    )
    # 2023 is the base year: the factor is 1.
    assert to_constant_usd(100.0, "DEU", 2023) == pytest.approx(100.0)
    with pytest.raises(InputError, match="base_year"):
        to_constant_usd(1.0, "FRA", 2022, base_year=2015)
    with pytest.raises(InputError, match="FRA/2030"):
        to_constant_usd(1.0, "FRA", 2030)


def test_bloc_total_equals_sum_of_members_read_from_the_workbook(raw: Path) -> None:
    from europillar.data.importers.common import spellings

    SIPRI_TO_ISO3 = spellings("sipri_milex")

    book = openpyxl.load_workbook(raw / RAW_FILES["sipri"][0], read_only=True, data_only=True)
    rows = list(book["Current US$"].iter_rows(values_only=True))
    header = next(r for r in rows if r[0] == "Country")
    column = list(header).index(2024)
    by_iso = {SIPRI_TO_ISO3[r[0]]: r[column] for r in rows if r[0] in SIPRI_TO_ISO3}
    for bloc in ("EU27", "EUROPEAN_NATO", "Balkans"):
        codes = countries.members(bloc, 2024)
        expected = sum(v for c, v in by_iso.items() if c in codes and isinstance(v, float))
        total = bloc_total("milex_usd_current_m", codes, 2024, vintage="sipri-2025")
        assert total["value"] == pytest.approx(expected, rel=1e-12), bloc
        assert total["unit"] == "USD m, current" and total["missing"] == []


def test_bloc_total_reports_missing_and_refuses_shares() -> None:
    total = bloc_total("gni_usd_current_m", ["DEU", "ISL"], 2014)
    assert total["missing"] == [] and total["vintages"] == ["wdi-2025"]
    total = bloc_total("gni_usd_current_m", ["DEU", "ISL"], 2025)
    assert total["missing"] == ["DEU", "ISL"]  # the World Bank's GNI stops in 2024
    with pytest.raises(InputError, match="not additive"):
        bloc_total("milex_share_gdp_pct", ["DEU"], 2024)


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    code = "from europillar.cli.app import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False
    )


def test_cli_show_json_and_sources() -> None:
    result = run_cli(
        "data",
        "show",
        "observations",
        "--iso3",
        "FRA",
        "--indicator",
        "milex_usd_current_m",
        "--year",
        "2023",
        "--vintage",
        "sipri-2025",
        "--format",
        "json",
    )
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) == 1 and rows[0]["value"] == pytest.approx(59491.96416610127)
    result = run_cli("data", "sources", "--format", "csv")
    assert result.returncode == 0 and "sipri_milex_2025" in result.stdout
    result = run_cli("data", "crosschecks", "--format", "json")
    assert result.returncode == 0, result.stderr
    checks = json.loads(result.stdout)
    assert checks and {c["source_id"] for c in checks} == {"sipri_fs_2026"}
    result = run_cli("data", "show", "observations", "--iso3", "FRX")
    assert result.returncode == 2 and "'FRX'" in result.stderr
