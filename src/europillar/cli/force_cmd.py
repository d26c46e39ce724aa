"""`europillar data coverage` and the resolved view of the holdings (`data show force/holdings`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from europillar.cli.output import Format, emit
from europillar.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

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
    bloc: Annotated[
        str, typer.Option("--bloc", help="Bloc (EUROPEAN_NATO, EU27, …).")
    ] = "EUROPEAN_NATO",
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
        "holder",
        "holder_type",
        "category",
        "year",
        "status",
        "scope",
        "quantity",
        "unit",
        "source_id",
        "tier",
        "estimate",
        "method",
        "platforms",
        "rank",
        "chosen",
        "why",
    ]
    if not all_sources:
        resolved = resolved[resolved["chosen"]]
        columns = [c for c in columns if c not in ("rank", "chosen", "why")]
    ordered = resolved.sort_values(["category", "holder", "year", "status", "rank"], kind="stable")
    return ordered[columns].reset_index(drop=True)


def orders_cmd(
    iso3: Annotated[list[str] | None, typer.Option("--iso3", help="Keep these states.")] = None,
    category: Annotated[
        list[str] | None, typer.Option("--category", help="Keep these categories.")
    ] = None,
    by_year: Annotated[
        bool, typer.Option("--by-year", help="Sum units per state, category and delivery year.")
    ] = False,
    fmt: FormatOption = Format.table,
) -> None:
    """Orders pipeline: outstanding firm orders by state, category and expected delivery year."""
    from europillar import data
    from europillar.force.inputs import orders_pipeline

    table, duplicates = orders_pipeline(data.load)
    if iso3:
        table = table[table["iso3"].isin(iso3)]
    if category:
        table = table[table["category"].isin(category)]
    if by_year:
        table = table.groupby(["iso3", "category", "delivery_year"], as_index=False)[
            "quantity"
        ].sum()
    caption = (
        f"Merged from the SIPRI register, hand-checked orders and procurement/in_service.csv; "
        f"{len(duplicates)} duplicate rows dropped. Assumed delivery years say so in "
        "'delivery_basis'. SIPRI covers imports only."
    )
    emit(table.reset_index(drop=True), fmt, title="Orders pipeline", caption=caption)


def dependence_cmd(
    bloc: Annotated[str, typer.Option("--bloc", help="Bloc of recipients.")] = "EUROPEAN_NATO",
    first_year: Annotated[int, typer.Option("--from", help="First delivery year.")] = 2014,
    last_year: Annotated[int, typer.Option("--to", help="Last delivery year.")] = 2024,
    fmt: FormatOption = Format.table,
) -> None:
    """Import dependence: the US share of each category's imported deliveries (SIPRI register)."""
    from europillar import data
    from europillar.force.inputs import dependence_table

    table = dependence_table(data.load, bloc, first_year, last_year)
    caption = (
        "Units delivered in the window (a deal's units spread evenly over its delivery years). "
        "Imports only: domestic production is not in the register. Source: sipri_at_2025."
    )
    emit(table, fmt, title=f"Import dependence on the US: {bloc}", caption=caption)


def register(data_app: typer.Typer) -> None:
    """Add the force-data commands to the `data` group."""
    data_app.command("coverage")(coverage_cmd)
    data_app.command("orders")(orders_cmd)
    data_app.command("dependence")(dependence_cmd)
