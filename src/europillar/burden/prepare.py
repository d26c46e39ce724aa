"""Burden-sharing inputs: a bloc's members per year, the years, targets and figures.

``inputs(scenario, dataset)`` is the only step that reads data; the scenario's
``[burden]`` section says which bloc, years, targets, vintages and membership. Keyword
options override it.

Defaults (docs/burden.md): each year's figures come from the NATO and SIPRI releases **of
that year** ("as published": NATO's 2024 tables for 2014-2024, its August 2025 release for
2025, its 2026 edition, core definition, for 2026), and membership is **as of** each year,
as NATO's own totals count that year's Allies. ``--vintage nato-2026`` reads one edition
for every year instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from europillar.blocs import Membership
from europillar.burden.sharing import NATO_BASES, SIPRI, Target, targets_from
from europillar.data.vintages import AS_PUBLISHED, VintagePlan, as_published, parse_plan, view
from europillar.errors import InputError
from europillar.power.comparison import resolve_blocs
from europillar.result import Origin

if TYPE_CHECKING:
    from europillar.dataset import Dataset
    from europillar.scenario.schema import Scenario

FAMILIES = ("nato_defexp", "sipri_milex")
NOTHING = "none"  # a plan choice no vintage has: the year has no release of this family
# Indicators a burden year can rest on (NATO full or core, or SIPRI).
SHARES = tuple(b.share for b in (*NATO_BASES, SIPRI))


@dataclass(frozen=True)
class BurdenInputs:
    """Observations, the bloc's members in each year, and the targets compared with."""

    origin: Origin
    observations: pd.DataFrame
    bloc: str
    members: Mapping[int, tuple[str, ...]]
    years: tuple[int, ...]
    targets: tuple[Target, ...]
    nato_reported: frozenset[str] = frozenset()
    nato_vintages: Mapping[int, str] = field(default_factory=dict)
    plan: str = ""
    membership: str = "as-of"


def burden_years(first: int | None, last: int | None, dataset: Dataset) -> tuple[int, ...]:
    """``first``..``last`` within the years some edition publishes a share of GDP for.

    Unset ``last``: the report's reference year (spending for most members); a later year
    is allowed when a NATO edition covers it (NATO's 2026 edition reaches 2026e).
    """
    from europillar.data.query import FIRST_YEAR, default_year
    from europillar.errors import InputError

    obs = dataset.table("observations")
    years = sorted({int(y) for y in obs.loc[obs["indicator"].isin(SHARES), "year"]})
    allowed = [y for y in years if y >= FIRST_YEAR]
    end = last if last is not None else default_year(dataset)
    start = first if first is not None else end
    for year in (start, end):
        if year not in allowed:
            raise InputError(None, "year", year, "no share of GDP for this year", allowed=allowed)
    return tuple(range(start, end + 1))


def latest_full_year(dataset: Dataset, year: int) -> int:
    """Latest year <= ``year`` whose NATO release (as published) gives spending for most Allies.

    The report's burden section uses it: NATO's August 2025 release is shipped only as 15
    Allies' shares of GDP, so gaps to the targets cannot be computed for 2025 from NATO's
    own release; 2024 (the June 2024 tables) is the latest year they can.
    """
    from europillar.countries import members

    vintages = dataset.table("vintages")
    obs = dataset.table("observations")
    spend = obs[obs["indicator"].isin([b.spending for b in NATO_BASES])]
    for candidate in range(year, 2013, -1):
        edition = as_published(vintages, "nato_defexp", candidate)
        allies = set(members("NATO", candidate, dataset)) - {"ISL"}
        have = set(spend.loc[(spend["vintage"] == edition) & (spend["year"] == candidate), "iso3"])
        if edition is not None and len(have & allies) > len(allies) / 2:
            return candidate
    return year


def _year_plan(plan: VintagePlan, year: int, vintages: pd.DataFrame) -> VintagePlan:
    """One vintage per family for ``year``: as published, or the one the plan names."""
    choices = {}
    for family in FAMILIES:
        choice = plan.choice(family)
        if choice == AS_PUBLISHED:
            choice = as_published(vintages, family, year) or NOTHING
        choices[family] = choice
    return VintagePlan(choices)


def inputs(
    scenario: Scenario,
    dataset: Dataset,
    *,
    bloc: str | None = None,
    first_year: int | None = None,
    last_year: int | None = None,
    targets: list[str] | None = None,
    vintage: str | None = None,
    membership: str | None = None,
) -> BurdenInputs:
    """Burden inputs of ``scenario`` (options override its ``[burden]`` section)."""
    from europillar.countries import members
    from europillar.scenario.loader import scenario_with

    changes = {
        "bloc": bloc,
        "first_year": first_year,
        "last_year": last_year,
        "targets": targets,
        "vintage": vintage,
        "membership": membership,
    }
    scenario = scenario_with(scenario, {"burden": changes}, file="burden options")
    settings = scenario.burden
    years = burden_years(settings.first_year, settings.last_year, dataset)
    cited = {t.id: t for t in targets_from(dataset.table("burden/targets"))}
    for i, target in enumerate(settings.targets):
        if target not in cited:
            raise InputError(
                "burden/targets.csv", f"burden.targets[{i}]", target, "no cited target", list(cited)
            )
    rule = Membership.parse(settings.membership)
    resolved = resolve_blocs(
        [settings.bloc], years, lambda name, year: members(name, year, dataset, rule)
    )
    vintages = dataset.table("vintages")
    defaults = dict.fromkeys(FAMILIES, AS_PUBLISHED)
    plan = parse_plan(settings.vintage, vintages, defaults)
    parts, nato_vintages = [], {}
    for year in years:
        year_plan = _year_plan(plan, year, vintages)
        nato_vintages[year] = year_plan.choice("nato_defexp")
        frame = view(dataset, year_plan)
        parts.append(frame[frame["year"] == year])
    observations = pd.concat(parts, ignore_index=True)
    everything = dataset.table("observations")
    spending = everything["indicator"].isin([b.share for b in NATO_BASES])
    reported = frozenset(everything.loc[spending, "iso3"])
    return BurdenInputs(
        Origin.of(scenario, dataset),
        observations,
        settings.bloc,
        {y: tuple(m) for y, m in resolved[settings.bloc].items()},
        years,
        tuple(cited[t] for t in settings.targets),
        reported,
        {y: v for y, v in nato_vintages.items() if v != NOTHING},
        plan.describe(),
        rule.label,
    )
