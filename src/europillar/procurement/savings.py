"""Baseline (every member buys alone), savings of the joint plan, and sensitivity runs."""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import pandas as pd

from europillar.procurement.learning import order_cost
from europillar.procurement.mip import MipModel
from europillar.procurement.optimiser import PlanResult, solve, with_settings
from europillar.procurement.problem import (
    ProcurementProblem,
    check_candidates,
    check_targets,
    deliverable_units,
)


@dataclass(frozen=True)
class JointResult:
    """Joint plan, national baseline and the savings between them (same money unit).

    ``capacity_limited``: the targets exceed what the lines can deliver by the target year
    and ``plan`` is the least-cost plan that delivers the most; ``delivery`` says per
    category what is delivered and unmet. Savings then cover only the categories delivered
    in full (a smaller plan is not a saving)."""

    plan: PlanResult
    baseline: pd.DataFrame
    savings_by_category: pd.DataFrame
    savings_by_member: pd.DataFrame
    delivery: pd.DataFrame | None = None
    capacity_limited: bool = False


def baseline(problem: ProcurementProblem) -> pd.DataFrame:
    """Each member buys alone: every (member, category) orders one platform for its own
    quantity, learning only on that quantity. National orders still share each production
    line, so the choice is a small assignment MIP: least total cost such that the orders
    placed on a line fit what it can deliver by the target year. A buy-European rule applies
    to each national order (platform content >= rule); K and juste retour are multinational
    rules and do not apply. If the lines cannot take every national order, capacity is
    checked per order alone and ``capacity_shared`` is False. Rows with no platform that
    qualifies get an empty ``candidate_id`` and a NaN cost."""
    targets = check_targets(problem.targets)
    candidates = check_candidates(problem.candidates)
    cap = {
        c.candidate_id: deliverable_units(c, problem.start_year, problem.target_year)
        for _, c in candidates.iterrows()
    }
    options: dict[int, list[tuple[str, float]]] = {}
    for i, t in enumerate(targets.itertuples()):
        options[i] = []
        for c in candidates[candidates["category"] == t.category].itertuples():
            if cap[c.candidate_id] < t.units:
                continue
            if problem.buy_european_pct is not None:
                content = 0.0 if pd.isna(c.european_content_pct) else float(c.european_content_pct)
                if content < problem.buy_european_pct:
                    continue
            options[i].append(
                (
                    c.candidate_id,
                    order_cost(t.units, c.unit_cost, c.ref_quantity, c.learning_rate_pct),
                )
            )
    choice, shared = _assign(targets, options, cap, problem.time_limit_s), True
    if choice is None:
        choice, shared = (
            {i: min(opts, key=lambda o: (o[1], o[0])) for i, opts in options.items() if opts},
            False,
        )
    rows = []
    for i, t in enumerate(targets.itertuples()):
        picked = choice.get(i)
        rows.append(
            {
                "iso3": t.iso3,
                "category": t.category,
                "units": int(t.units),
                "candidate_id": picked[0] if picked else None,
                "cost": picked[1] if picked else math.nan,
                "capacity_shared": shared,
            }
        )
    return pd.DataFrame(
        rows, columns=["iso3", "category", "units", "candidate_id", "cost", "capacity_shared"]
    )


def _assign(
    targets: pd.DataFrame,
    options: dict[int, list[tuple[str, float]]],
    cap: dict[str, float],
    time_limit_s: float,
) -> dict[int, tuple[str, float]] | None:
    """Cheapest one-platform-per-order choice whose orders fit each line (None: infeasible)."""
    mip = MipModel()
    pick: dict[tuple[int, str], int] = {}
    for i, opts in options.items():
        for cid, cost in opts:
            pick[(i, cid)] = mip.var(0, 1, cost, integer=True)
        idx = [pick[(i, cid)] for cid, _ in opts]
        if idx:
            mip.row(1, 1, idx, [1.0] * len(idx))
    units = targets["units"].tolist()
    for cid, limit in sorted(cap.items()):
        idx = [j for (i, c), j in pick.items() if c == cid]
        if idx and math.isfinite(limit):
            mip.row(
                -math.inf, limit, idx, [float(units[i]) for (i, c), _ in pick.items() if c == cid]
            )
    if not pick:
        return {}
    h, _ = mip.solve(time_limit_s, 1e-9)
    if h.getInfo().primal_solution_status != 2:
        return None
    values = h.getSolution().col_value
    costs = {
        key: cost
        for i, opts in options.items()
        for key, cost in (((i, cid), cost) for cid, cost in opts)
    }
    return {i: (cid, costs[(i, cid)]) for (i, cid), j in pick.items() if values[j] > 0.5}


