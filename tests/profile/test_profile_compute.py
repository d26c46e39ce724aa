"""Country-profile tables on small hand-made frames: missing stays missing, latest wins."""

from __future__ import annotations

import pandas as pd

from europillar.profile import compute


def _taxonomy() -> pd.DataFrame:
    return pd.DataFrame({"category": ["mbt", "tanker"], "unit": ["vehicles", "aircraft"]})


def test_holdings_take_the_latest_year_and_prefer_active_rows() -> None:
    inventory = pd.DataFrame(
        {
            "holder": ["POL"] * 4 + ["DEU"],
            "year": [2020, 2024, 2024, 2026, 2024],
            "category": ["mbt"] * 5,
            "quantity": [500, 631, 900, 800, 300],
            "status": ["total", "active", "stored", "active", "active"],
            "source_id": ["a", "b", "c", "future", "d"],
            "estimate": ["false", "false", "false", "false", "false"],
        }
    )
    table = compute.holdings_table(inventory, _taxonomy(), "POL", as_of=2025)
    mbt = table.set_index("category").loc["mbt"]
    assert (mbt["quantity"], mbt["year"], mbt["status"], mbt["source_id"]) == (
        631,
        2024,
        "active",
        "b",
    )
    tanker = table.set_index("category").loc["tanker"]
    assert tanker["data_status"] == compute.NO_FIGURE and pd.isna(tanker["quantity"])
    assert compute.holdings_coverage(table) == {"categories_with_figure": 1, "categories_total": 2}


def test_a_breakdown_by_platform_is_summed_and_named() -> None:
    inventory = pd.DataFrame(
        {
            "holder": ["POL", "POL"],
            "year": [2024, 2024],
            "category": ["mbt", "mbt"],
            "quantity": [250, 96],
            "status": ["active", "active"],
            "platform": ["Leopard 2", "K2"],
            "source_id": ["s1", "s2"],
            "estimate": [False, True],
        }
    )
    mbt = compute.holdings_table(inventory, _taxonomy(), "POL", 2025).iloc[0]
    assert mbt["quantity"] == 346 and mbt["platforms"] == "Leopard 2; K2"
    assert mbt["source_id"] == "s1;s2" and bool(mbt["estimate"])


def test_orders_keep_only_what_is_still_to_deliver() -> None:
    orders = pd.DataFrame(
        {
            "iso3": ["POL", "POL", "DEU"],
            "category": ["mbt", "artillery", "mbt"],
            "platform": ["K2", "K9", "Leopard 2A8"],
            "quantity": [180, 212, 123],
            "order_year": [2022, 2022, 2023],
            "delivered_quantity": [119, 212, 0],
            "source_id": ["x", "y", "z"],
        }
    )
    table = compute.orders_table(orders, "POL")
    assert table["platform"].tolist() == ["K2"]
    assert compute.orders_table(None, "POL").empty


def test_threats_keep_the_latest_coding_highest_first() -> None:
    perceptions = pd.DataFrame(
        {
            "iso3": ["ITA", "ITA", "ITA"],
            "year": [2018, 2023, 2023],
            "threat": ["russia_east", "russia_east", "south_instability_migration"],
            "priority_0_3": [1, 2, 3],
            "source_id": ["old", "new", "new"],
        }
    )
    table = compute.threats_table(perceptions, "ITA")
    assert table["threat"].tolist() == ["south_instability_migration", "russia_east"]
    assert table["source_id"].tolist() == ["new", "new"]


def test_voting_says_when_a_state_has_no_vote() -> None:
    power = pd.DataFrame(
        {"iso3": ["DEU", "FRA"], "banzhaf_normalized": [0.5, 0.5], "shapley_shubik": [0.5, 0.5]}
    )
    assert compute.voting_table("NOR", {"qmv": power})["is_member"].tolist() == [False]
    own = compute.voting_table("FRA", {"qmv": power}).iloc[0]
    assert own["banzhaf_normalized"] == 0.5 and own["equal_share"] == 0.5
