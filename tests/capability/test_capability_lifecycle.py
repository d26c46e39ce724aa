"""Life-cycle costing: price conversion, costs per category and the summary, by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from europillar.capability.lifecycle import (
    LifecycleSettings,
    category_prices,
    decomposition,
    lifecycle_costs,
    summary,
)
from europillar.capability.personnel import cost_per_person
from europillar.capability.prices import Deflators, PriceBase, to_base

DEFLATORS = Deflators.from_table(
    pd.DataFrame(
        [
            ("sipri_implied_usd_deflator_USA", 2020, 0.8, "s_idx"),
            ("sipri_implied_usd_deflator_USA", 2024, 1.0, "s_idx"),
            ("fx_usd_per_eur_fed_h10", 2020, 1.2, "s_fx"),
            ("fx_usd_per_eur_fed_h10", 2024, 1.1, "s_fx"),
        ],
        columns=["series", "year", "value", "source_id"],
    )
)
TAXONOMY = pd.DataFrame(
    [
        {"category": "mbt", "unit": "vehicles", "unit_aliases": "tanks"},
        {"category": "ammo_155mm_stock", "unit": "rounds", "unit_aliases": "shells"},
        {"category": "troops_brigade", "unit": "brigade equivalents", "unit_aliases": ""},
        {"category": "tanker", "unit": "aircraft", "unit_aliases": ""},
    ]
)


def _cost(category: str, kind: str, central: float, unit: str, year: float, **kw: float) -> dict:
    return {
        "category": category,
        "cost_type": kind,
        "low": kw.get("low", math.nan),
        "central": central,
        "high": kw.get("high", math.nan),
        "unit": unit,
        "price_year": year,
        "platform": "",
        "source_id": "s_cost",
    }


COSTS = pd.DataFrame(
    [
        # EUR 10 m at 2020 prices = USD 12 m (2020) = USD 15 m at 2024 prices (12 x 1.0 / 0.8)
        _cost("mbt", "acquisition", 10.0, "EUR m per tank", 2020, low=8.0, high=12.0),
        _cost("mbt", "acquisition", 20.0, "USD m per tank", 2009),  # no index for 2009
        _cost("mbt", "personnel_per_unit", 4.0, "persons per tank", math.nan),
        _cost("ammo_155mm_stock", "acquisition", 0.004, "USD m per shell", 2024),
        _cost("troops_brigade", "personnel_per_unit", 5000.0, "soldiers per brigade", math.nan),
    ]
)


def test_conversion_by_hand() -> None:
    usd = to_base(10.0, "EUR m per tank", 2020, PriceBase("USD", 2024), DEFLATORS)
    assert usd.value == pytest.approx(10 * 1.2 / 0.8)
    eur = to_base(15.0, "USD m", 2024, PriceBase("EUR", 2024), DEFLATORS)
    assert eur.value == pytest.approx(15 / 1.1)
    thousand = to_base(100.0, "USD thousand per person", 2024, PriceBase(), DEFLATORS)
    assert thousand.value == pytest.approx(0.1)
    missing = to_base(1.0, "USD m", 2009, PriceBase(), DEFLATORS)
    assert math.isnan(missing.value) and "2009" in missing.reason
    assert math.isnan(to_base(1.0, "JPY m", 2024, PriceBase(), DEFLATORS).value)


def test_prices_leave_out_unconvertible_rows_and_say_why() -> None:
    prices = category_prices(TAXONOMY, COSTS, PriceBase(), DEFLATORS).set_index("category")
    mbt = prices.loc["mbt"]
    assert mbt["acquisition_unit_central"] == pytest.approx(15.0)
    assert mbt["acquisition_unit_low"] == pytest.approx(12.0)
    assert mbt["acquisition_unit_high"] == pytest.approx(18.0)
    assert mbt["left_out"] == 1 and "2009" in mbt["note"]
    assert math.isnan(prices.loc["tanker", "acquisition_unit_central"])


def test_lifecycle_by_hand() -> None:
    prices = category_prices(TAXONOMY, COSTS, PriceBase(), DEFLATORS)
    settings = LifecycleSettings(
        years=25, acquisition_years=5, support_share_pct=75.0, cost_per_person_m=0.1
    )
    units = {"mbt": 100.0, "ammo_155mm_stock": 1000.0, "troops_brigade": 2.0, "tanker": 3.0}
    table = lifecycle_costs(units, prices, settings).set_index("category")
    mbt = table.loc["mbt"]
    assert mbt["acquisition_central"] == pytest.approx(1500.0)  # 100 x 15
    # support: 75% of life-cycle cost is O&S -> O&S = 3 x acquisition over 25 years
    assert mbt["support_annual_central"] == pytest.approx(1500 * 3 / 25)
    assert mbt["personnel_annual_central"] == pytest.approx(100 * 4 * 0.1)
    assert mbt["annual_central"] == pytest.approx(1500 / 5 + 180 + 40)
    assert mbt["lifecycle_central"] == pytest.approx(1500 + 25 * (180 + 40))
    ammo = table.loc["ammo_155mm_stock"]
    assert ammo["acquisition_central"] == pytest.approx(4.0)
    assert ammo["support_annual_central"] == 0 and ammo["personnel_annual_central"] == 0
    brigades = table.loc["troops_brigade"]
    assert brigades["personnel_annual_central"] == pytest.approx(2 * 5000 * 0.1)
    assert brigades["acquisition_central"] == 0
    assert table.loc["tanker", "cost_status"] == "no cost data"
    assert math.isnan(table.loc["tanker", "annual_central"])
    record = summary(table.reset_index(), settings)
    assert record["no_cost_data"] == ["tanker"]
    assert record["annual_total_central"] == pytest.approx(520 + 4 / 5 + 1000)
    assert record["procurement_total_central"] == pytest.approx(1504.0)
    assert record["lifecycle_total_central"] == pytest.approx(1500 + 25 * 220 + 4 + 25 * 1000)
    parts = decomposition(table.reset_index()).set_index("bound").loc["central"]
    assert parts["equipment"] == pytest.approx(300.0)
    assert parts["munitions"] == pytest.approx(0.8)
    assert parts["personnel"] == pytest.approx(40 + 1000)
    assert parts["operations"] == pytest.approx(180.0)
    total = parts[["equipment", "munitions", "personnel", "operations"]].sum()
    assert parts["total"] == pytest.approx(total)


def test_gap_missing_and_no_gap_are_listed_not_zero_filled() -> None:
    prices = category_prices(TAXONOMY, COSTS, PriceBase(), DEFLATORS)
    settings = LifecycleSettings(support_share_pct=75.0, cost_per_person_m=0.1)
    table = lifecycle_costs({"mbt": math.nan, "tanker": 0.0}, prices, settings)
    status = dict(zip(table["category"], table["cost_status"], strict=True))
    assert status == {"mbt": "gap missing", "tanker": "no gap"}
    record = summary(table, settings)
    assert record["gap_missing"] == ["mbt"]


def test_cost_per_person_pools_nato_figures_and_falls_back() -> None:
    def obs(iso3: str, indicator: str, value: float) -> dict:
        return {"iso3": iso3, "year": 2024, "indicator": indicator, "value": value}

    observations = pd.DataFrame(
        [
            obs("DEU", "nato_defexp_usd_current_m", 1000.0),
            obs("DEU", "nato_personnel_share_pct", 30.0),
            obs("DEU", "nato_military_personnel_k", 2.0),
            obs("POL", "nato_defexp_usd_current_m", 500.0),
            obs("POL", "nato_personnel_share_pct", 20.0),
            obs("POL", "nato_military_personnel_k", 2.0),
        ]
    )
    fallback = pd.DataFrame(
        [
            {
                **_cost(
                    "troops_brigade",
                    "cost_per_person_annual",
                    102.5,
                    "USD thousand per military person per year",
                    2024,
                ),
                "platform": "EU NATO members + GBR + NOR (25 states), 2024e",
            }
        ]
    )
    pooled = cost_per_person(
        observations, fallback, ["DEU", "POL", "AUT"], 2024, PriceBase(), DEFLATORS
    )
    # (1000 x 0.3 + 500 x 0.2) / (4,000 persons) = USD 0.1 m
    assert pooled.value_m == pytest.approx(0.1)
    assert "AUT" in pooled.note
    alone = cost_per_person(observations, fallback, ["AUT"], 2024, PriceBase(), DEFLATORS)
    assert alone.value_m == pytest.approx(0.1025)
    assert "fallback" in alone.note or "average" in alone.note
