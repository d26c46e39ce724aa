"""The procurement engine: the joint plan, the national baseline, savings, fragmentation.

``run(inputs)`` is pure (HiGHS solves in memory). An infeasible problem is a result too:
its status is ``infeasible`` and the note says which constraints bind; callers decide
whether that is an error (the CLI and the web job say so and stop; the report shows it).
"""

from __future__ import annotations

import pandas as pd

from europillar.procurement.fragmentation import compare
from europillar.procurement.prepare import ProcurementInputs
from europillar.procurement.savings import (
    JointResult,
    explain_infeasible,
    joint_vs_baseline,
    sensitivity,
)
from europillar.result import Result, make_meta
from europillar.units import EUR_M_CURRENT_MIXED

MONEY = EUR_M_CURRENT_MIXED
MEMBER_COLUMNS = [
    "iso3",
    "category",
    "units",
    "joint_platforms",
    "joint_cost",
    "baseline_candidate_id",
    "baseline_cost",
    "savings",
    "savings_pct",
]


class ProcurementResult(Result):
    """Joint plan vs every member buying alone (money in ``meta['money_unit']``)."""

    @property
    def status(self) -> str:
        return str(self.meta["status"])

    @property
    def feasible(self) -> bool:
        return self.status != "infeasible"

    @property
    def members(self) -> pd.DataFrame:
        """One row per member and category: joint purchase, national baseline, savings."""
        return self.tables["members"]

    @property
    def programmes(self) -> pd.DataFrame:
        """One row per platform chosen: units, average unit cost, cost, deliverable units."""
        return self.tables["programmes"]

    @property
    def explanation(self) -> str:
        return str(self.meta.get("explanation") or "")


def member_rows(result: JointResult) -> pd.DataFrame:
    """One row per member and category: joint purchase, national baseline, savings."""
    plan, base = result.plan.plan, result.baseline
    joint = (
        plan.groupby(["iso3", "category"])
        .agg(
            joint_platforms=("candidate_id", lambda s: ";".join(sorted(s))),
            joint_cost=("cost", "sum"),
        )
        .reset_index()
    )
    out = base.rename(columns={"candidate_id": "baseline_candidate_id", "cost": "baseline_cost"})
    out = out.merge(joint, on=["iso3", "category"], how="left")
    out["savings"] = out["baseline_cost"] - out["joint_cost"]
    out["savings_pct"] = 100.0 * out["savings"] / out["baseline_cost"]
    return out[MEMBER_COLUMNS].sort_values(["category", "iso3"]).reset_index(drop=True).round(6)


def run(inputs: ProcurementInputs) -> ProcurementResult:
    """Solve the joint plan and price the baseline for the inputs' problem (pure)."""
    problem = inputs.problem
    fragmentation = compare(
        inputs.inventory,
        {"scenario members": list(inputs.members), "USA": ["USA"]},
        inputs.base_year,
    )
    settings = {
        "k_max": problem.k_max,
        "buy_european_pct": problem.buy_european_pct,
        "juste_retour_pct": problem.juste_retour_pct,
        "start_year": problem.start_year,
        "target_year": problem.target_year,
        "cost_case": inputs.cost_case,
    }
    result = joint_vs_baseline(problem)
    plan = result.plan
    tables: dict[str, pd.DataFrame] = {
        "targets": problem.targets,
        "fragmentation": fragmentation.round(6),
    }
    notes = [f"Targets: {inputs.targets_origin}."]
    if inputs.coverage is not None and not inputs.coverage.empty:
        from europillar.force.coverage import insufficient

        tables["coverage"] = inputs.coverage
        bought = set(problem.targets["category"])
        low = inputs.coverage[~inputs.coverage["sufficient"].astype(bool)]
        notes.extend(
            f"{row['category']}: {insufficient(row)}; European holdings are a lower bound"
            for _, row in low.iterrows()
            if row["category"] in bought
        )
    explanation = None
    if plan.status == "infeasible":
        explanation = explain_infeasible(problem)
        notes.append(f"No joint plan: {explanation}.")
    else:
        assert result.delivery is not None
        tables["delivery"] = result.delivery.round(6)
        if result.capacity_limited:
            unmet = result.delivery[result.delivery["unmet_units"] > 0]
            notes.append(
                f"The targets exceed what the production lines can deliver by "
                f"{problem.target_year}: this is the least-cost plan that delivers the most. "
                + "; ".join(
                    f"{r.category}: {r.delivered_units} of {r.target_units} delivered, "
                    f"{r.unmet_units} unmet"
                    + (f" ({r.binding_capacity})" if r.binding_capacity else "")
                    for r in unmet.itertuples()
                )
                + ". Savings cover only the categories delivered in full."
            )
        tables.update(
            {
                "members": member_rows(result),
                "programmes": plan.programmes.round(6),
                "plan": plan.plan.round(6),
                "shares": plan.shares.round(6),
                "baseline": result.baseline.round(6),
                "savings_by_category": result.savings_by_category.round(6),
                "savings_by_member": result.savings_by_member.round(6),
            }
        )
        if inputs.sensitivity:
            tables["sensitivity"] = sensitivity(problem).round(6)
    baseline_total = float(result.baseline["cost"].sum())
    feasible = plan.status != "infeasible"
    return ProcurementResult(
        tables=tables,
        sources=(*inputs.candidate_sources, *inputs.inventory["source_id"]),
        notes=tuple(notes),
        missing=(),
        meta=make_meta(
            "procurement",
            inputs.origin,
            status="capacity_limited" if result.capacity_limited else str(plan.status),
            unmet_units=int(result.delivery["unmet_units"].sum())
            if result.delivery is not None
            else None,
            solver="HiGHS",
            mip_gap_pct=plan.mip_gap_pct if feasible else None,
            objective_piecewise=plan.objective if feasible else None,
            joint_cost=plan.cost if feasible else None,
            baseline_cost=baseline_total,
            savings=baseline_total - plan.cost if feasible else None,
            money_unit=MONEY,
            targets_origin=inputs.targets_origin,
            explanation=explanation,
            settings=settings,
        ),
    )
