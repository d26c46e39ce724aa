"""Hand-computed gaps and costs for a two-country, two-category scenario."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from europillar.capability import gaps_from_data
from europillar.capability.data import CapabilityData
from europillar.capability.gaps import category_gaps, pick_latest
from europillar.capability.requirements import Requirement, resolve_requirements
from europillar.scenario.schema import Scenario


def scenario(**changes: object) -> Scenario:
    data: dict[str, object] = {
        "name": "two_by_two",
        "title": "Two countries, two categories",
        "members": ["DEU", "FRA"],
        "base_year": 2024,
        "target_year": 2030,
        "us_commitment": {
            "default": "reduced",
            "reduced_fraction": 0.5,
            "ammo_155mm_stock": "withdrawn",
        },
        "requirements": {"mbt": 1000.0, "ammo_155mm_stock": 500000.0},
        "readiness": {"default": 0.8},
    }
    data.update(changes)
    return Scenario.model_validate(data)


def run(data: CapabilityData, sc: Scenario, key: str | None = None):
    return gaps_from_data(sc, data, sc.member_codes(), {}, key)


def test_gap_hand_computed(two_country_data: CapabilityData) -> None:
    result = run(two_country_data, scenario())
    mbt = result.by_category.set_index("category").loc["mbt"]
    # DEU 300 (latest <= 2024; 2020 and 2026 rows ignored) + FRA 200; storage row left out
    assert mbt["european_inventory"] == 500
    assert mbt["european_available"] == pytest.approx(400)  # x readiness 0.8
    assert mbt["us_contribution_full"] == 150  # stationed 100 + rotational 50
    assert mbt["us_available"] == pytest.approx(75)  # reduced = 0.5
    assert mbt["gap"] == pytest.approx(525)  # 1000 - 400 - 75
    assert mbt["coverage_ratio"] == pytest.approx(0.475)
    assert mbt["data_status"] == "complete"
    assert "tanks (in storage)" in mbt["note"]


def test_partial_inventory_is_a_lower_bound_not_zero(two_country_data: CapabilityData) -> None:
    ammo = (
        run(two_country_data, scenario()).by_category.set_index("category").loc["ammo_155mm_stock"]
    )
    assert ammo["readiness"] == 1.0  # stocks are not scaled by readiness
    assert ammo["european_inventory"] == 100000  # DEU only; FRA unknown, not zero
    assert ammo["gap"] == pytest.approx(400000)
    assert ammo["data_status"] == "partial"
    assert "1 of 2 members" in ammo["note"]


def test_cost_hand_computed(two_country_data: CapabilityData) -> None:
    costs = run(two_country_data, scenario()).costs.set_index("category")
    mbt = costs.loc["mbt"]
    # 525 tanks; H = 6 years; ramp: each unit operated (6 + 1) / 2 = 3.5 years on average
    assert mbt["acquisition_central"] == pytest.approx(525 * 10)
    assert mbt["operating_central"] == pytest.approx(525 * 1 * 3.5)
    assert mbt["total_low"] == pytest.approx(525 * 8 + 1837.5)
    assert mbt["total_central"] == pytest.approx(7087.5)
    assert mbt["total_high"] == pytest.approx(525 * 12 + 1837.5)
    assert mbt["annual_central"] == pytest.approx(7087.5 / 6)
    assert mbt["steady_state_operating_central"] == pytest.approx(525)
    assert mbt["cost_status"] == "complete"
    assert "interceptor" not in mbt["money_unit"]
    ammo = costs.loc["ammo_155mm_stock"]
    assert ammo["cost_status"] == "missing" and math.isnan(ammo["total_central"])


def test_operating_profiles(two_country_data: CapabilityData) -> None:
    full = run(two_country_data, scenario(costs={"operating": "full_horizon"}))
    none = run(two_country_data, scenario(costs={"operating": "none"}))
    assert full.costs.set_index("category").loc["mbt", "operating_central"] == 525 * 6
    assert none.costs.set_index("category").loc["mbt", "total_central"] == 5250


def test_cost_override_from_scenario(two_country_data: CapabilityData) -> None:
    sc = scenario(
        costs={
            "ammo_155mm_stock": {"acquisition": 0.004, "unit": "USD m", "price_year": 2024},
            "operating": "none",
        }
    )
    ammo = run(two_country_data, sc).costs.set_index("category").loc["ammo_155mm_stock"]
    assert ammo["total_central"] == pytest.approx(400000 * 0.004)
    assert ammo["cost_status"] == "complete"


def test_surplus_is_a_negative_gap(two_country_data: CapabilityData) -> None:
    result = run(two_country_data, scenario(requirements={"mbt": 100.0}))
    mbt = result.by_category.set_index("category").loc["mbt"]
    assert mbt["gap"] == pytest.approx(100 - 400 - 75)
    assert mbt["coverage_ratio"] == pytest.approx(4.75)
    cost = result.costs.set_index("category").loc["mbt"]
    assert cost["units_to_buy"] == 0 and cost["total_central"] == 0
    assert cost["cost_status"] == "no gap"
    assert result.apportioned_units.empty


def test_missing_us_figure_makes_gap_missing(two_country_data: CapabilityData) -> None:
    sc = scenario(us_commitment={"default": "full"})
    result = run(two_country_data, sc)
    ammo = result.by_category.set_index("category").loc["ammo_155mm_stock"]
    assert math.isnan(ammo["gap"]) and ammo["data_status"] == "missing"
    assert list(result.missing) == ["ammo_155mm_stock"]
    assert "ammo_155mm_stock" not in set(result.apportioned_units["category"])


def test_additional_and_replace_us_kinds(two_country_data: CapabilityData) -> None:
    extra = run(two_country_data, scenario(requirements={"kind": "additional", "mbt": 300.0}))
    mbt = extra.by_category.set_index("category").loc["mbt"]
    assert mbt["requirement"] == pytest.approx(400 + 300)
    assert mbt["gap"] == pytest.approx(300 - 75)
    replace = run(
        two_country_data,
        scenario(requirements={"preset": "replace_us"}, us_commitment={"default": "withdrawn"}),
    )
    mbt = replace.by_category.set_index("category").loc["mbt"]
    assert mbt["requirement"] == pytest.approx(400 + 150)
    assert mbt["gap"] == pytest.approx(150)


def test_study_requirements_pick_comparable_units(
    two_country_data: CapabilityData, taxonomy: pd.DataFrame
) -> None:
    found = resolve_requirements(
        taxonomy, two_country_data.requirements_published, "study_a", "total", {"mbt": 42.0}
    )
    assert found["ammo_155mm_stock"].quantity == 500000  # 'shells' is an alias of rounds
    assert found["mbt"].quantity == 42.0  # explicit beats the study
    assert "total" not in found


def test_aggregate_used_only_when_members_match(taxonomy: pd.DataFrame, make_table) -> None:
    table = make_table
    inventory = table(
        "capability/inventory",
        [
            {
                "holder": "XBLOC",
                "holder_type": "aggregate",
                "year": 2024,
                "category": "mbt",
                "quantity": 700,
                "unit": "vehicles",
                "source_id": "t_agg",
            },
            {
                "holder": "DEU",
                "holder_type": "country",
                "year": 2024,
                "category": "mbt",
                "quantity": 300,
                "unit": "vehicles",
                "source_id": "t_inv",
            },
        ],
    )
    us = table("capability/us_contribution", [])
    req = {"mbt": Requirement("mbt", "total", 1000.0, "t_req")}
    args = {
        "readiness": {},
        "commitment": {"mbt": 0.0},
        "us_bases": ["stationed"],
        "base_year": 2024,
    }
    same = category_gaps(
        taxonomy, inventory, us, req, ["DEU", "FRA"], {"XBLOC": ["DEU", "FRA"]}, **args
    ).iloc[0]
    assert same["european_inventory"] == 700 and same["data_status"] == "complete"
    other = category_gaps(
        taxonomy, inventory, us, req, ["DEU", "FRA"], {"XBLOC": ["DEU", "FRA", "ITA"]}, **args
    ).iloc[0]
    assert other["european_inventory"] == 300 and other["data_status"] == "partial"
    assert "'XBLOC' not used" in other["note"]


def test_pick_latest_prefers_up_to_base_year() -> None:
    rows = pd.DataFrame(
        {
            "holder": ["A", "A", "A", "B"],
            "year": [2020, 2023, 2026, 2027],
            "estimate": [False, False, False, False],
        }
    )
    chosen = pick_latest(rows, ["holder"], 2024).set_index("holder")["year"]
    assert chosen.to_dict() == {"A": 2023, "B": 2027}
