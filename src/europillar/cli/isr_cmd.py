"""`europillar isr`: revisit and coverage of a theatre by European (and US) satellites."""

from __future__ import annotations

from datetime import datetime

import typer

from europillar.cli.output import Format, emit
from europillar.errors import InputError


def _parse_start(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise InputError(None, "start", text, "not an ISO date (YYYY-MM-DD)") from None


def register(app: typer.Typer) -> None:
    @app.command("isr")
    def isr(
        theatre: str = typer.Option("baltic", "--theatre", help="Theatre id (see docs/isr.md)."),
        days: float = typer.Option(7.0, "--days", help="Length of the run in days."),
        step_seconds: float = typer.Option(60.0, "--step-seconds", help="Time step, seconds."),
        start: str = typer.Option("2025-01-01", "--start", help="Start (UTC), ISO date."),
        grid_deg: float = typer.Option(0.25, "--grid-deg", help="Ground grid spacing, degrees."),
        field_of_regard: float = typer.Option(
            30.0, "--field-of-regard", help="Off-nadir half-angle (deg) assumed when unpublished."
        ),
        list_satellites: bool = typer.Option(
            False, "--satellites", help="List the cited satellites and their element sets."
        ),
        fmt: Format = typer.Option(Format.table, "--format", help="table, csv or json."),
    ) -> None:
        """Revisit gaps, daily accesses and coverage per constellation, Europe alone vs with US."""
        from europillar.isr import (
            CoverageRun,
            get_theatre,
            load_satellites,
            load_theatres,
            satellite_catalogue,
            theatre_coverage,
        )

        if list_satellites:
            catalogue = satellite_catalogue(load_satellites(), _parse_start(start))
            emit(
                catalogue,
                fmt,
                title="ISR satellites (cited; estimates flagged)",
                caption="Elements derived at the start date; period = 2*pi*sqrt(a^3/mu). "
                "Sources: source_id column.",
            )
            return

        theatres = load_theatres()
        if theatre not in theatres:
            raise InputError(
                None,
                "--theatre",
                theatre,
                f"unknown theatre; allowed ids are {', '.join(sorted(theatres))}",
            )
        run = CoverageRun(
            start=_parse_start(start),
            days=days,
            step_seconds=step_seconds,
            grid_deg=grid_deg,
            field_of_regard_deg=field_of_regard,
        )
        result = theatre_coverage(get_theatre(theatre), load_satellites(), run)
        caption = (
            "Gaps in hours; coverage in percent of area (cos-latitude weighted). "
            f"Field of regard {field_of_regard} deg off nadir where unpublished (assumption). "
            "Sources: " + ", ".join(result.source_ids)
        )
        emit(
            result.table,
            fmt,
            title=f"ISR coverage: {theatre}, {days:g} days from {start}",
            caption=caption,
            json_extra={
                "theatre": theatre,
                "start": start,
                "days": days,
                "step_seconds": step_seconds,
                "grid_deg": grid_deg,
                "field_of_regard_deg": field_of_regard,
                "source_ids": result.source_ids,
                "satellites_modelled": list(result.satellites_used["sat_id"]),
            },
        )
