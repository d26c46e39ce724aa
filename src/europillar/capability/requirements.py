"""What each category requires under a scenario: a study's quantity, a rule, or a number.

Pure: takes the taxonomy and the published-requirements table as DataFrames.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from europillar.capability.units import accepted_units, rows_in_unit

RULE_REPLACE_US = "replace_us"
RULE_NONE = "none"


@dataclass(frozen=True)
class Requirement:
    """The requirement of one category.

    ``kind``: "total" (force needed), "additional" (on top of today's European force)
    or "replace_us" (today's European available force plus the full US contribution).
    ``quantity`` is None for "replace_us" and when the study gives no usable figure.
    """

    category: str
    kind: str
    quantity: float | None
    source_id: str
    note: str = ""


def resolve_requirements(
    taxonomy: pd.DataFrame,
    published: pd.DataFrame,
    preset: str | None,
    kind: str,
    explicit: Mapping[str, float],
) -> dict[str, Requirement]:
    """Requirements by category: the preset (study or rule) overridden by explicit numbers."""
    result: dict[str, Requirement] = {}
    categories = list(taxonomy["category"])
    if preset == RULE_REPLACE_US:
        for category in categories:
            result[category] = Requirement(category, RULE_REPLACE_US, None, "")
    elif preset not in (None, RULE_NONE):
        result.update(_from_study(taxonomy, published, str(preset), kind))
    for category, quantity in explicit.items():
        result[category] = Requirement(
            category, kind, float(quantity), "scenario", "explicit quantity in the scenario"
        )
    order = {c: i for i, c in enumerate(categories)}
    return dict(sorted(result.items(), key=lambda item: order.get(item[0], len(order))))


def _from_study(
    taxonomy: pd.DataFrame, published: pd.DataFrame, study: str, kind: str
) -> dict[str, Requirement]:
    rows = published[published["study"].astype(str) == study]
    by_category = taxonomy.set_index("category")
    result: dict[str, Requirement] = {}
    for category, group in rows.groupby("category", sort=False):
        if category not in by_category.index:
            continue  # study-wide totals (category 'total') are not a capability
        accepted = accepted_units(by_category.loc[category])
        usable = rows_in_unit(group, accepted)
        usable = usable[usable["quantity"].notna()]
        if usable.empty:
            units = ", ".join(sorted(set(group["unit"].astype(str))))
            result[str(category)] = Requirement(
                str(category),
                kind,
                None,
                str(group["source_id"].iloc[0]),
                f"{study} gives this category only in units not comparable with "
                f"'{by_category.loc[category, 'unit']}' ({units})",
            )
            continue
        first = usable.iloc[0]
        note = ""
        if len(usable) > 1:
            others = ", ".join(f"{q:g}" for q in usable["quantity"].iloc[1:])
            note = f"first of {len(usable)} rows used; other figures: {others}"
        result[str(category)] = Requirement(
            str(category), kind, float(first["quantity"]), str(first["source_id"]), note
        )
    return result
