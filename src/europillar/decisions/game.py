"""Simple voting games in integer form: weighted thresholds combined with AND / OR.

A game is a monotone Boolean formula over *leaves*; each leaf says "the yes-voters'
total of weight vector ``vector`` is at least ``threshold``". Weight vectors are integer
tuples (one entry per player), thresholds are integers, so no float ever decides a vote.
The vector named ``count`` (every player weighs 1) is always present.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

import numpy as np
import numpy.typing as npt

COUNT = "count"


@dataclass(frozen=True)
class Leaf:
    """Yes-voters' total of weight vector ``vector`` must reach ``threshold``."""

    vector: str
    threshold: int


@dataclass(frozen=True)
class AllOf:
    """Every child condition must hold (AND)."""

    children: tuple[Node, ...]


@dataclass(frozen=True)
class AnyOf:
    """At least one child condition must hold (OR)."""

    children: tuple[Node, ...]


Node = Union[Leaf, "AllOf", "AnyOf"]


@dataclass(frozen=True)
class Game:
    """An n-player simple game: ``players`` (ISO3 codes), integer ``vectors``, ``formula``.

    ``vectors`` maps a name to one non-negative integer weight per player;
    ``count`` (all ones) is added automatically.
    """

    players: tuple[str, ...]
    vectors: dict[str, tuple[int, ...]]
    formula: Node
    name: str = "game"
    notes: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        n = len(self.players)
        if len(set(self.players)) != n:
            raise ValueError(f"duplicate players in game {self.name!r}")
        vectors = dict(self.vectors)
        vectors.setdefault(COUNT, tuple([1] * n))
        for key, vec in vectors.items():
            if len(vec) != n:
                raise ValueError(f"vector {key!r} has {len(vec)} entries for {n} players")
            if any(int(v) != v or v < 0 for v in vec):
                raise ValueError(f"vector {key!r} must hold non-negative integers")
        for leaf in leaves(self.formula):
            if leaf.vector not in vectors:
                raise ValueError(f"formula uses unknown vector {leaf.vector!r}")
        object.__setattr__(
            self, "vectors", {k: tuple(int(v) for v in vec) for k, vec in vectors.items()}
        )

    @property
    def n(self) -> int:
        return len(self.players)

    def used_vectors(self) -> list[str]:
        """Vector names the formula reads, ``count`` first."""
        names = {leaf.vector for leaf in leaves(self.formula)}
        return [COUNT, *sorted(names - {COUNT})]

    def wins_masks(self, masks: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
        """Vectorised ``wins``: ``masks[..., j]`` says whether player j votes yes."""
        m = np.asarray(masks, dtype=np.int64)
        sums = {k: m @ np.asarray(v, dtype=np.int64) for k, v in self.vectors.items()}
        return np.broadcast_to(evaluate(self.formula, sums), m.shape[:-1]).copy()

    def wins(self, coalition: set[str] | frozenset[str] | list[str]) -> bool:
        """True when the yes-voters ``coalition`` carry the decision."""
        members = set(coalition)
        sums = {
            key: sum(w for p, w in zip(self.players, vec, strict=False) if p in members)
            for key, vec in self.vectors.items()
        }
        return bool(evaluate(self.formula, {k: np.asarray([v]) for k, v in sums.items()})[0])


def leaves(node: Node) -> list[Leaf]:
    if isinstance(node, Leaf):
        return [node]
    out: list[Leaf] = []
    for child in node.children:
        out.extend(leaves(child))
    return out


def evaluate(node: Node, sums: dict[str, npt.NDArray[np.int64]]) -> npt.NDArray[np.bool_]:
    """Vectorised test of the formula on arrays of coalition totals (one entry per coalition)."""
    if isinstance(node, Leaf):
        return np.asarray(sums[node.vector] >= node.threshold)
    results = [evaluate(child, sums) for child in node.children]
    if isinstance(node, AllOf):
        return np.logical_and.reduce(results) if results else np.asarray(True)
    return np.logical_or.reduce(results) if results else np.asarray(False)
