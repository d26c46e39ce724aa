"""Importer for the UCS Satellite Database (the publisher's Excel workbook).

``import_satellites(path)`` reads the workbook and returns one row per operating
satellite whose users include the military or a government and whose operator is a
state in europillar's scope (or a group of such states, kept as a pooled holder), with
its taxonomy category (imaging, SIGINT, communications or other) and its orbit.

All-or-nothing: a workbook that lacks the sheet or a column, is cut off, or is an older
release than the one shipped raises an ``InputError`` naming file, row and column.
UCS gives perigee, apogee and inclination but no RAAN or mean anomaly: the ISR engine
states its own phasing assumption (docs/force-data.md).
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path
from typing import Any

import pandas as pd

from europillar.data.importers.common import require_scope, scope_codes, spellings
from europillar.errors import InputError

SOURCE_ID = "ucs_satellites_2023"
PUBLISHER = "ucs_satellites"  # its spellings in tables/country_names.csv
SHEET = re.compile(r"^UCS[- ]Satellite[- ]Database")
RELEASE = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})")
COLUMNS = {
    "Name of Satellite, Alternate Names": "name",
    "Country of Operator/Owner": "operator_country",
    "Operator/Owner": "operator",
    "Users": "users",
    "Purpose": "purpose",
    "Detailed Purpose": "detailed_purpose",
    "Class of Orbit": "orbit_class",
    "Perigee (km)": "perigee_km",
    "Apogee (km)": "apogee_km",
    "Inclination (degrees)": "inclination_deg",
    "Period (minutes)": "period_min",
    "Date of Launch": "launch_date",
    "COSPAR Number": "cospar_id",
    "NORAD Number": "norad_id",
}
NUMERIC = ("perigee_km", "apogee_km", "inclination_deg", "period_min")
# Operators that must appear in any complete release: absent means a cut-off file.
EXPECTED = ("USA", "RUS", "CHN", "FRA", "DEU", "ITA", "GBR", "ESP")
# A later release should not be less than half the size of the shipped one (7,560 rows).
MIN_ROWS = 3780
SATELLITE_COLUMNS = [
    "name",
    "holder",
    "holder_type",
    "operator_country",
    "operator",
    "users",
    "purpose",
    "detailed_purpose",
    "category",
    "orbit_class",
    "perigee_km",
    "apogee_km",
    "inclination_deg",
    "period_min",
    "launch_date",
    "launch_year",
    "cospar_id",
    "norad_id",
    "edition",
    "source_id",
    "estimate",
    "method",
    "note",
]
IMAGING = re.compile(r"Imaging|Synthetic Aperture Radar|Radar Surveillance", re.I)
SIGINT = re.compile(r"Electronic Intelligence|Signals Intelligence", re.I)


def category_of(users: str, purpose: str, detailed: str) -> str:
    """Taxonomy category of one satellite: imaging, SIGINT, comms, or 'other'.

    Only military or government users count (taxonomy: 'military or government use');
    imaging and SIGINT need an Earth-observation or surveillance purpose, so
    meteorological and science satellites stay 'other'.
    """
    if not re.search(r"Military|Government", users):
        return "other"
    if re.match(r"Earth Observation|Surveillance", purpose):
        if SIGINT.search(detailed):
            return "satellite_sigint"
        if IMAGING.search(detailed):
            return "satellite_imaging"
        return "other"
    if purpose.startswith("Communications"):
        return "satellite_comms"
    return "other"


def release_date(path: Path, sheet: str) -> dt.date:
    """UCS names each release by its cut-off date (M-D-YYYY) in the file and sheet names."""
    for text in (sheet, path.name):
        found = RELEASE.search(text)
        if found:
            month, day, year = (int(g) for g in found.groups())
            try:
                return dt.date(year, month, day)
            except ValueError:
                break
    raise InputError(
        str(path), "sheet name", sheet, "no release date (M-D-YYYY) in the sheet or file name"
    )


def _holder(country: str, scope: frozenset[str], names: dict[str, str]) -> tuple[str, str]:
    """(holder, holder_type): an ISO3 in scope, or a pooled id for a group of them."""
    parts = [p.strip() for p in country.split("/")]
    codes = [names.get(p, "") for p in parts]
    if len(parts) == 1:
        return (codes[0], "country") if codes[0] in scope else ("", "")
    if all(c in scope for c in codes):
        return "POOLED_" + "_".join(codes), "pooled"
    return "", ""


def _cell_number(value: Any, file: str, row: int, column: str) -> float:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value == "":
        return float("nan")
    try:
        return float(str(value).replace(",", "").strip())
    except ValueError:
        raise InputError(
            file, f"row {row}, column '{column}'", value, "expected a number"
        ) from None


def _launch(value: Any, file: str, row: int) -> tuple[str, int]:
    if isinstance(value, (dt.date, dt.datetime, pd.Timestamp)):
        day = pd.Timestamp(value)
        return day.date().isoformat(), int(day.year)
    raise InputError(file, f"row {row}, column 'Date of Launch'", value, "expected a date")


def import_satellites(
    path: str | Path, shipped_release: dt.date | None = None, min_rows: int = MIN_ROWS
) -> pd.DataFrame:
    """Military and government satellites of in-scope operators, one row each.

    ``min_rows``: fewer listed satellites means a cut-off file (tests lower it for fakes).
    """
    path = Path(path)
    file = str(path)
    try:
        book = pd.ExcelFile(path, engine="openpyxl")
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
        raise InputError(file, None, path.name, f"not a readable Excel workbook ({exc})") from None
    sheet = next((s for s in book.sheet_names if SHEET.match(s)), None)
    if sheet is None:
        raise InputError(file, "sheet", book.sheet_names[:3], "no 'UCS-Satellite-Database …' sheet")
    release = release_date(path, sheet)
    if shipped_release is not None and release < shipped_release:
        raise InputError(
            file,
            "release",
            release.isoformat(),
            f"older than the shipped release ({shipped_release.isoformat()})",
        )
    raw = pd.read_excel(book, sheet_name=sheet, dtype=object)
    missing = [c for c in COLUMNS if c not in raw.columns]
    if missing:
        raise InputError(
            file, f"row 1, column '{missing[0]}'", None, "required UCS column is missing"
        )
    raw = raw[list(COLUMNS)].rename(columns=COLUMNS)
    raw = raw[raw["name"].notna()]
    if len(raw) < min_rows:
        raise InputError(
            file,
            f"row {len(raw) + 1}",
            len(raw),
            f"only {len(raw)} satellites (a release lists thousands): truncated file",
        )
    scope = scope_codes()
    names = spellings(PUBLISHER)
    found: set[str] = set()
    records = []
    for index, row in raw.iterrows():
        line = int(str(index)) + 2  # spreadsheet row: header is row 1
        country = str(row["operator_country"]).strip()
        holder, holder_type = _holder(country, scope, names)
        found.update(names.get(p.strip(), "") for p in country.split("/"))
        numbers = {c: _cell_number(row[c], file, line, c) for c in NUMERIC}
        if not holder:
            continue
        users = str(row["users"] if pd.notna(row["users"]) else "").strip()
        purpose = str(row["purpose"] if pd.notna(row["purpose"]) else "").strip()
        detailed = str(row["detailed_purpose"] if pd.notna(row["detailed_purpose"]) else "")
        if not re.search(r"Military|Government", users):
            continue
        # Checked only for the rows kept: UCS itself has a few garbled dates elsewhere.
        launch_date, launch_year = _launch(row["launch_date"], file, line)
        norad = _cell_number(row["norad_id"], file, line, "NORAD Number")
        records.append(
            {
                "name": str(row["name"]).strip(),
                "holder": holder,
                "holder_type": holder_type,
                "operator_country": country,
                "operator": str(row["operator"]).strip() if pd.notna(row["operator"]) else "",
                "users": users,
                "purpose": purpose,
                "detailed_purpose": detailed.strip(),
                "category": category_of(users, purpose, detailed),
                "orbit_class": str(row["orbit_class"]).strip(),
                **numbers,
                "launch_date": launch_date,
                "launch_year": launch_year,
                "cospar_id": str(row["cospar_id"]).strip() if pd.notna(row["cospar_id"]) else "",
                "norad_id": "" if pd.isna(norad) else str(int(norad)),
                "edition": release.isoformat(),
                "source_id": SOURCE_ID,
                "estimate": False,
                "method": "",
                "note": "",
            }
        )
    require_scope(found, file, "Country of Operator/Owner", EXPECTED)
    frame = pd.DataFrame(records, columns=SATELLITE_COLUMNS)
    return frame.sort_values(["holder", "category", "name"], kind="stable").reset_index(drop=True)
