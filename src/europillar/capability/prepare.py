"""Capability inputs: everything the gap engine needs, read once from the dataset.

``inputs(scenario, dataset)`` is the only step that reads data; ``engine.run`` is pure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from europillar.capability.data import CapabilityData, load_capability_data
from europillar.result import Origin

if TYPE_CHECKING:
    from europillar.dataset import Dataset
    from europillar.scenario.schema import Scenario


@dataclass(frozen=True)
class CapabilityInputs:
    """A validated scenario, its members, and the capability tables it is computed from.

    ``aggregate_members`` names the countries behind each pooled inventory row (e.g. a
    Europe-wide total), so the engine can tell whether such a row matches the members.
    """

    origin: Origin
    scenario: Scenario
    members: tuple[str, ...]
    aggregate_members: Mapping[str, tuple[str, ...]]
    data: CapabilityData


def inputs(scenario: Scenario, dataset: Dataset, *, key: str | None = None) -> CapabilityInputs:
    """Capability inputs of ``scenario``; ``key`` overrides its ``fair_share_key``."""
    from europillar import countries
    from europillar.errors import InputError
    from europillar.scenario.loader import scenario_with

    scenario = scenario_with(scenario, {"fair_share_key": key}, file="--key")
    data = load_capability_data(dataset)
    aggregate: dict[str, tuple[str, ...]] = {}
    holders = data.inventory.loc[data.inventory["holder_type"] != "country", "holder"]
    for holder in sorted(set(holders.astype(str))):
        try:
            aggregate[holder] = tuple(countries.members(holder, scenario.base_year, dataset))
        except InputError:
            continue  # a pooled holder with no country set: the engine names it in a note
    members = tuple(countries.members(scenario.members, scenario.base_year, dataset))
    data = _as_of(data, dataset, scenario, members)
    return CapabilityInputs(Origin.of(scenario, dataset), scenario, members, aggregate, data)


def _as_of(
    data: CapabilityData, dataset: Dataset, scenario: Scenario, members: tuple[str, ...]
) -> CapabilityData:
    """Inventory as of the base year (the coverage window) and the members' coverage."""
    from dataclasses import replace

    from europillar.force.inputs import coverage_table
    from europillar.force.matrix import inventory_as_of

    if "force/holdings" not in dataset:
        return data
    bloc = scenario.members if isinstance(scenario.members, str) else "coalition"
    coverage = coverage_table(dataset.table, bloc, scenario.base_year, members=members)
    return replace(
        data, inventory=inventory_as_of(data.inventory, scenario.base_year), coverage=coverage
    )
