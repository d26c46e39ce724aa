"""Capability gap per category: requirement minus European available minus US contribution.

Pure functions on DataFrames. Missing figures stay missing (NaN) and are reported in
``data_status`` and ``note``; nothing is zero-filled. A surplus is a negative gap.

    european_available = european_inventory x readiness   (readiness only for platforms)
    us_available       = us_contribution x commitment
    gap                = requirement - european_available - us_available
    coverage_ratio     = (european_available + us_available) / requirement
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from europillar.capability.requirements import RULE_REPLACE_US, Requirement
from europillar.capability.units import accepted_units, rows_in_unit

NAN = float("nan")

BY_CATEGORY_COLUMNS = [
    "category",
    "name",
    "unit",
    "requirement_kind",
    "requirement",
    "european_inventory",
    "inventory_members_found",
    "inventory_members_total",
    "inventory_year",
    "readiness",
    "european_available",
    "us_contribution_full",
    "us_commitment",
    "us_available",
    "gap",
    "coverage_ratio",
    "data_status",
    "source_ids",
    "note",
]


def pick_latest(rows: pd.DataFrame, keys: Sequence[str], base_year: int) -> pd.DataFrame:
    """One row per ``keys``: the latest year <= base_year, else the earliest later year.

    Ties go to figures not flagged as estimates, then to file order.
    """
    if rows.empty:
        return rows
    rows = rows.assign(
        _after=(rows["year"] > base_year).astype(int),
        _order=range(len(rows)),
        _est=rows["estimate"].astype(bool).astype(int) if "estimate" in rows else 0,
    )
    rows = rows.assign(_yearkey=rows["year"].where(rows["_after"] == 1, -rows["year"]))
    rows = rows.sort_values([*keys, "_after", "_yearkey", "_est", "_order"], kind="stable")
    chosen = rows.drop_duplicates(list(keys), keep="first")
    return chosen.drop(columns=["_after", "_order", "_est", "_yearkey"])


@dataclass
class _Inventory:
    quantity: float = NAN
    status: str = "missing"  # complete | partial | missing
    found: int = 0
    years: str = ""
    source_ids: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def european_inventory(
    rows: pd.DataFrame,
    members: Sequence[str],
    aggregate_members: Mapping[str, Sequence[str]],
    base_year: int,
) -> _Inventory:
    """Sum one category's inventory over ``members`` (rows already unit-filtered).

    Country rows are summed; an aggregate row is used only when its country set (from
    ``aggregate_members``) equals the members; otherwise it is named in the note.
    """
    result = _Inventory()
    member_set = set(members)
    countries = rows[(rows["holder_type"] == "country") & rows["holder"].isin(member_set)]
    countries = pick_latest(countries, ["holder"], base_year)
    aggregates = pick_latest(rows[rows["holder_type"] != "country"], ["holder"], base_year)
    matching = aggregates[
        aggregates["holder"].map(lambda h: set(aggregate_members.get(h, ())) == member_set)
    ]
    result.found = len(countries)
    if len(countries) == len(member_set) and len(member_set) > 0:
        result.quantity = float(countries["quantity"].sum())
        result.status = "complete"
        result.years = _years(countries["year"])
        result.source_ids = sorted(set(countries["source_id"]))
    elif not matching.empty:
        row = matching.iloc[0]
        result.quantity = float(row["quantity"])
        result.status = "complete"
        result.found = len(member_set)
        result.years = str(int(row["year"]))
        result.source_ids = [str(row["source_id"])]
        result.notes.append(f"inventory from aggregate row '{row['holder']}'")
    elif not countries.empty:
        result.quantity = float(countries["quantity"].sum())
        result.status = "partial"
        result.years = _years(countries["year"])
        result.source_ids = sorted(set(countries["source_id"]))
        result.notes.append(
            f"inventory known for {len(countries)} of {len(member_set)} members "
            f"({', '.join(sorted(countries['holder']))}): a lower bound"
        )
    for holder in aggregates["holder"]:
        if holder not in set(matching["holder"]):
            why = (
                "its country set differs from the members"
                if holder in aggregate_members
                else "its country set is not defined"
            )
            result.notes.append(f"aggregate '{holder}' not used: {why}")
    return result


def _years(years: pd.Series) -> str:
    low, high = int(years.min()), int(years.max())
    return str(low) if low == high else f"{low}-{high}"


@dataclass
class _USContribution:
    quantity: float = NAN
    source_ids: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def us_contribution(rows: pd.DataFrame, bases: Sequence[str], base_year: int) -> _USContribution:
    """Today's US contribution in one category: latest figure per basis, summed over bases."""
    result = _USContribution()
    rows = rows[rows["basis"].isin(list(bases)) & rows["quantity"].notna()]
    chosen = pick_latest(rows, ["basis"], base_year)
    if chosen.empty:
        return result
    result.quantity = float(chosen["quantity"].sum())
    result.source_ids = sorted(set(chosen["source_id"]))
    if len(chosen) > 1:
        parts = ", ".join(
            f"{b} {q:g} ({int(y)})"
            for b, q, y in zip(chosen["basis"], chosen["quantity"], chosen["year"], strict=False)
        )
        result.notes.append(
            f"US contribution is the sum of {parts}; check the sources for overlap between bases"
        )
    return result


