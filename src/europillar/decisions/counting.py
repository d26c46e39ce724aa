"""Exact counts of winning coalitions, by size and by member, without listing 2^n coalitions.

Everything the power indices need follows from two integer tables:
``W[c]`` = number of winning coalitions of size ``c`` and ``A[i, c]`` = number of winning
coalitions of size ``c`` that contain player ``i``.

Two exact algorithms, chosen by the ranges of the weight vectors:

* **generating function** (all vectors small, e.g. member counts, Nice-style weights): a
  dynamic programme over the grid of (count, weight sums) giving the polynomial
  ``prod_i (1 + x^{w_i})``; player ``i`` is removed again by exact polynomial division.
* **meet in the middle** (one vector with a huge range, e.g. populations in persons): the
  players are split in two halves whose 2^(n/2) sub-coalitions are listed with their small
  state and their large total; for each small state the formula reduces to "large total
  >= tau(state)", so winning pairs are counted with one sorted search per half.

Both use integers only; brute force (``bruteforce.py``) checks them in the tests.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from europillar.decisions.game import COUNT, Game, evaluate, leaves

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


def _enumerate_half(
    flat_w: IntArray, large_w: IntArray, count_w: IntArray
) -> tuple[npt.NDArray[np.uint8], IntArray, IntArray, IntArray]:
    m = len(flat_w)
    masks = np.arange(1 << m, dtype=np.int64)
    bits = ((masks[:, None] >> np.arange(m, dtype=np.int64)) & 1).astype(np.uint8)
    b64 = bits.astype(np.int64)
    return bits, b64 @ flat_w, b64 @ large_w, b64 @ count_w


def _by_meet_in_the_middle(game: Game, small: list[str], large: str) -> tuple[IntArray, IntArray]:
    n = game.n
    weights = np.array([game.vectors[name] for name in small], dtype=np.int64).T
    shape = tuple(int(weights[:, k].sum()) + 1 for k in range(len(small)))
    strides = np.array([int(np.prod(shape[k + 1 :])) for k in range(len(shape))], dtype=np.int64)
    flat_w = weights @ strides
    large_w = np.array(game.vectors[large], dtype=np.int64)
    count_w = np.ones(n, dtype=np.int64)
    tau = _thresholds_tau(game, small, large, shape)

    half = n // 2
    parts = [np.arange(0, half), np.arange(half, n)]
    enum = [_enumerate_half(flat_w[p], large_w[p], count_w[p]) for p in parts]
    winning = np.zeros(n + 1, dtype=np.int64)
    containing = np.zeros((n, n + 1), dtype=np.int64)
    for side in (0, 1):
        bits, flat_a, big_a, cnt_a = enum[side]
        _, flat_b, big_b, cnt_b = enum[1 - side]
        per_sub = _pair_counts(flat_a, big_a, cnt_a, flat_b, big_b, cnt_b, tau, n)
        containing[parts[side]] = _exact_matmul(bits.T, per_sub)
        if side == 0:
            winning = per_sub.sum(axis=0)
    return winning, containing


def _exact_matmul(bits_t: npt.NDArray[np.uint8], counts: IntArray) -> IntArray:
    """``bits_t @ counts`` exactly: BLAS float64 while every sum stays below 2^53."""
    if counts.size and int(counts.max()) * counts.shape[0] < 2**52:
        return np.rint(bits_t.astype(np.float64) @ counts.astype(np.float64)).astype(np.int64)
    return bits_t.astype(np.int64) @ counts


def _pair_counts(
    flat_a: IntArray,
    big_a: IntArray,
    cnt_a: IntArray,
    flat_b: IntArray,
    big_b: IntArray,
    cnt_b: IntArray,
    tau: IntArray,
    n: int,
    chunk: int = 1 << 15,
) -> IntArray:
    """For each sub-coalition a of one half: winning completions by the other half, by size."""
    order = np.lexsort((big_b, flat_b))
    flat_s, big_s, cnt_s = flat_b[order], big_b[order], cnt_b[order]
    group_start = np.flatnonzero(np.r_[True, flat_s[1:] != flat_s[:-1]])
    group_end = np.r_[group_start[1:], len(flat_s)]
    g_flat = flat_s[group_start]
    g_cnt = cnt_s[group_start]
    top = int(big_s.max()) + 1
    offset = np.int64(top + 1)
    rank = np.repeat(np.arange(len(group_start), dtype=np.int64), group_end - group_start)
    keys = rank * offset + big_s  # sorted: by group, then by large total
    g_rank = np.arange(len(group_start), dtype=np.int64)
    distinct_sizes = len(np.unique(g_cnt)) == len(g_cnt)

    out = np.zeros((len(flat_a), n + 1), dtype=np.int64)
    for lo in range(0, len(flat_a), chunk):
        fa, ba, ca = flat_a[lo : lo + chunk], big_a[lo : lo + chunk], cnt_a[lo : lo + chunk]
        need = tau[fa[:, None] + g_flat[None, :]] - ba[:, None]  # least large total from side b
        need = np.clip(need, 0, top)
        first = np.searchsorted(keys, g_rank[None, :] * offset + need, side="left")
        wins = group_end[None, :] - first  # (chunk, groups)
        size = ca[:, None] + g_cnt[None, :]
        rows = np.arange(len(fa), dtype=np.int64)[:, None]
        if distinct_sizes:  # each group has its own coalition size: plain scatter, no sums
            out[lo + rows, size] = wins
            continue
        flat = (rows * (n + 1) + size).ravel()
        block = np.bincount(
            flat, weights=wins.ravel().astype(np.float64), minlength=len(fa) * (n + 1)
        )
        out[lo : lo + len(fa)] = np.rint(block).astype(np.int64).reshape(len(fa), n + 1)
    return out
