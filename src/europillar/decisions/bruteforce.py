"""Reference computation by listing all 2^n coalitions (vectorised numpy, in chunks).

Slow by design: it is the yardstick that tests and ``benchmarks/bench_voting.py`` compare
the exact fast algorithms against. Swings are counted straight from the definition
(coalition S without i loses, S with i wins).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from europillar.decisions.game import Game, evaluate

IntArray = npt.NDArray[np.int64]
MAX_PLAYERS = 30


def _subset_sums(weights: IntArray) -> IntArray:
    """Totals of ``weights`` for every bitmask 0..2^m-1 (bit j = player j)."""
    sums = np.zeros(1, dtype=np.int64)
    for w in weights:
        sums = np.concatenate([sums, sums + int(w)])
    return sums


def winning_mask(game: Game, chunk_bits: int = 20) -> npt.NDArray[np.bool_]:
    """Boolean array over all 2^n bitmasks: True where the coalition wins."""
    n = game.n
    if n > MAX_PLAYERS:
        raise ValueError(f"brute force is limited to {MAX_PLAYERS} players, got {n}")
    low = min(n, chunk_bits)
    names = game.used_vectors()
    low_sums = {k: _subset_sums(np.array(game.vectors[k][:low], dtype=np.int64)) for k in names}
    high_sums = {k: _subset_sums(np.array(game.vectors[k][low:], dtype=np.int64)) for k in names}
    out = np.empty(1 << n, dtype=bool)
    size = 1 << low
    for h in range(1 << (n - low)):
        sums = {k: low_sums[k] + high_sums[k][h] for k in names}
        out[h * size : (h + 1) * size] = np.broadcast_to(evaluate(game.formula, sums), (size,))
    return out


def popcounts(n: int) -> npt.NDArray[np.uint8]:
    counts = np.zeros(1, dtype=np.uint8)
    for _ in range(n):
        counts = np.concatenate([counts, counts + 1])
    return counts


def brute_force_swings(game: Game) -> tuple[IntArray, int]:
    """``swings[i, k]``: coalitions S of size k without i that lose but win with i; and #winning."""
    n = game.n
    win = winning_mask(game)
    sizes = popcounts(n)
    swings = np.zeros((n, n), dtype=np.int64)
    for i in range(n):
        w = win.reshape(-1, 2, 1 << i)
        s = sizes.reshape(-1, 2, 1 << i)[:, 0, :]
        pivotal = w[:, 1, :] & ~w[:, 0, :]
        swings[i] = np.bincount(s[pivotal], minlength=n)[:n]
    return swings, int(win.sum())


def brute_force_counts(game: Game) -> tuple[IntArray, IntArray]:
    """``W[c]`` and ``A[i, c]`` (see ``counting.py``) by enumeration."""
    n = game.n
    win = winning_mask(game)
    sizes = popcounts(n)
    winning = np.bincount(sizes[win], minlength=n + 1).astype(np.int64)
    containing = np.zeros((n, n + 1), dtype=np.int64)
    for i in range(n):
        w = win.reshape(-1, 2, 1 << i)[:, 1, :]
        s = sizes.reshape(-1, 2, 1 << i)[:, 1, :]
        containing[i] = np.bincount(s[w], minlength=n + 1)
    return winning, containing
