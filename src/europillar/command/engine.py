"""The command engine: forces still commanded after losing headquarters (pure).

Tables: ``resilience`` (one row per structure and number of headquarters lost) and,
with ``optimise``, ``assignment`` (the force-to-headquarters assignment that maximises
the worst single-loss share, for flat structures).
"""

from __future__ import annotations

import pandas as pd

from europillar.command.assign import optimise_assignment
from europillar.command.prepare import CommandInputs
from europillar.command.resilience import resilience_table
from europillar.result import Result, make_meta

ASSIGNMENT_COLUMNS = [
    "structure",
    "force",
    "current_hq",
    "optimal_hq",
    "optimal_worst_single_loss_commanded_pct",
    "moved",
]


class CommandResult(Result):
    """Resilience of each structure to the loss of 1..k headquarters."""

    @property
    def resilience(self) -> pd.DataFrame:
        return self.tables["resilience"]


def assignments(inputs: CommandInputs) -> pd.DataFrame:
    """The min-max assignment of every flat structure (every HQ under the decision node)."""
    rows = []
    for s in inputs.structures:
        if not all(s.graph.has_edge(s.root, h) for h in s.headquarters):
            continue
        current = {f: next(iter(s.graph.predecessors(f))) for f in s.forces}
        best = optimise_assignment(s.forces, s.headquarters, current=current)
        for force, hq in sorted(best.force_to_hq.items()):
            rows.append(
                {
                    "structure": s.name,
                    "force": force,
                    "current_hq": current[force],
                    "optimal_hq": hq,
                    "optimal_worst_single_loss_commanded_pct": round(
                        best.worst_single_loss_commanded_pct, 2
                    ),
                    "moved": best.moved,
                }
            )
    return pd.DataFrame(rows, columns=ASSIGNMENT_COLUMNS)


def run(inputs: CommandInputs) -> CommandResult:
    """Worst-case and random losses of 1..k headquarters per structure (pure)."""
    tables = {
        "resilience": resilience_table(
            list(inputs.structures), inputs.k, samples=inputs.samples, seed=inputs.seed
        )
    }
    if inputs.optimise:
        tables["assignment"] = assignments(inputs)
    return CommandResult(
        tables=tables,
        sources=inputs.sources,
        notes=(
            "Commanded share in percent of force packages (scenario weights); the force "
            "packages and which headquarters command them are scenario assumptions.",
        ),
        meta=make_meta(
            "command",
            inputs.origin,
            seed=inputs.seed,
            k=inputs.k,
            samples=inputs.samples,
            structures=[s.name for s in inputs.structures],
            optimise=inputs.optimise,
        ),
    )
