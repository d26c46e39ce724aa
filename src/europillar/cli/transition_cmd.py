"""`europillar transition`: the year-by-year build-up against the US drawdown."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Any

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
    sobol = "sobol"


TABLES = {
    View.categories: "categories",
    View.fan: "fan",
    View.gap: "gap_probability",
    View.central: "central",
    View.windows: "windows",
    View.safe: "safe_drawdown",
    View.sensitivity: "sensitivity",
    View.sobol: "sobol",
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
        if view is View.categories and fmt is Format.table and output is None and not excel:
            _headline(result, caption)
            return
        if view is View.sobol:
            sobol = meta["sobol"]
            caption += (
                f" Sobol indices of the year Europe stands alone: {sobol['method']}; "
                f"N = {sobol['base_samples']} ({sobol['runs']} runs), seed {sobol['seed']}; "
                f"never within the horizon in {sobol.get('never_pct', 0):.1f}% of runs "
                f"(counted as {int(meta['end_year']) + 1}). Outcomes: {sobol['outcome']}."
                + "".join(f" {v}." for k, v in sobol.items() if k.endswith("_note"))
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


def _headline(result: Any, caption: str) -> None:
    """The default screen: the answer first (worst shortfall, when Europe stands alone),
    then the probability of a shortfall per year; every figure is read off the fan."""
    import pandas as pd

    from europillar.cli.output import emit

    meta = result.meta
    end, threshold = meta["end_year"], meta["threshold_pct"]
    short = 100 - threshold
    cats = result.tables["categories"]

    def year(value: Any) -> str:
        return "none" if pd.isna(value) else str(int(value))

    table = pd.DataFrame(
        {
            "category": cats["category"],
            "worst shortfall (year)": [year(v) for v in cats["worst_shortfall_year"]],
            "depth, % of requirement (P50)": cats["worst_shortfall_pct"].round(1),
            "depth, units (P50)": cats["worst_shortfall_units"].round(1),
            "depth, bad case (P10)": cats["worst_shortfall_pct_p10"].round(1),
            "Europe alone >= threshold, P>=0.9": cats["europe_alone"],
            f"P(Europe alone) {end}, %": cats["prob_europe_alone_end_pct"].round(1),
        }
    )
    emit(table, Format.table, title="When can Europe stand alone?", caption=caption)
    gap = result.tables["gap_probability"]
    per_year = pd.DataFrame(
        {
            "year": gap["year"],
            f"P(shortfall > {short:g}% in any category), %": gap["prob_any_gap_pct"].round(1),
            "P(Europe alone in every category), %": gap["prob_all_europe_alone_pct"].round(1),
        }
    )
    notes = " ".join(result.notes)
    emit(per_year, Format.table, title="Shortfall and Europe alone, per year", caption=notes)
