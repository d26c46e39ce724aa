"""Benchmark: exact voting power, EU27 QMV (quiet and under load) to 40 members.

Run:  python benchmarks/bench_voting.py [--repeats 20] [--no-brute]

The counting is integer arithmetic; BLAS is pinned to one thread anyway (environment,
before numpy loads) so that no library thread pool competes with a loaded machine.
Prints, measured in this run (min / median / max over the repeats):
  1. EU27 QMV (populations in persons): europillar's exact Banzhaf and Shapley–Shubik
     (meet in the middle, integers), warm, on a quiet machine and with every core kept
     busy by spinning processes ("under load");
  2. brute force over all 2^27 coalitions (vectorised numpy): identical swings, ratio;
  3. the PyPI package powerindex (optional) on the single-quota game it can express
     (weights in units of 100,000 persons, quota 65 %), warm, the same repeats as
     europillar on the same integer game: the tool a competent user would otherwise run;
  4. enlarged Unions (EU27 plus candidates and neighbours, cited populations): 32, 36 and
     40 members, time and peak traced memory.
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import importlib.util  # noqa: E402
import math  # noqa: E402
import sys  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, os.path.dirname(__file__))
from timing import BusyCores, header, peak_mib, ratio, repeat, spread  # noqa: E402

from europillar.decisions import (  # noqa: E402
    Game,
    Leaf,
    instantiate,
    preset,
    qmv_population,
    voting_power_indices,
)
from europillar.decisions.bruteforce import brute_force_swings  # noqa: E402
from europillar.decisions.data import candidate_population  # noqa: E402

JOINING = [
    "UKR",
    "MDA",
    "ALB",
    "BIH",
    "MNE",
    "MKD",
    "SRB",
    "XKX",
    "GEO",
    "TUR",
    "NOR",
    "CHE",
    "ISL",
]


def both_indices(game: Game) -> object:
    result = voting_power_indices(game)
    return result.banzhaf_normalized(), result.shapley_shubik()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--no-brute", action="store_true", help="skip the 2^27 brute force")
    args = parser.parse_args()
    header("exact voting power")

    year, pop = qmv_population()
    members = sorted(pop)
    game = instantiate(preset("qmv"), members, pop)
    print(f"EU27 QMV, Council population figures {year}, populations in persons")
    t_quiet, exact = repeat(lambda: voting_power_indices(game), args.repeats)
    t_both, _ = repeat(lambda: both_indices(game), args.repeats)
    print(f"  exact swings by size ({exact.method}): {spread(t_quiet, 1000, 'ms', 2)}")
    print(f"  swings and both indices as exact fractions: {spread(t_both, 1000, 'ms', 2)}")
    with BusyCores():
        t_load, _ = repeat(lambda: both_indices(game), args.repeats)
    print(f"  the same with every core busy (under load): {spread(t_load, 1000, 'ms', 2)}")

    if not args.no_brute:
        t_brute, (swings, winning) = repeat(lambda: brute_force_swings(game), 1, warmup=0)
        same = np.array_equal(np.array(exact.swings_by_size), swings) and exact.winning == winning
        print(
            f"  brute force over 2^27 coalitions: {spread(t_brute, 1, 's', 2)}; identical "
            f"swings: {same}; exact vs brute force: {ratio(t_brute, t_quiet)}"
        )

    print("powerindex (PyPI) on the single-quota population game, weights in 100,000 persons:")
    weights = [max(1, round(pop[m] / 100_000)) for m in members]
    quota = math.ceil(0.65 * sum(weights))
    simple = Game(tuple(members), {"w": tuple(weights)}, Leaf("w", quota), "population quota")
    t_ours, ours = repeat(lambda: voting_power_indices(simple), args.repeats)
    print(f"  europillar ({ours.method}): {spread(t_ours, 1000, 'ms', 2)}")
    if importlib.util.find_spec("powerindex"):
        import powerindex

        def reference() -> object:
            g = powerindex.Game(quota, weights=weights)
            g.calc_banzhaf()
            g.calc_shapley_shubik()
            return g

        t_pi, ref = repeat(reference, args.repeats)
        diff = max(
            max(
                abs(float(a) - b)
                for a, b in zip(ours.banzhaf_normalized(), ref.banzhaf, strict=True)
            ),
            max(
                abs(float(a) - b)
                for a, b in zip(ours.shapley_shubik(), ref.shapley_shubik, strict=True)
            ),
        )
        print(
            f"  powerindex, warm: {spread(t_pi, 1000, 'ms', 2)}; powerindex / europillar: "
            f"{ratio(t_pi, t_ours)}; max |difference| {diff:.1e}"
        )
    else:
        print("  powerindex: skipped (pip install powerindex)")

    print("enlarged Union (EU27 + candidates and neighbours; UN WPP 2024 populations), QMV:")
    figures, _, _ = candidate_population(year)
    for extra in (5, 9, 13):
        joined = {**pop, **{m: figures[m] for m in JOINING[:extra]}}
        big = instantiate(preset("qmv"), sorted(joined), joined)
        t_big, _result = repeat(lambda g=big: both_indices(g), 3)
        mib = peak_mib(lambda g=big: both_indices(g))
        print(
            f"  {len(joined)} members (+{', '.join(JOINING[:extra])}): {spread(t_big, 1, 's', 3)};"
            f" peak traced memory {mib:,.0f} MiB"
        )


if __name__ == "__main__":
    main()
