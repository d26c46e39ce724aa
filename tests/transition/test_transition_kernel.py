"""The compiled kernel (numba) against the numpy loop: the same bits, draw by draw.

This is the equivalence test that ``kernel.py`` refers to: when the model's equations
change, change both paths and keep this passing. It covers every drawdown kind (gradual,
abrupt, conditional, series, none), both order policies, uncertain lead times (orders
arriving in different years per draw), capacity caps and categories that cannot order.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from europillar.scenario.distributions import Discrete, Normal, Triangular, Uniform
from europillar.transition.model import KIND_NONE, KIND_SERIES, prepare, simulate
from europillar.transition.montecarlo import BLOCK, execute, resolve_kernel, sample_block

pytest.importorskip(
    "numba", reason='the compiled kernel is optional: pip install "europillar[fast]"'
)
from europillar.transition import kernel

UNCERTAIN = {
    "gdp_growth": Normal(dist="normal", mean=0.012, std=0.01),
    "lead_time_scale": Uniform(dist="uniform", min=0.5, max=2.0),
    "capacity_ramp": Triangular(dist="triangular", min=0.0, mode=0.1, max=0.25),
    "unit_cost_scale": Uniform(dist="uniform", min=0.8, max=1.4),
    "retirement": Uniform(dist="uniform", min=0.0, max=0.1),
    "readiness_scale": Uniform(dist="uniform", min=0.8, max=1.1),
    "drawdown_shift": Discrete(
        dist="discrete", values=[-2.0, 0.0, 3.0], probabilities=[0.3, 0.4, 0.3]
    ),
}


def _with_series_and_none(model):  # type: ignore[no-untyped-def]
    """The three-category model with a fourth category on a US series and a fifth with none."""
    data, dd = model.data, model.drawdown
    n_years = model.years.size

    def grow(a: np.ndarray, *extra: float) -> np.ndarray:
        return np.concatenate([a, np.array(extra, dtype=a.dtype)])

    data = dataclasses.replace(
        data,
        categories=(*data.categories, "tanker_b", "isr_b"),
        requirement=grow(data.requirement, 40.0, 8.0),
        initial_stock=grow(data.initial_stock, 10.0, 2.0),
        readiness=grow(data.readiness, 0.8, 0.9),
        us_units=grow(data.us_units, 20.0, 5.0),
        unit_cost=grow(data.unit_cost, 250.0, 90.0),
        lead_time=grow(data.lead_time, 2.0, 6.0),
        capacity=grow(data.capacity, 3.0, np.inf),
        fixed_share=np.array([0.3, 0.3, 0.0, 0.2, 0.2]),
    )
    series = np.column_stack([dd.series, np.linspace(1.0, 0.2, n_years), np.ones(n_years)])
    dd = dataclasses.replace(
        dd,
        kind=grow(dd.kind, KIND_SERIES, KIND_NONE),
        start=grow(dd.start, 0.0, 0.0),
        end=grow(dd.end, 0.0, 0.0),
        floor=grow(dd.floor, 0.0, 0.0),
        trigger_pct=grow(dd.trigger_pct, 0.0, 0.0),
        over_years=grow(dd.over_years, 1.0, 1.0),
        series=series,
    )
    return dataclasses.replace(model, data=data, drawdown=dd)


@pytest.mark.parametrize("policy", ["proportional_to_gap", "fixed_shares"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_kernel_coverage_is_bit_identical_to_numpy(make_three, make_params, policy, seed) -> None:
    model = _with_series_and_none(make_three(policy))
    draws = sample_block(make_params(**UNCERTAIN), seed, block=seed)
    expected = simulate(model, draws, detail=False).coverage_pct.transpose(1, 2, 0)
    got = kernel.coverage(prepare(model, draws))
    assert got.shape == expected.shape
    assert np.array_equal(got, expected)
    # The check has teeth: a different block gives different coverage.
    other = kernel.coverage(prepare(model, sample_block(make_params(**UNCERTAIN), seed, 99)))
    assert not np.array_equal(got, other)


def test_kernel_summary_equals_numpy_summary_field_by_field(make_three, make_params) -> None:
    model = _with_series_and_none(make_three())
    params = make_params(**UNCERTAIN)
    n = 2 * BLOCK + 333  # a partial block and a partial tile
    fast = execute(model, params, n, seed=5, chunk_draws=BLOCK, kernel="numba")
    slow = execute(model, params, n, seed=5, kernel="numpy")
    for field in dataclasses.fields(fast):
        assert np.array_equal(getattr(fast, field.name), getattr(slow, field.name)), field.name
    assert fast.counts.sum() == n * model.years.size * 5


def test_explicit_numba_without_numba_names_the_extra(monkeypatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "numba" else real(name, *a)
    )
    with pytest.raises(ImportError, match=r'pip install "europillar\[fast\]"'):
        resolve_kernel("numba")
    assert resolve_kernel("auto") == "numpy"
    with pytest.raises(ValueError, match="kernel must be one of"):
        resolve_kernel("fortran")


def _v2(model):  # type: ignore[no-untyped-def]
    """The five-category model with every v2 mechanism switched on: firm deliveries,
    recapitalisation from the base budget, a default capacity where none is cited, war
    attrition and munitions consumption."""
    model = _with_series_and_none(model)
    data = model.data
    n_years, n_cat = model.years.size, len(data.categories)
    firm = np.zeros((n_years, n_cat))
    firm[2:6, 0] = 25.0
    firm[4, 3] = 2.0
    loss = np.zeros((n_years, n_cat))
    loss[8:12, :] = 0.07
    consumption = np.zeros((n_years, n_cat))
    consumption[8:, 1] = 3.0
    data = dataclasses.replace(
        data,
        firm_deliveries=firm,
        capacity_base=np.where(np.isinf(data.capacity), data.requirement, 0.0),
        loss=loss,
        consumption=consumption,
    )
    budget = dataclasses.replace(model.budget, recap_share=0.0004)
    return dataclasses.replace(model, data=data, budget=budget)


V2_UNCERTAIN = {
    **UNCERTAIN,
    "retirement": Uniform(dist="uniform", min=0.01, max=0.1),
    "default_capacity": Triangular(dist="triangular", min=0.02, mode=0.05, max=0.1),
}


@pytest.mark.parametrize("policy", ["proportional_to_gap", "fixed_shares"])
def test_kernel_v2_mechanisms_are_bit_identical(make_three, make_params, policy) -> None:
    model = _v2(make_three(policy))
    draws = sample_block(make_params(**V2_UNCERTAIN), 7, block=3)
    run = simulate(model, draws, detail=False)
    got = kernel.coverage(prepare(model, draws))
    assert np.array_equal(got, run.coverage_pct.transpose(1, 2, 0))
    # the mechanisms are live: the same draws without them give other coverage
    plain = kernel.coverage(prepare(_with_series_and_none(make_three(policy)), draws))
    assert not np.array_equal(got, plain)
    fast = execute(model, make_params(**V2_UNCERTAIN), BLOCK + 77, seed=9, kernel="numba")
    slow = execute(model, make_params(**V2_UNCERTAIN), BLOCK + 77, seed=9, kernel="numpy")
    for field in dataclasses.fields(fast):
        assert np.array_equal(getattr(fast, field.name), getattr(slow, field.name)), field.name
    assert fast.eu_reach.sum() > 0
