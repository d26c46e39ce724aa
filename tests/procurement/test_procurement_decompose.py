"""Solving by category (decompose.py) gives the full MIP's optimum on random instances."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from europillar.procurement.optimiser import solve
from europillar.procurement.problem import ProcurementProblem, deliverable_units


def random_problem(seed: int) -> ProcurementProblem:
    rng = np.random.default_rng(seed)
    members = ["AAA", "BBB", "CCC", "DDD"][: int(rng.integers(2, 5))]
    categories = [f"g{k}" for k in range(int(rng.integers(1, 4)))]
    targets = pd.DataFrame(
        [
            {"iso3": m, "category": g, "units": int(rng.integers(0, 9))}
            for m in members
            for g in categories
        ]
    )
    rows = []
    for g in categories:
        for j in range(int(rng.integers(2, 5))):
            rows.append(
                {
                    "candidate_id": f"{g}_c{j}",
                    "category": g,
                    "platform": f"P{g}{j}",
                    "producer": "x",
                    "producer_iso3": members[j % len(members)],
                    "origin_bloc": "european" if j % 2 == 0 else "us",
                    "unit_cost": float(rng.uniform(2, 20)),
                    "ref_quantity": float(rng.integers(1, 6)),
                    "learning_rate_pct": float(rng.uniform(75, 99)),
                    "capacity_per_year": float(rng.integers(1, 6))
                    if rng.random() < 0.6
                    else math.nan,
                    "european_content_pct": float(rng.choice([0.0, 40.0, 100.0])),
                }
            )
    k_max = [None, 1, 2, 3][int(rng.integers(0, 4))]
    buy_eu = [None, 30.0, 60.0, 90.0][int(rng.integers(0, 4))]
    return ProcurementProblem(
        targets,
        pd.DataFrame(rows),
        k_max=k_max,
        buy_european_pct=buy_eu,
        start_year=2026,
        target_year=2028,
    )


@pytest.mark.parametrize("seed", range(40))
def test_by_category_equals_full_mip(seed: int) -> None:
    problem = random_problem(seed)
    fast = solve(problem)
    full = solve(problem, method="mip")
    assert fast.status == full.status
    if full.status != "optimal":
        return
    assert fast.objective == pytest.approx(full.objective, rel=1e-7, abs=1e-9)
    # The plan is a real plan: every member's target met exactly, capacity respected, at
    # most k_max types per category, and the buy-European rule held.
    got = fast.plan.groupby(["iso3", "category"])["units"].sum() if len(fast.plan) else pd.Series()
    for t in problem.targets.itertuples():
        assert int(got.get((t.iso3, t.category), 0)) == t.units
    info = problem.candidates.set_index("candidate_id")
    for r in fast.programmes.itertuples():
        assert r.units <= deliverable_units(info.loc[r.candidate_id], 2026, 2028)
    if problem.k_max is not None and len(fast.programmes):
        assert fast.programmes.groupby("category").size().max() <= problem.k_max
    if problem.buy_european_pct is not None and len(fast.programmes):
        content = fast.programmes["european_content_pct"].fillna(0.0) / 100.0
        # on the piecewise-linear costs the MIP uses; re-priced costs can differ slightly
        assert (content * fast.programmes["cost"]).sum() >= (
            problem.buy_european_pct / 100.0 * fast.programmes["cost"].sum() * (1 - 1e-3)
        )


def test_method_must_be_known() -> None:
    with pytest.raises(ValueError, match="method must be"):
        solve(random_problem(0), method="magic")
