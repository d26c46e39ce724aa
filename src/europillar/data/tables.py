"""Load the shipped CSV tables (and other helpers' tables) as DataFrames, with caching."""

from __future__ import annotations

import functools
from pathlib import Path

import pandas as pd

from europillar.errors import InputError

TABLES_DIR = Path(__file__).resolve().parent / "tables"

OBSERVATION_COLUMNS = [
    "iso3",
    "year",
    "indicator",
    "value",
    "unit",
    "source_id",
    "estimate",
    "method",
    "note",
]

# Names resolved to a single file, or to a folder whose CSVs are concatenated.
_SINGLE = {
    "countries": "countries.csv",
    "memberships": "memberships.csv",
    "regions": "regions.csv",
    "indicators": "indicators.csv",
}
_FOLDERS = {"sources": "sources", "observations": "observations"}


def table_names(root: Path | None = None) -> list[str]:
    """Every name ``load`` accepts: the core names plus ``<domain>/<file>`` for other tables."""
    base = root or TABLES_DIR
    names = set(_SINGLE) | set(_FOLDERS)
    for path in sorted(base.glob("*/*.csv")):
        names.add(f"{path.parent.name}/{path.stem}")
    return sorted(names)


def _read_csv(path: Path) -> pd.DataFrame:
    """Read one shipped CSV: text columns stay text, empty cells become ''."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    return frame


def _typed_observations(frame: pd.DataFrame, path: Path) -> pd.DataFrame:
    for column in ("iso3", "year", "indicator", "value", "unit", "source_id"):
        if column not in frame.columns:
            raise InputError(str(path), column, None, "observation table lacks a required column")
    for column in OBSERVATION_COLUMNS:
        if column not in frame.columns:
            frame[column] = ""
    frame["year"] = frame["year"].astype(int)
    frame["value"] = frame["value"].astype(float)
    frame["estimate"] = frame["estimate"].str.strip().str.lower().isin(["true", "1", "yes"])
    return frame


def _coerce_estimate(frame: pd.DataFrame) -> pd.DataFrame:
    if "estimate" in frame.columns:
        frame["estimate"] = frame["estimate"].str.strip().str.lower().isin(["true", "1", "yes"])
    return frame


@functools.lru_cache(maxsize=64)
def _load_cached(name: str, root: str) -> pd.DataFrame:
    base = Path(root)
    if name in _SINGLE:
        path = base / _SINGLE[name]
        return _coerce_estimate(_read_csv(path))
    if name in _FOLDERS:
        files = sorted((base / _FOLDERS[name]).glob("*.csv"))
        frames = []
        for path in files:
            frame = _read_csv(path)
            if name == "observations":
                frame = _typed_observations(frame, path)
            frames.append(frame)
        if not frames:
            return pd.DataFrame(columns=OBSERVATION_COLUMNS if name == "observations" else [])
        combined = pd.concat(frames, ignore_index=True)
        if name == "sources":
            _check_unique_sources(combined, files)
        return combined
    path = base / f"{name}.csv"
    if "/" in name and path.is_file():
        if name.startswith("observations/"):
            return _typed_observations(_read_csv(path), path)
        return _coerce_estimate(_read_csv(path))
    raise InputError(None, "table", name, "no such data table", allowed=table_names(base))


def _check_unique_sources(frame: pd.DataFrame, files: list[Path]) -> None:
    if "source_id" not in frame.columns:
        raise InputError(str(files[0].parent), "source_id", None, "sources files lack source_id")
    duplicated = frame["source_id"][frame["source_id"].duplicated()]
    if not duplicated.empty:
        raise InputError(
            str(files[0].parent),
            "source_id",
            duplicated.iloc[0],
            "source_id is defined more than once across sources files",
        )


def load(name: str, root: Path | None = None) -> pd.DataFrame:
    """Return a copy of the named table (cached; edits to the copy never leak)."""
    return _load_cached(name, str(root or TABLES_DIR)).copy()


def clear_cache() -> None:
    """Forget cached tables (after ``europillar data import`` rewrote them)."""
    _load_cached.cache_clear()
