"""SIPRI's own regional totals and its regional grouping, read from the same workbook.

Two things come out, both for reconciling europillar's bloc sums with what SIPRI publishes:

* ``region_totals``: the ``Regional totals`` sheet (US$ bn at the release's constant prices
  for every year, plus US$ bn at current prices for the last year), for the regions that
  hold a country in scope and the world. Totals SIPRI prints in red (more than 10 % of the
  figure is SIPRI's estimate for countries without data) get ``estimate=true``.
* ``outside_scope``: for each of those regions, the sum of SIPRI's figures for the member
  states europillar does not cover (e.g. Armenia, Azerbaijan, Belarus and Georgia in
  Europe, and SIPRI's "European Union" row, the European Defence Fund, from 2022). In-scope
  members + this sum give SIPRI's total; what remains is SIPRI's imputation for countries
  without data, and the tests bound it.

``country_regions`` lists each country under the SIPRI subregion that heads it in the
``Current US$`` sheet, so a test can check the shipped regional definitions
(``tables/blocs``) against the workbook.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from europillar.data.importers.common import (
    FIRST_YEAR,
    check_records,
    number,
    observations,
    spellings,
)
from europillar.data.importers.sipri import (
    MISSING_CODES,
    PUBLISHER,
    Edition,
    _flag,
    _header,
    country_records,
    read_edition,
    require_registered,
)
from europillar.data.importers.workbook import open_workbook
from europillar.errors import InputError
from europillar.units import USD_M_CURRENT, usd_m_constant

# SIPRI region and subregion labels (as printed) -> europillar bloc / aggregate ids.
# Regions without a country in scope map to None: recognised as headers, not imported.
REGIONS: dict[str, str | None] = {
    "World": "WORLD",
    "Africa": None,
    "North Africa": None,
    "sub-Saharan Africa": None,
    "Americas": "SIPRI_AMERICAS",
    "Central America and the Caribbean": None,
    "North America": "SIPRI_NORTH_AMERICA",
    "South America": None,
    "Asia & Oceania": "SIPRI_ASIA_OCEANIA",
    "Oceania": None,
    "South Asia": None,
    "East Asia": "SIPRI_EAST_ASIA",
    "South East Asia": None,
    "Central Asia": None,
    "Europe": "SIPRI_EUROPE",
    "Central and Western Europe": "SIPRI_CENTRAL_WESTERN_EUROPE",
    "Central Europe": "SIPRI_CENTRAL_EUROPE",
    "Western Europe": "SIPRI_WESTERN_EUROPE",
    "Eastern Europe": "SIPRI_EASTERN_EUROPE",
    "Middle East": "SIPRI_MIDDLE_EAST",
}
# Subregions (as in the country sheets) that make up each region with a total.
PARTS: dict[str, tuple[str, ...]] = {
    "SIPRI_EUROPE": ("Central Europe", "Western Europe", "Eastern Europe"),
    "SIPRI_CENTRAL_WESTERN_EUROPE": ("Central Europe", "Western Europe"),
    "SIPRI_CENTRAL_EUROPE": ("Central Europe",),
    "SIPRI_WESTERN_EUROPE": ("Western Europe",),
    "SIPRI_EASTERN_EUROPE": ("Eastern Europe",),
    "SIPRI_MIDDLE_EAST": ("Middle East",),
    "SIPRI_NORTH_AMERICA": ("North America",),
    "SIPRI_AMERICAS": ("Central America and the Caribbean", "North America", "South America"),
    "SIPRI_EAST_ASIA": ("East Asia",),
    "SIPRI_ASIA_OCEANIA": ("Oceania", "South Asia", "East Asia", "South East Asia", "Central Asia"),
}
# Totals every release must print (the split of Europe's west changed in 2026: "Central and
# Western Europe" replaced "Central Europe" and "Western Europe" in the totals sheet).
REQUIRED = (
    "WORLD",
    "SIPRI_EUROPE",
    "SIPRI_EASTERN_EUROPE",
    "SIPRI_MIDDLE_EAST",
    "SIPRI_NORTH_AMERICA",
    "SIPRI_EAST_ASIA",
)
AGGREGATE_COLUMNS = [
    "aggregate",
    "year",
    "indicator",
    "value",
    "unit",
    "source_id",
    "estimate",
    "method",
    "note",
    "vintage",
]
OUTSIDE_COLUMNS = [*AGGREGATE_COLUMNS[:5], "countries", *AGGREGATE_COLUMNS[5:]]


def _totals_header(sheet: Any, path: Any) -> tuple[int, dict[int, int], int | None]:
    for row in sheet.iter_rows(min_row=1, max_row=40):
        if row and isinstance(row[0].value, str) and row[0].value.strip() == "Region":
            years: dict[int, int] = {}
            current = None
            for index, cell in enumerate(row):
                if isinstance(cell.value, int) and 1900 <= cell.value <= 2100:
                    years[index] = cell.value
                elif isinstance(cell.value, str) and "(current prices)" in cell.value:
                    current = index
            return row[0].row, years, current
    raise InputError(
        str(path), "sheet 'Regional totals'", None, "no header row starting with 'Region'"
    )


def region_totals(workbook: Any, path: Any, edition: Edition) -> pd.DataFrame:
    """SIPRI's published regional and world totals, years from 2014 (see module docstring)."""
    sheet = workbook["Regional totals"]
    header, years, current_col = _totals_header(sheet, path)
    if max(years.values()) != edition.last_year or current_col is None:
        raise InputError(
            str(path),
            f"sheet 'Regional totals', row {header}",
            max(years.values()),
            f"expected years up to {edition.last_year} and a current-prices column",
        )
    records: list[dict[str, Any]] = []
    found: set[str] = set()
    for row in sheet.iter_rows(min_row=header + 1):
        label = str(row[0].value or "").strip()
        aggregate = REGIONS.get(label)
        if aggregate is None:
            continue
        found.add(aggregate)
        columns = [(i, y, False) for i, y in years.items() if y >= FIRST_YEAR]
        columns.append((current_col, edition.last_year, True))
        for index, year, current in columns:
            cell = row[index]
            raw = cell.value
            if raw is None or (isinstance(raw, str) and raw.strip() in MISSING_CODES | {"…"}):
                continue
            key = f"sheet 'Regional totals', row {cell.row} ({label}), column {year}"
            value = number(raw, path, key)
            uncertain = _flag(cell) == "uncertain"
            records.append(
                {
                    "aggregate": aggregate,
                    "year": year,
                    "indicator": "milex_usd_current_bn"
                    if current
                    else f"milex_usd_constant{edition.base_year}_bn",
                    "value": value,
                    "unit": "USD bn, current"
                    if current
                    else f"USD bn, constant {edition.base_year}",
                    "source_id": edition.source_id,
                    "estimate": uncertain,
                    "method": "SIPRI: more than 10 % of the total is SIPRI's estimate for "
                    "countries without data (red in workbook)"
                    if uncertain
                    else "",
                    "note": f"SIPRI region '{label}' as published (sheet 'Regional totals')",
                    "vintage": edition.vintage,
                }
            )
    lacking = sorted(set(REQUIRED) - found)
    if lacking:
        raise InputError(
            str(path), "sheet 'Regional totals'", lacking, "regions missing (wrong edition?)"
        )
    return _frame(records, AGGREGATE_COLUMNS)


