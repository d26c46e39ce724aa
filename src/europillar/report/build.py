"""Build the report from one scenario: run each engine once, render, write page and data.

``build_report(scenario, year)`` runs every domain a section needs through the one
runner (with the report's options below), renders the sections, and returns the files
to write: ``index.html`` (self-contained: inline CSS and SVG, no scripts) and every
result table as canonical CSV under ``data/<domain>/`` with the result's metadata.
No timestamp anywhere: the same data, scenario and year give the same bytes.
"""

from __future__ import annotations

import math
import shlex
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2

from europillar import __version__
from europillar.data.query import FIRST_YEAR, check_year, default_year
from europillar.errors import InputError
from europillar.report.missing import missing_data_html
from europillar.report.section import ReportContext, Section, SectionError, SectionSpec
from europillar.report.tables import number

if TYPE_CHECKING:
    from europillar.dataset import Dataset
    from europillar.power import PowerResult
    from europillar.result import Result
    from europillar.scenario.schema import Scenario

TEMPLATES = Path(__file__).resolve().parent / "templates"


def report_options(year: int, dataset: Dataset) -> dict[str, dict[str, Any]]:
    """The report's own options per domain (on top of the scenario): the trend years, the
    rules compared, every theatre on a fast ISR run, and the command optimisation."""
    from europillar.burden.prepare import latest_full_year
    from europillar.isr import load_theatres
    from europillar.report.sections.decisions import REPORT_RULES
    from europillar.report.sections.isr import FAST_RUN

    return {
        "power": {"first_year": FIRST_YEAR, "last_year": year},
        "burden": {"first_year": FIRST_YEAR, "last_year": latest_full_year(dataset, year)},
        "decisions": {"compare_rules": REPORT_RULES, "clusters": 2},
        "isr": {"theatres": sorted(load_theatres(dataset)), **FAST_RUN},
        "command": {"optimise": True},
        "profile": {"overview": True},
    }


COMMANDS = {
    "power": ("compare", {"first_year": "--from", "last_year": "--to"}),
    "burden": ("burden", {"first_year": "--from", "last_year": "--to"}),
    "capability": ("gaps", {}),
    "transition": ("transition", {}),
    "decisions": ("threats", {"clusters": "--clusters"}),
    "procurement": ("procure", {}),
    "isr": (
        "isr",
        {
            "theatres": "--theatre",
            "days": "--days",
            "step_seconds": "--step-seconds",
            "grid_deg": "--grid-deg",
        },
    ),
    "command": ("command", {"optimise": "--optimise"}),
    "profile": ("country", {}),
}


def command_line(domain: str, scenario: str, options: Mapping[str, Any]) -> str:
    """The CLI command that reproduces a domain's run."""
    name, flags = COMMANDS[domain]
    parts = ["europillar", name, "--scenario", scenario]
    if domain == "profile":  # one state at a time: the reader names it
        return f"europillar country ISO3 --scenario {shlex.quote(scenario)}"
    for key, flag in flags.items():
        value = options.get(key)
        if value is True:
            parts.append(flag)
        elif isinstance(value, list):
            parts += [flag, ",".join(map(str, value))]
        elif value is not None:
            parts += [flag, f"{value:g}" if isinstance(value, float) else str(value)]
    return " ".join(shlex.quote(p) for p in parts)


@dataclass(frozen=True)
class Headline:
    """One number in the summary box."""

    label: str
    value: str
    note: str


