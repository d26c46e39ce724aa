"""Transition charts: coverage fans per category and the probability of any gap."""

from __future__ import annotations

import pandas as pd

from europillar.charts import Chart, Rule


def fan_chart(fan: pd.DataFrame, threshold_pct: float, sources: list[str]) -> Chart:
    """Small multiples: P10–P90 band and P50 of coverage per category over the years."""
    shown = [
        c for c in dict.fromkeys(fan["category"]) if not fan[fan.category == c]["p50"].isna().all()
    ]
    data = fan[fan["category"].isin(shown)][["category", "year", "p10", "p50", "p90"]]
    return Chart(
        id="transition-fan",
        title="Coverage per category",
        kind="band",
        data=data.reset_index(drop=True),
        x="year",
        y="p50",
        low="p10",
        high="p90",
        facet="category",
        y_label="Coverage, % of requirement",
        unit="%",
        decimals=1,
        rules=[Rule(threshold_pct, f"threshold {threshold_pct:g} %")],
        source_ids=sources,
        caption="Coverage per category: the P10–P90 band of the Monte Carlo draws and the "
        "median (P50). Coverage = (European stock × readiness + remaining US contribution) "
        "/ requirement.",
        alt="Fan charts of the coverage of each capability requirement over time.",
    )


def gap_probability_chart(gap: pd.DataFrame, threshold_pct: float, sources: list[str]) -> Chart:
    """The probability, in percent of draws, that at least one category is short."""
    return Chart(
        id="transition-gap-probability",
        title="Probability of a gap",
        kind="line",
        data=gap[["year", "prob_any_gap_pct"]].reset_index(drop=True),
        x="year",
        y="prob_any_gap_pct",
        y_label="Probability of a gap, % of draws",
        unit="%",
        decimals=1,
        source_ids=sources,
        caption=f"Probability that at least one category is below the {threshold_pct:g} % "
        "threshold, per year.",
        alt="Line chart of the probability that at least one category has a gap, per year.",
    )
