"""UCS and SIPRI-register importers: real files cross-checked, bad files rejected in one
sentence naming file, row and column, and a failed import leaves the shipped table as it was."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from europillar.data.importers.force_tables import FORCE_IMPORTERS, RAW_FILES, run_force_import
from europillar.data.importers.sipri_register import HEADER, import_transfers
from europillar.data.importers.ucs import COLUMNS, import_satellites
from europillar.data.tables import TABLES_DIR
from europillar.errors import InputError

UCS_HEADER = list(COLUMNS)
OPERATORS = ["USA", "Russia", "China", "France", "Germany", "Italy", "United Kingdom", "Spain"]


def make_ucs(path: Path, rows: int = 40, drop: str | None = None) -> Path:
    """A small UCS workbook: one military imaging satellite per operator, repeated."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "UCS-Satellite-Database 5-1-2023"
    header = [c for c in UCS_HEADER if c != drop]
    sheet.append(header)
    for i in range(rows):
        values = {
            "Name of Satellite, Alternate Names": f"Sat {i}",
            "Country of Operator/Owner": OPERATORS[i % len(OPERATORS)],
            "Operator/Owner": "Ministry of Defence",
            "Users": "Military",
            "Purpose": "Earth Observation",
            "Detailed Purpose": "Optical Imaging",
            "Class of Orbit": "LEO",
            "Perigee (km)": 500,
            "Apogee (km)": 510,
            "Inclination (degrees)": 97.4,
            "Period (minutes)": 94.6,
            "Date of Launch": dt.datetime(2020, 1, 1),
            "COSPAR Number": f"2020-{i:03d}A",
            "NORAD Number": 40000 + i,
        }
        sheet.append([values[c] for c in header])
    book.save(path)
    return path


def make_register(path: Path, generated: str = "13 Mar 2025", cut: bool = False) -> Path:
    """A small trade register with the publisher's notes, header and quoting."""
    recipients = [
        "Germany",
        "France",
        "United Kingdom",
        "Poland",
        "Italy",
        "Netherlands",
        "Spain",
        "Greece",
        "Turkiye",
        "Romania",
    ]
    lines = [
        "Transfers of major conventional arms",
        "",
        f"Data generated: {generated} 10:02:49 AM",
        ",".join(HEADER),
    ]
    for name in recipients:
        lines.append(
            f'{name},United States,2022,,10,,M1A2 Abrams,tank,4,,2024,New,"Delivery planned 2025-2026",5,50,20'
        )
    if cut:
        lines[-1] = lines[-1][:40]
    path.write_bytes("\n".join(lines).encode("latin-1"))
    return path


def test_ucs_fake_imports_military_imaging_by_operator(tmp_path: Path) -> None:
    frame = import_satellites(make_ucs(tmp_path / "ucs.xlsx"), min_rows=10)
    assert set(frame["holder"]) == {"USA", "RUS", "CHN", "FRA", "DEU", "ITA", "GBR", "ESP"}
    assert (frame["category"] == "satellite_imaging").all() and len(frame) == 40


def test_ucs_missing_column_names_file_row_and_column(tmp_path: Path) -> None:
    path = make_ucs(tmp_path / "ucs.xlsx", drop="Users")
    with pytest.raises(InputError) as info:
        import_satellites(path, min_rows=10)
    assert str(info.value).startswith(f"{path}, key 'row 1, column 'Users''")


def test_ucs_text_in_a_number_column_names_the_row(tmp_path: Path) -> None:
    path = make_ucs(tmp_path / "ucs.xlsx")
    book = openpyxl.load_workbook(path)
    book.active.cell(7, UCS_HEADER.index("Perigee (km)") + 1).value = "about 500"
    book.save(path)
    with pytest.raises(InputError) as info:
        import_satellites(path, min_rows=10)
    assert "row 7, column 'perigee_km'" in str(info.value) and "'about 500'" in str(info.value)


def test_ucs_truncated_and_wrong_edition_are_rejected(tmp_path: Path) -> None:
    short = make_ucs(tmp_path / "ucs.xlsx", rows=30)
    with pytest.raises(InputError, match="truncated file"):
        import_satellites(short)  # default floor: half the shipped release's 7,560 rows
    older = make_ucs(tmp_path / "UCS-Satellite-Database 1-1-2022.xlsx")
    book = openpyxl.load_workbook(older)
    book.active.title = "UCS-Satellite-Database 1-1-2022"
    book.save(older)
    with pytest.raises(InputError, match="older than the shipped release"):
        import_satellites(older, shipped_release=dt.date(2023, 5, 1), min_rows=10)
    with pytest.raises(InputError, match="not a readable Excel workbook"):
        import_satellites(make_register(tmp_path / "register.xlsx"))


