"""Report section: the transition gap, as fan charts and the probability of a gap."""

from __future__ import annotations

import html

import numpy as np

from europillar.export import labels
from europillar.plots.transition import fan_chart, gap_probability_chart
from europillar.report.section import ReportContext, Section
from europillar.report.tables import chart_figure, frame_table, reproduce, source_line
from europillar.result import Result
from europillar.transition import TransitionResult


def render(result: Result, ctx: ReportContext) -> Section:
    """The transition section from the transition engine's result."""
    assert isinstance(result, TransitionResult)
    scenario = ctx.scenario
    threshold = result.threshold_pct
    draws, seed = result.meta["draws"], result.meta["seed"]
    notes = list(result.notes)
    fan, gap = result.fan, result.gap_probability
    sources = list(result.sources)
    fan_html = chart_figure(fan_chart(fan, threshold, sources))
    gap_html = chart_figure(gap_probability_chart(gap, threshold, sources))

    table = result.categories
    columns = [
        "category",
        "worst_shortfall_year",
        "worst_shortfall_pct",
        "worst_shortfall_units",
        "worst_shortfall_pct_p10",
        "europe_alone",
        "prob_europe_alone_end_pct",
    ]
    headline = frame_table(
        table[[c for c in columns if c in table.columns]],
        "When can Europe stand alone? Worst shortfall and the first year European forces "
        "alone reach the threshold with probability ≥ 0.9 (every figure read off the fan "
        "charts below)",
    )
    windows = result.windows
    win = ", ".join(
        f"{labels.category(r.category)} {r.first_year}–{r.last_year}" for r in windows.itertuples()
    )
    overall = table[table["category"] == "all"].iloc[0]
    short = (
        f"the deepest median shortfall is {overall['worst_shortfall_pct']:.1f}% of a "
        f"category's requirement, in {_cell(overall['worst_shortfall_year'])}"
        if overall["worst_shortfall_pct"] > 0
        else "the median run has no shortfall in any year"
    )
    answer = (
        f"Europe alone reaches {threshold:g}% of the requirement in every category with "
        f"probability of at least 0.9 in {overall['europe_alone']}; {short}."
    )
    body = f"""
<p><strong>{html.escape(answer)}</strong></p>
{headline}
{source_line(sources)}
<p>Scenario <code>{html.escape(scenario.name)}</code> ({html.escape(scenario.title)}),
{draws} Monte Carlo draws, seed {seed}. Coverage = (European stock × readiness + remaining
US contribution) / requirement. Method and equations: <code>docs/transition.md</code>.</p>
{fan_html}
{gap_html}
<p><strong>Vulnerability windows (central run):</strong> {html.escape(win) or "none"}.</p>
{_sobol_html(result)}
<p class="note">{html.escape(" ".join(notes))}</p>
{reproduce(ctx, "transition")}
"""
    return Section(
        "transition",
        "The transition gap: build-up against US drawdown",
        body,
        source_ids=list(result.sources),
    )


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return "–"
    if isinstance(value, float):
        return f"{value:,.1f}"
    return str(value)


def _sobol_html(result: TransitionResult) -> str:
    """Sobol indices of the year Europe stands alone, when the run computed them."""
    if "sobol" not in result.tables or result.tables["sobol"].empty:
        return ""
    rows = "".join(
        f"<tr><td>{html.escape(str(r.outcome))}</td><td>{html.escape(str(r.parameter))}</td><td>{r.S1:.3f}</td>"
        f"<td>{r.S1_conf:.3f}</td><td>{r.ST:.3f}</td><td>{r.ST_conf:.3f}</td></tr>"
        for r in result.tables["sobol"].itertuples()
    )
    meta = result.meta.get("sobol", {})
    return f"""<div class="table-wrap"><table><caption>What drives the year Europe stands alone? Sobol indices
(SALib, Saltelli sampling, N = {meta.get("base_samples", "")}, seed {meta.get("seed", "")}):
first order S1 and total order ST, with 95% confidence half-widths. Outcomes:
{html.escape(str(meta.get("outcome", "")))}</caption>
<thead><tr><th>outcome</th><th>parameter</th><th>S1</th><th>±</th><th>ST</th><th>±</th></tr></thead>
<tbody>{rows}</tbody></table></div>{source_line(list(result.sources))}"""
