"""Report section: Europe (EU27, European NATO) against the USA, Russia and China."""

from __future__ import annotations

import math
from html import escape

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.ticker import MaxNLocator

from europillar.power import DEFAULT_BLOCS, INDICATORS, compare, real_index, resolve_blocs
from europillar.report.context import FIRST_YEAR, country_names, label, observations
from europillar.report.figures import svg
from europillar.report.sections import Section
from europillar.report.tables import figure, html_table, number, source_line

COLOURS = {  # Okabe–Ito palette: distinguishable with colour-vision deficiencies
    "EU27": "#0072B2",
    "EUROPEAN_NATO": "#56B4E9",
    "USA": "#D55E00",
    "RUS": "#000000",
    "CHN": "#E69F00",
}
DAGGER = "†"


def bloc_comparison(year: int) -> pd.DataFrame:
    """``power.compare`` for the default blocs, 2014 to ``year``, on the shipped data."""
    years = list(range(FIRST_YEAR, year + 1))
    blocs = resolve_blocs(list(DEFAULT_BLOCS), years)
    return compare(observations(), blocs, years)


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


def headline_table(frame: pd.DataFrame, year: int) -> tuple[str, list[str], list[str]]:
    """The year's comparison table, its footnotes (incomplete totals) and sources."""
    personnel_year = latest_year_with(frame, "personnel_active_k", year) or year
    columns = [
        ("milex_usd_current_m", year, 1e-3, 1, "Spending, USD bn, current"),
        ("milex_usd_constant2023_m", year, 1e-3, 1, "Spending, USD bn, constant 2023"),
        ("milex_ppp_intl_current_m", year, 1e-3, 1, "Spending at PPP, intl $ bn"),
        ("milex_share_gdp_pct", year, 1.0, 2, "Share of GDP, %"),
        ("milex_per_capita_usd", year, 1.0, 0, "Per capita, USD"),
        (
            "personnel_active_k",
            personnel_year,
            1.0,
            0,
            f"Active personnel, thousand ({personnel_year})",
        ),
        ("milex_real_growth_pct", year, 1.0, 1, f"Real growth {year - 1}–{year}, %"),
    ]
    rows: list[dict[str, str]] = []
    notes: list[str] = []
    sources: set[str] = set()
    for bloc in DEFAULT_BLOCS:
        line = {"Bloc": label(bloc)}
        for indicator, at, scale, digits, title in columns:
            row = frame[(frame.bloc == bloc) & (frame.year == at) & (frame.indicator == indicator)]
            r = row.iloc[0]
            line[title] = _cell(r, scale, digits)
            if r["n_missing"] and not math.isnan(r["value"]):
                notes.append(
                    f"{label(bloc)}, {INDICATORS[indicator].label.lower()} ({at}): "
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
        "Russia and China (bloc totals over members as of the year)",
        row_header="Bloc",
        right=right,
    )
    return html, notes, sorted(sources)


def trend_chart(frame: pd.DataFrame, year: int) -> str:
    """Line chart of constant-2023 spending per bloc, 2014 to ``year``."""
    part = frame[frame["indicator"] == "milex_usd_constant2023_m"]
    fig, ax = plt.subplots(figsize=(7.5, 4.0))
    for bloc in DEFAULT_BLOCS:
        series = part[part["bloc"] == bloc].sort_values("year")
        ax.plot(
            series["year"],
            series["value"] / 1e3,
            marker="o",
            markersize=3,
            color=COLOURS.get(bloc, "#555555"),
            label=label(bloc),
        )
        gaps = series[~series["complete"] & series["value"].notna()]
        ax.scatter(gaps["year"], gaps["value"] / 1e3, marker="x", s=40, color="#CC79A7", zorder=3)
    ax.set_ylabel("USD bn, constant 2023 prices")
    ax.set_xlabel("Year")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylim(bottom=0)
    ax.legend(frameon=False, ncol=5, fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.15))
    ax.grid(axis="y", alpha=0.3)
    alt = (
        f"Line chart of military spending in USD bn at constant 2023 prices, {FIRST_YEAR}"
        f" to {year}, for the EU27, European NATO, the United States, Russia and China."
    )
    return svg(fig, alt)


def trend_table(frame: pd.DataFrame) -> str:
    part = frame[frame["indicator"] == "milex_usd_constant2023_m"]
    table = part.pivot(index="year", columns="bloc", values="value") / 1e3
    flags = part.pivot(index="year", columns="bloc", values="complete")
    shown = pd.DataFrame({"Year": [str(y) for y in table.index]})
    for bloc in DEFAULT_BLOCS:
        shown[label(bloc)] = [
            "–" if math.isnan(v) else number(v, 1) + ("" if ok else DAGGER)
            for v, ok in zip(table[bloc], flags[bloc], strict=True)
        ]
    return html_table(
        shown,
        "Military spending, USD bn at constant 2023 prices (the chart's figures)",
        row_header="Year",
        right=list(shown.columns[1:]),
    )


