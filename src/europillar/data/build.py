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
# The registry entry that says where each raw file comes from (publisher page, edition).
RAW_SOURCES: dict[str, str] = {
    "sipri_milex/SIPRI-Milex-data-1949-2024_2.xlsx": "sipri_milex_2025",
    "nato_defexp/240617-def-exp-2024-TABLES-en.xlsx": "nato_defexp_2024",
    "worldbank/gdp.csv": "wb_wdi_gdp",
    "worldbank/population.csv": "wb_wdi_population",
    "worldbank/ppp-gdp.csv": "wb_wdi_ppp",
    "cow_nmc/NMC-70-abridged.csv": "cow_nmc_v7",
}
RAW_ENV = "EUROPILLAR_RAW_DIR"


def _one(files: Sequence[Path], importer: str) -> Path:
    if len(files) != 1:
        raise InputError(
            None,
            f"data import {importer}",
            [str(f) for f in files],
            "this importer takes exactly one file",
        )
    return Path(files[0])


def raw_locations() -> list[Path]:
    """Where ``data build`` looks for the raw folder, in order (docs/data.md):
    ``$EUROPILLAR_RAW_DIR``; ``data/raw`` and ``../shared/data/raw`` from the current
    folder (a clone, whatever way the package is installed); ``../shared/data/raw``
    beside the source tree (an editable install)."""
    import os

    places = []
    if os.environ.get(RAW_ENV):
        places.append(Path(os.environ[RAW_ENV]))
    cwd = Path.cwd()
    places += [cwd / "data" / "raw", cwd.parent / "shared" / "data" / "raw"]
    places.append(REPO_ROOT.parent / "shared" / "data" / "raw")
    return list(dict.fromkeys(p.resolve() for p in places))


def default_raw_dir() -> Path | None:
    """The first of :func:`raw_locations` that exists, or None."""
    return next((p for p in raw_locations() if p.is_dir()), None)


def find_raw_dir(given: Path | None) -> Path:
    """``given`` (``--raw DIR``), else the first documented location that exists; one
    sentence listing the places looked at when there is none."""
    if given is not None:
        if not given.is_dir():
            raise InputError(None, "--raw", str(given), "is not a folder")
        return given
    found = default_raw_dir()
    if found is None:
        raise InputError(
            None,
            "--raw",
            "(none given)",
            "no raw data folder found; give --raw DIR or set "
            f"{RAW_ENV} (looked in {', '.join(str(p) for p in raw_locations())})",
        )
    return found


def missing_raw_files(raw: Path, sources: pd.DataFrame | None = None) -> list[str]:
    """For each publisher file absent from ``raw``: where it goes and where to get it."""
    if sources is None:
        from europillar.data import load

        sources = load("sources")
    registry = sources.set_index("source_id")
    hints = []
    for files in RAW_FILES.values():
        for relative in files:
            if (raw / relative).is_file():
                continue
            source_id = RAW_SOURCES[relative]
            entry = registry.loc[source_id]
            hints.append(
                f"{relative} ({entry['publisher']}, {entry['title']}, {entry['edition']}: "
                f"download from {entry['url']})"
            )
    return hints


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
    missing = missing_raw_files(raw)
    if missing:
        raise InputError(None, "--raw", str(raw), "publisher files missing: " + "; ".join(missing))
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
