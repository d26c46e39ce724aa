"""The capability engine: gaps, costs, budgets and each member's fair share (pure).

``run(inputs)`` takes :class:`~europillar.capability.prepare.CapabilityInputs`;
``gaps_from_data`` is the same computation with every input explicit, for tests.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from europillar.capability.apportion import apportion_units, key_weights, shares_from_weights
from europillar.capability.budget import budget_comparison, member_budgets
from europillar.capability.costing import cost_to_close, total_cost_by_unit
from europillar.capability.coverage import apply_coverage
from europillar.capability.data import CapabilityData
from europillar.capability.gaps import category_gaps
from europillar.capability.prepare import CapabilityInputs
from europillar.capability.requirements import resolve_requirements
from europillar.capability.study import lifecycle_from_data
from europillar.result import Origin, Result, make_meta, split_ids
from europillar.scenario.identity import scenario_hash
from europillar.scenario.schema import Scenario

OBS_INDICATORS = ("gdp_usd_current_m", "gni_usd_current_m", "population", "milex_usd_current_m")
APPORTIONMENT_COLUMNS = [
    "iso3",
    "key",
    "key_value",
    "key_unit",
    "key_year",
    "share",
    "share_pct",
    "annual_cost_share",
    "money_unit",
    "milex_usd_m",
    "milex_year",
    "milex_share_gdp_pct",
    "cost_share_of_milex_pct",
    "target_share_gdp_pct",
    "source_ids",
]


class CapabilityResult(Result):
    """Gaps, costs, budgets and fair shares of one scenario (tables named below)."""

    @property
    def by_category(self) -> pd.DataFrame:
        """One row per category with a requirement: requirement, forces, gap, coverage."""
        return self.tables["by_category"]

    @property
    def costs(self) -> pd.DataFrame:
        """Cost to close each gap: low / central / high, acquisition and operating."""
        return self.tables["costs"]

    @property
    def totals(self) -> pd.DataFrame:
        """Totals over categories per money unit (different units are never added)."""
        return self.tables["totals"]

    @property
    def budget(self) -> pd.DataFrame:
        """The annual cost against today's budgets and the Hague spending path."""
        return self.tables["budget"]

    @property
    def apportionment(self) -> pd.DataFrame:
        """Each member's share of the annual cost under the fair-share key."""
        return self.tables["apportionment"]

    @property
    def apportioned_units(self) -> pd.DataFrame:
        """Each member's share of every positive gap, in units and in whole units."""
        return self.tables["apportioned_units"]

    @property
    def key(self) -> str:
        return str(self.meta["key"])

    @property
    def bound(self) -> str:
        return str(self.meta["bound"])

    @property
    def members(self) -> list[str]:
        return list(self.meta["members"])

    @property
    def lifecycle(self) -> pd.DataFrame:
        """Life-cycle cost per category in one price base (docs/costs.md)."""
        return self.tables["lifecycle"]

    @property
    def lifecycle_summary(self) -> dict[str, Any]:
        """The one summary record: annual, procurement and life-cycle totals, unit."""
        return _record(self.tables["lifecycle_summary"])

    @property
    def lifecycle_decomposition(self) -> pd.DataFrame:
        """Annual cost by part (equipment, munitions, personnel, operations) per bound."""
        return self.tables["lifecycle_decomposition"]

    @property
    def top_down(self) -> dict[str, Any] | None:
        """A study's top-down headline by its own arithmetic (None when it has none)."""
        frame = self.tables["top_down"]
        return _record(frame) if len(frame) else None


def run(inputs: CapabilityInputs) -> CapabilityResult:
    """Gaps, costs and apportionment of the inputs' scenario (pure)."""
    scenario = inputs.scenario
    return gaps_from_data(
        scenario,
        inputs.data,
        inputs.members,
        inputs.aggregate_members,
        scenario.fair_share_key,
        inputs.origin,
    )


def prepare_observations(observations: pd.DataFrame) -> pd.DataFrame:
    """Keep the indicators the engine reads, one row per (iso3, year, indicator).

    Where several sources give the same figure, a publisher figure beats a europillar
    derivation (source 'europillar_derived'); otherwise file order decides.
    """
    rows = observations[observations["indicator"].isin(OBS_INDICATORS)]
    rank = (rows["source_id"] == "europillar_derived").astype(int)
    rows = rows.assign(_rank=rank).sort_values(
        ["iso3", "year", "indicator", "_rank"], kind="stable"
    )
    return rows.drop_duplicates(["iso3", "year", "indicator"]).drop(columns="_rank")


