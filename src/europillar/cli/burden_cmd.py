"""`europillar burden`: shares of GDP, gaps to 2 / 3.5 / 5 %, US share, Olson–Zeckhauser test."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from europillar.cli.common import run_domain, scenario_option
from europillar.cli.compare_cmd import MEMBERSHIP_HELP, VINTAGE_HELP, year_span
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
    "% of GDP. Gap = max(0, target % × GDP − spending). 'definition': NATO's full (2 % "
    "series) or core (Hague 3.5 %, 2026 edition) definition; 'vintage': the edition.",
    View.gaps: "USD m, current prices; members without a gap figure are counted as missing.",
    View.us_share: "NATO definition named per year (full or core), USD m current.",
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
        vintage: str | None = typer.Option(
            None,
            "--vintage",
            help=VINTAGE_HELP + " Default: as-published (each year from that year's release).",
        ),
        membership: str | None = typer.Option(
            None, "--membership", help=MEMBERSHIP_HELP + " Default: as-of."
        ),
        fmt: Format = format_option(),
        output: Path | None = output_option(),
        excel: bool = excel_option(),
    ) -> None:
        """Burden sharing: NATO figures for Allies, SIPRI's for others (column 'basis').

        Each year reads NATO's release of that year unless --vintage names one edition.
        """
        if test is not None:
            if test.lower().replace("-", "") not in ("ozeckhauser", "olsonzeckhauser"):
                raise InputError(None, "test", test, "unknown test", allowed=["ozeckhauser"])
            show = View.ozeckhauser
        first_year, last_year = year_span(year, first, last)
        result = run_domain(
            "burden",
            scenario,
            bloc=bloc,
            first_year=first_year,
            last_year=last_year,
            vintage=vintage,
            membership=membership,
        )
        name = str(result.meta["bloc"])
        columns = None
        if show is View.members and fmt is Format.table:
            columns = [c for c in result.tables["members"].columns if c not in ("sources", "note")]
        emit_result(
            result,
            TABLES[show],
            fmt,
            title=TITLES[show].format(bloc=name),
            caption=CAPTIONS[show],
            columns=columns,
            extra={
                "bloc": name,
                "years": result.meta["years"],
                "view": show.value,
                "vintages": result.meta["vintages"],
                "nato_vintage_by_year": result.meta["nato_vintage_by_year"],
                "membership": result.meta["membership"],
            },
            output=output,
            excel=excel,
        )
