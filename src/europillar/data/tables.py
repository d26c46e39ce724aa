"""``load(name)``: one table of the cited dataset as a DataFrame (a copy).

A thin compatibility layer over :mod:`europillar.dataset`, which reads every table once,
applies the one rule for missing values and knows the dataset's version. New code takes
a ``Dataset`` (``europillar.dataset.load()``) and calls ``dataset.table(name)``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from europillar.dataset import OBSERVATION_COLUMNS as _COLUMNS
from europillar.dataset import TABLES_DIR
from europillar.dataset import clear_cache as _clear
from europillar.dataset import load as _load_dataset

if TYPE_CHECKING:
    import pandas as pd

OBSERVATION_COLUMNS = list(_COLUMNS)


def table_names(root: Path | None = None) -> list[str]:
    """Every name ``load`` accepts."""
    return _load_dataset(root).names()


def load(name: str, root: Path | None = None) -> pd.DataFrame:
    """A copy of the named table of the dataset under ``root`` (default: the shipped one)."""
    return _load_dataset(root).table(name)


def clear_cache() -> None:
    """Forget loaded datasets (after ``europillar data import`` rewrote tables)."""
    _clear()


__all__ = ["OBSERVATION_COLUMNS", "TABLES_DIR", "clear_cache", "load", "table_names"]
