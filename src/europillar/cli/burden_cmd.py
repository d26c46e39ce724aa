"""`europillar burden`: shares of GDP, gaps to 2 / 3.5 / 5 %, US share, Olson–Zeckhauser test."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from europillar.cli.common import run_domain, scenario_option
from europillar.cli.compare_cmd import year_span
from europillar.cli.output import Format, emit_result, excel_option, format_option, output_option
from europillar.errors import InputError


class View(StrEnum):
    members = "members"
    gaps = "gaps"
    us_share = "us-share"
    ozeckhauser = "ozeckhauser"


TABLES = {
    View.members: "members",
    View.gaps: "gaps",
    View.us_share: "us_share",
    View.ozeckhauser: "ozeckhauser",
}
TITLES = {
    View.members: "Defence burden, {bloc} members",
    View.gaps: "Gaps to targets, sum over {bloc} members",
    View.us_share: "US share of Allied defence spending",
    View.ozeckhauser: "Olson–Zeckhauser test (Spearman GDP vs % of GDP), {bloc} members",
}
CAPTIONS = {
    View.members: "Money in USD m, current prices and exchange rates of the year; share in "
    "% of GDP. Gap = max(0, target % × GDP − spending).",
    View.gaps: "USD m, current prices.",
    View.us_share: "NATO definition, USD m current.",
    View.ozeckhauser: "scipy.stats.spearmanr; exploitation_supported = rho > 0 and p < 0.05.",
}


def register(app: typer.Typer) -> None:
    @app.command("burden")
    def burden_command(
        scenario: str = scenario_option(),
        year: int | None = typer.Option(None, "--year", help="One year."),
        first: int | None = typer.Option(None, "--from", help="First year of a range."),
        last: int | None = typer.Option(None, "--to", help="Last year of a range."),
        bloc: str | None = typer.Option(
            None, "--bloc", help="Bloc whose members are listed (default: NATO)."
        ),
        show: View = typer.Option(
            View.members, "--show", help="members, gaps, us-share or ozeckhauser."
        ),
        test: str | None = typer.Option(
            None, "--test", help="'ozeckhauser': same as --show ozeckhauser."
        ),
        fmt: Format = format_option(),
        output: Path | None = output_option(),
        excel: bool = excel_option(),
    ) -> None:
        """Burden sharing: NATO figures where published, else SIPRI (column 'basis')."""
        if test is not None:
            if test.lower().replace("-", "") not in ("ozeckhauser", "olsonzeckhauser"):
                raise InputError(None, "test", test, "unknown test", allowed=["ozeckhauser"])
            show = View.ozeckhauser
        first_year, last_year = year_span(year, first, last)
        result = run_domain(
            "burden", scenario, bloc=bloc, first_year=first_year, last_year=last_year
        )
        name = str(result.meta["bloc"])
        columns = None
        if show is View.members and fmt is Format.table:
            columns = [c for c in result.tables["members"].columns if c != "sources"]
        emit_result(
            result,
            TABLES[show],
            fmt,
            title=TITLES[show].format(bloc=name),
            caption=CAPTIONS[show],
            columns=columns,
            extra={"bloc": name, "years": result.meta["years"], "view": show.value},
            output=output,
            excel=excel,
        )
