"""`europillar gaps`: capability gaps, costs to close and fair shares for a scenario."""

from __future__ import annotations

import contextlib
import io
from enum import StrEnum
from pathlib import Path

import typer

from europillar.atomic import write_text
from europillar.cli.output import Format, emit


class View(StrEnum):
    categories = "categories"
    costs = "costs"
    members = "members"
    units = "units"
    budget = "budget"


TABLE_COLUMNS = {
    View.categories: [
        "category",
        "unit",
        "requirement",
        "european_inventory",
        "european_available",
        "us_contribution_full",
        "us_available",
        "gap",
        "coverage_ratio",
        "data_status",
    ],
    View.costs: [
        "category",
        "units_to_buy",
        "money_unit",
        "total_low",
        "total_central",
        "total_high",
        "annual_central",
        "cost_status",
    ],
    View.members: [
        "iso3",
        "key_value",
        "share_pct",
        "annual_cost_share",
        "milex_usd_m",
        "cost_share_of_milex_pct",
        "milex_share_gdp_pct",
        "target_share_gdp_pct",
    ],
}


def register(app: typer.Typer) -> None:
    @app.command("gaps")
    def gaps_command(
        scenario: str = typer.Option(..., "--scenario", help="Preset name or scenario file."),
        key: str | None = typer.Option(
            None,
            "--key",
            help="Fair-share key: gdp, gni, population, nato_common_funding, ability_to_pay.",
        ),
        view: View = typer.Option(
            View.categories, "--view", help="categories, costs, members, units or budget."
        ),
        fmt: Format = typer.Option(Format.table, "--format", help="table, csv or json."),
        output: Path | None = typer.Option(
            None, "--output", help="Write to this file instead of the screen."
        ),
    ) -> None:
        """Capability gap per category, cost to close it, and each member's fair share."""
        from europillar.capability import compute_gaps
        from europillar.errors import InputError
        from europillar.scenario.loader import load_scenario
        from europillar.scenario.vocabulary import FAIR_SHARE_KEYS

        loaded = load_scenario(scenario)
        if key is not None and key not in FAIR_SHARE_KEYS:
            raise InputError(None, "--key", key, "unknown fair-share key", FAIR_SHARE_KEYS)
        result = compute_gaps(loaded, key=key)
        frame = {
            View.categories: result.by_category,
            View.costs: result.costs,
            View.members: result.apportionment,
            View.units: result.apportioned_units,
            View.budget: result.budget,
        }[view]
        if fmt is Format.table and view in TABLE_COLUMNS:
            frame = frame[TABLE_COLUMNS[view]]
        caption = _caption(result, view)
        extra = {
            "scenario": result.scenario,
            "key": result.key,
            "bound": result.bound,
            "view": view.value,
            "members": result.members,
            "missing_categories": result.missing_categories,
            "notes": result.notes,
            "sources": result.source_ids,
        }
        title = f"Capability gaps: {loaded.title} ({view.value})"
        if output is None:
            emit(frame, fmt, title=title, caption=caption, json_extra=extra)
            return
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            emit(frame, fmt, title=title, caption=caption, json_extra=extra)
        write_text(output, buffer.getvalue())
        typer.echo(f"wrote {output}", err=True)


def _caption(result: object, view: View) -> str:
    from europillar.capability import GapResult

    assert isinstance(result, GapResult)
    parts = []
    if view is View.categories:
        parts.append(
            "gap = requirement - European available - US available; negative = "
            "surplus; units per category."
        )
        if result.missing_categories:
            parts.append("Missing data: " + ", ".join(result.missing_categories) + ".")
    elif view is View.costs:
        parts.append(
            f"Money as in money_unit (cited price years, not deflated); bound {result.bound}."
        )
    elif view is View.members:
        parts.append(
            f"Key {result.key}; annual cost share in USD m per year; milex USD m current (SIPRI)."
        )
    parts.append("Sources: " + ", ".join(result.source_ids) + ".")
    return " ".join(parts)
