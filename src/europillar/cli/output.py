"""Render a table as a rich table, CSV or JSON (canonical forms: ``europillar.tabular``).

Machine formats carry no timestamps. This module imports pandas and rich only when it
renders, so that ``europillar --help`` stays fast.
"""

from __future__ import annotations

import io
import math
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from europillar.result import Result


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def frame_to_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Canonical JSON rows (``europillar.tabular.table_records``)."""
    from europillar.tabular import table_records

    return table_records(frame)


def render(
    frame: pd.DataFrame,
    fmt: Format | str,
    title: str | None = None,
    caption: str | None = None,
    json_extra: dict[str, Any] | None = None,
) -> str:
    """``frame`` as text in the chosen format (see :func:`emit`)."""
    from europillar import tabular

    fmt = Format(fmt)
    if fmt is Format.csv:
        return tabular.table_csv(frame)
    if fmt is Format.json:
        payload: Any = tabular.table_records(frame)
        if json_extra is not None:
            payload = {**json_extra, "rows": payload}
        return tabular.dumps(payload)
    return _rich_text(frame, title, caption)


def emit(
    frame: pd.DataFrame,
    fmt: Format | str,
    title: str | None = None,
    caption: str | None = None,
    json_extra: dict[str, Any] | None = None,
    output: Path | None = None,
) -> None:
    """Write ``frame`` to stdout (or ``output``, atomically) in the chosen format.

    ``caption`` (sources, units) appears under the table; ``json_extra`` adds keys to the
    JSON object beside ``rows``.
    """
    if Format(fmt) is Format.table and output is None:
        from rich.console import Console

        Console(width=max(120, Console().width)).print(_rich_table(frame, title, caption))
        return
    text = render(frame, fmt, title, caption, json_extra)
    if output is None:
        sys.stdout.write(text)
        return
    from europillar.atomic import write_text

    write_text(output, text)
    sys.stderr.write(f"wrote {output}\n")


def emit_result(
    result: Result,
    table: str,
    fmt: Format | str,
    title: str,
    caption: str = "",
    columns: list[str] | None = None,
    extra: dict[str, Any] | None = None,
    output: Path | None = None,
    frame: pd.DataFrame | None = None,
) -> None:
    """One table of an engine result: CSV is the table alone; JSON adds the result's
    metadata, sources, notes and missing list (and ``extra``); the screen table shows
    ``columns`` (default: all) with the sources and notes under it. ``frame`` replaces
    the table by a view derived from it (e.g. fewer rows)."""
    fmt = Format(fmt)
    if frame is None:
        frame = result.tables[table]
    if fmt is Format.table:
        if columns is not None:
            frame = frame[columns]
        parts = [caption] if caption else []
        if result.notes:
            parts.append("Notes: " + " ".join(result.notes))
        if result.sources:
            parts.append("Sources: " + ", ".join(result.sources) + ".")
        emit(frame, fmt, title=title, caption=" ".join(parts), output=output)
        return
    payload = {
        **(extra or {}),
        "table": table,
        "meta": dict(result.meta),
        "sources": list(result.sources),
        "notes": list(result.notes),
        "missing": list(result.missing),
    }
    emit(frame, fmt, json_extra=payload, output=output)


def _rich_table(frame: pd.DataFrame, title: str | None, caption: str | None) -> Any:
    import pandas as pd
    from rich.table import Table

    table = Table(title=title, caption=caption)
    for column in frame.columns:
        numeric = pd.api.types.is_numeric_dtype(frame[column])
        table.add_column(str(column), justify="right" if numeric else "left")
    for row in frame.itertuples(index=False):
        table.add_row(*(_format_cell(v) for v in row))
    return table


def _rich_text(frame: pd.DataFrame, title: str | None, caption: str | None) -> str:
    from rich.console import Console

    console = Console(width=120, record=True, file=io.StringIO())
    console.print(_rich_table(frame, title, caption))
    return console.export_text()


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
