"""Regenerate the shipped tables that come from publisher files (raw folders -> CSV).

Each importer returns tables named relative to ``tables/`` (``observations/sipri_2026``,
``aggregates/sipri_2026`` …), so a new edition of a publisher's file writes its own
tables beside the earlier editions: vintages are kept, never overwritten.

Raw files are looked up in one or more folders, in order (``--raw``; otherwise every
documented location that exists, see :func:`raw_locations`); ``RAW_FILES`` says where
inside a folder each publisher file sits and ``RAW_SOURCES`` which registry entry names
its publisher page, so a missing file is reported with the page to download it from.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd

from europillar.atomic import write_many
from europillar.data.derive import derive_all
from europillar.data.importers.common import to_csv_text
from europillar.data.importers.cow import import_cow
from europillar.data.importers.nato import import_nato
from europillar.data.importers.sipri import import_sipri
from europillar.data.importers.sipri_regions import import_sipri_release
from europillar.data.importers.worldbank import FILES as WB_FILES
from europillar.data.importers.worldbank import import_worldbank
from europillar.data.tables import TABLES_DIR, clear_cache
from europillar.errors import InputError

OBSERVATIONS_DIR = TABLES_DIR / "observations"
REPO_ROOT = Path(__file__).resolve().parents[3]
# One folder, or several separated by os.pathsep (e.g. the shared folder and one holding
# a newer edition).
RAW_ENV = "EUROPILLAR_RAW_DIR"


def _sipri(files: Sequence[Path]) -> dict[str, pd.DataFrame]:
    return import_sipri_release(_one(files, "sipri"))


def _nato(files: Sequence[Path]) -> dict[str, pd.DataFrame]:
    frame = import_nato(_one(files, "nato"))
    return {f"observations/nato_{int(frame['year'].max())}": frame}


# Importer name -> function taking its files and returning {table name: frame}.
IMPORTERS: dict[str, Callable[[Sequence[Path]], dict[str, pd.DataFrame]]] = {
    "sipri": _sipri,
    "nato": _nato,
    "worldbank": lambda files: {"observations/worldbank": import_worldbank(files)},
    "cow": lambda files: {"observations/cow": import_cow(_one(files, "cow"))},
}

# Build job -> files inside a raw folder; the importer is the job name before any "_".
RAW_FILES: dict[str, list[str]] = {
    "sipri": ["sipri_milex/SIPRI-Milex-data-1949-2024_2.xlsx"],
    "sipri_2026": ["sipri_milex/SIPRI-Milex-data-1949-2025_v1.2.xlsx"],
    "nato": ["nato_defexp/240617-def-exp-2024-TABLES-en.xlsx"],
    "worldbank": [f"worldbank/{name}" for name in sorted(WB_FILES)],
    "cow": ["cow_nmc/NMC-70-abridged.csv"],
}
# The registry entry that says where each raw file comes from (publisher page, edition).
RAW_SOURCES: dict[str, str] = {
    "sipri_milex/SIPRI-Milex-data-1949-2024_2.xlsx": "sipri_milex_2025",
    "sipri_milex/SIPRI-Milex-data-1949-2025_v1.2.xlsx": "sipri_milex_2026",
    "nato_defexp/240617-def-exp-2024-TABLES-en.xlsx": "nato_defexp_2024",
    "worldbank/gdp.csv": "wb_wdi_gdp",
    "worldbank/population.csv": "wb_wdi_population",
    "worldbank/ppp-gdp.csv": "wb_wdi_ppp",
    "cow_nmc/NMC-70-abridged.csv": "cow_nmc_v7",
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


def raw_locations() -> list[Path]:
    """Where ``data build`` looks for raw files, in order (docs/data.md):
    ``$EUROPILLAR_RAW_DIR`` (one folder or several, os.pathsep-separated); ``data/raw``
    and ``../shared/data/raw`` from the current folder (a clone, whatever way the package
    is installed); ``../shared/data/raw`` beside the source tree (an editable install)."""
    places = [Path(p) for p in os.environ.get(RAW_ENV, "").split(os.pathsep) if p.strip()]
    cwd = Path.cwd()
    places += [cwd / "data" / "raw", cwd.parent / "shared" / "data" / "raw"]
    places.append(REPO_ROOT.parent / "shared" / "data" / "raw")
    return list(dict.fromkeys(p.resolve() for p in places))


def default_raw_dirs() -> list[Path]:
    """Every documented raw location that exists, in order."""
    return [p for p in raw_locations() if p.is_dir()]


def default_raw_dir() -> Path | None:
    """The first of :func:`raw_locations` that exists, or None."""
    found = default_raw_dirs()
    return found[0] if found else None


def find_raw_dirs(given: Path | Sequence[Path] | None) -> list[Path]:
    """``given`` (``--raw DIR``, repeatable), else every documented location that exists;
    one sentence listing the places looked at when there is none."""
    if given is not None:
        folders = [given] if isinstance(given, Path) else list(given)
        for folder in folders:
            if not Path(folder).is_dir():
                raise InputError(None, "--raw", str(folder), "is not a folder")
        if folders:
            return [Path(f) for f in folders]
    found = default_raw_dirs()
    if not found:
        raise InputError(
            None,
            "--raw",
            "(none given)",
            "no raw data folder found; give --raw DIR or set "
            f"{RAW_ENV} (looked in {', '.join(str(p) for p in raw_locations())})",
        )
    return found


def find_raw_dir(given: Path | None) -> Path:
    """The first folder :func:`find_raw_dirs` returns."""
    return find_raw_dirs(given)[0]


def locate(job: str, raw_dirs: Sequence[Path]) -> list[Path] | None:
    """The job's files in the first folder that holds all of them, or None."""
    for folder in raw_dirs:
        paths = [Path(folder) / name for name in RAW_FILES[job]]
        if all(p.is_file() for p in paths):
            return paths
    return None


