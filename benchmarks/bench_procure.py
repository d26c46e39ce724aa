"""Benchmark: joint-procurement plan for all European NATO and EU members.

Run:  python benchmarks/bench_procure.py [--repeats 3] [--mip-repeats 1]

Prints, measured in this run (min / median / max over the repeats):
  * the 34 members x 7 categories x 8 candidates instance (synthetic targets and
    candidates, seeded; k_max 2, buy-European 50 %): europillar's exact solve by category
    against the full MIP in HiGHS (what a competent user would otherwise hand to a MIP
    solver; the same model europillar falls back to), with both objectives and gaps;
  * the shipped candidates with synthetic targets, and the national baseline;
  * scaling in members, categories and candidates per category (solve by category).
Targets and the extra candidates are synthetic (seeded) because this measures solver
time, not policy; nothing here is shipped data.
"""

from __future__ import annotations

import argparse
import os
import sys

import numpy as np
import pandas as pd

sys.path.insert(0, os.path.dirname(__file__))
from timing import header, ratio, repeat, spread

from europillar.procurement import baseline, candidate_table, solve
from europillar.procurement.problem import ProcurementProblem, deliverable_units

SEED = 20261124


def members() -> list[str]:
    try:
        from europillar import countries

        return sorted(
            set(countries.members("EUROPEAN_NATO", 2025)) | set(countries.members("EU27", 2025))
        )
    except ImportError:  # data helper's module missing: a fixed list of the same size
        return [f"M{i:02d}" for i in range(34)]


def synthetic_targets(
    codes: list[str], categories: list[str], rng: np.random.Generator, candidates: pd.DataFrame
) -> pd.DataFrame:
    """Random units per member and category, kept within what the lines can deliver by 2035
    (so the benchmark times feasible instances)."""
    rows = []
    for g in categories:
        lines = [
            deliverable_units(c, 2026, 2035)
            for _, c in candidates[candidates["category"] == g].iterrows()
        ]
        best_two = sum(sorted(lines, reverse=True)[:2])
        high = int(max(2, min(60, 0.8 * best_two / len(codes))))
        rows += [{"iso3": m, "category": g, "units": int(rng.integers(0, high))} for m in codes]
    return pd.DataFrame(rows)


def synthetic_candidates(
    base: pd.DataFrame,
    categories: list[str],
    per_category: int,
    rng: np.random.Generator,
    codes: list[str],
) -> pd.DataFrame:
    """Clone shipped candidates with perturbed cost, capacity and producer to reach a size."""
    rows = []
    for g in categories:
        pool = base[base["category"] == g]
        if pool.empty:
            pool = base
        for j in range(per_category):
            row = pool.iloc[j % len(pool)].copy()
            row["candidate_id"] = f"{g}_{j}"
            row["category"] = g
            row["unit_cost"] = float(row["unit_cost"]) * float(rng.uniform(0.8, 1.2))
            row["capacity_per_year"] = float(rng.integers(20, 120))
            row["producer_iso3"] = codes[int(rng.integers(0, len(codes)))]
            row["european_content_pct"] = 100.0 if j % 2 == 0 else 0.0
            rows.append(row)
    return pd.DataFrame(rows).reset_index(drop=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--mip-repeats", type=int, default=1)
    parser.add_argument(
        "--with-16",
        action="store_true",
        help="add 16 candidates per category to the scaling (the by-category bounds do not "
        "close there; the full MIP runs to its 60 s limit)",
    )
    args = parser.parse_args()
    header("joint procurement")
    rng = np.random.default_rng(np.random.SeedSequence(SEED))
    codes = members()
    shipped = candidate_table("central")
    categories = sorted(shipped["category"].unique())
    rules = {"k_max": 2, "buy_european_pct": 50.0, "start_year": 2026, "target_year": 2035}

    cands = synthetic_candidates(shipped, categories, 8, rng, codes)
    big = ProcurementProblem(synthetic_targets(codes, categories, rng, cands), cands, **rules)
    print(
        f"{len(codes)} members x {len(categories)} categories x 8 candidates "
        f"(k_max 2, buy-European 50 %):"
    )
    t_fast, fast = repeat(lambda: solve(big), args.repeats)
    t_mip, full = repeat(lambda: solve(big, method="mip"), args.mip_repeats, warmup=0)
    print(
        f"  by category (exact): {spread(t_fast)}; {fast.status}, gap {fast.mip_gap_pct:.2g} %, "
        f"objective {fast.objective:,.3f}"
    )
    print(
        f"  full MIP (HiGHS, gap 1e-6): {spread(t_mip)}; {full.status}, gap "
        f"{full.mip_gap_pct:.2g} %, objective {full.objective:,.3f}"
    )
    print(
        f"  full MIP / by category: {ratio(t_mip, t_fast)}; objectives differ by "
        f"{abs(fast.objective - full.objective) / full.objective:.1e} (relative)"
    )

    targets = synthetic_targets(codes, categories, rng, shipped)
    full_shipped = ProcurementProblem(targets, shipped, **rules)
    t_ship, result = repeat(lambda: solve(full_shipped), args.repeats)
    t_base, _ = repeat(lambda: baseline(full_shipped), args.repeats)
    print(
        f"shipped candidates ({len(shipped)}), synthetic targets: joint {spread(t_ship)} "
        f"({result.status}, gap {result.mip_gap_pct:.2g} %); national baseline {spread(t_base)}"
    )

    print("scaling, solve by category (median of the repeats; ratio to the smallest case):")
    for label, cases in (
        ("members", [(n, len(categories), 2) for n in (5, 10, 20, len(codes))]),
        ("categories", [(len(codes), g, 2) for g in (1, 2, 4, len(categories))]),
        (
            "candidates per category",
            [
                (len(codes), len(categories), c)
                for c in (1, 2, 4, 8, *((16,) if args.with_16 else ()))
            ],
        ),
    ):
        first = None
        for n_members, n_categories, per_category in cases:
            cats = categories[:n_categories]
            cands = synthetic_candidates(shipped, cats, per_category, rng, codes)
            tgt = synthetic_targets(codes[:n_members], cats, rng, cands)
            problem = ProcurementProblem(tgt, cands, **rules)
            times, res = repeat(lambda p=problem: solve(p), args.repeats)
            median = sorted(times)[len(times) // 2]
            first = first or median
            print(
                f"  {label:24s} members={n_members:2d} categories={n_categories} "
                f"candidates/cat={per_category:2d}: {median:.3f} s  ratio {median / first:5.1f}"
                f"  ({res.status}, gap {res.mip_gap_pct:.2g} %)"
            )


if __name__ == "__main__":
    main()
