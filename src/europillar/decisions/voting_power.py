"""Voting power: Banzhaf (Penrose), Shapley–Shubik, Coleman, Penrose square-root comparison.

Definitions (n players, S ranges over coalitions of the other players):

* swing of i at S: S loses and S ∪ {i} wins.
* absolute Banzhaf (Penrose) ``beta'_i = swings_i / 2^(n-1)``; normalised
  ``beta_i = swings_i / sum_j swings_j``.
* Shapley–Shubik ``phi_i = sum_S |S|! (n-|S|-1)! / n!`` over the swings of i.
* Coleman's power of the collectivity to act ``A = #winning / 2^n``.

All counts are exact integers (``counting.py``); ratios are exact ``Fraction`` values,
turned into floats only for the output table.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import pandas as pd

from europillar.decisions.counting import WinCounts, count_winning
from europillar.decisions.game import Game


@dataclass(frozen=True)
class VotingPowerIndices:
    """Exact power indices of one game."""

    players: tuple[str, ...]
    swings: tuple[int, ...]
    swings_by_size: tuple[tuple[int, ...], ...]  # [i][k]: swings of i at coalitions of size k
    winning: int
    method: str

    @property
    def n(self) -> int:
        return len(self.players)

    def banzhaf_absolute(self) -> list[Fraction]:
        return [Fraction(s, 2 ** (self.n - 1)) for s in self.swings]

    def banzhaf_normalized(self) -> list[Fraction]:
        total = sum(self.swings)
        if total == 0:
            return [Fraction(0)] * self.n
        return [Fraction(s, total) for s in self.swings]

    def shapley_shubik(self) -> list[Fraction]:
        n = self.n
        fact = [math.factorial(k) for k in range(n + 1)]
        return [
            Fraction(sum(c * fact[k] * fact[n - k - 1] for k, c in enumerate(row)), fact[n])
            for row in self.swings_by_size
        ]

    def coleman_power_to_act(self) -> Fraction:
        """Probability that a random proposal passes (all 2^n coalitions equally likely)."""
        return Fraction(self.winning, 2**self.n)


def voting_power_indices(game: Game) -> VotingPowerIndices:
    """Exact swings (total and by coalition size) for every player of ``game``."""
    counts: WinCounts = count_winning(game)
    n = game.n
    winning = np.array(counts.winning, dtype=object)
    containing = np.array(counts.containing, dtype=object).reshape(n, n + 1)
    by_size = []
    for i in range(n):
        # S of size k without i: S+i wins minus S wins (monotone game).
        row = [containing[i, k + 1] - (winning[k] - containing[i, k]) for k in range(n)]
        by_size.append(tuple(int(v) for v in row))
    return VotingPowerIndices(
        players=game.players,
        swings=tuple(sum(r) for r in by_size),
        swings_by_size=tuple(by_size),
        winning=int(sum(counts.winning)),
        method=counts.method,
    )


def voting_power_table(game: Game, weights: dict[str, list[int]] | None = None) -> pd.DataFrame:
    """One row per member: iso3, swings and the three indices (floats from exact fractions).

    ``weights`` adds columns (e.g. ``population``) and, when ``population`` is given,
    ``penrose_sqrt``: the square-root law's ideal normalised Banzhaf share
    ``sqrt(pop_i) / sum_j sqrt(pop_j)``.
    """
    result = voting_power_indices(game)
    frame = pd.DataFrame(
        {
            "iso3": list(result.players),
            "swings": list(result.swings),
            "banzhaf_normalized": [float(v) for v in result.banzhaf_normalized()],
            "banzhaf_absolute": [float(v) for v in result.banzhaf_absolute()],
            "shapley_shubik": [float(v) for v in result.shapley_shubik()],
        }
    )
    for key, values in (weights or {}).items():
        frame[key] = values
    if weights and "population" in weights:
        roots = np.sqrt(np.asarray(weights["population"], dtype=float))
        frame["penrose_sqrt"] = roots / roots.sum()
    frame.attrs["coleman_power_to_act"] = float(result.coleman_power_to_act())
    frame.attrs["method"] = result.method
    return frame