def test_register_fake_and_its_errors(tmp_path: Path) -> None:
    frame = import_transfers(make_register(tmp_path / "reg.csv"))
    assert len(frame) == 10 and set(frame["category"]) == {"mbt"}
    assert (frame["planned_first_delivery_year"] == 2025).all()
    assert (frame["planned_last_delivery_year"] == 2026).all()
    with pytest.raises(InputError, match="truncated"):
        import_transfers(make_register(tmp_path / "cut.csv", cut=True))
    with pytest.raises(InputError, match="older than the shipped edition"):
        import_transfers(
            make_register(tmp_path / "old.csv", generated="1 Feb 2024"), dt.date(2025, 3, 13)
        )
    bad = make_register(tmp_path / "bad.csv")
    text = bad.read_text(encoding="latin-1").replace("Number delivered", "Delivered")
    bad.write_text(text, encoding="latin-1")
    with pytest.raises(InputError) as info:
        import_transfers(bad)
    assert "row 4, column 9" in str(info.value) and "'Delivered'" in str(info.value)


def test_register_without_edition_line_or_with_a_text_number(tmp_path: Path) -> None:
    path = make_register(tmp_path / "reg.csv")
    text = path.read_text(encoding="latin-1")
    path.write_text(text.replace("Data generated: 13 Mar 2025 10:02:49 AM", ""), encoding="latin-1")
    with pytest.raises(InputError, match="no 'Data generated"):
        import_transfers(path)
    path.write_text(
        text.replace("Poland,United States,2022,,10", "Poland,United States,2022,,ten"),
        encoding="latin-1",
    )
    with pytest.raises(InputError) as info:
        import_transfers(path)
    assert "row 8, column 'Number ordered'" in str(info.value) and "'ten'" in str(info.value)


@pytest.mark.parametrize("name", sorted(FORCE_IMPORTERS))
def test_failed_import_leaves_the_shipped_table_untouched(name: str, tmp_path: Path) -> None:
    relative = FORCE_IMPORTERS[name][0]
    tables = tmp_path / "tables"
    (tables / "force").mkdir(parents=True)
    shutil.copy(TABLES_DIR / relative, tables / relative)
    before = (tables / relative).read_bytes()
    broken = tmp_path / ("broken.xlsx" if name == "ucs" else "broken.csv")
    broken.write_bytes(b"not a publisher file\n")
    with pytest.raises(InputError):
        run_force_import(name, [broken], tables)
    assert (tables / relative).read_bytes() == before
    assert sorted(p.name for p in (tables / "force").iterdir()) == [Path(relative).name]


def test_real_ucs_release_matches_a_brute_force_count(raw: Path) -> None:
    """UCS says its 1 May 2023 release lists 7,560 operating satellites; the importer's
    military/government counts per operator equal a direct count of the workbook."""
    path = raw / RAW_FILES["ucs"]
    book = pd.read_excel(path, sheet_name=0, dtype=object)
    assert len(book) == 7560
    imported = import_satellites(path)
    mil = book[book["Users"].astype(str).str.contains("Military|Government")]
    for country, iso3 in (("France", "FRA"), ("Germany", "DEU"), ("Italy", "ITA"), ("USA", "USA")):
        assert (imported["holder"] == iso3).sum() == (
            mil["Country of Operator/Owner"] == country
        ).sum()
    fra = imported[imported["holder"] == "FRA"].groupby("category").size().to_dict()
    # CSO-1, CSO-2 (imaging); CERES 1-3 and ELISA x4 (SIGINT): counted by hand in the workbook
    assert fra["satellite_imaging"] == 2 and fra["satellite_sigint"] == 7


def test_real_register_keeps_polands_k2_order(raw: Path) -> None:
    frame = import_transfers(raw / RAW_FILES["sipri-transfers"])
    k2 = frame[(frame["iso3"] == "POL") & frame["designation"].str.startswith("K2")]
    assert set(k2["category"]) == {"mbt"} and 180 in set(k2["ordered"])
    assert frame["edition"].unique().tolist() == ["2025-03-13"]
