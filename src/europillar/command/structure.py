"""Command structures as directed graphs: a decision node, headquarters and forces.

Shipped structures come from the cited tables in ``data/tables/command``; user
structures come from a TOML file or a CSV of parent,child pairs (docs/command.md).
"""

from __future__ import annotations

import csv
import io
import math
import tomllib
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pandas as pd

from europillar import data
from europillar.errors import InputError

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


def _table(name: str) -> pd.DataFrame:
    """A shipped command table as text columns (``estimate`` as bool), via the data layer."""
    return data.load(f"command/{name}")


def load_nodes() -> pd.DataFrame:
    """Cited headquarters and decision nodes (one row each)."""
    return _table("nodes")


def shipped_structure(name: str) -> CommandStructure:
    """Build ``centralised`` or ``distributed`` from the shipped edge and force tables."""
    if name not in SHIPPED:
        raise InputError(None, "structure", name, "unknown shipped structure", allowed=SHIPPED)
    edges = _table("edges").query("structure == @name")
    forces = _table("forces").query("structure == @name")
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


def parse_toml(text: str, file: str) -> CommandStructure:
    """TOML: ``name``, ``[[edges]] parent/child`` and ``[[forces]] id/weight/commanded_by``."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(file, None, None, f"not valid TOML ({exc})") from None
    pairs: list[tuple[str, str, float | None]] = []
    for i, edge in enumerate(data.get("edges", [])):
        if not isinstance(edge, dict):
            raise InputError(file, f"edges[{i}]", edge, "each edge is a table with parent, child")
        pairs.append((str(edge.get("parent", "")), str(edge.get("child", "")), None))
    for i, force in enumerate(data.get("forces", [])):
        hqs = force.get("commanded_by", [])
        if isinstance(hqs, str):
            hqs = [hqs]
        if not hqs:
            raise InputError(file, f"forces[{i}].commanded_by", hqs, "needs at least one HQ")
        weight = force.get("weight", 1.0)
        if not isinstance(weight, (int, float)):
            raise InputError(file, f"forces[{i}].weight", weight, "weight must be a number")
        for hq in hqs:
            pairs.append((str(hq), str(force.get("id", "")), float(weight)))
    if not pairs:
        raise InputError(file, "edges", [], "no edges or forces found")
    force_ids = {str(f.get("id", "")) for f in data.get("forces", [])} or None
    return from_pairs(str(data.get("name", Path(file).stem)), pairs, file, force_ids)


def parse_csv(text: str, file: str) -> CommandStructure:
    """CSV with header ``parent,child`` and an optional ``weight`` (forces only)."""
    reader = csv.DictReader(io.StringIO(text))
    fields = reader.fieldnames or []
    for column in ("parent", "child"):
        if column not in fields:
            raise InputError(file, "header", fields, f"missing column '{column}'")
    pairs: list[tuple[str, str, float | None]] = []
    for i, row in enumerate(reader):
        raw = (row.get("weight") or "").strip()
        try:
            weight = float(raw) if raw else None
        except ValueError:
            raise InputError(file, f"row {i + 2}.weight", raw, "not a number") from None
        pairs.append(((row["parent"] or "").strip(), (row["child"] or "").strip(), weight))
    return from_pairs(Path(file).stem, pairs, file)


def load_structure(name_or_file: str) -> CommandStructure:
    """A shipped structure by name, or a ``.toml`` / ``.csv`` file."""
    if name_or_file in SHIPPED:
        return shipped_structure(name_or_file)
    path = Path(name_or_file)
    if path.suffix.lower() not in (".toml", ".csv"):
        raise InputError(
            None,
            "structure",
            name_or_file,
            "not a shipped structure nor a .toml/.csv file",
            allowed=SHIPPED,
        )
    if not path.is_file():
        raise InputError(str(path), None, name_or_file, "file not found")
    text = path.read_text(encoding="utf-8")
    return (
        parse_toml(text, str(path))
        if path.suffix.lower() == ".toml"
        else parse_csv(text, str(path))
    )
