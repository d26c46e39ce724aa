"""Importer for the SIPRI Arms Transfers Database trade register (the publisher's CSV export).

``import_transfers(path)`` reads the register and returns one row per deal whose
recipient is in europillar's scope (tables/countries.csv, plus NATO's own purchases) and
whose weapon maps to a taxonomy category (``force/categories.py``). It is all-or-nothing:
a file that is not a trade register, lacks a column, is cut off, or is an older edition
than the one shipped raises an ``InputError`` naming file, row and column, and nothing is
written.

The register covers international transfers only: domestically built equipment (French
Rafales for France) is absent, which is why the orders pipeline also reads hand-checked
domestic orders (force/orders.csv).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import pandas as pd

from europillar.data.importers.common import require_scope, scope_codes, spellings
from europillar.data.importers.sipri_categories import category_of
from europillar.errors import InputError

SOURCE_ID = "sipri_at_2025"
PUBLISHER = "sipri_arms_transfers"  # its spellings in tables/country_names.csv
FIRST_ORDER_YEAR = 2000  # deals ordered earlier are kept only if delivered from 2010 on
HEADER = [
    "Recipient",
    "Supplier",
    "Year of order",
    "",
    "Number ordered",
    "",
    "Weapon designation",
    "Weapon description",
    "Number delivered",
    "",
    "Year(s) of delivery",
    "status",
    "Comments",
    "SIPRI TIV per unit",
    "SIPRI TIV for total order",
    "SIPRI TIV of delivered weapons",
]
GENERATED = re.compile(r"^Data generated: (\d{1,2} \w{3} \d{4})")
# Recipients that must appear in any complete register: absent means a cut-off file.
EXPECTED = ("DEU", "FRA", "GBR", "POL", "ITA", "NLD", "ESP", "GRC", "TUR", "ROU")
PLANNED = re.compile(
    r"[Dd]eliver(?:y|ies)(?: of [^;]{0,30}?)? (?:probably )?planned (?:by |from |for |in )?"
    r"(?:early-|mid-|late-)?((?:19|20)\d\d)s?(?:[-/]((?:19|20)\d\d))?"
)

TRANSFER_COLUMNS = [
    "iso3",
    "recipient",
    "supplier",
    "supplier_iso3",
    "order_year",
    "order_year_uncertain",
    "ordered",
    "ordered_uncertain",
    "designation",
    "description",
    "category",
    "delivered",
    "delivered_uncertain",
    "delivered_in",
    "planned_first_delivery_year",
    "planned_last_delivery_year",
    "deal_status",
    "comments",
    "edition",
    "source_id",
    "estimate",
    "method",
]


def _text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(
            str(path), None, str(path), f"cannot read the file ({exc.strerror})"
        ) from None
    return data.decode("latin-1")  # SIPRI exports ISO-8859-1


def edition_date(text: str, file: str) -> dt.date:
    """The 'Data generated' date in the register's notes (its edition)."""
    for number, line in enumerate(text.splitlines()[:20], start=1):
        found = GENERATED.match(line)
        if found:
            try:
                return dt.datetime.strptime(found.group(1), "%d %b %Y").date()
            except ValueError:
                raise InputError(
                    file, f"row {number}", line.strip(), "unreadable 'Data generated' date"
                ) from None
    raise InputError(
        file,
        "row 1-20",
        None,
        "no 'Data generated: <date>' line (not a SIPRI trade register export)",
    )


def _records(text: str, file: str) -> tuple[int, list[list[str]]]:
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("Recipient,Supplier")), None)
    if start is None:
        raise InputError(file, "header", None, "no header row 'Recipient,Supplier,…' found")
    reader = csv.reader(io.StringIO("\n".join(lines[start:])))
    header = [h.strip() for h in next(reader)]
    if header != [h.strip() for h in HEADER]:
        wrong = next(
            (i for i, (a, b) in enumerate(zip(header, HEADER, strict=False)) if a != b.strip()),
            min(len(header), len(HEADER)),
        )
        expected = HEADER[wrong] if wrong < len(HEADER) else "(no more columns)"
        raise InputError(
            file,
            f"row {start + 1}, column {wrong + 1}",
            header[wrong] if wrong < len(header) else None,
            f"header differs from the trade-register layout (expected {expected!r}); "
            "a different export or edition",
        )
    rows = list(reader)
    if not rows:
        raise InputError(file, f"row {start + 2}", None, "the register has no deal rows")
    return start + 2, rows


