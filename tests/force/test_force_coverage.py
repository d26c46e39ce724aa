"""Data coverage: a hand-computed case, the shipped EUROPEAN_NATO 2024 table and its CLI."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

from europillar import data
from europillar.force.coverage import categories_reaching, coverage, insufficient
from europillar.force.inputs import coverage_table


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """The real entry point in a fresh process (the exit-code contract lives in main())."""
    code = "from europillar.cli.app import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False
    )


def test_hand_computed_coverage() -> None:
    """Spending 50/30/20: A and B have figures (80 %), C only a part row (+20 % incl. parts)."""
    figures = pd.DataFrame(
        {
            "holder": ["A", "B", "A"],
            "category": ["mbt", "mbt", "tanker"],
            "quantity": [100.0, 50.0, 3.0],
            "year": [2024, 2022, 2024],
            "source_id": ["s1", "s2", "s3"],
        }
    )
    partial = pd.DataFrame({"holder": ["C"], "category": ["mbt"]})
    table = coverage(
        figures,
        partial,
        ["A", "B", "C"],
        {"A": 50.0, "B": 30.0, "C": 20.0},
        ["mbt", "tanker"],
        {"mbt": "vehicles", "tanker": "aircraft"},
        "TEST",
        2024,
    ).set_index("category")
    mbt = table.loc["mbt"]
    assert (mbt.members_with_data, mbt.members_partial, mbt.members_total) == (2, 1, 3)
    assert mbt.spending_share_pct == 80.0 and mbt.spending_share_incl_partial_pct == 100.0
    assert bool(mbt.sufficient) and mbt.bloc_total == 150.0 and mbt.figure_years == "2022-2024"
    tanker = table.loc["tanker"]
    assert tanker.spending_share_pct == 50.0 and not tanker.sufficient
    assert pd.isna(tanker.bloc_total)  # below the threshold no total is given
    assert insufficient(tanker) == (
        "insufficient data: 1 of 3 members (50.0 % of the bloc's spending; threshold 80 %)"
    )


@pytest.fixture(scope="module")
def european_nato_2024() -> pd.DataFrame:
    return coverage_table(data.load, "EUROPEAN_NATO", 2024)


def test_categories_reaching_90_percent_of_european_nato_2024_spending(
    european_nato_2024: pd.DataFrame,
) -> None:
    """Issue 12 asks for 25 of 29. Honest data reach 15. Where absence is a cited or derived
    zero, a census settles every member: UCS (satellites), SIPRI (nuclear warheads), the six
    states with nuclear submarines, NATO's carrier operators, SIPRI-register censuses of
    import-only types (strategic airlift, heavy and attack helicopters, F-35s, submarines) and
    NATO's nine rotating corps HQs (deployable HQs; shared HQs count by framework-nation
    share). Single big-holder figures close the rest (Italy's tanks, France's SAMP/T and
    Tigres, the UK's Chinooks); tankers pass 90 % with cited zeros for states that reach
    tankers only through the NATO pool or allies. The others fall short because most states'
    holdings are known only for some platforms, or not at all (docs/force-data.md)."""
    assert len(european_nato_2024) == 29
    reached = categories_reaching(european_nato_2024, 90.0)
    assert reached == [
        "air_defence_long",
        "aircraft_carrier",
        "airlift_strategic",
        "attack_helicopter",
        "c2_hq",
        "combat_aircraft_5g",
        "heavy_helicopter",
        "mbt",
        "nuclear_warhead",
        "satellite_comms",
        "satellite_imaging",
        "satellite_sigint",
        "submarine_conventional",
        "submarine_nuclear",
        "tanker",
    ]
    # No category sits between the 80 % threshold and 90 %.
    sufficient = categories_reaching(european_nato_2024, 80.0)
    assert sorted(set(sufficient) - set(reached)) == []
    by_category = european_nato_2024.set_index("category")
    # Hand sum of SIPRI 2024 shares: the eight tanker holders (80.02 %) plus the cited zeros of
    # Norway 2.177, Denmark 2.077, Romania 1.818, Belgium 1.786, Greece 1.673, Czechia 1.361.
    assert by_category.loc["tanker", "spending_share_pct"] == pytest.approx(90.91, abs=0.01)
    # Corps HQs: every member of 2022 is settled; Finland and Sweden joined later.
    assert by_category.loc["c2_hq", "members_missing"] == "FIN SWE"


def test_coverage_json_command_has_one_record_per_category() -> None:
    result = run_cli(
        "data", "coverage", "--bloc", "EUROPEAN_NATO", "--year", "2024", "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert len(records) == 29
    for record in records:
        for field in ("category", "members_with_data", "members_total", "spending_share_pct"):
            assert field in record
        assert record["members_total"] == 30  # European NATO members at the end of 2024
        assert 0 <= record["spending_share_pct"] <= 100


def test_coverage_command_rejects_an_unknown_category() -> None:
    result = run_cli("data", "coverage", "--category", "tanks")
    assert result.returncode == 2 and not result.stdout
    assert "--category" in result.stderr and "tanks" in result.stderr


def test_compare_shows_military_personnel_for_2024() -> None:
    """NATO Table 7 for Allies, national figures elsewhere: 2024 has a bloc value (COW
    stops in 2022); members without any figure are named, never filled."""
    result = run_cli(
        "compare",
        "--year",
        "2024",
        "--indicator",
        "military_personnel_k",
        "--long",
        "--format",
        "json",
    )
    assert result.returncode == 0, result.stderr
    rows = (
        {r["bloc"]: r for r in json.loads(result.stdout)["rows"]}
        if result.stdout.lstrip().startswith("{")
        else {r["bloc"]: r for r in json.loads(result.stdout)}
    )
    nato = rows["EUROPEAN_NATO"]
    assert nato["value"] > 1500 and nato["missing_members"] == "ISL"  # Iceland has no forces
    assert rows["EU27"]["missing_members"] == "AUT;CYP;MLT"  # no 2024 national figure found
    # NATO Table 7: 1,300.21 thousand; output rounds thousands of persons to one decimal
    # NATO's 2026 edition (Table 7) revised the US 2024 figure: 1,300.21 (2024e, June 2024
    # tables) -> 1,271.2; compare reads NATO's newest edition (docs/data-vintages.md).
    assert rows["USA"]["value"] == pytest.approx(1271.2, abs=0.05)
