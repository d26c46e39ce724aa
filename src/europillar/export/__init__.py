"""Output hygiene: how every table leaves europillar (CLI, web app, report, spreadsheet).

Built on the canonical serialisation of tables: this package decides *what* is written
(numbers rounded to their unit's meaningful precision, infinities as missing values with
a reason, labels for people and ids for machines), the canonical writer *how*.

``for_machine(frame)``       ids kept, infinities -> missing + ``<column>_reason``, rounding
``for_screen(frame)``        labels for ids, readable headers, formatted numbers
``with_names(frame)``        a ``<column>_name`` label beside each id column (spreadsheets)
``excel_csv(text)``          CSV bytes with the UTF-8 byte-order mark Excel needs
``write_workbook(...)``      the ``--format xlsx`` workbook (tables, sources, notes, columns)
``labels``, ``precision``    the label vocabulary and the precision rules
"""

from europillar.export import labels, precision
from europillar.export.tables import (
    INFINITE_REASON,
    for_machine,
    for_screen,
    format_number,
    nonfinite_to_missing,
    with_names,
)

UTF8_BOM = "\ufeff"


def excel_csv(text: str) -> bytes:
    """CSV text as UTF-8 bytes with a byte-order mark, so that Excel reads "Türkiye" right
    (without one, Excel guesses the system code page). pandas and R skip the mark."""
    return (UTF8_BOM + text).encode("utf-8")


__all__ = [
    "INFINITE_REASON",
    "UTF8_BOM",
    "excel_csv",
    "for_machine",
    "for_screen",
    "format_number",
    "labels",
    "nonfinite_to_missing",
    "precision",
    "with_names",
]
