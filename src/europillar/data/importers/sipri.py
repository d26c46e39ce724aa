"""Importer for the SIPRI Military Expenditure Database workbook (2025 release).

Reads five country sheets, keeps the countries in scope and the years from 2014, converts
SIPRI's share of GDP from a fraction to percent and local currency from units to millions,
and flags figures SIPRI prints in blue (estimates) or red (highly uncertain).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from europillar.data.importers.common import (
    FIRST_YEAR,
    number,
    observations,
    require_scope,
    scope_codes,
    spellings,
)
from europillar.data.importers.workbook import open_workbook, require_sheets
from europillar.errors import InputError
from europillar.units import USD_M_CONSTANT_2023, USD_M_CURRENT, USD_PER_PERSON

SOURCE_ID = "sipri_milex_2025"
PUBLISHER = "sipri_milex"  # its spellings in tables/country_names.csv
MISSING_CODES = frozenset({"...", ". .", "..", "xxx", ""})


@dataclass(frozen=True)
class SheetSpec:
    """How one SIPRI sheet maps to an indicator."""

    indicator: str
    unit: str
    scale: float
    title_words: str  # text the title cell (A1) must contain: guards against a wrong edition
    fraction: bool = False


SHEETS: dict[str, SheetSpec] = {
    "Constant (2023) US$": SheetSpec(
        "milex_usd_constant2023_m", USD_M_CONSTANT_2023, 1.0, "constant (2023) us$ m"
    ),
    "Current US$": SheetSpec(
        "milex_usd_current_m", USD_M_CURRENT, 1.0, "current prices and exchange rates"
    ),
    "Share of GDP": SheetSpec(
        "milex_share_gdp_pct",
        "% of GDP",
        100.0,
        "percentage of gross domestic product",
        fraction=True,
    ),
    "Per capita": SheetSpec("milex_per_capita_usd", USD_PER_PERSON, 1.0, "per capita"),
    "Local currency calendar years": SheetSpec(
        "milex_lcu_current_m", "local currency m, current", 1e-6, "in local currency"
    ),
}

BLUE, RED = 12, 10  # indexed font colours SIPRI uses for estimates / uncertain figures


def _flag(cell: Any) -> str:
    """'' for a plain figure, 'estimate' (blue font) or 'uncertain' (red font)."""
    color = getattr(cell.font, "color", None)
    if color is None:
        return ""
    if color.type == "indexed":
        return {BLUE: "estimate", RED: "uncertain"}.get(color.indexed, "")
    if color.type == "rgb" and isinstance(color.rgb, str):
        return {"FF0000FF": "estimate", "FFFF0000": "uncertain"}.get(color.rgb.upper(), "")
    return ""


def _header(sheet: Any, path: Path, name: str) -> tuple[int, dict[int, int], int | None]:
    """Find the header row: (row number, {column index: year}, currency column or None)."""
    for row in sheet.iter_rows(min_row=1, max_row=15):
        if row and isinstance(row[0].value, str) and row[0].value.strip() == "Country":
            years: dict[int, int] = {}
            currency = None
            for index, cell in enumerate(row):
                value = cell.value
                if isinstance(value, int) and 1900 <= value <= 2100:
                    years[index] = value
                elif isinstance(value, str) and value.strip() == "Currency":
                    currency = index
            span = sorted(years.values())
            if not span or FIRST_YEAR not in span or span != list(range(span[0], span[-1] + 1)):
                raise InputError(
                    str(path),
                    f"sheet '{name}', row {row[0].row}",
                    span[-3:],
                    f"year header must run without gaps and include {FIRST_YEAR}",
                )
            return row[0].row, years, currency
    raise InputError(
        str(path),
        f"sheet '{name}'",
        None,
        "no header row starting with 'Country' in the first 15 rows",
    )


def _records(
    sheet: Any, path: Path, name: str, spec: SheetSpec, scope: frozenset[str]
) -> tuple[list[dict[str, Any]], set[str]]:
    title = str(sheet.cell(1, 1).value or "").lower()
    if spec.title_words not in title:
        raise InputError(
            str(path),
            f"sheet '{name}', cell A1",
            sheet.cell(1, 1).value,
            f"title does not mention '{spec.title_words}' (wrong edition or sheet?)",
        )
    header_row, years, currency_col = _header(sheet, path, name)
    names = spellings(PUBLISHER)
    records: list[dict[str, Any]] = []
    found: set[str] = set()
    for row in sheet.iter_rows(min_row=header_row + 1):
        label = row[0].value
        iso3 = names.get(str(label).strip()) if label is not None else None
        if iso3 is None or iso3 not in scope:
            continue  # region header, other country, blank or footnote row
        found.add(iso3)
        unit = spec.unit
        if currency_col is not None:
            currency = str(row[currency_col].value or "").strip()
            unit = f"{spec.unit} ({currency})" if currency else spec.unit
        for index, year in years.items():
            if year < FIRST_YEAR or index >= len(row):
                continue
            cell = row[index]
            raw = cell.value
            if raw is None or (isinstance(raw, str) and raw.strip() in MISSING_CODES):
                continue
            key = f"sheet '{name}', row {cell.row} ({label}), column {year}"
            if isinstance(raw, str):
                raise InputError(
                    str(path),
                    key,
                    raw,
                    "expected a number or a SIPRI missing code",
                    allowed=sorted(MISSING_CODES - {""}),
                )
            value = number(raw, path, key)
            if spec.fraction and not 0 <= value < 1:
                raise InputError(
                    str(path),
                    key,
                    raw,
                    "share of GDP must be a fraction between 0 and 1 in this sheet",
                )
            flag = _flag(cell)
            method = {
                "estimate": "SIPRI estimate (blue in workbook)",
                "uncertain": "SIPRI: highly uncertain (red in workbook)",
            }.get(flag, "")
            records.append(
                {
                    "iso3": iso3,
                    "year": year,
                    "indicator": spec.indicator,
                    "value": value * spec.scale,
                    "unit": unit,
                    "source_id": SOURCE_ID,
                    "estimate": bool(flag),
                    "method": method,
                    "note": "",
                }
            )
    return records, found


def import_sipri(path: str | Path) -> pd.DataFrame:
    """Parse and validate the SIPRI milex workbook; return tidy observations (in scope)."""
    path = Path(path)
    workbook = open_workbook(path, read_only=False)  # fonts carry SIPRI's estimate flags
    require_sheets(workbook, path, list(SHEETS))
    scope = scope_codes()
    expected = {iso for iso in spellings(PUBLISHER).values() if iso in scope}
    records: list[dict[str, Any]] = []
    for name, spec in SHEETS.items():
        sheet_records, found = _records(workbook[name], path, name, spec, scope)
        require_scope(found, path, f"sheet '{name}', column A", expected)
        records.extend(sheet_records)
    return observations(records)
