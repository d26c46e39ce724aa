"""Exact counts of winning coalitions, by size and by member, without listing 2^n coalitions.

Everything the power indices need follows from two integer tables:
``W[c]`` = number of winning coalitions of size ``c`` and ``A[i, c]`` = number of winning
coalitions of size ``c`` that contain player ``i``.

Two exact algorithms, chosen by the ranges of the weight vectors:

* **generating function** (all vectors small, e.g. member counts, Nice-style weights): a
  dynamic programme over the grid of (count, weight sums) giving the polynomial
  ``prod_i (1 + x^{w_i})``; player ``i`` is removed again by exact polynomial division.
* **meet in the middle** (one vector with a huge range, e.g. populations in persons): the
  players are split in two halves whose 2^(n/2) sub-coalitions are listed, sorted, with
  their small state and their large total; for each small state the formula reduces to
  "large total >= tau(state)", so winning pairs are counted with one sorted search per
  pair of groups, and per-player counts come from sums over the subset lattice
  (``middle.py``).

Both use integers only (no floating-point matrix products, hence no BLAS threads);
brute force (``bruteforce.py``) checks them in the tests.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from europillar.decisions.game import COUNT, Game, evaluate, leaves
from europillar.decisions.middle import count_by_middle

IntArray = npt.NDArray[np.int64]

SMALL_RANGE_LIMIT = 20_000  # a vector whose total stays below this is a grid dimension
GRID_LIMIT = 4_000_000  # cells in the small-state grid
INF = np.int64(2**62)


@dataclass(frozen=True)
class WinCounts:
    """``winning[c]``: winning coalitions of size c; ``containing[i, c]``: those holding player i."""

    winning: tuple[int, ...]
    containing: tuple[tuple[int, ...], ...]
    method: str


def _split_vectors(game: Game) -> tuple[list[str], list[str]]:
    small, large = [COUNT], []
    cells = game.n + 1
    for name in game.used_vectors()[1:]:
        span = sum(game.vectors[name]) + 1
        if span <= SMALL_RANGE_LIMIT and cells * span <= GRID_LIMIT:
            small.append(name)
            cells *= span
        else:
            large.append(name)
    return small, large


def count_winning(game: Game) -> WinCounts:
    """Exact ``W`` and ``A`` tables for ``game`` (see module docstring)."""
    small, large = _split_vectors(game)
    if not large:
        winning, containing = _by_generating_function(game, small)
        method = "generating function"
    elif len(large) == 1:
        winning, containing = _by_meet_in_the_middle(game, small, large[0])
        method = "meet in the middle"
    elif game.n <= 24:
        from europillar.decisions.bruteforce import brute_force_counts

        winning, containing = brute_force_counts(game)
        method = "enumeration"
    else:
        raise ValueError(
            f"game {game.name!r}: {len(large)} weight vectors with large ranges ({', '.join(large)}); "
            "exact counting supports one such vector for more than 24 players"
        )
    return WinCounts(
        winning=tuple(int(v) for v in winning),
        containing=tuple(tuple(int(v) for v in row) for row in containing),
        method=method,
    )


# --------------------------------------------------------------------------- generating function


def _grid_win(game: Game, small: list[str], shape: tuple[int, ...]) -> npt.NDArray[np.bool_]:
    coords = np.indices(shape, dtype=np.int64)
    sums = {name: coords[k] for k, name in enumerate(small)}
    return np.broadcast_to(evaluate(game.formula, sums), shape)


def _by_generating_function(game: Game, small: list[str]) -> tuple[IntArray, IntArray]:
    n = game.n
    weights = np.array([game.vectors[name] for name in small], dtype=np.int64).T  # (n, d)
    shape = tuple(int(weights[:, k].sum()) + 1 for k in range(len(small)))
    poly = np.zeros(shape, dtype=np.int64)
    poly[(0,) * len(shape)] = 1
    for w in weights:
        poly = poly + _shift(poly, w)
    win = _grid_win(game, small, shape)
    winning = np.array([int(poly[c][win[c]].sum()) for c in range(n + 1)], dtype=np.int64)
    containing = np.zeros((n, n + 1), dtype=np.int64)
    cache: dict[tuple[int, ...], IntArray] = {}
    for i, w in enumerate(weights):
        key = tuple(int(v) for v in w)
        if key not in cache:
            cache[key] = _containing_row(poly, w, win, n)
        containing[i] = cache[key]
    return winning, containing


def _shift(poly: IntArray, w: IntArray) -> IntArray:
    """``poly * x^w`` truncated to the grid."""
    out = np.zeros_like(poly)
    dst = tuple(slice(int(k), None) for k in w)
    src = tuple(slice(0, s - int(k)) for s, k in zip(poly.shape, w, strict=False))
    out[dst] = poly[src]
    return out


def _containing_row(poly: IntArray, w: IntArray, win: npt.NDArray[np.bool_], n: int) -> IntArray:
    """Winning coalitions containing a player of weight ``w``, by size (exact division)."""
    rest = w[1:]
    others = np.zeros_like(poly)  # others = poly / (1 + x^w): coalitions of the other players
    row = np.zeros(n + 1, dtype=np.int64)
    for c in range(n + 1):
        others[c] = poly[c] - (_shift(others[c - 1], rest) if c > 0 else 0)
        if c < n:
            with_player = _shift(others[c], rest)
            row[c + 1] = int(with_player[win[c + 1]].sum())
    return row


# --------------------------------------------------------------------------- meet in the middle


def _thresholds_tau(game: Game, small: list[str], large: str, shape: tuple[int, ...]) -> IntArray:
    """Least large total that wins, for every small state (INF when none does)."""
    cuts = sorted({0} | {leaf.threshold for leaf in leaves(game.formula) if leaf.vector == large})
    coords = np.indices(shape, dtype=np.int64)
    sums = {name: coords[k] for k, name in enumerate(small)}
    tau = np.full(shape, INF, dtype=np.int64)
    for cut in reversed(cuts):  # monotone: the smallest winning cut is the last one written
        sums[large] = np.full(shape, max(cut, 0), dtype=np.int64)
        won = np.broadcast_to(evaluate(game.formula, sums), shape)
        tau[won] = max(cut, 0)
    return tau.ravel()


def _by_meet_in_the_middle(game: Game, small: list[str], large: str) -> tuple[IntArray, IntArray]:
    n = game.n
    weights = np.array([game.vectors[name] for name in small], dtype=np.int64).T
    shape = tuple(int(weights[:, k].sum()) + 1 for k in range(len(small)))
    strides = np.array([int(np.prod(shape[k + 1 :])) for k in range(len(shape))], dtype=np.int64)
    flat_w = weights @ strides
    large_w = np.array(game.vectors[large], dtype=np.int64)
    tau = _thresholds_tau(game, small, large, shape)

    return count_by_middle(flat_w, large_w, tau, int(strides[0]), n)
