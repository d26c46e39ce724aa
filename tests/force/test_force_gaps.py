"""The holdings matrix and coverage inside the capability engine (replace_us_full)."""

from __future__ import annotations

import pandas as pd
import pytest

from europillar import runner
from europillar.capability.units import accepted_units, normalise_unit
from europillar.data import load
from europillar.scenario import load_scenario


@pytest.fixture(scope="module")
def replace_us_full():  # type: ignore[no-untyped-def]
    return runner.run("capability", load_scenario("replace_us_full"))


def test_no_missing_category_that_a_registered_source_covers(replace_us_full) -> None:  # type: ignore[no-untyped-def]
    """Under replace_us the gap is the US contribution: a category is 'missing' only when no
    cited row gives the US figure in the category's unit (rows in other units, e.g. the
    2nd MDTF as 'task forces' or IISS's USD 4.8 bn for space ISR, cannot be counted)."""
    taxonomy = load("capability_taxonomy/taxonomy").set_index("category")
    us = load("capability/us_contribution")
    table = replace_us_full.by_category.set_index("category")
    missing = sorted(table.index[table["data_status"] == "missing"])
    for category in missing:
        rows = us[us["category"] == category]
        units = {normalise_unit(u) for u in rows["unit"]}
        assert not units & accepted_units(taxonomy.loc[category]), (category, sorted(units))
    assert missing == [
        "airlift_strategic",
        "ammo_155mm_production",
        "ammo_155mm_stock",
        "heavy_helicopter",
        "isr_aew_aircraft",
        "long_range_strike",
        "submarine_conventional",
    ]


def test_enablers_now_have_a_us_figure(replace_us_full) -> None:  # type: ignore[no-untyped-def]
    """Tankers (100th ARW), SEAD/EW (480th FS + rotational EA-18G), space (UCS census of
    the US constellation), tactical airlift (37th AS) and C2 (V Corps) are counted."""
    us = replace_us_full.by_category.set_index("category")["us_contribution_full"]
    assert us["tanker"] == 15 and us["sead_ew"] == 34 and us["airlift_tactical"] == 11
    assert us["satellite_imaging"] == 40 and us["c2_hq"] == 1


def test_coverage_travels_with_the_result_and_withholds_ratios(replace_us_full) -> None:  # type: ignore[no-untyped-def]
    coverage = replace_us_full.table("coverage").set_index("category")
    assert len(coverage) == 29 and (coverage["members_total"] == 30).all()
    table = replace_us_full.by_category.set_index("category")
    low = coverage.index[~coverage["sufficient"].astype(bool)]
    assert table.loc[low, "coverage_ratio"].isna().all()
    assert table.loc["combat_aircraft", "coverage"].startswith("insufficient data: ")
    # tankers: eight holders plus the cited zeros (Poland, Netherlands, Norway, Belgium, ...)
    assert table.loc["tanker", "coverage"] == "14 of 30 members, 91 % of spending"
    assert table.loc["nuclear_warhead", "coverage"].startswith("30 of 30 members")
    assert pd.notna(table.loc["nuclear_warhead", "coverage_ratio"])


def test_an_advocacy_total_is_never_used_as_an_inventory(replace_us_full) -> None:  # type: ignore[no-untyped-def]
    """Greenpeace's 2,073 European combat aircraft stays a cross-check (issue 12)."""
    row = replace_us_full.by_category.set_index("category").loc["combat_aircraft"]
    assert "aggregate row" not in row["note"] and row["european_inventory"] != 2073


def test_the_report_shows_coverage_beside_gaps_and_costs(replace_us_full) -> None:  # type: ignore[no-untyped-def]
    from europillar import dataset
    from europillar.report.section import ReportContext
    from europillar.report.sections.capability import render

    ctx = ReportContext(2024, load_scenario("replace_us_full"), dataset.load())
    html = render(replace_us_full, ctx).html
    assert html.count("Data coverage") >= 3  # gap table, cost table, explanation
    assert "insufficient data: 6 of 30 members" in html  # e.g. destroyers and frigates
    assert "30 of 30 members, 100 % of spending" in html  # nuclear warheads, satellites
