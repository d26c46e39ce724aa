"""The joint plan by category, exactly, when no rule ties members to particular units.

Without juste retour the cost depends only on each programme's total (every member split of
integer totals that meet the demand is feasible), and the categories share nothing but the
buy-European rule. For one category the piecewise-linear learning cost is concave, so its
minimum over ``{sum of units = demand, 0 <= units <= capacity, at most K types}`` sits at a
vertex: every chosen type at capacity except at most one (``_vertex_options`` lists them,
2^J x J at most for J candidates). Hence:

* no buy-European rule, or one the cheapest plan already meets: the cheapest vertex per
  category is optimal (gap 0);
* a binding buy-European rule: every plan of a category that can matter is listed (all
  plans of one or two types, every integer split; dominated plans dropped) and one plan per
  category is chosen exactly (least cost, total European surplus >= 0) by merging the
  categories' cost/surplus frontiers, pruned by a greedy feasible plan's cost. With at most two types per category (``k_max <= 2``) that is exact. With more,
  plans of three or more types are vertices only, so the result is checked against a
  Lagrangian lower bound ``max over lam of sum_c min (cost - lam x surplus)`` (valid while
  every weight ``1 - lam (content - share)`` is >= 0, where each category's minimum is a
  vertex). The result is returned when the proven gap meets the problem's ``mip_rel_gap``;
  otherwise ``None`` and the caller solves the full MIP.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from europillar.procurement.learning import piecewise
from europillar.procurement.problem import ProcurementProblem, deliverable_units

MAX_OPTIONS = 200_000  # vertex options per category before handing over to the MIP


@dataclass(frozen=True)
class Line:
    """One candidate in one category: capacity, learning cost at integer units, content."""

    candidate_id: str
    upper: int
    cost: np.ndarray  # (upper + 1,) piecewise-linear cost at 0..upper units
    surplus: np.ndarray  # (upper + 1,) (European content - required share) x cost


@dataclass(frozen=True)
class CategoryPlan:
    units: dict[str, int]
    cost: float
    surplus: float


def lines_by_category(
    problem: ProcurementProblem,
    cands: pd.DataFrame,
    demand: dict[str, int],
    drop: tuple[str, ...],
    share: float,
) -> dict[str, list[Line]]:
    out: dict[str, list[Line]] = {c: [] for c in demand}
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
        cost = np.zeros(upper + 1)
        filled = 0
        for length, slope in zip(lengths.astype(int), slopes, strict=True):
            cost[filled + 1 : filled + length + 1] = cost[filled] + slope * np.arange(1, length + 1)
            filled += length
        content = 0.0 if pd.isna(c.european_content_pct) else float(c.european_content_pct) / 100
        out[c.category].append(Line(c.candidate_id, upper, cost, (content - share) * cost))
    return out


def _category_plans(
    lines: list[Line], need: int, k_max: int
) -> tuple[list[CategoryPlan], bool] | None:
    """Plans of one category on its cost/surplus frontier, and whether they are all plans.

    Every plan with one or two types is listed (all integer splits of a pair); with
    ``k_max`` above 2 the vertex plans with more types are added (types at capacity plus
    at most one partial), which hold the least-cost plan but not every plan. Plans that
    cost more for no more European surplus than another are dropped.
    """
    costs: list[np.ndarray] = []
    surpluses: list[np.ndarray] = []
    keys: list[tuple[int, int, np.ndarray]] = []  # (line a, line b or -1, units of a)
    n = len(lines)
    for a in range(n):
        if lines[a].upper >= need and k_max >= 1:
            costs.append(lines[a].cost[need : need + 1])
            surpluses.append(lines[a].surplus[need : need + 1])
            keys.append((a, -1, np.array([need])))
    if k_max >= 2:
        for a, b in itertools.combinations(range(n), 2):
            la, lb = lines[a], lines[b]
            ua = np.arange(max(1, need - lb.upper), min(la.upper, need - 1) + 1)
            if ua.size:
                costs.append(la.cost[ua] + lb.cost[need - ua])
                surpluses.append(la.surplus[ua] + lb.surplus[need - ua])
                keys.append((a, b, ua))
    extra: list[CategoryPlan] = []
    if k_max > 2 and n > 2:
        for size in range(2, min(k_max, n) + 1):
            for full in itertools.combinations(range(n), size):
                taken = sum(lines[j].upper for j in full)
                rest = need - taken
                partial = [p for p in range(n) if p not in full and 0 < rest < lines[p].upper]
                tails = ([None] if rest == 0 and size > 2 else []) + (
                    partial if size < k_max else []
                )
                for p in tails:
                    units = {lines[j].candidate_id: lines[j].upper for j in full}
                    if p is not None:
                        units[lines[p].candidate_id] = rest
                    extra.append(_plan(units, lines))
                if len(extra) > MAX_OPTIONS:
                    return None
    for plan in extra:
        costs.append(np.array([plan.cost]))
        surpluses.append(np.array([plan.surplus]))
    if not costs:
        return None
    cost, surplus = np.concatenate(costs), np.concatenate(surpluses)
    order = np.lexsort((-surplus, cost))
    best = np.maximum.accumulate(surplus[order])
    keep = order[np.r_[True, best[1:] > best[:-1]]]  # strictly more surplus than any cheaper
    starts = np.cumsum([0] + [len(c) for c in costs])
    plans = []
    for i in np.sort(keep):
        block = int(np.searchsorted(starts, i, side="right") - 1)
        if block < len(keys):
            a, b, ua = keys[block]
            u = int(ua[i - starts[block]])
            units = {lines[a].candidate_id: u}
            if b >= 0:
                units[lines[b].candidate_id] = need - u
            plans.append(CategoryPlan(units, float(cost[i]), float(surplus[i])))
        else:
            plans.append(extra[block - len(keys)])
    return plans, k_max <= 2 or n <= 2


def _plan(units: dict[str, int], lines: list[Line]) -> CategoryPlan:
    by_id = {line.candidate_id: line for line in lines}
    return CategoryPlan(
        units,
        sum(float(by_id[c].cost[u]) for c, u in units.items()),
        sum(float(by_id[c].surplus[u]) for c, u in units.items()),
    )


def _pick(options: list[CategoryPlan], lam: float) -> CategoryPlan:
    """Least cost - lam x surplus (ties: the plan listed first, deterministic)."""
    return min(options, key=lambda o: o.cost - lam * o.surplus)


def _greedy_feasible(options: dict[str, list[CategoryPlan]]) -> float | None:
    """Cost of a feasible choice: raise surplus where it is cheapest, whole plans at a time."""
    chosen = {c: min(o, key=lambda p: (p.cost, -p.surplus)) for c, o in options.items()}
    while sum(p.surplus for p in chosen.values()) < 0:
        best = None
        for c, opts in options.items():
            for o in opts:
                gain = o.surplus - chosen[c].surplus
                if gain > 0:
                    rate = (o.cost - chosen[c].cost) / gain
                    if best is None or rate < best[0]:
                        best = (rate, c, o)
        if best is None:
            return None
        chosen[best[1]] = best[2]
    return sum(p.cost for p in chosen.values())


def _best_plan(options: dict[str, list[CategoryPlan]], upper: float) -> list[CategoryPlan] | None:
    """Least total cost, one plan per category, total surplus >= 0: exact, by merging the
    categories' (cost, surplus) frontiers one at a time. A partial combination is dropped
    when it is dominated, or when even the cheapest plans of the categories still to come
    would take it above ``upper`` (the cost of a known feasible choice), or when even their
    largest surpluses could not bring it to zero."""
    cats = sorted(options, key=lambda c: len(options[c]))
    cost = {c: np.array([o.cost for o in options[c]]) for c in cats}
    surplus = {c: np.array([o.surplus for o in options[c]]) for c in cats}
    later_cost = np.r_[np.cumsum([cost[c].min() for c in cats][::-1])[::-1][1:], 0.0]
    later_gain = np.r_[np.cumsum([surplus[c].max() for c in cats][::-1])[::-1][1:], 0.0]
    cut = upper * (1 + 1e-12) + 1e-9
    m_cost, m_surplus = np.zeros(1), np.zeros(1)
    links: list[tuple[np.ndarray, np.ndarray]] = []  # per level: (previous index, option)
    for level, c in enumerate(cats):
        pair_cost = (m_cost[:, None] + cost[c][None, :]).ravel()
        pair_surplus = (m_surplus[:, None] + surplus[c][None, :]).ravel()
        ok = (pair_cost + later_cost[level] <= cut) & (pair_surplus + later_gain[level] >= 0)
        idx = np.flatnonzero(ok)
        if not idx.size:
            return None
        order = idx[np.lexsort((-pair_surplus[idx], pair_cost[idx]))]
        best = np.maximum.accumulate(pair_surplus[order])
        keep = order[np.r_[True, best[1:] > best[:-1]]]
        links.append(np.divmod(keep, len(cost[c])))
        m_cost, m_surplus = pair_cost[keep], pair_surplus[keep]
    feasible = np.flatnonzero(m_surplus >= 0)
    if not feasible.size:
        return None
    k = int(feasible[np.argmin(m_cost[feasible])])
    chosen: dict[str, CategoryPlan] = {}
    for level in reversed(range(len(cats))):
        prev, option = links[level]
        chosen[cats[level]] = options[cats[level]][int(option[k])]
        k = int(prev[k])
    return [chosen[c] for c in sorted(options)]


def solve_by_category(
    problem: ProcurementProblem,
    cands: pd.DataFrame,
    demand: dict[str, int],
    drop: tuple[str, ...],
) -> tuple[dict[str, int], float, float] | None:
    """(units per candidate, objective, proven relative gap) or None (use the full MIP)."""
    rule = problem.buy_european_pct is not None and "buy_european" not in drop
    share = float(problem.buy_european_pct) / 100 if rule else 0.0  # type: ignore[arg-type]
    lines = lines_by_category(problem, cands, demand, drop, share)
    k_max = problem.k_max if problem.k_max is not None and "k_max" not in drop else 10**9
    options: dict[str, list[CategoryPlan]] = {}
    complete = True
    for cat in sorted(demand):
        if demand[cat] == 0:
            options[cat] = [CategoryPlan({}, 0.0, 0.0)]
            continue
        found = _category_plans(lines[cat], demand[cat], k_max)
        if found is None:
            return None  # infeasible or too many plans: the MIP explains or solves it
        options[cat], all_listed = found
        complete &= all_listed
    chosen = {cat: _pick(opts, 0.0) for cat, opts in options.items()}
    if not rule or sum(p.surplus for p in chosen.values()) >= 0:
        return _units(chosen), sum(p.cost for p in chosen.values()), 0.0
    upper = _greedy_feasible(options)
    plans = _best_plan(options, upper) if upper is not None else None
    if plans is None:
        return None
    objective, gap = sum(p.cost for p in plans), 0.0
    if not complete:  # not every plan was listed: prove the gap with a Lagrangian bound
        gap = max(gap, (objective - _lagrangian_bound(options, lines)) / max(objective, 1e-12))
    if gap > problem.mip_rel_gap:
        return None
    return _units(dict(zip(sorted(options), plans, strict=True))), objective, gap


def _lagrangian_bound(
    options: dict[str, list[CategoryPlan]], lines: dict[str, list[Line]]
) -> float:
    """max over lam of sum_c min (cost - lam x surplus), with every weight
    1 - lam (content - share) >= 0 so that each category's minimum is at a listed vertex."""
    ratios = [float(line.surplus[-1] / line.cost[-1]) for ls in lines.values() for line in ls]
    top = max([r for r in ratios if r > 0], default=0.0)
    if top <= 0:
        return -math.inf
    lo, hi, bound = 0.0, 1.0 / top, -math.inf
    for _ in range(60):
        lam = 0.5 * (lo + hi)
        picks = [_pick(opts, lam) for opts in options.values()]
        bound = max(bound, sum(p.cost - lam * p.surplus for p in picks))
        if sum(p.surplus for p in picks) >= 0:
            hi = lam
        else:
            lo = lam
    return bound


def _units(chosen: dict[str, CategoryPlan]) -> dict[str, int]:
    return {cid: n for plan in chosen.values() for cid, n in plan.units.items() if n > 0}


def fill_members(
    totals: dict[str, int], wanted: dict[tuple[str, str], int], category_of: dict[str, str]
) -> list[dict]:
    """Split programme totals among members, category by category (exact, deterministic).

    The largest programme fills the largest orders first (north-west corner on sorted
    lists), so most members buy one type and each extra type splits at most one member.
    """
    rows: list[dict] = []
    for category in sorted({cat for _, cat in wanted}):
        left = sorted(
            ((n, cid) for cid, n in totals.items() if n > 0 and category_of[cid] == category),
            key=lambda p: (-p[0], p[1]),
        )
        orders = sorted(
            ((n, m) for (m, cat), n in wanted.items() if cat == category and n > 0),
            key=lambda p: (-p[0], p[1]),
        )
        stock = [n for n, _ in left]
        k = 0
        for need, member in orders:
            while need > 0:
                take = min(need, stock[k])
                rows.append({"iso3": member, "candidate_id": left[k][1], "units": take})
                need -= take
                stock[k] -= take
                if stock[k] == 0:
                    k += 1
    return rows
