"""Census zeros: scope, named holders, estimates, and the consistency check (hand-built cases),
then the shipped censuses read against the rows they must agree with."""

from __future__ import annotations

import pandas as pd
import pytest

from europillar import countries, data
from europillar.errors import InputError
from europillar.force.census import CENSUS_COLUMNS, census_zeros, check_census, scope_states
from europillar.force.holdings import HOLDINGS_COLUMNS
from europillar.force.matrix import ForceData, matrix

COUNTRIES = pd.DataFrame(
    {
        "iso3": ["AAA", "BBB", "CCC", "USA"],
        "name": ["A", "B", "C", "United States"],
        "region_group": ["Western", "Western", "Nordic-Baltic", "Other"],
    }
)
MEMBERSHIPS = pd.DataFrame(
    {
        "iso3": ["AAA", "BBB", "USA"],
        "organisation": ["NATO", "NATO", "NATO"],
        "joined": ["1949-04-04", "2023-04-04", "1949-04-04"],
        "left": ["", "", ""],
    }
)


def rows(*specs: tuple[str, str, int, float, str]) -> pd.DataFrame:
    """Holdings rows (holder, category, year, quantity, source_id); other columns blank."""
    records = [
        {
            **dict.fromkeys(HOLDINGS_COLUMNS, ""),
            "holder": holder,
            "holder_type": "country",
            "category": category,
            "year": year,
            "quantity": quantity,
            "source_id": source,
        }
        for holder, category, year, quantity, source in specs
    ]
    return pd.DataFrame(records, columns=HOLDINGS_COLUMNS)


def census(**values: object) -> pd.DataFrame:
    row = {"holders": "", "estimate": False, "method": "", "note": "n", **values}
    return pd.DataFrame([row], columns=CENSUS_COLUMNS)


def test_scope_world_is_every_state_and_a_bloc_is_its_members_that_year() -> None:
    assert scope_states("world", 2024, COUNTRIES, MEMBERSHIPS) == {"AAA", "BBB", "CCC", "USA"}
    assert scope_states("EUROPEAN_NATO", 2024, COUNTRIES, MEMBERSHIPS) == {"AAA", "BBB"}
    assert scope_states("EUROPEAN_NATO", 2022, COUNTRIES, MEMBERSHIPS) == {"AAA"}  # BBB joins 2023
    with pytest.raises(InputError, match="force/census.csv.*'Atlantis'"):
        scope_states("Atlantis", 2024, COUNTRIES, MEMBERSHIPS)


def test_a_named_holder_is_spared_and_states_outside_the_scope_get_no_zero() -> None:
    """A European census (AAA holds) zeroes BBB only: CCC is not in NATO, the USA not European."""
    frame = census(
        source_id="s", category="tanker", scope="EUROPEAN_NATO", year=2024, holders="AAA"
    )
    zeros = census_zeros(
        frame, rows(("AAA", "tanker", 2024, 5, "x")), COUNTRIES, MEMBERSHIPS, HOLDINGS_COLUMNS
    )
    assert list(zeros["holder"]) == ["BBB"]
    assert (zeros["quantity"] == 0).all() and (zeros["scope"] == "total").all()
    assert not zeros["estimate"].any()


def test_a_derived_census_flags_its_zeros_as_estimates_with_the_method() -> None:
    frame = census(
        source_id="s",
        category="tanker",
        scope="world",
        year=2024,
        holders="AAA USA",
        estimate=True,
        method="register lists every import; nobody builds tankers",
    )
    zeros = census_zeros(frame, rows(), COUNTRIES, MEMBERSHIPS, HOLDINGS_COLUMNS)
    assert sorted(zeros["holder"]) == ["BBB", "CCC"]
    assert zeros["estimate"].all()
    assert zeros["method"].str.contains("nobody builds tankers").all()
    assert zeros["method"].str.startswith("census: not listed by s (world)").all()


def test_without_holders_the_rows_citing_the_source_are_the_holders() -> None:
    """SIPRI/UCS style: the census source's own rows name the holders."""
    frame = census(source_id="s", category="nuclear_warhead", scope="world", year=2024)
    own = rows(("USA", "nuclear_warhead", 2024, 5000, "s"))
    zeros = census_zeros(frame, own, COUNTRIES, MEMBERSHIPS, HOLDINGS_COLUMNS)
    assert sorted(zeros["holder"]) == ["AAA", "BBB", "CCC"]
    # AAA has a positive row from another source in the census year: refused, not zeroed.
    other = pd.concat([own, rows(("AAA", "nuclear_warhead", 2024, 9, "t"))], ignore_index=True)
    with pytest.raises(InputError, match="zeroes a holder with 9 in 2024"):
        census_zeros(frame, other, COUNTRIES, MEMBERSHIPS, HOLDINGS_COLUMNS)


def test_check_census_names_file_row_and_column() -> None:
    bad_holder = census(source_id="s", category="tanker", scope="world", year=2024, holders="ZZZ")
    with pytest.raises(InputError, match=r"force/census.csv, key 'row 2.holders': value 'ZZZ'"):
        check_census(bad_holder, rows(), COUNTRIES, MEMBERSHIPS)
    no_method = census(source_id="s", category="tanker", scope="world", year=2024, estimate=True)
    with pytest.raises(InputError, match=r"'row 2.method'"):
        check_census(no_method, rows(), COUNTRIES, MEMBERSHIPS)
    # A positive row in another year is no contradiction (the census describes its year).
    ok = census(source_id="s", category="tanker", scope="world", year=2024, holders="AAA")
    check_census(ok, rows(("BBB", "tanker", 2015, 1, "x")), COUNTRIES, MEMBERSHIPS)


