"""Shipped procurement tables: provenance, units and the published counts."""

from __future__ import annotations

import pandas as pd
import pytest

from europillar.procurement.data import TABLES, candidate_table, load_sources, load_table


def test_every_row_cites_a_defined_proc_source() -> None:
    sources = load_sources()
    assert sources["source_id"].str.startswith("proc_").all()
    assert not sources["source_id"].duplicated().any()
    defined = set(sources["source_id"])
    for name in TABLES:
        table = load_table(name)
        assert table["source_id"].notna().all(), name
        assert set(table["source_id"]) <= defined, (name, set(table["source_id"]) - defined)


def test_numbers_carry_units_and_estimates_say_how() -> None:
    for name in ("in_service", "candidate_parameters", "published_counts"):
        table = load_table(name)
        with_value = table[
            table.get("quantity", table.get("value", table.get("europe_value"))).notna()
        ]
        assert with_value["unit"].notna().all(), name
        flagged = table[table["estimate"].astype(str).str.lower() == "true"]
        assert flagged["method"].notna().all(), name


def test_commission_2017_headline_counts_are_shipped_beside_the_dispute() -> None:
    counts = load_table("published_counts").set_index("claim_id")
    assert (counts.loc["ec2017_all", "europe_value"], counts.loc["ec2017_all", "us_value"]) == (
        178,
        30,
    )
    assert (counts.loc["ec2017_mbt", "europe_value"], counts.loc["ec2017_mbt", "us_value"]) == (
        17,
        1,
    )
    assert (
        counts.loc["ec2017_howitzer", "europe_value"],
        counts.loc["ec2017_howitzer", "us_value"],
    ) == (27, 2)
    assert "esut2019_mbt" in counts.index and "cepa2024_mbt" in counts.index


@pytest.mark.parametrize("case", ["low", "central", "high"])
def test_candidate_table_is_complete(case: str) -> None:
    table = candidate_table(case)
    assert (table["unit_cost"] > 0).all()
    assert table["ref_quantity"].notna().all() and table["learning_rate_pct"].notna().all()
    assert set(table["origin_bloc"]) <= {"european", "us", "other"}


def test_usd_prices_are_converted_once() -> None:
    table = candidate_table("central").set_index("candidate_id")
    assert table.loc["f35a", "unit_cost"] == pytest.approx(82.5 * 0.9275)
    assert table.loc["leopard2a8", "unit_cost"] == pytest.approx(23.58)
    low = candidate_table("low").set_index("candidate_id")
    assert low.loc["leopard2a8", "cost_case_used"] == "central"  # no cited low figure


def test_in_service_categories_use_the_shared_vocabulary() -> None:
    allowed = {
        "mbt",
        "ifv_apc",
        "artillery",
        "air_defence_long",
        "air_defence_short",
        "combat_aircraft",
        "combat_aircraft_5g",
    }
    assert set(load_table("in_service")["category"]) <= allowed
    assert set(load_table("candidates")["category"]) <= allowed
    assert isinstance(load_table("in_service"), pd.DataFrame)
