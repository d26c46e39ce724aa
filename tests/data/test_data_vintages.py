"""Vintages: one value per key per vintage, one definition per indicator, one edition per view."""

from __future__ import annotations

import pandas as pd
import pytest

from europillar.data import load
from europillar.data.vintages import (
    AS_PUBLISHED,
    VintagePlan,
    crosschecks,
    parse_plan,
    resolve,
    select,
    unregistered,
    unresolved,
)
from europillar.errors import InputError

KEY = ["iso3", "year", "indicator", "vintage"]


@pytest.fixture(scope="module")
def observations() -> pd.DataFrame:
    return load("observations")


@pytest.fixture(scope="module")
def vintages() -> pd.DataFrame:
    return load("vintages")


def row(value: float, source: str, vintage: str, year: int = 2024, iso3: str = "FRA") -> dict:
    return {
        "iso3": iso3,
        "year": year,
        "indicator": "milex_usd_current_m",
        "value": value,
        "unit": "USD m, current",
        "source_id": source,
        "estimate": False,
        "method": "",
        "note": "",
        "vintage": vintage,
    }


TOY = pd.DataFrame(
    [
        {
            "vintage": "a-1",
            "family": "sipri_milex",
            "release_date": "2025-04-01",
            "last_year": "2024",
            "source_ids": "file_a;sheet_a",
        },
        {
            "vintage": "a-2",
            "family": "sipri_milex",
            "release_date": "2026-04-01",
            "last_year": "2025",
            "source_ids": "file_b",
        },
    ]
)


def test_no_shipped_key_holds_two_unresolved_values(
    observations: pd.DataFrame, vintages: pd.DataFrame
) -> None:
    assert unregistered(observations, vintages).empty
    assert unresolved(observations, vintages).empty
    assert not resolve(observations, vintages).duplicated(KEY).any()


def test_preference_order_resolves_and_losers_stay_visible() -> None:
    frame = pd.DataFrame([row(12.0, "sheet_a", "a-1"), row(10.0, "file_a", "a-1")])
    kept = resolve(frame, TOY)
    assert list(kept["value"]) == [10.0]  # file_a comes first in a-1's source_ids
    checks = crosschecks(frame, TOY)
    assert list(checks["value"]) == [12.0] and list(checks["value_used"]) == [10.0]
    assert checks["difference_pct"].iloc[0] == pytest.approx(20.0)


def test_two_values_from_one_source_are_unresolved() -> None:
    frame = pd.DataFrame([row(10.0, "file_a", "a-1"), row(11.0, "file_a", "a-1")])
    assert len(unresolved(frame, TOY)) == 2


def test_a_source_not_listed_for_its_vintage_is_refused() -> None:
    frame = pd.DataFrame([row(10.0, "file_b", "a-1")])
    assert len(unregistered(frame, TOY)) == 1
    with pytest.raises(InputError, match="a-1/file_b"):
        resolve(frame, TOY)


def test_a_plan_reads_one_edition_and_never_fills_from_another() -> None:
    frame = pd.DataFrame(
        [
            row(10.0, "file_a", "a-1", 2024),
            row(11.0, "file_b", "a-2", 2024),
            row(12.0, "file_b", "a-2", 2025),
            row(7.0, "file_a", "a-1", 2023, "DEU"),
        ]
    )
    newest = select(frame, TOY, VintagePlan({"sipri_milex": "newest"}))
    assert set(newest[newest.iso3 == "FRA"].vintage) == {"a-2"}
    assert list(newest[newest.iso3 == "DEU"].vintage) == ["a-1"]  # only a-1 has DEU 2023
    first = select(frame, TOY, VintagePlan({"sipri_milex": "a-1"}))
    assert sorted(first["year"]) == [2023, 2024]  # no 2025: a-1 ends in 2024
    published = select(frame, TOY, VintagePlan({"sipri_milex": AS_PUBLISHED}))
    fra = published[published.iso3 == "FRA"].set_index("year")["vintage"]
    assert fra.to_dict() == {2024: "a-1", 2025: "a-2"}  # each year from its first release


