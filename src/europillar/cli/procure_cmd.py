"""`europillar procure`: joint procurement plan vs every member buying alone."""

from __future__ import annotations

from typing import Any

import pandas as pd
import typer

from europillar.cli.output import Format, emit
from europillar.errors import InputError

FORMAT_OPTION = typer.Option(Format.table, "--format", help="table | csv | json")


def register(app: typer.Typer) -> None:
    _register_fragmentation(app)

    @app.command("procure")
    def procure(
        scenario: str = typer.Option(None, "--scenario", help="Preset name or scenario TOML file."),
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
        fmt: Format = FORMAT_OPTION,
    ) -> None:
        """Choose platforms and split orders to cover member targets at least cost."""
        from europillar.procurement import candidate_table, load_table
        from europillar.procurement.problem import ProcurementProblem
        from europillar.procurement.savings import explain_infeasible, joint_vs_baseline
        from europillar.procurement.savings import sensitivity as run_sensitivity
        from europillar.procurement.targets import read_targets_csv, scenario_targets

        if scenario is None and targets is None:
            raise InputError(
                None, "--scenario", None, "give --scenario NAME_OR_FILE or --targets FILE.csv"
            )
        settings: Any = None
        where = targets or scenario
        defaults: dict[str, Any] = {"start_year": 2026, "target_year": 2035, "cost_case": "central"}
        if scenario is not None:
            from europillar.scenario import load_scenario

            loaded = load_scenario(scenario)
            settings = loaded.procurement
            defaults = {
                "start_year": loaded.base_year + 1,
                "target_year": loaded.target,
                "cost_case": loaded.costs.bound,
            }
        if targets is not None:
            target_frame, origin = read_targets_csv(targets), f"file {targets}"
        else:
            target_frame, origin = scenario_targets(loaded, load_table("in_service"))

        def pick(cli: Any, field: str) -> Any:
            if cli is not None:
                return cli
            value = getattr(settings, field, None) if settings is not None else None
            return value if value is not None else defaults.get(field)

        case = pick(cost_case, "cost_case")
        candidates = candidate_table(case)
        allowed = getattr(settings, "candidates", None) if settings is not None else None
        if allowed:
            unknown = sorted(set(allowed) - set(candidates["candidate_id"]))
            if unknown:
                raise InputError(
                    where,
                    "procurement.candidates",
                    unknown[0],
                    "unknown candidate id",
                    sorted(candidates["candidate_id"]),
                )
            candidates = candidates[candidates["candidate_id"].isin(allowed)]
        uncovered: list[str] = []
        if targets is None and not (settings is not None and settings.targets):
            # gap-derived targets span every category; buy only where candidates are shipped
            uncovered = sorted(set(target_frame["category"]) - set(candidates["category"]))
            target_frame = target_frame[~target_frame["category"].isin(uncovered)]
            if uncovered:
                origin += (
                    f"; categories without candidate platforms left out: {', '.join(uncovered)}"
                )
        problem = ProcurementProblem(
            targets=target_frame,
            candidates=candidates,
            k_max=pick(k, "k_max"),
            buy_european_pct=pick(buy_european, "buy_european_pct"),
            juste_retour_pct=pick(juste_retour, "juste_retour_pct"),
            start_year=pick(start_year, "start_year"),
            target_year=pick(target_year, "target_year"),
            time_limit_s=getattr(settings, "time_limit_s", 60.0) if settings is not None else 60.0,
        )
        if problem.target_year < problem.start_year:
            raise InputError(where, "target_year", problem.target_year, "is before the start year")
        result = joint_vs_baseline(problem)
        if result.plan.status == "infeasible":
            raise InputError(
                where, "procurement", _settings_text(problem), explain_infeasible(problem)
            )
        rows = member_rows(result)
        money = "EUR m, current prices (mixed contract years, not deflated)"
        if fmt is Format.table:
            emit(
                result.plan.programmes[
                    [
                        "category",
                        "candidate_id",
                        "platform",
                        "producer_iso3",
                        "units",
                        "avg_unit_cost",
                        "cost",
                        "deliverable_units",
                    ]
                ],
                fmt,
                title="Joint programmes",
                caption=f"{money}; targets: {origin}",
            )
            emit(
                result.savings_by_category,
                fmt,
                title="Savings by category (joint vs national baseline)",
                caption=money,
            )
            emit(rows, fmt, title="Plan by member and category", caption=_summary(result, problem))
        elif fmt is Format.csv:
            emit(rows, fmt)
        else:
            extra = _json_payload(result, problem, origin, money, case)
            if sensitivity:
                extra["sensitivity"] = _records(run_sensitivity(problem))
            emit(rows, fmt, json_extra=extra)
        if sensitivity and fmt is Format.table:
            emit(run_sensitivity(problem), fmt, title="Sensitivity to K and juste retour")


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
        fmt: Format = FORMAT_OPTION,
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
            caption = "PROXY: SIPRI imports only, domestic production absent (proc_sipri_at_2025)"
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
            emit(table.round(6), fmt, title=f"Fragmentation trend, {bloc}", caption=caption)
            return
        table = compare(
            inventory,
            {bloc: members(bloc), versus: members(versus)},
            year,
            level=level,
            status=status,
        )
        emit(
            table.round(6), fmt, title=f"Fragmentation {bloc} vs {versus}, {year}", caption=caption
        )


