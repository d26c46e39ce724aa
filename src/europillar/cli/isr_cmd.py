"""`europillar isr`: revisit and coverage of a theatre by European (and US) satellites."""

from __future__ import annotations

from pathlib import Path

import typer

from europillar.cli.common import run_domain, scenario_option, split
from europillar.cli.output import Format, emit_result, excel_option, format_option, output_option


def register(app: typer.Typer) -> None:
    @app.command("isr")
    def isr(
        scenario: str = scenario_option(),
        theatre: str | None = typer.Option(
            None, "--theatre", help="Theatre ids, comma-separated (default: the scenario's)."
        ),
        days: float | None = typer.Option(None, "--days", help="Length of the run in days."),
        step_seconds: float | None = typer.Option(
            None, "--step-seconds", help="Time step, seconds."
        ),
        start: str | None = typer.Option(None, "--start", help="Start (UTC), ISO date."),
        grid_deg: float | None = typer.Option(
            None, "--grid-deg", help="Ground grid spacing, degrees."
        ),
        field_of_regard: float | None = typer.Option(
            None, "--field-of-regard", help="Off-nadir half-angle (deg) assumed when unpublished."
        ),
        list_satellites: bool = typer.Option(
            False, "--satellites", help="List the cited satellites and their element sets."
        ),
        fmt: Format = format_option(),
        output: Path | None = output_option(),
        excel: bool = excel_option(),
    ) -> None:
        """Revisit gaps, daily accesses and coverage per constellation, Europe alone vs with US."""
        result = run_domain(
            "isr",
            scenario,
            theatres=split(theatre) if theatre is not None else None,
            days=days,
            step_seconds=step_seconds,
            start=start,
            grid_deg=grid_deg,
            field_of_regard_deg=field_of_regard,
        )
        meta = result.meta
        if list_satellites:
            emit_result(
                result,
                "satellites",
                fmt,
                title="ISR satellites (cited; estimates flagged)",
                caption="Elements derived at the start date; period = 2*pi*sqrt(a^3/mu).",
                output=output,
                excel=excel,
            )
            return
        emit_result(
            result,
            "coverage",
            fmt,
            title=f"ISR coverage: {', '.join(meta['theatres'])}, {meta['days']:g} days "
            f"from {meta['start'][:10]}",
            caption="Gaps in hours; coverage in percent of area (cos-latitude weighted).",
            extra={
                "theatre": ",".join(meta["theatres"]),
                "source_ids": list(result.sources),
                "satellites_modelled": meta["satellites_modelled"],
            },
            output=output,
            excel=excel,
        )