@pytest.fixture(scope="module")
def shipped() -> tuple[ForceData, pd.DataFrame]:
    force = ForceData.from_tables(data.load)
    return force, matrix(force)


def chosen(resolved: pd.DataFrame, holder: str, category: str, year: int) -> float:
    rows_ = resolved[
        (resolved["holder"] == holder)
        & (resolved["category"] == category)
        & (resolved["year"] == year)
        & resolved["chosen"]
    ]
    assert len(rows_) == 1, (holder, category, year, rows_)
    return float(rows_["quantity"].iloc[0])


def test_shipped_censuses_agree_with_every_positive_row(
    shipped: tuple[ForceData, pd.DataFrame],
) -> None:
    force, _ = shipped
    check_census(force.census, force.holdings, force.countries, force.memberships)
    assert list(force.census.columns) == CENSUS_COLUMNS


def test_sipri_2021_census_no_longer_zeroes_the_nuclear_powers(
    shipped: tuple[ForceData, pd.DataFrame],
) -> None:
    """The 2021 SIPRI census had no rows of its own, so it zeroed the five nuclear powers in
    scope and beat their 2021 counts; it now names them (SIPRI Yearbook 2021: China 350)."""
    _, resolved = shipped
    assert chosen(resolved, "CHN", "nuclear_warhead", 2021) == 350
    assert chosen(resolved, "DEU", "nuclear_warhead", 2021) == 0


def test_european_censuses_leave_the_comparators_alone(
    shipped: tuple[ForceData, pd.DataFrame],
) -> None:
    """A European NATO census of C-17 operators says nothing about Russia or China."""
    _, resolved = shipped
    zeros = resolved[resolved["method"].astype(str).str.startswith("census: not listed by")]
    european = zeros[zeros["method"].str.contains(r"\((?:EUROPEAN_NATO|NATO)\)")]
    assert not set(european["holder"]) & {"RUS", "CHN", "UKR"}
    assert chosen(resolved, "DEU", "airlift_strategic", 2024) == 0
    assert chosen(resolved, "FIN", "submarine_conventional", 2024) == 0
    assert chosen(resolved, "NOR", "attack_helicopter", 2024) == 0
    # The nuclear-submarine census is worldwide: six states, five of them in scope.
    assert chosen(resolved, "UKR", "submarine_nuclear", 2023) == 0
    assert chosen(resolved, "GBR", "submarine_nuclear", 2025) == 9


def test_corps_hqs_count_once_by_framework_nation_share(
    shipped: tuple[ForceData, pd.DataFrame],
) -> None:
    """A shared corps HQ counts 1/n for each of its n framework nations (docs/force-data.md).
    Hand count for European NATO in 2022: LANDCOM's nine rotating HQs (ARRC, RRC-FR, NRDC-GR,
    -ITA, -ESP, -TUR, 1 GNC, MNC-NE, Eurocorps) = 9; Germany 1/2 + 1/3 + 1/6 = 1, Poland
    1/3 + 1/6 = 1/2, France and Spain 1 + 1/6. MNC-SE (Romania, FOC 2024) is the tenth."""
    force, resolved = shipped
    assert chosen(resolved, "DEU", "c2_hq", 2022) == pytest.approx(1.0, abs=1e-5)
    assert chosen(resolved, "POL", "c2_hq", 2022) == pytest.approx(0.5, abs=1e-5)
    assert chosen(resolved, "FRA", "c2_hq", 2022) == pytest.approx(7 / 6, abs=1e-5)
    members = countries.members("EUROPEAN_NATO", 2022)
    hqs = resolved[
        (resolved["category"] == "c2_hq")
        & (resolved["year"] == 2022)
        & resolved["chosen"]
        & resolved["holder"].isin(members)
    ]
    assert hqs["quantity"].sum() == pytest.approx(9.0, abs=1e-4)
    # every multinational HQ's shares add up to one HQ
    shares = force.holdings[
        (force.holdings["category"] == "c2_hq")
        & (force.holdings["year"] == 2022)
        & force.holdings["variant"].str.startswith("framework-nation share")
    ]
    per_hq = shares.groupby("platform")["quantity"].sum()
    assert per_hq.to_dict() == pytest.approx(
        {"1 German-Netherlands Corps": 1.0, "Multinational Corps Northeast": 1.0, "Eurocorps": 1.0},
        abs=1e-5,
    )
    # the census zeroes the 2022 members that frame none, and leaves later members unsettled
    assert chosen(resolved, "NOR", "c2_hq", 2022) == 0
    assert not len(resolved[(resolved["holder"] == "FIN") & (resolved["category"] == "c2_hq")])


def test_derived_tanker_zeros_are_estimates_with_their_reading() -> None:
    """States reaching tankers only through the NATO pool or allies: zero, flagged, explained."""
    holdings = data.load("force/holdings")
    zeros = holdings[
        (holdings["category"] == "tanker")
        & holdings["source_id"].str.startswith("f4_")
        & (holdings["quantity"].astype(float) == 0)
    ]
    assert sorted(zeros["holder"]) == ["BEL", "CZE", "DNK", "GRC", "NOR", "ROU"]
    assert (zeros["estimate"].astype(str).str.lower() == "true").all()
    assert zeros["method"].str.startswith("zero read from the source").all()
