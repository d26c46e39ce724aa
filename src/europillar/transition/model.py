"""The year-by-year transition model, vectorised across Monte Carlo draws.

State per draw and category: legacy stock (retiring), cumulative orders, an order
backlog waiting for production capacity, and deliveries. Europe orders towards its own
requirement (it plans to replace the US, whatever the US does), so the US schedule
changes coverage but never European orders. See docs/transition.md for the equations.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

# Drawdown kinds, coded as integers for vectorised use.
KIND_NONE, KIND_GRADUAL, KIND_ABRUPT, KIND_CONDITIONAL, KIND_SERIES = range(5)


@dataclass(frozen=True)
class CategoryData:
    """Per-category inputs at their central values; arrays have shape (C,)."""

    categories: tuple[str, ...]
    requirement: np.ndarray  # units required
    initial_stock: np.ndarray  # European inventory at the start, units
    readiness: np.ndarray  # fraction of stock available, 0..1
    us_units: np.ndarray  # US contribution at the start, units
    unit_cost: np.ndarray  # USD m (constant 2023) per unit; nan = no cost data, no orders
    lead_time: np.ndarray  # years from order to eligibility for delivery
    capacity: np.ndarray  # European production for the build-up, units/year; inf = uncapped
    fixed_share: np.ndarray  # allocation shares (sum 1) for the fixed-share policy
    # v2 (docs/transition.md). Defaults keep a model without them as before.
    firm_deliveries: np.ndarray | None = None  # (T, C) units from firm orders, by year
    capacity_base: np.ndarray | None = None  # (C,) base of the default capacity where inf
    loss: np.ndarray | None = None  # (T, C) share of stock lost in the year (war attrition)
    consumption: np.ndarray | None = None  # (T, C) units consumed in the year (munitions)


@dataclass(frozen=True)
class Drawdown:
    """US drawdown per category; arrays have shape (C,) (``series`` has (T, C))."""

    kind: np.ndarray  # int codes KIND_*
    start: np.ndarray  # gradual: first year of decline; abrupt: the year
    end: np.ndarray  # gradual: year the floor is reached
    floor: np.ndarray  # remaining fraction at the end (0 = full withdrawal)
    trigger_pct: np.ndarray  # conditional: European-only coverage that starts the decline
    over_years: np.ndarray  # conditional: years from trigger to floor
    series: np.ndarray  # (T, C) remaining fraction for KIND_SERIES columns


@dataclass(frozen=True)
class Budget:
    """European budgets: per member base-year GDP and share, and the path policy."""

    member_gdp: np.ndarray  # (M,) GDP in the start year, USD m constant 2023
    member_share: np.ndarray  # (M,) military spending share of GDP in the start year, fraction
    path: str  # "current" (share held), "target" (linear to target), "series"
    target_year: int
    series: np.ndarray | None  # (T,) total budget, USD m constant 2023, for path "series"
    # Share of the start-year budget that buys equipment for the modelled categories and
    # recapitalises their retirements (NATO equipment share x build-up share); 0 = none.
    recap_share: float = 0.0


@dataclass(frozen=True)
class Model:
    """Everything fixed across draws."""

    years: np.ndarray  # (T,) integer years, start first
    data: CategoryData
    drawdown: Drawdown
    budget: Budget
    policy: str  # "proportional_to_gap" or "fixed_shares"
    threshold_pct: float
    source_ids: tuple[str, ...] = ()  # sources of the figures behind the inputs


@dataclass(frozen=True)
class Draws:
    """Per-draw uncertain parameters, shape (D,) each; fractions, not percent."""

    gdp_growth: np.ndarray
    budget_target_share: np.ndarray
    equipment_share: np.ndarray
    build_up_share: np.ndarray
    unit_cost_scale: np.ndarray
    lead_time_scale: np.ndarray
    capacity_ramp: np.ndarray
    retirement: np.ndarray
    readiness_scale: np.ndarray
    drawdown_shift: np.ndarray  # years added to gradual/abrupt dates
    default_capacity: np.ndarray  # units/year per unit of capacity_base (uncited capacity)

    @property
    def size(self) -> int:
        return int(self.gdp_growth.shape[0])


@dataclass(frozen=True)
class Trajectories:
    """Outputs of one batch of draws; arrays have shape (D, T, C) unless noted."""

    coverage_pct: np.ndarray  # (European available + US remaining) / requirement x 100
    european_pct: np.ndarray  # European available / requirement x 100 (always kept)
    us_remaining: np.ndarray  # US units still provided
    stock: np.ndarray  # European stock, units
    deliveries: np.ndarray  # units delivered in the year
    orders_usd_m: np.ndarray  # money committed to new orders in the year
    budget_usd_m: np.ndarray  # (D, T) total military budget


def budget_paths(model: Model, draws: Draws) -> np.ndarray:
    """Total European military budget per draw and year, USD m constant 2023, (D, T)."""
    b = model.budget
    years = model.years
    k = (years - years[0]).astype(float)
    growth = (1.0 + draws.gdp_growth[:, None]) ** k[None, :]  # (D, T)
    if b.path == "series":
        assert b.series is not None
        return np.broadcast_to(b.series[None, :], growth.shape).astype(float).copy()
    if b.path == "current":
        return growth * float(np.sum(b.member_gdp * b.member_share))
    span = max(b.target_year - int(years[0]), 1)
    progress = np.clip(k / span, 0.0, 1.0)  # (T,)
    # Members below the target climb linearly to it; members at or above keep their share:
    #   B(t) = growth x [sum_above s_m g_m + sum_below s_m g_m + progress (target sum_below g_m
    #          - sum_below s_m g_m)].  Sorting members by share makes "below" a prefix.
    order = np.argsort(b.member_share, kind="stable")
    share, gdp = b.member_share[order], b.member_gdp[order]
    cum_gdp = np.concatenate([[0.0], np.cumsum(gdp)])
    cum_spend = np.concatenate([[0.0], np.cumsum(share * gdp)])
    below = np.searchsorted(share, draws.budget_target_share, side="left")  # (D,)
    spend_below, gdp_below = cum_spend[below], cum_gdp[below]
    base = cum_spend[-1]
    climb = draws.budget_target_share * gdp_below - spend_below  # (D,), >= 0
    return growth * (base + progress[None, :] * climb[:, None])


class Prepared(NamedTuple):
    """Per-draw constants of one batch, shared by the numpy loop and the compiled kernel.

    Built once per batch by :func:`prepare` (vectorised numpy, O(C x D)); both yearly loops
    (:func:`simulate` here and ``kernel.py``) start from these same arrays, so they only
    have to agree on the yearly step. Category-major: (C, D) unless noted.
    """

    years: np.ndarray  # (T,) float years
    budget: np.ndarray  # (D, T) total European military budget, USD m
    build_money: np.ndarray  # (T, D) USD m available for the build-up each year
    legacy0: np.ndarray  # (C,) European stock at the start
    retire: np.ndarray  # (D,) retirement rate (the share of legacy stock retired each year)
    capacity0: np.ndarray  # (C, D) production capacity in the start year (inf = uncapped)
    ramp: np.ndarray  # (D,) 1 + capacity ramp-up rate
    target_stock: np.ndarray  # (C, D) stock that meets the requirement at this readiness
    cost0: np.ndarray  # (C, D) unit cost, 0 where nothing can be ordered
    inv_cost: np.ndarray  # (C, D) 1 / unit cost, 0 where nothing can be ordered
    fixed_share: np.ndarray  # (C, D) allocation shares for the fixed-share policy
    lead: np.ndarray  # (C, D) int64 lead time in years, >= 1
    eu_factor: np.ndarray  # (C, D) stock -> coverage points
    us_factor: np.ndarray  # (C,) remaining US share -> coverage points
    kind: np.ndarray  # (C,) int64 drawdown kind KIND_*
    start: np.ndarray  # (C,) drawdown start (before the draw's shift)
    end: np.ndarray  # (C,)
    floor: np.ndarray  # (C,)
    trigger_pct: np.ndarray  # (C,)
    over_years: np.ndarray  # (C,) conditional: years from trigger to floor, >= 1
    series: np.ndarray  # (T, C) remaining US fraction for KIND_SERIES columns
    shift: np.ndarray  # (D,) years added to gradual/abrupt dates
    fixed: bool  # fixed-share policy (else proportional to the gap)
    threshold_pct: float
    recap_money: np.ndarray  # (D,) money a year that can replace retired units
    firm_cum: np.ndarray  # (T, C) firm-order deliveries received up to each year
    loss: np.ndarray  # (T, C) share of stock lost in the year
    consumption: np.ndarray  # (T, C) units consumed in the year


def prepare(model: Model, draws: Draws) -> Prepared:
    """Per-draw constants of the batch (see :class:`Prepared`)."""
    data = model.data
    col = (slice(None), None)  # per-category vector -> (C, 1)
    readiness = np.clip(data.readiness[col] * draws.readiness_scale[None, :], 1e-9, 1.0)
    cost = data.unit_cost[col] * draws.unit_cost_scale[None, :]  # (C, D)
    can_order = np.isfinite(cost) & (cost > 0)
    cost = np.where(can_order, cost, np.inf)
    cost0 = np.where(can_order, cost, 0.0)
    lead = np.maximum(1, np.rint(data.lead_time[col] * draws.lead_time_scale[None, :]))
    lead = np.where(np.isfinite(lead), lead, 1).astype(np.int64)
    budget = budget_paths(model, draws)  # (D, T)
    extra = np.maximum(budget - budget[:, :1], 0.0)  # money above the start year
    build_money = np.ascontiguousarray(
        (extra * (draws.equipment_share * draws.build_up_share)[:, None]).T
    )  # (T, D)
    dd = model.drawdown
    f64 = np.float64
    n_years, n_cat = model.years.shape[0], len(data.categories)
    zeros = np.zeros((n_years, n_cat))
    firm = zeros if data.firm_deliveries is None else data.firm_deliveries
    firm_cum = np.cumsum(firm, axis=0)
    base = np.zeros(n_cat) if data.capacity_base is None else data.capacity_base
    uncited = np.isinf(data.capacity) & (base > 0)
    capacity0 = np.where(
        uncited[col], base[col] * draws.default_capacity[None, :], data.capacity[col]
    ) * np.ones((1, draws.size))
    # Europe plans for the requirement counting firm orders as already ordered.
    target = data.requirement[col] / readiness - firm_cum[-1][col]
    return Prepared(
        years=model.years.astype(f64),
        budget=budget,
        build_money=build_money,
        legacy0=np.ascontiguousarray(data.initial_stock, dtype=f64),
        retire=np.ascontiguousarray(draws.retirement, dtype=f64),
        capacity0=np.ascontiguousarray(capacity0, dtype=f64),
        ramp=np.ascontiguousarray(1.0 + draws.capacity_ramp, dtype=f64),
        target_stock=np.where(can_order, target, 0.0),
        cost0=cost0,
        inv_cost=np.where(can_order, 1.0 / cost0.clip(min=1e-300), 0.0),
        fixed_share=np.where(can_order, data.fixed_share[col], 0.0),
        lead=lead,
        eu_factor=100.0 * readiness / data.requirement[col],
        us_factor=np.ascontiguousarray(100.0 * data.us_units / data.requirement, dtype=f64),
        kind=np.ascontiguousarray(dd.kind, dtype=np.int64),
        start=np.ascontiguousarray(dd.start, dtype=f64),
        end=np.ascontiguousarray(dd.end, dtype=f64),
        floor=np.ascontiguousarray(dd.floor, dtype=f64),
        trigger_pct=np.ascontiguousarray(dd.trigger_pct, dtype=f64),
        over_years=np.ascontiguousarray(np.maximum(dd.over_years, 1), dtype=f64),
        series=np.ascontiguousarray(dd.series, dtype=f64),
        shift=np.ascontiguousarray(draws.drawdown_shift, dtype=f64),
        fixed=model.policy == "fixed_shares",
        threshold_pct=float(model.threshold_pct),
        recap_money=np.ascontiguousarray(
            budget[:, 0] * model.budget.recap_share * draws.build_up_share, dtype=f64
        ),
        firm_cum=np.ascontiguousarray(firm_cum, dtype=f64),
        loss=np.ascontiguousarray(zeros if data.loss is None else data.loss, dtype=f64),
        consumption=np.ascontiguousarray(
            zeros if data.consumption is None else data.consumption, dtype=f64
        ),
    )


def us_schedule(p: Prepared) -> np.ndarray:
    """Remaining US fraction, time-major (T, C, D), for the non-conditional kinds.

    Conditional categories are 1 here (the loop decides them). When every draw has the
    same drawdown shift the draw axis has length 1 and broadcasts.
    """
    shifts = p.shift
    shift = shifts[:1] if np.all(shifts == shifts[0]) else shifts
    years = p.years[:, None, None]  # (T, 1, 1)
    start = p.start[None, :, None] + shift[None, None, :]
    end = p.end[None, :, None] + shift[None, None, :]
    floor = p.floor[None, :, None]
    span = np.maximum(end - start, 1e-9)
    gradual = 1.0 - (1.0 - floor) * np.clip((years - start) / span, 0.0, 1.0)
    abrupt = np.where(years >= start, floor, 1.0)
    kind = p.kind[None, :, None]
    out = np.ones((years.shape[0], kind.shape[1], shift.shape[0]))
    out = np.where(kind == KIND_GRADUAL, gradual, out)
    out = np.where(kind == KIND_ABRUPT, abrupt, out)
    return np.where(kind == KIND_SERIES, p.series[:, :, None], out)


def simulate(model: Model, draws: Draws, detail: bool = True) -> Trajectories:
    """Run the model for a batch of draws. Pure: no randomness inside, element-wise per draw.

    Internally arrays are category-major (C, D) so that every operation runs over
    contiguous draws and the sum over categories adds whole rows, in the same order
    whatever the number of draws. With ``detail=False`` only coverage is kept (the
    Monte Carlo needs nothing else). ``kernel.py`` runs the same yearly step compiled;
    a test holds the two bit-identical.
    """
    p = prepare(model, draws)
    years = model.years
    n_draws, n_years, n_cat = draws.size, years.shape[0], len(model.data.categories)
    col = (slice(None), None)
    us_frac = us_schedule(p)  # (T, C, D or 1)
    conditional = (p.kind == KIND_CONDITIONAL)[col]
    any_conditional = bool(conditional.any())
    trigger_year = np.full((n_cat, n_draws), np.inf)
    lead = p.lead

    # Orders placed in year t with lead L arrive in slot t + L (time-major, flat).
    pad = n_years + int(lead.max()) + 1
    cells = n_draws * n_cat
    arrivals = np.zeros(pad * cells)
    slot = (lead * cells + np.arange(cells).reshape(n_cat, n_draws)).reshape(-1)

    shape = (n_cat, n_draws)
    cum_orders, delivered_total, backlog = np.zeros(shape), np.zeros(shape), np.zeros(shape)
    lost = np.zeros(shape)
    coverage = np.empty((n_years, n_cat, n_draws))
    european = np.empty((n_years, n_cat, n_draws))
    names = ("us", "stock", "deliveries", "orders")
    kept = {name: np.empty((n_years, n_cat, n_draws)) for name in names} if detail else {}

    legacy = np.array(np.broadcast_to(p.legacy0[col], shape), dtype=float)
    capacity = np.array(p.capacity0, dtype=float)
    retire, ramp = p.retire[None, :], p.ramp[None, :]
    target_stock, cost0, inv_cost, eu_factor = p.target_stock, p.cost0, p.inv_cost, p.eu_factor
    us_factor = p.us_factor[col]
    build_money = p.build_money
    at_war = bool(np.any(p.loss) or np.any(p.consumption))
    # Work buffers, reused every year (the loop is memory-bound: avoid temporaries).
    money, orders = np.empty(shape), np.empty(shape)
    retired, recap, lose = np.zeros(shape), np.zeros(shape), np.empty(shape)
    delivered, stock = np.empty(shape), np.empty(shape)
    total_need, scale = np.empty(n_draws), np.empty(n_draws)
    for t in range(n_years):
        if t:
            np.multiply(legacy, retire, out=retired)
            legacy -= retired
            capacity *= ramp
            # Recapitalisation: the start-year equipment budget re-orders retired units.
            np.multiply(retired, cost0, out=money)
            money.sum(axis=0, out=total_need)
            np.maximum(total_need, 1e-300, out=scale)
            np.divide(p.recap_money, scale, out=scale)
            np.minimum(scale, 1.0, out=scale)
            money *= scale
            np.multiply(money, inv_cost, out=recap)
        # Orders: towards the stock that meets the requirement, counting what is on order
        # (retirements re-ordered above, firm orders) and replacing war losses.
        cum_orders += recap
        if p.fixed:
            np.multiply(build_money[t][None, :], p.fixed_share, out=money)
        else:
            np.subtract(target_stock, legacy, out=money)
            money -= cum_orders
            money += lost
            np.maximum(money, 0.0, out=money)
            money *= cost0  # money needed per category
            money.sum(axis=0, out=total_need)  # adds rows in category order
            np.maximum(total_need, 1e-300, out=scale)
            np.divide(build_money[t], scale, out=scale)
            np.minimum(scale, 1.0, out=scale)
            money *= scale  # where nothing is needed, money stays 0 whatever the scale
        np.multiply(money, inv_cost, out=orders)
        cum_orders += orders
        orders += recap
        arrivals[slot + t * cells] += orders.reshape(-1)

        # Deliveries: eligible backlog, capped by production capacity that ramps up.
        backlog += arrivals[t * cells : (t + 1) * cells].reshape(shape)
        np.minimum(backlog, capacity, out=delivered)
        backlog -= delivered
        delivered_total += delivered

        np.add(legacy, delivered_total, out=stock)
        stock += p.firm_cum[t][col]
        stock -= lost
        if at_war:  # attrition (a share of the stock) and consumption (units), this year
            np.multiply(stock, p.loss[t][col], out=lose)
            lose += p.consumption[t][col]
            np.minimum(lose, stock, out=lose)
            lost += lose
            stock -= lose
        np.maximum(stock, 0.0, out=stock)
        eu_pct = european[t]
        np.multiply(eu_factor, stock, out=eu_pct)

        frac = us_frac[t]
        if any_conditional:
            fired = conditional & (eu_pct >= p.trigger_pct[col])
            trigger_year = np.where(fired & np.isinf(trigger_year), p.years[t], trigger_year)
            progress = np.clip((p.years[t] - trigger_year) / p.over_years[col], 0, 1)
            progress = np.where(np.isinf(trigger_year), 0.0, progress)
            frac = np.where(conditional, 1.0 - (1.0 - p.floor[col]) * progress, frac)
        np.add(eu_pct, us_factor * frac, out=coverage[t])
        if detail:
            kept["us"][t] = model.data.us_units[col] * frac
            kept["stock"][t] = stock
            kept["deliveries"][t] = delivered
            kept["orders"][t] = money

    def draw_major(a: np.ndarray | None) -> np.ndarray:
        return None if a is None else a.transpose(2, 0, 1)  # type: ignore[return-value]

    return Trajectories(
        draw_major(coverage),
        draw_major(european),
        draw_major(kept.get("us")),
        draw_major(kept.get("stock")),
        draw_major(kept.get("deliveries")),
        draw_major(kept.get("orders")),
        p.budget,
    )
