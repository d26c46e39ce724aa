"""The cited dataset as one immutable object: every shipped table, its version, one missing rule.

``load()`` reads every CSV under ``data/tables`` once (cached per folder: safe, because a
:class:`Dataset` never changes); ``Dataset.from_frames`` builds one from small frames in a
test. Engines never open files: their ``inputs`` step receives a ``Dataset`` and takes
copies of the tables it needs (``dataset.table(name)``), so no caller can change what
another one reads.

Table names: ``countries``, ``memberships``, ``regions``, ``indicators`` (single files),
``observations`` and ``sources`` (every CSV of that folder, concatenated) and
``<folder>/<file>`` for any other table (e.g. ``capability/inventory``).

The one rule for missing values (docs/data-format.md): a missing value is an empty cell,
and nothing else is ("NA", "n/a" or "None" are text). How it reads depends on the column:

* number columns (named in ``NUMBER_COLUMNS`` or ending in one of ``NUMBER_SUFFIXES``):
  float64, an empty cell is NaN; year columns (``INTEGER_COLUMNS``) are int64 when every
  row has a value, else float64 with NaN;
* flag columns (``FLAG_COLUMNS``): bool, ``true``/``1``/``yes`` is true, anything else
  (an empty cell included) is false;
* every other column is text, and an empty cell is the empty string.

A cell in a number column that is not a number is an error naming file, row and column.
"""

from __future__ import annotations

import functools
import hashlib
import io
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from europillar.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

TABLES_DIR = Path(__file__).resolve().parent / "data" / "tables"

NUMBER_COLUMNS = frozenset(
    {
        "value",
        "quantity",
        "low",
        "central",
        "high",
        "year",
        "launch_year",
        "price_year",
        "year_published",
        "population",
        "norad_id",
        "eur_per_unit",
        "weight_packages",
    }
)
NUMBER_SUFFIXES = (
    "_pct",
    "_km",
    "_deg",
    "_h",
    "_mm",
    "_years",
    "_per_year",
    "_per_day",
    "_0_3",
    "_value",
)
INTEGER_COLUMNS = frozenset(
    {"year", "launch_year", "price_year", "year_published", "norad_id", "population"}
)
FLAG_COLUMNS = frozenset({"estimate", "sun_synchronous", "state_media"})
TRUE_WORDS = frozenset({"true", "1", "yes"})

SINGLE_TABLES = ("countries", "memberships", "regions", "indicators")
COMBINED_TABLES = ("observations", "sources")
OBSERVATION_COLUMNS = (
    "iso3",
    "year",
    "indicator",
    "value",
    "unit",
    "source_id",
    "estimate",
    "method",
    "note",
    "vintage",
)
REQUIRED = {
    "observations": ("iso3", "year", "indicator", "value", "unit", "source_id"),
    "sources": ("source_id",),
}


def is_number_column(name: str) -> bool:
    return name in NUMBER_COLUMNS or name.endswith(NUMBER_SUFFIXES)


def conform(frame: pd.DataFrame, file: str = "<table>") -> pd.DataFrame:
    """A copy of ``frame`` with the dataset's column types and missing-value rule applied."""
    import pandas as pd

    out = frame.copy()
    for column in out.columns:
        name = str(column)
        values = out[column]
        if is_number_column(name):
            out[column] = _numbers(values, name, file)
        elif name in FLAG_COLUMNS:
            if values.dtype != bool:
                words = values.map(lambda v: "" if v is None else str(v).strip().lower())
                out[column] = words.isin(TRUE_WORDS).astype(bool)
        elif not pd.api.types.is_numeric_dtype(values) and bool(values.isna().any()):
            out[column] = values.fillna("")
    return out


def _numbers(values: pd.Series, name: str, file: str) -> pd.Series:
    import pandas as pd

    if pd.api.types.is_numeric_dtype(values) and values.dtype != bool:
        numbers = values.astype(float)
    else:
        cells = values.map(lambda v: "" if v is None else str(v).strip())
        numbers = pd.to_numeric(cells.where(cells != "", None), errors="coerce").astype(float)
        bad = numbers.isna() & (cells != "")
        if bad.any():
            row = int(bad.to_numpy().nonzero()[0][0])
            raise InputError(
                file, f"row {row + 2}.{name}", cells.iloc[row], "not a number (empty means missing)"
            )
    if name in INTEGER_COLUMNS and numbers.notna().all():
        return numbers.astype("int64")
    return numbers


def _parse(data: bytes, file: str) -> pd.DataFrame:
    import pandas as pd

    try:
        frame = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InputError(file, None, None, f"not a readable UTF-8 CSV table ({exc})") from None
    return conform(frame, file)


def _combine(name: str, parts: list[pd.DataFrame], where: str) -> pd.DataFrame:
    import pandas as pd

    columns = list(OBSERVATION_COLUMNS) if name == "observations" else []
    if not parts:
        return conform(pd.DataFrame(columns=columns), where)
    for part in parts:
        for column in REQUIRED.get(name, ()):
            if column not in part.columns:
                raise InputError(where, column, None, f"a {name} table lacks a required column")
    combined = pd.concat(parts, ignore_index=True)
    for column in columns:
        if column not in combined.columns:
            combined[column] = ""
    combined = conform(combined, where)
    if name == "sources":
        duplicated = combined["source_id"][combined["source_id"].duplicated()]
        if not duplicated.empty:
            raise InputError(
                where,
                "source_id",
                duplicated.iloc[0],
                "source_id is defined more than once across sources files",
            )
    return combined


