"""Bloc membership as of a year (31 December rule), names and coalition validation."""

from __future__ import annotations

import pytest

from europillar import countries
from europillar.errors import InputError


@pytest.mark.parametrize(
    ("bloc", "code", "year", "expected"),
    [
        ("NATO", "FIN", 2022, False),
        ("NATO", "FIN", 2023, True),  # joined 2023-04-04
        ("NATO", "SWE", 2023, False),
        ("NATO", "SWE", 2024, True),  # joined 2024-03-07
        ("NATO", "MKD", 2019, False),
        ("NATO", "MKD", 2020, True),  # joined 2020-03-27
        ("NATO", "MNE", 2016, False),
        ("NATO", "MNE", 2017, True),  # joined 2017-06-05
        ("EU27", "GBR", 2019, True),
        ("EU27", "GBR", 2020, False),  # left 2020-01-31
        ("EU27", "HRV", 2012, False),
        ("EU27", "HRV", 2013, True),  # joined 2013-07-01
        ("EUROPEAN_NATO", "USA", 2024, False),
        ("EUROPEAN_NATO", "TUR", 2024, True),
        ("EU_NATO", "AUT", 2024, False),
        ("EU_NATO", "SWE", 2024, True),
    ],
)
def test_accession_cases(bloc: str, code: str, year: int, expected: bool) -> None:
    assert (code in countries.members(bloc, year)) is expected


def test_bloc_sizes_match_published_counts() -> None:
    # NATO: 29 Allies after Montenegro (2017), 30 after North Macedonia, 31, then 32.
    assert [len(countries.members("NATO", y)) for y in (2016, 2017, 2020, 2023, 2024)] == [
        28,
        29,
        30,
        31,
        32,
    ]
    # EU: 28 members 2013-2019, 27 from 2020.
    assert len(countries.members("EU27", 2019)) == 28
    assert len(countries.members("EU27", 2024)) == 27
    # EU members in NATO in 2024: the 27 minus Austria, Cyprus, Ireland, Malta.
    assert set(countries.members("EU27", 2024)) - set(countries.members("EU_NATO", 2024)) == {
        "AUT",
        "CYP",
        "IRL",
        "MLT",
    }
    assert len(countries.members("EUROPEAN_NATO", 2024)) == 30


def test_eu_nato_is_intersection_for_every_year() -> None:
    for year in range(2014, 2026):
        both = set(countries.members("EU27", year)) & set(countries.members("NATO", year))
        assert set(countries.members("EU_NATO", year)) == both


def test_regions_partition_the_countries() -> None:
    seen: list[str] = []
    for region in countries.region_groups():
        seen.extend(countries.members(region, 2024))
    assert sorted(seen) == countries.all_codes()
    assert len(countries.all_codes()) == 44
    assert "XKX" in countries.members("Balkans", 2024)


def test_comparators_resolve_as_single_country_blocs() -> None:
    for code in ("USA", "RUS", "CHN"):
        assert countries.members(code, 2024) == [code]
        assert code in countries.bloc_names()


def test_coalition_list_is_validated() -> None:
    assert countries.members(("FRA", "DEU", "FRA"), 2024) == ["DEU", "FRA"]
    with pytest.raises(InputError) as info:
        countries.members(["FRA", "GER"], 2024)
    assert "'GER'" in str(info.value) and "DEU" in str(info.value)


def test_unknown_bloc_and_bad_year() -> None:
    with pytest.raises(InputError, match="'EU28'"):
        countries.members("EU28", 2024)
    with pytest.raises(InputError, match="year"):
        countries.members("NATO", "2024")  # type: ignore[arg-type]


def test_names() -> None:
    assert countries.name("XKX") == "Kosovo"
    assert countries.name("TUR") == "Türkiye"
    with pytest.raises(InputError):
        countries.name("ZZZ")


def test_membership_table_is_well_formed() -> None:
    import datetime as dt

    from europillar.data import load

    rows = load("memberships")
    assert set(rows["organisation"]) == {"EU", "NATO"}
    assert not rows.duplicated(["iso3", "organisation"]).any()
    for row in rows.itertuples():
        joined = dt.date.fromisoformat(row.joined)
        if row.left:
            assert dt.date.fromisoformat(row.left) > joined
    left = rows[rows["left"] != ""]
    assert list(left["iso3"]) == ["GBR"] and list(left["left"]) == ["2020-01-31"]
    assert set(rows["iso3"]) <= set(countries.all_codes())


def test_one_map_of_publisher_spellings_to_iso3() -> None:
    """Every importer reads its country names (or codes) from one table, country_names."""
    from europillar.data import load

    table = load("country_names")
    assert not table.duplicated(["publisher", "spelling"]).any()
    assert table["iso3"].str.fullmatch(r"[A-Z]{3}").all()
    in_scope = set(load("countries")["iso3"])
    for publisher in ("sipri_milex", "nato_defexp", "worldbank", "cow"):
        codes = set(table.loc[table["publisher"] == publisher, "iso3"])
        assert codes <= in_scope, (publisher, codes - in_scope)
    assert {"sipri_milex", "nato_defexp", "worldbank", "cow", "sipri_arms_transfers"} <= set(
        table["publisher"]
    )
