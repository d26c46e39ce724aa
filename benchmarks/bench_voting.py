"""Benchmark: exact voting power for EU27 QMV against brute force, in the same run.

1. europillar's exact algorithm (meet in the middle over populations in persons) for the
   Banzhaf and Shapley–Shubik indices of EU27 QMV, best of several runs.
2. Brute force: all 2^27 coalitions, vectorised numpy in chunks (tens of seconds).
   Swings must be identical; the script prints both times and the ratio.
3. PyPI package ``powerindex`` (optional): on the single-quota population game it can
   express (weights = population in units of 100,000 persons, quota = 65 %), against
   europillar on the same integer game. Prints "skipped" if the package is missing.

Run: /work/venv/bin/python benchmarks/bench_voting.py
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import TypeVar

import numpy as np

from europillar.decisions import (
    Game,
    Leaf,
    instantiate,
    preset,
    qmv_population,
    voting_power_indices,
)
from europillar.decisions.bruteforce import brute_force_swings

T = TypeVar("T")


def best_of(fn: Callable[[], T], repeat: int = 5) -> tuple[float, T]:
    """Best wall time of ``repeat`` calls, and the last result."""
    best = math.inf
    out = fn()
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - start)
    return best, out


def main() -> None:
    year, pop = qmv_population()
    members = sorted(pop)
    game = instantiate(preset("qmv"), members, pop)
    print(
        f"EU27 QMV, Council population figures {year} ({len(members)} members, populations in persons)"
    )

    t_exact, exact = best_of(lambda: voting_power_indices(game))
    t_indices, _ = best_of(lambda: (exact.banzhaf_normalized(), exact.shapley_shubik()))
    print(
        f"  exact ({exact.method}): {t_exact * 1000:.1f} ms for swings by size, "
        f"+{t_indices * 1000:.1f} ms for both indices as exact fractions"
    )

    start = time.perf_counter()
    swings, winning = brute_force_swings(game)
    t_brute = time.perf_counter() - start
    same = np.array_equal(np.array(exact.swings_by_size), swings) and exact.winning == winning
    print(f"  brute force over 2^27 = {2**27:,} coalitions: {t_brute:.2f} s")
    print(f"  identical swings: {same}; speed-up exact vs brute force: {t_brute / t_exact:,.0f}x")
    print(f"  target < 50 ms: {'met' if t_exact + t_indices < 0.05 else 'NOT met'}")

    print("powerindex (PyPI) on the single-quota population game, weights in 100,000 persons:")
    try:
        import powerindex
    except ImportError:
        print("  skipped (pip install powerindex)")
        return
    weights = [max(1, round(pop[m] / 100_000)) for m in members]
    quota = math.ceil(0.65 * sum(weights))
    start = time.perf_counter()
    reference = powerindex.Game(quota, weights=weights)
    reference.calc_banzhaf()
    reference.calc_shapley_shubik()
    t_pi = time.perf_counter() - start
    simple = Game(tuple(members), {"w": tuple(weights)}, Leaf("w", quota), "population quota")
    t_ours, ours = best_of(lambda: voting_power_indices(simple))
    bz = [float(v) for v in ours.banzhaf_normalized()]
    ss = [float(v) for v in ours.shapley_shubik()]
    diff = max(
        max(abs(a - b) for a, b in zip(bz, reference.banzhaf, strict=False)),
        max(abs(a - b) for a, b in zip(ss, reference.shapley_shubik, strict=False)),
    )
    print(
        f"  powerindex: {t_pi:.2f} s; europillar ({ours.method}): {t_ours * 1000:.1f} ms; "
        f"ratio {t_pi / t_ours:,.0f}x; max |difference| = {diff:.2e}"
    )


if __name__ == "__main__":
    main()
