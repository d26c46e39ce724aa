"""Burden sharing on hand-made fixtures: gaps by hand, Spearman against rank-then-Pearson."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from europillar.burden import (
    burden_table,
    gap_to_target,
    gap_totals,
    olson_zeckhauser,
    targets_from,
    us_share_of_nato,
)
from europillar.data import load as _load

TARGETS = targets_from(_load("burden/targets"))  # the cited 2 / 3.5 / 5 % targets


def obs(rows: list[tuple[str, int, str, float]], source: str = "src") -> pd.DataFrame:
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


def test_gap_arithmetic_by_hand() -> None:
    # 2 % of 50,000 = 1,000; spending 700 -> gap 300
    assert gap_to_target(700.0, 50_000.0, 2.0) == pytest.approx(300.0)
    # 3.5 % of 50,000 = 1,750 -> 1,050; 5 % = 2,500 -> 1,800
    assert gap_to_target(700.0, 50_000.0, 3.5) == pytest.approx(1050.0)
    assert gap_to_target(700.0, 50_000.0, 5.0) == pytest.approx(1800.0)
    # above target: no negative gap
    assert gap_to_target(3000.0, 50_000.0, 5.0) == 0.0


def test_nato_basis_preferred_then_sipri_then_none() -> None:
    data = pd.concat(
        [
            obs(
                [
                    ("AAA", 2024, "nato_defexp_usd_current_m", 700.0),
                    ("AAA", 2024, "nato_gdp_usd_current_m", 50_000.0),
                    ("AAA", 2024, "nato_defexp_share_gdp_pct", 1.4),
                ],
                "nato",
            ),
            obs(
                [
                    ("AAA", 2024, "milex_usd_current_m", 800.0),
                    ("AAA", 2024, "gdp_usd_current_m", 51_000.0),
                    ("AAA", 2024, "milex_share_gdp_pct", 1.57),
                    ("BBB", 2024, "milex_usd_current_m", 90.0),
                    ("BBB", 2024, "gdp_usd_current_m", 2_000.0),
                    ("BBB", 2024, "milex_share_gdp_pct", 4.5),
                ],
                "sipri",
            ),
        ]
    )
    table = burden_table(data, {2024: ["AAA", "BBB", "CCC"]}, [2024], TARGETS).set_index("iso3")
    assert table.loc["AAA", "basis"] == "NATO" and table.loc["AAA", "sources"] == "nato"
    assert table.loc["AAA", "gap_2pct_usd_m"] == pytest.approx(300.0)
    assert table.loc["AAA", "gap_5pct_usd_m"] == pytest.approx(1800.0)
    assert table.loc["BBB", "basis"] == "SIPRI"
    assert table.loc["BBB", "gap_2pct_usd_m"] == 0.0
    assert table.loc["BBB", "gap_5pct_usd_m"] == pytest.approx(10.0)  # 100 - 90
    assert table.loc["CCC", "basis"] == "" and math.isnan(table.loc["CCC", "gap_2pct_usd_m"])
    totals = gap_totals(table.reset_index(), TARGETS).set_index("target_pct_of_gdp")
    assert totals.loc[2.0, "gap_usd_current_m"] == pytest.approx(300.0)
    assert totals.loc[5.0, "gap_usd_current_m"] == pytest.approx(1810.0)
    assert totals.loc[5.0, "n_missing"] == 1 and totals.loc[5.0, "missing_members"] == "CCC"


def test_us_share_by_hand() -> None:
    data = obs(
        [
            ("USA", 2024, "nato_defexp_usd_current_m", 600.0),
            ("DEU", 2024, "nato_defexp_usd_current_m", 300.0),
            ("FRA", 2024, "nato_defexp_usd_current_m", 100.0),
        ]
    )
    out = us_share_of_nato(data, {2024: ["USA", "DEU", "FRA", "ISL"]}, [2024]).iloc[0]
    assert out.us_share_pct == pytest.approx(60.0)
    assert out.nato_total_usd_current_m == 1000.0
    assert out.n_missing == 1 and out.missing_members == "ISL"


def test_spearman_matches_rank_then_pearson() -> None:
    rng = np.random.default_rng(np.random.SeedSequence(7))
    gdp = rng.lognormal(10, 1.5, 30)
    share = np.round(rng.uniform(0.5, 4.0, 30), 1)  # rounding creates ties
    burden = pd.DataFrame(
        {
            "iso3": [f"C{i:02d}" for i in range(30)],
            "year": 2024,
            "basis": "NATO",
            "gdp_usd_current_m": gdp,
            "share_gdp_pct": share,
        }
    )
    test = olson_zeckhauser(burden, 2024)

    def ranks(x: np.ndarray) -> np.ndarray:  # average ranks for ties, by brute force
        return np.array([np.sum(x < v) + (np.sum(x == v) + 1) / 2 for v in x])

    expected = np.corrcoef(ranks(gdp), ranks(share))[0, 1]
    assert test.n == 30
    assert test.spearman_rho == pytest.approx(expected, abs=1e-12)
    # p-value: t-approximation with n - 2 degrees of freedom, as scipy documents
    from scipy import stats

    t = expected * np.sqrt((30 - 2) / (1 - expected**2))
    assert test.p_value == pytest.approx(2 * stats.t.sf(abs(t), 28), rel=1e-9)


def test_olson_zeckhauser_needs_three_members() -> None:
    burden = pd.DataFrame(
        {
            "iso3": ["A", "B"],
            "year": 2024,
            "basis": "NATO",
            "gdp_usd_current_m": [1.0, 2.0],
            "share_gdp_pct": [1.0, 2.0],
        }
    )
    test = olson_zeckhauser(burden, 2024)
    assert test.n == 2 and math.isnan(test.spearman_rho) and not test.exploitation_supported
