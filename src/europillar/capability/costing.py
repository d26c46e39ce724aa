"""Cost of closing each gap over the horizon, and how it compares with today's budgets.

Pure functions. For a positive gap of G units, unit acquisition cost A and unit operating
cost O per year, over a horizon of H years:

    acquisition   = G x A
    operating     = G x O x (H + 1) / 2   ("ramp": G/H units delivered each year, operated
                                            from their year of delivery)
                  = G x O x H             ("full_horizon")      = 0 ("none")
    annual_needed = (acquisition + operating) / H
    steady_state  = G x O per year after the target year

Unit costs come from costs.csv: of the rows whose unit is 'MONEY per <category unit>',
low = the smallest low (or central), central = the median of the centrals, high = the
largest high (or central). Price years are those cited (not deflated): the money unit
says which. A category without a cost figure has no cost; it is listed, not zero-filled.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from europillar.capability.units import accepted_units, rows_in_unit, split_money_unit

NAN = float("nan")
BOUNDS = ("low", "central", "high")

COST_COLUMNS = [
    "category",
    "units_to_buy",
    "money_unit",
    *[f"acquisition_unit_{b}" for b in BOUNDS],
    *[f"operating_unit_{b}" for b in BOUNDS],
    *[f"acquisition_{b}" for b in BOUNDS],
    *[f"operating_{b}" for b in BOUNDS],
    *[f"total_{b}" for b in BOUNDS],
    *[f"annual_{b}" for b in BOUNDS],
    "steady_state_operating_central",
    "includes_operating",
    "cost_status",
    "source_ids",
    "note",
]


@dataclass(frozen=True)
class UnitCost:
    """Low/central/high cost per unit of one category and cost type (NaN when unknown)."""

    low: float = NAN
    central: float = NAN
    high: float = NAN
    money: str = ""
    sources: tuple[str, ...] = ()
    years: str = ""
    dropped: int = 0
    rows: int = 0
    note: str = ""

    def bound(self, name: str) -> float:
        return float(getattr(self, name))

    @property
    def known(self) -> bool:
        return not math.isnan(self.central)


def unit_costs(
    taxonomy: pd.DataFrame, costs: pd.DataFrame, category: str, cost_type: str
) -> UnitCost:
    """Combine the cited unit costs of one category and cost type (module docstring)."""
    tax = taxonomy.set_index("category").loc[category]
    accepted = accepted_units(tax)
    rows = costs[(costs["category"] == category) & (costs["cost_type"] == cost_type)]
    usable = rows_in_unit(rows, accepted, per=True)
    usable = usable[usable["central"].notna()]
    dropped = len(rows) - len(usable)
    if usable.empty:
        note = (
            f"{dropped} {cost_type} cost row(s) left out: unit not per category unit"
            if dropped
            else ""
        )
        return UnitCost(dropped=dropped, note=note)
    monies = {split_money_unit(u)[0] for u in usable["unit"]}
    if len(monies) > 1:
        return UnitCost(
            dropped=len(rows),
            note=f"{cost_type} rows in different money units "
            f"({' / '.join(sorted(monies))}): not combined",
        )
    lows = usable["low"].fillna(usable["central"])
    highs = usable["high"].fillna(usable["central"])
    years = usable["price_year"].dropna().astype(int)
    if years.empty:
        year_text = "not stated"
    else:
        low_year, high_year = int(years.min()), int(years.max())
        year_text = str(low_year) if low_year == high_year else f"{low_year}-{high_year}"
    notes = []
    if dropped:
        notes.append(f"{dropped} {cost_type} cost row(s) left out: unit not per category unit")
    if len(usable) > 1:
        notes.append(f"{cost_type} unit cost combines {len(usable)} cited figures")
    return UnitCost(
        low=float(lows.min()),
        central=float(statistics.median(usable["central"])),
        high=float(highs.max()),
        money=monies.pop(),
        sources=tuple(sorted(set(usable["source_id"]))),
        years=year_text,
        dropped=dropped,
        rows=len(usable),
        note="; ".join(notes),
    )


def operating_years(horizon: int, profile: str) -> float:
    """Unit-years of operation per unit bought over the horizon (see module docstring)."""
    if profile == "ramp":
        return (horizon + 1) / 2
    if profile == "full_horizon":
        return float(horizon)
    return 0.0


def cost_to_close(
    by_category: pd.DataFrame,
    taxonomy: pd.DataFrame,
    costs: pd.DataFrame,
    horizon: int,
    operating_profile: str,
    overrides: Mapping[str, Mapping[str, object]] | None = None,
) -> pd.DataFrame:
    """Cost table: one row per category of ``by_category`` (see module docstring)."""
    overrides = overrides or {}
    records = []
    years_op = operating_years(horizon, operating_profile)
    for row in by_category.itertuples(index=False):
        category, gap = row.category, float(row.gap)
        record: dict[str, object] = {c: NAN for c in COST_COLUMNS}
        record.update(
            category=category, money_unit="", includes_operating=False, note="", source_ids=""
        )
        if math.isnan(gap):
            record.update(units_to_buy=NAN, cost_status="gap missing")
            records.append(record)
            continue
        units = max(gap, 0.0)
        record["units_to_buy"] = units
        acq = _costs_for(taxonomy, costs, category, "acquisition", overrides)
        ope = _costs_for(taxonomy, costs, category, "operating_annual", overrides)
        notes = [n for n in (acq.note, ope.note) if n]
        if units == 0.0:
            record.update(cost_status="no gap", money_unit=acq.money, includes_operating=True)
            for b in BOUNDS:
                for part in ("acquisition", "operating", "total", "annual"):
                    record[f"{part}_{b}"] = 0.0
            record["steady_state_operating_central"] = 0.0
            records.append(record)
            continue
        if not acq.known:
            notes.append("no acquisition cost in the data")
            record.update(cost_status="missing", note="; ".join(notes))
            records.append(record)
            continue
        with_operating = ope.known and ope.money == acq.money
        if ope.known and not with_operating:
            notes.append(f"operating cost in {ope.money} not added to {acq.money}")
        elif not with_operating and years_op > 0:
            notes.append("no operating cost in the data: totals are acquisition only")
        for b in BOUNDS:
            acquisition = units * acq.bound(b)
            operating = units * ope.bound(b) * years_op if with_operating else NAN
            total = acquisition + (operating if with_operating else 0.0)
            record[f"acquisition_unit_{b}"] = acq.bound(b)
            record[f"operating_unit_{b}"] = ope.bound(b) if with_operating else NAN
            record[f"acquisition_{b}"] = acquisition
            record[f"operating_{b}"] = operating
            record[f"total_{b}"] = total
            record[f"annual_{b}"] = total / horizon
        record["steady_state_operating_central"] = units * ope.central if with_operating else NAN
        record.update(
            money_unit=f"{acq.money}, price years {acq.years} (not deflated)",
            includes_operating=bool(with_operating or years_op == 0),
            cost_status="complete" if (with_operating or years_op == 0) else "partial",
            source_ids=";".join(dict.fromkeys([*acq.sources, *ope.sources])),
            note="; ".join(notes),
        )
        records.append(record)
    return pd.DataFrame.from_records(records, columns=COST_COLUMNS)


def _costs_for(
    taxonomy: pd.DataFrame,
    costs: pd.DataFrame,
    category: str,
    cost_type: str,
    overrides: Mapping[str, Mapping[str, object]],
) -> UnitCost:
    override = overrides.get(category)
    key = "acquisition" if cost_type == "acquisition" else "operating_annual"
    if override is not None and override.get(key) is not None:
        value = float(str(override[key]))
        return UnitCost(
            value,
            value,
            value,
            str(override["unit"]),
            ("scenario",),
            str(override["price_year"]),
            note=f"{key} unit cost from the scenario",
        )
    return unit_costs(taxonomy, costs, category, cost_type)


def total_cost_by_unit(costs: pd.DataFrame, bound: str) -> pd.DataFrame:
    """Totals over categories per money unit (figures in different units are never added)."""
    known = costs[costs[f"total_{bound}"].notna() & (costs["units_to_buy"] > 0)]
    money = known["money_unit"].str.split(",").str[0]
    frame = (
        known.assign(money=money)
        .groupby("money", sort=True)
        .agg(
            total=(f"total_{bound}", "sum"),
            annual=(f"annual_{bound}", "sum"),
            categories=("category", lambda c: ", ".join(c)),
        )
    )
    return frame.reset_index()
