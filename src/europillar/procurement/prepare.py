"""Procurement inputs: member targets, candidate platforms and policy settings of a scenario.

``inputs(scenario, dataset)`` is the only procurement step that reads data. Settings come
from the scenario's ``[procurement]`` section; keyword options override it (they become
part of the scenario, so the result's scenario hash covers them). Unset years and cost
case fall back to ``base_year + 1``, the scenario's ``target_year`` and ``costs.bound``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from europillar.errors import InputError
from europillar.procurement.data import candidate_table, load_table
from europillar.procurement.problem import ProcurementProblem
from europillar.procurement.targets import scenario_targets
from europillar.result import Origin
from europillar.scenario.sections.procurement import ProcurementSettings

if TYPE_CHECKING:
    from europillar.dataset import Dataset
    from europillar.scenario.schema import Scenario


@dataclass(frozen=True)
class ProcurementInputs:
    """The optimisation problem, where its targets came from, and the fleets for the
    fragmentation view (scenario members against the USA in the base year)."""

    origin: Origin
    problem: ProcurementProblem
    cost_case: str
    targets_origin: str
    members: tuple[str, ...]
    base_year: int
    inventory: pd.DataFrame
    candidate_sources: tuple[str, ...]
    sensitivity: bool = False
    coverage: pd.DataFrame | None = None  # data coverage of the gap-derived targets


def inputs(
    scenario: Scenario,
    dataset: Dataset,
    *,
    k_max: int | None = None,
    buy_european_pct: float | None = None,
    juste_retour_pct: float | None = None,
    start_year: int | None = None,
    target_year: int | None = None,
    cost_case: str | None = None,
    targets: pd.DataFrame | None = None,
    sensitivity: bool = False,
) -> ProcurementInputs:
    """Procurement inputs of ``scenario`` (see the module docstring for the options)."""
    from europillar import capability, countries
    from europillar.scenario.loader import scenario_with

    changes: dict[str, Any] = {
        "k_max": k_max,
        "buy_european_pct": buy_european_pct,
        "juste_retour_pct": juste_retour_pct,
        "start_year": start_year,
        "target_year": target_year,
        "cost_case": cost_case,
    }
    if targets is not None:
        changes["targets"] = [
            {"iso3": str(r.iso3), "category": str(r.category), "units": int(r.units)}
            for r in targets.itertuples(index=False)
        ]
    scenario = scenario_with(scenario, {"procurement": changes}, file="procurement options")
    settings = scenario.procurement or ProcurementSettings.model_validate({})
    where = scenario.name
    case = settings.cost_case or scenario.costs.bound
    candidates = candidate_table(case, dataset)
    if settings.candidates:
        unknown = sorted(set(settings.candidates) - set(candidates["candidate_id"]))
        if unknown:
            raise InputError(
                where,
                "procurement.candidates",
                unknown[0],
                "unknown candidate id",
                sorted(candidates["candidate_id"]),
            )
        candidates = candidates[candidates["candidate_id"].isin(settings.candidates)]
    inventory = load_table("in_service", dataset)
    members = countries.members(scenario.members, scenario.base_year, dataset)
    gaps = None
    if not settings.targets:
        gaps = capability.run(capability.inputs(scenario, dataset))
    target_frame, origin = scenario_targets(scenario, members, inventory, gaps)
    if not settings.targets:
        # gap-derived targets span every category; buy only where candidates are shipped
        uncovered = sorted(set(target_frame["category"]) - set(candidates["category"]))
        target_frame = target_frame[~target_frame["category"].isin(uncovered)]
        if uncovered:
            origin += f"; categories without candidate platforms left out: {', '.join(uncovered)}"
    start = settings.start_year or scenario.base_year + 1
    end = settings.target_year or scenario.target
    if end < start:
        raise InputError(where, "procurement.target_year", end, f"is before the start year {start}")
    problem = ProcurementProblem(
        targets=target_frame.reset_index(drop=True),
        candidates=candidates.reset_index(drop=True),
        k_max=settings.k_max,
        buy_european_pct=settings.buy_european_pct,
        juste_retour_pct=settings.juste_retour_pct,
        start_year=start,
        target_year=end,
        time_limit_s=settings.time_limit_s,
    )
    params = load_table("candidate_parameters", dataset)
    used = params[params["candidate_id"].isin(candidates["candidate_id"])]
    sources = {*used["source_id"], *candidates["source_id"], *(gaps.sources if gaps else ())}
    return ProcurementInputs(
        Origin.of(scenario, dataset),
        problem,
        case,
        origin,
        tuple(members),
        scenario.base_year,
        inventory,
        tuple(sorted(s for s in sources if s)),
        sensitivity,
        gaps.table("coverage") if gaps is not None and "coverage" in gaps.tables else None,
    )
