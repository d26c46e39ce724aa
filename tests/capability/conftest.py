"""Small hand-made capability tables shared by the capability tests."""

from __future__ import annotations

import pandas as pd
import pytest

from europillar.capability.data import COLUMNS, CapabilityData, typed


def table(name: str, rows: list[dict[str, object]]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(rows)
    for column in COLUMNS[name]:
        if column not in frame.columns:
            frame[column] = ""
    return typed(frame, COLUMNS[name], name)


TAXONOMY = [
    {
        "category": "mbt",
        "name": "Main battle tanks",
        "unit": "vehicles",
        "unit_aliases": "tanks",
        "aggregation": "sum_then_readiness",
        "domain": "land",
        "source_id": "tax_europillar",
    },
    {
        "category": "ammo_155mm_stock",
        "name": "155 mm stock",
        "unit": "rounds",
        "unit_aliases": "shells",
        "aggregation": "sum",
        "domain": "munitions",
        "source_id": "tax_europillar",
    },
]


def obs_rows(values: dict[str, dict[str, float]], year: int = 2023) -> pd.DataFrame:
    """Observations long table from {indicator: {iso3: value}}."""
    units = {
        "gdp_usd_current_m": "USD m, current",
        "population": "persons",
        "milex_usd_current_m": "USD m, current",
    }
    rows = [
        {
            "iso3": iso3,
            "year": year,
            "indicator": indicator,
            "value": value,
            "unit": units.get(indicator, ""),
            "source_id": f"test_{indicator}",
            "estimate": False,
            "method": "",
            "note": "",
        }
        for indicator, by_country in values.items()
        for iso3, value in by_country.items()
    ]
    return pd.DataFrame.from_records(rows)


@pytest.fixture()
def two_country_data() -> CapabilityData:
    """DEU and FRA, mbt and 155 mm stock: every figure chosen for hand calculation."""
    inventory = table(
        "capability/inventory",
        [
            {
                "holder": "DEU",
                "holder_type": "country",
                "year": 2020,
                "category": "mbt",
                "quantity": 400,
                "unit": "tanks",
                "source_id": "t_inv",
            },
            {
                "holder": "DEU",
                "holder_type": "country",
                "year": 2023,
                "category": "mbt",
                "quantity": 300,
                "unit": "tanks",
                "source_id": "t_inv",
            },
            {
                "holder": "DEU",
                "holder_type": "country",
                "year": 2026,
                "category": "mbt",
                "quantity": 999,
                "unit": "tanks",
                "source_id": "t_inv",
            },
            {
                "holder": "FRA",
                "holder_type": "country",
                "year": 2024,
                "category": "mbt",
                "quantity": 200,
                "unit": "vehicles",
                "source_id": "t_inv",
            },
            {
                "holder": "FRA",
                "holder_type": "country",
                "year": 2024,
                "category": "mbt",
                "quantity": 50,
                "unit": "tanks (in storage)",
                "source_id": "t_inv",
            },
            {
                "holder": "DEU",
                "holder_type": "country",
                "year": 2024,
                "category": "ammo_155mm_stock",
                "quantity": 100000,
                "unit": "rounds",
                "source_id": "t_inv",
            },
        ],
    )
    us = table(
        "capability/us_contribution",
        [
            {
                "category": "mbt",
                "quantity": 100,
                "unit": "tanks",
                "basis": "stationed",
                "year": 2024,
                "source_id": "t_us",
            },
            {
                "category": "mbt",
                "quantity": 50,
                "unit": "tanks",
                "basis": "rotational",
                "year": 2022,
                "source_id": "t_us",
            },
        ],
    )
    costs = table(
        "capability/costs",
        [
            {
                "category": "mbt",
                "cost_type": "acquisition",
                "low": 8,
                "central": 10,
                "high": 12,
                "unit": "USD m per tank",
                "price_year": 2024,
                "source_id": "t_cost",
            },
            {
                "category": "mbt",
                "cost_type": "operating_annual",
                "central": 1,
                "unit": "USD m per tank",
                "price_year": 2024,
                "source_id": "t_cost",
            },
            {
                "category": "mbt",
                "cost_type": "acquisition",
                "central": 5,
                "unit": "USD m per interceptor",
                "price_year": 2024,
                "source_id": "t_cost",
            },
        ],
    )
    published = table(
        "capability/requirements_published",
        [
            {
                "study": "study_a",
                "category": "mbt",
                "quantity": 1000,
                "unit": "tanks",
                "source_id": "t_req",
            },
            {
                "study": "study_a",
                "category": "ammo_155mm_stock",
                "quantity": 500000,
                "unit": "shells",
                "source_id": "t_req",
            },
            {
                "study": "study_a",
                "category": "total",
                "quantity": 3.5,
                "unit": "percent of GDP",
                "source_id": "t_req",
            },
        ],
    )
    observations = obs_rows(
        {
            "gdp_usd_current_m": {"DEU": 3000.0, "FRA": 1000.0},
            "population": {"DEU": 80.0, "FRA": 40.0},
            "milex_usd_current_m": {"DEU": 60.0, "FRA": 40.0},
        }
    )
    return CapabilityData(
        taxonomy=pd.DataFrame.from_records(TAXONOMY),
        inventory=inventory,
        us_contribution=us,
        costs=costs,
        requirements_published=published,
        observations=observations,
        cost_shares=table("capability_taxonomy/nato_common_funding_shares", []),
        # one index value: USD 2024 prices are the price base, factor 1
        deflators=pd.DataFrame(
            [
                {
                    "year": 2024,
                    "series": "sipri_implied_usd_deflator_USA",
                    "value": 1.0,
                    "unit": "index",
                    "source_id": "t_defl",
                    "estimate": False,
                }
            ]
        ),
    )


@pytest.fixture()
def make_table():
    """The ``table`` helper as a fixture (test modules cannot import conftest)."""
    return table


@pytest.fixture()
def make_obs():
    return obs_rows


@pytest.fixture()
def taxonomy() -> pd.DataFrame:
    return pd.DataFrame.from_records(TAXONOMY)
