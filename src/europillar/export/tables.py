"""A table made ready to leave the program: for machines (CSV, JSON) or for people (screen).

``for_machine`` keeps ids and column names, rounds every number to its unit's meaningful
precision (:mod:`europillar.export.precision`) and turns infinities into missing values
with a reason beside them (strict JSON has no ``Infinity``; a spreadsheet cannot sum one).
``for_screen`` shows labels instead of ids, formatted numbers and readable headers.
Both are pure functions of the table; the canonical serialisation then writes the bytes.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from europillar.export import labels, precision

if TYPE_CHECKING:
    import pandas as pd

REASON_SUFFIX = "_reason"
INFINITE_REASON = "not finite: the divisor is zero (e.g. a member with no military spending)"
MISSING = "–"


def nonfinite_to_missing(frame: pd.DataFrame) -> pd.DataFrame:
    """Infinite values become missing, with ``<column>_reason`` saying why (only for
    columns that had one). NaN stays missing: it already means "no figure"."""
    import numpy as np
    import pandas as pd

    out = frame.copy()
    for column in list(out.columns):
        series = out[column]
        if not pd.api.types.is_float_dtype(series):
            continue
        infinite = np.isinf(series.to_numpy(dtype=float))
        if not infinite.any():
            continue
        out[column] = series.where(~infinite)
        reason = pd.Series(np.where(infinite, INFINITE_REASON, ""), index=out.index)
        position = list(out.columns).index(column) + 1
        out.insert(position, f"{column}{REASON_SUFFIX}", reason)
    return out


def for_machine(frame: pd.DataFrame) -> pd.DataFrame:
    """Ids kept, infinities replaced (with a reason), numbers rounded by unit."""
    return precision.round_frame(nonfinite_to_missing(frame))


def with_names(frame: pd.DataFrame) -> pd.DataFrame:
    """Beside every id column (iso3, bloc, category, indicator …) its label, as
    ``<column>_name``: for spreadsheets, which people read and formulas address."""
    out = frame.copy()
    for column in list(out.columns):
        kind = labels.ID_COLUMNS.get(str(column))
        if kind is None or f"{column}_name" in out.columns:
            continue
        names = out[column].map(lambda v, k=kind: labels.of_id(k, v) if isinstance(v, str) else v)
        out.insert(list(out.columns).index(column) + 1, f"{column}_name", names)
    return out


def _is_na(value: Any) -> bool:
    import pandas as pd

    return value is pd.NA or value is pd.NaT


def format_number(value: Any, decimals: int) -> str:
    """A figure for a reader: thousands separators, fixed decimals, en dash when missing."""
    if value is None or _is_na(value):
        return MISSING
    if isinstance(value, bool):
        return "yes" if value else "no"
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, int):
        return str(value) if abs(value) < 10000 else f"{value:,}"
    if isinstance(value, float):
        if math.isnan(value):
            return MISSING
        if math.isinf(value):
            return "∞" if value > 0 else "−∞"
        return f"{value:,.{decimals}f}"
    return str(value)


def for_screen(frame: pd.DataFrame) -> tuple[list[str], list[list[str]], list[bool]]:
    """Headers, rows of text and which columns are numeric, for a table on screen.

    Id columns show labels, other cells numbers by their unit's decimals (a tidy table's
    ``value`` per row's unit); year columns print without separators.
    """
    import pandas as pd

    headers = [labels.column(str(c)) for c in frame.columns]
    numeric = [
        pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])
        for c in frame.columns
    ]
    units = frame["unit"].astype(str).tolist() if "unit" in frame.columns else None
    decimals_by_column = {
        str(c): precision.for_column(str(c))
        for c, is_number in zip(frame.columns, numeric, strict=True)
        if is_number
    }
    fallback = {c: _screen_decimals(frame[c]) for c in decimals_by_column}
    rows: list[list[str]] = []
    for index, record in enumerate(frame.itertuples(index=False, name=None)):
        cells = []
        for column, value in zip(frame.columns, record, strict=True):
            name = str(column)
            kind = labels.ID_COLUMNS.get(name)
            if kind is not None and isinstance(value, str):
                cells.append(labels.of_id(kind, value))
                continue
            if name == "year" or name.endswith("_year"):
                cells.append(_year(value))
                continue
            if name not in decimals_by_column:  # text, flags, mixed columns
                cells.append(format_number(value, 0))
                continue
            decimals = decimals_by_column[name]
            if decimals is None:
                unit = units[index] if units is not None else ""
                decimals = precision.for_unit(unit) if unit else fallback[name]
            cells.append(format_number(value, decimals))
        rows.append(cells)
    return headers, rows, numeric


def _year(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or _is_na(value):
        return MISSING
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _screen_decimals(series: pd.Series) -> int:
    """Decimals for a number column whose name and unit say nothing: none for whole
    numbers, else by magnitude (1 from 100 up, 2 from 1 up, else 4)."""
    import numpy as np

    values = series.to_numpy(dtype=float, na_value=np.nan)
    values = values[np.isfinite(values)]
    if values.size == 0 or bool(np.all(values == np.round(values))):
        return 0
    top = float(np.max(np.abs(values)))
    return 1 if top >= 100 else 2 if top >= 1 else precision.DEFAULT_DECIMALS
