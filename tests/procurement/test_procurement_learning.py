"""Learning-curve arithmetic against hand calculations."""

from __future__ import annotations

import pytest

from europillar.procurement.learning import average_unit_cost, breakpoints, order_cost, piecewise
from europillar.procurement.problem import deliverable_units


def test_price_is_reproduced_at_the_reference_quantity() -> None:
    assert order_cost(40, 23.5, 40, 90) == pytest.approx(40 * 23.5)


def test_doubling_quantity_cuts_average_cost_by_the_learning_rate() -> None:
    # cumulative-average model: avg(2n) = LR * avg(n)
    assert average_unit_cost(200, 10, 100, 85) == pytest.approx(0.85 * 10)
    assert average_unit_cost(50, 10, 100, 85) == pytest.approx(10 / 0.85)


def test_breakpoints_and_chords() -> None:
    assert breakpoints(10) == [0, 1, 2, 4, 8, 10]
    assert breakpoints(1) == [0, 1]
    lengths, slopes = piecewise(4, 10.0, 1.0, 100.0)  # no learning: every slope is the unit cost
    assert lengths.tolist() == [1, 1, 2]
    assert slopes.tolist() == pytest.approx([10.0, 10.0, 10.0])


def test_deliverable_units_by_hand() -> None:
    import pandas as pd

    line = pd.Series(
        {
            "capacity_per_year": 10.0,
            "capacity_max_per_year": 20.0,
            "ramp_up_years": 2.0,
            "lead_time_years": 1.0,
        }
    )
    # orders 2026, first delivery 2027: 15 (half-way up the ramp), 20, 20 in 2027-2029
    assert deliverable_units(line, 2026, 2029) == 55
    assert deliverable_units(line, 2026, 2026) == 0
    assert deliverable_units(pd.Series({"capacity_per_year": float("nan")}), 2026, 2030) == float(
        "inf"
    )
