"""Report section: the transition gap, as fan charts and the probability of a gap."""

from __future__ import annotations

import html

import matplotlib.pyplot as plt
import numpy as np

from europillar.report.figures import svg
from europillar.report.sections import Section

PRESET = "replace_us_full"
DRAWS = 2000
SEED = 20250601


def build(year: int) -> Section | None:
    from europillar.scenario import load_scenario
    from europillar.transition import build_model, run_transition

    scenario = load_scenario(PRESET)
    model, params, _settings, notes = build_model(scenario)
    result = run_transition(model, params, DRAWS, SEED)
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
        ax.axhline(model.threshold_pct, color="#cb181d", lw=0.8, ls="--", label="threshold")
        ax.set_title(cat, fontsize=9)
        ax.set_ylim(bottom=0)
    for ax in axes.ravel()[len(shown) :]:
        ax.axis("off")
    axes[0, 0].legend(fontsize=7, loc="lower left")
    fig.supylabel("coverage, % of requirement")
    fan_svg = svg(fig, "Fan charts of coverage per capability category over time")

    fig2, ax2 = plt.subplots(figsize=(7, 2.8))
    ax2.plot(gap.year, gap.prob_any_gap_pct, marker="o", color="#cb181d")
    ax2.set_ylabel("probability of a gap, %")
    ax2.set_ylim(0, 100)
    gap_svg = svg(fig2, "Probability that at least one category has a gap, per year")

    table = result.categories
    rows_html = "".join(
        "<tr>" + "".join(f"<td>{html.escape(_cell(v))}</td>" for v in row) + "</tr>"
        for row in table[
            [
                "category",
                "requirement",
                "earliest_covered_year",
                "p50_earliest_covered_year",
                "prob_covered_by_end_pct",
                "years_below_threshold",
                "orders_possible",
            ]
        ].itertuples(index=False)
    )
    windows = result.windows
    win = ", ".join(f"{r.category} {r.first_year}–{r.last_year}" for r in windows.itertuples())
    body = f"""
<p>Scenario <code>{PRESET}</code> ({html.escape(scenario.title)}), {DRAWS} Monte Carlo
draws, seed {SEED}. Coverage = (European stock × readiness + remaining US contribution) /
requirement. Method and equations: <code>docs/transition.md</code>. Rerun with
<code>europillar transition --scenario {PRESET} --draws {DRAWS} --seed {SEED}</code>.</p>
<figure>{fan_svg}<figcaption>Coverage per category, P10–P90 band and P50 line.
Sources: capability inventory, US contribution, costs and lead times (see Sources).</figcaption></figure>
<figure>{gap_svg}<figcaption>Probability that at least one category is below the
{model.threshold_pct:g}% threshold.</figcaption></figure>
<p><strong>Vulnerability windows (central run):</strong> {html.escape(win) or "none"}.</p>
<table><caption>Per category: when is the requirement covered?</caption>
<thead><tr><th>category</th><th>requirement</th><th>covered (central)</th>
<th>covered (P50)</th><th>P(covered by {int(model.years[-1])}), %</th>
<th>years below threshold</th><th>orders possible</th></tr></thead>
<tbody>{rows_html}</tbody></table>
<p class="note">{html.escape(" ".join(notes))}</p>
"""
    return Section(
        "transition",
        "The transition gap: build-up against US drawdown",
        body,
        source_ids=list(model.source_ids),
    )


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return "–"
    if isinstance(value, float):
        return f"{value:,.1f}"
    return str(value)
