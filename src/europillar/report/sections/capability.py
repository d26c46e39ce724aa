"""Report section: capability gaps if the US withdraws, cost to close them, fair shares."""

from __future__ import annotations

from html import escape

import matplotlib.pyplot as plt
import pandas as pd

from europillar.capability import GapResult, compute_gaps
from europillar.report.context import country_names
from europillar.report.figures import svg
from europillar.report.sections import Section
from europillar.report.tables import figure, html_table, number, source_line
from europillar.scenario import load_scenario

HEADLINE = "replace_us_full"
STUDY = "bruegel_kiel_2025"


def _ids(cells: pd.Series) -> list[str]:
    return sorted(
        {s for cell in cells.dropna() for s in str(cell).split(";") if s and s != "scenario"}
    )


def coverage_chart(result: GapResult) -> str:
    """Bars: share of the requirement covered by European forces and by the remaining US."""
    rows = result.by_category.dropna(subset=["coverage_ratio"])
    rows = rows[rows["requirement"] > 0].iloc[::-1]
    europe = rows["european_available"] / rows["requirement"] * 100
    us = rows["us_available"] / rows["requirement"] * 100
    fig, ax = plt.subplots(figsize=(7.5, max(2.5, 0.35 * len(rows) + 1)))
    ax.barh(rows["category"], europe, color="#0072B2", label="European available")
    ax.barh(rows["category"], us, left=europe, color="#E69F00", label="US remaining")
    ax.axvline(100, color="#000000", linewidth=1)
    ax.set_xlabel("Share of the requirement covered, %")
    ax.legend(frameon=False, fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=2)
    alt = (
        "Horizontal bar chart of the share of each capability requirement covered by "
        "European forces and by the remaining US contribution; the line marks 100 percent."
    )
    return svg(fig, alt)


def _gap_table(result: GapResult, caption: str) -> str:
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
        }
    )
    digits = {
        c: 0 for c in ("Requirement", "European available", "US today", "US remaining", "Gap")
    }
    return html_table(shown, caption, digits=digits, row_header="Category")


def _cost_table(result: GapResult) -> str:
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


def _member_table(result: GapResult) -> str:
    names = country_names()
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


def build(year: int) -> Section | None:
    scenario = load_scenario(HEADLINE)
    result = compute_gaps(scenario)
    known = result.by_category.dropna(subset=["gap"])
    if known.empty:
        return None
    study = compute_gaps(load_scenario(STUDY))
    gap_sources = _ids(result.by_category["source_ids"])
    cost_sources = _ids(result.costs["source_ids"])
    member_sources = _ids(result.apportionment["source_ids"])
    study_sources = _ids(study.by_category["source_ids"])
    usd = result.totals[result.totals["money"].str.startswith("USD m")]
    total = float(usd["total"].sum()) if not usd.empty else float("nan")
    missing = ", ".join(escape(c) for c in result.missing_categories) or "none"
    html = [
        (
            f"<p>Scenario <code>{HEADLINE}</code>: {escape(scenario.title)}. The US withdraws "
            f"from every category by {scenario.target}; the requirement is today's European "
            "available force plus today's US contribution, so each gap is what the US stops "
            f"providing. Costed gaps add up to {number(total / 1e3, 1)} USD bn (central, cited "
            "price years). Inventory figures held for only some members are lower bounds; "
            "categories without a cited figure are listed below, never counted as zero. "
            f"(Reference year of the report: {year}; the scenario's base year: "
            f"{scenario.base_year}.)</p>"
        ),
        figure(
            coverage_chart(result),
            "Coverage of each requirement with the US withdrawn "
            "(categories with a known requirement)",
            gap_sources,
        ),
        _gap_table(
            result,
            "Capability gaps with the US withdrawn (units as in the taxonomy; "
            "a negative gap is a surplus)",
        ),
        source_line(gap_sources),
        _cost_table(result),
        source_line(cost_sources),
        _member_table(result),
        source_line(member_sources),
        (
            f"<h3>Bruegel/Kiel (February 2025) land-force estimate</h3>"
            f"<p>Scenario <code>{STUDY}</code>: {escape(load_scenario(STUDY).title)}.</p>"
        ),
        _gap_table(study, "Bruegel/Kiel additions to European land forces with the US withdrawn"),
        source_line(study_sources),
        f"<p><strong>Categories with missing data</strong> ({HEADLINE}): {missing}.</p>",
    ]
    sources = sorted(
        set(gap_sources + cost_sources + member_sources + study_sources + result.source_ids)
    )
    return Section("capability", "Capability gaps without the US", "\n".join(html), sources)
