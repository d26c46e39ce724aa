"""`europillar gaps`: capability gaps, costs to close and fair shares for a scenario."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer

from europillar.cli.common import run_domain, scenario_option
from europillar.cli.output import Format, emit_result
from europillar.scenario.vocabulary import FAIR_SHARE_KEYS


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


TABLES = {
    View.categories: "by_category",
    View.costs: "costs",
    View.members: "apportionment",
    View.units: "apportioned_units",
    View.budget: "budget",
}


def register(app: typer.Typer) -> None:
    @app.command("gaps")
    def gaps_command(
        scenario: str = scenario_option(None),
        key: str | None = typer.Option(
            None,
            "--key",
            help="Fair-share key: " + ", ".join(FAIR_SHARE_KEYS) + ".",
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
        from europillar.errors import InputError

        if scenario is None:
            raise InputError(None, "--scenario", None, "give --scenario NAME_OR_FILE")
        if key is not None and key not in FAIR_SHARE_KEYS:
            raise InputError(None, "--key", key, "unknown fair-share key", FAIR_SHARE_KEYS)
        result = run_domain("capability", scenario, key=key)
        meta = result.meta
        emit_result(
            result,
            TABLES[view],
            fmt,
            title=f"Capability gaps: {meta['scenario']} ({view.value})",
            caption=_caption(meta, view, list(result.missing)),
            columns=TABLE_COLUMNS.get(view),
            extra={
                "scenario": meta["scenario"],
                "key": meta["key"],
                "bound": meta["bound"],
                "view": view.value,
                "members": meta["members"],
            },
            output=output,
        )


def _caption(meta: Mapping[str, Any], view: View, missing: list[str]) -> str:
    parts = []
    if view is View.categories:
        parts.append(
            "gap = requirement - European available - US available; negative = "
            "surplus; units per category."
        )
        if missing:
            parts.append("Missing data: " + ", ".join(missing) + ".")
    elif view is View.costs:
        parts.append(
            f"Money as in money_unit (cited price years, not deflated); bound {meta['bound']}."
        )
    elif view is View.members:
        parts.append(
            f"Key {meta['key']}; annual cost share in USD m per year; milex USD m current (SIPRI)."
        )
    return " ".join(parts)