def test_vintage_option_parsing(vintages: pd.DataFrame) -> None:
    plan = parse_plan("nato-2024,sipri-2025", vintages, {"nato_defexp": AS_PUBLISHED})
    assert plan.choice("nato_defexp") == "nato-2024" and plan.choice("sipri_milex") == "sipri-2025"
    assert parse_plan("as-published", vintages, {}).choice("sipri_milex") == AS_PUBLISHED
    with pytest.raises(InputError, match="'nato-2023'.*unknown vintage.*nato-2024"):
        parse_plan("nato-2023", vintages, {})


def test_one_indicator_one_definition(observations: pd.DataFrame) -> None:
    """The catalogue names the vintages of each indicator, and the rows keep to them: the
    2026 edition's CORE definition lives only in nato_core_* ids, never in the
    full-definition nato_defexp_* series of the 2024 and 2025 editions."""
    catalogue = load("indicators").set_index("indicator")
    for indicator, part in observations.groupby("indicator"):
        listed = {v for v in str(catalogue.loc[indicator, "vintages"]).split(";") if v}
        assert set(part["vintage"]) <= listed, indicator
    full = observations[observations.indicator.str.startswith("nato_defexp_")]
    core = observations[observations.indicator.str.startswith("nato_core_")]
    assert "nato-2026" not in set(full["vintage"])
    assert set(core["vintage"]) == {"nato-2026"}
    for indicator in set(core["indicator"]):
        assert "CORE" in catalogue.loc[indicator, "definition"]
    for indicator in set(full["indicator"]):
        assert "full" in catalogue.loc[indicator, "definition"]


def test_every_vintage_states_edition_definition_and_price_base(vintages: pd.DataFrame) -> None:
    for column in ("family", "publisher", "release_date", "definition", "price_base", "coverage"):
        assert (vintages[column].str.strip() != "").all(), column
    assert not vintages["vintage"].duplicated().any()


def test_big_sipri_revisions_are_explained_and_not_shifted_rows() -> None:
    """Every 2014-2024 figure SIPRI's 2026 release changed by more than 10 % against the
    2025 release is listed in revisions.csv with an explanation, and none looks like a
    misaligned row: local currency, US$ and share of GDP move together (GDP in local
    currency changes by under 4 %), and no new US$ figure is a neighbouring cell's old one."""
    old = load("observations/sipri_2025")
    new = load("observations/sipri_2026")
    measures = ["milex_lcu_current_m", "milex_usd_current_m", "milex_share_gdp_pct"]
    both = old.merge(new, on=["iso3", "year", "indicator"], suffixes=("_old", "_new"))
    both = both[both.indicator.isin(measures)]
    both["change"] = 100 * (both.value_new / both.value_old - 1)
    wide = both.pivot_table(index=["iso3", "year"], columns="indicator", values="change")
    big = wide[(wide.abs() > 10).any(axis=1)]
    listed = load("revisions")
    assert set(big.index) == set(zip(listed.iso3, listed.year.astype(int), strict=True))
    assert (listed["explanation"].str.len() > 40).all()
    for (iso3, year), changes in big.iterrows():
        gdp = (1 + changes["milex_lcu_current_m"] / 100) / (
            1 + changes["milex_share_gdp_pct"] / 100
        )
        assert abs(gdp - 1) < 0.04, (iso3, year)
        assert abs(changes["milex_usd_current_m"] - changes["milex_lcu_current_m"]) < 0.5
        revised = both[
            (both.iso3 == iso3) & (both.year == year) & (both.indicator == "milex_usd_current_m")
        ]
        usd = old[old.indicator == "milex_usd_current_m"]
        # A shifted row carries another country's figure of that year; a shifted column,
        # the same country's figure of the year before or after.
        neighbours = usd[
            ((usd.iso3 != iso3) & (usd.year == year))
            | ((usd.iso3 == iso3) & (abs(usd.year - year) == 1))
        ]
        for r in revised.itertuples():
            assert not (abs(neighbours.value / r.value_new - 1) < 1e-4).any(), (iso3, year)
