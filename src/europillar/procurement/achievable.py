"""What production lines can deliver: the plan that delivers the most, and what is unmet.

``plan_for(problem)`` solves the joint plan as asked. If no plan meets every target, it
asks why: when dropping production capacity alone makes the targets reachable, the
targets are a finding, not an input error, and it solves the achievable plan instead
(the least-cost plan that delivers the most, ``optimiser.solve(achievable=True)``). Any
other cause (a buy-European share no candidate meets, a K or juste-retour setting that
contradicts the targets) stays infeasible, and the caller stops with one sentence.
"""

from __future__ import annotations

import itertools
import math

import pandas as pd

from europillar.procurement.optimiser import FAMILIES, PlanResult, solve
from europillar.procurement.problem import (
    ProcurementProblem,
    check_candidates,
    check_targets,
    deliverable_units,
)

DELIVERY_COLUMNS = [
    "category",
    "target_units",
    "delivered_units",
    "unmet_units",
    "delivered_pct",
    "capacity_by_target_year",
    "binding_capacity",
]


def active_families(problem: ProcurementProblem) -> list[str]:
    """The constraint families a problem switches on (capacity always)."""
    on = {
        "capacity": True,
        "k_max": problem.k_max is not None,
        "buy_european": problem.buy_european_pct is not None,
        "juste_retour": problem.juste_retour_pct is not None,
    }
    return [f for f in FAMILIES if on[f]]


def minimal_relaxations(problem: ProcurementProblem) -> list[tuple[str, ...]]:
    """The smallest sets of constraint families whose removal makes the problem feasible."""
    active = active_families(problem)
    minimal: list[tuple[str, ...]] = []
    for size in range(1, len(active) + 1):
        for subset in itertools.combinations(active, size):
            if any(set(found) <= set(subset) for found in minimal):
                continue
            if solve(problem, drop=subset).status != "infeasible":
                minimal.append(subset)
    return minimal


def plan_for(problem: ProcurementProblem) -> tuple[PlanResult, bool]:
    """(plan, capacity_limited): the exact plan, or the achievable one.

    The achievable plan is solved when production capacity is part of every reason the
    targets cannot be met (it is in each smallest set of constraints whose removal makes
    the targets feasible) and that plan delivers something. Otherwise the settings
    contradict each other or the targets whatever the lines can make (e.g. a
    buy-European share no candidate meets), and the exact plan's "infeasible" stands.
    """
    exact = solve(problem)
    if exact.status != "infeasible":
        return exact, False
    minimal = minimal_relaxations(problem)
    if not minimal or not all("capacity" in found for found in minimal):
        return exact, False
    limited = solve(problem, achievable=True)
    if limited.status == "infeasible" or not len(limited.plan):
        return exact, False
    return limited, True


def delivery_by_category(problem: ProcurementProblem, plan: PlanResult) -> pd.DataFrame:
    """Per category: target, delivered, unmet units and the capacity that binds.

    ``capacity_by_target_year`` sums what every candidate line of the category can deliver
    between the start and the target year (NaN when a line's capacity is not cited, i.e.
    unlimited in the model); ``binding_capacity`` names the lines that deliver all they can.
    """
    targets = check_targets(problem.targets)
    candidates = check_candidates(problem.candidates)
    bought = (
        plan.plan.groupby("candidate_id")["units"].sum()
        if len(plan.plan)
        else pd.Series(dtype=float)
    )
    rows = []
    for category, target in targets.groupby("category")["units"].sum().items():
        lines = candidates[candidates["category"] == category]
        delivered = (
            float(plan.plan.loc[plan.plan["category"] == category, "units"].sum())
            if len(plan.plan)
            else 0.0
        )
        capacity, binding = 0.0, []
        for c in lines.itertuples():
            limit = deliverable_units(
                pd.Series(c._asdict()), problem.start_year, problem.target_year
            )
            capacity += limit
            used = float(bought.get(c.candidate_id, 0.0))
            if math.isfinite(limit) and used >= math.floor(limit) and delivered < target:
                binding.append(f"{c.platform} ({math.floor(limit)} by {problem.target_year})")
        if delivered < target and not binding:
            binding.append("below capacity: K, buy-European or juste-retour rules bind")
        rows.append(
            {
                "category": category,
                "target_units": int(target),
                "delivered_units": int(delivered),
                "unmet_units": int(target - delivered),
                "delivered_pct": 100.0 * delivered / target if target else 100.0,
                "capacity_by_target_year": capacity if math.isfinite(capacity) else math.nan,
                "binding_capacity": "; ".join(binding),
            }
        )
    return pd.DataFrame(rows, columns=DELIVERY_COLUMNS)
