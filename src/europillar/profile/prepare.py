"""Country-profile inputs: one state's figures, and the inputs of the engines it draws on.

``inputs(scenario, dataset, iso3=...)`` is the only step that reads data. A profile is a
view through the other engines, so it holds their inputs (burden, decisions, capability)
and runs them: the profile's fair share is exactly the one ``europillar gaps`` gives.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from europillar.profile.compute import PERSONNEL_INDICATORS, SPENDING_INDICATORS
from europillar.result import Origin

if TYPE_CHECKING:
    from europillar.burden import BurdenInputs
    from europillar.capability import CapabilityInputs
    from europillar.dataset import Dataset
    from europillar.decisions import DecisionsInputs
    from europillar.scenario.schema import Scenario

FIRST_YEAR = 2014  # Wales pledge: the start of every trend in the report
ORDERS_TABLES = ("capability/orders", "force/orders", "holdings/orders")
HOLDINGS_TABLES = ("force/holdings", "capability/inventory")


@dataclass(frozen=True)
class ProfileInputs:
    """Everything a country profile shows, read once (see the module docstring)."""

    origin: Origin
    iso3: str
    name: str
    years: tuple[int, ...]
    observations: pd.DataFrame
    holdings: pd.DataFrame
    holdings_table: str
    taxonomy: pd.DataFrame
    orders: pd.DataFrame | None
    orders_table: str | None
    perceptions: pd.DataFrame
    nato_members: tuple[str, ...]
    eu_members: tuple[str, ...]
    burden: BurdenInputs
    decisions: DecisionsInputs | None
    capability: CapabilityInputs
    overview: tuple[str, ...] = ()


COMPARATORS = frozenset({"USA", "CAN", "RUS", "CHN"})


def inputs(
    scenario: Scenario, dataset: Dataset, *, iso3: str | None = None, overview: bool = False
) -> ProfileInputs:
    """The profile of ``iso3`` (default: the scenario's first member) under ``scenario``;
    ``overview`` adds a table with one line per European state in scope."""
    from europillar import burden, capability, countries, decisions
    from europillar.data.query import default_year
    from europillar.errors import InputError
    from europillar.scenario.vocabulary import RULE_PRESETS

    names = dataset.country_names()
    if iso3 is None:
        iso3 = sorted(countries.members(scenario.members, scenario.base_year, dataset))[0]
    code = iso3.strip().upper()
    if code not in names:
        raise InputError(None, "iso3", iso3, "not a country in scope", sorted(names))
    last = default_year(dataset)
    years = tuple(range(FIRST_YEAR, last + 1))
    observations = dataset.table("observations")
    wanted = set(SPENDING_INDICATORS) | set(PERSONNEL_INDICATORS)
    europe = tuple(sorted(set(names) - COMPARATORS)) if overview else ()
    shown = {code, *europe}
    own = observations[observations["iso3"].isin(shown) & observations["indicator"].isin(wanted)]
    holdings_name = next(t for t in HOLDINGS_TABLES if t in dataset.names())
    orders_name = next((t for t in ORDERS_TABLES if t in dataset.names()), None)
    eu = tuple(countries.members("EU27", last, dataset))
    nato = tuple(countries.members("NATO", last, dataset))
    decision_inputs = None
    if code in eu or overview:
        rules = [r for r in RULE_PRESETS if r != "nato_consensus"]
        decision_inputs = decisions.inputs(scenario, dataset, compare_rules=rules, members=None)
    return ProfileInputs(
        origin=Origin.of(scenario, dataset),
        iso3=code,
        name=names[code],
        years=years,
        observations=own.reset_index(drop=True),
        holdings=dataset.table(holdings_name),
        holdings_table=holdings_name,
        taxonomy=dataset.table("capability_taxonomy/taxonomy"),
        orders=dataset.table(orders_name) if orders_name else None,
        orders_table=orders_name,
        perceptions=dataset.table("decisions/threat_perceptions"),
        nato_members=nato,
        eu_members=eu,
        burden=burden.inputs(scenario, dataset, bloc=code, first_year=FIRST_YEAR, last_year=last),
        decisions=decision_inputs,
        capability=capability.inputs(scenario, dataset),
        overview=europe,
    )
