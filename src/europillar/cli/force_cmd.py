"""`europillar data coverage` and the resolved view of the holdings (`data show force/holdings`)."""

from __future__ import annotations

from typing import Annotated

import pandas as pd
import typer

from europillar.cli.output import Format, emit
from europillar.errors import InputError

FormatOption = Annotated[Format, typer.Option("--format", help="Output format.")]
TABLE_COLUMNS = [
    "category",
    "members_with_data",
    "members_total",
    "spending_share_pct",
    "members_partial",
    "spending_share_incl_partial_pct",
    "figure_years",
    "bloc_total",
    "unit",
]


def coverage_cmd(
    bloc: Annotated[str, typer.Option("--bloc", help="Bloc (EUROPEAN_NATO, EU27, …).")] = "EUROPEAN_NATO",
    category: Annotated[
        list[str] | None, typer.Option("--category", help="Keep these categories (repeatable).")
    ] = None,
    year: Annotated[int, typer.Option("--year", help="As-of year.")] = 2024,
    fmt: FormatOption = Format.table,
) -> None:
    """Data coverage: members with a holdings figure per category and their share of spending."""
    from europillar import data
    from europillar.force.coverage import THRESHOLD_PCT
    from europillar.force.inputs import coverage_table

    known = list(data.load("capability_taxonomy/taxonomy")["category"])
    unknown = [c for c in category or [] if c not in known]
    if unknown:
        raise InputError(None, "--category", unknown[0], "not a taxonomy category", allowed=known)
    table = coverage_table(data.load, bloc, year, category or None)
    reached = int((table["sufficient"]).sum())
    caption = (
        f"A member has data when a chosen total figure (cited, complete breakdown, explicit or "
        f"census zero) exists as of {year} (at most 8 years old). Below {THRESHOLD_PCT:.0f} % "
        f"of the bloc's military spending (SIPRI, current USD) totals are withheld. "
        f"{reached} of {len(table)} categories reach the threshold."
    )
    shown = table[TABLE_COLUMNS] if fmt is Format.table else table
    emit(shown, fmt, title=f"Data coverage: {bloc}, {year}", caption=caption)


def holdings_view(all_sources: bool) -> pd.DataFrame:
    """The resolved holdings: chosen figures, or every candidate with its rank and reason."""
    from europillar import data
    from europillar.force.matrix import ForceData, matrix

    resolved = matrix(ForceData.from_tables(data.load))
    columns = [
        "holder", "holder_type", "category", "year", "status", "scope", "quantity", "unit",
        "source_id", "tier", "estimate", "method", "platforms", "rank", "chosen", "why",
    ]
    if not all_sources:
        resolved = resolved[resolved["chosen"]]
        columns = [c for c in columns if c not in ("rank", "chosen", "why")]
    ordered = resolved.sort_values(["category", "holder", "year", "status", "rank"], kind="stable")
    return ordered[columns].reset_index(drop=True)


def register(data_app: typer.Typer) -> None:
    """Add the force-data commands to the `data` group."""
    data_app.command("coverage")(coverage_cmd)
