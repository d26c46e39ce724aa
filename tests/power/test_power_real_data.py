"""Bloc figures on the shipped data agree with an independent sum over members."""

from __future__ import annotations

import pandas as pd
import pytest

from europillar.countries import members
from europillar.data.vintages import VintagePlan, view
from europillar.dataset import load
from europillar.power import compare, resolve_blocs

YEARS = list(range(2014, 2026))


@pytest.fixture(scope="module")
def observations() -> pd.DataFrame:
    """What compare reads by default: the newest SIPRI release for every year."""
    return view(load(), VintagePlan({"sipri_milex": "newest", "nato_defexp": "newest"}))


@pytest.mark.parametrize("bloc", ["EU27", "EUROPEAN_NATO", "NATO"])
@pytest.mark.parametrize("indicator", ["milex_usd_current_m", "milex_usd_constant2024_m"])
def test_bloc_total_is_sum_of_members_every_year(
    observations: pd.DataFrame, bloc: str, indicator: str
) -> None:
    out = compare(observations, resolve_blocs([bloc], YEARS), YEARS, [indicator])
    rows = observations[observations["indicator"] == indicator]
    assert set(rows["vintage"]) == {"sipri-2026"}  # one release for every year
    for year in YEARS:
        current = members(bloc, year)
        part = rows[(rows["year"] == year) & rows["iso3"].isin(current)]
        got = out[out["year"] == year].iloc[0]
        assert got["value"] == pytest.approx(part["value"].sum(), rel=1e-12)
        assert got["n_members"] == len(current)
        assert got["n_missing"] == len(set(current) - set(part["iso3"]))


def test_eu_share_of_gdp_is_ratio_of_sums(observations: pd.DataFrame) -> None:
    year = 2023  # a World Bank GDP year: no derived GDP involved
    out = compare(observations, resolve_blocs(["EU27"], [year]), [year], ["milex_share_gdp_pct"])
    wide = observations[observations["year"] == year].pivot_table(
        index="iso3", columns="indicator", values="value", aggfunc="first"
    )
    eu = wide.loc[members("EU27", year), ["milex_usd_current_m", "gdp_usd_current_m"]].dropna()
    expected = 100 * eu["milex_usd_current_m"].sum() / eu["gdp_usd_current_m"].sum()
    assert out.iloc[0]["value"] == pytest.approx(expected, rel=1e-12)
    # sanity against the published order of magnitude: EU27 spent between 1 % and 3 % of GDP
    assert 1.0 < expected < 3.0


def test_single_country_bloc_equals_its_sipri_figure() -> None:
    older = view(load(), VintagePlan({"sipri_milex": "sipri-2025"}))
    out = compare(older, resolve_blocs(["USA"], [2024]), [2024], ["milex_usd_constant2023_m"])
    sipri = older[
        (older["iso3"] == "USA")
        & (older["year"] == 2024)
        & (older["indicator"] == "milex_usd_constant2023_m")
    ]
    assert out.iloc[0]["value"] == sipri["value"].iloc[0]
    assert out.iloc[0]["sources"] == "sipri_milex_2025"
    assert out.iloc[0]["vintages"] == "sipri-2025"


def _cli_json(*args: str) -> dict:
    import json
    import subprocess
    import sys

    code = "from europillar.cli.app import main; main()"
    done = subprocess.run(
        [sys.executable, "-c", code, *args, "--long", "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_compare_fixed_membership_gives_a_smooth_eu27_trend_through_2020() -> None:
    """Done-when (issue 14): with today's 27 backdated the EU27's constant-price spending
    changes 2019 -> 2020 by its own real change (+3 to +6 %, SIPRI 2026 release); as of
    each year it drops by about 15 % because the United Kingdom leaves the bloc."""

    def series(membership: str) -> dict[int, float]:
        payload = _cli_json(
            "compare",
            "--blocs",
            "EU27",
            "--from",
            "2014",
            "--to",
            "2025",
            "--indicator",
            "milex_usd_constant2024_m",
            "--membership",
            membership,
        )
        assert payload["membership"] == membership and payload["vintages"] == ["sipri-2026"]
        return {int(r["year"]): float(r["value"]) for r in payload["rows"]}

    fixed, as_of = series("fixed"), series("as-of")
    change = {y: fixed[y] / fixed[y - 1] - 1 for y in range(2015, 2026)}
    assert 0.0 < change[2020] < 0.08
    assert all(c > -0.05 for c in change.values())  # no step anywhere in the fixed series
    assert as_of[2020] / as_of[2019] - 1 < -0.10
    assert fixed[2025] == pytest.approx(as_of[2025])  # the same 27 from 2020 on


def test_compare_shows_nato_personnel_for_2024() -> None:
    """Done-when (issue 14): personnel for 2024 comes from NATO Table 7 (2026 edition) for
    Allies, complete for European NATO except Iceland (no armed forces); the four non-NATO
    EU members have national figures only for some years (personnel_national_k); COW's
    series ends in 2022 and stays separate."""
    payload = _cli_json(
        "compare",
        "--year",
        "2024",
        "--blocs",
        "EU27,EUROPEAN_NATO,USA",
        "--indicator",
        "military_personnel_k,personnel_active_k",
    )
    rows = {(r["bloc"], r["indicator"]): r for r in payload["rows"]}
    europe = rows[("EUROPEAN_NATO", "military_personnel_k")]
    assert europe["missing_members"] == "ISL" and europe["vintages"] == "nato-2026"
    eu = rows[("EU27", "military_personnel_k")]
    assert set(eu["missing_members"].split(";")) - {""} <= {"AUT", "CYP", "IRL", "MLT"}
    assert eu["value"] > 1000
    assert rows[("USA", "military_personnel_k")]["value"] == pytest.approx(1271.2)
    assert rows[("USA", "personnel_active_k")]["value"] is None  # COW stops in 2022
