"""Bloc figures on the shipped data agree with an independent sum over members."""

from __future__ import annotations

import pandas as pd
import pytest

from europillar.countries import members
from europillar.data import load
from europillar.power import compare, resolve_blocs

YEARS = list(range(2014, 2025))


@pytest.fixture(scope="module")
def observations() -> pd.DataFrame:
    return load("observations")


@pytest.mark.parametrize("bloc", ["EU27", "EUROPEAN_NATO", "NATO"])
@pytest.mark.parametrize("indicator", ["milex_usd_current_m", "milex_usd_constant2023_m"])
def test_bloc_total_is_sum_of_members_every_year(
    observations: pd.DataFrame, bloc: str, indicator: str
) -> None:
    out = compare(observations, resolve_blocs([bloc], YEARS), YEARS, [indicator])
    rows = observations[observations["indicator"] == indicator]
    for year in YEARS:
        current = members(bloc, year)
        part = rows[(rows["year"] == year) & rows["iso3"].isin(current)]
        got = out[out["year"] == year].iloc[0]
        assert got["value"] == pytest.approx(part["value"].sum(), rel=1e-12)
        assert got["n_members"] == len(current)
        assert got["n_missing"] == len(set(current) - set(part["iso3"]))


def test_eu_share_of_gdp_is_ratio_of_sums(observations: pd.DataFrame) -> None:
    year = 2023  # a World Bank GDP year: no derived GDP involved
    out = compare(observations, resolve_blocs(["EU27"], [year]), [year], ["milex_share_gdp_pct"])
    wide = observations[observations["year"] == year].pivot_table(
        index="iso3", columns="indicator", values="value", aggfunc="first"
    )
    eu = wide.loc[members("EU27", year), ["milex_usd_current_m", "gdp_usd_current_m"]].dropna()
    expected = 100 * eu["milex_usd_current_m"].sum() / eu["gdp_usd_current_m"].sum()
    assert out.iloc[0]["value"] == pytest.approx(expected, rel=1e-12)
    # sanity against the published order of magnitude: EU27 spent between 1 % and 3 % of GDP
    assert 1.0 < expected < 3.0


def test_single_country_bloc_equals_its_sipri_figure(observations: pd.DataFrame) -> None:
    out = compare(
        observations, resolve_blocs(["USA"], [2024]), [2024], ["milex_usd_constant2023_m"]
    )
    sipri = observations[
        (observations["iso3"] == "USA")
        & (observations["year"] == 2024)
        & (observations["indicator"] == "milex_usd_constant2023_m")
    ]
    assert out.iloc[0]["value"] == sipri["value"].iloc[0]
    assert out.iloc[0]["sources"] == "sipri_milex_2025"
