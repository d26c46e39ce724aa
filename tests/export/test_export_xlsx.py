"""The --format xlsx workbook opens in openpyxl with the tables, full citations and notes."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl import load_workbook

from europillar.data import load
from europillar.export.xlsx import cited_sources, sheet_name, write_workbook


def _write(path: Path) -> None:
    table = pd.DataFrame(
        {"iso3": ["ISL", "TUR"], "share_gdp_pct": [float("inf"), 2.123456], "note": ["=1+1", "ok"]}
    )
    write_workbook(
        path,
        {"by member": table},
        cited_sources(["sipri_milex_2025", "no_such_source"], load("sources")),
        notes=["Costs in USD m, constant 2023."],
        missing=["ISL: no military spending"],
        meta={"scenario": "replace_us_full", "seed": None},
    )


def test_workbook_has_tables_sources_notes_and_columns(tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    _write(path)
    book = load_workbook(path)
    assert book.sheetnames == ["by member", "sources", "notes", "columns"]
    rows = list(book["by member"].values)
    assert rows[0] == ("iso3", "iso3_name", "share_gdp_pct", "share_gdp_pct_reason", "note")
    assert rows[1][:3] == ("ISL", "Iceland", None)  # infinite: empty cell, reason beside it
    assert rows[2][2] == 2.12
    assert rows[1][4] == "=1+1" and book["by member"]["E2"].data_type == "s"  # never a formula
    sources = list(book["sources"].values)
    assert sources[0] == (
        "source_id",
        "publisher",
        "title",
        "edition",
        "date",
        "url",
        "terms",
        "note",
    )
    sipri = next(r for r in sources if r[0] == "sipri_milex_2025")
    assert "SIPRI" in sipri[1] and sipri[5].startswith("https://") and sipri[6]
    assert any(r[0] == "no_such_source" and "not in the sources registry" in r[2] for r in sources)
    notes = [r[1] for r in book["notes"].values]
    assert "Costs in USD m, constant 2023." in notes and "replace_us_full" in notes


def test_same_content_same_bytes(tmp_path: Path) -> None:
    _write(tmp_path / "a.xlsx")
    _write(tmp_path / "b.xlsx")
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()


def test_sheet_names_are_valid_and_unique() -> None:
    taken: set[str] = set()
    assert sheet_name("a/b:c", taken) == "a_b_c"
    long = "x" * 40
    assert sheet_name(long, taken) == "x" * 31
    assert sheet_name(long, taken) == "x" * 29 + "_2"
