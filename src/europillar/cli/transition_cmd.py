"""`europillar transition`: the year-by-year build-up against the US drawdown."""

from __future__ import annotations

import json
import sys
from enum import StrEnum

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from europillar.cli.output import Format, emit, frame_to_records


class View(StrEnum):
    categories = "categories"
    fan = "fan"
    gap = "gap"
    central = "central"
    windows = "windows"
    safe = "safe"
    sensitivity = "sensitivity"


def register(app: typer.Typer) -> None:
    @app.command()
    def transition(
        scenario: str = typer.Option(
            "replace_us_full", "--scenario", help="preset name or TOML file"
        ),
        draws: int = typer.Option(
            None, "--draws", min=1, help="Monte Carlo draws (default: scenario)"
        ),
        seed: int = typer.Option(None, "--seed", min=0, help="random seed (default: scenario)"),
        scheduler: str = typer.Option(
            None, "--scheduler", help="Dask scheduler, e.g. tcp://host:8786"
        ),
        workers: int = typer.Option(1, "--workers", min=1, help="local worker processes"),
        view: View = typer.Option(View.categories, "--view", help="which table to print"),
        fmt: Format = typer.Option(Format.table, "--format", help="table, csv or json"),
    ) -> None:
        """Does Europe's build-up outrun the US drawdown? Coverage per year and category.

        Coverage = (European stock x readiness + remaining US contribution) / requirement,
        in percent. Monte Carlo results are P10/P50/P90 per year and category.
        """
        from europillar.scenario import load_scenario
        from europillar.transition import build_model, run_transition

        sc = load_scenario(scenario)
        model, params, settings, notes = build_model(sc)
        n = draws if draws is not None else settings.draws
        s = seed if seed is not None else settings.seed
        console = Console(stderr=True)
        with Progress(
            TextColumn("draws"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=console,
            transient=True,
            disable=not console.is_terminal,
        ) as progress:
            task = progress.add_task("draws", total=n)
            result = run_transition(
                model,
                params,
                n,
                s,
                scheduler=scheduler,
                workers=workers,
                on_progress=lambda k: progress.advance(task, k),
            )
        frames = {
            View.categories: result.categories,
            View.fan: result.fan,
            View.gap: result.gap_probability,
            View.central: result.central,
            View.windows: result.windows,
            View.safe: result.safe_drawdown,
            View.sensitivity: result.sensitivity,
        }
        if fmt is Format.json:
            payload = {
                "scenario": sc.name,
                "meta": result.meta,
                "notes": notes,
                **{v.value: frame_to_records(f) for v, f in frames.items()},
            }
            sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
            return
        caption = (
            f"Scenario {sc.name}; {n} draws, seed {s}; threshold "
            f"{result.meta['threshold_pct']:g}% coverage. Coverage in % of requirement."
        )
        if notes and fmt is Format.table:
            caption += " Notes: " + " ".join(notes)
        emit(frames[view], fmt, title=f"Transition: {view.value}", caption=caption)
