"""Report section: fragmentation Europe vs US, and what joint buying would save."""

from __future__ import annotations

import html

import matplotlib.pyplot as plt
import pandas as pd

from europillar.report.figures import svg
from europillar.report.sections import Section

MONEY = "EUR m, current prices (mixed contract years, not deflated)"


def build(year: int) -> Section | None:
    from europillar.procurement import (
        candidate_table,
        explain_infeasible,
        joint_vs_baseline,
        load_table,
        replacement_targets,
    )
    from europillar.procurement.fragmentation import compare
    from europillar.procurement.problem import ProcurementProblem

    counts = load_table("published_counts")
    inventory = load_table("in_service")
    europe = sorted(set(inventory["iso3"]) - {"USA"})
    parts = [
        "<h3>How many types? Published counts disagree</h3>",
        _counts_figure(counts),
        _counts_table(counts),
    ]
    metrics = compare(
        inventory, {"Europe (cited rows)": europe, "United States (cited rows)": ["USA"]}, year
    )
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
        "<h3>Fragmentation in the cited in-service catalogue</h3>",
        (
            "<p>Only fleets with a citable figure are counted; the catalogue is partial, so these "
            "numbers describe the cited rows, not all of Europe.</p>"
        ),
        _table(shown),
    ]
    source_ids = set(counts["source_id"]) | set(inventory["source_id"])

    candidates = candidate_table("central")
    targets = replacement_targets(inventory, europe, year, sorted(set(candidates["category"])))
    if len(targets):
        result, horizon, note = None, 0, ""
        for horizon in (10, 15, 20, 25):
            problem = ProcurementProblem(
                targets, candidates, k_max=2, start_year=year + 1, target_year=year + horizon
            )
            result = joint_vs_baseline(problem)
            if result.plan.status != "infeasible":
                break
            if not note:
                note = (
                    f"<p>Deliveries within {horizon} years: "
                    f"{html.escape(explain_infeasible(problem))}.</p>"
                )
        if result is not None and result.plan.status != "infeasible":
            parts += [
                "<h3>Joint procurement: replacing today's cited fleets together</h3>",
                note,
                (
                    f"<p>Targets: one-for-one replacement of the cited {year} fleets "
                    f"({int(targets['units'].sum())} units); at most 2 types per category; deliveries by "
                    f"{year + horizon}. Solver status {html.escape(result.plan.status)}, MIP gap "
                    f"{result.plan.mip_gap_pct:.2g}%. Unit costs and learning: see candidate sources; "
                    f"a 90% learning rate is a labelled literature assumption. {MONEY}.</p>"
                ),
                _waterfall(result.savings_by_category),
                _table(
                    result.plan.programmes[
                        ["category", "platform", "producer_iso3", "units", "avg_unit_cost", "cost"]
                    ]
                ),
            ]
            params = load_table("candidate_parameters")
            used = set(result.plan.programmes["candidate_id"])
            source_ids |= set(params[params["candidate_id"].isin(used)]["source_id"])
    savings = load_table("published_savings")
    parts += [
        "<h3>Published estimates of the cost of fragmentation</h3>",
        _table(savings.drop(columns=["claim_id"])),
    ]
    source_ids |= set(savings["source_id"])
    ids = sorted(source_ids)
    parts.append(f'<p class="source">Source: {html.escape(", ".join(ids))} (sources registry).</p>')
    return Section("procurement", "Fragmentation and joint procurement", "\n".join(parts), ids)


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
