"""The profile engine on the shipped data: it agrees with the engines it draws on."""

from __future__ import annotations

import pytest

from europillar import runner
from europillar.errors import InputError


@pytest.fixture(scope="module")
def poland():
    return runner.run("profile", "replace_us_full", iso3="POL")


def test_poland_profile_has_every_table_with_sources(poland) -> None:
    assert set(poland.tables) == {
        "summary",
        "spending",
        "targets",
        "personnel",
        "holdings",
        "orders",
        "threats",
        "voting",
        "contribution",
    }
    assert len(poland.tables["holdings"]) == 29  # every taxonomy category, cited or not
    assert "sipri_milex_2025" in poland.sources and "nato_defexp_2024" in poland.sources
    assert poland.meta["eu_member"] and poland.meta["nato_member"]


def test_fair_share_is_the_one_gaps_gives(poland) -> None:
    gaps = runner.run("capability", "replace_us_full")
    row = gaps.tables["apportionment"].set_index("iso3").loc["POL"]
    assert poland.tables["contribution"]["share_pct"].iloc[0] == row["share_pct"]


def test_voting_power_is_the_one_voting_gives(poland) -> None:
    voting = runner.run("decisions", "replace_us_full", rule="qmv")
    expected = voting.power_under("qmv").set_index("iso3").loc["POL", "banzhaf_normalized"]
    own = poland.tables["voting"].set_index("rule").loc["qmv", "banzhaf_normalized"]
    assert own == expected
    nato = poland.tables["voting"].set_index("rule").loc["nato_consensus"]
    assert nato["banzhaf_normalized"] == pytest.approx(1 / nato["members"])


def test_spending_share_is_the_published_figure(poland) -> None:
    from europillar.dataset import load

    obs = load().table("observations")
    row = obs[(obs.iso3 == "POL") & (obs.indicator == "milex_share_gdp_pct") & (obs.year == 2022)]
    table = poland.tables["spending"]
    own = table[(table.indicator == "milex_share_gdp_pct") & (table.year == 2022)]
    assert own["value"].iloc[0] == row["value"].iloc[0]


def test_a_state_outside_the_eu_has_no_council_vote_and_says_so() -> None:
    norway = runner.run("profile", "replace_us_full", iso3="NOR")
    assert not norway.meta["eu_member"]
    assert norway.tables["voting"]["rule"].tolist() == ["nato_consensus"]
    assert any("not an EU member" in n for n in norway.notes)


def test_unknown_country_is_one_sentence() -> None:
    with pytest.raises(InputError, match="not a country in scope"):
        runner.run("profile", "replace_us_full", iso3="XXX")
