"""Report section: NATO burden sharing, gaps to targets, US share, Olson–Zeckhauser test."""

from __future__ import annotations

import math
from html import escape

import pandas as pd

from europillar.burden import BurdenResult, Target, gap_totals
from europillar.plots.burden import share_chart, us_share_chart
from europillar.report.section import ReportContext, Section
from europillar.report.tables import (
    chart_figure,
    html_table,
    number,
    reproduce,
    screen_only,
    source_line,
)
from europillar.result import Result


def _sources(frame: pd.DataFrame) -> list[str]:
    return sorted({s for cell in frame["sources"] for s in str(cell).split(";") if s})


def _member_table(
    rows: pd.DataFrame, year: int, names: dict[str, str], targets: list[Target]
) -> str:
    rows = rows.assign(_name=[names.get(i, i) for i in rows["iso3"]]).sort_values("_name")
    shown = pd.DataFrame(
        {
            "Country": [names.get(i, i) for i in rows["iso3"]],
            "Basis": [b or "no data" for b in rows["basis"]],
            "Spending, USD m": rows["spending_usd_current_m"].round(0),
            "GDP, USD bn": (rows["gdp_usd_current_m"] / 1e3).round(1),
            "Share of GDP, %": rows["share_gdp_pct"],
            **{f"Gap to {number(t.pct_of_gdp, 1)} %, USD m": rows[t.id].round(0) for t in targets},
            "Estimate": rows["includes_estimates"],
        }
    )
    digits = {
        "Spending, USD m": 0,
        "GDP, USD bn": 1,
        "Share of GDP, %": 2,
        **{f"Gap to {number(t.pct_of_gdp, 1)} %, USD m": 0 for t in targets},
    }
    return html_table(
        shown,
        f"NATO Allies in {year}: defence spending, share of GDP and gaps "
        "to the targets (USD m, current prices and exchange rates of the year)",
        digits=digits,
        row_header="Country",
    )


def _gap_html(burden: pd.DataFrame, year: int, targets: list[Target]) -> str:
    parts = []
    for group, rows in (
        ("European Allies and Canada", burden[burden["iso3"] != "USA"]),
        ("All Allies", burden),
    ):
        totals = gap_totals(rows[rows["year"] == year], targets)
        totals.insert(0, "Group", group)
        parts.append(totals)
    table = pd.concat(parts, ignore_index=True)
    shown = pd.DataFrame(
        {
            "Group": table["Group"],
            "Target": table["target"],
            "Gap, USD bn": table["gap_usd_current_m"] / 1e3,
            "Allies below target": table["n_below_target"],
            "Allies without data": table["n_missing"],
        }
    )
    return html_table(
        shown,
        f"Total gap to each target in {year} (USD bn, current prices; "
        "the sum over Allies below the target of target % × GDP − spending)",
        digits={"Gap, USD bn": 1, "Allies below target": 0, "Allies without data": 0},
        row_header="Group",
    )


