"""One spreadsheet for people who live in Excel: a sheet per table, sources, notes, columns.

Sheets, in order:

* one per table (named after it, at most 31 characters as Excel allows): ids as in the
  CSV, a ``<column>_name`` label beside every id column, numbers rounded by unit;
* ``sources``: the full citation of every source the tables use (publisher, title,
  edition, date, URL, terms, note), from the sources registry;
* ``notes``: the result's notes, missing data and metadata (scenario, seed, versions);
* ``columns``: every column's header label and decimals.

The workbook carries no timestamp (its creation and modification dates are fixed), so
the same result writes the same bytes. Written to a temporary file and renamed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from europillar.export import labels, precision
from europillar.export.tables import for_machine, with_names

if TYPE_CHECKING:
    import pandas as pd

SOURCE_COLUMNS = ("source_id", "publisher", "title", "edition", "date", "url", "terms", "note")
FIXED_TIME = dt.datetime(2000, 1, 1)
MAX_NAME = 31
BAD_SHEET_CHARS = re.compile(r"[\[\]\*\?/\\:]")


def sheet_name(name: str, taken: set[str]) -> str:
    """A valid, unique Excel sheet name for a table name."""
    base = BAD_SHEET_CHARS.sub("_", name)[:MAX_NAME] or "table"
    candidate, n = base, 2
    while candidate.lower() in taken:
        suffix = f"_{n}"
        candidate = base[: MAX_NAME - len(suffix)] + suffix
        n += 1
    taken.add(candidate.lower())
    return candidate


def cited_sources(source_ids: Sequence[str], registry: pd.DataFrame) -> pd.DataFrame:
    """Registry rows for ``source_ids``; an id not in the registry is listed as such."""
    import pandas as pd

    wanted = sorted(set(source_ids) - {""})
    known = registry.set_index("source_id")
    rows = []
    for source_id in wanted:
        if source_id in known.index:
            entry = known.loc[source_id]
            rows.append(
                {
                    c: str(entry.get(c, "")) if c != "source_id" else source_id
                    for c in SOURCE_COLUMNS
                }
            )
        else:
            rows.append({"source_id": source_id, "title": "(not in the sources registry)"})
    return pd.DataFrame(rows, columns=list(SOURCE_COLUMNS)).fillna("")


def write_workbook(
    path: Path,
    tables: Mapping[str, pd.DataFrame],
    sources: pd.DataFrame,
    notes: Sequence[str] = (),
    missing: Sequence[str] = (),
    meta: Mapping[str, Any] | None = None,
) -> None:
    """Write the workbook described in the module docstring to ``path`` (atomically)."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    described: dict[str, None] = {}
    for name, frame in tables.items():
        shown = with_names(for_machine(frame))
        _sheet(workbook, sheet_name(name, taken), shown)
        described.update(dict.fromkeys(str(c) for c in shown.columns))
    _sheet(workbook, sheet_name("sources", taken), sources)
    notes_rows = [("note", text) for text in notes] + [("missing", text) for text in missing]
    notes_rows += [(f"meta: {k}", "" if v is None else str(v)) for k, v in (meta or {}).items()]
    import pandas as pd

    _sheet(workbook, sheet_name("notes", taken), pd.DataFrame(notes_rows, columns=["kind", "text"]))
    columns = pd.DataFrame(
        [
            {"column": c, "label": labels.column(c), "decimals": precision.for_column(c)}
            for c in described
        ],
        columns=["column", "label", "decimals"],
    )
    _sheet(workbook, sheet_name("columns", taken), columns)
    workbook.properties.created = FIXED_TIME
    workbook.properties.modified = FIXED_TIME
    workbook.properties.creator = "europillar"
    _save(workbook, path)


def _sheet(workbook: Any, title: str, frame: pd.DataFrame) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title)
    sheet.append([str(c) for c in frame.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for record in frame.itertuples(index=False, name=None):
        sheet.append([_cell(v) for v in record])
        for cell in sheet[sheet.max_row]:
            if cell.data_type == "f":  # text such as "=…" is data, never a formula
                cell.data_type = "s"
    sheet.freeze_panes = "A2"
    for index, column in enumerate(frame.columns, start=1):
        values = [str(column), *(str(v) for v in frame[column].head(200))]
        width = min(60, max(8, *(len(v) for v in values)) + 2)
        sheet.column_dimensions[get_column_letter(index)].width = width


def _cell(value: Any) -> Any:
    """A cell value openpyxl writes: Python scalars; missing (NaN, None) stays empty."""
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def _save(workbook: Any, path: Path) -> None:
    import io

    from europillar.atomic import write_bytes

    buffer = io.BytesIO()
    workbook.save(buffer)
    write_bytes(path, _fixed_zip_times(buffer.getvalue()))


def _fixed_zip_times(data: bytes) -> bytes:
    """Rewrite the zip container with fixed member times, so equal workbooks are equal bytes."""
    import io
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