def real_change_table(frame: pd.DataFrame, year: int) -> str:
    """Real change since 2014 per bloc from the chained same-member index."""
    index = real_index(frame, FIRST_YEAR)
    rows: list[dict[str, object]] = []
    for bloc in DEFAULT_BLOCS:
        part = index[index["bloc"] == bloc].set_index("year")["index"]
        end = float(part.get(year, float("nan")))
        row: dict[str, object] = {"Bloc": label(bloc)}
        if year > 2022:  # split at Russia's full-scale invasion of Ukraine
            mid = float(part.get(2022, float("nan")))
            row[f"{FIRST_YEAR}–2022, %"] = mid - 100.0
            row[f"2022–{year}, %"] = 100.0 * end / mid - 100.0
        row[f"{FIRST_YEAR}–{year}, %"] = end - 100.0
        rows.append(row)
    caption = (
        "Real change in military spending (constant 2023 prices), chained year on "
        "year over the same members"
    )
    if year > 2022:
        caption += ": before and after Russia’s full-scale invasion of Ukraine in 2022"
    return html_table(pd.DataFrame(rows), caption, row_header="Bloc")


def membership_note(year: int) -> str:
    """Which members joined or left the European blocs during the trend period."""
    years = list(range(FIRST_YEAR, year + 1))
    names = country_names()
    changes = []
    for bloc in ("EU27", "EUROPEAN_NATO"):
        by_year = resolve_blocs([bloc], years)[bloc]
        for y in years[1:]:
            joined = sorted(set(by_year[y]) - set(by_year[y - 1]))
            left = sorted(set(by_year[y - 1]) - set(by_year[y]))
            changes += [f"{names.get(c, c)} joins {label(bloc)} in {y}" for c in joined]
            changes += [f"{names.get(c, c)} leaves {label(bloc)} in {y}" for c in left]
    text = "Blocs have their members of each year"
    return text + (": " + "; ".join(changes) + "." if changes else ".")


def _headline_text(frame: pd.DataFrame, year: int) -> str:
    def v(bloc: str, indicator: str) -> float:
        row = frame[(frame.bloc == bloc) & (frame.year == year) & (frame.indicator == indicator)]
        return float(row["value"].iloc[0])

    usa = v("USA", "milex_usd_constant2023_m")
    parts = []
    for bloc in ("EU27", "EUROPEAN_NATO", "RUS", "CHN"):
        own = v(bloc, "milex_usd_constant2023_m")
        if math.isnan(own) or math.isnan(usa):
            continue
        parts.append(
            f"{escape(label(bloc))} USD {number(own / 1e3, 0)} bn "
            f"({number(100 * own / usa, 0)} % of the US figure)"
        )
    if math.isnan(usa):
        return ""
    text = (
        f"<p>In {year} the United States spent USD {number(usa / 1e3, 0)} bn on its "
        f"military (SIPRI definition, constant 2023 prices); " + "; ".join(parts) + ".</p>"
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


def build(year: int) -> Section | None:
    frame = bloc_comparison(year)
    table, notes, sources = headline_table(frame, year)
    note_html = ""
    if notes:
        items = "".join(f"<li>{escape(n)}</li>" for n in notes)
        note_html = (
            f'<p class="note">{DAGGER} Incomplete total: the figure sums only the '
            f"members that have one; missing figures are never filled in.</p>"
            f'<ul class="notes">{items}</ul>'
        )
    trend_sources = sorted(
        {
            s
            for s in frame.loc[frame.indicator == "milex_usd_constant2023_m", "sources"]
            .str.split(";")
            .explode()
            if s
        }
    )
    methods = "".join(
        f"<li><strong>{escape(spec.label)}</strong> ({escape(spec.unit)}): "
        f"{escape(spec.method)}.</li>"
        for spec in INDICATORS.values()
    )
    html = (
        f'<h3 id="power-headline">EU vs USA military power comparison, {year}</h3>'
        + _headline_text(frame, year)
        + table
        + source_line(sources)
        + note_html
        + f'<h3 id="power-trend">Spending trends {FIRST_YEAR}–{year}</h3>'
        + figure(
            trend_chart(frame, year),
            f"Military spending at constant 2023 prices, {FIRST_YEAR}–{year}. "
            f"Pink crosses mark totals with members missing. {membership_note(year)}",
            trend_sources,
        )
        + trend_table(frame)
        + source_line(trend_sources)
        + (real_change_table(frame, year) + source_line(trend_sources) if year > FIRST_YEAR else "")
        + '<h3 id="power-method">How the bloc figures are computed</h3>'
        + f'<ul class="method">{methods}</ul>'
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
