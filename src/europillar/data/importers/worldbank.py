"""Importer for World Bank WDI series repackaged by datahub.io (long CSVs).

``gdp.csv`` (NY.GDP.MKTP.CD, US$ units -> USD m), ``population.csv`` (SP.POP.TOTL) and
``ppp-gdp.csv`` (PA.NUS.PPP, LCU per international $, ISO2 codes -> ISO3). The file is
recognised by its name; columns, codes, years and numbers are checked strictly.
"""

from __future__ import annotations

from collections.abc import Iterable
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
from europillar.errors import InputError
from europillar.units import USD_M_CURRENT

PUBLISHER = "worldbank"  # its ISO2 codes in tables/country_names.csv


@dataclass(frozen=True)
class FileSpec:
    """One datahub file: its columns and the indicator it carries."""

    columns: tuple[str, str, str, str]
    indicator: str
    unit: str
    scale: float
    source_id: str
    vintage: str  # the WDI release the datahub copy holds (by its last data year)
    iso2: bool = False


FILES: dict[str, FileSpec] = {
    "gdp.csv": FileSpec(
        ("Country Name", "Country Code", "Year", "Value"),
        "gdp_usd_current_m",
        USD_M_CURRENT,
        1e-6,
        "wb_wdi_gdp",
        "wdi-2024",
    ),
    "population.csv": FileSpec(
        ("Country Name", "Country Code", "Year", "Value"),
        "population",
        "persons",
        1.0,
        "wb_wdi_population",
        "wdi-2025",
    ),
    "ppp-gdp.csv": FileSpec(
        ("Country", "Country ID", "Year", "PPP"),
        "ppp_factor_lcu_per_intl",
        "LCU per international $",
        1.0,
        "wb_wdi_ppp",
        "wdi-2025",
        iso2=True,
    ),
}


def _read(path: Path) -> pd.DataFrame:
    if not path.is_file():
        raise InputError(str(path), None, str(path), "file not found")
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
        raise InputError(
            str(path), None, path.name, f"not a well-formed CSV (truncated or wrong format: {exc})"
        ) from exc


def import_worldbank_file(path: str | Path) -> pd.DataFrame:
    """Parse one datahub World Bank CSV (recognised by file name) into observations."""
    path = Path(path)
    spec = FILES.get(path.name)
    if spec is None:
        raise InputError(
            str(path), "file name", path.name, "not a known World Bank file", allowed=sorted(FILES)
        )
    frame = _read(path)
    if tuple(frame.columns) != spec.columns:
        raise InputError(
            str(path),
            "header",
            ",".join(map(str, frame.columns)),
            "unexpected columns (wrong file or layout)",
            allowed=[",".join(spec.columns)],
        )
    _, code_col, year_col, value_col = spec.columns
    scope = scope_codes()
    mapping = spellings(PUBLISHER) if spec.iso2 else {code: code for code in scope}
    records: list[dict[str, Any]] = []
    found: set[str] = set()
    for index, row in enumerate(frame.itertuples(index=False, name=None)):
        line = index + 2  # 1-based, after the header line
        year_text = str(row[2]).strip()
        if not year_text.isdigit() or not 1900 <= int(year_text) <= 2100:
            raise InputError(
                str(path), f"line {line}, column '{year_col}'", row[2], "expected a four-digit year"
            )
        year = int(year_text)
        key = f"line {line} ({row[0]} {year}), column '{value_col}'"
        value = number(row[3], path, key)  # every row is checked, in scope or not
        iso3 = mapping.get(str(row[1]).strip())
        if iso3 is None or iso3 not in scope or year < FIRST_YEAR:
            continue
        if value <= 0:
            raise InputError(str(path), key, row[3], "expected a positive number")
        found.add(iso3)
        records.append(
            {
                "iso3": iso3,
                "year": year,
                "indicator": spec.indicator,
                "value": value * spec.scale,
                "unit": spec.unit,
                "source_id": spec.source_id,
                "estimate": False,
                "method": "",
                "note": "",
                "vintage": spec.vintage,
                "_where": key,
                "_raw": row[3],
            }
        )
    expected = set(scope) if not spec.iso2 else set(spellings(PUBLISHER).values()) & set(scope)
    require_scope(found, path, f"column '{code_col}'", expected)
    return observations(check_records(records, path))


def import_worldbank(paths: Iterable[str | Path]) -> pd.DataFrame:
    """Import several World Bank files (each at most once) into one observation frame."""
    frames = []
    seen: set[str] = set()
    for path in paths:
        name = Path(path).name
        if name in seen:
            raise InputError(str(path), "file name", name, "file given twice")
        seen.add(name)
        frames.append(import_worldbank_file(path))
    if not frames:
        raise InputError(None, "files", None, "no World Bank file given", allowed=sorted(FILES))
    return observations(pd.concat(frames, ignore_index=True).to_dict("records"))
