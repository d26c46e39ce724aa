"""Command inputs: the structures to compare and how many headquarters may be lost.

``inputs(scenario, dataset)`` is the only command step that reads data: shipped
structures come from the cited tables, written-out ones from ``[[command.custom]]``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from europillar.command.structure import (
    CommandStructure,
    from_definition,
    shipped_structure,
    structure_sources,
)
from europillar.result import Origin

if TYPE_CHECKING:
    from europillar.dataset import Dataset
    from europillar.scenario.schema import Scenario


@dataclass(frozen=True)
class CommandInputs:
    """Structures (graphs from the decision node to the forces) and the loss settings."""

    origin: Origin
    structures: tuple[CommandStructure, ...]
    k: int
    samples: int
    seed: int
    optimise: bool
    sources: tuple[str, ...]


def inputs(
    scenario: Scenario,
    dataset: Dataset,
    *,
    structures: list[str] | None = None,
    custom: list[dict[str, Any]] | None = None,
    k: int | None = None,
    samples: int | None = None,
    seed: int | None = None,
    optimise: bool | None = None,
) -> CommandInputs:
    """Command inputs of ``scenario`` (options override its ``[command]`` section)."""
    from europillar.scenario.loader import scenario_with

    changes = {
        "structures": structures,
        "custom": custom,
        "k": k,
        "samples": samples,
        "seed": seed,
        "optimise": optimise,
    }
    scenario = scenario_with(scenario, {"command": changes}, file="command options")
    settings = scenario.command
    written = {d.name: d for d in settings.custom}
    built: list[CommandStructure] = []
    sources: set[str] = set()
    for i, name in enumerate(settings.structures):
        if name in written:
            built.append(from_definition(written[name], f"{scenario.name}: command.custom[{i}]"))
        else:
            built.append(shipped_structure(name, dataset))
            sources |= structure_sources(name, dataset)
    return CommandInputs(
        Origin.of(scenario, dataset),
        tuple(built),
        settings.k,
        settings.samples,
        settings.seed,
        settings.optimise,
        tuple(sorted(s for s in sources if s)),
    )
