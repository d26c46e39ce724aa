"""Firm orders from the orders pipeline arrive in their delivery years: European tank
holdings in the central run rise where Poland's K2 and Abrams orders (and K9 guns) say."""

from __future__ import annotations

import numpy as np
import pytest

from europillar import dataset, transition
from europillar.force.inputs import orders_pipeline
from europillar.scenario import load_scenario
from europillar.scenario.loader import scenario_with
from europillar.transition.results import central_run
from europillar.transition.supply import firm_schedule


@pytest.fixture(scope="module")
def data():  # type: ignore[no-untyped-def]
    return dataset.load()


def test_polish_k2_k9_abrams_orders_arrive_in_their_years(data) -> None:  # type: ignore[no-untyped-def]
    pipeline = orders_pipeline(data.table)[0]
    polish = pipeline[(pipeline["iso3"] == "POL") & pipeline["delivery_year"].notna()]
    years = np.arange(2024, 2046)
    firm, _, _ = firm_schedule(polish, ["POL"], ("mbt", "artillery"), years)
    for category, pattern in (("mbt", "K2"), ("mbt", "Abrams"), ("artillery", "K-9")):
        rows = polish[(polish["category"] == category) & polish["platform"].str.contains(pattern)]
        assert len(rows), (category, pattern)
        col = ("mbt", "artillery").index(category)
        for year, quantity in rows.groupby("delivery_year")["quantity"].sum().items():
            t = max(int(year) - 2024, 0)
            assert firm[t, col] >= quantity  # at least this deal arrives that year


def test_central_tank_holdings_rise_with_firm_orders(data) -> None:  # type: ignore[no-untyped-def]
    scenario = load_scenario("replace_us_full")
    with_orders = transition.inputs(scenario, data)
    without = transition.inputs(
        scenario_with(scenario, {"transition": {"firm_orders": False}}, file="test"), data
    )
    model = with_orders.model
    c = model.data.categories.index("mbt")
    stock = central_run(model, with_orders.params).stock[0, :, c]
    base = central_run(without.model, without.params).stock[0, :, c]
    firm = np.cumsum(model.data.firm_deliveries[:, c])
    years = list(model.years)
    start, y2026 = years.index(2024), years.index(2026)
    assert stock[y2026] > stock[start]  # holdings rise, as the orders say
    assert base[y2026] < base[start]  # without them, retirements alone would lower them
    # until the first new orders can arrive, the difference is exactly the firm deliveries
    for t in range(start, years.index(2027) + 1):
        assert stock[t] - base[t] == pytest.approx(firm[t])
    pipeline = orders_pipeline(data.table)[0]
    polish = pipeline[
        (pipeline["iso3"] == "POL")
        & (pipeline["category"] == "mbt")
        & pipeline["platform"].str.contains("K2|Abrams")
        & (pipeline["delivery_year"] <= 2026)
    ]
    assert firm[y2026] >= polish["quantity"].sum()
