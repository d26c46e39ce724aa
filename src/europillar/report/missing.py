"""The report's "Missing data" list: which country, indicator and year has no figure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

import pandas as pd

from europillar.power import DEFAULT_BLOCS
from europillar.report.context import FIRST_YEAR, country_names, members_by_year
from europillar.report.tables import html_table, year_ranges

GENERAL_INDICATORS = (
    "milex_usd_current_m",
    "milex_usd_constant2023_m",
    "milex_share_gdp_pct",
    "gdp_usd_current_m",
    "gdp_ppp_intl_current_m",
    "population",
    "personnel_active_k",
)
NATO_INDICATORS = (
    "nato_defexp_usd_current_m",
    "nato_gdp_usd_current_m",
    "nato_defexp_share_gdp_pct",
)


def missing_data(
    observations: pd.DataFrame,
    expected: Mapping[str, Mapping[str, Sequence[int]]],
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Gaps in the data the report uses.

    ``expected[indicator][iso3]`` lists the years a figure is needed. Returns
    (series gaps: indicator-years with no figure for any expected country,
    country gaps: iso3, indicator, years — excluding the series gaps).
    """
    have = set(
        zip(
            observations["iso3"],
            observations["year"].astype(int),
            observations["indicator"],
            strict=True,
        )
    )
    series_rows, country_rows = [], []
    for indicator, by_country in expected.items():
        years = sorted({y for ys in by_country.values() for y in ys})
        empty = [
            y
            for y in years
            if not any((c, y, indicator) in have for c, ys in by_country.items() if y in ys)
        ]
        if empty:
            series_rows.append({"indicator": indicator, "years": year_ranges(empty)})
        for iso3 in sorted(by_country):
            gaps = [
                y for y in by_country[iso3] if y not in empty and (iso3, y, indicator) not in have
            ]
            if gaps:
                country_rows.append(
                    {"iso3": iso3, "indicator": indicator, "years": year_ranges(gaps)}
                )
    return (
        pd.DataFrame(series_rows, columns=["indicator", "years"]),
        pd.DataFrame(country_rows, columns=["iso3", "indicator", "years"]),
    )


def expected_figures(year: int) -> dict[str, dict[str, list[int]]]:
    """Which figures the power and burden parts of the report need, per country."""
    years = list(range(FIRST_YEAR, year + 1))
    general: dict[str, set[int]] = {}
    for bloc in DEFAULT_BLOCS:
        for y, members in members_by_year(bloc, years).items():
            for iso3 in members:
                general.setdefault(iso3, set()).add(y)
    nato: dict[str, set[int]] = {}
    for y, members in members_by_year("NATO", years).items():
        for iso3 in members:
            nato.setdefault(iso3, set()).add(y)
            general.setdefault(iso3, set()).add(y)
    expected = {i: {c: sorted(ys) for c, ys in general.items()} for i in GENERAL_INDICATORS}
    expected.update({i: {c: sorted(ys) for c, ys in nato.items()} for i in NATO_INDICATORS})
    return expected


def missing_data_html(observations: pd.DataFrame, year: int) -> tuple[str, list[str]]:
    """The "Missing data" section body and the sources it cites (none)."""
    series, countries = missing_data(observations, expected_figures(year))
    names = country_names()
    html = (
        "<p>Figures the report needs but the dataset does not have. They are never "
        "estimated or filled in: bloc totals leave the country out and are marked †.</p>"
    )
    if not series.empty:
        shown = pd.DataFrame(
            {"Indicator": series["indicator"], "Years with no figure at all": series["years"]}
        )
        html += html_table(
            shown,
            "Indicator series that end before the report year (no country has a figure)",
            row_header="Indicator",
        )
    if countries.empty:
        html += "<p>No other gaps.</p>"
    else:
        shown = pd.DataFrame(
            {
                "Country": [f"{names.get(i, i)} ({i})" for i in countries["iso3"]],
                "Indicator": countries["indicator"],
                "Years missing": countries["years"],
            }
        )
        html += html_table(
            shown, f"Missing figures by country, {FIRST_YEAR}–{year}", row_header="Country"
        )
    html += (
        "<p>Indicator definitions: see the dataset's <code>indicators.csv</code> "
        f"(e.g. {escape('nato_*')} indicators are NATO-definition figures, needed "
        "for NATO Allies only).</p>"
    )
    return html, []
