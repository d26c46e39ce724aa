"""Life-cycle cost per category: acquisition, support, personnel, munitions; one price base.

Pure functions over DataFrames (docs/costs.md has the equations and the sources). For a
category c with Q units to buy, unit acquisition cost A (low/central/high, in the price
base), life cycle of L years and acquisition spread over H years:

    acquisition_c  = Q x A
    support_c      = Q x O                      O: cited operating cost per unit-year
                   = acquisition_c x s / (1 - s) / L   'lifecycle_share': s = cited share
                                                of O&S in life-cycle cost (GAO-21-439)
    personnel_c    = Q x m x k                  m: persons per unit (cited), k: cost per
                                                person-year (NATO-derived, by country)
    annual_c       = acquisition_c / H + support_c + personnel_c
    lifecycle_c    = acquisition_c + L x (support_c + personnel_c)

Stocks (155 mm rounds, long-range missiles) carry acquisition only: no cited storage or
renewal cost. A category with units to buy and no usable acquisition cost (and no
personnel cost for a personnel-only category) is "no cost data": it is listed and its
share of the total is left open, never zero-filled.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from europillar.capability.prices import Deflators, PriceBase, split_money, to_base
from europillar.capability.units import accepted_units, normalise_unit

BOUNDS = ("low", "central", "high")
NAN = float("nan")
STOCK_CATEGORIES = frozenset({"ammo_155mm_stock", "long_range_strike"})
# Categories whose cost is their people: a brigade's vehicles are bought under mbt/ifv_apc.
PERSONNEL_ONLY = frozenset({"troops_brigade"})
SUPPORT_METHODS = ("lifecycle_share", "cited_operating", "none")

PRICE_COLUMNS = [
    "category",
    *[f"acquisition_unit_{b}" for b in BOUNDS],
    *[f"operating_unit_{b}" for b in BOUNDS],
    *[f"persons_per_unit_{b}" for b in BOUNDS],
    "price_base",
    "source_ids",
    "left_out",
    "note",
]
LIFECYCLE_COLUMNS = [
    "category",
    "units",
    "group",
    *[f"acquisition_{b}" for b in BOUNDS],
    *[f"support_annual_{b}" for b in BOUNDS],
    *[f"personnel_annual_{b}" for b in BOUNDS],
    *[f"annual_{b}" for b in BOUNDS],
    *[f"lifecycle_{b}" for b in BOUNDS],
    "persons",
    "support_method",
    "cost_status",
    "money_unit",
    "source_ids",
    "note",
]


@dataclass(frozen=True)
class LifecycleSettings:
    """How the life cycle is costed (scenario section ``[lifecycle]``)."""

    base: PriceBase = field(default_factory=PriceBase)
    years: int = 25
    acquisition_years: int = 10
    support: str = "lifecycle_share"
    support_share_pct: float = NAN
    cost_per_person_m: float = NAN
    personnel: bool = True


def _combine(values: pd.DataFrame) -> tuple[float, float, float]:
    """low = smallest low (or central), central = median of centrals, high = largest high."""
    centrals = values["central"].dropna()
    lows = values["low"].fillna(values["central"]).dropna()
    highs = values["high"].fillna(values["central"]).dropna()
    if centrals.empty and lows.empty and highs.empty:
        return NAN, NAN, NAN
    low = float(lows.min()) if not lows.empty else NAN
    high = float(highs.max()) if not highs.empty else NAN
    if centrals.empty:
        central = statistics.median([v for v in (low, high) if not math.isnan(v)])
    else:
        central = float(statistics.median(centrals))
    return (
        low if not math.isnan(low) else central,
        central,
        high if not math.isnan(high) else central,
    )


def category_prices(
    taxonomy: pd.DataFrame, costs: pd.DataFrame, base: PriceBase, deflators: Deflators
) -> pd.DataFrame:
    """Per category: unit acquisition and operating cost in the base, and persons per unit.

    Money rows whose unit is not 'CCY scale per <category unit>' or whose year has no cited
    rate or index are left out; ``left_out`` counts them and ``note`` says why.
    """
    records = []
    for tax in taxonomy.itertuples(index=False):
        category = str(tax.category)
        accepted = accepted_units(tax._asdict())
        rows = costs[costs["category"] == category]
        record: dict[str, object] = {c: NAN for c in PRICE_COLUMNS}
        notes: list[str] = []
        sources: set[str] = set()
        left_out = 0
        for kind, prefix in (("acquisition", "acquisition"), ("operating_annual", "operating")):
            converted = []
            for row in rows[rows["cost_type"] == kind].itertuples(index=False):
                currency, _, per = split_money(str(row.unit))
                if normalise_unit(per) not in accepted:
                    left_out += 1
                    continue
                factors = to_base(1.0, str(row.unit), row.price_year, base, deflators)
                if not factors.ok:
                    left_out += 1
                    notes.append(f"{row.source_id}: {factors.reason}")
                    continue
                converted.append(
                    {b: float(getattr(row, b)) * factors.factor for b in BOUNDS}
                    | {"source_id": row.source_id}
                )
                sources.add(str(row.source_id))
                sources.update(deflators.source_ids(currency, int(row.price_year), base))
            frame = pd.DataFrame(converted, columns=[*BOUNDS, "source_id"])
            low, central, high = _combine(frame) if not frame.empty else (NAN, NAN, NAN)
            record.update(
                {f"{prefix}_unit_low": low, f"{prefix}_unit_central": central}
                | {f"{prefix}_unit_high": high}
            )
        crew = rows[rows["cost_type"] == "personnel_per_unit"]
        low, central, high = _combine(crew) if not crew.empty else (NAN, NAN, NAN)
        record.update(persons_per_unit_low=low, persons_per_unit_central=central)
        record["persons_per_unit_high"] = high
        sources.update(str(s) for s in crew["source_id"])
        record.update(
            category=category,
            price_base=base.label(),
            source_ids=";".join(sorted(sources)),
            left_out=left_out,
            note="; ".join(dict.fromkeys(notes)),
        )
        records.append(record)
    return pd.DataFrame.from_records(records, columns=PRICE_COLUMNS)


def support_share(operating_rates: pd.DataFrame) -> tuple[float, str]:
    """The cited share of O&S in life-cycle cost, percent, and its source (GAO-21-439)."""
    rows = operating_rates[operating_rates["metric"] == "sustainment_share_of_lifecycle"]
    if rows.empty:
        return NAN, ""
    row = rows.iloc[0]
    return float(row["value"]), str(row["source_id"])


def lifecycle_costs(
    units: Mapping[str, float],
    prices: pd.DataFrame,
    settings: LifecycleSettings,
    overrides: Mapping[str, Mapping[str, float]] | None = None,
) -> pd.DataFrame:
    """One row per category with units to buy (module docstring)."""
    overrides = overrides or {}
    table = prices.set_index("category")
    share = settings.support_share_pct / 100.0
    records = []
    for category, quantity in units.items():
        record: dict[str, object] = {c: NAN for c in LIFECYCLE_COLUMNS}
        group = _group(category)
        record.update(category=category, units=quantity, group=group)
        record.update(money_unit=settings.base.label(), source_ids="", persons=NAN)
        if math.isnan(quantity) or quantity <= 0:
            gap_missing = math.isnan(quantity)
            record.update(
                cost_status="gap missing" if gap_missing else "no gap",
                support_method="",
                note="the gap is not known: its cost is left open" if gap_missing else "",
            )
            if not gap_missing:
                for column in LIFECYCLE_COLUMNS[3:-6]:
                    record[column] = 0.0
            records.append(record)
            continue
        price = table.loc[category] if category in table.index else None
        notes: list[str] = []
        override = overrides.get(category, {})
        acq = _bounds(price, "acquisition_unit")
        ope = _bounds(price, "operating_unit")
        crew = _bounds(price, "persons_per_unit")
        if "persons_per_unit" in override:
            crew = (float(override["persons_per_unit"]),) * 3
            notes.append("persons per unit from the scenario")
        personnel_only = category in PERSONNEL_ONLY
        if personnel_only:
            acq = (0.0, 0.0, 0.0)
        method = "none"
        if category in STOCK_CATEGORIES:
            method = "stock"
            notes.append("stock: acquisition only (no cited storage or renewal cost)")
        elif personnel_only:
            method = "personnel only"
        elif settings.support == "cited_operating" or (
            not math.isnan(ope[1]) and settings.support != "none"
        ):
            method = "cited operating" if not math.isnan(ope[1]) else "none"
        elif settings.support == "lifecycle_share" and not math.isnan(share):
            method = "lifecycle share"
        costed = not math.isnan(acq[1])
        people = (
            settings.personnel
            and group != "munitions"
            and not math.isnan(crew[1])
            and not math.isnan(settings.cost_per_person_m)
        )
        if personnel_only and not people:
            costed = False
        for i, b in enumerate(BOUNDS):
            acquisition = quantity * acq[i]
            if method == "cited operating":
                support = quantity * ope[i]
            elif method == "lifecycle share":
                support = acquisition * share / (1.0 - share) / settings.years
            else:
                support = 0.0
            personnel = quantity * crew[i] * settings.cost_per_person_m if people else 0.0
            annual = acquisition / settings.acquisition_years + support + personnel
            record[f"acquisition_{b}"] = acquisition
            record[f"support_annual_{b}"] = support
            record[f"personnel_annual_{b}"] = personnel
            record[f"annual_{b}"] = annual
            record[f"lifecycle_{b}"] = acquisition + settings.years * (support + personnel)
        record["persons"] = quantity * crew[1] if people else NAN
        if not costed:
            for part in ("acquisition", "support_annual", "personnel_annual", "annual"):
                for b in BOUNDS:
                    record[f"{part}_{b}"] = NAN
            for b in BOUNDS:
                record[f"lifecycle_{b}"] = NAN
            notes.append("no cost data: share of the total left open")
            status = "no cost data"
        elif (method == "none" and group == "equipment") or (
            not people and group == "equipment" and settings.personnel
        ):
            status = "partial"
            if method == "none":
                notes.append("no support cost in the data")
            if not people:
                notes.append("no cited manning: personnel not costed")
        else:
            status = "complete"
        if price is not None and str(price["note"]):
            notes.append(str(price["note"]))
        record.update(
            support_method=method,
            cost_status=status,
            money_unit=settings.base.label(),
            source_ids=str(price["source_ids"]) if price is not None else "",
            note="; ".join(notes),
        )
        records.append(record)
    return pd.DataFrame.from_records(records, columns=LIFECYCLE_COLUMNS)


def _group(category: str) -> str:
    if category in STOCK_CATEGORIES:
        return "munitions"
    if category in PERSONNEL_ONLY:
        return "personnel"
    return "equipment"


def _bounds(price: pd.Series | None, prefix: str) -> tuple[float, float, float]:
    if price is None:
        return NAN, NAN, NAN
    return tuple(float(price[f"{prefix}_{b}"]) for b in BOUNDS)  # type: ignore[return-value]


def decomposition(table: pd.DataFrame) -> pd.DataFrame:
    """Annual cost by part: equipment, munitions (acquisition / H), personnel, operations."""
    known = table[table["cost_status"].isin(["complete", "partial"])]
    rows = []
    for b in BOUNDS:
        annual_acq = known[f"annual_{b}"] - known[f"support_annual_{b}"]
        annual_acq = annual_acq - known[f"personnel_annual_{b}"]
        munitions = annual_acq[known["group"] == "munitions"].sum()
        rows.append(
            {
                "bound": b,
                "equipment": float(annual_acq[known["group"] == "equipment"].sum()),
                "munitions": float(munitions),
                "personnel": float(known[f"personnel_annual_{b}"].sum()),
                "operations": float(known[f"support_annual_{b}"].sum()),
                "total": float(known[f"annual_{b}"].sum()),
            }
        )
    return pd.DataFrame(rows)


def summary(table: pd.DataFrame, settings: LifecycleSettings) -> dict[str, object]:
    """The one summary record of ``gaps --view budget`` (totals over costed categories)."""
    known = table[table["cost_status"].isin(["complete", "partial"])]
    record: dict[str, object] = {"record": "summary"}
    for b in BOUNDS:
        record[f"annual_total_{b}"] = float(known[f"annual_{b}"].sum())
        record[f"procurement_total_{b}"] = float(known[f"acquisition_{b}"].sum())
        record[f"lifecycle_total_{b}"] = float(known[f"lifecycle_{b}"].sum())
    record.update(
        lifecycle_years=settings.years,
        acquisition_years=settings.acquisition_years,
        unit=settings.base.label(),
        currency=settings.base.currency,
        scale="m",
        price_base=f"{settings.base.year} prices",
        categories_costed=len(known),
        categories_with_units=int((table["units"] > 0).sum()),
        no_cost_data=sorted(table.loc[table["cost_status"] == "no cost data", "category"]),
        gap_missing=sorted(table.loc[table["cost_status"] == "gap missing", "category"]),
        partial=sorted(table.loc[table["cost_status"] == "partial", "category"]),
    )
    return record
