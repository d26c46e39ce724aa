"""Threat matrix, clustering, mission support and the decision simulation."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from europillar.decisions import (
    SimulationInputs,
    best_package,
    cluster_states,
    distance_matrix,
    load_table,
    mission_relevance,
    mission_support,
    preset,
    qmv_population,
    simulate_decision,
    threat_matrix,
)
from europillar.decisions.threats import support_scores


def perceptions() -> pd.DataFrame:
    return pd.DataFrame(
        [
            ("AAA", 2018, "russia_east", 1),
            ("AAA", 2023, "russia_east", 3),  # latest coding wins
            ("AAA", 2018, "terrorism", 0),
            ("BBB", 2018, "russia_east", 3),
            ("BBB", 2018, "terrorism", 1),
            ("CCC", 2018, "russia_east", 0),
            ("CCC", 2018, "south_instability_migration", 3),
            ("DDD", 2018, "china", 2),
        ],
        columns=["iso3", "year", "threat", "priority_0_3"],
    )


def test_matrix_keeps_latest_and_leaves_gaps() -> None:
    m = threat_matrix(perceptions())
    assert m.loc["AAA", "russia_east"] == 3
    assert math.isnan(m.loc["DDD", "russia_east"])


def test_distance_over_common_codings() -> None:
    d = distance_matrix(threat_matrix(perceptions()))
    assert d.loc["AAA", "BBB"] == pytest.approx((0 + 1) / 2)  # russia 3 vs 3, terrorism 0 vs 1
    assert d.loc["AAA", "CCC"] == pytest.approx(3.0)  # only russia in common: 3 vs 0
    assert d.loc["AAA", "DDD"] == pytest.approx(1.5)  # nothing in common: documented mid-scale
    assert np.allclose(d.to_numpy(), d.to_numpy().T) and (np.diag(d) == 0).all()


def test_support_score_by_hand() -> None:
    m = threat_matrix(perceptions())
    rel = pd.Series({"russia_east": 3.0, "terrorism": 1.0})
    s = support_scores(m, rel)
    assert s["AAA"] == pytest.approx((3 * 3 + 1 * 0) / (3 * (3 + 1)))
    assert s["CCC"] == pytest.approx(0.0)
    assert math.isnan(s["DDD"])


def test_shipped_data_shows_baltic_vs_mediterranean_divide() -> None:
    matrix = threat_matrix(load_table("threat_perceptions"))
    _, labels = cluster_states(distance_matrix(matrix), 2)
    cluster = labels.set_index("iso3")["cluster"]
    assert cluster["EST"] == cluster["LTU"] == cluster["POL"]
    assert cluster["ITA"] == cluster["GRC"] == cluster["MLT"]
    assert cluster["EST"] != cluster["ITA"]


def test_shipped_tables_have_sources_and_valid_codes() -> None:
    sources = pd.read_csv(
        __import__("importlib.resources")
        .resources.files("europillar.data")
        .joinpath("tables", "sources", "decisions.csv")
        .open()
    )
    ids = set(sources["source_id"]) | {"eurostat_demo_pjan_2025"}  # sources/economic.csv
    for name in ("qmv_population", "threat_perceptions", "missions"):
        table = load_table(name)
        assert set(table["source_id"]) <= ids, name
        assert table["estimate"].all()
    assert load_table("threat_perceptions")["priority_0_3"].between(0, 3).all()
    year, pop = qmv_population(2025)
    assert year == 2025 and len(pop) == 27


def test_best_package_counts_supporters() -> None:
    m = threat_matrix(perceptions())
    rel = pd.DataFrame(
        {"russia_east": [3.0, 0.0], "south_instability_migration": [0.0, 3.0]},
        index=["east", "south"],
    )
    rel = rel.reindex(columns=m.columns).fillna(0.0)
    ranked = best_package(m, rel, ["AAA", "BBB", "CCC", "DDD"])
    top = ranked.iloc[0]
    assert top["package"] == "east + south" and top["supporters"] == 3 and top["unknown"] == 1


def sim_inputs(**kw: object) -> SimulationInputs:
    _, pop = qmv_population(2025)
    members = tuple(sorted(pop))
    matrix = threat_matrix(load_table("threat_perceptions"))
    support = mission_support(matrix, mission_relevance(load_table("missions")), members)
    score = (
        support[support["mission_id"] == "eastern_air_defence"].set_index("iso3")["score"].to_dict()
    )
    rules = {name: preset(name) for name in ("qmv", "unanimity", "cfsp")}
    base = {
        "members": members,
        "population": pop,
        "score": score,
        "rules": rules,
        "runs": 60,
        "seed": 7,
    }
    base.update(kw)
    return SimulationInputs(**base)  # type: ignore[arg-type]


def test_simulation_is_reproducible_and_seed_dependent() -> None:
    a = simulate_decision(sim_inputs())
    b = simulate_decision(sim_inputs())
    pd.testing.assert_frame_equal(a.summary, b.summary)
    pd.testing.assert_frame_equal(a.members, b.members)
    c = simulate_decision(sim_inputs(seed=8))
    assert not a.members.equals(c.members)


def test_simulation_rule_ordering_and_certain_case() -> None:
    res = simulate_decision(sim_inputs(runs=100)).summary.set_index("rule")
    assert res.loc["unanimity", "p_first_round"] <= res.loc["qmv", "p_first_round"]
    _, pop = qmv_population(2025)
    certain = sim_inputs(score={m: 1.0 for m in pop}, cost_weight=0.0, noise_sd=0.0, runs=5)
    out = simulate_decision(certain).summary
    assert (out["p_first_round"] == 1.0).all() and (out["expected_rounds"] == 1.0).all()
    hopeless = sim_inputs(score={m: 0.0 for m in pop}, cost_weight=1.0, noise_sd=0.0, runs=5)
    assert (simulate_decision(hopeless).summary["p_adopted"] == 0.0).all()


def test_qmv_population_reconstruction_follows_its_method() -> None:
    table = load_table("qmv_population")
    assert (table["unit"] == "persons").all()
    table = table[table["basis"] == "council_shares"]  # 2025; other years: docs/data-vintages.md
    assert set(table["year"]) == {2025}
    for row in table.itertuples():
        expected = round(float(row.council_share_pct) / 100 * 451_028_881)
        assert abs(row.population - expected) <= 1
    assert abs(table["council_share_pct"].sum() - 100.0) < 0.05


def test_report_section_cites_known_sources() -> None:
    from europillar.data import load
    from europillar.report.build import build_section

    section = build_section("decisions", "replace_us_full", 2024)
    assert "<svg" in section.html
    known = set(load("sources/decisions")["source_id"])
    assert set(section.source_ids) <= known
    assert "Source:" in section.html


def test_pivotal_and_blocking_members_by_hand() -> None:
    pop = {"AAA": 50, "BBB": 30, "CCC": 20}
    rules = {"unanimity": preset("unanimity"), "majority": preset("simple_majority")}
    everyone = SimulationInputs(
        members=("AAA", "BBB", "CCC"),
        population=pop,
        score={"AAA": 1.0, "BBB": 1.0, "CCC": 1.0},
        rules=rules,
        cost_weight=0.0,
        noise_sd=0.0,
        runs=3,
    )
    members = simulate_decision(everyone).members.set_index(["rule", "iso3"])
    # Unanimity, all yes: every member is pivotal. Majority of 3 with 3 yes: nobody is.
    assert (members.loc["unanimity", "p_pivotal"] == 1.0).all()
    assert (members.loc["majority", "p_pivotal"] == 0.0).all()
    # CCC opposes: under unanimity CCC alone blocks; majority passes with AAA and BBB pivotal.
    ccc_no = SimulationInputs(
        members=("AAA", "BBB", "CCC"),
        population=pop,
        score={"AAA": 1.0, "BBB": 1.0, "CCC": 0.0},
        rules=rules,
        cost_weight=0.5,
        noise_sd=0.0,
        side_payments=False,
        opt_outs=False,
        runs=3,
    )
    out = simulate_decision(ccc_no)
    m = out.members.set_index(["rule", "iso3"])
    assert m.loc[("unanimity", "CCC"), "p_blocking"] == 1.0
    assert m.loc[("unanimity", "AAA"), "p_blocking"] == 0.0
    assert list(m.loc["majority", "p_pivotal"]) == [1.0, 1.0, 0.0]
    assert out.summary.set_index("rule").loc["unanimity", "p_adopted"] == 0.0
