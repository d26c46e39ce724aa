"""What each kind of job computes: a scenario in, named DataFrames and metadata out.

A runner calls ``progress(fraction, message)``; that call raises ``JobCancelled`` once the
user has cancelled, which unwinds the engine run between two chunks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from europillar.errors import InputError
from europillar.scenario.schema import Scenario

Progress = Callable[[float, str], None]


class JobCancelled(Exception):
    """Raised inside a runner when the user cancelled the job."""


@dataclass(frozen=True)
class RunOutput:
    frames: dict[str, pd.DataFrame]
    meta: dict[str, Any]


def run_transition_job(scenario: Scenario, params: dict[str, Any], progress: Progress) -> RunOutput:
    """Monte Carlo transition run; ``params``: draws, seed (default: the scenario's)."""
    from europillar.transition import build_model, run_transition

    model, uncertain, settings, notes = build_model(scenario)
    draws = int(params.get("draws") or settings.draws)
    seed = int(params["seed"]) if params.get("seed") is not None else int(settings.seed)
    done = 0
    progress(0.0, f"0 of {draws} draws")

    def advance(k: int) -> None:
        nonlocal done
        done += k
        progress(min(done / draws, 0.999), f"{done} of {draws} draws")

    from europillar.transition.montecarlo import BLOCK

    chunk = BLOCK * max(1, -(-draws // (50 * BLOCK)))  # about 50 progress reports per run
    result = run_transition(model, uncertain, draws, seed, chunk_draws=chunk, on_progress=advance)
    frames = {
        "fan": result.fan,
        "gap_probability": result.gap_probability,
        "categories": result.categories,
        "central": result.central,
        "windows": result.windows,
        "safe_drawdown": result.safe_drawdown,
        "sensitivity": result.sensitivity,
    }
    return RunOutput(frames, {**_plain(result.meta), "notes": list(notes)})


def run_procurement_job(
    scenario: Scenario, params: dict[str, Any], progress: Progress
) -> RunOutput:
    """Joint procurement plan vs every member buying alone, targets from the scenario's gaps."""
    from europillar.procurement import candidate_table, load_table
    from europillar.procurement.problem import ProcurementProblem
    from europillar.procurement.savings import explain_infeasible, joint_vs_baseline
    from europillar.procurement.targets import scenario_targets

    progress(0.05, "deriving targets from the scenario")
    settings = scenario.procurement
    defaults = {
        "start_year": scenario.base_year + 1,
        "target_year": scenario.target,
        "cost_case": scenario.costs.bound,
        "k_max": None,
        "buy_european_pct": None,
        "juste_retour_pct": None,
    }

    def pick(field: str) -> Any:
        if params.get(field) is not None:
            return params[field]
        value = getattr(settings, field, None) if settings is not None else None
        return value if value is not None else defaults[field]

    targets, origin = scenario_targets(scenario, load_table("in_service"))
    candidates = candidate_table(pick("cost_case"))
    if not (settings is not None and settings.targets):
        uncovered = sorted(set(targets["category"]) - set(candidates["category"]))
        targets = targets[~targets["category"].isin(uncovered)]
        if uncovered:
            origin += f"; categories without candidate platforms left out: {', '.join(uncovered)}"
    problem = ProcurementProblem(
        targets=targets,
        candidates=candidates,
        k_max=pick("k_max"),
        buy_european_pct=pick("buy_european_pct"),
        juste_retour_pct=pick("juste_retour_pct"),
        start_year=pick("start_year"),
        target_year=pick("target_year"),
        time_limit_s=getattr(settings, "time_limit_s", 60.0) if settings is not None else 60.0,
    )
    progress(0.2, "optimising the joint plan (HiGHS)")
    result = joint_vs_baseline(problem)
    if result.plan.status == "infeasible":
        raise InputError(scenario.name, "procurement", None, explain_infeasible(problem))
    progress(0.95, "storing the plan")
    frames = {
        "programmes": result.plan.programmes,
        "savings_by_category": result.savings_by_category,
        "savings_by_member": result.savings_by_member,
        "baseline": result.baseline,
    }
    meta = {
        "targets": origin,
        "money": "EUR m, current prices (mixed contract years, not deflated)",
        "status": str(result.plan.status),
    }
    return RunOutput(frames, meta)


RUNNERS: dict[str, Callable[[Scenario, dict[str, Any], Progress], RunOutput]] = {
    "transition": run_transition_job,
    "procurement": run_procurement_job,
}


def _plain(value: Any) -> Any:
    """JSON-safe copy (numpy scalars to Python)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "item"):
        return value.item()
    return value
