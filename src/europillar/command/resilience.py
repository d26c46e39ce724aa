"""Resilience of a command structure: forces still commanded after losing headquarters.

A force is *commanded* when a directed path leads from the decision node to it avoiding
every lost headquarters. Worst case over k losses is found by exhaustive search;
random losses use a seeded generator (numpy SeedSequence) so runs are reproducible.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable

import networkx as nx
import numpy as np
import pandas as pd

from europillar.command.structure import CommandStructure
from europillar.errors import InputError

MAX_COMBINATIONS = 200_000


def commanded_share_pct(structure: CommandStructure, lost: Iterable[str]) -> float:
    """Percent of force weight still reachable from the decision node."""
    lost_set = set(lost)
    view = nx.subgraph_view(structure.graph, filter_node=lambda n: n not in lost_set)
    reached = nx.descendants(view, structure.root)
    total = sum(structure.forces.values())
    kept = sum(w for f, w in structure.forces.items() if f in reached)
    return 100.0 * kept / total


def worst_case_loss(structure: CommandStructure, k: int) -> tuple[float, tuple[str, ...]]:
    """Minimum commanded share over every set of ``k`` lost headquarters (exhaustive)."""
    hqs = structure.headquarters
    if not 0 <= k <= len(hqs):
        raise InputError(None, "k", k, f"must be between 0 and {len(hqs)} headquarters")
    if math.comb(len(hqs), k) > MAX_COMBINATIONS:
        raise InputError(None, "k", k, f"more than {MAX_COMBINATIONS:,} combinations to search")
    best: tuple[float, tuple[str, ...]] = (101.0, ())
    for combo in itertools.combinations(hqs, k):
        share = commanded_share_pct(structure, combo)
        if share < best[0]:
            best = (share, combo)
    return best


def random_loss(structure: CommandStructure, k: int, samples: int, seed: int) -> float:
    """Mean commanded share when ``k`` headquarters are lost uniformly at random."""
    hqs = structure.headquarters
    if not 0 <= k <= len(hqs):
        raise InputError(None, "k", k, f"must be between 0 and {len(hqs)} headquarters")
    rng = np.random.default_rng(np.random.SeedSequence(seed))
    shares = [
        commanded_share_pct(structure, [hqs[i] for i in rng.choice(len(hqs), k, replace=False)])
        for _ in range(samples)
    ]
    return float(np.mean(shares))


def hops_to_forces(structure: CommandStructure) -> dict[str, int]:
    """Shortest number of command links from the decision node to each force."""
    lengths = nx.single_source_shortest_path_length(structure.graph, structure.root)
    return {f: lengths[f] for f in structure.forces if f in lengths}


def articulation_headquarters(structure: CommandStructure) -> list[str]:
    """Headquarters that are articulation points of the undirected command graph."""
    points = nx.articulation_points(structure.graph.to_undirected())
    return sorted(p for p in points if p in structure.headquarters)


def single_points_of_failure(structure: CommandStructure) -> list[str]:
    """Headquarters whose loss alone leaves some force uncommanded (directed dominators)."""
    return sorted(
        h for h in structure.headquarters if commanded_share_pct(structure, [h]) < 100.0 - 1e-9
    )


def resilience_table(
    structures: list[CommandStructure], k_max: int, samples: int = 200, seed: int = 0
) -> pd.DataFrame:
    """One row per structure and number of losses 1..k_max."""
    rows = []
    for structure in structures:
        hops = hops_to_forces(structure)
        spof = single_points_of_failure(structure)
        for k in range(1, min(k_max, len(structure.headquarters)) + 1):
            worst, combo = worst_case_loss(structure, k)
            rows.append(
                {
                    "structure": structure.name,
                    "hq_lost": k,
                    "worst_case_commanded_pct": round(worst, 2),
                    "worst_case_lost": " + ".join(combo),
                    "random_mean_commanded_pct": round(random_loss(structure, k, samples, seed), 2),
                    "headquarters": len(structure.headquarters),
                    "mean_hops": round(float(np.mean(list(hops.values()))), 2),
                    "max_hops": max(hops.values()),
                    "single_points_of_failure": ", ".join(spof),
                    "articulation_points": ", ".join(articulation_headquarters(structure)),
                }
            )
    return pd.DataFrame(rows)
