"""`europillar transition`: the year-by-year build-up against the US drawdown."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from europillar.cli.common import run_domain, scenario_option
from europillar.cli.output import Format, emit_payload, emit_result, excel_option, output_option


class View(StrEnum):
    categories = "categories"
    fan = "fan"
    gap = "gap"
    central = "central"
    windows = "windows"
    safe = "safe"
    sensitivity = "sensitivity"


TABLES = {
    View.categories: "categories",
    View.fan: "fan",
    View.gap: "gap_probability",
    View.central: "central",
    View.windows: "windows",
    View.safe: "safe_drawdown",
    View.sensitivity: "sensitivity",
}


def register(app: typer.Typer) -> None:
    @app.command()
    def transition(
        scenario: str = scenario_option(),
        draws: int = typer.Option(
            None, "--draws", min=1, help="Monte Carlo draws (default: scenario)"
        ),
        seed: int = typer.Option(None, "--seed", min=0, help="random seed (default: scenario)"),
        scheduler: str = typer.Option(
            None, "--scheduler", help="Dask scheduler, e.g. tcp://host:8786"
        ),
        workers: int = typer.Option(1, "--workers", min=1, help="local worker processes"),
        view: View = typer.Option(View.categories, "--view", help="which table to print"),
        fmt: Format = typer.Option(
            Format.table,
            "--format",
            help="table, csv, json (every table) or xlsx (every table; needs --out FILE).",
        ),
        output: Path | None = output_option(),
        excel: bool = excel_option(),
    ) -> None:
        """Does Europe's build-up outrun the US drawdown? Coverage per year and category.

        Coverage = (European stock x readiness + remaining US contribution) / requirement,
        in percent. Monte Carlo results are P10/P50/P90 per year and category.
        """
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

        console = Console(stderr=True)
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TimeRemainingColumn(),
            console=console,
            transient=True,
            disable=not console.is_terminal,
        ) as progress:
            task = progress.add_task("draws", total=1.0)
            result = run_domain(
                "transition",
                scenario,
                draws=draws,
                seed=seed,
                scheduler=scheduler,
                workers=workers if workers > 1 else None,
                on_progress=lambda f, m: progress.update(task, completed=f, description=m),
            )
        meta = result.meta
        if fmt is Format.json:
            emit_payload({"scenario": meta["scenario"], **result.to_payload()}, output)
            return
        caption = (
            f"Scenario {meta['scenario']}; {meta['draws']} draws, seed {meta['seed']}; "
            f"threshold {meta['threshold_pct']:g}% coverage. Coverage in % of requirement."
        )
        emit_result(
            result,
            TABLES[view],
            fmt,
            title=f"Transition: {view.value}",
            caption=caption,
            output=output,
            excel=excel,
        )