def _digest(items: Iterable[tuple[str, bytes]]) -> str:
    digest = hashlib.sha256()
    for name, data in items:
        digest.update(name.encode("utf-8") + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()[:16]


class Dataset:
    """Every cited table, read-only: ``table(name)`` hands out a copy, never the original.

    ``version`` is a content hash of the tables (of the files, for a loaded dataset), so
    results computed from it can say exactly which data they used.
    """

    __slots__ = ("_tables", "root", "version")
    _tables: Mapping[str, pd.DataFrame]
    version: str
    root: str | None

    def __init__(
        self, tables: Mapping[str, pd.DataFrame], version: str, root: str | None = None
    ) -> None:
        object.__setattr__(self, "_tables", MappingProxyType(dict(tables)))
        object.__setattr__(self, "version", version)
        object.__setattr__(self, "root", root)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("a Dataset is immutable")

    def __repr__(self) -> str:
        return f"Dataset(version={self.version!r}, tables={len(self._tables)})"

    def __contains__(self, name: object) -> bool:
        return name in self._tables

    def names(self) -> list[str]:
        """Every table name ``table`` accepts, sorted."""
        return sorted(self._tables)

    def table(self, name: str) -> pd.DataFrame:
        """A copy of the named table (edits to it never reach the dataset)."""
        if name not in self._tables:
            raise InputError(None, "table", name, "no such data table", allowed=self.names())
        return self._tables[name].copy()

    def table_or_empty(self, name: str, columns: Iterable[str]) -> pd.DataFrame:
        """The named table, or an empty one with ``columns`` when the dataset lacks it."""
        import pandas as pd

        if name in self._tables:
            return self.table(name)
        return conform(pd.DataFrame({c: pd.Series(dtype=object) for c in columns}), name)

    # Small queries every layer needs; each reads only this dataset.

    def source_ids(self) -> frozenset[str]:
        """Every id of the sources registry."""
        return frozenset(self._tables["sources"]["source_id"]) if "sources" in self else frozenset()

    def primary_source(self, indicator: str) -> str:
        """The source the indicator catalogue names first for ``indicator``."""
        catalogue = self._tables["indicators"].set_index("indicator")["source_ids"]
        if indicator not in catalogue.index:
            raise InputError(
                "indicators.csv", "indicator", indicator, "not in the indicator catalogue"
            )
        return str(catalogue[indicator]).split(";")[0]

    def country_names(self) -> dict[str, str]:
        """ISO3 -> common English short name, for every country in scope."""
        table = self._tables["countries"]
        return dict(zip(table["iso3"], table["name"], strict=True))

    @classmethod
    def from_frames(cls, frames: Mapping[str, pd.DataFrame], version: str | None = None) -> Dataset:
        """A dataset from in-memory tables (tests): the same column rule as the files.

        ``observations`` and ``sources`` are built from ``observations/*`` and
        ``sources/*`` parts when they are not given themselves.
        """
        from europillar.tabular import table_csv

        tables = {name: conform(frame, name) for name, frame in frames.items()}
        for name in COMBINED_TABLES:
            parts = [tables[k] for k in sorted(tables) if k.startswith(f"{name}/")]
            if name not in tables and parts:
                tables[name] = _combine(name, parts, name)
        if version is None:
            version = _digest(
                (name, table_csv(tables[name], exact=True).encode("utf-8"))
                for name in sorted(tables)
            )
        return cls(tables, version)


def read_folder(root: Path) -> Dataset:
    """Read every table under ``root`` (see the module docstring for names and types)."""
    if not root.is_dir():
        raise InputError(str(root), None, str(root), "data tables folder not found")
    files = sorted(p for p in root.rglob("*.csv") if p.is_file())
    raw = {p.relative_to(root).as_posix(): p.read_bytes() for p in files}
    tables: dict[str, pd.DataFrame] = {}
    parts: dict[str, list[pd.DataFrame]] = {name: [] for name in COMBINED_TABLES}
    for relative, data in raw.items():
        name = relative[: -len(".csv")]
        frame = _parse(data, str(root / relative))
        folder = name.split("/", 1)[0]
        if "/" in name and folder in parts and name.count("/") == 1:
            parts[folder].append(frame)
        tables[name] = frame
    for name, frames in parts.items():
        tables[name] = _combine(name, frames, str(root / name))
    return Dataset(tables, _digest(sorted(raw.items())), str(root))


def _signature(root: Path) -> tuple[tuple[str, int, int], ...]:
    """Which files exist, with size and modification time: changes when a table is rewritten."""
    if not root.is_dir():
        return ()
    return tuple(
        (p.relative_to(root).as_posix(), p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*.csv"))
    )


_LOCK = threading.Lock()


@functools.lru_cache(maxsize=8)
def _load_cached(root: str, signature: tuple[tuple[str, int, int], ...]) -> Dataset:
    return read_folder(Path(root))


def load(root: str | Path | None = None) -> Dataset:
    """The dataset under ``root`` (default: the shipped tables), read once and cached.

    The cache is keyed by the folder and its files' sizes and modification times, so a
    rewritten table (``europillar data import``) is read again.
    """
    folder = Path(root).resolve() if root is not None else TABLES_DIR
    with _LOCK:
        return _load_cached(str(folder), _signature(folder))


def clear_cache() -> None:
    """Forget every loaded dataset (the next ``load`` reads the files again)."""
    _load_cached.cache_clear()


__all__ = [
    "FLAG_COLUMNS",
    "INTEGER_COLUMNS",
    "NUMBER_COLUMNS",
    "NUMBER_SUFFIXES",
    "OBSERVATION_COLUMNS",
    "TABLES_DIR",
    "Dataset",
    "clear_cache",
    "conform",
    "load",
    "read_folder",
]
