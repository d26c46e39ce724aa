"""Decisions: voting rules as data, exact voting power, threat perceptions, decision simulation."""

from europillar.decisions.coalitions import minimal_coalitions
from europillar.decisions.counting import WinCounts, count_winning
from europillar.decisions.data import load_table, qmv_population
from europillar.decisions.game import COUNT, AllOf, AnyOf, Game, Leaf
from europillar.decisions.power import PowerIndices, power_indices, power_table
from europillar.decisions.rules import (
    PRESETS,
    RuleSpec,
    instantiate,
    load_rule,
    parse_rule,
    passes,
    preset,
    resolve_rule,
)
from europillar.decisions.simulate import SimulationInputs, SimulationResult, simulate_decision
from europillar.decisions.threats import (
    THREATS,
    best_package,
    cluster_states,
    distance_matrix,
    mission_relevance,
    mission_support,
    mission_votes,
    threat_matrix,
)

__all__ = [
    "COUNT",
    "PRESETS",
    "THREATS",
    "AllOf",
    "AnyOf",
    "Game",
    "Leaf",
    "PowerIndices",
    "RuleSpec",
    "SimulationInputs",
    "SimulationResult",
    "WinCounts",
    "best_package",
    "cluster_states",
    "count_winning",
    "distance_matrix",
    "instantiate",
    "load_rule",
    "load_table",
    "minimal_coalitions",
    "mission_relevance",
    "mission_support",
    "mission_votes",
    "parse_rule",
    "passes",
    "power_indices",
    "power_table",
    "preset",
    "qmv_population",
    "resolve_rule",
    "simulate_decision",
    "threat_matrix",
]
