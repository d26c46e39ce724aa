"""Orders pipeline and import dependence: hand cases, then Poland's shipped orders."""

from __future__ import annotations

import pandas as pd
import pytest

from europillar import data
from europillar.force.inputs import dependence_table, orders_pipeline
from europillar.force.orders import deduplicate, family, import_dependence, pipeline, schedule

LEAD = pd.DataFrame(
    [{"category": "mbt", "low_years": 2, "high_years": 4, "source_id": "sipri_at_2025"}]
)


def deal(**values: object) -> dict[str, object]:
    base: dict[str, object] = {
        "iso3": "POL",
        "category": "mbt",
        "platform": "K2",
        "supplier": "South Korea",
        "order_year": 2022,
        "ordered": 10.0,
        "delivered": 0.0,
        "first_year": float("nan"),
        "last_year": float("nan"),
        "delivered_in": "",
        "stated": False,
        "origin": "sipri",
        "source_id": "sipri_at_2025",
        "family": "k2",
        "tier": 3,
    }
    base.update(values)
    return base


def test_family_joins_spellings_of_one_platform() -> None:
    assert family("Leopard 2A8 (Strv 123)") == family("Leopard-2A8") == "leopard2"
    assert family("K2PL") == family("K2 Black Panther") == "k2"
    assert family("F-35A Lightning-2") == family("F-35 F-35A") == "f35"


def test_schedule_bases_in_order_of_preference() -> None:
    lead = {"mbt": (2.0, 4.0)}
    stated = pd.Series(deal(first_year=2026, last_year=2028, stated=True))
    assert schedule(stated, lead) == ([2026, 2027, 2028], "stated by the source")
    rate = pd.Series(deal(ordered=10.0, delivered=4.0, delivered_in="2023; 2024"))
    years, basis = schedule(rate, lead)  # 2 a year observed: 6 left over 3 years from 2025
    assert years == [2025, 2026, 2027] and basis.startswith("assumed: the deal's observed")
    lead_only = pd.Series(deal(order_year=2024))
    years, basis = schedule(lead_only, lead)  # 2024 + 2 .. 2024 + 4
    assert years == [2026, 2027, 2028] and "lead time" in basis


def test_pipeline_spreads_whole_units_and_conserves_the_outstanding_total() -> None:
    rows = pd.DataFrame([deal(ordered=10.0, delivered=0.0, first_year=2025, last_year=2027)])
    out = pipeline(rows, LEAD)
    assert list(out["quantity"]) == [4.0, 3.0, 3.0] and list(out["delivery_year"]) == [
        2025,
        2026,
        2027,
    ]
    assert out["quantity"].sum() == out["outstanding"].iloc[0] == 10.0


def test_the_same_deal_from_two_inputs_is_kept_once_from_the_higher_tier() -> None:
    rows = pd.DataFrame(
        [
            deal(
                platform="K9 K9A1",
                family="k9",
                ordered=212.0,
                origin="in_service",
                tier=4,
                source_id="press",
            ),
            deal(platform="K-9 Thunder", family="k9", ordered=212.0),
            deal(platform="K-9 Thunder", family="k9", ordered=152.0, order_year=2023),
        ]
    )
    kept, dropped = deduplicate(rows)
    assert sorted(kept["ordered"]) == [152.0, 212.0] and set(kept["origin"]) == {"sipri"}
    assert list(dropped["source_id"]) == ["press"]
    assert dropped["replaced_by"].iloc[0] == "sipri_at_2025 (K-9 Thunder, 2022)"


def test_import_dependence_counts_only_deliveries_inside_the_window() -> None:
    sipri = pd.DataFrame(
        [
            {
                "iso3": "POL",
                "category": "mbt",
                "supplier": "United States",
                "delivered": 10,
                "delivered_in": "2023; 2024; 2025; 2026",
            },  # half inside 2014-2024
            {
                "iso3": "POL",
                "category": "mbt",
                "supplier": "South Korea",
                "delivered": 15,
                "delivered_in": "2024",
            },
            {
                "iso3": "USA",
                "category": "mbt",
                "supplier": "Germany",
                "delivered": 99,
                "delivered_in": "2024",
            },  # not a member
        ]
    )
    table = import_dependence(sipri, ["POL"], 2014, 2024).set_index("category")
    assert table.loc["mbt", "units_delivered"] == 20.0 and table.loc["mbt", "us_share_pct"] == 25.0


@pytest.fixture(scope="module")
def shipped() -> tuple[pd.DataFrame, pd.DataFrame]:
    return orders_pipeline(data.load)


def test_polish_k2_k9_and_abrams_orders_arrive_in_their_delivery_years(
    shipped: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    """Issue 13 needs these: the 2022 K2 (180, 84 delivered to end-2024), the 2025 K2 (180,
    2026-2030), 250 Abrams SEPv3 (2022) and the K9 contracts (212 + 152)."""
    table, duplicates = shipped
    pol = table[table["iso3"] == "POL"]
    k2 = pol[pol["platform"].str.startswith("K2")]
    assert k2.groupby("order_year")["quantity"].sum().to_dict() == {2022: 96.0, 2025: 180.0}
    assert set(k2.loc[k2["order_year"] == 2025, "delivery_year"]) == {2026, 2027, 2028, 2029, 2030}
    sep = pol[pol["platform"].str.contains("SEP")]
    assert sep["quantity"].sum() == 250.0 and sep["delivery_year"].min() == 2025
    k9 = pol[(pol["category"] == "artillery") & pol["platform"].str.startswith("K-9")]
    assert k9["quantity"].sum() == 212 - 132 + 152  # 132 of the first contract delivered by 2024
    assert {"proc_k9_pl_2022", "proc_k9_pl_2023", "proc_abrams_pl_2022"} <= set(
        duplicates["source_id"]
    )


def test_every_pipeline_row_cites_a_source_and_says_how_its_year_was_set(
    shipped: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    table, _ = shipped
    assert set(table["source_id"]) <= set(data.load("sources")["source_id"])
    assert table["delivery_basis"].str.match(r"^(stated|planned|assumed|unknown)").all()
    assert (table["quantity"] > 0).all()


def test_european_nato_imports_of_fifth_generation_jets_all_come_from_the_us() -> None:
    table = dependence_table(data.load, "EUROPEAN_NATO", 2014, 2024).set_index("category")
    assert table.loc["combat_aircraft_5g", "us_share_pct"] == 100.0
    assert 0 < table.loc["mbt", "us_share_pct"] < 100
