"""Report section: resilience of a centralised and a distributed command structure."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from europillar.command import load_nodes, optimise_assignment, resilience_table
from europillar.command.structure import SHIPPED, shipped_structure
from europillar.report.figures import svg
from europillar.report.sections import Section
from europillar.report.tables import figure, html_table

K_MAX = 2


def build(year: int) -> Section | None:
    """Worst-case and random commanded share after losing 1..K_MAX headquarters."""
    structures = [shipped_structure(name) for name in SHIPPED]
    table = resilience_table(structures, K_MAX, samples=200, seed=0)
    sources = sorted(
        set(load_nodes()["source_id"])
        | {"cmd_def_europillar"}
        | {"cmd_afcea_jsec", "cmd_wiki_mpcc"}
    )
    fig, ax = plt.subplots(figsize=(6.5, 3.0))
    x = np.arange(len(table))
    ax.bar(
        x - 0.2,
        table["worst_case_commanded_pct"],
        0.4,
        color="#0072B2",
        label="worst case (exhaustive)",
    )
    ax.bar(
        x + 0.2,
        table["random_mean_commanded_pct"],
        0.4,
        color="#E69F00",
        label="random losses (mean, seed 0)",
    )
    ax.set_xticks(
        x,
        [f"{s}\n{k} HQ lost" for s, k in zip(table["structure"], table["hq_lost"], strict=False)],
        fontsize=8,
    )
    ax.set_ylabel("Forces still commanded, %")
    ax.set_ylim(0, 100)
    ax.legend(fontsize=7, frameon=False)
    chart = svg(fig, "Share of forces still commanded after losing headquarters")
    distributed = structures[1]
    current = {f: next(iter(distributed.graph.predecessors(f))) for f in distributed.forces}
    best = optimise_assignment(distributed.forces, distributed.headquarters, current=current)
    html = (
        "<p>The centralised structure follows NATO's current chain (SACEUR, SHAPE, the three "
        "Joint Force Commands, JSEC and the air, land and maritime commands); the distributed "
        "one lets the EU's Political and Security Committee direct the MPCC and five national "
        "operation headquarters (Mont-Valérien, Ulm, Rome, Rota, Larissa). Nodes and links are "
        "cited; the twelve force packages and which headquarters commands them are scenario "
        "assumptions with equal weights. A force is commanded while a path leads to it from "
        "the decision node avoiding the lost headquarters.</p>"
    )
    html += html_table(
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
        digits={"worst_case_commanded_pct": 1, "random_mean_commanded_pct": 1, "mean_hops": 1},
    )
    html += figure(chart, "Worst-case and random losses of headquarters.", sources)
    html += (
        "<p>Re-assigning the distributed structure's packages to balance the headquarters "
        "(a min-max MIP solved with HiGHS) raises the worst single-loss share to "
        f"{best.worst_single_loss_commanded_pct:.1f} %, moving {best.moved} of "
        f"{len(distributed.forces)} packages away from their framework nation's "
        "headquarters (the fewest moves among optimal assignments).</p>"
    )
    return Section("command", "Distributed command", html, sources)
