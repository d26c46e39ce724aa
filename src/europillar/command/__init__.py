"""Distributed command: resilience of command structures to the loss of headquarters.

The engine contract: ``inputs(scenario, dataset) -> CommandInputs`` (structures and loss
settings), ``run(inputs) -> CommandResult`` (pure).
"""

from europillar.command.assign import Assignment, brute_force_assignment, optimise_assignment
from europillar.command.engine import CommandResult, run
from europillar.command.prepare import CommandInputs, inputs
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
    from_definition,
    from_pairs,
    load_nodes,
    load_structure,
    shipped_structure,
)

DOMAIN = "command"

__all__ = [
    "DOMAIN",
    "SHIPPED",
    "Assignment",
    "CommandInputs",
    "CommandResult",
    "CommandStructure",
    "articulation_headquarters",
    "brute_force_assignment",
    "commanded_share_pct",
    "from_definition",
    "from_pairs",
    "hops_to_forces",
    "inputs",
    "load_nodes",
    "load_structure",
    "optimise_assignment",
    "random_loss",
    "resilience_table",
    "run",
    "shipped_structure",
    "single_points_of_failure",
    "worst_case_loss",
]