def missing_raw_files(raw: Path | Sequence[Path], sources: pd.DataFrame | None = None) -> list[str]:
    """For each publisher file absent from every folder: where it goes and where to get it."""
    folders = [raw] if isinstance(raw, Path) else list(raw)
    if sources is None:
        from europillar.data import load

        sources = load("sources")
    registry = sources.set_index("source_id")
    hints = []
    for job, files in RAW_FILES.items():
        if locate(job, folders) is not None:
            continue
        for relative in files:
            entry = registry.loc[RAW_SOURCES[relative]]
            hints.append(
                f"{relative} ({entry['publisher']}, {entry['title']}, {entry['edition']}: "
                f"download from {entry['url']})"
            )
    return hints


def run_importer(name: str, files: Sequence[str | Path]) -> dict[str, pd.DataFrame]:
    """Run one importer by name on its files: {table name: frame}."""
    if name not in IMPORTERS:
        raise InputError(None, "importer", name, "unknown importer", allowed=sorted(IMPORTERS))
    for file in files:
        if not Path(file).is_file():
            raise InputError(str(file), None, str(file), f"file not found; {where_to_get(name)}")
    return IMPORTERS[name]([Path(f) for f in files])


def where_to_get(importer: str) -> str:
    """Where a reader downloads an importer's publisher file(s) (from the registry)."""
    from europillar.data import load

    registry = load("sources").set_index("source_id")
    hints = []
    for job, files in RAW_FILES.items():
        if job.split("_")[0] != importer:
            continue
        for relative in files:
            entry = registry.loc[RAW_SOURCES[relative]]
            hints.append(
                f"{Path(relative).name} ({entry['publisher']}, {entry['title']}) from {entry['url']}"
            )
    return "get " + "; or ".join(hints) if hints else "see docs/data.md for the publisher files"


def build_job(job: str, raw_dirs: Sequence[Path]) -> dict[str, pd.DataFrame]:
    """The tables of one build job, from the first raw folder that holds its files."""
    paths = locate(job, raw_dirs)
    if paths is None:
        raise InputError(
            None,
            "--raw",
            ", ".join(str(d) for d in raw_dirs),
            "publisher files missing: " + "; ".join(missing_raw_files(list(raw_dirs))),
        )
    return run_importer(job.split("_")[0], paths)


def build_tables(raw_dirs: str | Path | Sequence[str | Path]) -> dict[str, pd.DataFrame]:
    """Import every publisher file and add the derivations (all files must be present)."""
    folders = [Path(raw_dirs)] if isinstance(raw_dirs, (str, Path)) else list(map(Path, raw_dirs))
    for folder in folders:
        if not folder.is_dir():
            raise InputError(str(folder), None, str(folder), "raw data folder not found")
    missing = missing_raw_files(folders)
    if missing:
        raise InputError(
            None,
            "--raw",
            ", ".join(map(str, folders)),
            "publisher files missing: " + "; ".join(missing),
        )
    tables: dict[str, pd.DataFrame] = {}
    for job in RAW_FILES:
        tables.update(build_job(job, folders))
    tables["observations/derived"] = derive_all(
        [tables[n] for n in sorted(tables) if n.startswith("observations/sipri_")],
        tables["observations/worldbank"],
    )
    return tables


def write_tables(tables: dict[str, pd.DataFrame], out_dir: str | Path | None = None) -> list[Path]:
    """Write ``<name>.csv`` under ``out_dir`` (default: tables/), all-or-nothing."""
    target = Path(out_dir) if out_dir is not None else TABLES_DIR
    files = {target / f"{name}.csv": to_csv_text(frame) for name, frame in tables.items()}
    for path in files:
        path.parent.mkdir(parents=True, exist_ok=True)
    write_many(files)
    for path in files:
        path.chmod(0o644)  # shipped data: readable by everyone, like the rest of the tree
    clear_cache()
    return sorted(files)


__all__ = [
    "IMPORTERS",
    "OBSERVATIONS_DIR",
    "RAW_ENV",
    "RAW_FILES",
    "RAW_SOURCES",
    "build_job",
    "build_tables",
    "default_raw_dir",
    "default_raw_dirs",
    "find_raw_dir",
    "find_raw_dirs",
    "import_sipri",
    "locate",
    "missing_raw_files",
    "raw_locations",
    "run_importer",
    "write_tables",
]
