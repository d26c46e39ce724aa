"""Burden sharing on the shipped data, checked against NATO's published aggregate."""

from __future__ import annotations

import pandas as pd
import pytest

from europillar.burden import burden_table, olson_zeckhauser, targets_from, us_share_of_nato
from europillar.data import load
from europillar.power import resolve_blocs

TARGETS = targets_from(load("burden/targets"))  # the cited 2 / 3.5 / 5 % targets

# NATO, "Defence Expenditure of NATO Countries (2014-2024)", June 2024, Table 2, current
# prices and exchange rates, column 2024e: United States 967,707 and "NATO Total"
# 1,474,399.48 (USD m). Published US share = 65.63 %.
NATO_2024_USA = 967_707.0
NATO_2024_TOTAL = 1_474_399.4765734388


@pytest.fixture(scope="module")
def observations() -> pd.DataFrame:
    return load("observations")


def test_us_share_2024_matches_nato_published_total(observations: pd.DataFrame) -> None:
    nato = resolve_blocs(["NATO"], [2024])["NATO"]
    row = us_share_of_nato(observations, nato, [2024]).iloc[0]
    published = 100 * NATO_2024_USA / NATO_2024_TOTAL
    # Same table, same 31 Allies (Iceland has no figure in NATO's total either), so the
    # only difference allowed is rounding in the import: 0.01 percentage point.
    assert row["us_share_pct"] == pytest.approx(published, abs=0.01)
    assert row["nato_total_usd_current_m"] == pytest.approx(NATO_2024_TOTAL, rel=1e-6)
    assert row["missing_members"] == "ISL"
    assert 60 < row["us_share_pct"] < 70  # "about two-thirds", as NATO reports


def test_burden_uses_nato_figures_for_allies_and_gaps_add_up(observations: pd.DataFrame) -> None:
    nato = resolve_blocs(["NATO"], [2024])["NATO"]
    table = burden_table(observations, nato, [2024], TARGETS).set_index("iso3")
    assert table.loc["DEU", "basis"] == "NATO"
    # Germany 2024e, NATO Table 2: 97,685.59 USD m
    assert table.loc["DEU", "spending_usd_current_m"] == pytest.approx(97_685.59, abs=0.01)
    row = table.loc["BEL"]
    expected = max(0.0, 0.02 * row["gdp_usd_current_m"] - row["spending_usd_current_m"])
    assert row["gap_2pct_usd_m"] == pytest.approx(expected)
    assert table.loc["ISL", "basis"] == ""
    # NATO Table 3, column 2024e: 23 Allies at or above 2.0 % of real GDP (Slovakia exactly 2)
    assert int((table["share_gdp_pct"] >= 2.0).sum()) == 23


def test_olson_zeckhauser_on_real_data_is_a_valid_test(observations: pd.DataFrame) -> None:
    nato = resolve_blocs(["NATO"], [2024])["NATO"]
    test = olson_zeckhauser(burden_table(observations, nato, [2024], TARGETS), 2024)
    assert test.n == 31 and test.bases == "NATO"
    assert -1.0 <= test.spearman_rho <= 1.0 and 0.0 <= test.p_value <= 1.0
