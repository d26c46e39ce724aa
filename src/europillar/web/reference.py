"""Reference pages for readers: the sources registry, country profiles, shipped presets.

``/sources``             every source with its full citation and terms, searchable; every
                         source id anywhere in the app links to its row here
``/country``             the European states in scope, each linking to its profile
``/country/{iso3}``      one state's profile (the ``profile`` engine, as the CLI's
                         ``europillar country ISO3`` prints it), with interactive charts
``/api/country/{iso3}``  its tables as JSON or CSV (``?table=…&format=csv``)
"""

from __future__ import annotations

import base64
import functools
import threading
from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from europillar.errors import InputError
from europillar.web.responses import field_error, input_error, table_response

if TYPE_CHECKING:
    import pandas as pd

    from europillar.charts import Chart
    from europillar.result import Result

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api", tags=["reference"])
COMPARATORS = ("USA", "CAN", "RUS", "CHN")
DEFAULT_SCENARIO = "replace_us_full"
_DRAWING = threading.Lock()  # matplotlib is not thread-safe
_PROFILES = threading.Lock()


@functools.lru_cache(maxsize=1)
def sources_rows() -> list[dict[str, str]]:
    """The sources registry, one dict per source, sorted by id."""
    from europillar.dataset import load

    table = load().table("sources").fillna("")
    columns = ("source_id", "publisher", "title", "edition", "date", "url", "terms", "note")
    return sorted(
        ({c: str(getattr(r, c, "")) for c in columns} for r in table.itertuples()),
        key=lambda r: r["source_id"],
    )


def european_states() -> list[tuple[str, str]]:
    """(ISO3, name) of the European states in scope, by name."""
    from europillar.export import labels

    codes = [c for c in labels.country_codes() if c not in COMPARATORS]
    return sorted(((c, labels.country(c)) for c in codes), key=lambda p: p[1])


@functools.lru_cache(maxsize=32)
def _profile(iso3: str, scenario: str) -> Result:
    from europillar import runner

    return runner.run("profile", scenario, iso3=iso3)


def profile(iso3: str, scenario: str) -> Result:
    """The profile result (cached: the dataset never changes while the server runs)."""
    from europillar.scenario import preset_names

    if scenario not in preset_names():
        raise field_error(
            "scenario", scenario, f"unknown preset (allowed: {', '.join(preset_names())})."
        )
    code = iso3.upper()
    if code not in dict(european_states()) and code not in COMPARATORS:
        raise field_error("iso3", iso3, f"{iso3!r} is not a country in scope.", 404)
    try:
        with _PROFILES:
            return _profile(code, scenario)
    except InputError as exc:
        raise input_error(exc) from None


def screen_table(frame: pd.DataFrame) -> dict[str, Any]:
    """Headers and text cells for a template table (labels, units' decimals), and which
    columns hold numbers and which source ids."""
    from europillar.export import for_screen

    headers, rows, numeric = for_screen(frame)
    kinds = []
    for column, is_number in zip(frame.columns, numeric, strict=True):
        name = str(column)
        kinds.append(
            "num"
            if is_number
            else "source"
            if name in ("source_id", "source_ids", "sources")
            else "text"
        )
    links = [
        [str(v) if str(c) == "iso3" else "" for c, v in zip(frame.columns, r, strict=True)]
        for r in frame.itertuples(index=False, name=None)
    ]
    return {"headers": headers, "rows": rows, "kinds": kinds, "links": links}


def chart_html(chart: Chart) -> str:
    """A chart fragment for a page: interactive view, and CSV and SVG downloads that work
    without scripts too (data: addresses)."""
    from europillar.charts import chart_csv, render

    csv_text = chart_csv(chart)
    with _DRAWING:
        rendered = render(chart, href=lambda ext: "#")
    hrefs = {
        "csv": "data:text/csv;charset=utf-8;base64,"
        + base64.b64encode(("\ufeff" + csv_text).encode("utf-8")).decode("ascii"),
        "svg": "data:image/svg+xml;base64,"
        + base64.b64encode(rendered.svg.encode("utf-8")).decode("ascii"),
    }
    html = rendered.html
    for ext, href in hrefs.items():
        html = html.replace(
            f'href="#" download="{chart.id}.{ext}"', f'href="{href}" download="{chart.id}.{ext}"', 1
        )
    return html


