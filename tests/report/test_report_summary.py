"""The executive summary's answers, on small hand-made results."""

from __future__ import annotations

import pandas as pd

from europillar.report.summary import burden_answer, decisions_answer, transition_answer
from europillar.result import Result


def test_burden_answer_uses_the_latest_year_most_allies_report() -> None:
    rows = []
    for year, reporting in ((2024, 5), (2025, 1)):  # a new year starts with few Allies
        for i, iso3 in enumerate(["POL", "EST", "DEU", "ITA", "ESP"]):
            rows.append(
                {
                    "iso3": iso3,
                    "year": year,
                    "basis": "NATO" if i < reporting else "",
                    "share_gdp_pct": [4.1, 3.4, 2.1, 1.5, 1.3][i],
                    "sources": "nato_x",
                }
            )
    rows.append(
        {"iso3": "USA", "year": 2024, "basis": "NATO", "share_gdp_pct": 3.4, "sources": "nato_x"}
    )
    share = pd.DataFrame(
        {
            "year": [2024],
            "us_share_pct": [65.6],
            "n_members": [6],
            "n_missing": [0],
            "sources": ["nato_x"],
        }
    )
    result = Result(tables={"members": pd.DataFrame(rows), "us_share": share})
    answer = burden_answer(result, 2025)
    assert answer.figure == "65.6 %"
    # by hand: 2024 has all five; POL, EST, DEU at >= 2 %; POL at >= 3.5 %
    assert "with a 2024 figure, 3 spent at least 2 % of GDP and 1 at least 3.5 %" in answer.answer
    assert answer.coverage.startswith("5 of 5 Allies other than the US have a 2024 figure")


def test_decisions_answer_sums_the_four_largest() -> None:
    power = pd.DataFrame(
        {
            "rule": ["qmv"] * 5,
            "iso3": ["DEU", "FRA", "ITA", "ESP", "MLT"],
            "banzhaf_normalized": [0.3, 0.25, 0.2, 0.15, 0.1],
        }
    )
    answer = decisions_answer(
        Result(tables={"voting_power": power}, meta={"population_year": 2025})
    )
    assert answer.figure == "90 %"
    assert "Germany, France, Italy, Spain" in answer.answer


def test_transition_answer_reads_the_headline_and_the_gap_years() -> None:
    categories = pd.DataFrame(
        {
            "category": ["mbt", "all"],
            "worst_shortfall_year": [2030, 2030],
            "worst_shortfall_pct": [12.5, 12.5],
            "europe_alone": ["2034", "2034"],
        }
    )
    probability = pd.DataFrame(
        {"year": [2028, 2029, 2030, 2031], "prob_any_gap_pct": [10, 60, 80, 40]}
    )
    answer = transition_answer(
        Result(
            tables={"categories": categories, "gap_probability": probability},
            meta={"draws": 10, "seed": 1},
        )
    )
    assert answer.figure == "2034"
    assert "12.5 % of a category's requirement, in 2030" in answer.answer
    assert "in 2 years between 2029 and 2030" in answer.answer
    assert answer.coverage.startswith("1 capability category modelled")
