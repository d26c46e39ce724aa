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
  categories' cost/surplus frontiers, pruned by a greedy feasible plan's cost against an
  LP bound on what the remaining categories must cost. With at most two types per category (``k_max <= 2``) that is exact. With more,
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


PAIRS_PER_STEP = 4_000_000  # partial combinations formed at once while merging
MAX_FRONTIER = 2_000_000  # merged frontier size before handing over to the MIP


class _Bound:
    """LP lower bound on the cost of a set of categories reaching a total surplus: each
    category's cheapest plan, then the lower convex hulls of their plans, increments
    bought in increasing cost per unit of surplus (a relaxation: never above the truth)."""

    def __init__(self, plans: list[list[CategoryPlan]]) -> None:
        self.cost, self.surplus = 0.0, 0.0
        steps: list[tuple[float, float]] = []
        for opts in plans:
            base = min(opts, key=lambda o: (o.cost, -o.surplus))
            self.cost += base.cost
            self.surplus += base.surplus
            hull: list[tuple[float, float]] = [(base.surplus, base.cost)]
            for o in sorted((o for o in opts if o.surplus > base.surplus), key=lambda o: o.surplus):
                while len(hull) >= 2:
                    (x1, y1), (x2, y2) = hull[-2], hull[-1]
                    if (y2 - y1) * (o.surplus - x1) >= (o.cost - y1) * (x2 - x1):
                        hull.pop()  # the middle point is not below the chord
                    else:
                        break
                hull.append((o.surplus, o.cost))
            steps += [(x2 - x1, y2 - y1) for (x1, y1), (x2, y2) in itertools.pairwise(hull)]
        steps.sort(key=lambda st: st[1] / st[0])
        self.cum_s = np.r_[0.0, np.cumsum([st[0] for st in steps])]
        self.cum_c = np.r_[0.0, np.cumsum([st[1] for st in steps])]

    def rounded_up(self) -> float:
        """Cost of a feasible choice: the LP solution with its last increment taken whole.

        Within a category the increments follow its hull in order, so any prefix of the
        sorted increments puts every category on one of its own plans."""
        need = max(-self.surplus, 0.0)
        k = int(np.searchsorted(self.cum_s, need * (1 - 1e-12), side="left"))
        return self.cost + float(self.cum_c[k]) if k < len(self.cum_c) else math.inf

    def least_cost(self, surplus_so_far: np.ndarray) -> np.ndarray:
        """Least cost of these categories so that ``surplus_so_far`` + theirs >= 0."""
        need = np.maximum(-(surplus_so_far + self.surplus), 0.0)
        extra = np.interp(need, self.cum_s, self.cum_c)
        reach = need <= self.cum_s[-1] * (1 + 1e-12) + 1e-9
        return np.where(reach, self.cost + extra, np.inf)


def _best_plan(options: dict[str, list[CategoryPlan]], upper: float) -> list[CategoryPlan] | None:
    """Least total cost, one plan per category, total surplus >= 0: exact, by merging the
    categories' (cost, surplus) frontiers one at a time. A partial combination is dropped
    when it is dominated, or when its cost plus an LP lower bound on what the categories
    still to come must cost to bring the surplus to zero exceeds ``upper`` (the cost of a
    known feasible choice). None when the frontier grows past ``MAX_FRONTIER``."""
    cut = upper * (1 + 1e-12) + 1e-9
    pruned = {}
    for c in options:  # each category's plans against a bound for all the others
        bound = _Bound([o for k, o in options.items() if k != c])
        cost = np.array([o.cost for o in options[c]])
        keep = cost + bound.least_cost(np.array([o.surplus for o in options[c]])) <= cut
        pruned[c] = [o for o, k in zip(options[c], keep, strict=True) if k]
        if not pruned[c]:
            return None
    cats = sorted(pruned, key=lambda c: len(pruned[c]))
    bounds = [_Bound([pruned[k] for k in cats[level + 1 :]]) for level in range(len(cats))]
    m_cost, m_surplus = np.zeros(1), np.zeros(1)
    links: list[tuple[np.ndarray, np.ndarray]] = []  # per level: (previous index, option)
    for level, c in enumerate(cats):
        cost = np.array([o.cost for o in pruned[c]])
        surplus = np.array([o.surplus for o in pruned[c]])
        rows = max(1, PAIRS_PER_STEP // len(cost))
        kept_pairs, kept_cost, kept_surplus = [], [], []
        for r0 in range(0, len(m_cost), rows):
            pair_cost = (m_cost[r0 : r0 + rows, None] + cost[None, :]).ravel()
            pair_surplus = (m_surplus[r0 : r0 + rows, None] + surplus[None, :]).ravel()
            ok = np.flatnonzero(pair_cost + bounds[level].least_cost(pair_surplus) <= cut)
            kept_pairs.append(ok + r0 * len(cost))
            kept_cost.append(pair_cost[ok])
            kept_surplus.append(pair_surplus[ok])
        pairs, p_cost, p_surplus = map(np.concatenate, (kept_pairs, kept_cost, kept_surplus))
        if not pairs.size or pairs.size > MAX_FRONTIER:
            return None
        order = np.lexsort((-p_surplus, p_cost))
        best = np.maximum.accumulate(p_surplus[order])
        keep = order[np.r_[True, best[1:] > best[:-1]]]  # strictly more surplus than cheaper
        links.append(np.divmod(pairs[keep], len(cost)))
        m_cost, m_surplus = p_cost[keep], p_surplus[keep]
    feasible = np.flatnonzero(m_surplus >= 0)
    if not feasible.size:
        return None
    k = int(feasible[np.argmin(m_cost[feasible])])
    chosen: dict[str, CategoryPlan] = {}
    for level in reversed(range(len(cats))):
        prev, option = links[level]
        chosen[cats[level]] = pruned[cats[level]][int(option[k])]
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
    upper = min(_greedy_feasible(options) or math.inf, _Bound(list(options.values())).rounded_up())
    plans = _best_plan(options, upper) if math.isfinite(upper) else None
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