def country_regions(workbook: Any, path: Any) -> dict[str, list[str]]:
    """SIPRI subregion label -> country labels under it, in the ``Current US$`` sheet."""
    sheet = workbook["Current US$"]
    header, _, _ = _header(sheet, path, "Current US$")
    groups: dict[str, list[str]] = {}
    region: str | None = None
    for row in sheet.iter_rows(min_row=header + 1, max_col=1, values_only=True):
        label = str(row[0] or "").strip()
        if not label:
            continue
        if label in REGIONS:
            region = label
            groups.setdefault(label, [])
        elif region is not None and not label.startswith(("†", "‡", "§", "¶", "‖", "*")):
            groups[region].append(label)
    return groups


def _country_values(
    workbook: Any, path: Any, sheet_name: str, scale: float = 1.0
) -> dict[str, dict[int, float]]:
    sheet = workbook[sheet_name]
    header, years, _ = _header(sheet, path, sheet_name)
    values: dict[str, dict[int, float]] = {}
    for row in sheet.iter_rows(min_row=header + 1):
        label = str(row[0].value or "").strip()
        if not label or label in REGIONS:
            continue
        for index, year in years.items():
            if year < FIRST_YEAR or index >= len(row):
                continue
            raw = row[index].value
            if raw is None or (isinstance(raw, str) and raw.strip() in MISSING_CODES):
                continue
            if isinstance(raw, (int, float)) and not isinstance(raw, bool):
                key = f"sheet '{sheet_name}', row {row[index].row} ({label}), column {year}"
                values.setdefault(label, {})[year] = number(raw, path, key) * scale
    return values


