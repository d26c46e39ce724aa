"""Fair-share keys: shares add up to exactly 1 and follow the key."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from europillar.capability import gaps_from_data
from europillar.capability.apportion import apportion_units, key_weights, shares_from_weights
from europillar.capability.data import CapabilityData
from europillar.errors import InputError
from europillar.scenario.schema import Scenario

weights_strategy = st.lists(
    st.floats(min_value=1e-3, max_value=1e7, allow_nan=False), min_size=1, max_size=40
)


@given(weights_strategy)
def test_shares_sum_to_exactly_one(values: list[float]) -> None:
    shares = shares_from_weights(pd.Series(values, index=[f"C{i}" for i in range(len(values))]))
    assert math.fsum(shares) == 1.0
    assert (shares >= 0).all()


@given(weights_strategy)
def test_shares_follow_the_key(values: list[float]) -> None:
    weights = pd.Series(values, index=[f"C{i}" for i in range(len(values))])
    shares = shares_from_weights(weights)
    total = math.fsum(values)
    for iso3, weight in weights.items():
        assert shares[iso3] == pytest.approx(weight / total, rel=1e-9, abs=1e-15)


def test_doubling_gdp_changes_share_as_the_key_says(make_obs) -> None:
    obs_rows = make_obs
    members = ["DEU", "FRA", "ITA"]
    gdp = {"DEU": 4000.0, "FRA": 3000.0, "ITA": 2000.0}
    before = shares_from_weights(
        key_weights("gdp", obs_rows({"gdp_usd_current_m": gdp}), members, 2024).set_index("iso3")[
            "weight"
        ]
    )
    doubled = {**gdp, "ITA": 4000.0}
    after = shares_from_weights(
        key_weights("gdp", obs_rows({"gdp_usd_current_m": doubled}), members, 2024).set_index(
            "iso3"
        )["weight"]
    )
    assert before["ITA"] == pytest.approx(2000 / 9000)
    assert after["ITA"] == pytest.approx(4000 / 11000)  # 2w / (W + w)
    assert after["DEU"] == pytest.approx(4000 / 11000)


def test_population_and_ability_to_pay_hand_computed(make_obs) -> None:
    obs_rows = make_obs
    obs = obs_rows(
        {
            "gdp_usd_current_m": {"DEU": 100.0, "FRA": 300.0},
            "population": {"DEU": 10.0, "FRA": 10.0},
        }
    )
    pop = key_weights("population", obs, ["DEU", "FRA"], 2024).set_index("iso3")["weight"]
    assert shares_from_weights(pop).to_dict() == {"DEU": 0.5, "FRA": 0.5}
    # GDP per head 10 and 30, members' average 20: weights 100 x 0.5 and 300 x 1.5
    atp = key_weights("ability_to_pay", obs, ["DEU", "FRA"], 2024).set_index("iso3")["weight"]
    assert atp.to_dict() == pytest.approx({"DEU": 50.0, "FRA": 450.0})
    assert shares_from_weights(atp).to_dict() == pytest.approx({"DEU": 0.1, "FRA": 0.9})


def test_key_uses_one_common_year(make_obs) -> None:
    obs_rows = make_obs
    rows = pd.concat(
        [
            obs_rows({"gdp_usd_current_m": {"DEU": 1.0, "FRA": 1.0}}, year=2022),
            obs_rows({"gdp_usd_current_m": {"DEU": 5.0}}, year=2023),
        ]
    )
    weights = key_weights("gdp", rows, ["DEU", "FRA"], 2024)
    assert set(weights["year"]) == {2022}


def test_missing_key_data_raises_clear_errors(make_obs) -> None:
    obs_rows = make_obs
    obs = obs_rows({"gdp_usd_current_m": {"DEU": 1.0}})
    with pytest.raises(InputError, match="data missing.*FRA"):
        key_weights("gdp", obs, ["DEU", "FRA"], 2024)
    with pytest.raises(InputError, match="data missing"):
        key_weights("gni", obs, ["DEU"], 2024)
    with pytest.raises(InputError, match="data missing.*cost-share"):
        key_weights("nato_common_funding", obs, ["DEU"], 2024, pd.DataFrame())


def test_nato_cost_share_key_with_a_table(make_obs) -> None:
    obs_rows = make_obs
    shares_table = pd.DataFrame(
        {
            "iso3": ["DEU", "FRA"],
            "period": ["2024-2025"] * 2,
            "share_pct": [16.0, 10.0],
            "unit": "%",
            "source_id": "t",
            "note": "",
        }
    )
    weights = key_weights(
        "nato_common_funding", obs_rows({}), ["DEU", "FRA"], 2024, shares_table
    ).set_index("iso3")["weight"]
    assert shares_from_weights(weights).to_dict() == pytest.approx({"DEU": 16 / 26, "FRA": 10 / 26})


def test_whole_units_add_up_to_the_gap() -> None:
    shares = pd.Series({"A": 1 / 3, "B": 1 / 3, "C": 1 / 3})
    gaps = pd.DataFrame({"category": ["mbt", "ifv_apc"], "gap": [100.0, -5.0]})
    units = apportion_units(gaps, shares)
    assert set(units["category"]) == {"mbt"}  # a surplus is not apportioned
    assert units["units_whole"].sum() == 100
    assert sorted(units["units_whole"]) == [33, 33, 34]
    assert units["units"].sum() == pytest.approx(100)


def test_member_targets_hand_computed(two_country_data: CapabilityData) -> None:
    sc = Scenario.model_validate(
        {
            "name": "t",
            "title": "t",
            "members": ["DEU", "FRA"],
            "base_year": 2024,
            "target_year": 2030,
            "us_commitment": {"default": "reduced", "ammo_155mm_stock": "withdrawn"},
            "requirements": {"mbt": 1000.0, "ammo_155mm_stock": 500000.0},
            "readiness": {"default": 0.8},
        }
    )
    result = gaps_from_data(sc, two_country_data, ["DEU", "FRA"], {}, "gdp")
    members = result.apportionment.set_index("iso3")
    assert members.loc["DEU", "share"] == 0.75
    # life-cycle annual cost: 525 tanks x USD 10 m spread over 6 years, plus 525 x USD 1 m
    # support a year (cited operating cost); the 155 mm rounds have no cost (left open)
    annual = 525 * 10 / 6 + 525 * 1
    assert members.loc["DEU", "annual_cost_share"] == pytest.approx(0.75 * annual)
    assert members.loc["DEU", "milex_share_gdp_pct"] == pytest.approx(2.0)
    assert members.loc["DEU", "target_share_gdp_pct"] == pytest.approx(
        2.0 + 0.75 * annual / 3000 * 100
    )
    units = result.apportioned_units.set_index(["iso3", "category"])
    assert units.loc[("DEU", "mbt"), "units"] == pytest.approx(393.75)
    assert units.loc[("DEU", "mbt"), "units_whole"] == 394
    assert units.loc[("FRA", "mbt"), "units_whole"] == 131
    budget = result.budget.set_index("measure")["value"]
    assert budget["current_milex_total"] == 100
    # DEU at 2.0 % of GDP (3000) in 2023 moves linearly to 3.5 % in 2035: extra
    # 3.75 x (y - 2023) for y = 2025..2030, averaged; FRA is above 3.5 % already.
    assert budget["hague_path_extra_annual"] == pytest.approx(3.75 * sum(range(2, 8)) / 6)
