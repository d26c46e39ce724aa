"""Report section: voting power under EU rules, threat clustering, mission support."""

from __future__ import annotations

import html

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from scipy.cluster.hierarchy import dendrogram

from europillar.decisions import (
    best_package,
    cluster_states,
    distance_matrix,
    instantiate,
    load_table,
    mission_relevance,
    mission_support,
    mission_votes,
    power_table,
    preset,
    qmv_population,
    threat_matrix,
)
from europillar.decisions.data import qmv_sources
from europillar.errors import InputError
from europillar.report.figures import svg
from europillar.report.sections import Section

RULES = ("qmv", "rqmv", "simple_majority", "unanimity")
VOTE_RULES = ("qmv", "rqmv", "unanimity", "cfsp")
RULE_SOURCES = ["dec_eu_treaties_voting", "dec_council_rop_annex3", "dec_eu_glossary_rqmv"]


def _table(frame: pd.DataFrame, digits: int = 4) -> str:
    return frame.to_html(
        index=False, float_format=lambda v: f"{v:.{digits}f}", border=0, classes="data", na_rep=""
    )


def _source_line(ids: list[str]) -> str:
    return f'<p class="source">Source: {html.escape(", ".join(ids))} (see the sources table).</p>'


def _population(year: int) -> tuple[int, dict[str, int]]:
    """QMV figures in force in ``year``; the latest shipped figures when none is that old."""
    try:
        return qmv_population(year)
    except InputError:
        return qmv_population(None)


def _power_block(year: int) -> tuple[str, list[str]]:
    used, pop = _population(year)
    members = sorted(pop)
    weights = {"population": [pop[m] for m in members]}
    tables = {r: power_table(instantiate(preset(r), members, pop), weights) for r in RULES}
    wide = pd.DataFrame({"iso3": members, "population": weights["population"]})
    for r in ("qmv", "rqmv"):
        wide[f"{r}_banzhaf"] = tables[r]["banzhaf_normalized"].to_numpy()
        wide[f"{r}_shapley"] = tables[r]["shapley_shubik"].to_numpy()
    wide["penrose_sqrt"] = tables["qmv"]["penrose_sqrt"].to_numpy()
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
    coleman = ", ".join(f"{r}: {tables[r].attrs['coleman_power_to_act']:.4f}" for r in RULES)
    body = (
        f"<h3>Voting power in the Council ({used} population figures)</h3>"
        "<p>Exact indices (no sampling): every coalition is counted through generating functions "
        "or a meet-in-the-middle search over populations in persons. Under unanimity and simple "
        "majority every member has the same power (1/27).</p>"
        f"{chart}{_table(wide.drop(columns=['population']))}"
        f"<p>Coleman's power of the collectivity to act (share of all coalitions that pass): {coleman}.</p>"
    )
    ids = qmv_sources(used) + RULE_SOURCES
    return body + _source_line(ids), ids


def _threat_block(year: int) -> tuple[str, list[str]]:
    perceptions = load_table("threat_perceptions")
    matrix = threat_matrix(perceptions)
    distances = distance_matrix(matrix)
    link, labels = cluster_states(distances, 2)
    fig, ax = plt.subplots(figsize=(8, 3.2))
    dendrogram(link, labels=list(distances.index), ax=ax, color_threshold=None)
    ax.set_ylabel("mean priority difference (0–3)")
    chart = svg(fig, "Hierarchical clustering of European states by coded threat priorities")
    ids = sorted(set(perceptions["source_id"]))
    coded = matrix.copy()
    coded.insert(0, "cluster", labels.set_index("iso3")["cluster"])
    body = (
        "<h3>Threat perceptions and their clusters</h3>"
        f"<p>europillar's coding (0 = no threat … 3 = most significant) of published sources for "
        f"{len(matrix)} states; blank = no source found, never guessed. Average-linkage clustering on "
        "the mean absolute difference over commonly coded threats.</p>"
        f"{chart}{_table(coded.reset_index(), 0)}"
    )
    return body + _source_line(ids), ids


def _mission_block(year: int) -> tuple[str, list[str]]:
    _, pop = _population(year)
    members = sorted(pop)
    matrix = threat_matrix(load_table("threat_perceptions"))
    missions = load_table("missions")
    relevance = mission_relevance(missions)
    support = mission_support(matrix, relevance, members)
    votes = mission_votes(support, {r: preset(r) for r in VOTE_RULES}, members, pop)
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
    packages = best_package(matrix, relevance, members).head(5)
    ids = [*sorted(set(missions["source_id"])), "dec_eu_treaties_voting", "dec_consilium_qmv"]
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


def build(year: int) -> Section | None:
    """Decisions section; ``None`` when the shipped tables cannot be read."""
    try:
        blocks = [_power_block(year), _threat_block(year), _mission_block(year)]
    except FileNotFoundError:
        return None
    ids: list[str] = []
    for _, block_ids in blocks:
        ids += [i for i in block_ids if i not in ids]
    return Section(
        id="decisions",
        title="Decisions: voting power, threat perceptions and missions",
        html="".join(body for body, _ in blocks),
        source_ids=ids,
    )
