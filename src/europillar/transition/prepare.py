"""Transition inputs: the year-by-year model of a scenario, built from the cited dataset.

``inputs(scenario, dataset)`` is the only transition step that reads data (the dataset's
tables and the capability engine's gaps); everything downstream is pure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from europillar.result import Origin
from europillar.scenario.distributions import Uncertain, central, draw, is_uncertain
from europillar.scenario.schema import Scenario
from europillar.scenario.sections.transition import Drawdown as DrawdownSpec
from europillar.scenario.sections.transition import TransitionSettings
from europillar.transition.model import (
    KIND_ABRUPT,
    KIND_CONDITIONAL,
    KIND_GRADUAL,
    KIND_NONE,
    KIND_SERIES,
    Budget,
    CategoryData,
    Drawdown,
    Model,
)

KINDS = {
    "none": KIND_NONE,
    "gradual": KIND_GRADUAL,
    "abrupt": KIND_ABRUPT,
    "conditional": KIND_CONDITIONAL,
    "series": KIND_SERIES,
}
EUROPEAN_CAPACITY_REGIONS = ("EU27", "EUROPE", "EUROPE_KIEL", "EUROPEAN_NATO")
# Budgets start from today's spending at constant prices and its share of GDP, both from
# the source the indicator catalogue names first (one vintage for both).
BUDGET_INDICATORS = ("milex_usd_constant2023_m", "milex_share_gdp_pct")

if TYPE_CHECKING:
    from europillar.capability.data import CapabilityData
    from europillar.dataset import Dataset


@dataclass(frozen=True)
class TransitionInputs:
    """The model (fixed across draws), its uncertain parameters, draws, seed and notes."""

    origin: Origin
    model: Model
    params: Mapping[str, Uncertain]
    settings: TransitionSettings
    draws: int
    seed: int
    notes: tuple[str, ...] = ()
    coverage: pd.DataFrame | None = None  # data coverage of the bloc, per category


@dataclass(frozen=True)
class Scaled:
    """A distribution (or number) multiplied by a constant: percent in the file, fraction inside."""

    inner: Uncertain
    factor: float

    def sample(self, rng: np.random.Generator, size: int) -> np.ndarray:
        return draw(self.inner, rng, size) * self.factor

    def central(self) -> float:
        return central(self.inner) * self.factor

    @property
    def is_degenerate(self) -> bool:
        return not is_uncertain(self.inner)


def _param(value: Uncertain, factor: float = 1.0) -> Uncertain:
    if isinstance(value, (int, float)):
        return float(value) * factor
    return Scaled(value, factor) if factor != 1.0 else value  # type: ignore[return-value]


def parameters(settings: TransitionSettings) -> dict[str, Uncertain]:
    """The model's per-draw parameters (fractions) from the settings (percent)."""
    return {
        "gdp_growth": _param(settings.gdp_growth_pct, 0.01),
        "budget_target_share": _param(settings.budget.target_pct_gdp, 0.01),
        "equipment_share": _param(settings.equipment_share_pct, 0.01),
        "build_up_share": _param(settings.build_up_share_pct, 0.01),
        "unit_cost_scale": _param(settings.unit_cost_scale),
        "lead_time_scale": _param(settings.lead_time_scale),
        "capacity_ramp": _param(settings.capacity_ramp_pct, 0.01),
        "retirement": _param(settings.retirement_pct, 0.01),
        "readiness_scale": _param(settings.readiness_scale),
        "drawdown_shift": _param(settings.drawdown_shift_years),
    }


def inputs(
    scenario: Scenario, dataset: Dataset, *, draws: int | None = None, seed: int | None = None
) -> TransitionInputs:
    """The transition inputs of ``scenario``; ``draws`` and ``seed`` override its settings.

    Categories enter the model only where the requirement, the European inventory and
    the US contribution are all known; the notes name every category left out and why.
    """
    from europillar import capability
    from europillar.scenario.loader import scenario_with

    scenario = scenario_with(
        scenario, {"transition": {"draws": draws, "seed": seed}}, file="--draws/--seed"
    )
    settings = scenario.transition or TransitionSettings.model_validate({})
    cap_inputs = capability.inputs(scenario, dataset)
    gaps = capability.run(cap_inputs)
    model, notes = build_model(
        scenario,
        settings,
        gaps.by_category,
        gaps.costs,
        gaps.members,
        set(gaps.sources),
        dataset,
        cap_inputs.data,
    )
    return TransitionInputs(
        Origin.of(scenario, dataset),
        model,
        parameters(settings),
        settings,
        settings.draws,
        settings.seed,
        tuple(notes),
        gaps.table("coverage") if "coverage" in gaps.tables else None,
    )


