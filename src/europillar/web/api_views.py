"""API: read-only views — dashboard tables and charts, capability gaps, voting power, comparison.

Every table endpoint takes ``format=json|csv``; charts are SVG. These views compute in well
under a second; long runs go through ``/api/jobs``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

import pandas as pd
from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from europillar.errors import InputError
from europillar.web import dashboard
from europillar.web.api_scenarios import DECISION_RULES, saved_or_404, store_of
from europillar.web.responses import (
    drawing,
    field_error,
    input_error,
    svg_response,
    table_response,
)

if TYPE_CHECKING:
    from europillar.charts import Chart


def render_svg(chart: Chart) -> str:
    """The static SVG of a chart (routes that draw are serialised by ``drawing``)."""
    from europillar.charts.static import render_svg as draw

    return draw(chart)


router = APIRouter(prefix="/api", tags=["views"])
Fmt = Literal["json", "csv"]
GAP_TABLES = ("by_category", "costs", "apportionment", "budget", "totals", "coverage")


@router.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/meta")
def meta() -> dict[str, Any]:
    """Choices the editor offers: presets, blocs, rules, requirement sets, map indicators."""
    from europillar.countries import bloc_names
    from europillar.data.query import requirement_studies
    from europillar.scenario import preset_names
    from europillar.scenario.vocabulary import CATEGORY_IDS, RULE_REQUIREMENT_SETS

    return {
        "presets": preset_names(),
        "blocs": bloc_names(),
        "decision_rules": list(DECISION_RULES),
        "requirement_presets": [*RULE_REQUIREMENT_SETS, *requirement_studies()],
        "categories": list(CATEGORY_IDS),
        "map_indicators": dashboard.MAP_INDICATORS,
        "data_year": dashboard.default_year(),
        "names": _names(),
    }


def _names() -> dict[str, dict[str, str]]:
    """Labels for the ids tables show: countries, blocs, capability categories."""
    from europillar.export import labels
    from europillar.scenario.vocabulary import CATEGORY_IDS

    codes = labels.country_codes()
    return {
        "iso3": {c: labels.country(c) for c in codes},
        "bloc": {b: labels.bloc(b) for b in [*labels.BLOC_LABELS, *codes]},
        "category": {c: labels.category(c) for c in CATEGORY_IDS},
    }


@router.get("/dashboard/power")
def power(format: Fmt = "json") -> Response:
    """Bloc totals (EU27, European NATO, USA, Russia, China) per year and indicator."""
    frame = dashboard.power_frame()
    return table_response(frame, format, "power", sources=dashboard.frame_sources(frame))


@router.get("/dashboard/burden")
def burden(format: Fmt = "json") -> Response:
    """Each NATO Ally's spending, share of GDP and gaps to the 2 / 3.5 / 5 % targets."""
    frame = dashboard.burden_frame()
    targets = dashboard.target_rows()
    return table_response(
        frame,
        format,
        "burden",
        targets=targets.to_dict("records"),
        sources=sorted({*dashboard.frame_sources(frame), *targets["source_id"]}),
    )


@router.get("/dashboard/map")
def map_values(indicator: str = "milex_share_gdp_pct", format: Fmt = "json") -> Response:
    frame = _map_frame(indicator)
    return table_response(
        frame,
        format,
        f"map_{indicator}",
        indicator=indicator,
        label=dashboard.MAP_INDICATORS[indicator],
        sources=sorted({*dashboard.frame_sources(frame, "source_id"), "web_naturalearth"}),
    )


@router.get("/charts/power.svg")
@drawing
def power_svg() -> Response:
    from europillar.web.reference import trend_chart_of_dashboard

    return svg_response(render_svg(trend_chart_of_dashboard()))


@router.get("/charts/burden.svg")
@drawing
def burden_svg() -> Response:
    from europillar.web.reference import burden_chart_of_dashboard

    return svg_response(render_svg(burden_chart_of_dashboard()))


@router.get("/charts/map.svg")
@drawing
def map_svg(indicator: str = "milex_share_gdp_pct") -> Response:
    from europillar.web.charts import map_chart

    frame = _map_frame(indicator)
    return svg_response(map_chart(frame, dashboard.geometry(), dashboard.MAP_INDICATORS[indicator]))


def _map_frame(indicator: str) -> pd.DataFrame:
    try:
        return dashboard.map_frame(indicator)
    except InputError as exc:
        raise input_error(exc) from None


def _gaps(request: Request, scenario_id: int) -> Any:
    from europillar import runner
    from europillar.scenario import scenario_from_dict

    saved = saved_or_404(store_of(request), scenario_id)
    try:
        scenario = scenario_from_dict(saved.body, file=f"scenario '{saved.name}'")
        return runner.run("capability", scenario)
    except InputError as exc:
        raise input_error(exc) from None


