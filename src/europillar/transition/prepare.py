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
from europillar.scenario.sections.transition import TransitionSettings
from europillar.transition.drawdown import drawdown_schedule
from europillar.transition.model import (
    Budget,
    CategoryData,
    Model,
)
from europillar.transition.supply import (
    PIPELINE_COLUMNS,
    capacities,
    equipment_share,
    firm_schedule,
    lead_times,
    recruitment_capacity,
    training_years,
    war_losses,
)

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
        "default_capacity": _param(settings.default_capacity_pct, 0.01),
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
    # The requirement comes from a study (or a theatre), never from today's forces: the
    # rule 'replace_us' (today's forces plus the US) would be met in the start year by
    # definition, so the transition uses IISS 2025's like-for-like replacement list instead.
    study = settings.requirement
    if study is None and scenario.requirements.preset == "replace_us":
        study = "iiss_2025"
    requirement_note = []
    if study is not None:
        scenario = scenario_with(
            scenario,
            {"requirements": {"preset": study, "kind": settings.requirement_kind}},
            file="transition.requirement",
        )
        requirement_note.append(
            f"Requirement: study {study} ({settings.requirement_kind}"
            + (
                ", on top of European forces at the start"
                if settings.requirement_kind == "additional"
                else ""
            )
            + "), independent of the US contribution."
        )
    cap_inputs = capability.inputs(scenario, dataset)
    gaps = capability.run(cap_inputs)
    model, notes = build_model(
        scenario,
        settings,
        gaps.by_category,
        _unit_prices(cap_inputs.data),
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
        tuple([*requirement_note, *notes]),
        gaps.table("coverage") if "coverage" in gaps.tables else None,
    )


def _unit_prices(data: CapabilityData) -> pd.DataFrame:
    """Unit acquisition costs in the budget's price base (USD, constant 2023 prices: SIPRI's
    constant-price series), converted with the cited exchange rates and deflators."""
    from europillar.capability.lifecycle import category_prices
    from europillar.capability.prices import Deflators, PriceBase

    return category_prices(
        data.taxonomy, data.costs, PriceBase("USD", 2023), Deflators.from_table(data.deflators)
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
    unrequired = sorted(set(cap_data.taxonomy["category"]) - set(table.index))
    if unrequired:
        notes.append("No requirement for (not modelled): " + ", ".join(unrequired) + ".")
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

    lead, lead_sources = lead_times(dataset.table("capability/lead_time"), cats)
    no_lead = [c for c, v in zip(cats, lead, strict=False) if not np.isfinite(v)]
    if no_lead:
        notes.append(
            "No cited lead time (1 year assumed, optimistic) for: " + ", ".join(no_lead) + "."
        )
    lead = np.where(np.isfinite(lead), lead, 1.0)
    pipeline_rows = dataset.table_or_empty("capability/pipeline", list(PIPELINE_COLUMNS))
    training, train_sources, train_notes = training_years(pipeline_rows, cats)
    lead = lead + training
    notes.extend(train_notes)

    capacity, cap_sources = capacities(
        dataset.table("capability/production_capacity"), cap_data.taxonomy, members, cats, start
    )
    recruits, recruit_sources, recruit_note = recruitment_capacity(
        pipeline_rows, cap_data.costs, members, cats
    )
    capacity = np.where(np.isfinite(recruits), recruits, capacity)
    if recruit_note:
        notes.append(recruit_note)
    uncapped = [c for c, v in zip(cats, capacity, strict=False) if np.isinf(v)]
    if uncapped:
        notes.append(
            "No cited European production capacity for: "
            + ", ".join(uncapped)
            + "; capacity is the stated default, a share of the requirement per year "
            "(transition.default_capacity_pct, uncertain), never unlimited."
        )
    requirement = usable["requirement"].to_numpy(float)
    capacity_base = np.where(np.isinf(capacity), requirement, 0.0)
    loss, consumption, war_note = war_losses(settings, years, cats)
    if war_note:
        notes.append(war_note)
    firm, firm_sources = np.zeros((years.size, len(cats))), set[str]()
    if settings.firm_orders:
        from europillar.force.inputs import orders_pipeline

        firm, firm_sources, firm_note = firm_schedule(
            orders_pipeline(dataset.table)[0], members, cats, years
        )
        notes.append(firm_note)

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
        firm_deliveries=firm,
        capacity_base=capacity_base,
        loss=loss,
        consumption=consumption,
    )
    drawdown = drawdown_schedule(settings, scenario, cats, years)
    budget, budget_notes, budget_sources = _budget(settings, members, start, years, dataset)
    notes.extend(budget_notes)
    sources = (
        gap_sources
        | lead_sources
        | cap_sources
        | budget_sources
        | train_sources
        | recruit_sources
        | firm_sources
    )
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
    gdp, share, used_years, members_used = [], [], [], []
    for iso3 in members:
        if iso3 not in wide.index.get_level_values(0):
            notes.append(
                f"{iso3}: no spending and share of GDP ({source}) up to {start}; "
                "left out of the budget."
            )
            continue
        row = wide.loc[iso3].sort_index().iloc[-1]
        used_years.append(int(wide.loc[iso3].index.max()))
        members_used.append(iso3)
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
    recap, recap_note, recap_sources = equipment_share(
        obs, members_used, np.array(gdp) * np.array(share), start
    )
    if settings.recapitalise:
        notes.append(recap_note)
    budget = Budget(
        np.array(gdp),
        np.array(share),
        settings.budget.path,
        settings.budget.target_year,
        series,
        recap if settings.recapitalise else 0.0,
    )
    return budget, notes, {source, *recap_sources}
