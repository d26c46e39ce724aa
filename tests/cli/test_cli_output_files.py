"""--format xlsx, --excel and the screen table: files a spreadsheet opens, headers whole."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook
from typer.testing import CliRunner

from europillar.cli.app import _register_all, app
from europillar.errors import InputError


class Outcome:
    """What a user sees: exit code 2 and the one sentence for an InputError (as ``main``)."""

    def __init__(self, args: list[str]) -> None:
        _register_all()
        result = CliRunner().invoke(app, args)
        self.stdout = result.stdout
        self.exit_code = result.exit_code
        self.output = result.output
        if isinstance(result.exception, InputError):
            self.exit_code, self.output = 2, str(result.exception)


def invoke(*args: str) -> Outcome:
    return Outcome(list(args))


def test_xlsx_holds_every_table_sources_and_notes(tmp_path: Path) -> None:
    out = tmp_path / "gaps.xlsx"
    result = invoke("gaps", "--scenario", "replace_us_full", "--format", "xlsx", "--out", str(out))
    assert result.exit_code == 0, result.output
    book = load_workbook(out)
    assert book.sheetnames[0] == "by_category"
    assert {"sources", "notes", "columns"} <= set(book.sheetnames)
    header = next(book["by_category"].values)
    assert header[:2] == ("category", "category_name")
    sources = list(book["sources"].values)
    assert sources[0][:3] == ("source_id", "publisher", "title")
    assert len(sources) > 2 and all(
        r[5] for r in sources[1:] if r[2] != "(not in the sources registry)"
    )
    notes = [r[0] for r in book["notes"].values]
    assert "meta: scenario" in notes and "meta: dataset_version" in notes


def test_xlsx_without_out_is_one_sentence_and_exit_2() -> None:
    result = invoke("compare", "--format", "xlsx")
    assert result.exit_code == 2
    assert "add --out FILE.xlsx" in result.output


def test_excel_csv_starts_with_a_byte_order_mark(tmp_path: Path) -> None:
    out = tmp_path / "t.csv"
    result = invoke("burden", "--format", "csv", "--excel", "--out", str(out))
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(io.BytesIO(data))
    assert frame.columns[0] == "iso3"  # the mark is not part of the first header


def test_excel_flag_only_with_csv() -> None:
    result = invoke("compare", "--format", "json", "--excel")
    assert result.exit_code == 2 and "--excel" in result.output


def test_csv_carries_no_long_float_tails() -> None:
    result = invoke("burden", "--format", "csv")
    for line in result.stdout.splitlines()[1:]:
        for cell in line.split(","):
            if "." in cell and cell.replace(".", "").replace("-", "").isdigit():
                assert len(cell.split(".")[1]) <= 4, cell


def test_compare_is_wide_by_default_and_tidy_with_long() -> None:
    wide = pd.read_csv(io.StringIO(invoke("compare", "--format", "csv").stdout))
    assert list(wide.columns[:4]) == ["indicator", "unit", "year", "EU27"]
    assert "EUROPEAN_NATO_missing" in wide.columns
    tidy = pd.read_csv(io.StringIO(invoke("compare", "--long", "--format", "csv").stdout))
    assert list(tidy.columns[:5]) == ["bloc", "year", "indicator", "value", "unit"]
    # the same figure in both forms
    eu = tidy[(tidy.bloc == "EU27") & (tidy.indicator == "milex_usd_current_m")]["value"].iloc[0]
    assert wide[wide.indicator == "milex_usd_current_m"]["EU27"].iloc[0] == eu


def test_compare_screen_shows_blocs_side_by_side_with_units() -> None:
    text = invoke("compare").stdout
    assert "European NATO" in text and "United States" in text
    assert "USD bn" in text and "EUROPEAN_NATO" not in text


def test_screen_headers_are_never_cut(monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    text = invoke("voting", "--rule", "qmv").stdout
    assert "…" not in text
    for word in ("Banzhaf", "Shapley–Shubik", "Penrose"):
        assert word in text
    assert "Germany" in text and "DEU" not in text  # labels on screen, ids in machine formats
