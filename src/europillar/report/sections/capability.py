"""Report section: capability gaps if the US withdraws, cost to close them, fair shares."""

from __future__ import annotations

from html import escape

import pandas as pd

from europillar.capability import CapabilityResult
from europillar.plots.capability import coverage_chart
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


def _ids(cells: pd.Series) -> list[str]:
    return sorted(
        {s for cell in cells.dropna() for s in str(cell).split(";") if s and s != "scenario"}
    )


def _gap_table(result: CapabilityResult, caption: str) -> str:
    rows = result.by_category
    shown = pd.DataFrame(
        {
            "Category": rows["name"],
            "Unit": rows["unit"],
            "Requirement": rows["requirement"],
            "European available": rows["european_available"],
            "US today": rows["us_contribution_full"],
            "US remaining": rows["us_available"],
            "Gap": rows["gap"],
            "Data": rows["data_status"],
            "Data coverage": rows.get("coverage", pd.Series("", index=rows.index)),
        }
    )
    digits = {
        c: 0 for c in ("Requirement", "European available", "US today", "US remaining", "Gap")
    }
    return html_table(shown, caption, digits=digits, row_header="Category")


def _cost_table(result: CapabilityResult) -> str:
    costs = result.costs[result.costs["units_to_buy"] > 0]
    shown = pd.DataFrame(
        {
            "Category": costs["category"],
            "Units to buy": costs["units_to_buy"],
            "Low, USD bn": costs["total_low"] / 1e3,
            "Central, USD bn": costs["total_central"] / 1e3,
            "High, USD bn": costs["total_high"] / 1e3,
            "Per year (central), USD bn": costs["annual_central"] / 1e3,
            "Status": costs["cost_status"],
            "Data coverage": costs.get("coverage", pd.Series("", index=costs.index)),
        }
    )
    digits = {
        "Units to buy": 0,
        "Low, USD bn": 1,
        "Central, USD bn": 1,
        "High, USD bn": 1,
        "Per year (central), USD bn": 2,
    }
    return html_table(
        shown,
        "Cost to close each gap by the target year (USD bn at the cited "
        "price years, not deflated; acquisition plus operating where a cost is "
        "in the data)",
        digits=digits,
        row_header="Category",
    )


def _member_table(result: CapabilityResult, names: dict[str, str]) -> str:
    rows = result.apportionment.sort_values("share", ascending=False)
    shown = pd.DataFrame(
        {
            "Country": [names.get(i, i) for i in rows["iso3"]],
            "Share, %": rows["share_pct"],
            "Cost share per year, USD m": rows["annual_cost_share"],
            "Defence spending, USD m": rows["milex_usd_m"],
            "Cost share, % of spending": rows["cost_share_of_milex_pct"],
            "Spending today, % GDP": rows["milex_share_gdp_pct"],
            "With cost share, % GDP": rows["target_share_gdp_pct"],
        }
    )
    digits = {
        "Share, %": 2,
        "Cost share per year, USD m": 0,
        "Defence spending, USD m": 0,
        "Cost share, % of spending": 1,
        "Spending today, % GDP": 2,
        "With cost share, % GDP": 2,
    }
    return html_table(
        shown,
        f"Each member's fair share of the annual cost (key: {result.key}; "
        "spending: SIPRI, USD m current)",
        digits=digits,
        row_header="Country",
    )


def render(result: Result, ctx: ReportContext) -> Section:
    """The capability section from the capability engine's result."""
    assert isinstance(result, CapabilityResult)
    scenario = ctx.scenario
    gap_sources = _ids(result.by_category["source_ids"])
    cost_sources = _ids(result.costs["source_ids"])
    member_sources = _ids(result.apportionment["source_ids"])
    usd = result.totals[result.totals["money"].str.startswith("USD m")]
    total = float(usd["total"].sum()) if not usd.empty else float("nan")
    missing = ", ".join(escape(c) for c in result.missing) or "none"
    name = escape(scenario.name)
    html = [
        (
            f"<p>Scenario <code>{name}</code>: {escape(scenario.title)}. "
            f"{escape(' '.join(scenario.description.split()))} Gaps are what the requirement "
            f"needs beyond European forces and the US contribution that remains by "
            f"{scenario.target}. Costed gaps add up to {number(total / 1e3, 1)} USD bn "
            "(central, cited price years). Inventory figures held for only some members are "
            "lower bounds; categories without a cited figure are listed below, never counted "
            f"as zero. (Reference year of the report: {ctx.year}; the scenario's base year: "
            f"{scenario.base_year}.)</p>"
        ),
        chart_figure(coverage_chart(result.by_category), gap_sources),
        _gap_table(
            result,
            "Capability gaps (units as in the taxonomy; a negative gap is a surplus)",
        ),
        source_line(gap_sources),
        _cost_table(result),
        source_line(cost_sources),
        screen_only(_member_table(result, ctx.names())),
        source_line(member_sources),
        f"<p><strong>Categories with missing data</strong> ({name}): {missing}.</p>",
        (
            "<p><strong>Data coverage.</strong> Beside each figure: how many members have a "
            "cited holdings figure and the share of the bloc's military spending they hold. "
            "Below 80 % the coverage ratio (and a gap against a total requirement) is not "
            "shown: the row reads <em>insufficient data: N of M members</em> "
            "(docs/force-data.md).</p>"
        ),
        reproduce(ctx, "capability"),
    ]
    sources = sorted(set(gap_sources + cost_sources + member_sources + list(result.sources)))
    return Section("capability", "Capability gaps", "\n".join(html), sources)
