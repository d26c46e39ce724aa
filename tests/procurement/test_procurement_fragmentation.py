"""Fragmentation metrics on hand-made inventories (inverse HHI worked by hand)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from europillar.procurement.fragmentation import compare, inverse_hhi, metrics, snapshot, trend


def inventory() -> pd.DataFrame:
    rows = [
        # iso3, category, type, variant, year, quantity, origin
        ("AAA", "mbt", "Leo", "A4", 2020, 100, "european"),
        ("AAA", "mbt", "Leo", "A6", 2020, 100, "european"),
        ("BBB", "mbt", "Leo", "A4", 2020, 50, "european"),
        ("BBB", "mbt", "Abr", "M1A2", 2020, 50, "us"),
        ("CCC", "mbt", "K2", "", 2020, 100, "other"),
        ("CCC", "mbt", "K2", "", 2010, 10, "other"),
        ("AAA", "artillery", "Cae", "", 2020, 30, "european"),
        ("BBB", "artillery", "PzH", "", 2020, math.nan, "european"),
        ("USA", "mbt", "Abr", "M1A1", 2020, 1000, "us"),
        ("USA", "mbt", "Abr", "M1A2", 2020, 3000, "us"),
    ]
    frame = pd.DataFrame(
        rows, columns=["iso3", "category", "type", "variant", "year", "quantity", "origin_bloc"]
    )
    frame["status"] = "in_service"
    return frame


def test_inverse_hhi_by_hand() -> None:
    # shares 0.5, 0.25, 0.25 -> HHI 0.375 -> 8/3
    assert inverse_hhi(pd.Series([2.0, 1.0, 1.0])) == pytest.approx(8 / 3)
    assert inverse_hhi(pd.Series([5.0])) == 1.0
    assert math.isnan(inverse_hhi(pd.Series([], dtype=float)))


def test_type_level_metrics_by_hand() -> None:
    snap = snapshot(inventory(), 2024)
    mbt = metrics(snap, ["AAA", "BBB", "CCC"], "EU").set_index("category").loc["mbt"]
    # types: Leo 250, Abr 50, K2 100 (2010 row superseded) -> total 400
    assert mbt["n_types"] == 3
    assert mbt["effective_types"] == pytest.approx(
        1 / ((250 / 400) ** 2 + (50 / 400) ** 2 + (100 / 400) ** 2)
    )
    # Leo is operated by AAA and BBB -> 250 of 400 units share a type with another member
    assert mbt["interoperable_share_pct"] == pytest.approx(62.5)
    assert mbt["origin_european_pct"] == pytest.approx(62.5)
    assert mbt["origin_us_pct"] == pytest.approx(12.5)
    assert mbt["origin_other_pct"] == pytest.approx(25.0)


def test_variant_level_counts_more_and_shares_less() -> None:
    snap = snapshot(inventory(), 2024)
    mbt = (
        metrics(snap, ["AAA", "BBB", "CCC"], "EU", level="variant").set_index("category").loc["mbt"]
    )
    # variants: Leo A4 (AAA, BBB) 150, Leo A6 100, Abr M1A2 50, K2 100
    assert mbt["n_types"] == 4
    assert mbt["interoperable_share_pct"] == pytest.approx(100 * 150 / 400)


def test_missing_quantities_are_reported_not_guessed() -> None:
    art = (
        metrics(snapshot(inventory(), 2024), ["AAA", "BBB"], "EU")
        .set_index("category")
        .loc["artillery"]
    )
    assert art["n_types"] == 2
    assert art["effective_types"] == 1.0  # only the Caesar row has a quantity
    assert art["quantity_coverage_pct"] == 50.0


def test_compare_against_the_us_and_trend() -> None:
    table = compare(inventory(), {"EU": ["AAA", "BBB", "CCC"], "US": ["USA"]}, 2024)
    us = table[(table["bloc"] == "US") & (table["category"] == "mbt")].iloc[0]
    assert us["n_types"] == 1 and us["effective_types"] == 1.0
    old = trend(inventory(), ["CCC"], "C", [2015, 2024])
    assert old[old["category"] == "mbt"]["n_types"].tolist() == [1, 1]
