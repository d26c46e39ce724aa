"""Benchmark: joint-procurement MIP for all European NATO and EU members.

Runs the full instance (all members x all shipped categories x all shipped candidates) and
the national baseline in the same run, then scales members, categories and candidates per
category. Targets and the extra candidates used for scaling are synthetic (seeded) because
this measures solver time, not policy; nothing here is shipped data.

    /work/venv/bin/python benchmarks/bench_procure.py
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd

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


def timed(problem: ProcurementProblem) -> tuple[float, float, str, float]:
    began = time.perf_counter()
    result = solve(problem)
    joint = time.perf_counter() - began
    began = time.perf_counter()
    baseline(problem)
    base = time.perf_counter() - began
    return joint, base, result.status, result.mip_gap_pct


def main() -> None:
    rng = np.random.default_rng(np.random.SeedSequence(SEED))
    codes = members()
    shipped = candidate_table("central")
    categories = sorted(shipped["category"].unique())
    targets = synthetic_targets(codes, categories, rng, shipped)
    rules = {"k_max": 2, "buy_european_pct": 50.0, "start_year": 2026, "target_year": 2035}

    full = ProcurementProblem(targets, shipped, **rules)
    joint, base, status, gap = timed(full)
    print(
        f"full instance: {len(codes)} members x {len(categories)} categories x {len(shipped)} candidates"
    )
    print(
        f"  joint MIP {joint:.3f} s ({status}, gap {gap:.2g}%), national baseline {base:.3f} s, "
        f"ratio joint/baseline {joint / base:.1f}"
    )

    print("scaling (ratio = time / time of the smallest case in this run):")
    for label, cases in (
        ("members", [(n, len(categories), 2) for n in (5, 10, 20, len(codes))]),
        ("categories", [(len(codes), g, 2) for g in (1, 2, 4, len(categories))]),
        ("candidates per category", [(len(codes), len(categories), c) for c in (1, 2, 4, 8)]),
    ):
        first = None
        for n_members, n_categories, per_category in cases:
            cats = categories[:n_categories]
            cands = synthetic_candidates(shipped, cats, per_category, rng, codes)
            tgt = synthetic_targets(codes[:n_members], cats, rng, cands)
            seconds, _, status, gap = timed(ProcurementProblem(tgt, cands, **rules))
            first = first or seconds
            print(
                f"  {label:24s} members={n_members:2d} categories={n_categories} candidates/cat={per_category}: "
                f"{seconds:.3f} s  ratio {seconds / first:5.1f}  ({status}, gap {gap:.2g}%)"
            )


if __name__ == "__main__":
    main()
