"""Decisions inputs: the rule, the participants and their populations, threat codings.

``inputs(scenario, dataset)`` is the only decisions step that reads data; the scenario's
``[decisions]`` section says which rule, who votes, which population year and what to
simulate. Keyword options override that section.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from europillar.decisions.data import (
    candidate_population,
    load_table,
    qmv_basis,
    qmv_population,
    qmv_sources,
)
from europillar.decisions.rules import RuleSpec, parse_rule, preset
from europillar.errors import InputError
from europillar.result import Origin

if TYPE_CHECKING:
    from europillar.dataset import Dataset
    from europillar.scenario.schema import Scenario


@dataclass(frozen=True)
class DecisionsInputs:
    """Everything the voting, threat and simulation computations read."""

    origin: Origin
    rule: RuleSpec
    compare_rules: Mapping[str, RuleSpec]
    participants: tuple[str, ...]
    population: Mapping[str, int]
    population_year: int
    population_sources: tuple[str, ...]
    population_basis: str
    perceptions: pd.DataFrame
    missions: pd.DataFrame
    threshold: float
    clusters: int
    packages: int
    mission: str | None
    runs: int
    seed: int
    population_notes: tuple[str, ...] = ()


def rule_spec(rule: Any, origin: str = "scenario decisions.rule") -> RuleSpec:
    """A shipped rule's name or a written-out rule (``RuleDefinition``) as a RuleSpec."""
    if isinstance(rule, str):
        return preset(rule)
    return parse_rule(rule.model_dump(exclude_none=True), origin=origin)


def inputs(
    scenario: Scenario,
    dataset: Dataset,
    *,
    rule: Any = None,
    compare_rules: list[str] | None = None,
    members: list[str] | None = None,
    enlargement: list[str] | None = None,
    populations: dict[str, int] | None = None,
    population_source: str | None = None,
    year: int | None = None,
    threshold: float | None = None,
    clusters: int | None = None,
    mission: str | None = None,
    runs: int | None = None,
    seed: int | None = None,
) -> DecisionsInputs:
    """Decisions inputs of ``scenario`` (options override its ``[decisions]`` section)."""
    from europillar.scenario.loader import scenario_with

    changes = {
        "rule": rule,
        "compare_rules": compare_rules,
        "members": members,
        "enlargement": enlargement,
        "populations": populations,
        "population_source": population_source,
        "year": year,
        "threshold": threshold,
        "clusters": clusters,
        "mission": mission,
        "runs": runs,
        "seed": seed,
    }
    scenario = scenario_with(scenario, {"decisions": changes}, file="decisions options")
    settings = scenario.decisions
    used_year, population = qmv_population(settings.year, dataset)
    eu = sorted(population)
    sources = list(qmv_sources(used_year, dataset))
    participants = list(settings.members or [*eu, *settings.enlargement])
    outside = [m for m in participants if m not in population]
    notes: list[str] = []
    if outside:
        shipped, years, shipped_sources = candidate_population(used_year, dataset)
        missing = [m for m in outside if m not in shipped and m not in settings.populations]
        if missing:
            raise InputError(
                scenario.name,
                "decisions.members" if settings.members else "decisions.enlargement",
                missing,
                f"no population figure (not an EU member with a {used_year} QMV figure, no "
                "shipped UN WPP figure); give one in decisions.populations with "
                "decisions.population_source",
                sorted(set(population) | set(shipped)),
            )
        from_wpp = [m for m in outside if m not in settings.populations]
        from_user = [m for m in outside if m in settings.populations]
        for m in outside:
            population[m] = int(settings.populations.get(m, shipped.get(m, 0)))
        if from_wpp:
            sources += shipped_sources
            notes.append(
                "Populations of "
                + ", ".join(f"{m} ({years[m]})" for m in from_wpp)
                + " from UN World Population Prospects 2024 (persons, 1 July; medium-variant "
                "projection), beside the Council's 1 January figures for EU members."
            )
        if from_user:
            notes.append(
                f"Populations of {', '.join(from_user)} given in the scenario (persons): "
                f"{settings.population_source.strip()}."
            )
    missions = load_table("missions", dataset)
    if settings.mission is not None and settings.mission not in set(missions["mission_id"]):
        raise InputError(
            scenario.name,
            "decisions.mission",
            settings.mission,
            "unknown mission",
            sorted(set(missions["mission_id"])),
        )
    return DecisionsInputs(
        origin=Origin.of(scenario, dataset),
        rule=rule_spec(settings.rule),
        compare_rules={name: preset(name) for name in settings.compare_rules},
        participants=tuple(participants),
        population=dict(population),
        population_year=used_year,
        population_sources=tuple(dict.fromkeys(sources)),
        population_basis=qmv_basis(used_year, dataset),
        perceptions=load_table("threat_perceptions", dataset),
        missions=missions,
        threshold=settings.threshold,
        clusters=settings.clusters,
        packages=settings.packages,
        mission=settings.mission,
        runs=settings.runs,
        seed=settings.seed,
        population_notes=tuple(notes),
    )
