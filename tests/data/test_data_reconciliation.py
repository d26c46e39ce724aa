"""Bloc sums of the shipped country figures against the totals SIPRI and NATO publish.

Blocs come from the regional definitions shipped as data (tables/blocs); SIPRI's totals
from its own workbooks (aggregates/sipri_<release>.csv) and fact sheets. Each tolerance
is written next to its reason.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from europillar.blocs import FIXED
from europillar.countries import members
from europillar.data import load

RELEASES = {2025: 2023, 2026: 2024}  # SIPRI release -> price base of its constant series
# Regions whose total is the plain sum of SIPRI's country rows (no imputation for them).
EXACT_REGIONS = ("SIPRI_EUROPE", "SIPRI_EASTERN_EUROPE", "SIPRI_NORTH_AMERICA", "SIPRI_EAST_ASIA")


def _frame(name: str) -> pd.DataFrame:
    frame = load(name)
    frame["year"] = frame["year"].astype(int)
    frame["value"] = frame["value"].astype(float)
    return frame


def _sum(release: int, indicator: str, codes: list[str], year: int) -> float:
    obs = _frame(f"observations/sipri_{release}")
    rows = obs[(obs.indicator == indicator) & (obs.year == year) & obs.iso3.isin(codes)]
    assert set(rows.iso3) == set(codes), (release, year, sorted(set(codes) - set(rows.iso3)))
    return float(rows["value"].sum())


def _aggregate(name: str, aggregate: str, indicator: str, year: int) -> float:
    frame = _frame(name)
    row = frame[
        (frame["aggregate"] == aggregate) & (frame.indicator == indicator) & (frame.year == year)
    ]
    assert len(row) == 1, (name, aggregate, indicator, year)
    return float(row["value"].iloc[0])


@pytest.mark.parametrize("release", sorted(RELEASES))
@pytest.mark.parametrize("region", EXACT_REGIONS)
def test_sipri_region_is_the_sum_of_its_members(release: int, region: str) -> None:
    """In-scope members (tables/blocs) + SIPRI's figures for the members outside scope
    = SIPRI's published regional total, at constant prices, every year from 2014.

    Tolerance: 0.01 % (SIPRI prints the total unrounded); 2021 is the one exception: the
    Europe totals hold about USD 1 bn that no country row carries (0.22 % in the 2026
    release, 0.33 % in the 2025 one; the workbook does not say why), so 0.35 % there."""
    base = RELEASES[release]
    outside = _frame(f"aggregates/sipri_{release}_outside_scope")
    for year in range(2014, release):
        codes = members(region, year)
        inside = _sum(release, f"milex_usd_constant{base}_m", codes, year)
        rest = outside[
            (outside["aggregate"] == region)
            & (outside.year == year)
            & (outside.indicator == f"milex_usd_constant{base}_m")
        ]["value"].sum()
        total = 1000 * _aggregate(
            f"aggregates/sipri_{release}", region, f"milex_usd_constant{base}_bn", year
        )
        tolerance = 0.0035 if year == 2021 and "EUROPE" in region else 0.0001
        assert inside + rest == pytest.approx(total, rel=tolerance), (release, region, year)


def test_turkiye_is_in_sipris_middle_east_not_its_europe() -> None:
    assert "TUR" in members("SIPRI_MIDDLE_EAST", 2024)
    assert "TUR" not in members("SIPRI_EUROPE", 2024)
    assert "TUR" in members("EUROPEAN_NATO", 2024)  # NATO's and europillar's European NATO
    # Putting Türkiye into SIPRI's Europe would overshoot the published total by its
    # own spending (USD 26.8 bn at constant 2024 prices in 2025), far beyond rounding.
    outside = _frame("aggregates/sipri_2026_outside_scope")
    rest = outside[
        (outside["aggregate"] == "SIPRI_EUROPE")
        & (outside.year == 2025)
        & (outside.indicator == "milex_usd_constant2024_m")
    ]["value"].sum()
    total = 1000 * _aggregate(
        "aggregates/sipri_2026", "SIPRI_EUROPE", "milex_usd_constant2024_bn", 2025
    )
    with_tur = _sum(2026, "milex_usd_constant2024_m", [*members("SIPRI_EUROPE", 2025), "TUR"], 2025)
    assert with_tur + rest - total == pytest.approx(
        _sum(2026, "milex_usd_constant2024_m", ["TUR"], 2025), rel=1e-4
    )


def test_sipri_world_total_is_bounded_by_the_country_rows() -> None:
    """SIPRI's world total adds its estimates for countries without data and leaves out a
    few countries it cannot estimate ('Omitted countries'), so it is not the sum of the
    rows; in both releases the rows stay within 3 % of it in every year from 2014."""
    for release, base in RELEASES.items():
        obs = _frame(f"observations/sipri_{release}")
        outside = _frame(f"aggregates/sipri_{release}_outside_scope")
        for year in range(2014, release):
            inside = obs[(obs.indicator == f"milex_usd_constant{base}_m") & (obs.year == year)]
            rest = outside[
                (outside["aggregate"] == "WORLD")
                & (outside.year == year)
                & (outside.indicator == f"milex_usd_constant{base}_m")
            ]
            rows = inside["value"].sum() + rest["value"].sum()
            total = 1000 * _aggregate(
                f"aggregates/sipri_{release}", "WORLD", f"milex_usd_constant{base}_bn", year
            )
            assert rows == pytest.approx(total, rel=0.03), (release, year)


def test_nato_members_sum_to_sipris_nato_total_2024() -> None:
    # SIPRI Fact Sheet (April 2025): NATO USD 1,506 bn, rounded to USD 1 bn -> +-0.5 bn.
    total = _sum(2025, "milex_usd_current_m", members("SIPRI_NATO", 2024), 2024) / 1000
    assert total == pytest.approx(
        _aggregate("aggregates/sipri_fact_sheets", "NATO", "milex_usd_current_bn", 2024), abs=0.5
    )


def test_sipris_european_nato_leaves_turkiye_out_2024() -> None:
    # SIPRI's "European NATO members" USD 454 bn (rounded to 1 bn) is SIPRI_EUROPEAN_NATO
    # (NATO minus USA, CAN, TUR); europillar's EUROPEAN_NATO keeps Türkiye (USD 479 bn).
    published = _aggregate(
        "aggregates/sipri_fact_sheets", "SIPRI_EUROPEAN_NATO", "milex_usd_current_bn", 2024
    )
    sipri_bloc = _sum(2025, "milex_usd_current_m", members("SIPRI_EUROPEAN_NATO", 2024), 2024)
    ours = _sum(2025, "milex_usd_current_m", members("EUROPEAN_NATO", 2024), 2024)
    assert sipri_bloc / 1000 == pytest.approx(published, abs=0.5)
    assert ours - sipri_bloc == pytest.approx(_sum(2025, "milex_usd_current_m", ["TUR"], 2024))
    assert ours / 1000 == pytest.approx(479.4, abs=0.1)


def test_world_total_and_us_share_against_the_fact_sheets() -> None:
    # 2024: Fact Sheet USD 2,718 bn (rounded to 1 bn) vs the 2025 workbook's total.
    workbook = _aggregate("aggregates/sipri_2025", "WORLD", "milex_usd_current_bn", 2024)
    sheet = _aggregate("aggregates/sipri_fact_sheets", "WORLD", "milex_usd_current_bn", 2024)
    assert workbook == pytest.approx(sheet, abs=0.5)
    # 2025: the US share of the world, 33 % (whole percent), from the 2026 workbook.
    world = _aggregate("aggregates/sipri_2026", "WORLD", "milex_usd_current_bn", 2025)
    usa = _sum(2026, "milex_usd_current_m", ["USA"], 2025) / 1000
    share = _aggregate("aggregates/sipri_fact_sheets", "WORLD", "us_share_of_world_milex_pct", 2025)
    assert 100 * usa / world == pytest.approx(share, abs=0.5)


def test_fact_sheet_2026_agrees_with_the_workbook_at_printed_precision() -> None:
    # Table 1 prints US$ bn to one decimal below USD 100 bn and whole bn above, and shares
    # to one decimal: the workbook must round to what is printed.
    from europillar.data.vintages import crosschecks

    checks = crosschecks(load("observations"), load("vintages"))
    money = checks[checks.indicator == "milex_usd_current_m"]
    assert len(money) >= 18
    for row in money.itertuples():
        step = 1000.0 if row.value_used >= 100_000 else 100.0  # USD m per printed digit
        assert abs(row.value - row.value_used) <= step / 2 + 1e-6, row.iso3
    share = checks[checks.indicator == "milex_share_gdp_pct"]
    assert (abs(share.value - share.value_used) <= 0.05).all()


def test_nato_totals_count_the_members_of_each_year() -> None:
    """NATO's own 'NATO' total (2026 edition) is the sum over that year's Allies (as-of
    membership), not today's 32 backdated: in 2014 the difference is Finland, Sweden,
    Montenegro and North Macedonia. Tolerance: 31 figures rounded to USD 1 m."""
    obs = _frame("observations/nato_2026")
    spend = obs[obs.indicator == "nato_core_defexp_usd_current_m"]
    for year in range(2014, 2027):
        as_of = spend[(spend.year == year) & spend.iso3.isin(members("NATO", year))]
        total = _aggregate("aggregates/nato_2026", "NATO", "nato_core_defexp_usd_current_m", year)
        assert as_of["value"].sum() == pytest.approx(total, abs=16), year
    fixed = spend[(spend.year == 2014) & spend.iso3.isin(members("NATO", 2014, membership=FIXED))]
    late = spend[(spend.year == 2014) & spend.iso3.isin(["FIN", "SWE", "MNE", "MKD"])]
    assert fixed["value"].sum() - late["value"].sum() == pytest.approx(
        _aggregate("aggregates/nato_2026", "NATO", "nato_core_defexp_usd_current_m", 2014), abs=16
    )


def test_shipped_regions_match_the_sipri_workbook(raw_job: Callable[[str], list[Path]]) -> None:
    from europillar.data.build import locate
    from europillar.data.importers.common import spellings
    from europillar.data.importers.sipri_regions import PARTS, country_regions
    from europillar.data.importers.workbook import open_workbook

    found = locate("sipri_2026", raw_job("sipri_2026"))
    assert found is not None
    groups = country_regions(open_workbook(found[0], read_only=True), found[0])
    names = spellings("sipri_milex")
    shipped = load("blocs/members")
    for bloc, parts in PARTS.items():
        expected = {names[c] for p in parts for c in groups.get(p, []) if c in names}
        assert set(shipped.loc[shipped.bloc == bloc, "iso3"]) == expected, bloc
