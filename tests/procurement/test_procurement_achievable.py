"""Targets beyond what the lines can make are a finding: the least-cost plan that delivers
the most, with unmet units and the capacity that binds. Contradictory settings stay
infeasible (exit 2)."""

from __future__ import annotations

import itertools
import json

import pandas as pd
from typer.testing import CliRunner

from europillar.procurement.achievable import delivery_by_category, plan_for
from europillar.procurement.learning import order_cost
from europillar.procurement.problem import ProcurementProblem, deliverable_units
from europillar.procurement.savings import joint_vs_baseline


def candidate(cid: str, cost: float, per_year: float, european: bool = True) -> dict:
    return {
        "candidate_id": cid,
        "category": "g1",
        "platform": cid.upper(),
        "producer": "x",
        "producer_iso3": "AAA" if european else "USA",
        "origin_bloc": "european" if european else "us",
        "unit_cost": cost,
        "ref_quantity": 10.0,
        "learning_rate_pct": 100.0,  # flat price: the hand calculation stays simple
        "capacity_per_year": per_year,
        "lead_time_years": 0.0,
        "european_content_pct": 100.0 if european else 0.0,
        "local_production_pct": 0.0,
    }


def problem(**settings: object) -> ProcurementProblem:
    targets = pd.DataFrame(
        [
            {"iso3": "AAA", "category": "g1", "units": 10},
            {"iso3": "BBB", "category": "g1", "units": 10},
        ]
    )
    # 2026-2030 inclusive = 5 years: 'cheap' makes 1 a year (5 units), 'dear' 2 a year (10)
    candidates = pd.DataFrame([candidate("cheap", 5.0, 1.0), candidate("dear", 9.0, 2.0, False)])
    return ProcurementProblem(targets, candidates, start_year=2026, target_year=2030, **settings)  # type: ignore[arg-type]


def test_capacity_short_gives_the_most_at_least_cost_by_hand() -> None:
    p = problem()
    assert deliverable_units(p.candidates.iloc[0], 2026, 2030) == 5
    plan, limited = plan_for(p)
    assert limited
    # the most that can be delivered is 5 + 10 = 15 of 20; only one way to do it
    assert plan.plan["units"].sum() == 15
    assert plan.cost == 5 * 5.0 + 10 * 9.0
    delivery = delivery_by_category(p, plan).set_index("category").loc["g1"]
    assert (delivery["target_units"], delivery["delivered_units"], delivery["unmet_units"]) == (
        20,
        15,
        5,
    )
    assert "CHEAP (5 by 2030)" in delivery["binding_capacity"]
    assert "DEAR (10 by 2030)" in delivery["binding_capacity"]


def test_achievable_plan_matches_brute_force_on_a_small_instance() -> None:
    """Enumerate every split of units over members and lines; keep the most delivered,
    then the cheapest (flat prices, so the cost is linear)."""
    p = problem()
    best = None
    for a1, a2, b1, b2 in itertools.product(range(11), repeat=4):
        if a1 + a2 > 10 or b1 + b2 > 10 or a1 + b1 > 5 or a2 + b2 > 10:
            continue
        key = (-(a1 + a2 + b1 + b2), (a1 + b1) * 5.0 + (a2 + b2) * 9.0)
        best = key if best is None or key < best else best
    plan, _ = plan_for(p)
    assert (-int(plan.plan["units"].sum()), plan.cost) == best
    assert order_cost(5, 5.0, 10.0, 100.0) == 25.0


def test_contradictory_settings_stay_infeasible() -> None:
    # A 100 % buy-European share leaves only the European line; with unlimited capacity it
    # could meet the targets, so capacity is what binds: the achievable plan, not an error.
    p = problem(buy_european_pct=100.0)
    plan, limited = plan_for(p)
    assert limited and plan.plan["units"].sum() == 5  # only the European line, at capacity
    targets = pd.DataFrame([{"iso3": "AAA", "category": "g1", "units": 3}])
    only_us = pd.DataFrame([candidate("dear", 9.0, 2.0, False)])
    contradiction = ProcurementProblem(
        targets, only_us, buy_european_pct=65.0, start_year=2026, target_year=2030
    )
    # No European line at all: no capacity could meet a 65 % share, a contradiction.
    plan, limited = plan_for(contradiction)
    assert plan.status == "infeasible" and not limited
    result = joint_vs_baseline(contradiction)
    assert result.delivery is None


def test_cli_exits_0_with_unmet_units_for_the_readme_example() -> None:
    import typer

    from europillar.cli import gaps_cmd, procure_cmd

    app = typer.Typer()
    procure_cmd.register(app)
    gaps_cmd.register(app)
    args = ["procure", "--scenario", "bruegel_kiel_2025", "--k", "2", "--buy-european", "65"]
    out = CliRunner().invoke(app, [*args, "--juste-retour", "10", "--format", "json"])
    assert out.exit_code == 0, out.output
    payload = json.loads(out.output)
    assert payload["solver"]["status"] == "capacity_limited"
    delivery = {r["category"]: r for r in payload["delivery"]}
    assert delivery["mbt"]["unmet_units"] > 0
    assert delivery["mbt"]["delivered_units"] + delivery["mbt"]["unmet_units"] == 1400
    assert payload["unmet_units"] == sum(r["unmet_units"] for r in payload["delivery"])


def test_procure_runs_for_every_shipped_preset() -> None:
    import typer

    from europillar.cli import gaps_cmd, procure_cmd
    from europillar.scenario.loader import preset_names

    app = typer.Typer()
    procure_cmd.register(app)
    gaps_cmd.register(app)
    for name in preset_names():
        out = CliRunner().invoke(app, ["procure", "--scenario", name, "--format", "json"])
        assert out.exit_code == 0, (name, out.output)
        payload = json.loads(out.output)
        assert payload["unmet_units"] is not None, name
