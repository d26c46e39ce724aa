"""Distributed command: resilience of command structures to the loss of headquarters."""

from europillar.command.assign import Assignment, brute_force_assignment, optimise_assignment
from europillar.command.resilience import (
    articulation_headquarters,
    commanded_share_pct,
    hops_to_forces,
    random_loss,
    resilience_table,
    single_points_of_failure,
    worst_case_loss,
)
from europillar.command.structure import (
    SHIPPED,
    CommandStructure,
    from_pairs,
    load_nodes,
    load_structure,
    parse_csv,
    parse_toml,
    shipped_structure,
)

__all__ = [
    "SHIPPED",
    "Assignment",
    "CommandStructure",
    "articulation_headquarters",
    "brute_force_assignment",
    "commanded_share_pct",
    "from_pairs",
    "hops_to_forces",
    "load_nodes",
    "load_structure",
    "optimise_assignment",
    "parse_csv",
    "parse_toml",
    "random_loss",
    "resilience_table",
    "shipped_structure",
    "single_points_of_failure",
    "worst_case_loss",
]