def category_gaps(
    taxonomy: pd.DataFrame,
    inventory: pd.DataFrame,
    us_rows: pd.DataFrame,
    requirements: Mapping[str, Requirement],
    members: Sequence[str],
    aggregate_members: Mapping[str, Sequence[str]],
    readiness: Mapping[str, float],
    commitment: Mapping[str, float],
    us_bases: Sequence[str],
    base_year: int,
) -> pd.DataFrame:
    """The gap table: one row per category that has a requirement under the scenario."""
    records = []
    by_category = taxonomy.set_index("category")
    for category, requirement in requirements.items():
        tax = by_category.loc[category]
        accepted = accepted_units(tax)
        notes: list[str] = [requirement.note] if requirement.note else []
        inv_rows = inventory[inventory["category"] == category]
        inv_ok = rows_in_unit(inv_rows, accepted)
        _note_dropped(inv_rows, inv_ok, "inventory", notes)
        inv = european_inventory(
            inv_ok[inv_ok["quantity"].notna()], members, aggregate_members, base_year
        )
        notes += inv.notes
        ready = readiness.get(category, 1.0) if tax["aggregation"] == "sum_then_readiness" else 1.0
        available = inv.quantity * ready

        cat_us = us_rows[us_rows["category"] == category]
        us_ok = rows_in_unit(cat_us, accepted)
        _note_dropped(cat_us, us_ok, "US contribution", notes)
        us = us_contribution(us_ok, us_bases, base_year)
        notes += us.notes
        share = float(commitment.get(category, 1.0))
        us_available = us.quantity * share
        if math.isnan(us.quantity):
            if share == 0.0 and requirement.kind != RULE_REPLACE_US:
                us_available = 0.0  # withdrawn: nothing remains, whatever today's figure is
                notes.append("US contribution not in the data; irrelevant as the US withdraws")
            else:
                notes.append("US contribution not in the data")

        req, gap, req_status = _requirement_and_gap(
            requirement, available, us.quantity, us_available
        )
        if req_status:
            notes.append(req_status)
        status = _status(gap, requirement, inv.status, us.quantity, share)
        coverage = NAN
        if not math.isnan(req) and req > 0 and not math.isnan(available + us_available):
            coverage = (available + us_available) / req
        sources = [s for s in [requirement.source_id, *inv.source_ids, *us.source_ids] if s]
        records.append(
            {
                "category": category,
                "name": tax["name"],
                "unit": tax["unit"],
                "requirement_kind": requirement.kind,
                "requirement": req,
                "european_inventory": inv.quantity,
                "inventory_members_found": inv.found,
                "inventory_members_total": len(set(members)),
                "inventory_year": inv.years,
                "readiness": ready,
                "european_available": available,
                "us_contribution_full": us.quantity,
                "us_commitment": share,
                "us_available": us_available,
                "gap": gap,
                "coverage_ratio": coverage,
                "data_status": status,
                "source_ids": ";".join(dict.fromkeys(sources)),
                "note": "; ".join(notes),
            }
        )
    return pd.DataFrame.from_records(records, columns=BY_CATEGORY_COLUMNS)


def _note_dropped(rows: pd.DataFrame, kept: pd.DataFrame, what: str, notes: list[str]) -> None:
    dropped = rows.loc[~rows.index.isin(kept.index), "unit"]
    if not dropped.empty:
        units = ", ".join(sorted(set(dropped.astype(str))))
        notes.append(f"{len(dropped)} {what} row(s) left out: unit not comparable ({units})")


def _requirement_and_gap(
    requirement: Requirement, available: float, us_full: float, us_available: float
) -> tuple[float, float, str]:
    """Total requirement and gap for the requirement's kind (NaN where unknown)."""
    if requirement.kind == RULE_REPLACE_US:
        gap = us_full - us_available
        return (
            available + us_full,
            gap,
            (
                "requirement = European available + full US contribution"
                if not math.isnan(available)
                else ""
            ),
        )
    if requirement.quantity is None:
        return NAN, NAN, "no requirement figure"
    quantity = requirement.quantity
    if requirement.kind == "additional":
        total = available + quantity
        note = (
            ""
            if not math.isnan(total)
            else "total requirement unknown (European inventory missing)"
        )
        return total, quantity - us_available, note
    return quantity, quantity - available - us_available, ""


def _status(
    gap: float, requirement: Requirement, inventory_status: str, us_full: float, share: float
) -> str:
    """missing: no gap; partial: the gap is known but the European inventory behind the
    requirement or coverage is a lower bound or unknown; complete: every figure known."""
    if math.isnan(gap):
        return "missing"
    if inventory_status != "complete":
        return "partial"
    if requirement.kind == RULE_REPLACE_US and math.isnan(us_full):
        return "partial"
    return "complete"
