"""Exact winning-coalition counts by meet in the middle, in integers, without BLAS.

For games with one weight vector of huge range (populations in persons) next to small
ones (the member count, small weights). Method:

1. Split the players into halves A and B. List each half's 2^(n/2) sub-coalitions by a
   single integer key ``small state x M + large total`` (``M`` exceeds the half's large
   total), already sorted: keys are subset sums of per-player keys, so adding a player
   merges the list with itself shifted by that player's key (two sorted runs, merged in
   linear time). Runs of equal small state are the half's *groups*, sorted by large total.
2. For a group pair (g in A, h in B) the small state of the union is fixed, so the rule
   reduces to "large total >= tau" (tau from ``counting._thresholds_tau``). If no pair
   or every pair wins, the pair is settled by group sizes. Otherwise one sorted search of
   the A group's needs ``tau - large(a)`` in the B group gives, for each a, the number of
   winning partners ``N(a)``; a histogram of those search positions, cumulated, gives
   the same for each b (``N(b)``) without a second search.
3. Winning coalitions containing player i of A, by size c, are ``sum over a containing i
   of N(a, c)``. These per-player sums over the subset lattice are computed by folding:
   the sum over masks with the top bit set, then the two halves of the mask range added
   and the next bit treated the same way: about 2 x 2^(n/2) additions per size, against
   n/2 x 2^(n/2) for a bit-matrix product. Settled pairs add through per-group bit counts.

Every count is an exact integer (int64; the largest is below 2^n). Time grows about as
2^(n/2): about 0.4 s for 40 members with populations in persons
(``benchmarks/bench_voting.py``). Memory: two int32 tables of 2^(n/2) by the number of
contested sizes, about 150 MB at 40 members.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]


def sorted_subsets(keys: IntArray) -> tuple[IntArray, IntArray]:
    """All subset sums of ``keys`` in ascending order, with the subset's bitmask."""
    sums = np.zeros(1, dtype=np.int64)
    masks = np.zeros(1, dtype=np.int64)
    for j, key in enumerate(keys):
        both = np.concatenate([sums, sums + key])
        order = np.argsort(both, kind="stable")  # two sorted runs: a linear merge
        sums = both[order]
        masks = np.concatenate([masks, masks | (1 << j)])[order]
    return sums, masks


def bit_marginals(table: npt.NDArray[np.integer], bits: int) -> IntArray:
    """``out[j, k] = sum of table[k, mask] over masks with bit j set`` (table is (K, 2^bits))."""
    out = np.zeros((bits, table.shape[0]), dtype=np.int64)
    folded = table
    for j in reversed(range(bits)):
        half = folded.shape[1] // 2
        low, high = folded[:, :half], folded[:, half:]
        out[j] = high.sum(axis=1, dtype=np.int64)
        folded = np.add(low, high, dtype=np.int64)
    return out


class _Half:
    """One half's sub-coalitions, sorted by (small state, large total), cut into groups."""

    def __init__(self, flat_w: IntArray, large_w: IntArray, stride0: int) -> None:
        self.bits = len(flat_w)
        scale = int(large_w.sum()) + 1
        keys, self.masks = sorted_subsets(flat_w * scale + large_w)
        state = keys // scale
        self.large = keys - state * scale
        starts = np.flatnonzero(np.r_[True, state[1:] != state[:-1]])
        self.start = starts
        self.end = np.r_[starts[1:], len(keys)]
        self.state = state[starts]
        self.count = self.state // stride0
        self.lo = self.large[self.start]
        self.hi = self.large[self.end - 1]
        self.size = self.end - self.start

    def group_bit_counts(self) -> IntArray:
        """``out[g, j]``: sub-coalitions of group g that contain the half's player j."""
        out = np.empty((len(self.start), self.bits), dtype=np.int64)
        for j in range(self.bits):  # one bit at a time: no (2^bits, bits) temporary
            out[:, j] = np.add.reduceat((self.masks >> j) & 1, self.start)
        return out


def count_by_middle(
    flat_w: IntArray, large_w: IntArray, tau: IntArray, stride0: int, n: int
) -> tuple[IntArray, IntArray]:
    """``W[c]`` and ``A[i, c]`` (see ``counting.py``) for small states ``flat_w`` (flat grid
    index per player, count in the leading coordinate of stride ``stride0``), large weights
    ``large_w`` and least winning large total ``tau[state]`` (>= 2^62: never wins)."""
    half_n = n // 2
    a = _Half(flat_w[:half_n], large_w[:half_n], stride0)
    b = _Half(flat_w[half_n:], large_w[half_n:], stride0)
    winning = np.zeros(n + 1, dtype=np.int64)
    settled_a = np.zeros((len(a.start), n + 1), dtype=np.int64)  # winning partners, all of a
    settled_b = np.zeros((len(b.start), n + 1), dtype=np.int64)
    contested: dict[int, tuple[npt.NDArray[np.int32], npt.NDArray[np.int32]]] = {}
    never = np.int64(2**62)

    for g in range(len(a.start)):
        need = tau[a.state[g] + b.state]  # least large total, per B group
        sizes = a.count[g] + b.count
        lo_a, hi_a, n_a = int(a.lo[g]), int(a.hi[g]), int(a.size[g])
        all_win = need <= lo_a + b.lo
        some_win = (need < never) & (need <= hi_a + b.hi) & ~all_win
        for h in np.flatnonzero(all_win):
            c = int(sizes[h])
            winning[c] += n_a * int(b.size[h])
            settled_a[g, c] += int(b.size[h])
            settled_b[h, c] += n_a
        if not some_win.any():
            continue
        lo, hi = int(a.start[g]), int(a.end[g])
        large_a = a.large[lo:hi]
        for h in np.flatnonzero(some_win):
            c = int(sizes[h])
            if c not in contested:
                contested[c] = (
                    np.zeros(len(a.masks), dtype=np.int32),
                    np.zeros(len(b.masks), dtype=np.int32),
                )
            table_a, table_b = contested[c]  # by sorted position: each group is a slice
            blo, bhi = int(b.start[h]), int(b.end[h])
            large_b = b.large[blo:bhi]
            # Needs of a in ascending order (a's totals descend): a sorted search is fast.
            first = np.searchsorted(large_b, int(need[h]) - large_a[::-1], side="left")[::-1]
            partners_a = (bhi - blo) - first  # b with large(b) >= need - large(a)
            partners_b = np.cumsum(np.bincount(first, minlength=bhi - blo + 1)[:-1])
            np.add(table_a[lo:hi], partners_a, out=table_a[lo:hi], casting="unsafe")
            np.add(table_b[blo:bhi], partners_b, out=table_b[blo:bhi], casting="unsafe")

    containing = np.zeros((n, n + 1), dtype=np.int64)
    containing[:half_n] = a.group_bit_counts().T @ settled_a
    containing[half_n:] = b.group_bit_counts().T @ settled_b
    if contested:
        cols = sorted(contested)
        for c in cols:
            winning[c] += int(contested[c][0].sum(dtype=np.int64))
        for side, half, players in ((0, a, slice(0, half_n)), (1, b, slice(half_n, n))):
            table = np.empty((len(cols), len(half.masks)), dtype=np.int32)
            for k, c in enumerate(cols):
                table[k, half.masks] = contested[c][side]  # sorted position -> mask order
            containing[players, cols] += bit_marginals(table, half.bits)
    return winning, containing
