"""Report appendix: one line per European state, the head of its country profile.

Every table of the report that names a country links here (``#country-ISO3``); the full
profile of a state is ``europillar country ISO3`` or ``/country/ISO3`` in the web app.
"""

from __future__ import annotations

from html import escape

import pandas as pd

from europillar.export import labels
from europillar.profile import ProfileResult
from europillar.report.section import ReportContext, Section
from europillar.report.tables import number, reproduce, source_line
from europillar.result import Result


def _row(r: pd.Series) -> str:
    iso3 = str(r["iso3"])

    def cell(value: object, digits: int, year: object = None) -> str:
        text = number(value, digits) if value is not None else "–"
        if text != "–" and year is not None and not pd.isna(year):
            text += f' <span class="yr">{int(year)}</span>'  # type: ignore[call-overload]
        return f'<td class="num">{text}</td>'

    share = cell(r["share_gdp_pct"], 2, r["share_year"])
    if r["share_basis"]:
        share = share.replace("</td>", f' <span class="yr">{escape(r["share_basis"])}</span></td>')
    milex = r["milex_usd_constant2023_m"]
    return (
        f'<tr id="country-{iso3}"><th scope="row">{escape(labels.country(iso3))}</th>'
        + cell(None if pd.isna(milex) else milex / 1e3, 1, r["milex_year"])
        + share
        + cell(r["personnel_k"], 1, r["personnel_year"])
        + f'<td class="num">{int(r["categories_with_figure"])} of {int(r["categories_total"])}</td>'
        + cell(r["banzhaf_qmv"], 4)
        + cell(r["fair_share_pct"], 2)
        + "</tr>"
    )


def render(result: Result, ctx: ReportContext) -> Section:
    """The country appendix from the profile engine's overview table."""
    assert isinstance(result, ProfileResult)
    table = result.tables["overview"]
    head = "".join(
        f'<th scope="col"{" class=num" if i else ""}>{escape(h)}</th>'
        for i, h in enumerate(
            [
                "Country",
                "Military spending, USD bn (constant 2023)",
                "Share of GDP, % (basis)",
                "Personnel, thousand",
                "Categories with a cited holding",
                "QMV voting power (Banzhaf)",
                f"Fair share of the gap, % ({ctx.scenario.name})",
            ]
        )
    )
    rows = "".join(_row(r) for _, r in table.iterrows())
    sources = sorted({s for cell in table["source_id"] for s in str(cell).split(";") if s})
    html = (
        "<p>The head of every European state's profile: its latest military spending, share "
        "of GDP (NATO's figure where NATO publishes one, else SIPRI's), personnel (NATO, else "
        "Correlates of War), how many of the 29 capability categories have a cited holding, "
        "its voting power under qualified majority (EU members) and its fair share of this "
        "scenario's gap (members of the scenario's bloc). A dash is a missing figure, never "
        "a zero. The full profile of a state (spending and share of GDP since 2014 against "
        "the targets, holdings by category with sources, orders, threat priorities, power "
        "under every rule): <code>europillar country ISO3</code>, or "
        "<code>/country/ISO3</code> in the web app.</p>"
        '<div class="table-wrap"><table class="countries"><caption>European states: '
        "profile summary (year of each figure in small type)</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>"
        + source_line(sources)
        + reproduce(ctx, "profile")
    )
    return Section("countries", "Appendix: country profiles", html, sources)
