"""Blocs as data: fixed or as-of membership, and SIPRI's regions as the workbook prints them."""

from __future__ import annotations

import pandas as pd
import pytest

from europillar.blocs import AS_OF, FIXED, Membership
from europillar.countries import members
from europillar.data import load
from europillar.errors import InputError


def test_membership_option_parsing() -> None:
    assert Membership.parse("as-of") == AS_OF
    assert Membership.parse("fixed") == FIXED
    assert Membership.parse("fixed:2019") == Membership(fixed=True, year=2019)
    assert Membership.parse("fixed:2019").label == "fixed:2019"
    for bad in ("fixed:19", "today", "fixed:abc"):
        with pytest.raises(InputError, match="--membership"):
            Membership.parse(bad)


def test_as_of_follows_accessions_and_exits() -> None:
    assert "GBR" in members("EU27", 2019) and "GBR" not in members("EU27", 2020)
    assert len(members("EU27", 2019)) == 28 and len(members("EU27", 2020)) == 27
    assert "FIN" not in members("NATO", 2022) and "FIN" in members("NATO", 2023)
    assert "SWE" in members("NATO", 2024) and "MKD" not in members("NATO", 2019)


def test_fixed_backdates_one_member_list() -> None:
    today = members("EU27", 2025, membership=FIXED)
    assert len(today) == 27 and "GBR" not in today and "HRV" in today
    assert members("EU27", 2014, membership=FIXED) == today  # the same 27 in every year
    assert len(members("NATO", 2014, membership=FIXED)) == 32
    as_2019 = Membership.parse("fixed:2019")
    assert (
        "GBR" in members("EU27", 2024, membership=as_2019)
        and len(members("EU27", 2024, membership=as_2019)) == 28
    )
    assert "SWE" not in members("NATO", 2024, membership=as_2019)


def test_sipri_blocs_are_defined_as_data() -> None:
    definitions = load("blocs/definitions").set_index("bloc")
    assert definitions.loc["SIPRI_EUROPEAN_NATO", "exclude"] == "USA;CAN;TUR"
    assert set(members("EUROPEAN_NATO", 2024)) - set(members("SIPRI_EUROPEAN_NATO", 2024)) == {
        "TUR"
    }
    assert members("SIPRI_NATO", 2024) == members("NATO", 2024)
    europe = set(members("SIPRI_EUROPE", 2024))
    assert "TUR" not in europe and {"RUS", "UKR", "MDA", "CYP", "GBR"} <= europe
    assert members("SIPRI_MIDDLE_EAST", 2024) == ["TUR"]
    # regions do not depend on the membership mode
    assert members("SIPRI_EUROPE", 2014, membership=FIXED) == members("SIPRI_EUROPE", 2014)


def test_fixed_eu27_has_no_brexit_step_in_2020() -> None:
    """Constant-price SIPRI spending (2026 release) summed over the EU27: as of each year
    it drops by the United Kingdom's spending in 2020 (about 15 %); with today's 27
    backdated, 2019 -> 2020 is the 27's own real change (+3 to +6 %)."""
    obs = load("observations/sipri_2026")
    spend = obs[obs.indicator == "milex_usd_constant2024_m"].pivot(
        index="iso3", columns="year", values="value"
    )

    def total(year: int, membership: Membership) -> float:
        return float(spend.loc[members("EU27", year, membership=membership), year].sum())

    as_of = total(2020, AS_OF) / total(2019, AS_OF) - 1
    fixed = total(2020, FIXED) / total(2019, FIXED) - 1
    assert as_of < -0.10
    assert 0.0 < fixed < 0.08
    assert isinstance(spend, pd.DataFrame)
