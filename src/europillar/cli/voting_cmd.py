"""`europillar voting` (exact voting power) and `europillar threats` (perceptions, missions)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from europillar.cli.common import run_domain, scenario_option, split
from europillar.cli.output import EXCEL_HELP, FORMAT_HELP, OUTPUT_HELP, Format, emit_result
from europillar.scenario.vocabulary import RULE_PRESETS


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


THREAT_TABLES = {
    ThreatView.matrix: "threat_matrix",
    ThreatView.clusters: "clusters",
    ThreatView.missions: "mission_votes",
    ThreatView.package: "packages",
    ThreatView.simulate: "simulation",
}


def _voting(
    scenario: str = scenario_option(),
    rule: Annotated[
        str | None,
        typer.Option(
            "--rule",
            help=f"Shipped rule ({', '.join(RULE_PRESETS)}) or a rule file in the old TOML "
            "format (default: the scenario's [decisions] rule).",
        ),
    ] = None,
    index: Annotated[
        Index, typer.Option("--index", help="Which index columns to show.")
    ] = Index.all,
    year: Annotated[
        int | None, typer.Option("--year", help="Year of the QMV population figures.")
    ] = None,
    members: Annotated[
        list[str] | None,
        typer.Option(
            "--members",
            help="Participating members (ISO3, comma-separated), or EU27+ followed by "
            "joining states, e.g. EU27+UKR,MDA,ALB (UN WPP 2024 populations).",
        ),
    ] = None,
    population: Annotated[
        list[str] | None,
        typer.Option(
            "--population",
            help="ISO3=persons for a state with no shipped figure (repeatable); needs "
            "--population-source.",
        ),
    ] = None,
    population_source: Annotated[
        str | None,
        typer.Option("--population-source", help="Publisher, date and unit of --population."),
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", help=FORMAT_HELP)] = Format.table,
    output: Annotated[Path | None, typer.Option("--out", "--output", help=OUTPUT_HELP)] = None,
    excel: Annotated[bool, typer.Option("--excel", help=EXCEL_HELP)] = False,
) -> None:
    """Exact Banzhaf and Shapley–Shubik power of each member under a decision rule."""
    from europillar.errors import InputError
    from europillar.scenario.legacy import rule_option

    chosen = None
    if rule is not None:
        chosen, notes = rule_option(rule)
        for note in notes:
            typer.echo(note, err=True)
    codes = [c.upper() for item in members or [] for c in split(item)] or None
    joining = None
    if codes and codes[0].startswith("EU27+"):
        joining = [codes[0].removeprefix("EU27+"), *codes[1:]]
        codes = None
    figures: dict[str, int] = {}
    for item in population or []:
        iso3, _, value = item.partition("=")
        if not value.strip().isdigit():
            raise InputError(None, "--population", item, "must be ISO3=persons (an integer)")
        figures[iso3.strip().upper()] = int(value)
    result = run_domain(
        "decisions",
        scenario,
        rule=chosen,
        compare_rules=[],
        members=codes,
        enlargement=joining,
        populations=figures or None,
        population_source=population_source,
        year=year,
    )
    keep = ["iso3"]
    if index in (Index.banzhaf, Index.all):
        keep += ["banzhaf_normalized", "banzhaf_absolute"]
    if index in (Index.shapley, Index.all):
        keep += ["shapley_shubik"]
    keep += ["population", "penrose_sqrt"]
    rules = result.tables["rules"].iloc[0]
    meta = result.meta
    caption = (
        f"Rule {meta['rule']}; QMV population {meta['population_year']} (persons): "
        f"{meta['population_basis']}. Coleman power to act: {rules['coleman_power_to_act']:.6f}. "
        f"Method: {rules['method']}."
    )
    # Only the scenario's rule ran: the view is its table without the rule column.
    voting = result.tables["voting_power"].drop(columns="rule")
    emit_result(
        result,
        "voting_power",
        fmt,
        frame=voting[keep],
        title=f"Voting power under {meta['rule']}",
        caption=caption,
        extra={
            "rule": meta["rule"],
            "year": meta["population_year"],
            "population_basis": meta["population_basis"],
            "coleman_power_to_act": float(rules["coleman_power_to_act"]),
            "method": rules["method"],
        },
        output=output,
        excel=excel,
    )


def _threats(
    view: Annotated[
        ThreatView, typer.Argument(help="matrix, clusters, missions, package or simulate.")
    ] = ThreatView.matrix,
    scenario: str = scenario_option(),
    mission: Annotated[
        str, typer.Option("--mission", help="Mission for `simulate`.")
    ] = "eastern_air_defence",
    threshold: Annotated[
        float | None, typer.Option("--threshold", help="Support score to back a mission (0-1).")
    ] = None,
    n_clusters: Annotated[
        int | None, typer.Option("--clusters", help="Number of clusters for `clusters`.")
    ] = None,
    runs: Annotated[
        int | None, typer.Option("--runs", help="Monte Carlo runs for `simulate`.")
    ] = None,
    seed: Annotated[int | None, typer.Option("--seed", help="Seed for `simulate`.")] = None,
    year: Annotated[
        int | None, typer.Option("--year", help="Year of the QMV population figures.")
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", help=FORMAT_HELP)] = Format.table,
    output: Annotated[Path | None, typer.Option("--out", "--output", help=OUTPUT_HELP)] = None,
    excel: Annotated[bool, typer.Option("--excel", help=EXCEL_HELP)] = False,
) -> None:
    """Threat perceptions: coded matrix, clusters, mission support, best package, simulation."""
    from europillar.errors import InputError

    if threshold is not None and not 0.0 <= threshold <= 1.0:
        raise InputError(None, "--threshold", threshold, "must be between 0 and 1")
    result = run_domain(
        "decisions",
        scenario,
        threshold=threshold,
        clusters=n_clusters,
        year=year,
        mission=mission if view is ThreatView.simulate else None,
        runs=runs,
        seed=seed,
    )
    caption = "europillar coding (0-3) of the cited sources"
    if view is ThreatView.simulate:
        caption += f"; mission {mission}; {result.meta['runs']} runs, seed {result.meta['seed']}"
    emit_result(
        result,
        THREAT_TABLES[view],
        fmt,
        title=f"Threat perceptions: {view.value}",
        caption=caption,
        extra={"view": view.value},
        output=output,
        excel=excel,
    )


def register(app: typer.Typer) -> None:
    app.command("voting")(_voting)
    app.command("threats")(_threats)