def _number(cell: str, file: str, where: str, column: str) -> float:
    cell = cell.strip()
    if cell == "":
        return float("nan")
    try:
        return float(cell)
    except ValueError:
        raise InputError(file, f"{where}, column '{column}'", cell, "expected a number") from None


def _years(cell: str, file: str, where: str) -> list[int]:
    years = [part.strip() for part in cell.split(";") if part.strip()]
    if any(not re.fullmatch(r"(19|20)\d\d", y) for y in years):
        raise InputError(
            file, f"{where}, column 'Year(s) of delivery'", cell, "expected years separated by ';'"
        )
    return [int(y) for y in years]


def import_transfers(path: str | Path, shipped_edition: dt.date | None = None) -> pd.DataFrame:
    """Deals to in-scope recipients, one row each, with their taxonomy category."""
    path = Path(path)
    file = str(path)
    text = _text(path)
    edition = edition_date(text, file)
    if shipped_edition is not None and edition < shipped_edition:
        raise InputError(
            file,
            "Data generated",
            edition.isoformat(),
            f"older than the shipped edition ({shipped_edition.isoformat()}); "
            "import a later export",
        )
    first_row, rows = _records(text, file)
    scope = scope_codes()
    names = spellings(PUBLISHER)
    out: list[dict[str, object]] = []
    found: set[str] = set()
    for offset, cells in enumerate(rows):
        where = f"row {first_row + offset}"
        if not any(c.strip() for c in cells):
            continue
        if len(cells) < len(HEADER):
            if offset >= len(rows) - 1:
                raise InputError(
                    file, where, ",".join(cells)[:60], "last row is cut off (truncated file)"
                )
            continue  # the publisher's multi-line comments leave fragments; SOURCES.md item 6
        recipient = cells[0].strip()
        iso3 = names.get(recipient, "")
        if iso3:
            found.add(iso3)
        delivered = _number(cells[8], file, where, "Number delivered")
        order_year = _number(cells[2], file, where, "Year of order")
        years = _years(cells[10], file, where)
        if iso3 not in scope and recipient != "NATO**":
            continue
        category = category_of(cells[7].strip(), cells[6].strip())
        if category is None:
            continue
        if order_year < FIRST_ORDER_YEAR and (not years or max(years) < 2010):
            continue
        planned = PLANNED.search(cells[12])
        out.append(
            {
                "iso3": iso3 or "NATO",
                "recipient": recipient,
                "supplier": cells[1].strip(),
                "supplier_iso3": names.get(cells[1].strip(), ""),
                "order_year": order_year,
                "order_year_uncertain": cells[3].strip() == "?",
                "ordered": _number(cells[4], file, where, "Number ordered"),
                "ordered_uncertain": cells[5].strip() == "?",
                "designation": cells[6].strip(),
                "description": cells[7].strip(),
                "category": category,
                "delivered": delivered,
                "delivered_uncertain": cells[9].strip() == "?",
                "delivered_in": "; ".join(str(y) for y in years),
                "planned_first_delivery_year": float(planned.group(1)) if planned else float("nan"),
                "planned_last_delivery_year": (
                    float(planned.group(2) or planned.group(1)) if planned else float("nan")
                ),
                "deal_status": cells[11].strip(),
                "comments": cells[12].strip(),
                "edition": edition.isoformat(),
                "source_id": SOURCE_ID,
                "estimate": False,
                "method": "",
            }
        )
    require_scope(found, file, "Recipient", EXPECTED)
    frame = pd.DataFrame(out, columns=TRANSFER_COLUMNS)
    return frame.sort_values(
        ["iso3", "category", "order_year", "designation", "supplier"], kind="stable"
    ).reset_index(drop=True)