@router.get("/scenarios/{scenario_id}/gaps")
def gaps(
    scenario_id: int,
    request: Request,
    table: Literal[
        "by_category", "costs", "apportionment", "budget", "totals", "coverage"
    ] = "by_category",
    format: Fmt = "json",
) -> Response:
    """Capability gaps of a saved scenario: one of its tables, with notes and sources."""
    result = _gaps(request, scenario_id)
    return table_response(
        result.tables[table],
        format,
        f"scenario{scenario_id}_{table}",
        table=table,
        bound=result.bound,
        key=result.key,
        notes=list(result.notes),
        missing_categories=list(result.missing),
        sources=list(result.sources),
        meta=dict(result.meta),
    )


@router.get("/scenarios/{scenario_id}/charts/coverage.svg")
@drawing
def coverage_svg(scenario_id: int, request: Request) -> Response:
    from europillar.plots.capability import coverage_chart

    return svg_response(render_svg(coverage_chart(_gaps(request, scenario_id).by_category)))


@router.get("/scenarios/{scenario_id}/voting")
def voting(scenario_id: int, request: Request, format: Fmt = "json") -> Response:
    """Exact voting power of the scenario's EU members under its decision rule."""
    from europillar import runner
    from europillar.decisions import qmv_population
    from europillar.scenario import scenario_from_dict

    saved = saved_or_404(store_of(request), scenario_id)
    scenario = scenario_from_dict(saved.body, file="scenario")
    members = scenario.member_codes()
    _year, population = qmv_population(None)
    participants = sorted(set(members) & set(population))
    if saved.decision_rule in ("qmv", "unanimity", "cfsp"):
        participants = sorted(population)  # Council rules: every EU member votes
    if not participants:
        raise field_error(
            "scenario.members",
            list(members),
            "the scenario has no EU member, so no Council voting power can be computed.",
        )
    try:
        result = runner.run(
            "decisions",
            scenario,
            rule=saved.decision_rule,
            compare_rules=[],
            members=participants,
        )
    except InputError as exc:
        raise input_error(exc) from None
    frame = result.tables["voting_power"].drop(columns="rule")
    frame["in_scenario"] = frame["iso3"].isin(set(members))
    rules = result.tables["rules"].iloc[0]
    return table_response(
        frame,
        format,
        f"scenario{scenario_id}_voting",
        rule=result.meta["rule"],
        year=result.meta["population_year"],
        sources=list(result.sources),
        coleman_power_to_act=float(rules["coleman_power_to_act"]),
    )


def _compare_frame(request: Request, ids: list[int]) -> pd.DataFrame:
    rows = []
    for scenario_id in ids:
        saved = saved_or_404(store_of(request), scenario_id)
        result = _gaps(request, scenario_id)
        totals = result.totals.iloc[0] if len(result.totals) else None
        jobs = [
            j
            for j in store_of(request).list_jobs(scenario_id)
            if j.kind == "transition" and j.status == "done"
        ]
        prob = None
        if jobs:
            gp = store_of(request).result(jobs[0].id, "gap_probability")
            prob = float(gp["prob_any_gap_pct"].iloc[-1]) if gp is not None and len(gp) else None
        row: dict[str, Any] = {
            "scenario_id": scenario_id,
            "scenario": saved.name,
            "members": len(result.members),
            "cost_bound": result.bound,
            "money_unit": totals["money"] if totals is not None else None,
            "total_cost": float(totals["total"]) if totals is not None else None,
            "annual_cost": float(totals["annual"]) if totals is not None else None,
            "categories_with_gap": int((result.by_category["gap"].fillna(0) > 0).sum()),
            "transition_job": jobs[0].id if jobs else None,
            "prob_any_gap_end_pct": prob,
        }
        for r in result.by_category.itertuples():
            row[f"gap_{r.category}"] = None if pd.isna(r.gap) else float(r.gap)
        rows.append(row)
    return pd.DataFrame(rows)


@router.get("/compare")
def compare(
    request: Request,
    ids: Annotated[list[int], Query(description="Two or more scenario ids")],
    format: Fmt = "json",
) -> Response:
    """Saved scenarios side by side: cost to close the gaps, gaps per category, gap probability."""
    if len(ids) < 2:
        raise field_error("ids", ids, "give two or more scenario ids to compare.")
    frame = _compare_frame(request, ids)
    return table_response(frame, format, "compare_" + "_".join(map(str, ids)))


@router.get("/charts/compare.svg")
@drawing
def compare_svg(request: Request, ids: Annotated[list[int], Query()]) -> Response:
    from europillar.web.charts import compare_chart

    frame = _compare_frame(request, ids).rename(columns={"total_cost": "total_central"})
    return svg_response(compare_chart(frame.fillna({"total_central": 0.0})))