def member_rows(result: Any) -> pd.DataFrame:
    """One row per member and category: joint purchase, national baseline, savings."""
    plan, base = result.plan.plan, result.baseline
    joint = (
        plan.groupby(["iso3", "category"])
        .agg(
            joint_platforms=("candidate_id", lambda s: ";".join(sorted(s))),
            joint_cost=("cost", "sum"),
        )
        .reset_index()
    )
    out = base.rename(columns={"candidate_id": "baseline_candidate_id", "cost": "baseline_cost"})
    out = out.merge(joint, on=["iso3", "category"], how="left")
    out["savings"] = out["baseline_cost"] - out["joint_cost"]
    out["savings_pct"] = 100.0 * out["savings"] / out["baseline_cost"]
    columns = [
        "iso3",
        "category",
        "units",
        "joint_platforms",
        "joint_cost",
        "baseline_candidate_id",
        "baseline_cost",
        "savings",
        "savings_pct",
    ]
    return out[columns].sort_values(["category", "iso3"]).reset_index(drop=True).round(6)


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    from europillar.cli.output import frame_to_records

    return frame_to_records(frame.round(6)) if len(frame) else []


def _settings_text(problem: Any) -> str:
    return (
        f"k_max={problem.k_max}, buy_european_pct={problem.buy_european_pct}, "
        f"juste_retour_pct={problem.juste_retour_pct}, target_year={problem.target_year}"
    )


def _summary(result: Any, problem: Any) -> str:
    plan = result.plan
    base = result.baseline["cost"].sum()
    return (
        f"status {plan.status}; MIP gap {plan.mip_gap_pct:.3g}%; solve {plan.solve_time_s:.2f} s; "
        f"joint {plan.cost:,.0f} vs baseline {base:,.0f} EUR m; {_settings_text(problem)}"
    )


def _json_payload(result: Any, problem: Any, origin: str, money: str, case: str) -> dict[str, Any]:
    plan = result.plan
    base_total = float(result.baseline["cost"].sum())
    return {
        "solver": {
            "name": "HiGHS",
            "status": plan.status,
            "mip_gap_pct": plan.mip_gap_pct,
            "objective_piecewise": plan.objective,
            "solve_time_s": plan.solve_time_s,
        },
        "settings": {
            "k_max": problem.k_max,
            "buy_european_pct": problem.buy_european_pct,
            "juste_retour_pct": problem.juste_retour_pct,
            "start_year": problem.start_year,
            "target_year": problem.target_year,
            "cost_case": case,
        },
        "money_unit": money,
        "targets_origin": origin,
        "joint_cost": plan.cost,
        "baseline_cost": base_total,
        "savings": base_total - plan.cost,
        "plan": _records(plan.plan),
        "programmes": _records(plan.programmes),
        "shares": _records(plan.shares),
        "baseline": _records(result.baseline),
        "savings_by_category": _records(result.savings_by_category),
        "savings_by_member": _records(result.savings_by_member),
    }
