"""`europillar voting` (exact voting power) and `europillar threats` (perceptions, missions)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import pandas as pd
import typer

from europillar.cli.output import Format, emit
from europillar.decisions import (
    PRESETS,
    best_package,
    cluster_states,
    distance_matrix,
    instantiate,
    load_table,
    mission_relevance,
    mission_support,
    mission_votes,
    power_table,
    preset,
    qmv_population,
    resolve_rule,
    simulate_decision,
    threat_matrix,
)
from europillar.decisions.data import qmv_sources
from europillar.decisions.simulate import SimulationInputs, scores_for_mission
from europillar.errors import InputError


class Index(StrEnum):
    banzhaf = "banzhaf"
    shapley = "shapley"
    all = "all"


class ThreatView(StrEnum):
    matrix = "matrix"
    clusters = "clusters"
    missions = "missions"
    package = "package"
    simulate = "simulate"


VOTING_RULES = ("qmv", "rqmv", "unanimity", "cfsp")


def _members(option: list[str] | None, population: dict[str, int]) -> list[str]:
    if not option:
        return sorted(population)
    members = [m.strip().upper() for item in option for m in item.split(",") if m.strip()]
    unknown = [m for m in members if m not in population]
    if unknown:
        raise InputError(
            None,
            "--members",
            unknown,
            "not an EU member with a QMV population figure",
            sorted(population),
        )
    return members


def _voting(
    rule: Annotated[
        str, typer.Option("--rule", help=f"Preset ({', '.join(PRESETS)}) or a TOML rule file.")
    ] = "qmv",
    index: Annotated[
        Index, typer.Option("--index", help="Which index columns to show.")
    ] = Index.all,
    year: Annotated[
        int | None, typer.Option("--year", help="Year of the QMV population figures.")
    ] = None,
    members: Annotated[
        list[str] | None,
        typer.Option("--members", help="Participating members (ISO3, comma-separated)."),
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", help="table, csv or json.")] = Format.table,
) -> None:
    """Exact Banzhaf and Shapley–Shubik power of each member under a decision rule."""
    spec = resolve_rule(rule)
    used_year, population = qmv_population(year)
    participants = _members(members, population)
    game = instantiate(spec, participants, population)
    frame = power_table(game, {"population": [population[m] for m in participants]})
    keep = ["iso3"]
    if index in (Index.banzhaf, Index.all):
        keep += ["banzhaf_normalized", "banzhaf_absolute"]
    if index in (Index.shapley, Index.all):
        keep += ["shapley_shubik"]
    keep += ["population", "penrose_sqrt"]
    out = frame[keep]
    sources = qmv_sources(used_year)
    caption = (
        f"Rule {spec.name}; QMV population {used_year} (persons, Council Annex III, reconstructed; "
        f"source: {', '.join(sources)}). Coleman power to act: {frame.attrs['coleman_power_to_act']:.6f}. "
        f"Method: {frame.attrs['method']}."
    )
    emit(
        out,
        fmt,
        title=f"Voting power under {spec.name}",
        caption=caption,
        json_extra={
            "rule": spec.name,
            "year": used_year,
            "coleman_power_to_act": frame.attrs["coleman_power_to_act"],
            "method": frame.attrs["method"],
            "source_ids": sources,
        },
    )


def _threats(
    view: Annotated[
        ThreatView, typer.Argument(help="matrix, clusters, missions, package or simulate.")
    ] = ThreatView.matrix,
    mission: Annotated[
        str, typer.Option("--mission", help="Mission for `simulate`.")
    ] = "eastern_air_defence",
    threshold: Annotated[
        float, typer.Option("--threshold", help="Support score to back a mission (0-1).")
    ] = 0.5,
    n_clusters: Annotated[
        int, typer.Option("--clusters", help="Number of clusters for `clusters`.")
    ] = 3,
    runs: Annotated[int, typer.Option("--runs", help="Monte Carlo runs for `simulate`.")] = 1000,
    seed: Annotated[int, typer.Option("--seed", help="Seed for `simulate`.")] = 20260101,
    year: Annotated[
        int | None, typer.Option("--year", help="Year of the QMV population figures.")
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", help="table, csv or json.")] = Format.table,
) -> None:
    """Threat perceptions: coded matrix, clusters, mission support, best package, simulation."""
    if not 0.0 <= threshold <= 1.0:
        raise InputError(None, "--threshold", threshold, "must be between 0 and 1")
    perceptions = load_table("threat_perceptions")
    matrix = threat_matrix(perceptions)
    _used_year, population = qmv_population(year)
    members = sorted(population)
    rel = mission_relevance(load_table("missions"))
    sources = sorted(set(perceptions["source_id"]))
    caption = "europillar coding (0-3) of the cited sources: " + ", ".join(sources)
    if view is ThreatView.matrix:
        frame = matrix.reset_index()
    elif view is ThreatView.clusters:
        _, frame = cluster_states(distance_matrix(matrix), n_clusters)
        frame = frame.merge(matrix.reset_index(), on="iso3").sort_values(["cluster", "iso3"])
    elif view is ThreatView.missions:
        support = mission_support(matrix, rel, members, threshold)
        rules = {name: preset(name) for name in VOTING_RULES}
        frame = mission_votes(support, rules, members, population)
    elif view is ThreatView.package:
        frame = best_package(matrix, rel, members, threshold).head(20)
    else:
        if mission not in rel.index:
            raise InputError(
                "missions.csv", "--mission", mission, "unknown mission", list(rel.index)
            )
        support = mission_support(matrix, rel, members, threshold)
        inputs = SimulationInputs(
            members=tuple(members),
            population=population,
            score=scores_for_mission(support, mission, members),
            rules={name: preset(name) for name in VOTING_RULES},
            runs=runs,
            seed=seed,
        )
        frame = simulate_decision(inputs).summary
        caption += f"; mission {mission}; {runs} runs, seed {seed}"
    emit(
        pd.DataFrame(frame),
        fmt,
        title=f"Threat perceptions: {view.value}",
        caption=caption,
        json_extra={"view": view.value, "source_ids": sources},
    )


def register(app: typer.Typer) -> None:
    app.command("voting")(_voting)
    app.command("threats")(_threats)
