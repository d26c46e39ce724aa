"""What every importer shares: the countries in scope, the observation frame, cell checks."""

from __future__ import annotations

import math
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from europillar.data.tables import OBSERVATION_COLUMNS, TABLES_DIR, load
from europillar.errors import InputError

FIRST_YEAR = 2014  # shipped tables cover 2014 to the latest year a publisher gives

# Spreadsheet error values: never data.
SHEET_ERRORS = frozenset({"#REF!", "#N/A", "#DIV/0!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!"})


def spellings(publisher: str) -> dict[str, str]:
    """A publisher's spelling of each country -> ISO3 (tables/country_names.csv).

    One table holds every publisher's names (and codes: World Bank ISO2, COW state
    numbers), so there is one map from publisher spellings to ISO3 codes.
    """
    table = load("country_names", TABLES_DIR)
    rows = table[table["publisher"] == publisher]
    if rows.empty:
        raise InputError(
            "country_names.csv",
            "publisher",
            publisher,
            "no spellings for this publisher",
            sorted(set(table["publisher"])),
        )
    return dict(zip(rows["spelling"], rows["iso3"], strict=True))


def scope_codes() -> frozenset[str]:
    """ISO3 codes of the countries europillar covers (tables/countries.csv)."""
    return frozenset(load("countries", TABLES_DIR)["iso3"])


def number(value: Any, file: str | Path, key: str) -> float:
    """A numeric cell as float; text or NaN raises InputError naming file, key and value."""
    if isinstance(value, bool):
        raise InputError(str(file), key, value, "expected a number")
    if isinstance(value, (int, float)):
        result = float(value)
        if math.isnan(result) or math.isinf(result):
            raise InputError(str(file), key, value, "expected a finite number")
        return result
    if isinstance(value, str):
        try:
            return number(float(value.strip().replace(",", "")), file, key)
        except ValueError:
            pass
    raise InputError(str(file), key, value, "expected a number")


# Indicators that may be negative: changes. Every other figure (spending, GDP, people,
# shares) is a level, and a negative level is a broken file, not data.
SIGNED_SUFFIXES = ("_change_pct", "_growth_pct")


def check_records(records: list[dict[str, Any]], file: str | Path) -> list[dict[str, Any]]:
    """Refuse negative levels and one key holding two different values; drop exact repeats.

    Each record may carry ``_where`` (sheet, row and column, or line) and ``_raw`` (the
    cell as printed, before unit conversion) so the one-sentence error names the place in
    the publisher's file and the value found there. The key is (iso3, year, indicator,
    vintage): one publisher file must give one value per country, year and indicator.
    """
    kept: dict[tuple[Any, ...], dict[str, Any]] = {}
    for record in records:
        where = str(record.get("_where") or f"{record['iso3']} {record['year']}")
        value = float(record["value"])
        shown = record.get("_raw", value)
        indicator = str(record["indicator"])
        if value < 0 and not indicator.endswith(SIGNED_SUFFIXES):
            raise InputError(str(file), where, shown, f"negative {indicator} is not a valid figure")
        key = (record["iso3"], int(record["year"]), indicator, record.get("vintage", ""))
        previous = kept.get(key)
        if previous is None:
            kept[key] = record
        elif float(previous["value"]) != value:
            raise InputError(
                str(file),
                where,
                shown,
                f"{record['iso3']} {record['year']} {indicator} appears twice with different "
                f"values (also {previous.get('_raw', previous['value'])!r} at "
                f"{previous.get('_where') or 'an earlier row'})",
            )
    return [{k: v for k, v in r.items() if k not in ("_where", "_raw")} for r in kept.values()]


def observations(records: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """Build a sorted observation frame with exactly the documented columns."""
    frame = pd.DataFrame(list(records))
    if frame.empty:
        frame = pd.DataFrame(columns=OBSERVATION_COLUMNS)
    for column in OBSERVATION_COLUMNS:
        if column not in frame.columns:
            frame[column] = ""
    frame = frame[OBSERVATION_COLUMNS].copy()
    frame["year"] = frame["year"].astype(int)
    frame["value"] = frame["value"].astype(float)
    frame["estimate"] = frame["estimate"].astype(bool)
    frame["method"] = frame["method"].fillna("")
    frame["note"] = frame["note"].fillna("")
    frame["vintage"] = frame["vintage"].fillna("")
    order = ["indicator", "iso3", "year", "vintage", "source_id"]
    return frame.sort_values(order).reset_index(drop=True)


def to_csv_text(frame: pd.DataFrame) -> str:
    """Deterministic CSV text: fixed column order, shortest round-trip floats, true/false."""
    out = frame.copy()
    if "estimate" in out.columns:
        out["estimate"] = out["estimate"].map(lambda b: "true" if bool(b) else "false")
    if "value" in out.columns:
        out["value"] = out["value"].map(_format_value)
    text: str = out.to_csv(index=False, lineterminator="\n")
    return text


def _format_value(value: float) -> str:
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))


def require_scope(found: set[str], file: str | Path, key: str, expected: Iterable[str]) -> None:
    """Raise when expected countries are absent: the sign of a truncated or wrong file."""
    missing = sorted(set(expected) - found)
    if missing:
        raise InputError(
            str(file),
            key,
            ", ".join(missing),
            "countries expected in this file are missing (truncated or wrong edition?)",
        )
