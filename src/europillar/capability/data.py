"""Read the capability tables through the data API into one typed input bundle.

``CapabilityData`` is what the pure engine functions take; tests build it from small
DataFrames. A table that does not exist yet is an empty frame with the right columns,
so the engine reports the categories as missing instead of failing.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from europillar.errors import InputError

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
        "source_id",
        "estimate",
        "method",
        "note",
    ],
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
NUMERIC = {"quantity", "low", "central", "high", "year", "price_year", "share_pct"}


def _load(name: str) -> pd.DataFrame:
    """One table via ``europillar.data.load``; empty (with columns) if it does not exist."""
    from europillar import data

    columns = COLUMNS[name]
    try:
        if name not in data.table_names():
            return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
        frame = data.load(name)
    except FileNotFoundError:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    return typed(frame, columns, name)


def typed(frame: pd.DataFrame, columns: list[str], name: str = "<table>") -> pd.DataFrame:
    """Add absent optional columns and convert numeric ones (empty cell -> NaN)."""
    frame = frame.copy()
    for column in columns:
        if column not in frame.columns:
            frame[column] = ""
    for column in NUMERIC & set(frame.columns):
        values = frame[column].replace("", None)
        try:
            frame[column] = pd.to_numeric(values)
        except (TypeError, ValueError) as exc:
            raise InputError(f"{name}.csv", column, None, f"holds a non-number ({exc})") from None
    if "estimate" in frame.columns and frame["estimate"].dtype == object:
        frame["estimate"] = frame["estimate"].astype(str).str.lower().isin(["true", "1", "yes"])
    return frame


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


def load_capability_data() -> CapabilityData:
    """Read the shipped tables (the only function here that touches files)."""
    from europillar import data

    observations = data.load("observations")
    return CapabilityData(
        taxonomy=_load("capability_taxonomy/taxonomy"),
        inventory=_load("capability/inventory"),
        us_contribution=_load("capability/us_contribution"),
        costs=_load("capability/costs"),
        requirements_published=_load("capability/requirements_published"),
        observations=observations,
        cost_shares=_load("capability_taxonomy/nato_common_funding_shares"),
    )


def published_requirement_sets() -> list[str]:
    """Study ids present in requirements_published.csv (empty if the table is absent)."""
    table = _load("capability/requirements_published")
    return sorted(set(table["study"].astype(str)) - {""})
