"""Publisher files that feed the force tables: which importer writes which table.

``europillar data import ucs FILE`` and ``europillar data import sipri-transfers FILE``
re-run an importer on a later edition. Each checks that the file is not older than the
edition already shipped, builds the whole table in memory and only then replaces the
shipped CSV (atomic rename), so a failed import leaves the shipped table untouched.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd

from europillar.atomic import write_text
from europillar.data.importers.sipri_register import import_transfers
from europillar.data.importers.ucs import import_satellites
from europillar.data.tables import TABLES_DIR, clear_cache
from europillar.errors import InputError

Importer = Callable[[Path, dt.date | None], pd.DataFrame]
FORCE_IMPORTERS: dict[str, tuple[str, Importer]] = {
    "ucs": ("force/satellites_ucs.csv", import_satellites),
    "sipri-transfers": ("force/transfers_sipri.csv", import_transfers),
}
RAW_FILES = {
    "ucs": "ucs_satellites/UCS-Satellite-Database 5-1-2023.xlsx",
    "sipri-transfers": "sipri_arms_transfers/trade-register.csv",
}


def shipped_edition(path: Path) -> dt.date | None:
    """The edition (ISO date) recorded in a shipped table's ``edition`` column, if any."""
    if not path.is_file():
        return None
    editions = pd.read_csv(path, usecols=["edition"], dtype=str)["edition"].dropna()
    return dt.date.fromisoformat(max(editions)) if not editions.empty else None


def table_text(frame: pd.DataFrame) -> str:
    """Deterministic CSV: true/false flags, integers without '.0', shortest float repr."""
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if values.dtype == bool:
            out[column] = values.map(lambda b: "true" if b else "false")
        elif pd.api.types.is_float_dtype(values):
            out[column] = values.map(_number)
    text: str = out.to_csv(index=False, lineterminator="\n")
    return text


def _number(value: float) -> str:
    if pd.isna(value):
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def run_force_import(
    name: str, files: Sequence[str | Path], tables_dir: Path | None = None
) -> tuple[pd.DataFrame, Path]:
    """Import one publisher file into its force table; return the frame and the path written."""
    if name not in FORCE_IMPORTERS:
        raise InputError(
            None, "importer", name, "unknown importer", allowed=sorted(FORCE_IMPORTERS)
        )
    if len(files) != 1:
        raise InputError(
            None,
            f"data import {name}",
            [str(f) for f in files],
            "this importer takes exactly one file",
        )
    relative, importer = FORCE_IMPORTERS[name]
    target = (tables_dir or TABLES_DIR) / relative
    frame = importer(Path(files[0]), shipped_edition(target))
    write_text(target, table_text(frame))
    target.chmod(0o644)
    clear_cache()
    return frame, target