def gaps_from_data(
    scenario: Scenario,
    data: CapabilityData,
    members: Sequence[str],
    aggregate_members: Mapping[str, Sequence[str]],
    key: str | None = None,
    origin: Origin | None = None,
) -> CapabilityResult:
    """The engine with every input explicit (``run`` calls it; tests call it with small
    hand-made tables)."""
    key = key or scenario.fair_share_key
    bound = scenario.costs.bound
    categories = list(data.taxonomy["category"])
    requirements = resolve_requirements(
        data.taxonomy,
        data.requirements_published,
        scenario.requirements.preset,
        scenario.requirements.kind,
        scenario.requirements.explicit(),
    )
    by_category = category_gaps(
        data.taxonomy,
        data.inventory,
        data.us_contribution,
        requirements,
        members,
        aggregate_members,
        readiness={c: scenario.readiness.fraction(c) for c in categories},
        commitment={c: scenario.us_commitment.fraction(c) for c in categories},
        us_bases=scenario.us_commitment.bases,
        base_year=scenario.base_year,
    )
    by_category = apply_coverage(by_category, data.coverage)
    overrides = {c: o.model_dump() for c, o in scenario.costs.overrides().items()}
    costs = cost_to_close(
        by_category,
        data.taxonomy,
        data.costs,
        scenario.horizon,
        scenario.costs.operating,
        overrides,
    )
    if "coverage" in by_category.columns:  # data coverage beside every cost
        costs = costs.merge(by_category[["category", "coverage"]], on="category", how="left")
    totals = total_cost_by_unit(costs, bound)
    obs = prepare_observations(data.observations)
    budgets = member_budgets(
        obs,
        members,
        scenario.base_year,
        scenario.target,
        scenario.budget.target_share_gdp_pct,
        scenario.budget.target_year,
    )
    notes: list[str] = []
    lifecycle = lifecycle_from_data(scenario, data, by_category, members)
    # The budget comparison takes the life-cycle annual cost (acquisition spread over the
    # horizon, plus support and personnel), which is in one price base.
    annual = float(str(lifecycle.summary[f"annual_total_{bound}"]))
    money_unit = f"{lifecycle.summary['unit']} per year"
    if lifecycle.summary["no_cost_data"] or lifecycle.summary["gap_missing"]:
        notes.append(
            "The annual cost leaves out categories without cost data or gap: "
            + ", ".join(
                [*lifecycle.summary["no_cost_data"], *lifecycle.summary["gap_missing"]]  # type: ignore[misc]
            )
            + "."
        )
    budget = budget_comparison(budgets, annual, money_unit or "no cost")
    weights = key_weights(key, obs, members, scenario.base_year, data.cost_shares)
    shares = shares_from_weights(weights.set_index("iso3")["weight"])
    units = apportion_units(by_category, shares)
    apportionment = _member_table(key, weights, shares, annual, money_unit, budgets)
    missing = by_category.loc[
        by_category["data_status"].isin(("missing", "insufficient")), "category"
    ].tolist()
    sources: set[str] = set()
    for frame in (by_category, costs):
        for text in frame["source_ids"].dropna():
            sources.update(s for s in str(text).split(";") if s and s != "scenario")
    for text in [*weights["source_ids"], *budgets["source_ids"]]:
        sources.update(s for s in str(text).split(";") if s)
    sources.update(split_ids(data.taxonomy["source_id"]))
    if origin is None:
        origin = Origin(scenario.name, scenario_hash(scenario), "<tables given>")
    return CapabilityResult(
        tables={
            "by_category": by_category,
            "costs": costs,
            "totals": totals,
            "budget": budget,
            "apportionment": apportionment,
            "apportioned_units": units,
            "lifecycle": lifecycle.table,
            "lifecycle_summary": _one_row(lifecycle.summary),
            "lifecycle_decomposition": lifecycle.decomposition,
            "lifecycle_prices": lifecycle.prices,
            "top_down": _one_row(lifecycle.top_down),
            "coverage": data.coverage,
        },
        sources=(*sources, *lifecycle.source_ids),
        notes=(*notes, *lifecycle.notes),
        missing=tuple(missing),
        meta=make_meta("capability", origin, key=key, bound=bound, members=sorted(set(members))),
    )


def _member_table(
    key: str,
    weights: pd.DataFrame,
    shares: pd.Series,
    annual: float,
    money_unit: str,
    budgets: pd.DataFrame,
) -> pd.DataFrame:
    table = weights.rename(
        columns={"weight": "key_value", "unit": "key_unit", "year": "key_year"}
    ).set_index("iso3")
    table["key"] = key
    table["share"] = shares
    table["share_pct"] = shares * 100
    table["annual_cost_share"] = shares * annual
    table["money_unit"] = money_unit
    budgets = budgets.set_index("iso3")
    for column in ("milex_usd_m", "milex_year", "milex_share_gdp_pct", "gdp_usd_m"):
        table[column] = budgets[column]
    table["cost_share_of_milex_pct"] = table["annual_cost_share"] / table["milex_usd_m"] * 100
    table["target_share_gdp_pct"] = (
        table["milex_share_gdp_pct"] + table["annual_cost_share"] / table["gdp_usd_m"] * 100
    )
    table["source_ids"] = [
        ";".join(sorted({*str(a).split(";"), *str(b).split(";")} - {""}))
        for a, b in zip(table["source_ids"], budgets["source_ids"], strict=False)
    ]
    return table.reset_index()[APPORTIONMENT_COLUMNS]


def _one_row(record: dict[str, Any] | None) -> pd.DataFrame:
    """A record as a one-row table (lists kept as ';'-joined text); empty for None."""
    if record is None:
        return pd.DataFrame()
    flat = {k: ";".join(v) if isinstance(v, list) else v for k, v in record.items()}
    return pd.DataFrame([flat])


def _record(frame: pd.DataFrame) -> dict[str, Any]:
    """Back from :func:`_one_row`: the list fields split again."""
    record = {k: (v.item() if hasattr(v, "item") else v) for k, v in frame.iloc[0].items()}
    for key in ("no_cost_data", "gap_missing", "partial"):
        if key in record:
            text = record[key]
            record[key] = [x for x in str(text).split(";") if x] if text == text else []
    return record
