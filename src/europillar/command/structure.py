"""Command structures as directed graphs: a decision node, headquarters and forces.

Shipped structures come from the cited tables in ``data/tables/command``; user
structures come from a TOML file or a CSV of parent,child pairs (docs/command.md).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
import pandas as pd

from europillar.errors import InputError

if TYPE_CHECKING:
    from europillar.dataset import Dataset

SHIPPED = ("centralised", "distributed")


@dataclass(frozen=True)
class CommandStructure:
    """``graph`` edges point from commander to commanded; ``forces`` maps force id -> weight."""

    name: str
    root: str
    graph: nx.DiGraph
    forces: dict[str, float]

    @property
    def headquarters(self) -> list[str]:
        """Every node that is neither the decision node nor a force."""
        return sorted(n for n in self.graph.nodes if n != self.root and n not in self.forces)


def _table(name: str, dataset: Dataset | None) -> pd.DataFrame:
    """A command table of the dataset (default: the shipped one)."""
    from europillar.dataset import load

    return (dataset if dataset is not None else load()).table(f"command/{name}")


def load_nodes(dataset: Dataset | None = None) -> pd.DataFrame:
    """Cited headquarters and decision nodes (one row each)."""
    return _table("nodes", dataset)


def structure_sources(name: str, dataset: Dataset | None = None) -> set[str]:
    """Source ids of a shipped structure's nodes, links and forces."""
    edges = _table("edges", dataset).query("structure == @name")
    forces = _table("forces", dataset).query("structure == @name")
    nodes = _table("nodes", dataset)
    used = set(edges["parent"]) | set(edges["child"])
    return {
        *edges["source_id"],
        *forces["source_id"],
        *nodes.loc[nodes["node_id"].isin(used), "source_id"],
    }


def shipped_structure(name: str, dataset: Dataset | None = None) -> CommandStructure:
    """Build ``centralised`` or ``distributed`` from the shipped edge and force tables."""
    if name not in SHIPPED:
        raise InputError(None, "structure", name, "unknown shipped structure", allowed=SHIPPED)
    edges = _table("edges", dataset).query("structure == @name")
    forces = _table("forces", dataset).query("structure == @name")
    pairs: list[tuple[str, str, float | None]] = [
        (str(r.parent), str(r.child), None) for r in edges.itertuples(index=False)
    ]
    for r in forces.itertuples(index=False):
        for hq in str(r.commanded_by).split("|"):
            pairs.append((hq, r.force_id, float(r.weight_packages)))
    return from_pairs(
        name, pairs, file=f"data/tables/command ({name})", force_ids=set(forces["force_id"])
    )


def from_pairs(
    name: str,
    pairs: list[tuple[str, str, float | None]],
    file: str | None = None,
    force_ids: set[str] | None = None,
) -> CommandStructure:
    """Structure from (parent, child, weight) pairs: one root; forces are ``force_ids``
    when given (so a headquarters with no forces stays a headquarters), else the leaves."""
    graph = nx.DiGraph()
    weights: dict[str, float] = {}
    for i, (parent, child, weight) in enumerate(pairs):
        if not parent or not child:
            raise InputError(file, f"edges[{i}]", (parent, child), "parent and child are required")
        if parent == child:
            raise InputError(file, f"edges[{i}].child", child, "a node cannot command itself")
        graph.add_edge(parent, child)
        if weight is not None:
            if not (math.isfinite(weight) and weight > 0):
                raise InputError(file, f"edges[{i}].weight", weight, "weight must be > 0")
            weights[child] = weight
    roots = [n for n in graph.nodes if graph.in_degree(n) == 0]
    if len(roots) != 1:
        raise InputError(
            file,
            "edges",
            sorted(roots),
            "a structure needs exactly one decision node (a node with no parent)",
        )
    if not nx.is_directed_acyclic_graph(graph):
        raise InputError(file, "edges", nx.find_cycle(graph)[0], "command links form a cycle")
    leaves = [n for n in graph.nodes if graph.out_degree(n) == 0]
    if force_ids is not None:
        leaves = [n for n in leaves if n in force_ids]
    for node, weight in weights.items():
        if node not in leaves:
            raise InputError(file, f"weight[{node}]", weight, "only forces (leaves) carry a weight")
    forces = {leaf: weights.get(leaf, 1.0) for leaf in sorted(leaves)}
    return CommandStructure(name, roots[0], graph, forces)


def from_definition(definition: Any, file: str | None = None) -> CommandStructure:
    """A structure written out in a scenario (``[[command.custom]]``, a
    ``StructureDefinition``): links (a weight only on a link to a force) and forces."""
    pairs: list[tuple[str, str, float | None]] = [
        (e.parent, e.child, e.weight) for e in definition.edges
    ]
    for force in definition.forces:
        for hq in force.commanded_by:
            pairs.append((hq, force.id, float(force.weight)))
    force_ids = {f.id for f in definition.forces} or None
    return from_pairs(definition.name, pairs, file, force_ids)


def load_structure(name_or_file: str, dataset: Dataset | None = None) -> CommandStructure:
    """A shipped structure by name, or a structure file in the old ``.toml``/``.csv``
    format (docs/command.md); errors name the file. Scenarios write structures out under
    ``[[command.custom]]`` instead (``europillar scenario convert FILE``)."""
    from europillar.scenario.legacy import checked, structure_table
    from europillar.scenario.sections.command import StructureDefinition

    if name_or_file in SHIPPED:
        return shipped_structure(name_or_file, dataset)
    path = Path(name_or_file)
    if path.suffix.lower() not in (".toml", ".csv"):
        raise InputError(
            None,
            "structure",
            name_or_file,
            "not a shipped structure nor a .toml/.csv file",
            allowed=SHIPPED,
        )
    table = checked(StructureDefinition, structure_table(path), path)
    return from_definition(StructureDefinition.model_validate(table), str(path))
