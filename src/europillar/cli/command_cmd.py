"""`europillar command`: resilience of command structures to the loss of headquarters."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from europillar.cli.common import run_domain, scenario_option
from europillar.cli.output import (
    Format,
    emit,
    emit_result,
    excel_option,
    format_option,
    output_option,
)


def register(app: typer.Typer) -> None:
    @app.command("command")
    def command(
        scenario: str = scenario_option(),
        structure: list[str] = typer.Option(
            [],
            "--structure",
            help="Shipped name (centralised, distributed), a [[command.custom]] name of the "
            "scenario, or a structure file in the old .toml/.csv format; repeatable. "
            "Default: the scenario's structures.",
        ),
        k: int | None = typer.Option(None, "--k", min=1, help="Compute losses of 1..k HQs."),
        samples: int | None = typer.Option(
            None, "--samples", min=1, help="Random loss draws per k."
        ),
        seed: int | None = typer.Option(None, "--seed", min=0, help="Seed for random losses."),
        optimise: bool = typer.Option(
            False,
            "--optimise",
            help="Also show the force-to-HQ assignment maximising the worst single-loss share "
            "(flat structures: every HQ directly under the decision node).",
        ),
        fmt: Format = format_option(),
        output: Path | None = output_option(),
        excel: bool = excel_option(),
    ) -> None:
        """Share of forces still commanded after losing k HQs; hops; single points of failure."""
        from europillar.scenario.legacy import structure_files

        names, custom, notes = structure_files(structure) if structure else (None, None, [])
        for note in notes:
            typer.echo(note, err=True)
        result = run_domain(
            "command",
            scenario,
            structures=names,
            custom=custom,
            k=k,
            samples=samples,
            seed=seed,
            optimise=optimise or None,
        )
        extra: dict[str, Any] = {k_: result.meta[k_] for k_ in ("k", "samples", "seed")}
        if "assignment" in result.tables and fmt is Format.json:
            from europillar.tabular import table_records

            extra["optimal_assignment"] = table_records(result.tables["assignment"])
        emit_result(
            result,
            "resilience",
            fmt,
            title="Command resilience: forces still commanded after losing headquarters",
            extra=extra,
            output=output,
            excel=excel,
        )
        assignment = result.tables.get("assignment")
        if fmt is Format.table and assignment is not None and len(assignment):
            emit(
                assignment,
                fmt,
                title="Assignment maximising the worst single-loss commanded share (MIP)",
                caption="Min-max load over headquarters, solved with HiGHS (docs/command.md).",
                output=output,
                excel=excel,
            )
