"""Life-cycle cost of a scenario's gaps, and a study's own top-down headline.

``lifecycle_from_data`` turns the gap table into units to buy and costs them in the
scenario's price base (``capability/lifecycle.py``). ``top_down_headline`` reproduces a
study whose headline is a share of GDP by the study's own arithmetic:

    headline = (to_pct - from_pct) / 100 x sum of the bloc's GDP in the stated year

with World Bank GDP (USD current) converted to the price base (docs/costs.md). The bottom-up
cost of the study's named force list is reported beside it; the difference is "not itemised
by the study" and is never spread over categories.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from europillar.capability.data import CapabilityData
from europillar.capability.lifecycle import (
    LifecycleSettings,
    category_prices,
    decomposition,
    lifecycle_costs,
    summary,
    support_share,
)
from europillar.capability.personnel import cost_per_person
from europillar.capability.prices import Deflators, PriceBase, to_base
from europillar.scenario.schema import Scenario


@dataclass(frozen=True)
class LifecycleResult:
    """Per-category life-cycle costs, their summary and decomposition, and provenance."""

    table: pd.DataFrame
    summary: dict[str, object]
    decomposition: pd.DataFrame
    prices: pd.DataFrame
    top_down: dict[str, object] | None = None
    source_ids: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def settings_for(
    scenario: Scenario, data: CapabilityData, members: Sequence[str]
) -> tuple[LifecycleSettings, Deflators, list[str], list[str]]:
    """Resolve the scenario's ``[lifecycle]`` section against the cited tables."""
    section = scenario.lifecycle
    base = PriceBase(section.currency, section.price_year)
    deflators = Deflators.from_table(data.deflators)
    share, share_source = support_share(data.operating_rates)
    person = cost_per_person(
        data.observations, data.costs, members, scenario.base_year, base, deflators
    )
    settings = LifecycleSettings(
        base=base,
        years=section.years,
        acquisition_years=section.acquisition_years or scenario.horizon,
        support=section.support,
        support_share_pct=share,
        cost_per_person_m=person.value_m,
        personnel=section.personnel,
    )
    notes = [
        f"Price base {base.label()}: every cost converted at the price year's exchange rate "
        "and deflated with SIPRI's implied US price index (docs/costs.md).",
        f"Cost per person-year {person.value_m * 1e3:,.1f} thousand ({person.note}).",
    ]
    if section.support == "lifecycle_share":
        notes.append(
            f"Support where no operating cost is cited: {share:g}% of life-cycle cost "
            f"is O&S ({share_source}), spread over {section.years} years."
        )
    sources = [*person.source_ids, share_source] if share_source else list(person.source_ids)
    return settings, deflators, notes, sources


def lifecycle_from_data(
    scenario: Scenario, data: CapabilityData, by_category: pd.DataFrame, members: Sequence[str]
) -> LifecycleResult:
    """Cost every category that has a requirement or a US contribution."""
    settings, deflators, notes, sources = settings_for(scenario, data, members)
    prices = category_prices(data.taxonomy, data.costs, settings.base, deflators)
    relevant = by_category[
        by_category["gap"].notna()
        | by_category["requirement"].notna()
        | (by_category["us_contribution_full"].fillna(0) > 0)
    ]
    units = {
        str(r.category): (max(float(r.gap), 0.0) if pd.notna(r.gap) else float("nan"))
        for r in relevant.itertuples(index=False)
    }
    overrides = {
        c: {"persons_per_unit": float(o.persons_per_unit)}
        for c, o in scenario.costs.overrides().items()
        if o.persons_per_unit is not None
    }
    table = lifecycle_costs(units, prices, settings, overrides)
    record = summary(table, settings)
    top = None
    if scenario.lifecycle.top_down is not None:
        top = top_down_headline(scenario, data, settings.base, deflators, record)
        sources.append("wb_wdi_gdp")
    for text in table["source_ids"].dropna():
        sources.extend(s for s in str(text).split(";") if s)
    return LifecycleResult(
        table=table,
        summary=record,
        decomposition=decomposition(table),
        prices=prices,
        top_down=top,
        source_ids=sorted(set(sources)),
        notes=notes,
    )


def top_down_headline(
    scenario: Scenario,
    data: CapabilityData,
    base: PriceBase,
    deflators: Deflators,
    bottom_up: dict[str, object],
) -> dict[str, object]:
    """The study's GDP-share arithmetic, with the bottom-up beside it (module docstring)."""
    from europillar import countries
    from europillar.errors import InputError

    spec = scenario.lifecycle.top_down
    assert spec is not None
    bloc = countries.members(spec.gdp_bloc, spec.gdp_year)
    obs = data.observations
    gdp = obs[
        (obs["indicator"] == "gdp_usd_current_m")
        & (obs["year"] == spec.gdp_year)
        & obs["iso3"].isin(bloc)
        & (obs["source_id"] == "wb_wdi_gdp")
    ]
    absent = sorted(set(bloc) - set(gdp["iso3"]))
    if absent:
        raise InputError(
            scenario.name,
            "lifecycle.top_down.gdp_year",
            spec.gdp_year,
            f"World Bank GDP is missing for {', '.join(absent)}",
        )
    gdp_usd_m = float(gdp["value"].sum())
    converted = to_base(gdp_usd_m, "USD m", spec.gdp_year, base, deflators)
    if not converted.ok:
        raise InputError(
            scenario.name, "lifecycle.price_year", base.year, f"cannot convert: {converted.reason}"
        )
    headline = (spec.to_pct_gdp - spec.from_pct_gdp) / 100.0 * converted.value
    identified = float(str(bottom_up["annual_total_central"]))
    return {
        "record": "top_down",
        "study": spec.study,
        "method": f"({spec.to_pct_gdp:g}% - {spec.from_pct_gdp:g}%) x {spec.gdp_bloc} GDP "
        f"{spec.gdp_year} (World Bank, USD {gdp_usd_m / 1e6:,.3f} tn), in {base.label()}",
        "gdp_base_m": converted.value,
        "headline_annual": headline,
        "identified_annual_central": identified,
        "not_itemised_annual": headline - identified,
        "not_itemised_pct": (headline - identified) / headline * 100.0,
        "unit": f"{base.label()} per year",
    }
