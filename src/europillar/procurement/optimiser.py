"""Joint procurement as a mixed-integer programme solved by HiGHS.

Minimise the cost of covering every member's target when members may pool orders: pooled
orders ride further down each platform's learning curve. Without juste retour the plan is
first solved exactly by category (``decompose.py``); the full MIP below runs when juste
retour ties members to units or when the by-category bounds do not meet ``mip_rel_gap``. Constraints: coverage per member
and category, production capacity until the target year, at most K types per category,
an optional buy-European value share and an optional juste-retour band. Learning curves
are concave, so they enter as incremental segments with ordering binaries.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from europillar.procurement.decompose import fill_members, solve_by_category
from europillar.procurement.learning import order_cost, piecewise
from europillar.procurement.mip import MipModel
from europillar.procurement.problem import (
    ProcurementProblem,
    check_candidates,
    check_targets,
    deliverable_units,
)

FAMILIES = ("capacity", "k_max", "buy_european", "juste_retour")


@dataclass(frozen=True)
class PlanResult:
    """Solved plan. ``plan``: one row per member, category and platform bought;
    ``programmes``: one row per platform chosen; ``shares``: funding and work per member.
    ``objective`` is the piecewise-linear cost the MIP minimised; ``cost`` re-prices the plan
    on the exact learning curves (what tables report)."""

    status: str
    objective: float
    cost: float
    mip_gap_pct: float
    solve_time_s: float
    plan: pd.DataFrame
    programmes: pd.DataFrame
    shares: pd.DataFrame
    explanation: str | None = None
    dropped: tuple[str, ...] = field(default_factory=tuple)


def solve(
    problem: ProcurementProblem,
    drop: tuple[str, ...] = (),
    achievable: bool = False,
    method: str = "auto",
) -> PlanResult:
    """Solve the joint plan; ``drop`` names constraint families to relax (for diagnosis).

    ``achievable``: targets are upper bounds, not equalities. Two solves, lexicographic:
    first the most delivered, counted as the sum over members and categories of units /
    the category's total target (so shells and tanks weigh alike, and any unit delivered
    counts); then the least cost that delivers that much. Used when production capacity by
    the target year cannot meet the targets (docs/procurement.md).

    ``method="auto"`` solves by category when that is exact (``decompose.py``: targets as
    equalities, no juste retour) and runs the full MIP otherwise; ``"mip"`` always does.
    """
    if method not in ("auto", "mip"):
        raise ValueError(f"method must be 'auto' or 'mip', got {method!r}")
    targets = check_targets(problem.targets)
    candidates = check_candidates(problem.candidates)
    demand = targets.groupby("category")["units"].sum().to_dict()
    members = sorted(targets["iso3"].unique())
    wanted = {(r.iso3, r.category): int(r.units) for r in targets.itertuples()}
    cands = candidates[candidates["category"].isin(demand)].reset_index(drop=True)

    by_category = problem.juste_retour_pct is None or "juste_retour" in drop
    if method == "auto" and not achievable and by_category:
        began = time.perf_counter()
        exact = solve_by_category(problem, cands, demand, drop)
        if exact is not None:
            totals, objective, gap = exact
            info = cands.set_index("candidate_id")
            rows = fill_members(totals, wanted, info["category"].to_dict())
            plan, programmes, shares = _tables(rows, info, problem)
            return PlanResult(
                status="optimal",
                objective=objective,
                cost=float(programmes["cost"].sum()) if len(programmes) else 0.0,
                mip_gap_pct=100.0 * gap,
                solve_time_s=time.perf_counter() - began,
                plan=plan,
                programmes=programmes,
                shares=shares,
                dropped=drop,
            )
    mip = MipModel()
    x: dict[tuple[str, str], int] = {}
    y: dict[str, int] = {}
    d: dict[str, list[tuple[int, float]]] = {}
    for c in cands.itertuples():
        cap = (
            math.inf
            if "capacity" in drop
            else deliverable_units(pd.Series(c._asdict()), problem.start_year, problem.target_year)
        )
        upper = int(min(cap, demand[c.category]))
        if upper <= 0:
            continue
        lengths, slopes = piecewise(upper, c.unit_cost, c.ref_quantity, c.learning_rate_pct)
        y[c.candidate_id] = mip.var(0, 1, integer=True)
        segs = [
            (mip.var(0, float(length), float(slope)), float(slope))
            for length, slope in zip(lengths, slopes, strict=False)
        ]
        d[c.candidate_id] = segs
        mip.row(-math.inf, 0, [segs[0][0], y[c.candidate_id]], [1.0, -float(lengths[0])])
        for s in range(len(segs) - 1):
            z = mip.var(0, 1, integer=True)
            mip.row(0, math.inf, [segs[s][0], z], [1.0, -float(lengths[s])])
            mip.row(-math.inf, 0, [segs[s + 1][0], z], [1.0, -float(lengths[s + 1])])
        buyers = [m for m in members if (m, c.category) in wanted]
        for m in buyers:
            x[(m, c.candidate_id)] = mip.var(0, upper, integer=True)
        mip.row(
            0,
            0,
            [x[(m, c.candidate_id)] for m in buyers] + [v for v, _ in segs],
            [1.0] * len(buyers) + [-1.0] * len(segs),
        )
    info = cands.set_index("candidate_id")
    live = [cid for cid in info.index if cid in y]
    weight: dict[int, float] = {}
    for (m, category), units in sorted(wanted.items()):
        idx = [x[(m, cid)] for cid in live if info.at[cid, "category"] == category]
        if not idx and not achievable:
            return _infeasible(
                f"no candidate platform can deliver {category} for {m} by {problem.target_year}",
                drop,
            )
        # exactly: no overbuying to game shares; achievable: at most the target
        mip.row(0 if achievable else units, units, idx, [1.0] * len(idx))
        for j in idx:
            weight[j] = 1.0 / demand[category]
    if problem.k_max is not None and "k_max" not in drop:
        for category in sorted(demand):
            idx = [y[cid] for cid in live if info.at[cid, "category"] == category]
            mip.row(-math.inf, problem.k_max, idx, [1.0] * len(idx))
    if problem.buy_european_pct is not None and "buy_european" not in drop:
        share = problem.buy_european_pct / 100.0
        idx, val = [], []
        for cid in live:
            content = info.at[cid, "european_content_pct"]
            content = 0.0 if pd.isna(content) else float(content) / 100.0
            for v, slope in d[cid]:
                idx.append(v)
                val.append((content - share) * slope)
        mip.row(0, math.inf, idx, val)
    if problem.juste_retour_pct is not None and "juste_retour" not in drop:
        _juste_retour_rows(mip, problem.juste_retour_pct / 100.0, members, live, info, x)

    seconds_first = 0.0
    if achievable and weight:
        costs = list(mip.cost)
        mip.cost = [-weight.get(j, 0.0) for j in range(len(mip.cost))]
        h, seconds_first = mip.solve(problem.time_limit_s, 1e-9)
        if h.getInfo().primal_solution_status != 2:
            return _infeasible(h.modelStatusToString(h.getModelStatus()).lower(), drop)
        most = -float(h.getInfo().objective_function_value)
        mip.cost = costs
        delivered = sorted(weight)
        # integer units: the best total is reached again exactly; the tolerance only
        # absorbs floating-point rounding of the weights
        mip.row(most - 1e-7, math.inf, delivered, [weight[j] for j in delivered])
    h, seconds = mip.solve(problem.time_limit_s, problem.mip_rel_gap)
    seconds += seconds_first
    status = h.modelStatusToString(h.getModelStatus()).lower()
    hinfo = h.getInfo()
    if hinfo.primal_solution_status != 2:  # no feasible solution
        return _infeasible(status, drop, seconds)
    values = np.asarray(h.getSolution().col_value)
    rows = []
    for (m, cid), j in x.items():
        units = round(float(values[j]))
        if units > 0:
            rows.append({"iso3": m, "candidate_id": cid, "units": units})
    plan, programmes, shares = _tables(rows, info, problem)
    gap = float(hinfo.mip_gap) if math.isfinite(hinfo.mip_gap) else float("nan")
    return PlanResult(
        status="optimal" if status == "optimal" else status,
        objective=float(hinfo.objective_function_value),
        cost=float(programmes["cost"].sum()) if len(programmes) else 0.0,
        mip_gap_pct=100.0 * gap,
        solve_time_s=seconds,
        plan=plan,
        programmes=programmes,
        shares=shares,
        dropped=drop,
    )


def _juste_retour_rows(
    mip: MipModel,
    tol: float,
    members: list[str],
    live: list[str],
    info: pd.DataFrame,
    x: dict[tuple[str, str], int],
) -> None:
    """|work_m - funding_m| <= tol * total value, all valued at cited list unit cost."""
    total: dict[int, float] = {}
    for (_member, cid), j in x.items():
        total[j] = total.get(j, 0.0) + float(info.at[cid, "unit_cost"])
    for m in members:
        coef: dict[int, float] = {}
        for (buyer, cid), j in x.items():
            value = float(info.at[cid, "unit_cost"])
            local = info.at[cid, "local_production_pct"]
            local = 0.0 if pd.isna(local) else float(local) / 100.0
            if buyer == m:
                coef[j] = coef.get(j, 0.0) + value * local - value  # own local work - own funding
            if info.at[cid, "producer_iso3"] == m:
                coef[j] = coef.get(j, 0.0) + value * (1.0 - local)
        upper = {j: coef.get(j, 0.0) - tol * total[j] for j in total}
        lower = {j: coef.get(j, 0.0) + tol * total[j] for j in total}
        mip.row(-math.inf, 0, list(upper), list(upper.values()))
        mip.row(0, math.inf, list(lower), list(lower.values()))


def _tables(
    rows: list[dict], info: pd.DataFrame, problem: ProcurementProblem
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    plan = pd.DataFrame(rows, columns=["iso3", "candidate_id", "units"])
    totals = plan.groupby("candidate_id")["units"].sum()
    prog_rows = []
    for cid, units in totals.items():
        c = info.loc[cid]
        cost = order_cost(units, c["unit_cost"], c["ref_quantity"], c["learning_rate_pct"])
        prog_rows.append(
            {
                "candidate_id": cid,
                "category": c["category"],
                "platform": c["platform"],
                "producer": c["producer"],
                "producer_iso3": c["producer_iso3"],
                "origin_bloc": c["origin_bloc"],
                "units": int(units),
                "avg_unit_cost": cost / units,
                "cost": cost,
                "deliverable_units": _finite(
                    deliverable_units(c, problem.start_year, problem.target_year)
                ),
                "european_content_pct": c["european_content_pct"],
            }
        )
    programmes = pd.DataFrame(prog_rows)
    if len(plan):
        plan["category"] = plan["candidate_id"].map(info["category"])
        plan["platform"] = plan["candidate_id"].map(info["platform"])
        plan["producer_iso3"] = plan["candidate_id"].map(info["producer_iso3"])
        plan["programme_units"] = plan["candidate_id"].map(totals).astype(int)
        avg = programmes.set_index("candidate_id")["avg_unit_cost"]
        plan["avg_unit_cost"] = plan["candidate_id"].map(avg)
        plan["cost"] = plan["avg_unit_cost"] * plan["units"]
    plan = plan.reindex(
        columns=[
            "iso3",
            "category",
            "candidate_id",
            "platform",
            "producer_iso3",
            "units",
            "programme_units",
            "avg_unit_cost",
            "cost",
        ]
    )
    plan = plan.sort_values(["category", "iso3", "candidate_id"]).reset_index(drop=True)
    shares = _shares(plan, info)
    return plan, programmes, shares


def _finite(value: float) -> float:
    """Unknown capacity is infinite inside the model but shown as missing (NaN)."""
    return value if math.isfinite(value) else math.nan


def _shares(plan: pd.DataFrame, info: pd.DataFrame) -> pd.DataFrame:
    """Funding and work value per member at list unit cost (the juste-retour basis)."""
    members = sorted(plan["iso3"].unique()) if len(plan) else []
    funding = {m: 0.0 for m in members}
    work = {m: 0.0 for m in members}
    total = 0.0
    for r in plan.itertuples():
        value = float(info.at[r.candidate_id, "unit_cost"]) * r.units
        local = info.at[r.candidate_id, "local_production_pct"]
        local = 0.0 if pd.isna(local) else float(local) / 100.0
        total += value
        funding[r.iso3] += value
        work[r.iso3] += value * local
        producer = info.at[r.candidate_id, "producer_iso3"]
        if producer in work:
            work[producer] += value * (1.0 - local)
    out = pd.DataFrame(
        {
            "iso3": members,
            "funding_value": [funding[m] for m in members],
            "work_value": [work[m] for m in members],
        }
    )
    out["funding_share_pct"] = 100.0 * out["funding_value"] / total if total else 0.0
    out["work_share_pct"] = 100.0 * out["work_value"] / total if total else 0.0
    return out


def _infeasible(reason: str, drop: tuple[str, ...], seconds: float = 0.0) -> PlanResult:
    empty = pd.DataFrame()
    return PlanResult(
        "infeasible",
        math.nan,
        math.nan,
        math.nan,
        seconds,
        empty,
        empty,
        empty,
        explanation=reason,
        dropped=drop,
    )


def with_settings(problem: ProcurementProblem, **changes: object) -> ProcurementProblem:
    """A copy of ``problem`` with some settings changed (for sensitivity runs)."""
    return replace(problem, **changes)  # type: ignore[arg-type]