def headlines(power: PowerResult, ctx: ReportContext) -> tuple[list[Headline], list[str]]:
    """Europe vs USA: spending, share of GDP and personnel, with the sources used."""
    from europillar.report.sections.power import latest_year_with

    frame, year = power.comparison, ctx.year
    sources: set[str] = set()

    def cell(bloc: str, indicator: str, at: int) -> tuple[float, bool]:
        row = frame[(frame.bloc == bloc) & (frame.year == at) & (frame.indicator == indicator)]
        if row.empty:
            return float("nan"), False
        r = row.iloc[0]
        sources.update(s for s in r["sources"].split(";") if s)
        return float(r["value"]), bool(r["complete"])

    def fmt(value: float, complete: bool, scale: float, digits: int, unit: str) -> str:
        if math.isnan(value):
            return "–"
        return number(value * scale, digits) + unit + ("" if complete else " †")

    items = []
    constant = str(power.meta.get("constant", "milex_usd_constant2023_m"))
    prices = (
        "constant " + constant.removeprefix("milex_usd_constant").removesuffix("_m") + " prices"
    )
    usa, usa_ok = cell("USA", constant, year)
    for bloc in ("EU27", "EUROPEAN_NATO"):
        own, ok = cell(bloc, constant, year)
        ratio = (
            ""
            if math.isnan(own) or math.isnan(usa)
            else (f"{number(100 * own / usa, 0)} % of the US figure")
        )
        items.append(
            Headline(
                f"{ctx.label(bloc)} military spending, {year}",
                fmt(own, ok, 1e-3, 0, " USD bn"),
                f"{prices}; {ratio}",
            )
        )
    items.append(
        Headline(
            f"United States military spending, {year}",
            fmt(usa, usa_ok, 1e-3, 0, " USD bn"),
            prices,
        )
    )
    shares = []
    for bloc in ("EU27", "EUROPEAN_NATO", "USA"):
        value, ok = cell(bloc, "milex_share_gdp_pct", year)
        shares.append(f"{ctx.label(bloc)} {fmt(value, ok, 1.0, 2, ' %')}")
    items.append(
        Headline(
            f"Share of GDP, {year}",
            " · ".join(shares),
            "bloc spending ÷ bloc GDP: SIPRI spending; World Bank GDP, or GDP derived "
            "from SIPRI (spending ÷ share of GDP) where the World Bank has none",
        )
    )
    personnel_year = latest_year_with(frame, "personnel_active_k", year)
    if personnel_year is not None:
        people = []
        for bloc in ("EU27", "EUROPEAN_NATO", "USA"):
            value, ok = cell(bloc, "personnel_active_k", personnel_year)
            people.append(f"{ctx.label(bloc)} {fmt(value, ok, 1.0, 0, ' k')}")
        items.append(
            Headline(
                f"Active military personnel, {personnel_year}",
                " · ".join(people),
                "thousand; latest year of the Correlates of War series",
            )
        )
    return items, sorted(sources)


def sources_table(source_ids: Sequence[str], dataset: Dataset) -> list[dict[str, str]]:
    """Registry rows for every cited source id; an id not in the registry is listed as such."""
    registry = dataset.table("sources").set_index("source_id")
    fields = ("publisher", "title", "edition", "date", "url", "terms", "note")
    rows = []
    for source_id in sorted(set(source_ids)):
        if source_id in registry.index:
            entry = registry.loc[source_id]
            rows.append({"id": source_id, **{k: str(entry.get(k, "")) for k in fields}})
        else:
            empty = dict.fromkeys(fields, "")
            rows.append({"id": source_id, **empty, "title": "(not in the sources registry)"})
    return rows


def render_page(
    ctx: ReportContext,
    sections: Sequence[Section],
    power: PowerResult,
    results: Mapping[str, Result] | None = None,
) -> str:
    """The whole HTML page from the rendered sections (``results`` give the executive
    summary's answers)."""
    from europillar.charts import inline_assets
    from europillar.report.summary import answers

    items, summary_sources = headlines(power, ctx)
    summary = answers(results or {"power": power}, ctx)
    for answer in summary:
        summary_sources = sorted({*summary_sources, *answer.sources})
    missing_html, missing_sources = missing_data_html(ctx.dataset, ctx.year)
    cited = set(summary_sources) | set(missing_sources)
    for section in sections:
        cited.update(section.source_ids)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        keep_trailing_newline=True,
    )
    template = env.get_template("report.html.j2")
    return template.render(
        year=ctx.year,
        first_year=FIRST_YEAR,
        version=f"europillar {__version__}, dataset {ctx.dataset.version}",
        scenario=ctx.scenario,
        headlines=items,
        summary_sources=summary_sources,
        sections=list(sections),
        missing_html=missing_html,
        sources=sources_table(sorted(cited), ctx.dataset),
        css=(TEMPLATES / "report.css").read_text("utf-8"),
        answers=summary,
        chart_assets=inline_assets(),
    )


