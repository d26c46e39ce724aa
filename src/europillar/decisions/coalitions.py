"""Minimal winning and minimal blocking coalitions of small games (n <= 15).

A coalition is *minimal winning* when it wins and every member is critical (dropping
any one member makes it lose); *minimal blocking* when its members voting no defeat the
proposal (the complement loses) and every member is needed for that.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from europillar.decisions.bruteforce import popcounts, winning_mask
from europillar.decisions.game import Game

MAX_PLAYERS = 15


def _minimal(good: np.ndarray, n: int) -> np.ndarray:
    """Masks where ``good`` holds and fails after removing any single member."""
    minimal = good.copy()
    masks = np.arange(1 << n, dtype=np.int64)
    for i in range(n):
        bit = 1 << i
        has = (masks & bit) != 0
        minimal &= ~(has & good[masks & ~bit])
    return np.flatnonzero(minimal)


def minimal_coalitions(game: Game, kind: str = "winning") -> pd.DataFrame:
    """Table of minimal winning (``kind='winning'``) or blocking coalitions: size, members."""
    n = game.n
    if n > MAX_PLAYERS:
        raise ValueError(
            f"minimal coalitions are listed for at most {MAX_PLAYERS} players, got {n}"
        )
    if kind not in ("winning", "blocking"):
        raise ValueError(f"kind must be 'winning' or 'blocking', got {kind!r}")
    win = winning_mask(game)
    full = (1 << n) - 1
    good = win if kind == "winning" else ~win[full ^ np.arange(1 << n, dtype=np.int64)]
    found = _minimal(good, n)
    sizes = popcounts(n)[found]
    members = [" ".join(game.players[i] for i in range(n) if (int(m) >> i) & 1) for m in found]
    frame = pd.DataFrame({"size": sizes.astype(int), "members": members})
    return frame.sort_values(["size", "members"], kind="stable").reset_index(drop=True)
