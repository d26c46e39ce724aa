"""Small synthetic transition models, built by the tests."""

from __future__ import annotations

import numpy as np
import pytest

from europillar.transition.model import (
    KIND_ABRUPT,
    KIND_CONDITIONAL,
    KIND_GRADUAL,
    Budget,
    CategoryData,
    Drawdown,
    Model,
)


def constant_params(**overrides: object) -> dict[str, object]:
    params: dict[str, object] = {
        "gdp_growth": 0.0,
        "budget_target_share": 0.035,
        "equipment_share": 0.5,
        "build_up_share": 1.0,
        "unit_cost_scale": 1.0,
        "lead_time_scale": 1.0,
        "capacity_ramp": 0.0,
        "retirement": 0.0,
        "readiness_scale": 1.0,
        "drawdown_shift": 0.0,
        "default_capacity": 0.05,
    }
    params.update(overrides)
    return params


def one_category_model(years: int = 3, **kw: object) -> Model:
    """R=100, stock 50, readiness 1, US 40 leaving linearly 2025->2026, cost 5, lead 1."""
    data = CategoryData(
        categories=("mbt",),
        requirement=np.array([100.0]),
        initial_stock=np.array([50.0]),
        readiness=np.array([1.0]),
        us_units=np.array([40.0]),
        unit_cost=np.array([5.0]),
        lead_time=np.array([1.0]),
        capacity=np.array([kw.get("capacity", 4.0)]),  # type: ignore[list-item]
        fixed_share=np.array([1.0]),
    )
    yrs = np.arange(2025, 2025 + years)
    drawdown = Drawdown(
        kind=np.array([KIND_GRADUAL]),
        start=np.array([2025.0]),
        end=np.array([2026.0]),
        floor=np.array([0.0]),
        trigger_pct=np.array([0.0]),
        over_years=np.array([1.0]),
        series=np.ones((years, 1)),
    )
    series = np.array([100.0, 200.0, 200.0, 200.0, 200.0][:years])
    budget = Budget(np.array([1000.0]), np.array([0.02]), "series", 2035, series)
    return Model(yrs, data, drawdown, budget, "proportional_to_gap", 100.0)


def three_category_model(policy: str = "proportional_to_gap") -> Model:
    years = np.arange(2025, 2046)
    data = CategoryData(
        categories=("mbt", "tanker", "satellite_imaging"),
        requirement=np.array([1400.0, 60.0, 12.0]),
        initial_stock=np.array([900.0, 20.0, 5.0]),
        readiness=np.array([0.6, 0.7, 0.9]),
        us_units=np.array([300.0, 30.0, 6.0]),
        unit_cost=np.array([15.0, 300.0, np.nan]),
        lead_time=np.array([3.0, 5.0, 4.0]),
        capacity=np.array([50.0, 4.0, np.inf]),
        fixed_share=np.array([0.5, 0.5, 0.0]),
    )
    drawdown = Drawdown(
        kind=np.array([KIND_GRADUAL, KIND_ABRUPT, KIND_CONDITIONAL]),
        start=np.array([2027.0, 2030.0, 0.0]),
        end=np.array([2035.0, 0.0, 0.0]),
        floor=np.array([0.0, 0.0, 0.25]),
        trigger_pct=np.array([0.0, 0.0, 30.0]),
        over_years=np.array([1.0, 1.0, 3.0]),
        series=np.ones((years.size, 3)),
    )
    budget = Budget(
        np.array([5.0e6, 3.0e6, 1.0e6]), np.array([0.013, 0.02, 0.025]), "target", 2035, None
    )
    return Model(years, data, drawdown, budget, policy, 90.0)


@pytest.fixture(name="make_params")
def _make_params():  # type: ignore[no-untyped-def]
    return constant_params


@pytest.fixture(name="make_one")
def _make_one():  # type: ignore[no-untyped-def]
    return one_category_model


@pytest.fixture(name="make_three")
def _make_three():  # type: ignore[no-untyped-def]
    return three_category_model
