"""Bad publisher files raise InputError naming file, sheet/row/column and value, and a
failing import leaves the shipped table byte-for-byte unchanged."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from europillar.data.build import OBSERVATIONS_DIR, RAW_FILES
from europillar.data.importers.common import spellings
from europillar.data.importers.cow import import_cow
from europillar.data.importers.nato import import_nato
from europillar.data.importers.sipri import SHEETS, constant_spec, import_sipri
from europillar.data.importers.worldbank import import_worldbank
from europillar.errors import InputError

SIPRI_TO_ISO3 = spellings("sipri_milex")
ISO2_TO_ISO3 = spellings("worldbank")

YEARS = list(range(2012, 2025))


def make_sipri(
    path: Path, rename: dict[str, str] | None = None, years: list[int] = YEARS, base: int = 2023
) -> Path:
    """A small workbook with the SIPRI layout: title, header on row 6, region rows.

    ``years`` ending in 2024 and ``base`` 2023 give the 2025 release's layout.
    """
    book = openpyxl.Workbook()
    book.remove(book.active)
    for sheet_name, spec in {f"Constant ({base}) US$": constant_spec(base), **SHEETS}.items():
        sheet = book.create_sheet((rename or {}).get(sheet_name, sheet_name))
        sheet["A1"] = f"Military expenditure by country, {spec.title_words}, 1949-2024"
        lead = ["Country", "Currency", "Notes"] if "Local" in sheet_name else ["Country", "Notes"]
        sheet.append([])
        sheet.append([])
        sheet.append([])
        sheet.append([])
        sheet.append([*lead, *years])
        sheet.append(["Europe"])
        for index, country in enumerate(SIPRI_TO_ISO3):
            value = 0.02 if spec.fraction else 100.0 + index
            extra = ["Euro", ""] if "Local" in sheet_name else [""]
            sheet.append([country, *extra, ". .", "xxx", *([value] * (len(years) - 2))])
    book.save(path)
    return path


def find_row(sheet: openpyxl.worksheet.worksheet.Worksheet, label: str) -> int:
    for row in sheet.iter_rows(min_col=1, max_col=1):
        if row[0].value == label:
            return row[0].row
    raise AssertionError(label)


def test_sipri_fake_is_valid_and_missing_codes_give_no_row(tmp_path: Path) -> None:
    frame = import_sipri(make_sipri(tmp_path / "sipri.xlsx"))
    assert len(frame) == len(SIPRI_TO_ISO3) * 11 * (len(SHEETS) + 1)  # 2014-24; 2012-13 skipped
    share = frame[(frame.indicator == "milex_share_gdp_pct")]
    assert list(share.value) == pytest.approx([2.0] * len(share))  # fraction 0.02 -> 2 %


def test_sipri_text_in_numeric_cell(tmp_path: Path) -> None:
    path = make_sipri(tmp_path / "sipri.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["Current US$"]
    row = find_row(sheet, "France")
    sheet.cell(row, 2 + YEARS.index(2023) + 1).value = "n/a"
    book.save(path)
    with pytest.raises(InputError) as info:
        import_sipri(path)
    text = str(info.value)
    for part in (
        "sipri.xlsx",
        "sheet 'Current US$'",
        f"row {row} (France)",
        "column 2023",
        "'n/a'",
    ):
        assert part in text


def test_sipri_wrong_edition_sheet_names(tmp_path: Path) -> None:
    path = make_sipri(tmp_path / "sipri.xlsx", rename={"Constant (2023) US$": "Constant US$"})
    with pytest.raises(InputError) as info:
        import_sipri(path)
    assert "sheet" in str(info.value) and "'Constant (YYYY) US$'" in str(info.value)
    assert "Constant US$" in str(info.value)  # the sheets found are listed


def test_sipri_next_edition_imports_without_code_changes(tmp_path: Path) -> None:
    # The 2026 layout (data to 2025, constant 2024 US$) is read from the workbook itself:
    # source sipri_milex_2026, vintage sipri-2026, indicator milex_usd_constant2024_m.
    path = make_sipri(tmp_path / "sipri.xlsx", years=list(range(2012, 2026)), base=2024)
    frame = import_sipri(path)
    assert set(frame.source_id) == {"sipri_milex_2026"} and set(frame.vintage) == {"sipri-2026"}
    assert "milex_usd_constant2024_m" in set(frame.indicator) and frame.year.max() == 2025


def test_sipri_unregistered_edition_is_refused(tmp_path: Path) -> None:
    # A workbook with data to 2026 would be the 2027 release, which the registry lacks.
    path = make_sipri(tmp_path / "sipri.xlsx", years=list(range(2012, 2027)), base=2025)
    with pytest.raises(InputError, match="'sipri_milex_2027'.*not in the sources registry"):
        import_sipri(path)


def test_sipri_negative_spending_is_refused_naming_the_cell(tmp_path: Path) -> None:
    path = make_sipri(tmp_path / "sipri.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["Current US$"]
    row = find_row(sheet, "Spain")
    sheet.cell(row, 2 + YEARS.index(2020) + 1).value = -5.0
    book.save(path)
    with pytest.raises(InputError) as info:
        import_sipri(path)
    text = str(info.value)
    assert f"sheet 'Current US$', row {row} (Spain), column 2020" in text
    assert "value -5" in text and "negative milex_usd_current_m" in text


def test_sipri_duplicated_country_row_with_other_values_is_refused(tmp_path: Path) -> None:
    path = make_sipri(tmp_path / "sipri.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["Current US$"]
    row = find_row(sheet, "Spain")
    values = [c.value for c in sheet[row]]
    sheet.append([values[0], values[1], ". .", "xxx", *[v + 1 for v in values[4:]]])
    book.save(path)
    with pytest.raises(InputError) as info:
        import_sipri(path)
    text = str(info.value)
    assert "sipri.xlsx" in text and "(Spain), column 2014" in text
    assert "ESP 2014 milex_usd_current_m appears twice with different values" in text
    assert f"row {row} (Spain)" in text  # the first occurrence is named too


def test_sipri_repeated_identical_row_is_harmless(tmp_path: Path) -> None:
    path = make_sipri(tmp_path / "sipri.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["Current US$"]
    sheet.append([c.value for c in sheet[find_row(sheet, "Spain")]])
    book.save(path)
    frame = import_sipri(path)
    assert not frame.duplicated(["iso3", "year", "indicator"]).any()


def test_sipri_share_given_as_percent_is_refused(tmp_path: Path) -> None:
    path = make_sipri(tmp_path / "sipri.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["Share of GDP"]
    sheet.cell(find_row(sheet, "Germany"), 2 + YEARS.index(2024) + 1).value = 1.9
    book.save(path)
    with pytest.raises(InputError, match="Germany.*2024.*1.9"):
        import_sipri(path)


def test_sipri_truncated_rows_and_bytes(tmp_path: Path) -> None:
    path = make_sipri(tmp_path / "sipri.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["Per capita"]
    sheet.delete_rows(find_row(sheet, "Romania"))
    book.save(path)
    with pytest.raises(InputError, match="Per capita.*ROU"):
        import_sipri(path)
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(make_sipri(tmp_path / "whole.xlsx").read_bytes()[:3000])
    with pytest.raises(InputError, match="cut.xlsx.*not a readable"):
        import_sipri(cut)


def write_wb(folder: Path, name: str = "gdp.csv") -> Path:
    """A small World Bank file: every in-scope country (and an aggregate), 2013-2016."""
    folder.mkdir(parents=True, exist_ok=True)
    if name == "ppp-gdp.csv":
        lines = ["Country,Country ID,Year,PPP"]
        lines += [f'"C {c}",{c},{y},0.5' for c in ISO2_TO_ISO3 for y in range(2013, 2017)]
    else:
        lines = ["Country Name,Country Code,Year,Value", "World,WLD,2016,1e14"]
        lines += [
            f"C {c},{c},{y},{1e9 + y}"
            for c in sorted(set(ISO2_TO_ISO3.values()))
            for y in range(2013, 2017)
        ]
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_worldbank_fake_is_valid(tmp_path: Path) -> None:
    frame = import_worldbank([write_wb(tmp_path), write_wb(tmp_path, "ppp-gdp.csv")])
    gdp = frame[frame.indicator == "gdp_usd_current_m"]
    assert len(gdp) == 44 * 3 and gdp.value.iloc[0] == pytest.approx((1e9 + 2014) / 1e6)
    assert "XKX" in set(frame.iso3)


def test_worldbank_text_cell_names_line_and_column(tmp_path: Path) -> None:
    path = write_wb(tmp_path)
    lines = path.read_text().splitlines()
    lines[10] = lines[10].rsplit(",", 1)[0] + ",n/a"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(InputError) as info:
        import_worldbank([path])
    text = str(info.value)
    assert "gdp.csv" in text and "line 11" in text and "column 'Value'" in text and "'n/a'" in text


def test_worldbank_duplicated_country_year_with_other_value(tmp_path: Path) -> None:
    path = write_wb(tmp_path)
    lines = path.read_text().splitlines()
    first = next(line for line in lines if line.startswith("C DEU,DEU,2015,"))
    lines.append("C DEU,DEU,2015,5000000000.0")
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(InputError) as info:
        import_worldbank([path])
    text = str(info.value)
    assert "gdp.csv" in text and f"line {len(lines)} (C DEU 2015)" in text
    assert "DEU 2015 gdp_usd_current_m appears twice" in text and "5000000000.0" in text
    assert first.split(",")[-1] != "5000000000.0"


def test_worldbank_negative_value(tmp_path: Path) -> None:
    path = write_wb(tmp_path)
    path.write_text(path.read_text().replace("C FRA,FRA,2015,1000002015.0", "C FRA,FRA,2015,-1"))
    with pytest.raises(InputError, match="gdp.csv.*C FRA 2015.*'-1'"):
        import_worldbank([path])


def test_worldbank_truncated_file(tmp_path: Path) -> None:
    path = write_wb(tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])  # cut mid-line: later countries are gone
    with pytest.raises(InputError, match="gdp.csv.*missing"):
        import_worldbank([path])


def test_worldbank_wrong_header_and_name(tmp_path: Path) -> None:
    path = write_wb(tmp_path)
    path.write_text(path.read_text().replace("Country Code", "Code", 1))
    with pytest.raises(InputError, match="header.*Code"):
        import_worldbank([path])
    other = write_wb(tmp_path, "gdp.csv").rename(tmp_path / "gdp-2024.csv")
    with pytest.raises(InputError, match="gdp-2024.csv.*allowed: gdp.csv"):
        import_worldbank([other])


def test_nato_text_and_ref_cells(raw: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(raw / RAW_FILES["nato"][0])
    book["TABLE2"]["M20"] = "tbc"  # France, '2023e', current prices block
    path = tmp_path / "nato.xlsx"
    book.save(path)
    with pytest.raises(InputError) as info:
        import_nato(path)
    text = str(info.value)
    assert "nato.xlsx" in text and "sheet 'TABLE2', row 20 (France), column 2023" in text
    assert "'tbc'" in text
    book["TABLE2"]["M20"] = "#REF!"
    book.save(path)
    with pytest.raises(InputError, match="row 20 \\(France\\).*'#REF!'"):
        import_nato(path)


def test_nato_wrong_layout_and_wrong_file(raw: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(raw / RAW_FILES["nato"][0])
    book["TABLE3"]["B10"] = "Share of GDP (%)"  # label the importer relies on
    path = tmp_path / "nato.xlsx"
    book.save(path)
    with pytest.raises(InputError, match="TABLE3.*Share of real GDP"):
        import_nato(path)
    with pytest.raises(InputError, match="sheet.*'TABLE2'"):
        import_nato(raw / RAW_FILES["sipri"][0])  # a SIPRI workbook is not NATO's


def test_nato_negative_spending_and_duplicate_row(raw: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(raw / RAW_FILES["nato"][0])
    book["TABLE2"]["M20"] = -1.5  # France, '2023e', current prices block
    path = tmp_path / "nato.xlsx"
    book.save(path)
    with pytest.raises(InputError, match="row 20 \\(France\\), column 2023.*-1.5.*negative"):
        import_nato(path)


def test_cow_duplicate_and_negative_rows(raw: Path, tmp_path: Path) -> None:
    source = (raw / RAW_FILES["cow"][0]).read_text(encoding="utf-8").splitlines()
    line = next(s for s in source if s.startswith("FRN,220,2020,"))
    changed = line.split(",")
    column = source[0].split(",").index("milper")
    changed[column] = str(int(float(changed[column])) + 7)
    path = tmp_path / "nmc.csv"
    path.write_text("\n".join([*source, ",".join(changed)]) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        import_cow(path)
    assert "nmc.csv" in str(info.value) and "FRA 2020 personnel_active_k appears twice" in str(
        info.value
    )
    changed[column] = "-3"
    path.write_text("\n".join([*source, ",".join(changed)]) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="nmc.csv.*FRN 2020.*'-3'.*negative"):
        import_cow(path)


def test_cow_wrong_edition(raw: Path) -> None:
    with pytest.raises(InputError, match="NMC-60-abridged.csv.*version.*'2021'"):
        import_cow(raw / "cow_nmc" / "NMC-60-abridged.csv")


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    code = "from europillar.cli.app import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False
    )


def test_failed_import_leaves_shipped_table_untouched(tmp_path: Path) -> None:
    shipped = OBSERVATIONS_DIR / "worldbank.csv"
    before = shipped.read_bytes()
    bad = write_wb(tmp_path)
    bad.write_bytes(bad.read_bytes()[:2000])
    result = run_cli("data", "import", "worldbank", str(bad))
    assert result.returncode == 2, result.stderr
    assert "gdp.csv" in result.stderr and "Traceback" not in result.stderr
    assert shipped.read_bytes() == before
    assert not list(OBSERVATIONS_DIR.glob(".*.tmp"))


def test_import_to_out_then_failure_keeps_previous_file(tmp_path: Path) -> None:
    good = write_wb(tmp_path / "in")
    out = tmp_path / "out"
    result = run_cli("data", "import", "worldbank", str(good), "--out", str(out), "--format", "csv")
    assert result.returncode == 0, result.stderr
    written = (out / "observations" / "worldbank.csv").read_bytes()
    assert b"gdp_usd_current_m" in written
    bad = write_wb(tmp_path / "bad")
    bad.write_text(bad.read_text().replace(",1000002015.0", ",ten", 1))
    result = run_cli("data", "import", "worldbank", str(bad), "--out", str(out))
    assert result.returncode == 2 and "'ten'" in result.stderr
    assert (out / "observations" / "worldbank.csv").read_bytes() == written
    assert sorted(p.name for p in (out / "observations").iterdir()) == ["worldbank.csv"]
