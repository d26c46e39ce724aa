"""Report section: the transition gap, as fan charts and the probability of a gap."""

from __future__ import annotations

import html

import matplotlib.pyplot as plt
import numpy as np

from europillar.plots.svg import svg
from europillar.report.section import ReportContext, Section
from europillar.report.tables import reproduce
from europillar.result import Result
from europillar.transition import TransitionResult


def render(result: Result, ctx: ReportContext) -> Section:
    """The transition section from the transition engine's result."""
    assert isinstance(result, TransitionResult)
    scenario = ctx.scenario
    threshold = result.threshold_pct
    draws, seed, end_year = result.meta["draws"], result.meta["seed"], result.meta["end_year"]
    notes = list(result.notes)
    fan, gap = result.fan, result.gap_probability
    cats = list(dict.fromkeys(fan["category"]))
    shown = [c for c in cats if not fan[fan.category == c]["p50"].isna().all()][:12]
    cols = 4
    rows = max(1, (len(shown) + cols - 1) // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(11, 2.4 * rows), sharex=True, squeeze=False)
    for ax, cat in zip(axes.ravel(), shown, strict=False):
        f = fan[fan.category == cat]
        ax.fill_between(f.year, f.p10, f.p90, color="#9ecae1", label="P10–P90")
        ax.plot(f.year, f.p50, color="#08519c", label="P50")
        ax.axhline(threshold, color="#cb181d", lw=0.8, ls="--", label="threshold")
        ax.set_title(cat, fontsize=9)
        ax.set_ylim(bottom=0)
    for ax in axes.ravel()[len(shown) :]:
        ax.axis("off")
    axes[0, 0].legend(fontsize=7, loc="lower left")
    fig.supylabel("coverage, % of requirement")
    fan_svg = svg(fig, "Fan charts of coverage per capability category over time")

    fig2, ax2 = plt.subplots(figsize=(7, 2.8))
    ax2.plot(gap.year, gap.prob_any_gap_pct, marker="o", color="#cb181d")
    ax2.set_ylabel("P(shortfall), %")
    ax2.set_ylim(0, 100)
    gap_svg = svg(fig2, "Probability that at least one category has a gap, per year")

    table = result.categories
    rows_html = "".join(
        "<tr>" + "".join(f"<td>{html.escape(_cell(v))}</td>" for v in row) + "</tr>"
        for row in table[
            [
                "category",
                "worst_shortfall_year",
                "worst_shortfall_pct",
                "worst_shortfall_units",
                "worst_shortfall_pct_p10",
                "europe_alone",
                "prob_europe_alone_end_pct",
            ]
        ].itertuples(index=False)
    )
    windows = result.windows
    win = ", ".join(f"{r.category} {r.first_year}–{r.last_year}" for r in windows.itertuples())
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
<table><caption>When can Europe stand alone? Worst shortfall and the first year European forces
alone reach the threshold with probability ≥ 0.9 (every figure read off the fan charts
below)</caption>
<thead><tr><th>category</th><th>worst shortfall (year)</th><th>depth, % of requirement
(P50)</th><th>depth, units (P50)</th><th>bad case, % (P10)</th><th>Europe alone</th>
<th>P(Europe alone) {end_year}, %</th></tr></thead>
<tbody>{rows_html}</tbody></table>
<p>Scenario <code>{html.escape(scenario.name)}</code> ({html.escape(scenario.title)}),
{draws} Monte Carlo draws, seed {seed}. Coverage = (European stock × readiness + remaining
US contribution) / requirement. Method and equations: <code>docs/transition.md</code>.</p>
<figure>{fan_svg}<figcaption>Coverage per category, P10–P90 band and P50 line.
Sources: capability inventory, US contribution, costs and lead times (see Sources).</figcaption></figure>
<figure>{gap_svg}<figcaption>Probability that at least one category is below the
{threshold:g}% threshold (a shortfall above {100 - threshold:g}%).</figcaption></figure>
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
    return f"""<table><caption>What drives the year Europe stands alone? Sobol indices
(SALib, Saltelli sampling, N = {meta.get("base_samples", "")}, seed {meta.get("seed", "")}):
first order S1 and total order ST, with 95% confidence half-widths. Outcomes:
{html.escape(str(meta.get("outcome", "")))}</caption>
<thead><tr><th>outcome</th><th>parameter</th><th>S1</th><th>±</th><th>ST</th><th>±</th></tr></thead>
<tbody>{rows}</tbody></table>"""
