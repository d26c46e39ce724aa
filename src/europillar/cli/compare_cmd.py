"""`europillar compare`: blocs (EU27, European NATO, coalitions) against the USA, Russia, China."""

from __future__ import annotations

import typer

from europillar.cli.output import Format, emit
from europillar.data import load
from europillar.errors import InputError
from europillar.power import (
    DEFAULT_BLOCS,
    DEFAULT_INDICATORS,
    INDICATORS,
    coalition,
    compare,
    resolve_blocs,
)
from europillar.report.context import check_year, default_year


def split(text: str | None) -> list[str]:
    return [p.strip() for p in (text or "").split(",") if p.strip()]


def year_span(year: int | None, first: int | None, last: int | None) -> list[int]:
    """--year Y, or --from Y1 --to Y2 (inclusive); default: the report's default year."""
    if year is not None and (first is not None or last is not None):
        raise InputError(None, "year", year, "give either --year or --from/--to, not both")
    if first is not None or last is not None:
        start = first if first is not None else last
        end = last if last is not None else first
        assert start is not None and end is not None
        if start > end:
            raise InputError(None, "from", start, f"must not be after --to {end}")
        return [check_year(y) for y in range(start, end + 1)]
    return [check_year(year) if year is not None else default_year()]


def register(app: typer.Typer) -> None:
    @app.command("compare")
    def compare_command(
        blocs: str = typer.Option(
            ",".join(DEFAULT_BLOCS), "--blocs", help="Comma-separated blocs or ISO3 codes."
        ),
        coalition_codes: str | None = typer.Option(
            None, "--coalition", help="A coalition of ISO3 codes, e.g. FRA,DEU,POL."
        ),
        year: int | None = typer.Option(None, "--year", help="One year."),
        first: int | None = typer.Option(None, "--from", help="First year of a range."),
        last: int | None = typer.Option(None, "--to", help="Last year of a range."),
        indicator: str = typer.Option(
            ",".join(DEFAULT_INDICATORS),
            "--indicator",
            help="Comma-separated: " + ", ".join(INDICATORS),
        ),
        fmt: Format = typer.Option(Format.table, "--format", help="table, csv or json."),
    ) -> None:
        """Compare military spending, share of GDP, PPP, per capita and personnel by bloc."""
        years = year_span(year, first, last)
        names = split(blocs)
        resolved = resolve_blocs(names, years)
        if coalition_codes:
            codes = coalition(split(coalition_codes), valid=list(load("countries")["iso3"]))
            resolved["+".join(codes)] = {y: codes for y in years}
        if not resolved:
            raise InputError(None, "blocs", blocs, "name at least one bloc or a coalition")
        indicators = split(indicator)
        frame = compare(load("observations"), resolved, years, indicators)
        sources = sorted({s for cell in frame["sources"] for s in cell.split(";") if s})
        caption = (
            "Units in the 'unit' column. Missing member figures are never filled: "
            "n_missing > 0 means the total covers fewer members (complete = False). "
            "Sources: " + ", ".join(sources) + "."
        )
        shown = frame
        if fmt is Format.table:
            shown = frame[["bloc", "year", "indicator", "value", "unit", "n_missing"]]
            caption += " Missing members are listed with --format csv or json."
        emit(
            shown,
            fmt,
            title="Bloc comparison",
            caption=caption,
            json_extra={
                "years": years,
                "sources": sources,
                "methods": {i: INDICATORS[i].method for i in indicators},
            },
        )
