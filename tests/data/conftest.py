"""Fixtures for the data tests: where the raw publisher files are, and small fake files."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
RAW_CANDIDATES = [REPO.parent / "shared" / "data" / "raw", Path("/work/shared/data/raw")]


def raw_dir() -> Path | None:
    """The shared raw-data folder (../shared/data/raw beside the clone), if present."""
    for candidate in RAW_CANDIDATES:
        if (candidate / "sipri_milex").is_dir():
            return candidate
    return None


@pytest.fixture(scope="session")
def raw() -> Path:
    found = raw_dir()
    if found is None:
        pytest.skip("raw publisher files not found at ../shared/data/raw (CI provides them)")
    return found
