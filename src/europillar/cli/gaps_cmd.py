"""`europillar gaps`: capability gaps, costs to close and fair shares for a scenario."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer

from europillar.cli.common import run_domain, scenario_option
from europillar.cli.output import Format, emit_result, excel_option, format_option, output_option
from europillar.scenario.vocabulary import FAIR_SHARE_KEYS


class View(StrEnum):
    categories = "categories"
    costs = "costs"
    members = "members"
    units = "units"
    budget = "budget"
    lifecycle = "lifecycle"


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
        "coverage",
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
        "coverage",
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
    View.lifecycle: "lifecycle",
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
            View.categories,
            "--view",
            help="categories, costs, members, units, budget (life-cycle totals first) or lifecycle.",
        ),
        fmt: Format = format_option(),
        output: Path | None = output_option(),
        excel: bool = excel_option(),
    ) -> None:
        """Capability gap per category, cost to close it, and each member's fair share."""
        from europillar.errors import InputError

        if scenario is None:
            raise InputError(None, "--scenario", None, "give --scenario NAME_OR_FILE")
        if key is not None and key not in FAIR_SHARE_KEYS:
            raise InputError(None, "--key", key, "unknown fair-share key", FAIR_SHARE_KEYS)
        result = run_domain("capability", scenario, key=key)
        meta = result.meta
        extra = {
            "scenario": meta["scenario"],
            "key": meta["key"],
            "bound": meta["bound"],
            "view": view.value,
            "members": meta["members"],
        }
        if view is View.budget and fmt is not Format.table:
            _emit_budget(result, fmt, extra, output)
            return
        frame = None
        if view is View.budget:
            from europillar.capability.report import headline_lines

            frame = headline_lines(result)  # type: ignore[arg-type]
        emit_result(
            result,
            TABLES[view],
            fmt,
            title=f"Capability gaps: {meta['scenario']} ({view.value})",
            caption=_caption(result, view, list(result.missing)),
            columns=TABLE_COLUMNS.get(view),
            extra=extra,
            output=output,
            frame=frame,
            excel=excel,
        )


def _emit_budget(result: Any, fmt: Format, extra: dict[str, Any], output: Path | None) -> None:
    """JSON: one record list, the summary record first, each record with only its own
    fields (docs/costs.md); CSV: the same records in one table."""
    import json

    import pandas as pd

    from europillar.atomic import write_text
    from europillar.capability.report import budget_parts
    from europillar.cli.output import emit, frame_to_records

    parts = budget_parts(result)
    if fmt is Format.csv:
        emit(pd.concat(parts, ignore_index=True, sort=False), fmt, output=output)
        return
    payload = {
        **extra,
        "table": "budget",
        "meta": dict(result.meta),
        "sources": list(result.sources),
        "notes": list(result.notes),
        "missing": list(result.missing),
        "summary": result.lifecycle_summary,
        "rows": [r for part in parts for r in frame_to_records(part)],
    }
    text = json.dumps(payload, indent=2, ensure_ascii=False, default=str) + "\n"
    if output is None:
        typer.echo(text, nl=False)
    else:
        write_text(output, text)
        typer.echo(f"wrote {output}", err=True)


def _caption(result: Any, view: View, missing: list[str]) -> str:
    meta: Mapping[str, Any] = result.meta
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
    elif view in (View.budget, View.lifecycle):
        summary = result.lifecycle_summary
        parts.append(f"Money in {summary['unit']}.")
        open_share = [*summary["no_cost_data"], *summary["gap_missing"]]
        if open_share:
            parts.append("Left open (no cost data or no gap): " + ", ".join(open_share) + ".")
    elif view is View.members:
        parts.append(
            f"Key {meta['key']}; annual cost share in USD m per year; milex USD m current (SIPRI)."
        )
    return " ".join(parts)
