"""Report section: resilience of a centralised and a distributed command structure."""

from __future__ import annotations

from html import escape

from europillar.command import CommandResult
from europillar.plots.command import resilience_chart
from europillar.report.section import ReportContext, Section
from europillar.report.tables import chart_figure, frame_table, reproduce, source_line
from europillar.result import Result


def render(result: Result, ctx: ReportContext) -> Section:
    """Worst-case and random commanded share after losing 1..k headquarters."""
    assert isinstance(result, CommandResult)
    table = result.resilience
    sources = list(result.sources)
    seed = result.meta["seed"]
    html = (
        "<p>The centralised structure follows NATO's current chain (SACEUR, SHAPE, the three "
        "Joint Force Commands, JSEC and the air, land and maritime commands); the distributed "
        "one lets the EU's Political and Security Committee direct the MPCC and five national "
        "operation headquarters (Mont-Valérien, Ulm, Rome, Rota, Larissa). Nodes and links are "
        "cited; the twelve force packages and which headquarters commands them are scenario "
        "assumptions with equal weights. A force is commanded while a path leads to it from "
        "the decision node avoiding the lost headquarters.</p>"
    )
    html += frame_table(
        table[
            [
                "structure",
                "hq_lost",
                "worst_case_commanded_pct",
                "worst_case_lost",
                "random_mean_commanded_pct",
                "mean_hops",
                "single_points_of_failure",
            ]
        ],
        "Forces still commanded (percent) after losing headquarters",
    )
    html += source_line(sources)
    html += chart_figure(resilience_chart(table, seed, sources))
    assignment = result.tables.get("assignment")
    names = [] if assignment is None else list(dict.fromkeys(assignment["structure"]))
    for name in names:
        assert assignment is not None
        rows = assignment[assignment["structure"] == name]
        html += (
            f"<p>Re-assigning the {escape(name)} structure's packages to balance the "
            "headquarters (a min-max MIP solved with HiGHS) raises the worst single-loss "
            f"share to {rows['optimal_worst_single_loss_commanded_pct'].iloc[0]:.1f} %, "
            f"moving {int(rows['moved'].iloc[0])} of {len(rows)} packages away from their "
            "framework nation's headquarters (the fewest moves among optimal assignments).</p>"
        )
    html += reproduce(ctx, "command")
    return Section("command", "Distributed command", html, sources)
