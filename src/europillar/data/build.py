"""Regenerate the shipped observation tables from a folder of raw publisher files."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd

from europillar.atomic import write_many
from europillar.data.derive import derive_all
from europillar.data.importers.common import to_csv_text
from europillar.data.importers.cow import import_cow
from europillar.data.importers.nato import import_nato
from europillar.data.importers.sipri import import_sipri
from europillar.data.importers.worldbank import FILES as WB_FILES
from europillar.data.importers.worldbank import import_worldbank
from europillar.data.tables import TABLES_DIR, clear_cache
from europillar.errors import InputError

OBSERVATIONS_DIR = TABLES_DIR / "observations"
REPO_ROOT = Path(__file__).resolve().parents[3]

# Importer name -> function taking a list of files; the table it writes is <name>.csv.
IMPORTERS: dict[str, Callable[[Sequence[Path]], pd.DataFrame]] = {
    "sipri": lambda files: import_sipri(_one(files, "sipri")),
    "nato": lambda files: import_nato(_one(files, "nato")),
    "worldbank": lambda files: import_worldbank(files),
    "cow": lambda files: import_cow(_one(files, "cow")),
}

# Where `data build` finds each publisher's files inside the raw folder.
RAW_FILES: dict[str, list[str]] = {
    "sipri": ["sipri_milex/SIPRI-Milex-data-1949-2024_2.xlsx"],
    "nato": ["nato_defexp/240617-def-exp-2024-TABLES-en.xlsx"],
    "worldbank": [f"worldbank/{name}" for name in sorted(WB_FILES)],
    "cow": ["cow_nmc/NMC-70-abridged.csv"],
}


def _one(files: Sequence[Path], importer: str) -> Path:
    if len(files) != 1:
        raise InputError(
            None,
            f"data import {importer}",
            [str(f) for f in files],
            "this importer takes exactly one file",
        )
    return Path(files[0])


def default_raw_dir() -> Path | None:
    """../shared/data/raw beside the repository, when it exists."""
    candidate = REPO_ROOT.parent / "shared" / "data" / "raw"
    return candidate if candidate.is_dir() else None


def run_importer(name: str, files: Sequence[str | Path]) -> pd.DataFrame:
    """Run one importer by name on its files."""
    if name not in IMPORTERS:
        raise InputError(None, "importer", name, "unknown importer", allowed=sorted(IMPORTERS))
    return IMPORTERS[name]([Path(f) for f in files])


def build_tables(raw_dir: str | Path) -> dict[str, pd.DataFrame]:
    """Import every publisher file under ``raw_dir`` and add the derivations."""
    raw = Path(raw_dir)
    if not raw.is_dir():
        raise InputError(str(raw), None, str(raw), "raw data folder not found")
    tables = {
        name: run_importer(name, [raw / f for f in files]) for name, files in RAW_FILES.items()
    }
    tables["derived"] = derive_all(tables["sipri"], tables["worldbank"])
    return tables


def write_tables(tables: dict[str, pd.DataFrame], out_dir: str | Path | None = None) -> list[Path]:
    """Write ``<name>.csv`` for each table, all-or-nothing; return the paths written."""
    target = Path(out_dir) if out_dir is not None else OBSERVATIONS_DIR
    files = {target / f"{name}.csv": to_csv_text(frame) for name, frame in tables.items()}
    write_many(files)
    for path in files:
        path.chmod(0o644)  # shipped data: readable by everyone, like the rest of the tree
    clear_cache()
    return sorted(files)
