"""Render a DataFrame as a rich table, CSV or JSON. Machine formats carry no timestamps."""

from __future__ import annotations

import json
import math
import sys
from enum import StrEnum
from typing import Any

import pandas as pd
from rich.console import Console
from rich.table import Table


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def _clean(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):
        return _clean(value.item())
    return value


def frame_to_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """JSON-safe records: NaN becomes null, numpy scalars become Python scalars."""
    return [{k: _clean(v) for k, v in row.items()} for row in frame.to_dict(orient="records")]


def emit(
    frame: pd.DataFrame,
    fmt: Format | str,
    title: str | None = None,
    caption: str | None = None,
    json_extra: dict[str, Any] | None = None,
) -> None:
    """Write ``frame`` to stdout in the chosen format.

    ``caption`` (sources, units) appears under the table; ``json_extra`` adds keys to the
    JSON object (for example solver status) beside ``rows``.
    """
    fmt = Format(fmt)
    if fmt is Format.csv:
        frame.to_csv(sys.stdout, index=False, lineterminator="\n")
    elif fmt is Format.json:
        payload: Any = frame_to_records(frame)
        if json_extra is not None:
            payload = {**json_extra, "rows": payload}
        sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False, default=str) + "\n")
    else:
        table = Table(title=title, caption=caption)
        for column in frame.columns:
            numeric = pd.api.types.is_numeric_dtype(frame[column])
            table.add_column(str(column), justify="right" if numeric else "left")
        for row in frame.itertuples(index=False):
            table.add_row(*(_format_cell(v) for v in row))
        Console(width=max(120, Console().width)).print(table)


def _format_cell(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, float):
        if abs(value) >= 1000:
            return f"{value:,.0f}"
        return f"{value:,.2f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}" if abs(value) >= 10000 else str(value)
    return str(value)
