"""Report section: fragmentation Europe vs US, and what joint buying would save."""

from __future__ import annotations

import html

import matplotlib.pyplot as plt
import pandas as pd

from europillar.plots.svg import svg
from europillar.procurement import ProcurementResult
from europillar.report.section import ReportContext, Section
from europillar.report.tables import reproduce
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
        _counts_figure(counts),
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
        _table(shown),
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
            _waterfall(result.tables["savings_by_category"]),
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


def _settings(settings: dict[str, object]) -> str:
    rules = []
    if settings.get("k_max") is not None:
        rules.append(f"at most {settings['k_max']} types per category")
    if settings.get("buy_european_pct") is not None:
        rules.append(f"at least {settings['buy_european_pct']} % European content")
    if settings.get("juste_retour_pct") is not None:
        rules.append(f"juste retour within {settings['juste_retour_pct']} points")
    return ", ".join(rules) or "no limit on types, no buy-European or juste-retour rule"


def _table(frame: pd.DataFrame) -> str:
    return frame.to_html(index=False, float_format=lambda v: f"{v:,.1f}", na_rep="–", border=0)


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


def _counts_figure(counts: pd.DataFrame) -> str:
    rows = counts[counts["claim_id"].str.startswith("ec2017")].set_index("category")
    labels = list(rows.index)
    fig, ax = plt.subplots(figsize=(6.5, 3.0))
    x = range(len(labels))
    ax.bar([i - 0.2 for i in x], rows["europe_value"], width=0.4, label="Europe (EU)")
    ax.bar([i + 0.2 for i in x], rows["us_value"], width=0.4, label="United States")
    ax.set_xticks(list(x), labels)
    ax.set_ylabel("weapon system types")
    ax.legend(frameon=False)
    ax.set_title("European Commission 2017 headline counts (disputed)")
    fig.text(
        0.01,
        -0.04,
        "Source: proc_statista_ec2017 (Commission factsheet 2017 via Statista).",
        fontsize=8,
    )
    return svg(
        fig, "Bar chart: types of weapon system in the EU and the US, Commission 2017 counts"
    )


def _waterfall(by_category: pd.DataFrame) -> str:
    base = float(by_category["baseline_cost"].sum())
    fig, ax = plt.subplots(figsize=(6.5, 3.0))
    ax.bar(0, base, color="grey")
    level = base
    names = ["national baseline"]
    for i, r in enumerate(by_category.itertuples(), start=1):
        ax.bar(i, -r.savings, bottom=level, color="tab:green")
        level -= r.savings
        names.append(f"− {r.category}")
    ax.bar(len(names), level, color="tab:blue")
    names.append("joint plan")
    ax.set_ylim(0.9 * min(level, base), 1.02 * base)  # truncated: the savings are the point
    ax.text(
        0.99,
        0.97,
        f"saving {base - level:,.0f} ({100 * (base - level) / base:.1f}%)\naxis truncated",
        transform=ax.transAxes,
        ha="right",
        va="top",
        fontsize=8,
    )
    ax.set_xticks(range(len(names)), names, rotation=30, ha="right")
    ax.set_ylabel(MONEY.split(",")[0])
    ax.set_title("Savings of joint buying over each member buying alone")
    fig.text(
        0.01,
        -0.25,
        "Source: europillar optimiser on cited candidate costs (see sources).",
        fontsize=8,
    )
    return svg(fig, "Waterfall: national baseline cost, savings by category, joint plan cost")
