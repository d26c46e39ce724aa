"""Report section: voting power under EU rules, threat clustering, mission support."""

from __future__ import annotations

import html

import pandas as pd

from europillar.decisions import DecisionsResult
from europillar.export import labels
from europillar.plots.decisions import threat_chart, voting_power_chart
from europillar.report.section import ReportContext, Section
from europillar.report.tables import (
    chart_figure,
    frame_table,
    html_table,
    reproduce,
    screen_only,
    source_line,
)
from europillar.result import Result

# The rules the report compares (the decisions engine runs them as ``compare_rules``).
RULES = ("qmv", "rqmv", "simple_majority", "unanimity")
VOTE_RULES = ("qmv", "rqmv", "unanimity", "cfsp")
REPORT_RULES = ["qmv", "rqmv", "simple_majority", "unanimity", "cfsp"]


def _table(frame: pd.DataFrame, digits: int = 4, caption: str = "") -> str:
    return frame_table(frame, caption)


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

    ids = sorted({*result.meta["population_sources"], *result.meta["rule_sources"]})
    chart = chart_figure(voting_power_chart(wide, used, ids), ids)
    shown = pd.DataFrame(
        {
            "Member": [labels.country(i) for i in wide["iso3"]],
            "Population": wide["population"],
            "QMV Banzhaf": wide["qmv_banzhaf"],
            "QMV Shapley–Shubik": wide["qmv_shapley"],
            "Reinforced QMV Banzhaf": wide["rqmv_banzhaf"],
            "Reinforced QMV Shapley–Shubik": wide["rqmv_shapley"],
            "Penrose ideal": wide["penrose_sqrt"],
        }
    )
    table = html_table(
        shown,
        "Voting power per member (exact indices, 4 decimals)",
        digits={"Population": 0, **{c: 4 for c in shown.columns[2:]}},
        row_header="Member",
    )
    rules = result.tables["rules"].set_index("rule")["coleman_power_to_act"]
    coleman = ", ".join(f"{r}: {rules[r]:.4f}" for r in RULES)
    body = (
        f"<h3>Voting power in the Council ({used} population figures)</h3>"
        "<p>Exact indices (no sampling): every coalition is counted through generating functions "
        "or a meet-in-the-middle search over populations in persons. Under unanimity and simple "
        f"majority every member has the same power (1/{len(qmv)}).</p>"
        f"{chart}{screen_only(table)}{source_line(ids)}"
        f"<p>Coleman's power of the collectivity to act (share of all coalitions that pass): {coleman}.</p>"
    )
    return body, ids


def _threat_block(result: DecisionsResult) -> tuple[str, list[str]]:
    matrix = result.tables["threat_matrix"].set_index("iso3")
    clusters = result.tables["clusters"]
    ids = list(result.meta["threat_sources"])
    chart = chart_figure(threat_chart(matrix.reset_index(), clusters, ids), ids)
    coded = matrix.copy()
    coded.insert(0, "cluster", clusters.set_index("iso3")["cluster"])
    coded = coded.sort_values(["cluster"]).reset_index()
    coded.insert(0, "State", [labels.country(i) for i in coded.pop("iso3")])
    coded.columns = [c.replace("_", " ").capitalize() if c != "State" else c for c in coded.columns]
    table = html_table(
        coded,
        "Coded threat priorities (0–3) and cluster; blank: no source found",
        digits=dict.fromkeys(coded.columns, 0),
        row_header="State",
    )
    body = (
        "<h3>Threat perceptions and their clusters</h3>"
        f"<p>europillar's coding (0 = no threat … 3 = most significant) of published sources for "
        f"{len(matrix)} states; blank = no source found, never guessed. Average-linkage clustering on "
        "the mean absolute difference over commonly coded threats.</p>"
        f"{chart}{screen_only(table)}{source_line(ids)}"
    )
    return body, ids


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
        f"{_table(wide, caption='Missions: members for, against and unknown; outcome per rule')}"
        "<h4>Mission packages with the widest support (common strategic objective)</h4>"
        f"{screen_only(_table(packages, 3, 'Mission packages with the widest support'))}"
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
