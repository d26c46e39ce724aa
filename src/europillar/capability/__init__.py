"""Capability gaps: requirement vs European and US forces, cost to close, fair shares.

Public API: ``compute_gaps(scenario) -> GapResult``; the pure building blocks
(``category_gaps``, ``cost_to_close``, ``key_weights``, ``shares_from_weights``,
``apportion_units``, ``gaps_from_data``) take explicit DataFrames for testing.
"""

from europillar.capability.apportion import apportion_units, key_weights, shares_from_weights
from europillar.capability.costing import cost_to_close, total_cost_by_unit
from europillar.capability.data import CapabilityData, load_capability_data
from europillar.capability.engine import GapResult, compute_gaps, gaps_from_data
from europillar.capability.gaps import category_gaps
from europillar.capability.requirements import Requirement, resolve_requirements

__all__ = [
    "CapabilityData",
    "GapResult",
    "Requirement",
    "apportion_units",
    "category_gaps",
    "compute_gaps",
    "cost_to_close",
    "gaps_from_data",
    "key_weights",
    "load_capability_data",
    "resolve_requirements",
    "shares_from_weights",
    "total_cost_by_unit",
]
