"""Military-power inputs: blocs with their members per year, years, indicators, figures.

``inputs(scenario, dataset)`` is the only step that reads data; the scenario's
``[power]`` section says which blocs, years, indicators, vintages and membership. Keyword
options override it.

Defaults (docs/power.md): one SIPRI release for every year (the newest; its constant-price
series sets the price base of real growth), NATO's newest edition for its personnel table,
and **fixed** membership (today's members backdated), because a trend should compare the
same states every year: as of each year, EU27 drops by the UK's spending in 2020.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from europillar.blocs import Membership
from europillar.data.vintages import NEWEST, VintagePlan, parse_plan, view
from europillar.power.comparison import INDICATORS, default_indicators, resolve_blocs
from europillar.result import Origin

if TYPE_CHECKING:
    from europillar.dataset import Dataset
    from europillar.scenario.schema import Scenario


@dataclass(frozen=True)
class PowerInputs:
    """Observations of the indicators needed, and each bloc's members in each year."""

    origin: Origin
    observations: pd.DataFrame
    blocs: Mapping[str, Mapping[int, tuple[str, ...]]]
    years: tuple[int, ...]
    indicators: tuple[str, ...]
    constant: str = "milex_usd_constant2023_m"  # the SIPRI release's constant-price series
    plan: str = ""  # the vintage plan, in words (captions and metadata)
    membership: str = "as-of"


# What ``compare`` reads unless the scenario or --vintage says otherwise.
DEFAULT_PLAN = VintagePlan({"sipri_milex": NEWEST, "nato_defexp": NEWEST})


def constant_series(observations: pd.DataFrame) -> str:
    """The constant-price spending indicator the planned SIPRI release publishes."""
    found = sorted(
        i for i in set(observations["indicator"]) if str(i).startswith("milex_usd_constant")
    )
    return found[-1] if found else "milex_usd_constant2023_m"


def years_of(first: int | None, last: int | None, dataset: Dataset) -> tuple[int, ...]:
    """``first``..``last`` (defaults: the data's reference year), each within the data."""
    from europillar.data.query import check_year, default_year

    end = check_year(last, dataset) if last is not None else default_year(dataset)
    start = check_year(first, dataset) if first is not None else end
    return tuple(range(start, end + 1))


def inputs(
    scenario: Scenario,
    dataset: Dataset,
    *,
    blocs: list[str] | None = None,
    coalition: list[str] | None = None,
    first_year: int | None = None,
    last_year: int | None = None,
    indicators: list[str] | None = None,
    vintage: str | None = None,
    membership: str | None = None,
) -> PowerInputs:
    """Military-power inputs of ``scenario`` (options override its ``[power]`` section)."""
    from europillar.countries import members
    from europillar.scenario.loader import scenario_with

    changes = {
        "blocs": blocs,
        "coalition": coalition,
        "first_year": first_year,
        "last_year": last_year,
        "indicators": indicators,
        "vintage": vintage,
        "membership": membership,
    }
    scenario = scenario_with(scenario, {"power": changes}, file="power options")
    settings = scenario.power
    years = years_of(settings.first_year, settings.last_year, dataset)
    rule = Membership.parse(settings.membership)
    resolved = resolve_blocs(
        settings.blocs, years, lambda name, year: members(name, year, dataset, rule)
    )
    if settings.coalition:
        resolved["+".join(settings.coalition)] = {y: list(settings.coalition) for y in years}
    plan = parse_plan(settings.vintage, dataset.table("vintages"), DEFAULT_PLAN.choices)
    observations = view(dataset, plan)
    constant = constant_series(observations)
    chosen = tuple(settings.indicators or default_indicators(constant))
    needed = {
        constant if n.endswith("_constant_m") else n
        for i in chosen
        for n in (*INDICATORS[i].needs, *INDICATORS[i].either)
    }
    observations = observations[observations["indicator"].isin(needed)].reset_index(drop=True)
    return PowerInputs(
        Origin.of(scenario, dataset),
        observations,
        {b: {y: tuple(m) for y, m in by_year.items()} for b, by_year in resolved.items()},
        years,
        chosen,
        constant,
        plan.describe(),
        rule.label,
    )
