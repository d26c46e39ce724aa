"""Write a table as a screen table, CSV, JSON or an Excel workbook.

Every machine format goes through the canonical serialisation (``europillar.tabular``),
which applies the output hygiene of ``europillar.export``: numbers rounded to their
unit's precision, infinities as missing values with a reason, ids kept. The screen table
shows labels (Poland, Main battle tanks, European NATO) and readable headers, wrapped,
never cut. Machine formats carry no timestamps.

Every command that writes a table takes ``--format table|csv|json|xlsx``, ``--out FILE``
(``--format xlsx`` needs it) and ``--excel`` (CSV with a UTF-8 byte-order mark, so that
Excel reads "Türkiye" right). pandas, rich and openpyxl are imported only when a table is
written, so that ``europillar --help`` stays fast.
"""

from __future__ import annotations

import io
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from europillar.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

    from europillar.result import Result

SCREEN_WIDTH = 120


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    xlsx = "xlsx"


def format_option(default: Format = Format.table) -> Any:
    """``--format``: table (screen), csv, json or xlsx (a workbook; needs --out)."""
    return typer.Option(
        default, "--format", help="table, csv, json or xlsx (xlsx needs --out FILE)."
    )


def output_option() -> Any:
    """``--out FILE`` (or ``--output``): write there instead of the screen."""
    return typer.Option(
        None, "--out", "--output", help="Write to FILE (atomically) instead of the screen."
    )


def excel_option() -> Any:
    """``--excel``: CSV with a UTF-8 byte-order mark, which Excel needs for accents."""
    return typer.Option(
        False, "--excel", help="CSV for Excel: UTF-8 with a byte-order mark (Türkiye, Česko)."
    )


FORMAT_HELP = "table, csv, json or xlsx (xlsx needs --out FILE)."
OUTPUT_HELP = "Write to FILE (atomically) instead of the screen."
EXCEL_HELP = "CSV for Excel: UTF-8 with a byte-order mark (Türkiye, Česko)."


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
    if fmt is Format.xlsx:
        _check(fmt, None, False)
    return _rich_text(frame, title, caption)


def emit(
    frame: pd.DataFrame,
    fmt: Format | str,
    title: str | None = None,
    caption: str | None = None,
    json_extra: dict[str, Any] | None = None,
    output: Path | None = None,
    excel: bool = False,
) -> None:
    """Write ``frame`` to stdout (or ``output``, atomically) in the chosen format.

    ``caption`` (sources, units) appears under the table; ``json_extra`` adds keys to the
    JSON object beside ``rows``; ``excel`` adds a UTF-8 byte-order mark to CSV.
    """
    fmt = Format(fmt)
    _check(fmt, output, excel)
    if fmt is Format.xlsx:
        assert output is not None
        _workbook(output, {_sheet_title(title): frame}, caption, json_extra)
        return
    if fmt is Format.table and output is None:
        table = _rich_table(frame, title, caption)
        _console(table, None).print(table)
        return
    text = render(frame, fmt, title, caption, json_extra)
    _write(text, output, excel and fmt is Format.csv)


def emit_payload(payload: Any, output: Path | None = None) -> None:
    """A whole JSON document (e.g. every table of a result) to stdout or ``output``."""
    from europillar.tabular import dumps

    _write(dumps(payload), output, False)


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
    excel: bool = False,
) -> None:
    """One table of an engine result: CSV is the table alone; JSON adds the result's
    metadata, sources, notes and missing list (and ``extra``); the screen table shows
    ``columns`` (default: all) with the sources and notes under it. ``frame`` replaces
    the table by a view derived from it (e.g. fewer rows). A workbook holds every table
    of the result, with its sources, notes and metadata."""
    fmt = Format(fmt)
    _check(fmt, output, excel)
    if frame is None:
        frame = result.tables[table]
    if fmt is Format.xlsx:
        assert output is not None
        tables = {table: frame, **{k: v for k, v in result.tables.items() if k != table}}
        _result_workbook(output, result, tables)
        return
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
    emit(frame, fmt, json_extra=payload, output=output, excel=excel)


def _check(fmt: Format, output: Path | None, excel: bool) -> None:
    if fmt is Format.xlsx and output is None:
        raise InputError(
            None, "--format", "xlsx", "a workbook is written to a file: add --out FILE.xlsx"
        )
    if excel and fmt is not Format.csv:
        raise InputError(None, "--excel", True, f"applies to --format csv, not {fmt.value}")


def _write(text: str, output: Path | None, bom: bool) -> None:
    if bom:
        from europillar.export import excel_csv

        data = excel_csv(text)
        if output is None:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
            return
        from europillar.atomic import write_bytes

        write_bytes(output, data)
    elif output is None:
        sys.stdout.write(text)
        return
    else:
        from europillar.atomic import write_text

        write_text(output, text)
    sys.stderr.write(f"wrote {output}\n")


def _sheet_title(title: str | None) -> str:
    return (title or "table").split(":")[0].strip() or "table"


def _registry() -> pd.DataFrame:
    from europillar import dataset

    return dataset.load().table("sources")


def _cited_in(frame: pd.DataFrame) -> list[str]:
    from europillar.result import split_ids

    found: list[str] = []
    for column in ("source_id", "source_ids", "sources"):
        if column in frame.columns:
            found += split_ids(frame[column].astype(str))
    return found


def _workbook(
    output: Path,
    tables: dict[str, pd.DataFrame],
    caption: str | None,
    extra: dict[str, Any] | None,
) -> None:
    from europillar.export.xlsx import cited_sources, write_workbook

    cited = [s for frame in tables.values() for s in _cited_in(frame)]
    notes = [caption] if caption else []
    write_workbook(output, tables, cited_sources(cited, _registry()), notes, meta=extra)
    sys.stderr.write(f"wrote {output}\n")


def _result_workbook(output: Path, result: Result, tables: dict[str, pd.DataFrame]) -> None:
    from europillar.export.xlsx import cited_sources, write_workbook

    cited = list(result.sources) + [s for f in tables.values() for s in _cited_in(f)]
    write_workbook(
        output,
        tables,
        cited_sources(cited, _registry()),
        notes=result.notes,
        missing=result.missing,
        meta=dict(result.meta),
    )
    sys.stderr.write(f"wrote {output}\n")


def _rich_table(frame: pd.DataFrame, title: str | None, caption: str | None) -> Any:
    from rich.table import Table

    from europillar.export import for_screen

    headers, rows, numeric = for_screen(frame)
    table = Table(title=title, caption=caption, caption_justify="left")
    for header, is_number in zip(headers, numeric, strict=True):
        # text folds at spaces (or mid-word if it must) and never ends in "…": a reader
        # must see every column name and every cell
        table.add_column(header, justify="right" if is_number else "left", overflow="fold")
    for row in rows:
        table.add_row(*row)
    return table


def _console(table: Any, file: io.StringIO | None) -> Any:
    """A console wide enough for the table's narrowest layout (never cropping a column):
    at least :data:`SCREEN_WIDTH` or the terminal's width."""
    from rich.console import Console
    from rich.measure import Measurement

    width = SCREEN_WIDTH if file is not None else max(SCREEN_WIDTH, Console().width)
    probe = Console(width=width, file=io.StringIO())
    needed = Measurement.get(probe, probe.options, table).minimum
    return Console(width=max(width, needed), file=file, record=file is not None)


def _rich_text(frame: pd.DataFrame, title: str | None, caption: str | None) -> str:
    table = _rich_table(frame, title, caption)
    console = _console(table, io.StringIO())
    console.print(table)
    return str(console.export_text())
