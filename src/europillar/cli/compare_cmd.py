"""`europillar compare`: military power of blocs (EU27, European NATO, coalitions) vs the
USA, Russia and China."""

from __future__ import annotations

from pathlib import Path

import typer

from europillar.cli.common import run_domain, scenario_option, split
from europillar.cli.output import Format, emit_result, excel_option, format_option, output_option
from europillar.errors import InputError
from europillar.scenario.vocabulary import DEFAULT_BLOCS, POWER_INDICATORS

SHOWN = ["bloc", "year", "indicator", "value", "unit", "n_missing", "vintages"]
VINTAGE_HELP = (
    "Editions to read, comma-separated: sipri-2025, sipri-2026, nato-2024, nato-2026, … "
    "(`europillar data vintages`), 'newest' or 'as-published'."
)
MEMBERSHIP_HELP = "as-of (members of each year), fixed (today's members backdated) or fixed:YEAR."


def year_span(
    year: int | None, first: int | None, last: int | None
) -> tuple[int | None, int | None]:
    """--year Y, or --from Y1 --to Y2 (inclusive), as (first, last); None: the default."""
    if year is not None and (first is not None or last is not None):
        raise InputError(None, "year", year, "give either --year or --from/--to, not both")
    if year is not None:
        return year, year
    if first is not None and last is not None and first > last:
        raise InputError(None, "from", first, f"must not be after --to {last}")
    if first is not None or last is not None:
        return (first if first is not None else last), (last if last is not None else first)
    return None, None


def register(app: typer.Typer) -> None:
    @app.command("compare")
    def compare_command(
        scenario: str = scenario_option(),
        blocs: str | None = typer.Option(
            None,
            "--blocs",
            help="Comma-separated blocs or ISO3 codes (default: the scenario's [power] "
            f"blocs, {','.join(DEFAULT_BLOCS)}).",
        ),
        coalition_codes: str | None = typer.Option(
            None, "--coalition", help="A coalition of ISO3 codes, e.g. FRA,DEU,POL."
        ),
        year: int | None = typer.Option(None, "--year", help="One year."),
        first: int | None = typer.Option(None, "--from", help="First year of a range."),
        last: int | None = typer.Option(None, "--to", help="Last year of a range."),
        indicator: str | None = typer.Option(
            None, "--indicator", help="Comma-separated: " + ", ".join(POWER_INDICATORS)
        ),
        long: bool = typer.Option(
            False,
            "--long",
            help="The tidy form: one row per bloc, year and indicator (default: blocs side "
            "by side, indicators as rows).",
        ),
        vintage: str | None = typer.Option(
            None, "--vintage", help=VINTAGE_HELP + " Default: the newest SIPRI release."
        ),
        membership: str | None = typer.Option(
            None, "--membership", help=MEMBERSHIP_HELP + " Default: fixed (a trend)."
        ),
        fmt: Format = format_option(),
        output: Path | None = output_option(),
        excel: bool = excel_option(),
    ) -> None:
        """Compare military spending, share of GDP, PPP, per capita and personnel by bloc.

        One SIPRI release for every year (--vintage) and, by default, today's members of
        each bloc backdated (--membership fixed), so a trend compares the same states.
        """
        first_year, last_year = year_span(year, first, last)
        names = split(blocs) if blocs is not None else None
        codes = [c.upper() for c in split(coalition_codes)] if coalition_codes else None
        if names is not None and not names and not codes:
            raise InputError(None, "blocs", blocs, "name at least one bloc or a coalition")
        result = run_domain(
            "power",
            scenario,
            blocs=names,
            coalition=codes,
            first_year=first_year,
            last_year=last_year,
            indicators=split(indicator) if indicator is not None else None,
            vintage=vintage,
            membership=membership,
        )
        extra = {
            "years": result.meta["years"],
            "methods": result.meta["methods"],
            "vintages": result.meta["vintages"],
            "membership": result.meta["membership"],
        }
        editions = (
            f"Vintages: {', '.join(result.meta['vintages']) or 'none'}; membership "
            f"{result.meta['membership']}."
        )
        if long:
            caption = "Units in the 'unit' column; 'vintages' names the edition of every figure."
            if fmt is Format.table:
                caption += " Missing members are listed with --format csv or json."
            emit_result(
                result,
                "comparison",
                fmt,
                title="Military power: bloc comparison",
                caption=caption,
                columns=SHOWN,
                extra=extra,
                output=output,
                excel=excel,
            )
            return
        from europillar.power.views import screen_cells, wide

        table = wide(result.tables["comparison"])
        shown_blocs = [str(b) for b in dict.fromkeys(result.tables["comparison"]["bloc"])]
        if fmt is Format.table:
            emit_result(
                result,
                "comparison",
                fmt,
                title="Military power: blocs side by side",
                caption="† total of fewer members than the bloc has (the CSV or JSON gives "
                "<bloc>_missing; --long lists them by name). " + editions,
                frame=screen_cells(table, shown_blocs),
                output=output,
                excel=excel,
            )
            return
        emit_result(
            result,
            "comparison",
            fmt,
            "",
            extra={**extra, "view": "wide"},
            frame=table,
            output=output,
            excel=excel,
        )
