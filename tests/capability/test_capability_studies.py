"""The two anchor presets reproduce their studies' published headlines by method.

No factor is fitted: every number below comes from cited tables (unit costs, GDP, exchange
rates, GAO's O&S share) through the equations of docs/costs.md. Tolerances and reasons:

- bruegel_kiel_2025: EUR 250 bn a year +/- 15 %. The study rounds ("about EUR 250
  billion"), and its GDP year and exchange rate are not stated; 1.5 points of EU27 GDP
  move by several percent between 2023 and 2024 GDP or between exchange-rate sources.
- iiss_2025: one-off procurement inside IISS's own USD 226-344 bn range (the central
  estimate; the range itself is IISS's "depending on the quality of the equipment"), and
  the 25-year total within +/- 15 % of "approximately USD 1 trillion" (IISS rounds to a
  trillion; our unit costs are other buyers' contract prices, not IISS's).
"""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from europillar import capability, dataset
from europillar.cli import gaps_cmd, scenario_cmd
from europillar.scenario.loader import load_scenario


@pytest.fixture(scope="module")
def bruegel():
    return capability.run(capability.inputs(load_scenario("bruegel_kiel_2025"), dataset.load()))


@pytest.fixture(scope="module")
def iiss():
    return capability.run(capability.inputs(load_scenario("iiss_2025"), dataset.load()))


def test_bruegel_kiel_headline_by_the_studys_gdp_share_method(bruegel) -> None:
    from europillar import countries, data

    top = bruegel.top_down
    assert top["headline_annual"] / 1000 == pytest.approx(250, rel=0.15)
    # the same arithmetic by hand: 1.5 points of the World Bank's EU27 GDP for 2023,
    # converted at the Federal Reserve's 2023 average rate (USD per EUR)
    obs = data.load("observations")
    eu27 = countries.members("EU27", 2023)
    gdp = obs[
        (obs["indicator"] == "gdp_usd_current_m")
        & (obs["year"] == 2023)
        & obs["iso3"].isin(eu27)
        & (obs["source_id"] == "wb_wdi_gdp")
    ]["value"]
    assert len(gdp) == 27
    fx = data.load("capability/deflators")
    rate = float(
        fx[(fx["series"] == "fx_usd_per_eur_fed_h10") & (fx["year"].astype(str) == "2023")][
            "value"
        ].iloc[0]
    )
    assert top["headline_annual"] == pytest.approx(0.015 * gdp.sum() / rate, rel=1e-9)


def test_bruegel_kiel_bottom_up_is_shown_beside_and_the_rest_is_not_itemised(bruegel) -> None:
    top, summary = bruegel.top_down, bruegel.lifecycle_summary
    assert summary["unit"] == "EUR m, 2023 prices"
    # the named force list (1,400 tanks, 2,000 IFVs, 700 guns, 1 m rounds, 50 brigades of
    # 6,000) costs far less than the top-down figure; the remainder is reported, not spread
    assert 0 < summary["annual_total_central"] < top["headline_annual"]
    assert top["not_itemised_annual"] == pytest.approx(
        top["headline_annual"] - summary["annual_total_central"]
    )
    parts = bruegel.lifecycle_decomposition.set_index("bound").loc["central"]
    for part in ("equipment", "munitions", "personnel", "operations"):
        assert parts[part] > 0, part
    assert parts[["equipment", "munitions", "personnel", "operations"]].sum() == pytest.approx(
        summary["annual_total_central"]
    )
    brigades = bruegel.lifecycle.set_index("category").loc["troops_brigade"]
    assert brigades["persons"] == pytest.approx(300_000)
    # the loitering munitions have no cited price: left open, not zero
    assert "long_range_drone" in summary["gap_missing"] + summary["no_cost_data"]


def test_iiss_one_off_procurement_within_the_published_range(iiss) -> None:
    summary = iiss.lifecycle_summary
    assert summary["unit"] == "USD m, 2024 prices"
    assert 226_000 <= summary["procurement_total_central"] <= 344_000
    # every item of IISS's relayed list is costed from cited unit costs
    costed = set(iiss.lifecycle.query("cost_status == 'complete'")["category"])
    assert costed == {
        "combat_aircraft",
        "destroyer_frigate",
        "air_defence_long",
        "ifv_apc",
        "mbt",
        "submarine_nuclear",
        "maritime_patrol_aircraft",
        "attack_helicopter",
        "long_range_drone",
        "aircraft_carrier",
    }


def test_iiss_25_year_total_within_15_percent_of_a_trillion(iiss) -> None:
    summary = iiss.lifecycle_summary
    assert summary["lifecycle_years"] == 25
    assert summary["lifecycle_total_central"] / 1e6 == pytest.approx(1.0, rel=0.15)
    # by method: with GAO's 76 % O&S share the total is acquisition / (1 - 0.76)
    assert summary["lifecycle_total_central"] == pytest.approx(
        summary["procurement_total_central"] / 0.24
    )


def test_budget_view_json_has_the_summary_record() -> None:
    cli = typer.Typer()
    gaps_cmd.register(cli)
    scenario_cmd.register(cli)  # two commands, so typer keeps the command name
    out = CliRunner().invoke(
        cli, ["gaps", "--scenario", "iiss_2025", "--view", "budget", "--format", "json"]
    )
    assert out.exit_code == 0, out.output
    rows = json.loads(out.output)["rows"]
    summaries = [r for r in rows if r["record"] == "summary"]
    assert len(summaries) == 1
    record = summaries[0]
    for part in ("annual_total", "procurement_total", "lifecycle_total"):
        for bound in ("low", "central", "high"):
            # a JSON number: money leaves at one decimal, so a whole figure prints as 47540
            value = record[f"{part}_{bound}"]
            assert isinstance(value, int | float) and not isinstance(value, bool)
    assert record["lifecycle_years"] == 25
    assert record["unit"] == "USD m, 2024 prices"
    assert record["currency"] == "USD" and record["scale"] == "m"
