"""The ISR engine on the UCS catalogue: orbits from UCS, phasing a stated assumption."""

from __future__ import annotations

import pandas as pd

from europillar import dataset, runner
from europillar.force.satellites import PHASING, isr_satellites
from europillar.scenario import load_scenario
from europillar.scenario.loader import scenario_with


def test_phasing_spreads_each_operators_satellites_evenly_in_raan() -> None:
    data = dataset.load()
    table = isr_satellites(
        data.table("force/satellites_ucs"),
        data.table("force/satellites_added"),
        {"FRA", "DEU"},
        "2025-01-01",
    )
    sigint = table[table["constellation"] == "FRA sigint"]
    assert len(sigint) == 7  # CERES 1-3, ELISA x4
    assert sorted(sigint["raan_offset_deg"]) == [round(360 * k / 7, 3) for k in range(7)]
    assert (table["phase_deg"] == 0).all() and (table["method"] == PHASING).all()
    # CSO-3 (March 2025) is not in service on 1 January 2025
    cso3 = table[table["name"] == "CSO-3"]
    assert list(cso3["status"]) == ["planned"]
    assert set(table["sensor_type"]) == {"optical", "sar", "sigint"}


def test_isr_runs_on_the_ucs_catalogue_and_states_the_assumption() -> None:
    scenario = scenario_with(
        load_scenario("replace_us_full"),
        {"isr": {"catalogue": "ucs", "days": 1.0, "step_seconds": 300.0, "grid_deg": 2.0}},
        file="test",
    )
    result = runner.run("isr", scenario)
    coverage = result.table("coverage")
    groups = set(coverage["group"])
    assert {"DEU imaging", "FRA sigint", "USA imaging"} <= groups
    assert any(PHASING in note for note in result.notes)
    assert "ucs_satellites_2023" in result.sources
    europe = coverage[coverage["group"].str.startswith("Europe (")]
    assert not europe.empty and (europe["satellites"] > 0).all()
    assert isinstance(coverage, pd.DataFrame)
