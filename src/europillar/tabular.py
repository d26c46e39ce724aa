"""One way to write a table: the canonical CSV and JSON of the CLI, the web app and the report.

A cell is written from its value, not from the column's dtype, so a table that went
through a database or a JSON round trip (where an integer column with a gap becomes float)
writes the same bytes as the table the engine returned:

* missing (None, NaN, NA) -> empty CSV cell, JSON ``null``;
* a whole float below 10^15 -> written as an integer (``2.0`` -> ``2``);
* any other float -> its shortest round-trip form (``repr``); infinity is ``inf``/``-inf``
  in CSV and ``null`` in JSON (strict JSON has no infinity);
* booleans -> ``true``/``false``; numpy scalars -> Python values; dates -> ISO text.

A table that leaves the program (CLI, web app, report data files) is first made ready by
the output hygiene of :mod:`europillar.export` (``for_machine``): every number rounded to
its unit's meaningful precision, and an infinity turned into a missing value with a
``<column>_reason`` cell beside it. ``exact=True`` skips that step, for the dataset's
content hash, which must see every digit.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

WHOLE_LIMIT = 1e15


def cell(value: Any) -> Any:
    """The canonical Python value of one cell (see the module docstring)."""
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        with contextlib.suppress(ValueError, TypeError):
            value = value.item()
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if math.isfinite(value) and value.is_integer() and abs(value) < WHOLE_LIMIT:
            return int(value)
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if isinstance(value, str):
        return value
    if _is_missing(value):
        return None
    return str(value)


def _is_missing(value: Any) -> bool:
    try:
        import pandas as pd

        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def csv_text(value: Any) -> str:
    """The canonical CSV text of one cell."""
    value = cell(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    return str(value)


def json_value(value: Any) -> Any:
    """The canonical JSON value of one cell (strict JSON: infinity becomes null)."""
    value = cell(value)
    if isinstance(value, float) and math.isinf(value):
        return None
    return value


def _ready(frame: pd.DataFrame, exact: bool) -> pd.DataFrame:
    if exact:
        return frame
    from europillar.export.tables import for_machine

    return for_machine(frame)


def table_csv(frame: pd.DataFrame, *, exact: bool = False) -> str:
    """Canonical CSV: header row, one line per row, ``\\n`` line ends, no index."""
    frame = _ready(frame, exact)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([str(c) for c in frame.columns])
    for row in frame.itertuples(index=False, name=None):
        writer.writerow([csv_text(v) for v in row])
    return buffer.getvalue()


def table_records(frame: pd.DataFrame, *, exact: bool = False) -> list[dict[str, Any]]:
    """Canonical JSON rows: one object per row, keys in column order."""
    frame = _ready(frame, exact)
    columns = [str(c) for c in frame.columns]
    return [
        dict(zip(columns, (json_value(v) for v in row), strict=True))
        for row in frame.itertuples(index=False, name=None)
    ]


def plain(value: Any) -> Any:
    """A JSON-safe copy of metadata (mappings, sequences and cells)."""
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value) if isinstance(value, (set, frozenset)) else value
        return [plain(v) for v in items]
    return json_value(value)


def dumps(payload: Any) -> str:
    """Canonical JSON text (indented, UTF-8 characters kept, no NaN or infinity)."""
    return json.dumps(plain(payload), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def table_json(frame: pd.DataFrame) -> str:
    """Canonical JSON text of a table's rows."""
    return dumps(table_records(frame))
