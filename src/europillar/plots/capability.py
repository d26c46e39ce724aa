"""Capability chart: share of each requirement covered by Europe and by the remaining US."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from europillar.plots.svg import svg


def coverage_chart(by_category: pd.DataFrame) -> str:
    """Bars: share of the requirement covered by European forces and by the remaining US."""
    rows = by_category.dropna(subset=["coverage_ratio"])
    rows = rows[rows["requirement"] > 0].iloc[::-1]
    europe = rows["european_available"] / rows["requirement"] * 100
    us = rows["us_available"] / rows["requirement"] * 100
    fig, ax = plt.subplots(figsize=(7.5, max(2.5, 0.35 * len(rows) + 1)))
    ax.barh(rows["category"], europe, color="#0072B2", label="European available")
    ax.barh(rows["category"], us, left=europe, color="#E69F00", label="US remaining")
    ax.axvline(100, color="#000000", linewidth=1)
    ax.set_xlabel("Share of the requirement covered, %")
    ax.legend(frameon=False, fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=2)
    alt = (
        "Horizontal bar chart of the share of each capability requirement covered by "
        "European forces and by the remaining US contribution; the line marks 100 percent."
    )
    return svg(fig, alt)
