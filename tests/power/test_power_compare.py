"""Bloc comparison on a hand-made two-country, two-year fixture (all values by hand)."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from europillar.errors import InputError
from europillar.power import coalition, compare, real_index, resolve_blocs


def obs(rows: list[tuple[str, int, str, float]], source: str = "src_a") -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "iso3": i,
                "year": y,
                "indicator": k,
                "value": v,
                "unit": "u",
                "source_id": source,
                "estimate": False,
            }
            for i, y, k, v in rows
        ]
    )


FIXTURE = obs(
    [
        # AAA: 2020 and 2021 complete
        ("AAA", 2020, "milex_usd_current_m", 100.0),
        ("AAA", 2021, "milex_usd_current_m", 120.0),
        ("AAA", 2020, "milex_usd_constant2023_m", 110.0),
        ("AAA", 2021, "milex_usd_constant2023_m", 121.0),
        ("AAA", 2020, "gdp_usd_current_m", 5000.0),
        ("AAA", 2021, "gdp_usd_current_m", 6000.0),
        ("AAA", 2020, "gdp_ppp_intl_current_m", 7500.0),
        ("AAA", 2021, "gdp_ppp_intl_current_m", 9000.0),
        ("AAA", 2020, "population", 1_000_000.0),
        ("AAA", 2021, "population", 1_000_000.0),
        ("AAA", 2020, "personnel_active_k", 10.0),
        ("AAA", 2021, "personnel_active_k", 11.0),
        # BBB: 2020 complete; 2021 lacks GDP, PPP GDP and personnel
        ("BBB", 2020, "milex_usd_current_m", 50.0),
        ("BBB", 2021, "milex_usd_current_m", 60.0),
        ("BBB", 2020, "milex_usd_constant2023_m", 55.0),
        ("BBB", 2021, "milex_usd_constant2023_m", 66.0),
        ("BBB", 2020, "gdp_usd_current_m", 1000.0),
        ("BBB", 2020, "gdp_ppp_intl_current_m", 2000.0),
        ("BBB", 2020, "population", 4_000_000.0),
        ("BBB", 2021, "population", 4_000_000.0),
        ("BBB", 2020, "personnel_active_k", 5.0),
    ]
)


def value(frame: pd.DataFrame, bloc: str, year: int, indicator: str) -> pd.Series:
    row = frame[(frame.bloc == bloc) & (frame.year == year) & (frame.indicator == indicator)]
    assert len(row) == 1
    return row.iloc[0]


def test_hand_computed_bloc_figures() -> None:
    out = compare(FIXTURE, {"AB": ["AAA", "BBB"], "A": ["AAA"]}, [2020, 2021])
    r = value(out, "AB", 2020, "milex_usd_current_m")
    assert r.value == 150.0 and r.n_members == 2 and r.n_missing == 0 and r.complete
    assert value(out, "AB", 2021, "milex_usd_constant2023_m").value == 187.0
    # share of GDP: 100 * (100 + 50) / (5000 + 1000) = 2.5
    assert value(out, "AB", 2020, "milex_share_gdp_pct").value == pytest.approx(2.5)
    # PPP by GDP PPP ratio: 100 * 7500/5000 + 50 * 2000/1000 = 150 + 100 = 250
    assert value(out, "AB", 2020, "milex_ppp_intl_current_m").value == pytest.approx(250.0)
    # per capita: 150e6 / 5e6 persons = 30 USD
    assert value(out, "AB", 2020, "milex_per_capita_usd").value == pytest.approx(30.0)
    # 2021 per capita: 180e6 / 5e6 = 36
    assert value(out, "AB", 2021, "milex_per_capita_usd").value == pytest.approx(36.0)
    assert value(out, "AB", 2020, "personnel_active_k").value == 15.0
    # real growth 2021: (121 + 66) / (110 + 55) - 1 = 187/165 - 1
    assert value(out, "AB", 2021, "milex_real_growth_pct").value == pytest.approx(
        100 * (187 / 165 - 1)
    )


def test_missing_members_are_counted_never_filled() -> None:
    out = compare(FIXTURE, {"AB": ["AAA", "BBB"]}, [2020, 2021])
    share = value(out, "AB", 2021, "milex_share_gdp_pct")
    # BBB has no 2021 GDP: the share is AAA's alone, 100 * 120 / 6000 = 2.0, flagged
    assert share.value == pytest.approx(2.0)
    assert share.n_missing == 1 and share.missing_members == "BBB" and not share.complete
    personnel = value(out, "AB", 2021, "personnel_active_k")
    assert personnel.value == 11.0 and personnel.n_missing == 1
    # growth in the first year has no previous year: every member missing, value NaN
    growth = value(out, "AB", 2020, "milex_real_growth_pct")
    assert math.isnan(growth.value) and growth.n_missing == 2


def test_membership_per_year_and_sources() -> None:
    extra = pd.concat([FIXTURE, obs([("AAA", 2021, "population", 9.0)], "europillar_derived")])
    blocs = {"X": {2020: ["AAA"], 2021: ["AAA", "BBB"]}}
    out = compare(extra, blocs, [2020, 2021], ["milex_usd_current_m", "milex_per_capita_usd"])
    assert value(out, "X", 2020, "milex_usd_current_m").value == 100.0
    assert value(out, "X", 2021, "milex_usd_current_m").value == 180.0
    # the publisher's population wins over the derived duplicate
    assert value(out, "X", 2021, "milex_per_capita_usd").value == pytest.approx(36.0)
    assert value(out, "X", 2021, "milex_usd_current_m").sources == "src_a"


def test_unknown_indicator_and_bad_coalition_raise_input_error() -> None:
    with pytest.raises(InputError):
        compare(FIXTURE, {"A": ["AAA"]}, [2020], ["tanks"])
    with pytest.raises(InputError):
        coalition(["FRA", "XX1"], valid=["FRA", "DEU"])
    assert coalition(["fra", " deu", "FRA"], valid=["FRA", "DEU"]) == ["FRA", "DEU"]


def test_resolve_blocs_asks_membership_per_year() -> None:
    fake = {("EU27", 2019): ["GBR", "FRA", "DEU"], ("EU27", 2020): ["FRA", "DEU"]}
    out = resolve_blocs(["EU27"], [2019, 2020], members=lambda b, y: fake[(b, y)])
    assert out == {"EU27": {2019: ["DEU", "FRA", "GBR"], 2020: ["DEU", "FRA"]}}


positive = st.floats(min_value=0.01, max_value=1e6, allow_nan=False, allow_infinity=False)


@settings(max_examples=60, deadline=None)
@given(m1=positive, m2=positive, g1=positive, g2=positive)
def test_union_of_blocs_adds_up_and_share_is_a_weighted_mean(
    m1: float, m2: float, g1: float, g2: float
) -> None:
    data = obs(
        [
            ("AAA", 2020, "milex_usd_current_m", m1),
            ("BBB", 2020, "milex_usd_current_m", m2),
            ("AAA", 2020, "gdp_usd_current_m", g1),
            ("BBB", 2020, "gdp_usd_current_m", g2),
        ]
    )
    out = compare(
        data,
        {"A": ["AAA"], "B": ["BBB"], "AB": ["AAA", "BBB"]},
        [2020],
        ["milex_usd_current_m", "milex_share_gdp_pct"],
    )
    spend = value(out, "AB", 2020, "milex_usd_current_m").value
    assert spend == pytest.approx(
        value(out, "A", 2020, "milex_usd_current_m").value
        + value(out, "B", 2020, "milex_usd_current_m").value
    )
    shares = [value(out, b, 2020, "milex_share_gdp_pct").value for b in ("A", "B")]
    union = value(out, "AB", 2020, "milex_share_gdp_pct").value
    assert min(shares) * (1 - 1e-12) <= union <= max(shares) * (1 + 1e-12)


def test_real_index_chains_same_member_growth() -> None:
    # 2020 -> 2021: (121 + 66) / (110 + 55) = 187/165; 2021 -> 2022: AAA only, 133.1/121
    data = pd.concat([FIXTURE, obs([("AAA", 2022, "milex_usd_constant2023_m", 133.1)])])
    out = compare(data, {"AB": ["AAA", "BBB"]}, [2020, 2021, 2022], ["milex_real_growth_pct"])
    index = real_index(out, 2020).set_index("year")["index"]
    assert index[2020] == 100.0
    assert index[2021] == pytest.approx(100 * 187 / 165)
    # BBB lacks 2022: the 2022 link is AAA's own growth, 133.1/121 = 1.1
    assert index[2022] == pytest.approx(100 * 187 / 165 * 1.1)
    gap = real_index(out[out["year"] != 2021], 2020).set_index("year")["index"]
    assert math.isnan(gap[2022])  # 2021 absent: the chain is broken, not bridged