def _savings(base: pd.DataFrame, joint: pd.DataFrame, key: str) -> pd.DataFrame:
    b = base.groupby(key)["cost"].sum(min_count=1).rename("baseline_cost")
    j = (
        joint.groupby(key)["cost"].sum(min_count=1).rename("joint_cost")
        if len(joint)
        else pd.Series(dtype=float, name="joint_cost")
    )
    out = pd.concat([b, j], axis=1).reset_index().rename(columns={"index": key})
    out["savings"] = out["baseline_cost"] - out["joint_cost"]
    out["savings_pct"] = 100.0 * out["savings"] / out["baseline_cost"]
    return out.sort_values(key).reset_index(drop=True)


def joint_vs_baseline(problem: ProcurementProblem) -> JointResult:
    """Solve the joint plan (or the achievable one), price the baseline, compare them."""
    from europillar.procurement.achievable import delivery_by_category, plan_for

    plan, limited = plan_for(problem)
    base = baseline(problem)
    joint = (
        plan.plan
        if plan.status != "infeasible"
        else pd.DataFrame(columns=["iso3", "category", "cost"])
    )
    delivery = delivery_by_category(problem, plan) if plan.status != "infeasible" else None
    if limited and delivery is not None:
        full = set(delivery.loc[delivery["unmet_units"] == 0, "category"])
        base = base[base["category"].isin(full)]
        joint = joint[joint["category"].isin(full)] if len(joint) else joint
    return JointResult(
        plan,
        base,
        _savings(base, joint, "category"),
        _savings(base, joint, "iso3"),
        delivery,
        limited,
    )


def sensitivity(
    problem: ProcurementProblem,
    k_values: tuple[int | None, ...] = (1, 2, 3, None),
    juste_retour_values: tuple[float | None, ...] = (None, 20.0, 10.0, 5.0),
) -> pd.DataFrame:
    """Joint cost and savings for every combination of K and juste-retour tolerance."""
    base_total = baseline(problem)["cost"].sum(min_count=1)
    rows = []
    for k, jr in itertools.product(k_values, juste_retour_values):
        result = solve(with_settings(problem, k_max=k, juste_retour_pct=jr))
        cost = result.cost
        rows.append(
            {
                "k_max": k,
                "juste_retour_pct": jr,
                "status": result.status,
                "joint_cost": cost,
                "baseline_cost": base_total,
                "savings": base_total - cost,
                "savings_pct": 100.0 * (base_total - cost) / base_total,
                "mip_gap_pct": result.mip_gap_pct,
            }
        )
    out = pd.DataFrame(rows)
    out["k_max"] = pd.Series(
        [r["k_max"] for r in rows], dtype=object
    )  # keep 1, 2, None (no floats)
    return out


def explain_infeasible(problem: ProcurementProblem) -> str:
    """Say which constraint families bind: the smallest sets of families (capacity, K,
    buy-European, juste retour) whose removal makes the problem feasible, plus the
    categories whose production lines cannot deliver their targets in time."""
    from europillar.procurement.achievable import minimal_relaxations

    first = solve(problem)
    if first.status != "infeasible":
        return "the settings are feasible"
    minimal = minimal_relaxations(problem)
    facts = _capacity_facts(problem)
    if not minimal:
        text = f"infeasible even with every optional constraint relaxed ({first.explanation})"
    elif all(len(m) == 1 for m in minimal):
        names = ", ".join(_LABEL[m[0]] for m in minimal)
        text = f"infeasible; dropping any one of these makes it feasible: {names}"
    else:
        sets = "; or ".join(" + ".join(_LABEL[f] for f in m) for m in minimal)
        text = f"infeasible; it becomes feasible only when dropping together: {sets}"
    if facts and (not minimal or any("capacity" in m for m in minimal)):
        text += "; " + "; ".join(facts)
    return text


_LABEL = {
    "capacity": "production capacity by the target year",
    "k_max": "the limit of K types per category",
    "buy_european": "the buy-European share",
    "juste_retour": "the juste-retour band",
}


def _is_active(problem: ProcurementProblem, family: str) -> bool:
    return {
        "capacity": True,
        "k_max": problem.k_max is not None,
        "buy_european": problem.buy_european_pct is not None,
        "juste_retour": problem.juste_retour_pct is not None,
    }[family]


def _capacity_facts(problem: ProcurementProblem) -> list[str]:
    """Per category: units the best K lines can deliver by the target year vs the target."""
    targets = check_targets(problem.targets)
    candidates = check_candidates(problem.candidates)
    facts = []
    for category, units in targets.groupby("category")["units"].sum().items():
        lines = sorted(
            (
                deliverable_units(c, problem.start_year, problem.target_year)
                for _, c in candidates[candidates["category"] == category].iterrows()
            ),
            reverse=True,
        )
        if problem.k_max is not None:
            lines = lines[: problem.k_max]
        can = sum(lines)
        if can < units:
            facts.append(
                f"{category}: lines can deliver {can:g} units by {problem.target_year}, target {units}"
            )
    return facts
