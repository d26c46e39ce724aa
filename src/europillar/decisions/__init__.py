"""Decisions: voting rules as data, exact voting power, threat perceptions, decision simulation.

The engine contract: ``inputs(scenario, dataset) -> DecisionsInputs`` (rule, members,
population figures, codings), ``run(inputs) -> DecisionsResult`` (pure).
"""

from europillar.decisions.coalitions import minimal_coalitions
from europillar.decisions.counting import WinCounts, count_winning
from europillar.decisions.data import load_table, qmv_population
from europillar.decisions.engine import DecisionsResult, run
from europillar.decisions.game import COUNT, AllOf, AnyOf, Game, Leaf
from europillar.decisions.prepare import DecisionsInputs, inputs, rule_spec
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
from europillar.decisions.voting_power import (
    VotingPowerIndices,
    voting_power_indices,
    voting_power_table,
)

DOMAIN = "decisions"

__all__ = [
    "COUNT",
    "DOMAIN",
    "PRESETS",
    "THREATS",
    "AllOf",
    "AnyOf",
    "DecisionsInputs",
    "DecisionsResult",
    "Game",
    "Leaf",
    "RuleSpec",
    "SimulationInputs",
    "SimulationResult",
    "VotingPowerIndices",
    "WinCounts",
    "best_package",
    "cluster_states",
    "count_winning",
    "distance_matrix",
    "inputs",
    "instantiate",
    "load_rule",
    "load_table",
    "minimal_coalitions",
    "mission_relevance",
    "mission_support",
    "mission_votes",
    "parse_rule",
    "passes",
    "preset",
    "qmv_population",
    "resolve_rule",
    "rule_spec",
    "run",
    "simulate_decision",
    "threat_matrix",
    "voting_power_indices",
    "voting_power_table",
]
