"""Procurement: fragmentation of Europe's inventories and a joint-procurement optimiser.

The engine contract: ``inputs(scenario, dataset) -> ProcurementInputs`` (targets,
candidates and settings of the scenario), ``run(inputs) -> ProcurementResult`` (pure).
"""

from europillar.procurement.data import candidate_table, load_sources, load_table
from europillar.procurement.engine import ProcurementResult, member_rows, run
from europillar.procurement.fragmentation import compare, inverse_hhi, metrics, snapshot, trend
from europillar.procurement.optimiser import PlanResult, solve
from europillar.procurement.prepare import ProcurementInputs, inputs
from europillar.procurement.problem import ProcurementProblem, deliverable_units
from europillar.procurement.savings import (
    JointResult,
    baseline,
    explain_infeasible,
    joint_vs_baseline,
    sensitivity,
)
from europillar.procurement.targets import replacement_targets

DOMAIN = "procurement"

__all__ = [
    "DOMAIN",
    "JointResult",
    "PlanResult",
    "ProcurementInputs",
    "ProcurementProblem",
    "ProcurementResult",
    "baseline",
    "candidate_table",
    "compare",
    "deliverable_units",
    "explain_infeasible",
    "inputs",
    "inverse_hhi",
    "joint_vs_baseline",
    "load_sources",
    "load_table",
    "member_rows",
    "metrics",
    "replacement_targets",
    "run",
    "sensitivity",
    "snapshot",
    "solve",
    "trend",
]
