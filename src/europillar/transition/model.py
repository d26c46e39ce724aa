"""The year-by-year transition model, vectorised across Monte Carlo draws.

State per draw and category: legacy stock (retiring), cumulative orders, an order
backlog waiting for production capacity, and deliveries. Europe orders towards its own
requirement (it plans to replace the US, whatever the US does), so the US schedule
changes coverage but never European orders. See docs/transition.md for the equations.
"""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True)
class Model:
    """Everything fixed across draws."""

    years: np.ndarray  # (T,) integer years, start first
    data: CategoryData
    drawdown: Drawdown
    budget: Budget
    policy: str  # "proportional_to_gap" or "fixed_shares"
    threshold_pct: float


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

    @property
    def size(self) -> int:
        return int(self.gdp_growth.shape[0])


@dataclass(frozen=True)
class Trajectories:
    """Outputs of one batch of draws; arrays have shape (D, T, C) unless noted."""

    coverage_pct: np.ndarray  # (European available + US remaining) / requirement x 100
    european_pct: np.ndarray  # European available / requirement x 100
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
    target = draws.budget_target_share[:, None, None]  # (D, 1, 1)
    s0 = b.member_share[None, :, None]  # (1, M, 1)
    # Members below the target climb linearly; members above it keep their share.
    share = np.maximum(s0, s0 + (target - s0) * progress[None, None, :])  # (D, M, T)
    gdp = b.member_gdp[None, :, None]
    return growth * np.sum(share * gdp, axis=1)


def us_schedule(model: Model, draws: Draws) -> np.ndarray:
    """Remaining US fraction (D, T, C) for the non-conditional kinds (conditional = 1)."""
    dd = model.drawdown
    years = model.years.astype(float)[None, :, None]  # (1, T, 1)
    shift = draws.drawdown_shift[:, None, None]
    start = dd.start[None, None, :] + shift
    end = dd.end[None, None, :] + shift
    floor = dd.floor[None, None, :]
    span = np.maximum(end - start, 1e-9)
    gradual = 1.0 - (1.0 - floor) * np.clip((years - start) / span, 0.0, 1.0)
    abrupt = np.where(years >= start, floor, 1.0)
    kind = dd.kind[None, None, :]
    out = np.ones((draws.size, years.shape[1], dd.kind.shape[0]))
    out = np.where(kind == KIND_GRADUAL, gradual, out)
    out = np.where(kind == KIND_ABRUPT, abrupt, out)
    out = np.where(kind == KIND_SERIES, dd.series[None, :, :], out)
    return out


def simulate(model: Model, draws: Draws) -> Trajectories:
    """Run the model for a batch of draws. Pure: no randomness inside, element-wise per draw."""
    data = model.data
    years = model.years
    n_draws, n_years, n_cat = draws.size, years.shape[0], len(data.categories)

    readiness = np.clip(data.readiness[None, :] * draws.readiness_scale[:, None], 1e-9, 1.0)
    cost = data.unit_cost[None, :] * draws.unit_cost_scale[:, None]  # (D, C)
    can_order = np.isfinite(cost) & (cost > 0)
    cost = np.where(can_order, cost, np.inf)
    lead = np.maximum(1, np.rint(data.lead_time[None, :] * draws.lead_time_scale[:, None]))
    lead = np.where(np.isfinite(lead), lead, 1).astype(np.int64)
    target_stock = data.requirement[None, :] / readiness  # stock that meets the requirement

    budget = budget_paths(model, draws)  # (D, T)
    extra = np.maximum(budget - budget[:, :1], 0.0)  # money above the start year
    build_money = extra * draws.equipment_share[:, None] * draws.build_up_share[:, None]

    us_frac = us_schedule(model, draws)
    dd = model.drawdown
    conditional = dd.kind == KIND_CONDITIONAL
    trigger_year = np.full((n_draws, n_cat), np.inf)

    pad = n_years + int(lead.max()) + 1
    arrivals = np.zeros((n_draws, n_cat, pad))
    arrivals_flat = arrivals.reshape(-1)
    base_index = (np.arange(n_draws)[:, None] * n_cat + np.arange(n_cat)[None, :]) * pad

    cum_orders = np.zeros((n_draws, n_cat))
    cum_deliveries = np.zeros((n_draws, n_cat))
    backlog = np.zeros((n_draws, n_cat))

    shape3 = (n_draws, n_years, n_cat)
    coverage = np.empty(shape3)
    european = np.empty(shape3)
    us_left = np.empty(shape3)
    stock_out = np.empty(shape3)
    deliveries_out = np.empty(shape3)
    orders_out = np.empty(shape3)

    for t in range(n_years):
        retire = (1.0 - draws.retirement[:, None]) ** t
        legacy = data.initial_stock[None, :] * retire
        # Orders: towards the stock that meets the requirement, counting what is on order.
        position = legacy + cum_orders
        need_units = np.where(can_order, np.maximum(target_stock - position, 0.0), 0.0)
        if model.policy == "fixed_shares":
            money = build_money[:, t : t + 1] * data.fixed_share[None, :]
            money = np.where(can_order, money, 0.0)
        else:
            need_money = np.where(can_order, need_units * np.where(can_order, cost, 0.0), 0.0)
            total_need = need_money.sum(axis=1, keepdims=True)
            scale = np.minimum(1.0, build_money[:, t : t + 1] / np.where(total_need > 0, total_need, 1.0))
            money = need_money * np.where(total_need > 0, scale, 0.0)
        orders = money / cost
        cum_orders += orders
        arrivals_flat[(base_index + t + lead).reshape(-1)] += orders.reshape(-1)

        # Deliveries: eligible backlog, capped by production capacity that ramps up.
        backlog += arrivals[:, :, t]
        capacity = data.capacity[None, :] * (1.0 + draws.capacity_ramp[:, None]) ** t
        delivered = np.minimum(backlog, capacity)
        backlog -= delivered
        cum_deliveries += delivered

        stock = legacy + cum_deliveries
        eu_pct = 100.0 * readiness * stock / data.requirement[None, :]

        frac = us_frac[:, t, :]
        if conditional.any():
            fired = conditional[None, :] & (eu_pct >= dd.trigger_pct[None, :])
            trigger_year = np.where(fired & np.isinf(trigger_year), years[t], trigger_year)
            progress = np.clip((years[t] - trigger_year) / np.maximum(dd.over_years, 1)[None, :], 0, 1)
            progress = np.where(np.isinf(trigger_year), 0.0, progress)
            cond_frac = 1.0 - (1.0 - dd.floor[None, :]) * progress
            frac = np.where(conditional[None, :], cond_frac, frac)
        us_units = data.us_units[None, :] * frac

        coverage[:, t, :] = eu_pct + 100.0 * us_units / data.requirement[None, :]
        european[:, t, :] = eu_pct
        us_left[:, t, :] = us_units
        stock_out[:, t, :] = stock
        deliveries_out[:, t, :] = delivered
        orders_out[:, t, :] = money

    return Trajectories(coverage, european, us_left, stock_out, deliveries_out, orders_out, budget)
