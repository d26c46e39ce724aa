"""The decisions engine: exact voting power, threat clusters, mission support (pure).

Tables: ``voting_power`` (one row per rule and member; the scenario's rule first, then
the comparison rules), ``rules`` (per rule: Coleman's power to act, the counting
method), ``threat_matrix``, ``clusters`` and ``linkage`` (the average-linkage tree),
``mission_votes``, ``packages`` and, when a mission is named, ``simulation`` and
``simulation_members``.
"""

from __future__ import annotations

import pandas as pd

from europillar.decisions.prepare import DecisionsInputs
from europillar.decisions.rules import RuleSpec, instantiate
from europillar.decisions.simulate import SimulationInputs, scores_for_mission, simulate_decision
from europillar.decisions.threats import (
    best_package,
    cluster_states,
    distance_matrix,
    mission_relevance,
    mission_support,
    mission_votes,
    threat_matrix,
)
from europillar.decisions.voting_power import voting_power_table
from europillar.result import Result, make_meta


class DecisionsResult(Result):
    """Voting power, threat perceptions and mission support of one scenario."""

    @property
    def voting_power(self) -> pd.DataFrame:
        """rule, iso3, swings, Banzhaf (normalised, absolute), Shapley–Shubik, population."""
        return self.tables["voting_power"]

    @property
    def rule(self) -> str:
        return str(self.meta["rule"])

    def power_under(self, rule: str) -> pd.DataFrame:
        """The voting-power rows of one rule (without the ``rule`` column)."""
        table = self.tables["voting_power"]
        return table[table["rule"] == rule].drop(columns="rule").reset_index(drop=True)


def _power(
    inputs: DecisionsInputs, rules: dict[str, RuleSpec]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    members = list(inputs.participants)
    weights = {"population": [inputs.population[m] for m in members]}
    frames, summary = [], []
    for name, spec in rules.items():
        table = voting_power_table(instantiate(spec, members, inputs.population), weights)
        summary.append(
            {
                "rule": name,
                "participants": len(members),
                "coleman_power_to_act": table.attrs["coleman_power_to_act"],
                "method": table.attrs["method"],
            }
        )
        frames.append(table.assign(rule=name)[["rule", *table.columns]])
    return pd.concat(frames, ignore_index=True), pd.DataFrame(summary)


def run(inputs: DecisionsInputs) -> DecisionsResult:
    """Voting power under every rule, threat clusters, mission votes and packages (pure)."""
    rules = {inputs.rule.name: inputs.rule, **inputs.compare_rules}
    power, rule_table = _power(inputs, rules)
    members = list(inputs.participants)
    matrix = threat_matrix(inputs.perceptions)
    distances = distance_matrix(matrix)
    link, labels = cluster_states(distances, inputs.clusters)
    linkage = pd.DataFrame(link, columns=["left", "right", "distance", "size"])
    clusters = labels.merge(matrix.reset_index(), on="iso3", how="left")
    relevance = mission_relevance(inputs.missions)
    support = mission_support(matrix, relevance, members, inputs.threshold)
    votes = mission_votes(support, dict(inputs.compare_rules), members, inputs.population)
    packages = best_package(matrix, relevance, members, inputs.threshold).head(inputs.packages)
    tables = {
        "voting_power": power,
        "rules": rule_table,
        "threat_matrix": matrix.reset_index(),
        "clusters": clusters,
        "linkage": linkage,
        "mission_support": support,
        "mission_votes": votes,
        "packages": packages.reset_index(drop=True),
    }
    sources = [
        *inputs.population_sources,
        *(s for spec in rules.values() for s in spec.sources),
        *inputs.perceptions["source_id"],
        *inputs.missions["source_id"],
    ]
    notes = [
        f"QMV population figures of {inputs.population_year} (persons): {inputs.population_basis}.",
        *inputs.population_notes,
        "Threat priorities are europillar's coding (0-3) of the cited sources; mission "
        "relevances are europillar assumptions (missions.csv).",
    ]
    seed = None
    if inputs.mission is not None:
        simulation = simulate_decision(
            SimulationInputs(
                members=tuple(members),
                population=inputs.population,
                score=scores_for_mission(support, inputs.mission, members),
                rules=dict(inputs.compare_rules),
                runs=inputs.runs,
                seed=inputs.seed,
            )
        )
        tables["simulation"] = simulation.summary
        tables["simulation_members"] = simulation.members
        seed = inputs.seed
        notes.append(f"Mission {inputs.mission} simulated {inputs.runs} times.")
    unknown = matrix.index[matrix.isna().all(axis=1)].tolist()
    return DecisionsResult(
        tables=tables,
        sources=tuple(sources),
        notes=tuple(notes),
        missing=tuple(sorted(set(members) - set(matrix.index)) + unknown),
        meta=make_meta(
            "decisions",
            inputs.origin,
            seed=seed,
            rule=inputs.rule.name,
            compare_rules=list(inputs.compare_rules),
            population_year=inputs.population_year,
            participants=members,
            mission=inputs.mission,
            runs=inputs.runs if inputs.mission is not None else None,
            population_sources=list(inputs.population_sources),
            population_basis=inputs.population_basis,
            rule_sources=sorted({s for spec in rules.values() for s in spec.sources}),
            threat_sources=sorted(set(inputs.perceptions["source_id"])),
            mission_sources=sorted(set(inputs.missions["source_id"])),
        ),
    )