def build_model(
    scenario: Scenario,
    settings: TransitionSettings,
    table_by_category: pd.DataFrame,
    costs_by_category: pd.DataFrame,
    members: list[str],
    gap_sources: set[str],
    dataset: Dataset,
    cap_data: CapabilityData,
) -> tuple[Model, list[str]]:
    """The model and its notes from the capability gaps and the dataset's tables."""
    start = settings.start_year or scenario.base_year
    years = np.arange(start, settings.end_year + 1)
    notes: list[str] = []

    table = table_by_category.set_index("category")
    coverage = table["coverage"] if "coverage" in table.columns else pd.Series("", table.index)
    insufficient = coverage.astype(str).str.startswith("insufficient data")
    for category in table.index[insufficient & table["requirement"].gt(0)]:
        notes.append(f"{category}: {coverage[category]}; left out of the model.")
    usable = table[
        table["requirement"].gt(0)
        & table["european_inventory"].notna()
        & table["us_contribution_full"].notna()
        & ~insufficient
    ]
    left_out = sorted(set(table.index) - set(usable.index))
    if left_out:
        notes.append(
            "Left out for missing requirement, European inventory or US contribution: "
            + ", ".join(left_out)
            + "."
        )
    partial = [c for c in usable.index if table.loc[c, "data_status"] != "complete"]
    if partial:
        notes.append(
            "Inventory is a lower bound (not every member's figure is cited) for: "
            + ", ".join(partial)
            + "."
        )
    cats = tuple(usable.index)

    costs = costs_by_category.set_index("category")
    unit_cost = np.array(
        [
            float(costs.loc[c, "acquisition_unit_central"]) if c in costs.index else np.nan
            for c in cats
        ]
    )
    no_cost = [c for c, v in zip(cats, unit_cost, strict=False) if not np.isfinite(v)]
    if no_cost:
        notes.append(
            "No cited unit cost, so no orders are modelled for: " + ", ".join(no_cost) + "."
        )

    lead, lead_sources = _lead_times(dataset.table("capability/lead_time"), cats)
    no_lead = [c for c, v in zip(cats, lead, strict=False) if not np.isfinite(v)]
    if no_lead:
        notes.append(
            "No cited lead time (1 year assumed, optimistic) for: " + ", ".join(no_lead) + "."
        )
    lead = np.where(np.isfinite(lead), lead, 1.0)

    capacity, cap_sources = _capacities(
        dataset.table("capability/production_capacity"), cap_data.taxonomy, members, cats, start
    )
    uncapped = [c for c, v in zip(cats, capacity, strict=False) if np.isinf(v)]
    if uncapped:
        notes.append(
            "No cited European production capacity (uncapped, optimistic) for: "
            + ", ".join(uncapped)
            + "."
        )

    shares = np.array([settings.allocation_shares_pct.get(c, 0.0) for c in cats]) / 100.0
    category_data = CategoryData(
        categories=cats,
        requirement=usable["requirement"].to_numpy(float),
        initial_stock=usable["european_inventory"].to_numpy(float),
        readiness=usable["readiness"].to_numpy(float),
        us_units=usable["us_contribution_full"].to_numpy(float),
        unit_cost=unit_cost,
        lead_time=lead,
        capacity=capacity,
        fixed_share=shares,
    )
    drawdown = _drawdown(settings, scenario, cats, years)
    budget, budget_notes, budget_sources = _budget(settings, members, start, years, dataset)
    notes.extend(budget_notes)
    sources = gap_sources | lead_sources | cap_sources | budget_sources
    model = Model(
        years,
        category_data,
        drawdown,
        budget,
        settings.allocation,
        settings.threshold_pct,
        tuple(sorted(s for s in sources if s)),
    )
    return model, notes


