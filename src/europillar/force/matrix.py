"""The holdings matrix: cited rows + UCS-derived satellites + census zeros, resolved.

``ForceData`` bundles the tables this needs (tests build it from small frames);
``ForceData.from_tables(load)`` reads them through a table loader (``europillar.data.load``
or ``Dataset.table``). ``matrix(data)`` gives every candidate figure with its rank;
``country_figures(data, year)`` one chosen figure per holder and category.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from europillar.force.census import census_zeros as zeros_from_census
from europillar.force.holdings import check_holdings, figures, latest, resolve
from europillar.force.satellites import satellite_holdings

FORCE_TABLES = (
    "force/holdings",
    "force/census",
    "force/unit_rules",
    "force/satellites_ucs",
    "force/satellites_added",
)


@dataclass(frozen=True)
class ForceData:
    """Every table the holdings matrix reads."""

    holdings: pd.DataFrame
    census: pd.DataFrame
    unit_rules: pd.DataFrame
    satellites_ucs: pd.DataFrame
    satellites_added: pd.DataFrame
    taxonomy: pd.DataFrame
    sources: pd.DataFrame
    countries: pd.DataFrame
    memberships: pd.DataFrame | None = None  # for census scopes such as EUROPEAN_NATO

    @classmethod
    def from_tables(cls, load: Callable[[str], pd.DataFrame]) -> ForceData:
        return cls(
            holdings=_typed(load("force/holdings")),
            census=load("force/census"),
            unit_rules=load("force/unit_rules"),
            satellites_ucs=load("force/satellites_ucs"),
            satellites_added=load("force/satellites_added"),
            taxonomy=load("capability_taxonomy/taxonomy"),
            sources=load("sources"),
            countries=load("countries"),
            memberships=load("memberships"),
        )


def _typed(rows: pd.DataFrame) -> pd.DataFrame:
    rows = rows.copy()
    rows["year"] = pd.to_numeric(rows["year"]).astype(int)
    rows["quantity"] = pd.to_numeric(rows["quantity"])
    if rows["estimate"].dtype != bool:
        rows["estimate"] = rows["estimate"].astype(str).str.lower().isin(["true", "1", "yes"])
    return rows


def all_rows(data: ForceData, last_year: int = 2026) -> pd.DataFrame:
    """Cited holdings plus the satellite counts derived from UCS and later launches."""
    check_holdings(data.holdings)
    ucs = data.satellites_ucs.copy()
    sats = satellite_holdings(ucs, data.satellites_added, last_year)
    rows = pd.concat([data.holdings, _typed(sats)], ignore_index=True)
    return rows


def census_zeros(data: ForceData, rows: pd.DataFrame) -> pd.DataFrame:
    """Zero holdings implied by census sources for in-scope states they do not list."""
    frame = zeros_from_census(
        data.census, rows, data.countries, data.memberships, list(rows.columns)
    )
    if not frame.empty:
        unit = data.taxonomy.set_index("category")["unit"]
        frame["unit"] = frame["category"].map(unit)
    return frame


def matrix(data: ForceData) -> pd.DataFrame:
    """Every candidate figure (totals ranked, parts as lower bounds), census zeros included."""
    rows = all_rows(data)
    zeros = census_zeros(data, rows)
    every = pd.concat([rows, zeros], ignore_index=True) if not zeros.empty else rows
    candidates = figures(every, data.taxonomy, data.unit_rules, data.sources)
    return resolve(candidates, data.sources)


def country_figures(
    data: ForceData, year: int, resolved: pd.DataFrame | None = None
) -> pd.DataFrame:
    """One chosen figure per country holder and category as of ``year`` (see ``latest``)."""
    resolved = matrix(data) if resolved is None else resolved
    picked = latest(resolved, year)
    return picked[picked["holder_type"] == "country"].reset_index(drop=True)


def partial_figures(resolved: pd.DataFrame, year: int, max_age: int = 8) -> pd.DataFrame:
    """Per country and category, the latest sum of 'part' rows: a lower bound, not a total."""
    parts = resolved[(resolved["scope"] == "part") & (resolved["holder_type"] == "country")]
    parts = parts[(parts["year"] <= year + 2) & (parts["year"] >= year - max_age)]
    parts = parts.sort_values(["holder", "category", "year"], kind="stable")
    return parts.drop_duplicates(["holder", "category"], keep="last").reset_index(drop=True)


INVENTORY_COLUMNS = [
    "holder",
    "holder_type",
    "year",
    "category",
    "quantity",
    "unit",
    "status",
    "source_id",
    "estimate",
    "method",
    "note",
]


def capability_inventory(resolved: pd.DataFrame) -> pd.DataFrame:
    """Chosen total figures in the capability engine's inventory shape (all years).

    Stored-only figures are left out (the taxonomy counts active holdings), and so are
    aggregates (a study's 'Europe' total): they are cross-checks, never an inventory,
    because their country set and method are not the members' own figures. Pooled fleets
    (NATO's E-3A, the MMF) stay, named. ``note`` names the platforms and the status.
    """
    chosen = resolved[
        resolved["chosen"]
        & resolved["status"].isin(("active", "total"))
        & (resolved["holder_type"] != "aggregate")
    ]
    note = [
        "; ".join(x for x in (f"platforms: {p}" if p else "", f"status: {st}") if x)
        for p, st in zip(chosen["platforms"], chosen["status"], strict=True)
    ]
    out = chosen.assign(note=note)
    return out[INVENTORY_COLUMNS].reset_index(drop=True)


def inventory_as_of(inventory: pd.DataFrame, year: int) -> pd.DataFrame:
    """One figure per holder and category as of ``year`` (the coverage window, see ``latest``)."""
    if inventory.empty:
        return inventory
    if "status" not in inventory.columns:
        inventory = inventory.assign(status="total")
    return latest(inventory.assign(chosen=True), year).drop(columns="chosen")


MAKERS = re.compile(
    r"^(Lockheed Martin|Lockheed|Boeing|Airbus Helicopters|Airbus|General Atomics|Dassault|"
    r"Leonardo|McDonnell Douglas|Sikorsky|Mil|Mikoyan|Sukhoi|Panavia|Saab|Embraer|KAI|TAI|Bell|"
    r"IAI|Northrop Grumman|Chengdu|CASA|Gulfstream|ATR)\s+"
)
NOT_EQUIPMENT = (
    "c2_hq",
    "troops_brigade",
    "ammo_155mm_stock",
    "ammo_155mm_production",
    "nuclear_warhead",
)
FLEET_COLUMNS = [
    "iso3",
    "category",
    "type",
    "variant",
    "year",
    "status",
    "quantity",
    "origin_bloc",
    "source_id",
]


def platform_fleets(
    data: ForceData, transfers: pd.DataFrame, in_service: pd.DataFrame, european: set[str]
) -> pd.DataFrame:
    """Platform-level fleets from the holdings, in the shape procurement's fragmentation reads.

    One row per (country, category, platform): the latest year, then the lowest source
    tier. ``origin_bloc`` comes from procurement/in_service.csv for the same platform
    family, else from the SIPRI register's supplier of that family to the holder; where
    neither names it, it is left empty (not counted in origin shares, never guessed).
    """
    from europillar.force.holdings import source_ranks
    from europillar.force.orders import family

    rows = data.holdings[
        (data.holdings["holder_type"] == "country")
        & data.holdings["status"].isin(("active", "total"))
        & ~data.holdings["platform"].str.strip().str.lower().isin(("", "none", "all types"))
        & ~data.holdings["category"].isin(NOT_EQUIPMENT)
    ].copy()
    rows["platform"] = rows["platform"].str.replace(MAKERS, "", regex=True)
    tiers = source_ranks(data.sources)["tier"]
    # the type a fleet counts as: the model without its maker ('Lockheed Martin F-16' -> 'F-16')
    rows["tier"] = tiers.reindex(rows["source_id"]).fillna(4).to_numpy()
    rows["family"] = rows["platform"].map(family)
    rows = rows.sort_values(
        ["holder", "category", "family", "year", "tier"],
        ascending=[True, True, True, False, True],
        kind="stable",
    )
    rows = rows.drop_duplicates(["holder", "category", "family"], keep="first")
    by_type = {
        family(t): o for t, o in zip(in_service["type"], in_service["origin_bloc"], strict=True)
    }
    supplier = {
        (i, family(d)): (
            "us" if s == "United States" else "european" if s_iso in european else "other"
        )
        for i, d, s, s_iso in zip(
            transfers["iso3"],
            transfers["designation"],
            transfers["supplier"],
            transfers["supplier_iso3"],
            strict=True,
        )
    }
    origin = [
        by_type.get(f) or supplier.get((h, f), "")
        for h, f in zip(rows["holder"], rows["family"], strict=True)
    ]
    return pd.DataFrame(
        {
            "iso3": rows["holder"],
            "category": rows["category"],
            "type": rows["platform"],
            "variant": rows["variant"],
            "year": rows["year"],
            "status": "in_service",
            "quantity": rows["quantity"],
            "origin_bloc": origin,
            "source_id": rows["source_id"],
        },
        columns=FLEET_COLUMNS,
    ).reset_index(drop=True)
