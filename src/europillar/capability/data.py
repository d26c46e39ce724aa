"""The capability tables of a dataset as one typed bundle (``CapabilityData``).

``CapabilityData`` is what the pure engine functions take; tests build it from small
DataFrames. A table the dataset lacks is an empty frame with the right columns, so the
engine reports the categories as missing instead of failing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from europillar.dataset import Dataset

COLUMNS: dict[str, list[str]] = {
    "capability_taxonomy/taxonomy": [
        "category",
        "name",
        "unit",
        "description",
        "aggregation",
        "domain",
        "source_id",
    ],
    "capability/inventory": [
        "holder",
        "holder_type",
        "year",
        "category",
        "quantity",
        "unit",
        "source_id",
        "estimate",
        "method",
        "note",
    ],
    "capability/us_contribution": [
        "category",
        "quantity",
        "unit",
        "basis",
        "year",
        "source_id",
        "estimate",
        "method",
        "note",
    ],
    "capability/costs": [
        "category",
        "cost_type",
        "low",
        "central",
        "high",
        "unit",
        "price_year",
        "platform",
        "source_id",
        "estimate",
        "method",
        "note",
    ],
    "capability/deflators": ["year", "series", "value", "unit", "source_id", "estimate"],
    "capability/operating_rates": ["category", "metric", "value", "unit", "source_id"],
    "capability/requirements_published": [
        "study",
        "category",
        "quantity",
        "unit",
        "assumption",
        "source_id",
        "note",
    ],
    "capability_taxonomy/nato_common_funding_shares": [
        "iso3",
        "period",
        "share_pct",
        "unit",
        "source_id",
        "note",
    ],
}


def typed(frame: pd.DataFrame, columns: list[str], name: str = "<table>") -> pd.DataFrame:
    """Add absent optional columns (empty) and apply the dataset's column rule."""
    from europillar.dataset import conform

    frame = frame.copy()
    for column in columns:
        if column not in frame.columns:
            frame[column] = ""
    return conform(frame, f"{name}.csv")


@dataclass(frozen=True)
class CapabilityData:
    """Every table the capability engine reads (DataFrames, one per shipped table).

    ``inventory`` holds one chosen figure per holder, category and year from the holdings
    matrix (``europillar.force``); ``coverage`` the members with a figure per category
    for the scenario's bloc and year (empty until ``capability.inputs`` fills it).
    """

    taxonomy: pd.DataFrame
    inventory: pd.DataFrame
    us_contribution: pd.DataFrame
    costs: pd.DataFrame
    requirements_published: pd.DataFrame
    observations: pd.DataFrame
    cost_shares: pd.DataFrame
    deflators: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=COLUMNS["capability/deflators"])
    )
    operating_rates: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=COLUMNS["capability/operating_rates"])
    )
    coverage: pd.DataFrame = field(default_factory=pd.DataFrame)


def _inventory(dataset: Dataset, table: Callable[[str], pd.DataFrame]) -> pd.DataFrame:
    """The resolved holdings matrix where the dataset has one, else a v1 inventory table."""
    if "force/holdings" not in dataset:
        return table("capability/inventory")
    from europillar.force.matrix import ForceData, capability_inventory, matrix

    resolved = matrix(ForceData.from_tables(dataset.table))
    return typed(capability_inventory(resolved), COLUMNS["capability/inventory"], "force/holdings")


def load_capability_data(dataset: Dataset) -> CapabilityData:
    """The capability tables of ``dataset`` (a table it lacks is empty, with its columns)."""

    from europillar.data.vintages import view

    def table(name: str) -> pd.DataFrame:
        return typed(dataset.table_or_empty(name, COLUMNS[name]), COLUMNS[name], name)

    return CapabilityData(
        taxonomy=table("capability_taxonomy/taxonomy"),
        inventory=_inventory(dataset, table),
        us_contribution=table("capability/us_contribution"),
        costs=table("capability/costs"),
        requirements_published=table("capability/requirements_published"),
        observations=view(dataset),
        cost_shares=table("capability_taxonomy/nato_common_funding_shares"),
        deflators=table("capability/deflators"),
        operating_rates=table("capability/operating_rates"),
    )