def _lead_times(rows: pd.DataFrame, cats: tuple[str, ...]) -> tuple[np.ndarray, set[str]]:
    """Median of the cited central lead times per category."""
    out, sources = [], set()
    for c in cats:
        sel = rows[
            (rows["category"] == c) & pd.to_numeric(rows["central_years"], errors="coerce").notna()
        ]
        out.append(float(pd.to_numeric(sel["central_years"]).median()) if len(sel) else np.nan)
        sources |= set(sel["source_id"].astype(str))
    return np.array(out), sources


def _capacities(
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


def _drawdown(
    settings: TransitionSettings, scenario: Scenario, cats: tuple[str, ...], years: np.ndarray
) -> Drawdown:
    default = settings.us_drawdown.get(
        "default", DrawdownSpec.model_validate({"kind": "gradual", "start": 2027, "end": 2035})
    )
    n = len(cats)
    kind, start, end = np.zeros(n, int), np.zeros(n), np.zeros(n)
    floor, trigger, over = np.zeros(n), np.zeros(n), np.ones(n)
    series = np.ones((years.size, n))
    for i, c in enumerate(cats):
        spec = settings.us_drawdown.get(c, default)
        kind[i] = KINDS[spec.kind]
        floor[i] = (
            spec.floor_pct / 100.0
            if spec.floor_pct is not None
            else scenario.us_commitment.fraction(c)
        )
        if spec.kind == "gradual":
            start[i], end[i] = float(spec.start), float(spec.end)  # type: ignore[arg-type]
        elif spec.kind == "abrupt":
            start[i] = float(spec.year)  # type: ignore[arg-type]
        elif spec.kind == "conditional":
            trigger[i] = float(spec.european_coverage_pct)  # type: ignore[arg-type]
            over[i] = float(spec.over_years)
        elif spec.kind == "series":
            points = sorted((spec.remaining_pct or {}).items())
            xs = np.array([p[0] for p in points], float)
            ys = np.array([p[1] for p in points], float) / 100.0
            series[:, i] = np.interp(years, xs, ys)
    return Drawdown(kind, start, end, floor, trigger, over, series)


def _budget(
    settings: TransitionSettings,
    members: list[str],
    start: int,
    years: np.ndarray,
    dataset: Dataset,
) -> tuple[Budget, list[str], set[str]]:
    """Members' GDP and spending share in the latest year <= start with both figures."""
    source = dataset.primary_source(BUDGET_INDICATORS[0])
    obs = dataset.table("observations")
    sipri = obs[obs["source_id"] == source]
    wide = sipri[
        sipri["indicator"].isin(list(BUDGET_INDICATORS))
        & sipri["iso3"].isin(members)
        & (sipri["year"] <= start)
    ]
    wide = wide.pivot_table(index=["iso3", "year"], columns="indicator", values="value").dropna()
    notes = []
    gdp, share, used_years = [], [], []
    for iso3 in members:
        if iso3 not in wide.index.get_level_values(0):
            notes.append(
                f"{iso3}: no spending and share of GDP ({source}) up to {start}; "
                "left out of the budget."
            )
            continue
        row = wide.loc[iso3].sort_index().iloc[-1]
        used_years.append(int(wide.loc[iso3].index.max()))
        s = row["milex_share_gdp_pct"] / 100.0
        gdp.append(row["milex_usd_constant2023_m"] / s)
        share.append(s)
    if used_years and min(used_years) < start:
        notes.append(
            f"Budget start uses {source} figures for {min(used_years)}–{max(used_years)} "
            "(USD m, constant 2023)."
        )
    series = None
    if settings.budget.path == "series" and settings.budget.series_usd_m:
        pts = sorted(settings.budget.series_usd_m.items())
        series = np.interp(years, [p[0] for p in pts], [p[1] for p in pts])
    budget = Budget(
        np.array(gdp), np.array(share), settings.budget.path, settings.budget.target_year, series
    )
    return budget, notes, {source}
