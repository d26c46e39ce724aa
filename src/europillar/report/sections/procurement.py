"""Report section: fragmentation Europe vs US, and what joint buying would save."""

from __future__ import annotations

import html

import pandas as pd

from europillar.plots.procurement import counts_chart, savings_chart
from europillar.procurement import ProcurementResult
from europillar.report.section import ReportContext, Section
from europillar.report.tables import chart_figure, frame_table, reproduce, screen_only
from europillar.result import Result
from europillar.units import EUR_M_CURRENT_MIXED

MONEY = EUR_M_CURRENT_MIXED


def render(result: Result, ctx: ReportContext) -> Section:
    """Fragmentation and the scenario's joint-procurement plan (procurement result);
    the published counts and savings claims come from the dataset as they are."""
    assert isinstance(result, ProcurementResult)
    from europillar.procurement import load_table

    counts = load_table("published_counts", ctx.dataset)
    savings = load_table("published_savings", ctx.dataset)
    scenario = ctx.scenario
    parts = [
        "<h3>How many types? Published counts disagree</h3>",
        chart_figure(counts_chart(counts)),
        _counts_table(counts),
    ]
    metrics = result.tables["fragmentation"]
    shown = metrics[
        [
            "bloc",
            "category",
            "n_types",
            "effective_types",
            "interoperable_share_pct",
            "origin_european_pct",
            "origin_us_pct",
            "origin_other_pct",
            "quantity_coverage_pct",
        ]
    ]
    parts += [
        f"<h3>Fragmentation in the cited in-service catalogue, {scenario.base_year}</h3>",
        (
            "<p>The scenario's members against the United States. Only fleets with a citable "
            "figure are counted; the catalogue is partial, so these numbers describe the "
            "cited rows, not all of Europe.</p>"
        ),
        screen_only(_table(shown, "Fragmentation per category")),
    ]
    settings = result.meta["settings"]
    parts.append(f"<h3>Joint procurement: scenario <code>{html.escape(scenario.name)}</code></h3>")
    parts.append(
        f"<p>Targets: {html.escape(str(result.meta['targets_origin']))}. Orders from "
        f"{settings['start_year']}, deliveries by {settings['target_year']}; "
        f"{html.escape(_settings(settings))}. Unit costs and learning: see candidate "
        f"sources; a 90% learning rate is a labelled literature assumption. {MONEY}.</p>"
    )
    if result.feasible:
        parts += [
            f"<p>Solver status {html.escape(result.status)}, MIP gap "
            f"{result.meta['mip_gap_pct']:.2g}%.</p>",
            _saving_text(result.tables["savings_by_category"]),
            chart_figure(
                savings_chart(result.tables["savings_by_category"], MONEY, list(result.sources))
            ),
            _table(
                result.programmes[
                    ["category", "platform", "producer_iso3", "units", "avg_unit_cost", "cost"]
                ]
            ),
        ]
    else:
        parts.append(
            "<p><strong>No joint plan meets every target by the target year:</strong> "
            f"{html.escape(result.explanation)}.</p>"
        )
    parts += [
        "<h3>Published estimates of the cost of fragmentation</h3>",
        _table(savings.drop(columns=["claim_id"])),
    ]
    ids = sorted(set(result.sources) | set(counts["source_id"]) | set(savings["source_id"]))
    parts.append(f'<p class="source">Source: {html.escape(", ".join(ids))} (sources registry).</p>')
    parts.append(reproduce(ctx, "procurement"))
    return Section("procurement", "Fragmentation and joint procurement", "\n".join(parts), ids)


def _saving_text(by_category: pd.DataFrame) -> str:
    base = float(by_category["baseline_cost"].sum())
    saved = float(by_category["savings"].sum())
    share = 100 * saved / base if base else float("nan")
    return (
        f"<p>Every member buying alone: {base:,.0f}; the joint plan saves {saved:,.0f} "
        f"({share:.1f} %) ({html.escape(MONEY)}).</p>"
    )


def _settings(settings: dict[str, object]) -> str:
    rules = []
    if settings.get("k_max") is not None:
        rules.append(f"at most {settings['k_max']} types per category")
    if settings.get("buy_european_pct") is not None:
        rules.append(f"at least {settings['buy_european_pct']} % European content")
    if settings.get("juste_retour_pct") is not None:
        rules.append(f"juste retour within {settings['juste_retour_pct']} points")
    return ", ".join(rules) or "no limit on types, no buy-European or juste-retour rule"


def _table(frame: pd.DataFrame, caption: str = "") -> str:
    return frame_table(frame, caption)


def _counts_table(counts: pd.DataFrame) -> str:
    cols = [
        "claimant",
        "year_published",
        "category",
        "counting_level",
        "europe_value",
        "us_value",
        "note",
    ]
    return _table(counts[counts["counting_level"] != "units"][cols])
