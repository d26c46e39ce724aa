"""Importer for the SIPRI Military Expenditure Database workbook (any yearly release).

Reads five country sheets, keeps the countries in scope and the years from 2014, converts
SIPRI's share of GDP from a fraction to percent and local currency from units to millions,
and flags figures SIPRI prints in blue (estimates) or red (highly uncertain).

The edition is read from the workbook itself, so a new release imports without code
changes: the last year of the ``Current US$`` header is the last data year, SIPRI
releases it the following April (data to 2024: the 2025 release, ``sipri_milex_2025``,
vintage ``sipri-2025``), and the price base comes from the ``Constant (YYYY) US$`` sheet
name (2023 in the 2025 release, 2024 in the 2026 release). The release must be registered
in the sources registry before it can be imported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from europillar.data.importers.common import (
    FIRST_YEAR,
    check_records,
    number,
    observations,
    require_scope,
    scope_codes,
    spellings,
)
from europillar.data.importers.workbook import open_workbook, require_sheets
from europillar.errors import InputError
from europillar.units import USD_M_CURRENT, USD_PER_PERSON, usd_m_constant

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


CONSTANT_SHEET = re.compile(r"^Constant \((\d{4})\) US\$$")


def constant_spec(base_year: int) -> SheetSpec:
    """The constant-price sheet of a release whose price base is ``base_year``."""
    return SheetSpec(
        f"milex_usd_constant{base_year}_m",
        usd_m_constant(base_year),
        1.0,
        f"constant ({base_year}) us$ m",
    )


SHEETS: dict[str, SheetSpec] = {
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


@dataclass(frozen=True)
class Edition:
    """Which SIPRI release a workbook is: read from the workbook, never assumed."""

    release: int  # year SIPRI published it (the April after the last data year)
    last_year: int
    base_year: int  # price base of the constant-dollar sheet
    constant_sheet: str

    @property
    def source_id(self) -> str:
        return f"sipri_milex_{self.release}"

    @property
    def vintage(self) -> str:
        return f"sipri-{self.release}"


def read_edition(workbook: Any, path: Path) -> Edition:
    """The release of ``workbook``: last data year and price base (see module docstring)."""
    constant = [n for n in workbook.sheetnames if CONSTANT_SHEET.match(n)]
    if len(constant) != 1:
        raise InputError(
            str(path),
            "sheet",
            constant or None,
            "expected exactly one 'Constant (YYYY) US$' sheet (wrong file or edition?)",
            allowed=workbook.sheetnames,
        )
    require_sheets(workbook, path, list(SHEETS))
    _, years, _ = _header(workbook["Current US$"], path, "Current US$")
    match = CONSTANT_SHEET.match(constant[0])
    assert match is not None
    last = max(years.values())
    return Edition(last + 1, last, int(match.group(1)), constant[0])


def _records(
    sheet: Any,
    path: Path,
    name: str,
    spec: SheetSpec,
    scope: frozenset[str],
    edition: Edition,
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
                    "source_id": edition.source_id,
                    "estimate": bool(flag),
                    "method": method,
                    "note": "",
                    "vintage": edition.vintage,
                    "_where": key,
                    "_raw": raw,
                }
            )
    return records, found


def sheet_specs(edition: Edition) -> dict[str, SheetSpec]:
    """Every country sheet the importer reads in this edition, with its indicator."""
    return {edition.constant_sheet: constant_spec(edition.base_year), **SHEETS}


def country_records(workbook: Any, path: Path, edition: Edition) -> list[dict[str, Any]]:
    """Observation records (with ``_where``) of every country sheet, for the countries in scope."""
    scope = scope_codes()
    expected = {iso for iso in spellings(PUBLISHER).values() if iso in scope}
    records: list[dict[str, Any]] = []
    for name, spec in sheet_specs(edition).items():
        sheet_records, found = _records(workbook[name], path, name, spec, scope, edition)
        require_scope(found, path, f"sheet '{name}', column A", expected)
        records.extend(sheet_records)
    return records


def import_sipri(path: str | Path) -> pd.DataFrame:
    """Parse and validate a SIPRI milex workbook; return tidy observations (in scope)."""
    path = Path(path)
    workbook = open_workbook(path, read_only=False)  # fonts carry SIPRI's estimate flags
    edition = read_edition(workbook, path)
    require_registered(edition.source_id, path)
    return observations(check_records(country_records(workbook, path, edition), path))


def require_registered(source_id: str, path: Path) -> None:
    """A release is imported only once its source row (edition, date, terms) is registered."""
    from europillar.data.tables import TABLES_DIR, load

    known = set(load("sources", TABLES_DIR)["source_id"])
    if source_id not in known:
        raise InputError(
            str(path),
            "edition",
            source_id,
            "this SIPRI release is not in the sources registry: add its row to "
            "tables/sources/core.csv (edition, date, URL, terms) first",
        )


__all__ = [
    "PUBLISHER",
    "Edition",
    "country_records",
    "import_sipri",
    "read_edition",
    "sheet_specs",
]
