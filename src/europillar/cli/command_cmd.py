"""`europillar command`: resilience of command structures to the loss of headquarters."""

from __future__ import annotations

import pandas as pd
import typer

from europillar.cli.output import Format, emit


def register(app: typer.Typer) -> None:
    @app.command("command")
    def command(
        structure: list[str] = typer.Option(
            [],
            "--structure",
            help="Shipped name (centralised, distributed) or a .toml/.csv file; repeatable. "
            "Default: compare centralised and distributed.",
        ),
        k: int = typer.Option(2, "--k", help="Compute losses of 1..k headquarters."),
        samples: int = typer.Option(200, "--samples", help="Random loss draws per k."),
        seed: int = typer.Option(0, "--seed", help="Seed for random losses."),
        optimise: bool = typer.Option(
            False,
            "--optimise",
            help="Also show the force-to-HQ assignment maximising the worst single-loss share "
            "(flat structures: every HQ directly under the decision node).",
        ),
        fmt: Format = typer.Option(Format.table, "--format", help="table, csv or json."),
    ) -> None:
        """Share of forces still commanded after losing k HQs; hops; single points of failure."""
        from europillar.command import load_structure, optimise_assignment, resilience_table
        from europillar.errors import InputError

        if samples < 1:
            raise InputError(None, "--samples", samples, "must be at least 1")
        names = structure or ["centralised", "distributed"]
        structures = [load_structure(name) for name in names]
        if k < 1:
            raise InputError(None, "--k", k, "must be at least 1")
        table = resilience_table(structures, k, samples=samples, seed=seed)
        extra: dict[str, object] = {"k": k, "samples": samples, "seed": seed}
        assignment = pd.DataFrame()
        if optimise:
            rows = []
            for s in structures:
                flat = all(s.graph.has_edge(s.root, h) for h in s.headquarters)
                if not flat:
                    continue
                current = {f: next(iter(s.graph.predecessors(f))) for f in s.forces}
                result = optimise_assignment(s.forces, s.headquarters, current=current)
                for force, hq in sorted(result.force_to_hq.items()):
                    rows.append(
                        {
                            "structure": s.name,
                            "force": force,
                            "current_hq": current[force],
                            "optimal_hq": hq,
                            "optimal_worst_single_loss_commanded_pct": round(
                                result.worst_single_loss_commanded_pct, 2
                            ),
                        }
                    )
            assignment = pd.DataFrame(rows)
            extra["optimal_assignment"] = rows
        emit(
            table,
            fmt,
            title="Command resilience: forces still commanded after losing headquarters",
            caption=(
                "Commanded share in percent of force packages (scenario weights). "
                "Sources: cmd_* rows of the sources registry; forces are scenario "
                "assumptions (cmd_def_europillar)."
            ),
            json_extra=extra,
        )
        if fmt is Format.table and not assignment.empty:
            emit(
                assignment,
                fmt,
                title="Assignment maximising the worst single-loss commanded share (MIP)",
                caption="Min-max load over headquarters, solved with HiGHS (docs/command.md).",
            )
