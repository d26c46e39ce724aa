"""Capability gaps: requirement vs European and US forces, cost to close, fair shares.

The engine contract: ``inputs(scenario, dataset) -> CapabilityInputs`` (reads the data),
``run(inputs) -> CapabilityResult`` (pure). The building blocks (``category_gaps``,
``cost_to_close``, ``key_weights``, ``shares_from_weights``, ``apportion_units``,
``gaps_from_data``) take explicit DataFrames for testing.
"""

from europillar.capability.apportion import apportion_units, key_weights, shares_from_weights
from europillar.capability.costing import cost_to_close, total_cost_by_unit
from europillar.capability.data import CapabilityData, load_capability_data
from europillar.capability.engine import CapabilityResult, gaps_from_data, run
from europillar.capability.gaps import category_gaps
from europillar.capability.prepare import CapabilityInputs, inputs
from europillar.capability.requirements import Requirement, resolve_requirements

DOMAIN = "capability"

__all__ = [
    "DOMAIN",
    "CapabilityData",
    "CapabilityInputs",
    "CapabilityResult",
    "Requirement",
    "apportion_units",
    "category_gaps",
    "cost_to_close",
    "gaps_from_data",
    "inputs",
    "key_weights",
    "load_capability_data",
    "resolve_requirements",
    "run",
    "shares_from_weights",
    "total_cost_by_unit",
]