def render(result: Result, ctx: ReportContext) -> Section:
    """The burden-sharing section from the burden engine's result."""
    assert isinstance(result, BurdenResult)
    years = list(result.meta["years"])
    first, year = years[0], years[-1]
    targets = result.targets
    target_sources = sorted({t.source_id for t in targets})
    burden = result.members
    rows = burden[burden["year"] == year]
    have = rows[rows["basis"] != ""]
    share = result.us_share.dropna(subset=["us_share_pct"])
    oz = result.tables["ozeckhauser"]
    year_sources = _sources(have)
    share_sources = _sources(share)
    bases = have["basis"].value_counts()
    missing = rows.loc[rows["basis"] == "", "iso3"]
    names = ctx.names()
    missing_text = (
        f"<p>No figures for {year}: {escape(', '.join(names.get(i, i) for i in missing))}."
        " These Allies are left out of every total (nothing is filled in).</p>"
        if len(missing)
        else ""
    )
    meets = int((have["share_gdp_pct"] >= 2.0).sum())
    editions = sorted({v for v in have["vintage"] if v.startswith("nato")})
    definitions = sorted({d for d in have["definition"] if d and d != "SIPRI"})
    later = ""
    if year < ctx.year:
        later = (
            f"<p>This section shows {year}, the latest year whose NATO release (as published "
            f"that year) gives spending and GDP for the Allies: NATO's release for "
            f"{ctx.year} is shipped only in part (shares of GDP for some Allies; "
            f"<code>europillar burden --year {ctx.year}</code> lists them and the Allies "
            "not covered).</p>"
        )
    intro = (
        f"<p>In {year}, {meets} of the {len(have)} Allies with figures spent at least 2 % of "
        f"GDP on defence. Figures are NATO's own for "
        f"{int(bases.get('NATO', 0))} Allies (edition {escape(', '.join(editions) or '–')}, "
        f"{escape(', '.join(definitions) or '–')} definition) and SIPRI's for "
        f"{int(bases.get('SIPRI', 0))} (states NATO does not report); the <em>Basis</em> "
        "column says which. NATO's share is of real GDP at the edition's prices; gaps are "
        "computed from spending and GDP in current US dollars of the year. Each year reads "
        "NATO's release of that year and never mixes editions or definitions.</p>"
        + later
        + missing_text
    )
    share_table = pd.DataFrame(
        {
            "Year": [str(y) for y in share["year"]],
            "USA, USD bn": share["usa_usd_current_m"] / 1e3,
            "All Allies, USD bn": share["nato_total_usd_current_m"] / 1e3,
            "US share, %": share["us_share_pct"],
            "Allies without figures": share["missing_members"].str.replace(";", ", "),
        }
    )
    oz_table = pd.DataFrame(
        {
            "Year": [str(y) for y in oz["year"]],
            "n": oz["n"],
            "Spearman rho": oz["spearman_rho"],
            "p-value": oz["p_value"],
            "Exploitation pattern (rho > 0, p < 0.05)": oz["exploitation_supported"],
        }
    )
    latest = oz[oz["year"] == year].iloc[0]
    oz_text = (
        "<p>Olson and Zeckhauser (1966) argued that in an alliance producing a public good "
        "(deterrence), large members carry a disproportionate share of the burden and small "
        "ones under-provide. The test: a positive rank correlation between an Ally's GDP "
        "and its defence burden (% of GDP). Spearman's rank correlation (SciPy "
        "<code>spearmanr</code>) over Allies with figures in each year.</p>"
        f"<p>In {year}: rho = {number(latest['spearman_rho'], 2)}, p = "
        f"{number(latest['p_value'], 3)}, n = {int(latest['n'])}: the exploitation pattern is "
        f"{'present' if latest['exploitation_supported'] else 'not found'} at the 5 % level."
        "</p>"
        if not math.isnan(latest["spearman_rho"])
        else "<p>Too few Allies with data.</p>"
    )
    html = (
        f'<h3 id="burden-share">Defence spending as a share of GDP, {year}</h3>'
        + intro
        + chart_figure(share_chart(have, year, names, targets), year_sources + target_sources)
        + screen_only(_member_table(rows, year, names, targets))
        + source_line(year_sources + target_sources)
        + f'<h3 id="burden-gaps">Gaps to the 2 %, 3.5 % and 5 % targets, {year}</h3>'
        + "<p>Gap = max(0, target % × GDP − spending), per Ally, in the year's prices. The "
        "Hague targets (2025) apply by 2035; today's gap shows the distance at today's GDP. "
        "The 5 % target includes up to 1.5 % of GDP of defence- and security-related "
        "spending (infrastructure, resilience) that no dataset here measures, so the gap to "
        "5 % is an upper bound.</p>"
        + _gap_html(burden, year, targets)
        + source_line(year_sources + target_sources)
        + f'<h3 id="burden-us">US share of NATO defence spending, {first}–{year}</h3>'
        + chart_figure(us_share_chart(share), share_sources)
        + screen_only(
            html_table(
                share_table,
                "US share of NATO Allies' defence spending (NATO "
                "definition, USD bn, current prices and exchange rates)",
                digits={"US share, %": 1},
                row_header="Year",
            )
        )
        + source_line(share_sources)
        + '<h3 id="burden-oz">Olson–Zeckhauser exploitation test</h3>'
        + oz_text
        + screen_only(
            html_table(
                oz_table,
                "Spearman rank correlation between GDP (USD, current) and "
                "defence spending as % of GDP among NATO Allies",
                digits={"Spearman rho": 2, "p-value": 3, "n": 0},
                row_header="Year",
            )
        )
        + source_line(_sources(burden))
        + reproduce(ctx, "burden")
    )
    return Section(
        "burden",
        "Burden sharing in NATO",
        html,
        sorted(set(_sources(burden)) | set(share_sources) | set(target_sources)),
    )
