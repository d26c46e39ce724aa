"""The transition model against hand calculations and its stated properties."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from europillar.scenario.distributions import Normal, Triangular, Uniform
from europillar.transition.engine import simulate_tables
from europillar.transition.montecarlo import BLOCK, execute, quantile_from_histogram
from europillar.transition.results import central_run


def test_three_year_one_category_by_hand(make_one, make_params) -> None:
    # Budget series 100, 200, 200 -> extra 0, 100, 100; equipment share 50% -> 0, 50, 50.
    # 2025: stock 50 + US 40 -> 90%.  No extra money, no orders.
    # 2026: US gone (gradual 2025->2026). Need 100 - 50 = 50 units = 250 USD m > 50 -> order
    #       50 USD m = 10 units, eligible in 2027.  Coverage 50%.
    # 2027: capacity 4/yr delivers 4 -> stock 54 -> 54%. Need 100 - (50 + 10) = 40 units =
    #       200 USD m > 50 -> order 50 USD m again.
    run = central_run(make_one(3), make_params())
    assert run.coverage_pct[0, :, 0] == pytest.approx([90.0, 50.0, 54.0])
    assert run.orders_usd_m[0, :, 0] == pytest.approx([0.0, 50.0, 50.0])
    assert run.deliveries[0, :, 0] == pytest.approx([0.0, 0.0, 4.0])
    assert run.us_remaining[0, :, 0] == pytest.approx([40.0, 0.0, 0.0])


def test_retirement_and_capacity_ramp_by_hand(make_one, make_params) -> None:
    # 10% retirement: legacy 50, 45, 40.5.  Capacity 4 x 1.5^(t - 2025) = 9 in 2027,
    # and 10 units are on order, so 9 are delivered: stock 40.5 + 9 = 49.5.
    run = central_run(make_one(3), make_params(retirement=0.1, capacity_ramp=0.5))
    assert run.coverage_pct[0, :, 0] == pytest.approx([90.0, 45.0, 49.5])


def test_zero_variance_gives_p10_equal_p50_equal_p90_equal_central(make_three, make_params) -> None:
    model = make_three()
    params = make_params(gdp_growth=Normal(dist="normal", mean=0.012, std=0.0))
    tables = simulate_tables(model, params, draws=300, seed=1)
    central = tables["central"]["coverage_pct"].to_numpy()
    for q in ("p10", "p50", "p90", "mean"):
        assert np.array_equal(tables["fan"][q].to_numpy(), central) or q == "mean"
    assert tables["fan"]["mean"].to_numpy() == pytest.approx(central, rel=1e-12)


def test_chunked_and_single_process_runs_are_bit_identical(make_three, make_params) -> None:
    model = make_three()
    params = make_params(
        gdp_growth=Normal(dist="normal", mean=0.012, std=0.006),
        capacity_ramp=Triangular(dist="triangular", min=0.0, mode=0.1, max=0.25),
        unit_cost_scale=Uniform(dist="uniform", min=0.8, max=1.4),
    )
    n = 3 * BLOCK + 77  # a partial last block
    whole = execute(model, params, n, seed=7, chunk_draws=10 * BLOCK)
    pieces = execute(model, params, n, seed=7, chunk_draws=BLOCK)
    for field in dataclasses.fields(whole):
        a, b = getattr(whole, field.name), getattr(pieces, field.name)
        assert np.array_equal(a, b), field.name
    other_seed = execute(model, params, n, seed=8)
    assert not np.array_equal(whole.counts, other_seed.counts)


def test_histogram_quantiles_match_numpy_within_one_bin(make_three, make_params) -> None:
    from europillar.transition.model import simulate
    from europillar.transition.montecarlo import _take, sample_block

    model = make_three()
    params = make_params(
        gdp_growth=Normal(dist="normal", mean=0.012, std=0.01),
        lead_time_scale=Uniform(dist="uniform", min=0.5, max=2.0),
    )
    n = 2 * BLOCK
    summary = execute(model, params, n, seed=3)
    cov = np.concatenate(
        [simulate(model, _take(sample_block(params, 3, b), BLOCK)).coverage_pct for b in range(2)]
    )
    for q in (0.1, 0.5, 0.9):
        exact = np.quantile(cov, q, axis=0)
        assert np.abs(quantile_from_histogram(summary, q) - exact).max() <= 0.1 + 1e-9


PROPERTY_SETTINGS = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@PROPERTY_SETTINGS
@given(
    extra=st.floats(min_value=0.0, max_value=0.05),
    policy=st.sampled_from(["proportional_to_gap", "fixed_shares"]),
    retirement=st.floats(min_value=0.0, max_value=0.1),
    growth=st.floats(min_value=-0.01, max_value=0.04),
)
def test_more_budget_never_lowers_coverage(
    make_three, make_params, extra, policy, retirement, growth
) -> None:
    model = make_three(policy)
    base = make_params(retirement=retirement, gdp_growth=growth)
    more = make_params(retirement=retirement, gdp_growth=growth, budget_target_share=0.035 + extra)
    assert np.all(_coverage(model, more) >= _coverage(model, base) - 1e-9)


@PROPERTY_SETTINGS
@given(
    shift=st.floats(min_value=0.0, max_value=15.0),
    policy=st.sampled_from(["proportional_to_gap", "fixed_shares"]),
)
def test_slower_us_drawdown_never_lowers_coverage(make_three, make_params, shift, policy) -> None:
    model = make_three(policy)
    assert np.all(
        _coverage(model, make_params(drawdown_shift=shift))
        >= _coverage(model, make_params()) - 1e-9
    )


def test_conditional_drawdown_waits_for_europe(make_three, make_params) -> None:
    # satellite_imaging cannot be ordered (no cost data): European coverage stays at
    # 5 x 0.9 / 12 = 37.5% >= trigger 30%, so the US leaves at once, reaching its 25%
    # floor after 3 years: 6 -> 4.5 after the first year ... -> 1.5.
    run = central_run(make_three(), make_params())
    us = run.us_remaining[0, :5, 2]
    assert us == pytest.approx([6.0, 4.5, 3.0, 1.5, 1.5])


def _coverage(model, params) -> np.ndarray:  # type: ignore[no-untyped-def]
    return central_run(model, params).coverage_pct[0]
