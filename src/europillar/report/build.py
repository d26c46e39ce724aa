"""Assemble the HTML report: header, summary box, contents, sections, missing data, sources.

The page is self-contained (inline CSS and SVG, no scripts, no external files) and carries
no timestamp, so the same data and year give the same bytes.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import jinja2

from europillar.data import load
from europillar.report.context import FIRST_YEAR, dataset_version, label, observations
from europillar.report.missing import missing_data_html
from europillar.report.sections import Section, build_sections
from europillar.report.sections.power import bloc_comparison, latest_year_with
from europillar.report.tables import number

TEMPLATES = Path(__file__).resolve().parent / "templates"


@dataclass(frozen=True)
class Headline:
    """One number in the summary box."""

    label: str
    value: str
    note: str


def headlines(year: int) -> tuple[list[Headline], list[str]]:
    """Europe vs USA: spending, share of GDP and personnel, with the sources used."""
    frame = bloc_comparison(year)
    sources: set[str] = set()

    def cell(bloc: str, indicator: str, at: int) -> tuple[float, bool]:
        row = frame[(frame.bloc == bloc) & (frame.year == at) & (frame.indicator == indicator)]
        r = row.iloc[0]
        sources.update(s for s in r["sources"].split(";") if s)
        return float(r["value"]), bool(r["complete"])

    def fmt(value: float, complete: bool, scale: float, digits: int, unit: str) -> str:
        if math.isnan(value):
            return "–"
        return number(value * scale, digits) + unit + ("" if complete else " †")

    items = []
    usa, usa_ok = cell("USA", "milex_usd_constant2023_m", year)
    for bloc in ("EU27", "EUROPEAN_NATO"):
        own, ok = cell(bloc, "milex_usd_constant2023_m", year)
        ratio = (
            ""
            if math.isnan(own) or math.isnan(usa)
            else (f"{number(100 * own / usa, 0)} % of the US figure")
        )
        items.append(
            Headline(
                f"{label(bloc)} military spending, {year}",
                fmt(own, ok, 1e-3, 0, " USD bn"),
                f"constant 2023 prices; {ratio}",
            )
        )
    items.append(
        Headline(
            f"United States military spending, {year}",
            fmt(usa, usa_ok, 1e-3, 0, " USD bn"),
            "constant 2023 prices",
        )
    )
    shares = []
    for bloc in ("EU27", "EUROPEAN_NATO", "USA"):
        value, ok = cell(bloc, "milex_share_gdp_pct", year)
        shares.append(f"{label(bloc)} {fmt(value, ok, 1.0, 2, ' %')}")
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
            people.append(f"{label(bloc)} {fmt(value, ok, 1.0, 0, ' k')}")
        items.append(
            Headline(
                f"Active military personnel, {personnel_year}",
                " · ".join(people),
                "thousand; latest year of the Correlates of War series",
            )
        )
    return items, sorted(sources)


def sources_table(source_ids: Sequence[str]) -> list[dict[str, str]]:
    """Registry rows for every cited source id; an id not in the registry is listed as such."""
    registry = load("sources").set_index("source_id")
    rows = []
    for source_id in sorted(set(source_ids)):
        if source_id in registry.index:
            entry = registry.loc[source_id]
            rows.append(
                {
                    "id": source_id,
                    **{
                        k: str(entry.get(k, ""))
                        for k in ("publisher", "title", "edition", "date", "url", "terms", "note")
                    },
                }
            )
        else:
            rows.append(
                {
                    "id": source_id,
                    "publisher": "",
                    "title": "(not in the sources registry)",
                    "edition": "",
                    "date": "",
                    "url": "",
                    "terms": "",
                    "note": "",
                }
            )
    return rows


def render(year: int, sections: Sequence[Section], skipped: Sequence[str] = ()) -> str:
    """The whole HTML page for ``year`` from already built sections.

    ``skipped`` names section modules that failed to build; the page says so.
    """
    items, summary_sources = headlines(year)
    missing_html, missing_sources = missing_data_html(observations(), year)
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
        year=year,
        first_year=FIRST_YEAR,
        version=dataset_version(),
        headlines=items,
        summary_sources=summary_sources,
        sections=list(sections),
        missing_html=missing_html,
        sources=sources_table(sorted(cited)),
        skipped=list(skipped),
        css=(TEMPLATES / "report.css").read_text("utf-8"),
    )


def build_report(year: int, progress: Callable[[str], None] | None = None) -> str:
    """Build every registered section for ``year`` and render the page."""
    return render(year, build_sections(year, progress=progress))
