"""`europillar procure`: joint procurement plan vs every member buying alone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from europillar.cli.common import run_domain, scenario_option
from europillar.cli.output import (
    Format,
    emit,
    emit_result,
    excel_option,
    format_option,
    output_option,
)
from europillar.errors import InputError

PROGRAMME_COLUMNS = [
    "category",
    "candidate_id",
    "platform",
    "producer_iso3",
    "units",
    "avg_unit_cost",
    "cost",
    "deliverable_units",
]
PAYLOAD_TABLES = (
    "delivery",
    "plan",
    "programmes",
    "shares",
    "baseline",
    "savings_by_category",
    "savings_by_member",
    "sensitivity",
)
# The scenario behind `procure --targets FILE` without --scenario: orders placed in 2026,
# deliveries by 2035, central costs; the targets come from the file.
TARGETS_ONLY = {
    "name": "procure_targets",
    "title": "Member targets from a file",
    "base_year": 2025,
    "target_year": 2035,
    "requirements": {"preset": "none"},
}


def register(app: typer.Typer) -> None:
    _register_fragmentation(app)

    @app.command("procure")
    def procure(
        scenario: str = scenario_option(None),
        targets: str = typer.Option(
            None, "--targets", help="CSV of member targets: iso3,category,units."
        ),
        k: int = typer.Option(None, "--k", min=1, help="At most K platform types per category."),
        buy_european: float = typer.Option(
            None,
            "--buy-european",
            min=0,
            max=100,
            help="Minimum European-content share of plan value, %.",
        ),
        juste_retour: float = typer.Option(
            None,
            "--juste-retour",
            min=0,
            max=100,
            help="Work share within this many points of funding share.",
        ),
        start_year: int = typer.Option(None, "--start-year", help="Year orders are placed."),
        target_year: int = typer.Option(
            None, "--target-year", help="Deliveries complete by this year."
        ),
        cost_case: str = typer.Option(None, "--cost-case", help="low | central | high unit costs."),
        sensitivity: bool = typer.Option(
            False, "--sensitivity", help="Also vary K and juste retour."
        ),
        fmt: Format = format_option(),
        output: Path | None = output_option(),
        excel: bool = excel_option(),
    ) -> None:
        """Choose platforms and split orders to cover member targets at least cost."""
        from europillar.procurement.data import COST_CASES
        from europillar.procurement.targets import read_targets_csv

        if scenario is None and targets is None:
            raise InputError(
                None, "--scenario", None, "give --scenario NAME_OR_FILE or --targets FILE.csv"
            )
        if cost_case is not None and cost_case not in COST_CASES:
            raise InputError("--cost-case", "cost_case", cost_case, "unknown cost case", COST_CASES)
        chosen: Any = scenario
        if scenario is None:
            from europillar.scenario import scenario_from_dict

            chosen = scenario_from_dict(TARGETS_ONLY, file=targets)
        result = run_domain(
            "procurement",
            chosen,
            k_max=k,
            buy_european_pct=buy_european,
            juste_retour_pct=juste_retour,
            start_year=start_year,
            target_year=target_year,
            cost_case=cost_case,
            targets=read_targets_csv(targets) if targets is not None else None,
            sensitivity=sensitivity,
        )
        meta = result.meta
        if meta["status"] == "infeasible":
            raise InputError(
                targets or scenario, "procurement", _settings_text(meta), str(meta["explanation"])
            )
        money = str(meta["money_unit"])
        if fmt is Format.table:
            emit(
                result.tables["delivery"],
                fmt,
                title="Delivered vs target by category (first: what the lines can deliver)",
                caption=" ".join(result.notes),
            )
            emit(
                result.tables["programmes"][PROGRAMME_COLUMNS],
                fmt,
                title="Joint programmes",
                caption=f"{money}; targets: {meta['targets_origin']}",
                output=output,
                excel=excel,
            )
            emit(
                result.tables["savings_by_category"],
                fmt,
                title="Savings by category (joint vs national baseline)",
                caption=money,
                output=output,
                excel=excel,
            )
            emit_result(
                result,
                "members",
                fmt,
                "Plan by member and category",
                _summary(meta),
                output=output,
                excel=excel,
            )
            if sensitivity:
                emit(
                    result.tables["sensitivity"],
                    fmt,
                    title="Sensitivity to K and juste retour",
                    output=output,
                    excel=excel,
                )
            return
        solver = {
            "name": meta["solver"],
            "status": meta["status"],
            "mip_gap_pct": meta["mip_gap_pct"],
            "objective_piecewise": meta["objective_piecewise"],
        }
        extra = {
            "solver": solver,
            "settings": meta["settings"],
            "money_unit": money,
            "targets_origin": meta["targets_origin"],
            "joint_cost": meta["joint_cost"],
            "baseline_cost": meta["baseline_cost"],
            "savings": meta["savings"],
            "unmet_units": meta["unmet_units"],
        }
        if fmt is Format.json:
            from europillar.tabular import table_records

            for name in PAYLOAD_TABLES:
                if name in result.tables:
                    extra[name] = table_records(result.tables[name])
        emit_result(
            result,
            "members",
            fmt,
            "Plan by member and category",
            extra=extra,
            output=output,
            excel=excel,
        )


def _register_fragmentation(app: typer.Typer) -> None:
    @app.command("fragmentation")
    def fragmentation(
        bloc: str = typer.Option(
            "EUROPEAN_NATO", "--bloc", help="Bloc name or comma-separated ISO3 codes."
        ),
        versus: str = typer.Option("USA", "--vs", help="Bloc to compare with."),
        year: int = typer.Option(2025, "--year", help="Snapshot year."),
        level: str = typer.Option("type", "--level", help="Count by 'type' or 'variant'."),
        sipri: str = typer.Option(
            None, "--sipri", help="SIPRI trade-register CSV: use the import proxy."
        ),
        since: int = typer.Option(
            None, "--since", help="With --sipri: deals ordered from this year."
        ),
        published: bool = typer.Option(
            False, "--published", help="Show published type counts instead."
        ),
        orders: bool = typer.Option(
            False, "--include-orders", help="Count platforms on order too."
        ),
        trend_years: str = typer.Option(
            None, "--trend", help="Comma-separated years: bloc metrics per year."
        ),
        holdings: bool = typer.Option(
            False,
            "--holdings",
            help="Count fleets from the force holdings (platform rows, docs/force-data.md).",
        ),
        fmt: Format = format_option(),
        output: Path | None = output_option(),
        excel: bool = excel_option(),
    ) -> None:
        """Types, effective types, shared types and origin shares per category, bloc vs bloc."""
        from europillar.procurement import compare, load_table
        from europillar.procurement.fragmentation import resolve_members

        if published:
            emit(
                load_table("published_counts"),
                fmt,
                title="Published counts of weapon-system types",
                caption="Blank value: a published claim without a number. Sources: sources registry.",
                output=output,
                excel=excel,
            )
            return

        def members(text: str) -> list[str]:
            return resolve_members(text.split(",") if "," in text else text, year)

        if sipri is not None:
            from europillar.procurement.sipri_transfers import (
                as_inventory,
                designations_proxy,
                read_trade_register,
            )

            inventory = as_inventory(designations_proxy(read_trade_register(sipri), since=since))
            caption = "PROXY: SIPRI imports only, domestic production absent (sipri_at_2025)"
        elif holdings:
            from europillar import countries, dataset
            from europillar.force.matrix import ForceData, platform_fleets

            tables = dataset.load()
            european = set(countries.all_codes(tables)) - {"USA", "CAN", "RUS", "CHN"}
            inventory = platform_fleets(
                ForceData.from_tables(tables.table),
                tables.table("force/transfers_sipri"),
                load_table("in_service"),
                european,
            )
            caption = (
                "Fleets from the force holdings (platform rows; parts of fleets included, so "
                "a lower bound); origin from in_service.csv or the SIPRI supplier, else blank"
            )
        else:
            inventory = load_table("in_service")
            caption = "Cited in-service rows only (partial catalogue); sources: proc_* in the sources registry"
        status = ("in_service", "on_order") if orders else ("in_service",)
        if trend_years is not None:
            from europillar.procurement.fragmentation import trend

            try:
                years = [int(y) for y in trend_years.split(",")]
            except ValueError:
                raise InputError(
                    None, "--trend", trend_years, "must be comma-separated years"
                ) from None
            table = trend(inventory, members(bloc), bloc, years, level=level, status=status)
            emit(
                table.round(6),
                fmt,
                title=f"Fragmentation trend, {bloc}",
                caption=caption,
                output=output,
                excel=excel,
            )
            return
        table = compare(
            inventory,
            {bloc: members(bloc), versus: members(versus)},
            year,
            level=level,
            status=status,
        )
        emit(
            table.round(6),
            fmt,
            title=f"Fragmentation {bloc} vs {versus}, {year}",
            caption=caption,
            output=output,
            excel=excel,
        )


def _settings_text(meta: Any) -> str:
    settings = meta["settings"]
    return (
        f"k_max={settings['k_max']}, buy_european_pct={settings['buy_european_pct']}, "
        f"juste_retour_pct={settings['juste_retour_pct']}, target_year={settings['target_year']}"
    )


def _summary(meta: Any) -> str:
    return (
        f"status {meta['status']}; MIP gap {meta['mip_gap_pct']:.3g}%; "
        f"joint {meta['joint_cost']:,.0f} vs baseline {meta['baseline_cost']:,.0f} EUR m; "
        f"{_settings_text(meta)}"
    )