def profile_charts(result: Result) -> list[str]:
    """Spending over time and the share of GDP against the targets."""
    import pandas as pd

    from europillar.charts import Chart, Rule

    charts = []
    spending = result.tables["spending"]
    constant = [i for i in dict.fromkeys(spending["indicator"]) if "constant" in str(i)]
    if constant:
        part = spending[spending["indicator"] == constant[0]]
        base = str(constant[0]).removeprefix("milex_usd_constant").removesuffix("_m")
        charts.append(
            Chart(
                id="country-spending",
                title="Military spending",
                kind="line",
                data=pd.DataFrame(
                    {"year": part["year"].astype(int), f"milex_usd_constant{base}_m": part["value"]}
                ),
                x="year",
                y=f"milex_usd_constant{base}_m",
                y_label=f"USD m, constant {base} prices",
                unit="USD m",
                decimals=1,
                source_ids=sorted(set(part["source_id"])),
                caption=f"Military spending of {result.meta['name']} (SIPRI), constant {base} prices.",
                alt=f"Line chart of the military spending of {result.meta['name']} by year.",
            )
        )
    targets = result.tables["targets"].dropna(subset=["share_gdp_pct"])
    if len(targets):
        charts.append(
            Chart(
                id="country-share",
                title="Share of GDP against the targets",
                kind="line",
                data=pd.DataFrame(
                    {
                        "year": targets["year"].astype(int),
                        "share_gdp_pct": targets["share_gdp_pct"],
                        "basis": targets["basis"],
                    }
                ),
                x="year",
                y="share_gdp_pct",
                y_label="Defence spending, % of GDP",
                unit="% of GDP",
                decimals=2,
                rules=[
                    Rule(2.0, "2 % (Wales 2014)"),
                    Rule(3.5, "3.5 % core (The Hague 2025)"),
                    Rule(5.0, "5 % total (The Hague 2025)"),
                ],
                source_ids=sorted(
                    {s for c in targets.get("sources", []) for s in str(c).split(";") if s}
                ),
                caption="Share of GDP: NATO's figure where NATO publishes one, else SIPRI's "
                "(column basis in the CSV); lines: the NATO targets.",
                alt="Line chart of defence spending as a share of GDP against the 2, 3.5 and 5 % targets.",
            )
        )
    return [chart_html(c) for c in charts]


def trend_chart_of_dashboard() -> Chart:
    """The dashboard's spending trend, at the newest price base the data carries."""
    from europillar.data.query import FIRST_YEAR
    from europillar.plots.power import trend_chart
    from europillar.web import dashboard

    frame = dashboard.power_frame()
    constants = sorted(
        i for i in set(frame["indicator"]) if str(i).startswith("milex_usd_constant")
    )
    constant = constants[-1] if constants else "milex_usd_constant2023_m"
    return trend_chart(frame, FIRST_YEAR, dashboard.default_year(), constant=constant)


def burden_chart_of_dashboard() -> Chart:
    from europillar.plots.burden import share_chart
    from europillar.web import dashboard

    frame = dashboard.burden_frame()
    rows = frame[frame["basis"] != ""]
    return share_chart(rows, dashboard.default_year(), None, dashboard.targets())


@functools.lru_cache(maxsize=1)
def dashboard_charts() -> dict[str, str]:
    """The overview's interactive charts (the data never change while the server runs)."""
    return {
        "power": chart_html(trend_chart_of_dashboard()),
        "burden": chart_html(burden_chart_of_dashboard()),
    }


def _render(request: Request, name: str, **context: Any) -> HTMLResponse:
    from europillar.web.pages import templates

    return templates.TemplateResponse(request, name, context)


@pages.get("/sources", response_class=HTMLResponse)
def sources_page(request: Request) -> HTMLResponse:
    return _render(request, "sources.html", title="Sources", sources=sources_rows())


@pages.get("/country", response_class=HTMLResponse)
def countries_page(request: Request) -> HTMLResponse:
    return _render(request, "countries.html", title="Country profiles", states=european_states())


@pages.get("/country/{iso3}", response_class=HTMLResponse)
def country_page(iso3: str, request: Request, scenario: str = DEFAULT_SCENARIO) -> HTMLResponse:
    from europillar.scenario import preset_names

    result = profile(iso3, scenario)
    from europillar.profile import SHOWN_COLUMNS

    tables = {
        name: screen_table(frame[[c for c in SHOWN_COLUMNS.get(name, frame.columns) if c in frame]])
        for name, frame in result.tables.items()
    }
    return _render(
        request,
        "country.html",
        title=str(result.meta["name"]),
        result=result,
        tables=tables,
        charts=profile_charts(result),
        scenario=scenario,
        presets=preset_names(),
        states=european_states(),
    )


@api.get("/sources")
def sources_table(format: Annotated[Literal["json", "csv"], Query()] = "json") -> Response:
    """The whole sources registry (full citations and terms of use)."""
    import pandas as pd

    return table_response(pd.DataFrame(sources_rows()), format, "sources")


ProfileTable = Literal[
    "summary",
    "spending",
    "targets",
    "personnel",
    "holdings",
    "orders",
    "threats",
    "voting",
    "contribution",
]


@api.get("/country/{iso3}")
def country_table(
    iso3: str,
    scenario: str = DEFAULT_SCENARIO,
    table: ProfileTable = "summary",
    format: Annotated[Literal["json", "csv"], Query()] = "json",
) -> Response:
    """One table of a country's profile (the same figures as ``europillar country``)."""
    result = profile(iso3, scenario)
    return table_response(
        result.tables[table],
        format,
        f"{result.meta['iso3']}_{table}",
        country=result.meta["iso3"],
        sources=list(result.sources),
        notes=list(result.notes),
    )
