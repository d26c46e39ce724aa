"""Which figures a view needs and the dataset lacks (country, indicator, years).

Missing figures are never estimated or filled in; this module lists them so that every
output can say what its totals leave out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

import pandas as pd

from europillar.data.query import FIRST_YEAR, members_by_year
from europillar.scenario.vocabulary import DEFAULT_BLOCS

if TYPE_CHECKING:
    from europillar.dataset import Dataset


def year_ranges(years: Iterable[int]) -> str:
    """2014, 2015, 2016, 2019 -> "2014–2016, 2019"."""
    ordered = sorted({int(y) for y in years})
    parts: list[str] = []
    start = prev = None
    for year in ordered:
        if start is None:
            start = prev = year
        elif prev is not None and year == prev + 1:
            prev = year
        else:
            parts.append(f"{start}" if start == prev else f"{start}–{prev}")
            start = prev = year
    if start is not None:
        parts.append(f"{start}" if start == prev else f"{start}–{prev}")
    return ", ".join(parts)


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


def expected_figures(year: int, dataset: Dataset | None = None) -> dict[str, dict[str, list[int]]]:
    """Which figures the power and burden parts of the report need, per country."""
    years = list(range(FIRST_YEAR, year + 1))
    general: dict[str, set[int]] = {}
    for bloc in DEFAULT_BLOCS:
        for y, members in members_by_year(bloc, years, dataset).items():
            for iso3 in members:
                general.setdefault(iso3, set()).add(y)
    nato: dict[str, set[int]] = {}
    for y, members in members_by_year("NATO", years, dataset).items():
        for iso3 in members:
            nato.setdefault(iso3, set()).add(y)
            general.setdefault(iso3, set()).add(y)
    expected = {i: {c: sorted(ys) for c, ys in general.items()} for i in GENERAL_INDICATORS}
    expected.update({i: {c: sorted(ys) for c, ys in nato.items()} for i in NATO_INDICATORS})
    return expected
