"""Report section: Europe (EU27, European NATO) against the USA, Russia and China."""

from __future__ import annotations

import dataclasses
import math
from html import escape

import pandas as pd

from europillar.data.query import members_by_year
from europillar.plots.power import trend_chart
from europillar.power import INDICATORS, PowerResult
from europillar.report.section import ReportContext, Section
from europillar.report.tables import chart_figure, html_table, number, screen_only, source_line
from europillar.result import Result

DAGGER = "†"


def latest_year_with(frame: pd.DataFrame, indicator: str, year: int) -> int | None:
    """Latest year ≤ ``year`` in which every default bloc has a value for ``indicator``."""
    part = frame[(frame["indicator"] == indicator) & (frame["year"] <= year)]
    ok = part.groupby("year")["value"].apply(lambda v: bool(v.notna().all()))
    years = [int(y) for y, good in ok.items() if good]
    return max(years) if years else None


def _cell(row: pd.Series, scale: float, digits: int) -> str:
    if math.isnan(row["value"]):
        return "–"
    text = number(row["value"] * scale, digits)
    return text + DAGGER if not row["complete"] else text


def _base(constant: str) -> str:
    return constant.removeprefix("milex_usd_constant").removesuffix("_m")


def headline_table(
    frame: pd.DataFrame, year: int, ctx: ReportContext, constant: str, membership: str
) -> tuple[str, list[str], list[str]]:
    """The year's comparison table, its footnotes (incomplete totals) and sources."""
    personnel_year = latest_year_with(frame, "personnel_active_k", year) or year
    base = _base(constant)
    columns = [
        ("milex_usd_current_m", year, 1e-3, 1, "Spending, USD bn, current"),
        (constant, year, 1e-3, 1, f"Spending, USD bn, constant {base}"),
        ("milex_ppp_intl_current_m", year, 1e-3, 1, "Spending at PPP, intl $ bn"),
        ("milex_share_gdp_pct", year, 1.0, 2, "Share of GDP, %"),
        ("milex_per_capita_usd", year, 1.0, 0, "Per capita, USD"),
        (
            "personnel_active_k",
            personnel_year,
            1.0,
            0,
            f"Active personnel (COW), thousand ({personnel_year})",
        ),
        (
            "nato_military_personnel_k",
            year,
            1.0,
            0,
            f"Military personnel (NATO), thousand ({year})",
        ),
        ("milex_real_growth_pct", year, 1.0, 1, f"Real growth {year - 1}–{year}, %"),
    ]
    rows: list[dict[str, str]] = []
    notes: list[str] = []
    sources: set[str] = set()
    for bloc in dict.fromkeys(frame["bloc"]):
        line = {"Bloc": ctx.label(bloc)}
        for indicator, at, scale, digits, title in columns:
            row = frame[(frame.bloc == bloc) & (frame.year == at) & (frame.indicator == indicator)]
            if row.empty:  # an indicator the scenario does not compare
                continue
            r = row.iloc[0]
            line[title] = _cell(r, scale, digits)
            if r["n_missing"] and not math.isnan(r["value"]):
                notes.append(
                    f"{ctx.label(bloc)}, {INDICATORS[indicator].label.lower()} ({at}): "
                    f"{r['n_missing']} of {r['n_members']} members without figures "
                    f"({r['missing_members'].replace(';', ', ')})."
                )
            sources.update(s for s in r["sources"].split(";") if s)
        rows.append(line)
    table = pd.DataFrame(rows)
    right = [c for c in table.columns if c != "Bloc"]
    html = html_table(
        table,
        f"EU vs USA military power comparison, {year}: Europe, the USA, "
        f"Russia and China (bloc totals; {membership})",
        row_header="Bloc",
        right=right,
    )
    return html, notes, sorted(sources)


def trend_table(frame: pd.DataFrame, ctx: ReportContext, constant: str) -> str:
    part = frame[frame["indicator"] == constant]
    table = part.pivot(index="year", columns="bloc", values="value") / 1e3
    flags = part.pivot(index="year", columns="bloc", values="complete")
    shown = pd.DataFrame({"Year": [str(y) for y in table.index]})
    for bloc in dict.fromkeys(part["bloc"]):
        shown[ctx.label(bloc)] = [
            "–" if math.isnan(v) else number(v, 1) + ("" if ok else DAGGER)
            for v, ok in zip(table[bloc], flags[bloc], strict=True)
        ]
    return html_table(
        shown,
        f"Military spending, USD bn at constant {_base(constant)} prices (the chart's figures)",
        row_header="Year",
        right=list(shown.columns[1:]),
    )


def real_change_table(
    index: pd.DataFrame, first_year: int, year: int, ctx: ReportContext, base: str
) -> str:
    """Real change since the first year per bloc from the chained same-member index."""
    rows: list[dict[str, object]] = []
    for bloc in dict.fromkeys(index["bloc"]):
        part = index[index["bloc"] == bloc].set_index("year")["index"]
        end = float(part.get(year, float("nan")))
        row: dict[str, object] = {"Bloc": ctx.label(bloc)}
        if year > 2022:  # split at Russia's full-scale invasion of Ukraine
            mid = float(part.get(2022, float("nan")))
            row[f"{first_year}–2022, %"] = mid - 100.0
            row[f"2022–{year}, %"] = 100.0 * end / mid - 100.0
        row[f"{first_year}–{year}, %"] = end - 100.0
        rows.append(row)
    caption = (
        f"Real change in military spending (constant {base} prices), chained year on "
        "year over the same members"
    )
    if year > 2022:
        caption += ": before and after Russia’s full-scale invasion of Ukraine in 2022"
    return html_table(pd.DataFrame(rows), caption, row_header="Bloc")


