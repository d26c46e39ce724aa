"""Supply side of the transition: lead times, production capacity, the personnel pipeline
and the equipment share that recapitalises retirements, from the cited tables.

Pure functions over DataFrames; ``prepare.build_model`` calls them (docs/transition.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from europillar.scenario.sections.transition import TransitionSettings

EUROPEAN_CAPACITY_REGIONS = ("EU27", "EUROPE", "EUROPE_KIEL", "EUROPEAN_NATO")


def lead_times(rows: pd.DataFrame, cats: tuple[str, ...]) -> tuple[np.ndarray, set[str]]:
    """Median of the cited central lead times per category."""
    out, sources = [], set()
    for c in cats:
        sel = rows[
            (rows["category"] == c) & pd.to_numeric(rows["central_years"], errors="coerce").notna()
        ]
        out.append(float(pd.to_numeric(sel["central_years"]).median()) if len(sel) else np.nan)
        sources |= set(sel["source_id"].astype(str))
    return np.array(out), sources


def capacities(
    rows: pd.DataFrame,
    taxonomy: pd.DataFrame,
    members: list[str],
    cats: tuple[str, ...],
    start: int,
) -> tuple[np.ndarray, set[str]]:
    """European production capacity per category in the category's unit (inf if none).

    A European aggregate row wins; otherwise the members' own rows are summed (a lower
    bound). Only the latest row at or before the start year + 1 of each producer counts,
    and only rows whose unit matches the category's unit.
    """
    from europillar.capability.units import accepted_units, rows_in_unit

    taxonomy = taxonomy.set_index("category")
    out, sources = [], set()
    rows = rows.assign(unit=rows["unit"].astype(str).str.replace(r" per year$", "", regex=True))
    for c in cats:
        sel = rows_in_unit(rows[rows["category"] == c], accepted_units(taxonomy.loc[c]))
        sel = sel[pd.to_numeric(sel["year"], errors="coerce") <= start + 1]
        european = sel[sel["region"].isin(EUROPEAN_CAPACITY_REGIONS)]
        national = sel[sel["region"].isin(members)]
        pick = european if len(european) else national
        if pick.empty:
            out.append(np.inf)
            continue
        latest = pick.sort_values("year").groupby("region").tail(1)
        out.append(float(pd.to_numeric(latest["capacity_per_year"]).sum()))
        sources |= set(latest["source_id"].astype(str))
    return np.array(out), sources


def equipment_share(
    obs: pd.DataFrame, members: list[str], spending: np.ndarray, start: int
) -> tuple[float, str, set[str]]:
    """Spending-weighted NATO equipment share (Table 8b, latest year <= start per member);
    members without a NATO figure take the weighted mean of those with one."""
    rows = obs[
        (obs["indicator"] == "nato_equipment_share_pct")
        & obs["iso3"].isin(members)
        & (obs["year"] <= start)
    ].sort_values("year")
    latest = rows.groupby("iso3")["value"].last()
    weights = pd.Series(spending, index=members)
    known = weights[weights.index.isin(latest.index)]
    if known.empty:
        return 0.0, "No NATO equipment share for any member: no recapitalisation.", set()
    share = float((latest[known.index] * known).sum() / known.sum()) / 100.0
    without = sorted(set(members) - set(latest.index))
    note = (
        f"Recapitalisation: the start-year budget's equipment share ({100 * share:.1f}%, "
        f"NATO Table 8b, spending-weighted over {len(known)} members"
        + (f"; {', '.join(without)} take that mean" if without else "")
        + ") x the build-up share re-orders retired units."
    )
    return share, note, set(rows["source_id"].astype(str))


PIPELINE_COLUMNS = ("item", "category", "region", "year", "central", "unit", "source_id")


def training_years(
    rows: pd.DataFrame, cats: tuple[str, ...]
) -> tuple[np.ndarray, set[str], list[str]]:
    """Years from delivery to a trained crew or a formed brigade, per category (0 where
    no figure is cited): 'crew_training' and 'brigade_formation' rows of
    capability/pipeline.csv. They are added to the order-to-delivery lead time."""
    out = np.zeros(len(cats))
    sources: set[str] = set()
    notes = []
    for i, c in enumerate(cats):
        sel = rows[
            (rows["category"] == c) & rows["item"].isin(["crew_training", "brigade_formation"])
        ]
        values = pd.to_numeric(sel["central"], errors="coerce").dropna()
        if values.empty:
            continue
        out[i] = float(values.max())
        sources |= set(sel["source_id"].astype(str))
        notes.append(f"{c}: {out[i]:g} years of training or formation added to the lead time.")
    return out, sources, notes


def recruitment_capacity(
    rows: pd.DataFrame, costs: pd.DataFrame, members: list[str], cats: tuple[str, ...]
) -> tuple[np.ndarray, set[str], str]:
    """Brigades a year the personnel pipeline can fill: cited net growth in soldiers a year
    ('net_strength_growth' rows, summed over the members that have one: a lower bound for
    the bloc) / soldiers per brigade (median of the cited personnel_per_unit rows)."""
    out = np.full(len(cats), np.inf)
    if "troops_brigade" not in cats:
        return out, set(), ""
    growth = rows[(rows["item"] == "net_strength_growth") & rows["region"].isin(members)]
    crew = costs[
        (costs["category"] == "troops_brigade") & (costs["cost_type"] == "personnel_per_unit")
    ]
    per = pd.to_numeric(crew["central"].fillna(crew["low"]), errors="coerce").dropna()
    values = pd.to_numeric(growth["central"], errors="coerce").dropna()
    if values.empty or per.empty:
        return out, set(), ""
    i = cats.index("troops_brigade")
    out[i] = float(values.sum()) / float(per.median())
    note = (
        f"troops_brigade: the personnel pipeline fills {out[i]:.2f} brigades a year "
        f"(net growth of {values.sum():,.0f} soldiers a year cited for "
        f"{', '.join(sorted(set(growth['region'])))} only, / {per.median():,.0f} per brigade)."
    )
    return out, set(growth["source_id"].astype(str)) | set(crew["source_id"].astype(str)), note


def war_losses(
    settings: TransitionSettings, years: np.ndarray, cats: tuple[str, ...]
) -> tuple[np.ndarray, np.ndarray, str]:
    """(loss, consumption, note): from the war's first year, the share of each category's
    stock lost a year and the units consumed a year (scenario assumptions)."""
    years_n = years.size
    note = ""
    loss = np.zeros((years_n, len(cats)))
    consumption = np.zeros((years_n, len(cats)))
    if settings.war_start_year is not None:
        at_war = years >= settings.war_start_year
        loss[at_war, :] = settings.attrition_pct / 100.0
        for i, c in enumerate(cats):
            consumption[at_war, i] = settings.consumption_per_year.get(c, 0.0)
        note = (
            f"War from {settings.war_start_year}: {settings.attrition_pct:g}% of each "
            "category's stock lost a year"
            + (
                "; consumption per year: "
                + ", ".join(f"{c} {v:g}" for c, v in sorted(settings.consumption_per_year.items()))
                if settings.consumption_per_year
                else ""
            )
            + " (scenario assumptions)."
        )
    return loss, consumption, note


def firm_schedule(
    pipeline: pd.DataFrame, members: list[str], cats: tuple[str, ...], years: np.ndarray
) -> tuple[np.ndarray, set[str], str]:
    """Units arriving from firm orders per year and category, (T, C), from the orders
    pipeline (``europillar.force``: outstanding units spread over their delivery years).

    Only the members' orders count. Deliveries dated before the start year arrive in the
    start year; those after the horizon and those without a delivery year are left out,
    and the note counts them.
    """
    out = np.zeros((years.size, len(cats)))
    rows = pipeline[pipeline["iso3"].isin(members) & pipeline["category"].isin(cats)]
    undated = rows[rows["delivery_year"].isna()]
    dated = rows[rows["delivery_year"].notna()]
    later = dated[dated["delivery_year"].astype(int) > int(years[-1])]
    dated = dated[dated["delivery_year"].astype(int) <= int(years[-1])]
    for row in dated.itertuples(index=False):
        t = max(int(row.delivery_year) - int(years[0]), 0)
        out[t, cats.index(str(row.category))] += float(row.quantity)
    parts = [f"{c} {out[:, i].sum():,.0f}" for i, c in enumerate(cats) if out[:, i].sum() > 0]
    note = (
        "Firm orders arriving in their delivery years (orders pipeline): "
        + (", ".join(parts) if parts else "none for the modelled categories")
        + (
            f"; {undated['quantity'].sum():,.0f} units without a delivery year left out"
            if len(undated)
            else ""
        )
        + (
            f"; {later['quantity'].sum():,.0f} units due after {int(years[-1])}"
            if len(later)
            else ""
        )
        + "."
    )
    return out, set(dated["source_id"].astype(str)), note
