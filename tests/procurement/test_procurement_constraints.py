"""Every returned plan honours coverage, capacity, K and the share rules; infeasible
settings are explained by the constraint family that binds."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from europillar.procurement.learning import breakpoints
from europillar.procurement.optimiser import solve
from europillar.procurement.problem import ProcurementProblem, deliverable_units
from europillar.procurement.savings import (
    baseline,
    explain_infeasible,
    joint_vs_baseline,
    sensitivity,
)

MEMBERS = ["AAA", "BBB", "CCC", "DDD"]


def random_instance(seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(np.random.SeedSequence(seed))
    targets = pd.DataFrame(
        [
            {"iso3": m, "category": g, "units": int(rng.integers(0, 40))}
            for m in MEMBERS
            for g in ("g1", "g2")
        ]
    )
    rows = []
    for i in range(6):
        european = bool(rng.integers(0, 2))
        rows.append(
            {
                "candidate_id": f"c{i}",
                "category": "g1" if i < 3 else "g2",
                "platform": f"P{i}",
                "producer": "x",
                "producer_iso3": MEMBERS[int(rng.integers(0, 4))] if european else "USA",
                "origin_bloc": "european" if european else "us",
                "unit_cost": float(rng.uniform(5, 20)),
                "ref_quantity": float(rng.integers(5, 50)),
                "learning_rate_pct": float(rng.uniform(80, 98)),
                "capacity_per_year": float(rng.integers(5, 30)),
                "lead_time_years": float(rng.integers(0, 3)),
                "european_content_pct": 100.0 if european else 0.0,
                "local_production_pct": float(rng.choice([0.0, 30.0])),
            }
        )
    return targets, pd.DataFrame(rows)


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize(
    "rules",
    [
        {"k_max": 1},
        {"buy_european_pct": 50.0},
        {"juste_retour_pct": 25.0},
        {"k_max": 2, "buy_european_pct": 30.0, "juste_retour_pct": 40.0},
    ],
)
def test_constraints_hold_in_every_plan(seed: int, rules: dict) -> None:
    targets, candidates = random_instance(seed)
    problem = ProcurementProblem(targets, candidates, start_year=2026, target_year=2030, **rules)
    result = solve(problem)
    if result.status == "infeasible":
        text = explain_infeasible(problem)
        assert text.startswith("infeasible")
        return
    plan, info = result.plan, candidates.set_index("candidate_id")
    # coverage: exactly each member's target
    got = plan.groupby(["iso3", "category"])["units"].sum()
    want = targets[targets["units"] > 0].set_index(["iso3", "category"])["units"]
    assert got.sort_index().to_dict() == want.sort_index().to_dict()
    # capacity by the target year
    for r in result.programmes.itertuples():
        assert r.units <= deliverable_units(info.loc[r.candidate_id], 2026, 2030)
    # K
    if problem.k_max is not None:
        assert plan.groupby("category")["candidate_id"].nunique().max() <= problem.k_max
    # buy European, on the piecewise cost the model uses (exact at breakpoints: recompute)
    if problem.buy_european_pct is not None:
        eu = total = 0.0
        for r in result.programmes.itertuples():
            cap = deliverable_units(info.loc[r.candidate_id], 2026, 2030)
            demand = targets[targets["category"] == r.category]["units"].sum()
            points = breakpoints(int(min(cap, demand)))
            c = info.loc[r.candidate_id]
            b = math.log2(c["learning_rate_pct"] / 100)
            exact = [
                0.0
                if p == 0
                else c["unit_cost"] * c["ref_quantity"] * (p / c["ref_quantity"]) ** (1 + b)
                for p in points
            ]
            cost = float(np.interp(r.units, points, exact))
            total += cost
            eu += cost * c["european_content_pct"] / 100
        assert eu >= problem.buy_european_pct / 100 * total - 1e-6 * total
    # juste retour on list value
    if problem.juste_retour_pct is not None:
        gap = (result.shares["work_share_pct"] - result.shares["funding_share_pct"]).abs()
        assert gap.max() <= problem.juste_retour_pct + 1e-6


def test_capacity_infeasibility_is_explained() -> None:
    targets, candidates = random_instance(1)
    targets["units"] = 500  # far beyond any line's output by 2030
    text = explain_infeasible(
        ProcurementProblem(targets, candidates, start_year=2026, target_year=2030)
    )
    assert "production capacity" in text and "lines can deliver" in text


def test_juste_retour_infeasibility_is_explained() -> None:
    targets = pd.DataFrame({"iso3": ["AAA", "BBB"], "category": ["g1", "g1"], "units": [10, 10]})
    candidates = pd.DataFrame(
        {
            "candidate_id": ["c0"],
            "category": ["g1"],
            "platform": ["P"],
            "producer": ["x"],
            "producer_iso3": ["AAA"],
            "origin_bloc": ["european"],
            "unit_cost": [10.0],
            "ref_quantity": [10.0],
            "learning_rate_pct": [90.0],
        }
    )
    problem = ProcurementProblem(targets, candidates, juste_retour_pct=10.0)
    assert solve(problem).status == "infeasible"
    # AAA funds 50% and does 100% of the work: only the juste-retour band binds
    assert explain_infeasible(problem) == (
        "infeasible; dropping any one of these makes it feasible: the juste-retour band"
    )


def test_no_candidate_for_a_category_is_reported() -> None:
    targets = pd.DataFrame({"iso3": ["AAA"], "category": ["g9"], "units": [3]})
    _, candidates = random_instance(0)
    result = solve(ProcurementProblem(targets, candidates))
    assert (
        result.status == "infeasible"
        and "no candidate platform can deliver g9 for AAA" in result.explanation
    )


def test_joint_never_costs_more_than_baseline_without_rules() -> None:
    """Without K, share rules or capacity limits, buying alone is a feasible joint plan."""
    for seed in range(5):
        targets, candidates = random_instance(seed)
        candidates["capacity_per_year"] = math.nan
        result = joint_vs_baseline(ProcurementProblem(targets, candidates))
        assert result.plan.cost <= result.baseline["cost"].sum() + 1e-6


def test_baseline_prices_each_member_alone_by_hand() -> None:
    targets = pd.DataFrame({"iso3": ["AAA"], "category": ["g1"], "units": [8]})
    candidates = pd.DataFrame(
        {
            "candidate_id": ["c0", "c1"],
            "category": ["g1", "g1"],
            "platform": ["P", "Q"],
            "producer": ["x", "y"],
            "producer_iso3": ["AAA", "USA"],
            "origin_bloc": ["european", "us"],
            "unit_cost": [10.0, 9.0],
            "ref_quantity": [2.0, 8.0],
            "learning_rate_pct": [80.0, 100.0],
        }
    )
    base = baseline(ProcurementProblem(targets, candidates))
    # c0: 10 * 2 * (8/2)^(1 + log2 0.8) = 20 * 4 * 0.8^2 = 51.2 ; c1: 9 * 8 = 72
    assert base.loc[0, "candidate_id"] == "c0"
    assert base.loc[0, "cost"] == pytest.approx(51.2)


def test_sensitivity_tightening_never_lowers_cost() -> None:
    targets, candidates = random_instance(3)
    candidates["capacity_per_year"] = math.nan
    table = sensitivity(
        ProcurementProblem(targets, candidates), k_values=(None, 2, 1), juste_retour_values=(None,)
    )
    costs = table["joint_cost"].tolist()
    assert costs[0] <= costs[1] + 1e-6 <= costs[2] + 2e-6


def test_baseline_orders_share_a_production_line() -> None:
    """Two national orders of 30 cannot both go to a line that delivers 40 by the target year."""
    targets = pd.DataFrame({"iso3": ["AAA", "BBB"], "category": ["g1", "g1"], "units": [30, 30]})
    candidates = pd.DataFrame(
        {
            "candidate_id": ["cheap", "dear"],
            "category": ["g1", "g1"],
            "platform": ["P", "Q"],
            "producer": ["x", "y"],
            "producer_iso3": ["AAA", "BBB"],
            "origin_bloc": ["european"] * 2,
            "unit_cost": [5.0, 6.0],
            "ref_quantity": [30.0, 30.0],
            "learning_rate_pct": [100.0, 100.0],
            "capacity_per_year": [10.0, math.nan],
        }
    )
    base = baseline(ProcurementProblem(targets, candidates, start_year=2026, target_year=2029))
    assert sorted(base["candidate_id"]) == ["cheap", "dear"]
    assert base["cost"].sum() == pytest.approx(30 * 5 + 30 * 6)
    assert base["capacity_shared"].all()
