"""Fixtures for the data tests: where the raw publisher files are, and small fake files."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from europillar.data.build import RAW_ENV, RAW_FILES, RAW_SOURCES, locate

REPO = Path(__file__).resolve().parents[2]
RAW_CANDIDATES = [REPO.parent / "shared" / "data" / "raw", Path("/work/shared/data/raw")]


def raw_dirs() -> list[Path]:
    """Raw folders to search: $EUROPILLAR_RAW_DIR, then the shared folder beside the clone."""
    named = [Path(p) for p in os.environ.get(RAW_ENV, "").split(os.pathsep) if p.strip()]
    return [p for p in [*named, *RAW_CANDIDATES] if p.is_dir()]


def raw_dir() -> Path | None:
    """The shared raw-data folder (../shared/data/raw beside the clone), if present."""
    for candidate in raw_dirs():
        if (candidate / "sipri_milex").is_dir() and locate("sipri", [candidate]):
            return candidate
    return None


@pytest.fixture(scope="session")
def raw() -> Path:
    found = raw_dir()
    if found is None:
        pytest.skip("raw publisher files not found at ../shared/data/raw (CI provides them)")
    return found


def _raw_job(job: str) -> list[Path]:
    """The raw folders to build ``job`` from, or skip naming the file and where to get it."""
    folders = raw_dirs()
    if locate(job, folders) is None:
        pytest.skip(
            f"{RAW_FILES[job][0]} not found in ${RAW_ENV} or ../shared/data/raw "
            f"(registry entry {RAW_SOURCES[RAW_FILES[job][0]]} names the page to get it from)"
        )
    return folders


@pytest.fixture(scope="session")
def raw_job() -> Callable[[str], list[Path]]:
    return _raw_job
