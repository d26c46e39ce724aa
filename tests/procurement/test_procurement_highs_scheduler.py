"""HiGHS solvers made elsewhere in the process must not break the procurement MIP.

HiGHS sizes one thread scheduler per process at the first run; a later solver asking for a
different thread count used to fail with status "Not Set", which the optimiser reported as
"infeasible" (an order-dependent test failure after the command-structure tests).
"""

from __future__ import annotations

import highspy
import numpy as np
import pandas as pd
import pytest

from europillar.command.assign import optimise_assignment
from europillar.procurement.optimiser import solve
from europillar.procurement.problem import ProcurementProblem

TARGETS = pd.DataFrame({"iso3": ["AAA", "BBB"], "category": ["g1", "g1"], "units": [1, 1]})
CANDIDATES = pd.DataFrame(
    {
        "candidate_id": ["c1"],
        "category": ["g1"],
        "platform": ["P1"],
        "producer": ["x"],
        "producer_iso3": ["AAA"],
        "origin_bloc": ["european"],
        "unit_cost": [10.0],
        "ref_quantity": [1.0],
        "learning_rate_pct": [80.0],
    }
)
# pooled order of 2 units at 80 % learning from 1 unit at 10: 10 * 2 ** (1 + log2(0.8)) = 16
EXPECTED = 16.0


def _foreign_solve(threads: int) -> None:
    """A solver as user code might make it: its own thread count."""
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", threads)
    h.addVar(0.0, 1.0)
    h.changeColCost(0, -1.0)
    h.changeColsIntegrality(
        1, np.array([0], dtype=np.int32), np.array([highspy.HighsVarType.kInteger])
    )
    h.run()


@pytest.mark.parametrize("before", ["command_assign", "foreign_two_threads"])
def test_procurement_solves_after_other_highs_use(before: str) -> None:
    highspy.Highs.resetGlobalScheduler(True)
    if before == "command_assign":
        found = optimise_assignment({"f1": 1.0, "f2": 2.0}, ["h1", "h2"])
        assert found.status == "Optimal"
        assert found.worst_single_loss_commanded_pct == pytest.approx(100.0 / 3.0, abs=1e-6)
    else:
        _foreign_solve(2)
    result = solve(ProcurementProblem(TARGETS, CANDIDATES, start_year=2026, target_year=2030))
    assert result.status == "optimal"
    assert result.cost == pytest.approx(EXPECTED, rel=1e-9)
