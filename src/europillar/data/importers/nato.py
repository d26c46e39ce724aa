"""Importer for NATO's "Defence Expenditure of NATO Countries" Excel tables (June 2024).

Reads Table 2 (current USD), 3 (share of real GDP), 5 (GDP, current USD), 7 (military
personnel) and 8a (equipment and personnel shares). Year labels like '2023e' are NATO
estimates (estimate=true); '*' after a name (Allies with 2 % laws) is dropped; aggregate
rows ('NATO Europe and Canada', 'NATO Total', Table 8a's '#REF!' rows) are not imported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from europillar.data.importers.common import (
    FIRST_YEAR,
    SHEET_ERRORS,
    check_records,
    number,
    observations,
    require_scope,
    scope_codes,
    spellings,
)
from europillar.data.importers.workbook import open_workbook, require_sheets
from europillar.errors import InputError
from europillar.units import USD_M_CURRENT

PUBLISHER = "nato_defexp"  # its spellings in tables/country_names.csv
# The edition is the last year of the tables (the June 2024 tables end with 2024e): its
# source id is nato_defexp_<year> and its vintage nato-<year>.

AGGREGATES = frozenset({"NATO Europe and Canada", "NATO Total", "NATO Europe"})
_YEAR = re.compile(r"^(\d{4})(e?)$")


@dataclass(frozen=True)
class BlockSpec:
    """One block of rows in one NATO table, mapped to an indicator."""

    sheet: str
    block: str | None  # label that opens the block (None: the table has one block)
    indicator: str
    unit: str
    with_iceland: bool = False


BLOCKS: list[BlockSpec] = [
    BlockSpec(
        "TABLE2", "Current prices and exchange rates", "nato_defexp_usd_current_m", USD_M_CURRENT
    ),
    BlockSpec("TABLE3", "Share of real GDP (%)", "nato_defexp_share_gdp_pct", "% of GDP"),
    BlockSpec(
        "TABLE5",
        "Current prices and exchange rates",
        "nato_gdp_usd_current_m",
        USD_M_CURRENT,
        with_iceland=True,
    ),
    BlockSpec("TABLE7", None, "nato_military_personnel_k", "thousand persons"),
    BlockSpec("TABLE8a", "Equipment", "nato_equipment_share_pct", "% of defence expenditure"),
    BlockSpec("TABLE8a", "Personnel", "nato_personnel_share_pct", "% of defence expenditure"),
]


def year_label(value: Any) -> tuple[int, bool] | None:
    """2019, '2019' or '2023e' -> (year, is_estimate); anything else -> None."""
    if isinstance(value, int) and not isinstance(value, bool) and 1900 <= value <= 2100:
        return value, False
    if isinstance(value, float) and value.is_integer() and 1900 <= value <= 2100:
        return int(value), False
    if isinstance(value, str):
        match = _YEAR.match(value.strip())
        if match:
            return int(match.group(1)), match.group(2) == "e"
    return None


def _header(
    rows: list[tuple[Any, ...]], path: Path, sheet: str
) -> tuple[int, dict[int, tuple[int, bool]]]:
    for number_, row in enumerate(rows[:30]):
        years = {i: y for i, c in enumerate(row) if (y := year_label(c)) is not None}
        if len(years) >= 5:
            span = sorted(y for y, _ in years.values())
            if FIRST_YEAR not in span or span != list(range(span[0], span[-1] + 1)):
                raise InputError(
                    str(path),
                    f"sheet '{sheet}', row {number_ + 1}",
                    span,
                    f"year header must run without gaps and include {FIRST_YEAR}",
                )
            return number_, years
    raise InputError(
        str(path),
        f"sheet '{sheet}'",
        None,
        "no year header row (e.g. 2014 … '2024e') in the first 30 rows",
    )


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _block_records(
    rows: list[tuple[Any, ...]], path: Path, spec: BlockSpec, scope: frozenset[str]
) -> tuple[list[dict[str, Any]], set[str]]:
    header, years = _header(rows, path, spec.sheet)
    names = spellings(PUBLISHER)
    edition = max(y for y, _ in years.values())
    name_col = min(years) - 1
    inside = spec.block is None  # a one-block table starts right after the header
    started = False
    records: list[dict[str, Any]] = []
    found: set[str] = set()
    for index in range(header + 1, len(rows)):
        row = rows[index]
        name = _text(row[name_col]) if name_col < len(row) else ""
        label = next((t for t in (_text(c) for c in row[:name_col]) if t), "")
        if label and not name:  # a block label, an aggregate row or a page number
            if label in AGGREGATES:
                continue
            if spec.block is not None and not started and label.startswith(spec.block):
                inside = started = True
                continue
            if started or (spec.block is None and found):
                break  # the next block (or the page footer) begins
            continue
        if not inside or not name:
            continue  # rows before our block, or unnamed rows such as '#REF!' aggregates
        clean = name.rstrip("*").strip()
        if clean in AGGREGATES:
            continue
        if clean.startswith(("Notes", "(")):
            break
        iso3 = names.get(clean)
        if iso3 is None:
            raise InputError(
                str(path),
                f"sheet '{spec.sheet}', row {index + 1}, column {name_col + 1}",
                name,
                "unknown NATO member name",
                allowed=sorted(names),
            )
        if iso3 in found:
            break  # a second block repeats the country list: ours has ended
        found.add(iso3)
        for col, (year, estimate) in years.items():
            raw = row[col] if col < len(row) else None
            key = f"sheet '{spec.sheet}', row {index + 1} ({clean}), column {year}"
            if raw is None or year < FIRST_YEAR:
                continue
            if isinstance(raw, str) and raw.strip() in SHEET_ERRORS:
                raise InputError(str(path), key, raw, "spreadsheet error in a country row")
            value = number(raw, path, key)
            if iso3 not in scope:
                continue
            records.append(
                {
                    "iso3": iso3,
                    "year": year,
                    "indicator": spec.indicator,
                    "value": value,
                    "unit": spec.unit,
                    "source_id": f"nato_defexp_{edition}",
                    "estimate": estimate,
                    "method": f"NATO estimate ({year}e)" if estimate else "",
                    "note": "",
                    "vintage": f"nato-{edition}",
                    "_where": key,
                    "_raw": raw,
                }
            )
    if spec.block is not None and not started:
        raise InputError(
            str(path),
            f"sheet '{spec.sheet}'",
            spec.block,
            "block label not found (wrong edition or layout?)",
        )
    return records, found


def import_nato(path: str | Path) -> pd.DataFrame:
    """Parse and validate the NATO defence-expenditure tables; return tidy observations."""
    path = Path(path)
    workbook = open_workbook(path, read_only=True)
    require_sheets(workbook, path, sorted({b.sheet for b in BLOCKS}))
    scope = scope_codes()
    allies = set(spellings(PUBLISHER).values())
    records: list[dict[str, Any]] = []
    for spec in BLOCKS:
        rows = [tuple(r) for r in workbook[spec.sheet].iter_rows(values_only=True)]
        block, found = _block_records(rows, path, spec, scope)
        expected = allies if spec.with_iceland else allies - {"ISL"}
        require_scope(found, path, f"sheet '{spec.sheet}', block '{spec.block or 'all'}'", expected)
        records.extend(block)
    workbook.close()
    return observations(check_records(records, path))