def data_files(results: Mapping[str, Result]) -> dict[str, str]:
    """Every result table as canonical CSV, and each result's metadata, by relative path."""
    from europillar.tabular import dumps

    files: dict[str, str] = {}
    for domain, result in results.items():
        for name in result.tables:
            files[f"data/{domain}/{name}.csv"] = result.table_csv(name)
        payload = result.to_payload()
        del payload["tables"]
        files[f"data/{domain}/result.json"] = dumps({**payload, "tables": list(result.tables)})
    return files


def build_report(
    scenario: Scenario,
    year: int | None = None,
    dataset: Dataset | None = None,
    sections: Sequence[SectionSpec] | None = None,
    progress: Callable[[str], None] | None = None,
    name_or_file: str | None = None,
) -> dict[str, str]:
    """Run the engines, render the sections and return {relative path: text} to write.

    ``name_or_file`` is what the user passed as ``--scenario`` (for the reproduce lines).
    """
    from europillar import dataset as dataset_module
    from europillar import runner
    from europillar.report.sections import SECTIONS

    data = dataset if dataset is not None else dataset_module.load()
    chosen = check_year(year, data) if year is not None else default_year(data)
    specs = list(SECTIONS if sections is None else sections)
    options = report_options(chosen, data)
    domains = list(dict.fromkeys(["power", *(s.domain for s in specs)]))
    results: dict[str, Result] = {}
    for domain in domains:
        if progress is not None:
            progress(f"running {domain}")
        try:
            results[domain] = runner.run(domain, scenario, data, **options.get(domain, {}))
        except InputError:
            raise
        except Exception as exc:  # any other failure stops the report, naming the section
            raise SectionError(domain, exc) from exc
    ref = name_or_file or scenario.name
    commands = {d: command_line(d, ref, options.get(d, {})) for d in domains}
    ctx = ReportContext(chosen, scenario, data, commands)
    rendered = []
    for spec in specs:
        if progress is not None:
            progress(f"rendering {spec.id}")
        try:
            rendered.append(spec.render(results[spec.domain], ctx))
        except Exception as exc:
            raise SectionError(spec.id, exc) from exc
    from europillar.power import PowerResult

    power = results["power"]
    assert isinstance(power, PowerResult)
    from europillar.charts import extract_files

    page = render_page(ctx, rendered, power, results)
    return {"index.html": page, **extract_files(page), **data_files(results)}


def build_section(
    section_id: str,
    scenario: Scenario | str,
    year: int | None = None,
    dataset: Dataset | None = None,
) -> Section:
    """One section alone, exactly as the report builds it (runner, report options, render)."""
    from europillar import dataset as dataset_module
    from europillar import runner
    from europillar.report.sections import SECTIONS

    specs = {s.id: s for s in SECTIONS}
    if section_id not in specs:
        raise InputError(None, "section", section_id, "unknown report section", list(specs))
    spec = specs[section_id]
    data = dataset if dataset is not None else dataset_module.load()
    chosen = check_year(year, data) if year is not None else default_year(data)
    loaded = runner.resolve_scenario(scenario)
    options = report_options(chosen, data).get(spec.domain, {})
    result = runner.run(spec.domain, loaded, data, **options)
    ref = scenario if isinstance(scenario, str) else loaded.name
    commands = {spec.domain: command_line(spec.domain, ref, options)}
    return spec.render(result, ReportContext(chosen, loaded, data, commands))
