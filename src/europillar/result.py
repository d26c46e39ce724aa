"""What every engine returns: named tables, with their sources, notes, gaps and metadata.

Every domain's ``run(inputs)`` returns a subclass of :class:`Result` that adds typed
properties for its tables (``CapabilityResult.by_category`` …). The base is what the
CLI, the web app and the report rely on:

``tables``  name -> DataFrame (read-only mapping; ``table(name)`` gives a copy)
``sources`` ids of the sources registry behind the figures
``notes``   sentences a reader must see beside the tables (assumptions, left-outs)
``missing`` what the engine could not compute for lack of data (categories, members …)
``meta``    ``domain``, ``scenario``, ``scenario_hash``, ``seed`` (None when the engine
            draws no random numbers), ``dataset_version``, ``europillar_version``, then
            the domain's own settings. No timestamps: same inputs, same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from europillar.tabular import plain, table_csv, table_records

if TYPE_CHECKING:
    import pandas as pd

    from europillar.dataset import Dataset
    from europillar.scenario.schema import Scenario

META_KEYS = (
    "domain",
    "scenario",
    "scenario_hash",
    "seed",
    "dataset_version",
    "europillar_version",
)


@dataclass(frozen=True, eq=False)
class Result:
    """Base of every domain result (see the module docstring)."""

    tables: Mapping[str, pd.DataFrame]
    sources: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    meta: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "tables", MappingProxyType(dict(self.tables)))
        object.__setattr__(self, "sources", tuple(sorted(set(self.sources) - {""})))
        object.__setattr__(self, "notes", tuple(dict.fromkeys(n for n in self.notes if n)))
        object.__setattr__(self, "missing", tuple(dict.fromkeys(self.missing)))
        object.__setattr__(self, "meta", MappingProxyType(plain(dict(self.meta))))

    @property
    def domain(self) -> str:
        return str(self.meta.get("domain", ""))

    def table(self, name: str) -> pd.DataFrame:
        """A copy of one table (``KeyError`` names the tables there are)."""
        if name not in self.tables:
            raise KeyError(f"{self.domain} result has no table {name!r}: {', '.join(self.tables)}")
        return self.tables[name].copy()

    def table_csv(self, name: str) -> str:
        """One table in the canonical CSV form (``europillar.tabular``)."""
        return table_csv(self.tables[name])

    def to_payload(self) -> dict[str, Any]:
        """The whole result as JSON-safe data: meta, sources, notes, missing, tables."""
        return {
            "meta": dict(self.meta),
            "sources": list(self.sources),
            "notes": list(self.notes),
            "missing": list(self.missing),
            "tables": {name: table_records(frame) for name, frame in self.tables.items()},
        }


@dataclass(frozen=True)
class Origin:
    """Which scenario and which data an engine's inputs were built from."""

    scenario: str
    scenario_hash: str
    dataset_version: str

    @classmethod
    def of(cls, scenario: Scenario, dataset: Dataset) -> Origin:
        from europillar.scenario.identity import scenario_hash

        return cls(scenario.name, scenario_hash(scenario), dataset.version)


def make_meta(
    domain: str, origin: Origin, seed: int | None = None, **settings: Any
) -> dict[str, Any]:
    """The standard metadata of a result, followed by the domain's ``settings``."""
    from europillar import __version__

    return {
        "domain": domain,
        "scenario": origin.scenario,
        "scenario_hash": origin.scenario_hash,
        "seed": seed,
        "dataset_version": origin.dataset_version,
        "europillar_version": __version__,
        **settings,
    }


def split_ids(cells: Iterable[Any]) -> list[str]:
    """Distinct ids from ';'-separated cells (e.g. a ``source_ids`` column)."""
    found: dict[str, None] = {}
    for text in cells:
        if text is None or text != text:  # None or NaN
            continue
        for part in str(text).split(";"):
            part = part.strip()
            if part:
                found[part] = None
    return list(found)
