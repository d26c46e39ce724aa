"""`europillar country ISO3`: one state's profile (spending against the targets, personnel,
holdings with sources and coverage, orders, threat priorities, votes, fair share)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from europillar.cli.common import run_domain, scenario_option
from europillar.cli.output import (
    Format,
    emit,
    emit_payload,
    emit_result,
    excel_option,
    format_option,
    output_option,
)


class View(StrEnum):
    all = "all"
    summary = "summary"
    spending = "spending"
    targets = "targets"
    personnel = "personnel"
    holdings = "holdings"
    orders = "orders"
    threats = "threats"
    voting = "voting"
    contribution = "contribution"


SCREEN_ORDER = ("summary", "targets", "holdings", "orders", "threats", "voting", "contribution")


def register(app: typer.Typer) -> None:
    @app.command("country")
    def country_command(
        iso3: str = typer.Argument(..., help="ISO3 code of the country, e.g. POL."),
        scenario: str = scenario_option(),
        view: View = typer.Option(
            View.all, "--view", help="One table, or all (CSV: one table, default summary)."
        ),
        fmt: Format = format_option(),
        output: Path | None = output_option(),
        excel: bool = excel_option(),
    ) -> None:
        """A country's profile: spending and % of GDP against the targets, personnel,
        holdings by category with sources, orders, threats, voting power, fair share."""
        from europillar.profile import SHOWN_COLUMNS

        result = run_domain("profile", scenario, iso3=iso3)
        name = result.meta["name"]
        if fmt is Format.json and view is View.all:
            emit_payload({"country": result.meta["iso3"], **result.to_payload()}, output)
            return
        if fmt is Format.table and view is View.all and output is None:
            shown = [t for t in SCREEN_ORDER if not result.tables[t].empty]
            for table in shown:
                frame = result.tables[table]
                columns = [c for c in SHOWN_COLUMNS.get(table, list(frame.columns)) if c in frame]
                if table != shown[-1]:
                    emit(frame[columns], fmt, title=f"{name}: {table}")
                    continue
                # the last table carries the notes and sources of the whole profile
                emit_result(result, table, fmt, title=f"{name}: {table}", columns=columns)
            return
        table = "summary" if view is View.all else view.value
        emit_result(
            result,
            table,
            fmt,
            title=f"{name}: {table}",
            columns=[c for c in SHOWN_COLUMNS.get(table, []) if c in result.tables[table]] or None,
            extra={"country": result.meta["iso3"], "view": table},
            output=output,
            excel=excel,
        )