def membership_note(years: list[int], ctx: ReportContext, membership: str = "as-of") -> str:
    """Which members joined or left the European blocs during the trend period."""
    from europillar.blocs import Membership

    rule = Membership.parse(membership)
    if rule.fixed:
        return (
            f"Blocs keep one member list for every year ({rule.describe()}), so the lines "
            "compare the same states each year (e.g. the EU27 without the United Kingdom)."
        )
    names = ctx.names()
    changes = []
    for bloc in ("EU27", "EUROPEAN_NATO"):
        by_year = members_by_year(bloc, years, ctx.dataset)
        for y in years[1:]:
            joined = sorted(set(by_year[y]) - set(by_year[y - 1]))
            left = sorted(set(by_year[y - 1]) - set(by_year[y]))
            changes += [f"{names.get(c, c)} joins {ctx.label(bloc)} in {y}" for c in joined]
            changes += [f"{names.get(c, c)} leaves {ctx.label(bloc)} in {y}" for c in left]
    text = "Blocs have their members of each year"
    return text + (": " + "; ".join(changes) + "." if changes else ".")


def _headline_text(frame: pd.DataFrame, year: int, ctx: ReportContext, constant: str) -> str:
    def v(bloc: str, indicator: str) -> float:
        row = frame[(frame.bloc == bloc) & (frame.year == year) & (frame.indicator == indicator)]
        return float(row["value"].iloc[0])

    usa = v("USA", constant)
    parts = []
    for bloc in ("EU27", "EUROPEAN_NATO", "RUS", "CHN"):
        own = v(bloc, constant)
        if math.isnan(own) or math.isnan(usa):
            continue
        parts.append(
            f"{escape(ctx.label(bloc))} USD {number(own / 1e3, 0)} bn "
            f"({number(100 * own / usa, 0)} % of the US figure)"
        )
    if math.isnan(usa):
        return ""
    text = (
        f"<p>In {year} the United States spent USD {number(usa / 1e3, 0)} bn on its "
        f"military (SIPRI definition, constant {_base(constant)} prices); "
        + "; ".join(parts)
        + ".</p>"
    )
    ppp_eu, ppp_us = v("EU27", "milex_ppp_intl_current_m"), v("USA", "milex_ppp_intl_current_m")
    ppp_ru = v("RUS", "milex_ppp_intl_current_m")
    if not any(math.isnan(x) for x in (ppp_eu, ppp_us, ppp_ru)):
        text += (
            f"<p>At purchasing power parity (whole-economy GDP PPP ratio; see the caveat "
            f"below) Russia's spending is intl $ {number(ppp_ru / 1e3, 0)} bn against the "
            f"EU27's intl $ {number(ppp_eu / 1e3, 0)} bn and the USA's intl $ "
            f"{number(ppp_us / 1e3, 0)} bn.</p>"
        )
    return text


def render(result: Result, ctx: ReportContext) -> Section:
    """The military-power section from the power engine's result."""
    assert isinstance(result, PowerResult)
    frame = result.comparison
    years = result.years
    first, year = years[0], years[-1]
    constant = str(result.meta.get("constant", "milex_usd_constant2023_m"))
    membership = str(result.meta.get("membership", "as-of"))
    from europillar.blocs import Membership

    rule = Membership.parse(membership)
    vintages = ", ".join(result.meta.get("vintages", [])) or "none"
    table, notes, sources = headline_table(frame, year, ctx, constant, rule.describe())
    note_html = ""
    if notes:
        items = "".join(f"<li>{escape(n)}</li>" for n in notes)
        note_html = (
            f'<p class="note">{DAGGER} Incomplete total: the figure sums only the '
            f"members that have one; missing figures are never filled in.</p>"
            f'<ul class="notes">{items}</ul>'
        )
    trend_sources = sorted(
        {s for s in frame.loc[frame.indicator == constant, "sources"].str.split(";").explode() if s}
    )
    methods = "".join(
        f"<li><strong>{escape(spec.label)}</strong> ({escape(spec.unit)}): "
        f"{escape(spec.method)}.</li>"
        for spec in INDICATORS.values()
    )
    html = (
        f'<h3 id="power-headline">EU vs USA military power comparison, {year}</h3>'
        + _headline_text(frame, year, ctx, constant)
        + table
        + source_line(sources)
        + f'<p class="note">Vintages: {escape(vintages)} (one edition of each series for every '
        "year; <code>europillar data vintages</code>).</p>"
        + note_html
        + f'<h3 id="power-trend">Spending trends {first}–{year}</h3>'
        + chart_figure(
            dataclasses.replace(
                trend_chart(frame, first, year, constant=constant),
                caption=f"Military spending at constant {_base(constant)} prices, "
                f"{first}–{year}. Crosses mark totals with members missing. "
                f"{membership_note(years, ctx, membership)}",
            ),
            trend_sources,
        )
        + screen_only(trend_table(frame, ctx, constant))
        + source_line(trend_sources)
        + (
            screen_only(
                real_change_table(result.tables["real_index"], first, year, ctx, _base(constant))
            )
            + source_line(trend_sources)
            if year > first
            else ""
        )
        + '<h3 id="power-method">How the bloc figures are computed</h3>'
        + screen_only(f'<ul class="method">{methods}</ul>', "the HTML report, docs/power.md")
        + "<p>SIPRI's definition of military expenditure is broader than NATO's (it "
        "includes paramilitary forces judged trained and equipped for military operations),"
        " so SIPRI and NATO figures are never mixed in one total. PPP figures use the "
        "whole-economy price level: they indicate domestic purchasing power for personnel "
        "and locally made equipment, not the cost of imported weapons.</p>"
    )
    return Section(
        "power",
        "Military power: Europe, the USA, Russia and China",
        html,
        sorted(set(sources) | set(trend_sources)),
    )
