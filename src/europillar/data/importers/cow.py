"""Importer for Correlates of War National Material Capabilities v7.0 (abridged CSV).

Keeps ``milper`` (military personnel, thousands) as ``personnel_active_k`` for the
countries in scope from 2014; ``-9`` means missing and gives no row.
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
    require_scope,
    scope_codes,
    spellings,
)
from europillar.errors import InputError

SOURCE_ID = "cow_nmc_v7"
PUBLISHER = "cow"  # its state numbers in tables/country_names.csv
VINTAGE = "cow-nmc-7.0"
VERSION = "2025"  # the 'version' column of NMC v7.0; v6.0 says 2021
COLUMNS = (
    "stateabb",
    "ccode",
    "year",
    "milex",
    "milper",
    "irst",
    "pec",
    "tpop",
    "upop",
    "cinc",
    "version",
)


def import_cow(path: str | Path) -> pd.DataFrame:
    """Parse and validate NMC v7.0 abridged; return personnel observations in scope."""
    path = Path(path)
    if not path.is_file():
        raise InputError(str(path), None, str(path), "file not found")
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
        raise InputError(str(path), None, path.name, f"not a well-formed CSV: {exc}") from exc
    if tuple(frame.columns) != COLUMNS:
        raise InputError(
            str(path),
            "header",
            ",".join(frame.columns),
            "unexpected columns (not NMC abridged)",
            allowed=[",".join(COLUMNS)],
        )
    scope = scope_codes()
    codes = spellings(PUBLISHER)  # COW state number (as text) -> ISO3; 345 is Serbia from 2006
    records: list[dict[str, Any]] = []
    found: set[str] = set()
    for index, row in enumerate(frame.itertuples(index=False)):
        line = index + 2
        if row.version != VERSION:
            raise InputError(
                str(path),
                f"line {line}, column 'version'",
                row.version,
                "wrong NMC edition (v7.0 has version 2025)",
                allowed=[VERSION],
            )
        if not row.ccode.isdigit() or not row.year.isdigit():
            raise InputError(
                str(path),
                f"line {line}, columns 'ccode'/'year'",
                f"{row.ccode}/{row.year}",
                "expected integer codes and years",
            )
        iso3 = codes.get(str(int(row.ccode)))
        year = int(row.year)
        value = number(row.milper, path, f"line {line} ({row.stateabb} {year}), column 'milper'")
        if iso3 is None or iso3 not in scope or year < FIRST_YEAR:
            continue
        if value == -9:
            continue
        if value < 0:
            raise InputError(
                str(path),
                f"line {line} ({row.stateabb} {year}), column 'milper'",
                row.milper,
                "negative personnel (only -9 codes missing)",
            )
        found.add(iso3)
        note = "COW state 345 (YUG): Serbia since 2006" if int(row.ccode) == 345 else ""
        if value == 0:
            note = "0 as published (COW counts whole thousands)"
        records.append(
            {
                "iso3": iso3,
                "year": year,
                "indicator": "personnel_active_k",
                "value": value,
                "unit": "thousand persons",
                "source_id": SOURCE_ID,
                "estimate": False,
                "method": "",
                "note": note,
                "vintage": VINTAGE,
                "_where": f"line {line} ({row.stateabb} {year}), column 'milper'",
                "_raw": row.milper,
            }
        )
    require_scope(found, path, "column 'ccode'", set(codes.values()) & scope)
    return observations(check_records(records, path))
