"""How many decimals a number carries, from its unit: the meaningful precision.

A figure is rounded once, when it leaves the program (CSV, JSON, spreadsheet, screen),
never inside an engine. The rules, most specific first:

1. a column listed in ``columns.csv`` with ``decimals``;
2. the column's name: ``*_pct`` 2 (percent), ``*_usd_m``/``*_eur_m`` 1 (SIPRI's
   precision for USD m), ``*_bn`` 2, ``*_k`` 1 (thousand persons), ``*_h`` 1 (hours),
   ``*_km`` 0, year columns 0, voting-power and other index columns 4;
3. in a tidy table (a ``unit`` column beside ``value``), the row's unit: counts of
   equipment (the taxonomy's units: vehicles, aircraft, ships …) 0, persons 0, money in
   millions 1, in billions 2, percent 2, thousand persons 1, an index 4;
4. anything else: 4 decimals (no 16-digit tails, nothing lost that a reader could use).

Rounding is numpy's (half to even), so it is the same on every machine.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from europillar.export import labels

if TYPE_CHECKING:
    import pandas as pd

DEFAULT_DECIMALS = 4
INDEX_DECIMALS = 4
INDEX_WORDS = ("banzhaf", "shapley", "penrose", "index", "normalized", "normalised", "gini")
SUFFIX_DECIMALS = (
    ("_pct", 2),
    ("_usd_m", 1),
    ("_eur_m", 1),
    ("_m", 1),
    ("_bn", 2),
    ("_k", 1),
    ("_h", 1),
    ("_km", 0),
    ("_deg", 2),
    ("_persons", 0),
    ("_units", 0),
    ("_count", 0),
)
COUNT_UNITS = frozenset(
    {"persons", "units", "members", "states", "countries", "draws", "categories", "rules"}
)


@functools.cache
def _listed() -> dict[str, int]:
    import csv

    with (labels.HERE / "columns.csv").open(encoding="utf-8", newline="") as handle:
        return {r["column"]: int(r["decimals"]) for r in csv.DictReader(handle) if r["decimals"]}


@functools.cache
def _count_units() -> frozenset[str]:
    units = {u.lower() for _name, u in labels._categories().values()}
    return frozenset(units) | COUNT_UNITS


def for_column(name: str) -> int | None:
    """Decimals for a column by its name, or None when the name does not say."""
    listed = _listed()
    if name in listed:
        return listed[name]
    if name == "year" or name.endswith("_year") or name.startswith("year_"):
        return 0
    if any(word in name for word in INDEX_WORDS):
        return INDEX_DECIMALS
    for suffix, decimals in SUFFIX_DECIMALS:
        if name.endswith(suffix):
            return decimals
    return None


@functools.cache
def for_unit(unit: str) -> int:
    """Decimals for a value in ``unit`` (e.g. USD m at constant prices -> 1)."""
    text = unit.strip().lower()
    if not text:
        return DEFAULT_DECIMALS
    if text in _count_units() or text.split(",")[0] in _count_units():
        return 0
    if text.startswith("%") or "percent" in text:
        return 2
    if re.search(r"\bbn\b|billion", text):
        return 2
    if re.search(r"\bm\b|million", text):
        return 1
    if text.startswith("thousand"):
        return 1
    if "index" in text or text in ("share", "fraction", "ratio"):
        return INDEX_DECIMALS
    if text.startswith(("usd", "eur", "international $")):
        return 0  # per-capita money: whole dollars
    return DEFAULT_DECIMALS


def round_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every float column rounded by the rules above."""
    import numpy as np
    import pandas as pd

    out = frame.copy()
    unit_column = "unit" if "unit" in out.columns else None
    for column in out.columns:
        series = out[column]
        if not pd.api.types.is_float_dtype(series):
            continue
        decimals = for_column(str(column))
        if decimals is not None:
            out[column] = series.round(decimals)
        elif unit_column is not None:
            per_row = out[unit_column].astype(str).map(for_unit).to_numpy()
            values = series.to_numpy(dtype=float)
            rounded = values.copy()
            for decimals in np.unique(per_row):
                mask = per_row == decimals
                rounded[mask] = np.round(values[mask], int(decimals))
            out[column] = rounded
        else:
            out[column] = series.round(DEFAULT_DECIMALS)
    return out


def decimals_of(frame: pd.DataFrame, column: str) -> int:
    """Decimals to show for ``column`` of ``frame`` on screen (a tidy table's first unit)."""
    found = for_column(column)
    if found is not None:
        return found
    if "unit" in frame.columns and len(frame):
        units = frame["unit"].astype(str).unique()
        return max(for_unit(u) for u in units)
    return DEFAULT_DECIMALS
