"""Report section: voting power under EU rules, threat clustering, mission support."""

from __future__ import annotations

import html

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from scipy.cluster.hierarchy import dendrogram

from europillar.decisions import DecisionsResult
from europillar.plots.svg import svg
from europillar.report.section import ReportContext, Section
from europillar.report.tables import reproduce
from europillar.result import Result

# The rules the report compares (the decisions engine runs them as ``compare_rules``).
RULES = ("qmv", "rqmv", "simple_majority", "unanimity")
VOTE_RULES = ("qmv", "rqmv", "unanimity", "cfsp")
REPORT_RULES = ["qmv", "rqmv", "simple_majority", "unanimity", "cfsp"]


def _table(frame: pd.DataFrame, digits: int = 4) -> str:
    return frame.to_html(
        index=False, float_format=lambda v: f"{v:.{digits}f}", border=0, classes="data", na_rep=""
    )


def _source_line(ids: list[str]) -> str:
    return f'<p class="source">Source: {html.escape(", ".join(ids))} (see the sources table).</p>'


def _power_block(result: DecisionsResult) -> tuple[str, list[str]]:
    used = result.meta["population_year"]
    qmv = result.power_under("qmv")
    wide = pd.DataFrame({"iso3": qmv["iso3"], "population": qmv["population"]})
    for r in ("qmv", "rqmv"):
        wide[f"{r}_banzhaf"] = result.power_under(r)["banzhaf_normalized"].to_numpy()
        wide[f"{r}_shapley"] = result.power_under(r)["shapley_shubik"].to_numpy()
    wide["penrose_sqrt"] = qmv["penrose_sqrt"].to_numpy()
    wide = wide.sort_values("population", ascending=False)

    fig, ax = plt.subplots(figsize=(9, 3.6))
    x = np.arange(len(wide))
    ax.bar(x - 0.2, wide["qmv_banzhaf"], 0.4, label="QMV normalised Banzhaf")
    ax.bar(x + 0.2, wide["qmv_shapley"], 0.4, label="QMV Shapley–Shubik")
    ax.plot(x, wide["penrose_sqrt"], "k.", label="Penrose square-root ideal")
    ax.set_xticks(x, wide["iso3"], rotation=90)
    ax.set_ylabel("share of voting power")
    ax.legend(frameon=False)
    chart = svg(
        fig, f"Voting power of EU member states under qualified majority, population figures {used}"
    )
    rules = result.tables["rules"].set_index("rule")["coleman_power_to_act"]
    coleman = ", ".join(f"{r}: {rules[r]:.4f}" for r in RULES)
    body = (
        f"<h3>Voting power in the Council ({used} population figures)</h3>"
        "<p>Exact indices (no sampling): every coalition is counted through generating functions "
        "or a meet-in-the-middle search over populations in persons. Under unanimity and simple "
        f"majority every member has the same power (1/{len(qmv)}).</p>"
        f"{chart}{_table(wide.drop(columns=['population']))}"
        f"<p>Coleman's power of the collectivity to act (share of all coalitions that pass): {coleman}.</p>"
    )
    ids = sorted({*result.meta["population_sources"], *result.meta["rule_sources"]})
    return body + _source_line(ids), ids


def _threat_block(result: DecisionsResult) -> tuple[str, list[str]]:
    matrix = result.tables["threat_matrix"].set_index("iso3")
    clusters = result.tables["clusters"]
    link = result.tables["linkage"].to_numpy(dtype=float)
    fig, ax = plt.subplots(figsize=(8, 3.2))
    dendrogram(link, labels=list(clusters["iso3"]), ax=ax, color_threshold=None)
    ax.set_ylabel("mean priority difference (0–3)")
    chart = svg(fig, "Hierarchical clustering of European states by coded threat priorities")
    ids = list(result.meta["threat_sources"])
    coded = matrix.copy()
    coded.insert(0, "cluster", clusters.set_index("iso3")["cluster"])
    body = (
        "<h3>Threat perceptions and their clusters</h3>"
        f"<p>europillar's coding (0 = no threat … 3 = most significant) of published sources for "
        f"{len(matrix)} states; blank = no source found, never guessed. Average-linkage clustering on "
        "the mean absolute difference over commonly coded threats.</p>"
        f"{chart}{_table(coded.reset_index(), 0)}"
    )
    return body + _source_line(ids), ids


def _mission_block(result: DecisionsResult) -> tuple[str, list[str]]:
    votes = result.tables["mission_votes"]
    votes = votes[votes["rule"].isin(VOTE_RULES)].copy()
    votes["outcome"] = [
        f"{'pass' if a else 'fail'} / {'pass' if b else 'fail'}"
        for a, b in zip(votes["passes_if_unknown_no"], votes["passes_if_unknown_yes"], strict=False)
    ]
    wide = votes.pivot_table(
        index=["mission_id", "yes", "no", "unknown"],
        columns="rule",
        values="outcome",
        aggfunc="first",
    ).reset_index()
    wide = wide[["mission_id", "yes", "no", "unknown", *VOTE_RULES]]
    packages = result.tables["packages"].head(5)
    ids = sorted({*result.meta["mission_sources"], *result.meta["rule_sources"]})
    body = (
        "<h3>Support for candidate missions</h3>"
        "<p>An EU member backs a mission when its relevance-weighted threat score is at least 0.5 "
        "(members with no coded threat relevant to the mission are <em>unknown</em>). Rule columns: "
        "outcome if the unknown members vote no / if they vote yes. Mission relevances are "
        "europillar assumptions (missions.csv), not published figures.</p>"
        f"{_table(wide)}"
        "<h4>Mission packages with the widest support (common strategic objective)</h4>"
        f"{_table(packages, 3)}"
    )
    return body + _source_line(ids), ids


def render(result: Result, ctx: ReportContext) -> Section:
    """The decisions section from the decisions engine's result."""
    assert isinstance(result, DecisionsResult)
    blocks = [_power_block(result), _threat_block(result), _mission_block(result)]
    ids: list[str] = []
    for _, block_ids in blocks:
        ids += [i for i in block_ids if i not in ids]
    return Section(
        id="decisions",
        title="Decisions: voting power, threat perceptions and missions",
        html="".join(body for body, _ in blocks) + reproduce(ctx, "decisions"),
        source_ids=sorted(set(ids) | set(result.sources)),
    )
