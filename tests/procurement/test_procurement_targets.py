"""Member targets come from capability's whole-unit apportionment and add up to the gaps.

Before this test, targets re-rounded the fractional units (``units``) per member, so on
``bruegel_kiel_2025`` the members' tanks added up to 1,396 for a gap of 1,400 and their
IFVs to 1,999 for 2,000.
"""

from __future__ import annotations

import math

import pytest

from europillar import dataset, procurement, runner
from europillar.procurement.targets import gap_targets
from europillar.scenario import load_scenario, preset_names


@pytest.mark.parametrize("name", preset_names())
def test_member_targets_add_up_exactly_to_each_category_gap(name: str) -> None:
    scenario = load_scenario(name)
    data = dataset.load()
    gaps = runner.run("capability", scenario, data)
    targets = gap_targets(gaps).groupby("category")["units"].sum()
    positive = gaps.by_category[gaps.by_category["gap"] > 0]
    assert len(positive), name
    for row in positive.itertuples():
        assert targets.get(row.category, 0) == round(row.gap), (name, row.category)
    # and the procurement engine buys exactly those targets where it has candidates
    problem = procurement.inputs(scenario, data).problem
    bought = problem.targets.groupby("category")["units"].sum()
    for category, units in bought.items():
        gap = float(positive.set_index("category").loc[category, "gap"])
        assert units == round(gap), (name, category)


def test_bruegel_kiel_targets_are_the_study_figures() -> None:
    gaps = runner.run("capability", load_scenario("bruegel_kiel_2025"))
    totals = gap_targets(gaps).groupby("category")["units"].sum()
    assert totals["mbt"] == 1400 and totals["ifv_apc"] == 2000
    assert math.isclose(float(gaps.by_category.set_index("category").loc["mbt", "gap"]), 1400)
