"""Server-rendered pages (Jinja2). Tables, charts and jobs are fetched from the JSON API."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from europillar.web import dashboard
from europillar.web.api_scenarios import saved_or_404, store_of
from europillar.web.reference import dashboard_charts

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(Path(__file__).resolve().parent / "templates"))


@lru_cache(maxsize=1)
def _publishers() -> dict[str, str]:
    from europillar.data import load

    table = load("sources")
    return {str(r.source_id): f"{r.publisher}, {r.title}" for r in table.itertuples()}


def cite(ids: list[str]) -> list[dict[str, str]]:
    """Source ids with their publisher and title, for the 'Sources' line under a chart."""
    names = _publishers()
    return [{"id": i, "text": names.get(i, "")} for i in ids]


def _render(request: Request, name: str, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context)


@router.get("/", response_class=HTMLResponse)
def dashboard_page(request: Request, indicator: str = "milex_share_gdp_pct") -> HTMLResponse:
    if indicator not in dashboard.MAP_INDICATORS:
        indicator = "milex_share_gdp_pct"
    burden = dashboard.burden_frame()
    targets = dashboard.target_rows()
    return _render(
        request,
        "dashboard.html",
        title="Overview",
        year=dashboard.default_year(),
        indicator=indicator,
        indicators=dashboard.MAP_INDICATORS,
        power_sources=cite(dashboard.frame_sources(dashboard.power_frame())),
        burden_sources=cite(sorted({*dashboard.frame_sources(burden), *targets["source_id"]})),
        map_sources=cite(
            sorted(
                {
                    *dashboard.frame_sources(dashboard.map_frame(indicator), "source_id"),
                    "web_naturalearth",
                }
            )
        ),
        burden_missing=sorted(burden.loc[burden["basis"] == "", "iso3"]),
        charts=dashboard_charts(),
    )


@router.get("/scenarios", response_class=HTMLResponse)
def scenarios_page(request: Request) -> HTMLResponse:
    return _render(
        request,
        "scenarios.html",
        title="Scenarios",
        presets=shipped_presets(),
        scenarios=store_of(request).list_scenarios(),
    )


@lru_cache(maxsize=1)
def shipped_presets() -> list[dict[str, str]]:
    """Name, title and description of every shipped preset. A TOML description spans
    lines: its line breaks become spaces (an input field would drop them and glue words:
    "is" + "today's" read "istoday's")."""
    import tomllib

    from europillar.scenario.loader import preset_names, preset_text

    rows = []
    for name in preset_names():
        data = tomllib.loads(preset_text(name))
        rows.append(
            {
                "name": name,
                "title": str(data.get("title", name)),
                "description": " ".join(str(data.get("description", "")).split()),
            }
        )
    return rows


@router.get("/scenarios/new", response_class=HTMLResponse)
def new_scenario_page(request: Request) -> HTMLResponse:
    return _render(
        request, "editor.html", title="New scenario", scenario_id=None, body={}, decision_rule="qmv"
    )


@router.get("/scenarios/{scenario_id}/edit", response_class=HTMLResponse)
def edit_scenario_page(scenario_id: int, request: Request) -> HTMLResponse:
    saved = saved_or_404(store_of(request), scenario_id)
    return _render(
        request,
        "editor.html",
        title=f"Edit {saved.name}",
        scenario_id=saved.id,
        body=saved.body,
        decision_rule=saved.decision_rule,
    )


@router.get("/scenarios/{scenario_id}", response_class=HTMLResponse)
def results_page(scenario_id: int, request: Request) -> HTMLResponse:
    saved = saved_or_404(store_of(request), scenario_id)
    return _render(request, "results.html", title=f"Results: {saved.name}", saved=saved)


@router.get("/compare", response_class=HTMLResponse)
def compare_page(
    request: Request, ids: Annotated[list[int] | None, Query()] = None
) -> HTMLResponse:
    return _render(
        request,
        "compare.html",
        title="Compare scenarios",
        scenarios=store_of(request).list_scenarios(),
        ids=ids or [],
    )


@router.get("/api-docs", response_class=HTMLResponse)
def api_docs_page(request: Request) -> HTMLResponse:
    """The OpenAPI schema as a plain list (Swagger UI is off: it needs a CDN)."""
    spec = request.app.openapi()
    rows = []
    for path, methods in spec["paths"].items():
        for method, op in methods.items():
            rows.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": (op.get("description") or "").split("\n")[0],
                }
            )
    return _render(request, "api_docs.html", title="API", rows=rows)
