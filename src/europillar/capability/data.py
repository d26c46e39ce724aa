"""The capability tables of a dataset as one typed bundle (``CapabilityData``).

``CapabilityData`` is what the pure engine functions take; tests build it from small
DataFrames. A table the dataset lacks is an empty frame with the right columns, so the
engine reports the categories as missing instead of failing.
"""

from __future__ import annotations

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
    """Every table the capability engine reads (DataFrames, one per shipped table)."""

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


def load_capability_data(dataset: Dataset) -> CapabilityData:
    """The capability tables of ``dataset`` (a table it lacks is empty, with its columns)."""

    def table(name: str) -> pd.DataFrame:
        return typed(dataset.table_or_empty(name, COLUMNS[name]), COLUMNS[name], name)

    return CapabilityData(
        taxonomy=table("capability_taxonomy/taxonomy"),
        inventory=table("capability/inventory"),
        us_contribution=table("capability/us_contribution"),
        costs=table("capability/costs"),
        requirements_published=table("capability/requirements_published"),
        observations=dataset.table("observations"),
        cost_shares=table("capability_taxonomy/nato_common_funding_shares"),
        deflators=table("capability/deflators"),
        operating_rates=table("capability/operating_rates"),
    )