def outside_scope(workbook: Any, path: Any, edition: Edition) -> pd.DataFrame:
    """Per region and year: SIPRI's figures summed over members europillar does not cover."""
    groups = country_regions(workbook, path)
    every = [c for members in groups.values() for c in members]
    # "European Union" is SIPRI's row for the European Defence Fund (footnote 103 of the
    # 2026 release): not a state, outside europillar's 44 countries, inside Europe's total.
    names = spellings(PUBLISHER)
    outside_all = sorted(c for c in every if c not in names)
    sheets = {
        f"milex_usd_constant{edition.base_year}_m": (
            edition.constant_sheet,
            usd_m_constant(edition.base_year),
        ),
        "milex_usd_current_m": ("Current US$", USD_M_CURRENT),
    }
    records: list[dict[str, Any]] = []
    regions = {**{k: v for k, v in PARTS.items()}, "WORLD": tuple(groups)}
    for indicator, (sheet_name, unit) in sheets.items():
        values = _country_values(workbook, path, sheet_name)
        for aggregate, parts in sorted(regions.items()):
            members = [c for part in parts for c in groups.get(part, []) if c in outside_all]
            for year in range(FIRST_YEAR, edition.last_year + 1):
                have = [c for c in members if year in values.get(c, {})]
                records.append(
                    {
                        "aggregate": aggregate,
                        "year": year,
                        "indicator": indicator,
                        "value": sum(values[c][year] for c in have),
                        "unit": unit,
                        "countries": ";".join(have),
                        "source_id": "europillar_derived",
                        "estimate": True,
                        "method": f"sum of SIPRI's country figures (sheet '{sheet_name}', "
                        f"{edition.source_id}) for the members of the region outside "
                        "europillar's 44 countries; members without a figure add nothing",
                        "note": "for reconciling bloc sums with SIPRI's regional totals",
                        "vintage": edition.vintage,
                    }
                )
    return _frame(records, OUTSIDE_COLUMNS)


def _frame(records: list[dict[str, Any]], columns: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame(records, columns=columns)
    frame["year"] = frame["year"].astype(int)
    frame["value"] = frame["value"].astype(float)
    frame["estimate"] = frame["estimate"].astype(bool)
    return frame.sort_values(["aggregate", "indicator", "year"]).reset_index(drop=True)


def import_sipri_release(path: str | Path) -> dict[str, pd.DataFrame]:
    """Every table one SIPRI workbook gives, named by its release (see ``data/build.py``)."""
    path = Path(path)
    workbook = open_workbook(path, read_only=False)  # fonts carry SIPRI's estimate flags
    edition = read_edition(workbook, path)
    require_registered(edition.source_id, path)
    records = check_records(country_records(workbook, path, edition), path)
    name = f"sipri_{edition.release}"
    return {
        f"observations/{name}": observations(records),
        f"aggregates/{name}": region_totals(workbook, path, edition),
        f"aggregates/{name}_outside_scope": outside_scope(workbook, path, edition),
    }


__all__ = [
    "PARTS",
    "REGIONS",
    "country_regions",
    "import_sipri_release",
    "outside_scope",
    "region_totals",
]
