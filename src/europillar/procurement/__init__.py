"""Procurement: fragmentation of Europe's inventories and a joint-procurement optimiser."""

from europillar.procurement.data import candidate_table, load_sources, load_table
from europillar.procurement.fragmentation import compare, inverse_hhi, metrics, snapshot, trend
from europillar.procurement.optimiser import PlanResult, solve
from europillar.procurement.problem import ProcurementProblem, deliverable_units
from europillar.procurement.savings import (
    JointResult,
    baseline,
    explain_infeasible,
    joint_vs_baseline,
    sensitivity,
)
from europillar.procurement.targets import replacement_targets

__all__ = [
    "JointResult",
    "PlanResult",
    "ProcurementProblem",
    "baseline",
    "candidate_table",
    "compare",
    "deliverable_units",
    "explain_infeasible",
    "inverse_hhi",
    "joint_vs_baseline",
    "load_sources",
    "load_table",
    "metrics",
    "replacement_targets",
    "sensitivity",
    "snapshot",
    "solve",
    "trend",
]
