"""`europillar burden`: shares of GDP, gaps to 2 / 3.5 / 5 %, US share, Olson–Zeckhauser test."""

from __future__ import annotations

from enum import StrEnum

import typer

from europillar.burden import (
    TARGETS,
    burden_table,
    gap_totals,
    olson_zeckhauser_by_year,
    us_share_of_nato,
)
from europillar.cli.compare_cmd import year_span
from europillar.cli.output import Format, emit
from europillar.data import load
from europillar.power import resolve_blocs


class View(StrEnum):
    members = "members"
    gaps = "gaps"
    us_share = "us-share"
    ozeckhauser = "ozeckhauser"


def _sources(cells: object) -> list[str]:
    return sorted({s for cell in cells for s in str(cell).split(";") if s})  # type: ignore[attr-defined]


def register(app: typer.Typer) -> None:
    @app.command("burden")
    def burden_command(
        year: int | None = typer.Option(None, "--year", help="One year."),
        first: int | None = typer.Option(None, "--from", help="First year of a range."),
        last: int | None = typer.Option(None, "--to", help="Last year of a range."),
        bloc: str = typer.Option("NATO", "--bloc", help="Bloc whose members are listed."),
        show: View = typer.Option(
            View.members, "--show", help="members, gaps, us-share or ozeckhauser."
        ),
        test: str | None = typer.Option(
            None, "--test", help="'ozeckhauser': same as --show ozeckhauser."
        ),
        fmt: Format = typer.Option(Format.table, "--format", help="table, csv or json."),
    ) -> None:
        """Burden sharing: NATO figures where published, else SIPRI (column 'basis')."""
        if test is not None:
            if test.lower().replace("-", "") not in ("ozeckhauser", "olsonzeckhauser"):
                from europillar.errors import InputError

                raise InputError(None, "test", test, "unknown test", allowed=["ozeckhauser"])
            show = View.ozeckhauser
        years = year_span(year, first, last)
        members = resolve_blocs([bloc], years)[bloc]
        observations = load("observations")
        targets = "; ".join(f"{t.id}: {t.label}" for t in TARGETS)
        target_sources = sorted({t.source_id for t in TARGETS})
        if show is View.us_share:
            frame = us_share_of_nato(observations, members, years)
            title, caption = (
                "US share of Allied defence spending",
                ("NATO definition, USD m current. "),
            )
            sources = _sources(frame["sources"])
        else:
            burden = burden_table(observations, members, years)
            if show is View.members:
                frame, title = burden, f"Defence burden, {bloc} members"
                if fmt is Format.table:
                    frame = burden.drop(columns=["sources"])
                caption = (
                    f"Money in USD m, current prices and exchange rates of the year; "
                    f"share in % of GDP. Gap = max(0, target % × GDP − spending). "
                    f"{targets}. "
                )
                sources = _sources(burden["sources"]) + target_sources
            elif show is View.gaps:
                frame, title = gap_totals(burden), f"Gaps to targets, sum over {bloc} members"
                caption = "USD m, current prices. "
                sources = _sources(burden["sources"]) + target_sources
            else:
                frame = olson_zeckhauser_by_year(burden)
                title = f"Olson–Zeckhauser test (Spearman GDP vs % of GDP), {bloc} members"
                caption = "scipy.stats.spearmanr; exploitation_supported = rho > 0 and p < 0.05. "
                sources = _sources(burden["sources"])
        emit(
            frame,
            fmt,
            title=title,
            caption=caption + "Sources: " + ", ".join(sources) + ".",
            json_extra={"bloc": bloc, "years": years, "view": show.value, "sources": sources},
        )
