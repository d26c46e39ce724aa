"""Charts as inline SVG (matplotlib through ``europillar.report.figures.svg``; no JS library)."""

from __future__ import annotations

from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.collections import PatchCollection
from matplotlib.colors import Normalize
from matplotlib.patches import Polygon
from matplotlib.ticker import MaxNLocator

from europillar.plots.svg import svg

BLUE, ORANGE, GREY = "#0072B2", "#E69F00", "#BBBBBB"


def map_chart(frame: pd.DataFrame, geometry: dict[str, Any], label: str) -> str:
    """Choropleth of Europe: countries coloured by value; grey where there is no figure."""
    values = {
        r.iso3: r.value for r in frame.itertuples() if r.value is not None and r.value == r.value
    }
    finite = list(values.values())
    top, extend = (max(finite), "neither") if finite else (1.0, "neither")
    ranked = sorted(finite, reverse=True)
    if len(ranked) > 2 and ranked[0] > 2 * ranked[1] > 0:
        # one outlier (e.g. a country at war) would paint every other country alike
        top, extend = ranked[1], "max"
    norm = Normalize(min(finite), top) if finite else Normalize(0, 1)
    cmap = plt.get_cmap("viridis")
    fig, ax = plt.subplots(figsize=(6.5, 5.5))
    patches, colours = [], []
    for feature in geometry["features"]:
        iso3 = feature["properties"]["iso3"]
        colour = cmap(norm(values[iso3])) if iso3 in values else GREY
        for polygon in feature["geometry"]["coordinates"]:
            patches.append(Polygon(np.asarray(polygon[0]), closed=True))
            colours.append(colour)
    ax.add_collection(
        PatchCollection(patches, facecolor=colours, edgecolor="#FFFFFF", linewidth=0.4)
    )
    ax.set_xlim(-25, 45)
    ax.set_ylim(34, 72)
    ax.set_aspect(1.6)
    ax.axis("off")
    if finite:
        mappable = plt.cm.ScalarMappable(norm=norm, cmap=cmap)
        fig.colorbar(
            mappable,
            ax=ax,
            shrink=0.6,
            extend=extend,
            label=label if extend == "neither" else f"{label}\n(scale capped at {top:.3g})",
        )
    alt = f"Map of Europe coloured by {label}; grey: no figure."
    if extend == "max":
        alt += f" Countries above {top:.3g} share the top colour."
    return svg(fig, alt)


def fan_chart(fan: pd.DataFrame, category: str, threshold_pct: float) -> str:
    """P10-P90 band and median of coverage for one category over the years."""
    part = fan[fan["category"] == category].sort_values("year")
    fig, ax = plt.subplots(figsize=(7.0, 3.6))
    ax.fill_between(
        part["year"], part["p10"], part["p90"], color=BLUE, alpha=0.25, label="P10 to P90"
    )
    ax.plot(part["year"], part["p50"], color=BLUE, label="median (P50)")
    ax.axhline(
        threshold_pct,
        color="#000000",
        linestyle="--",
        linewidth=1,
        label=f"gap threshold {threshold_pct:g} %",
    )
    ax.set_ylabel("Coverage, % of requirement")
    ax.set_xlabel("Year")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(frameon=False, fontsize=8)
    return svg(
        fig,
        f"Fan chart of the coverage of the {category} requirement by year: "
        "median and the 10th to 90th percentile band.",
    )


def gap_probability_chart(frame: pd.DataFrame) -> str:
    fig, ax = plt.subplots(figsize=(7.0, 3.0))
    ax.plot(frame["year"], frame["prob_any_gap_pct"], marker="o", markersize=3, color=ORANGE)
    ax.set_ylim(0, 100)
    ax.set_ylabel("Probability of a gap, %")
    ax.set_xlabel("Year")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(axis="y", alpha=0.3)
    return svg(
        fig,
        "Line chart of the probability, in percent of draws, that at least one "
        "capability category is below the gap threshold, by year.",
    )


def compare_chart(totals: pd.DataFrame) -> str:
    """Bars of the central cost to close the gaps per saved scenario."""
    fig, ax = plt.subplots(figsize=(7.0, max(2.0, 0.5 * len(totals) + 1)))
    ax.barh(totals["scenario"], totals["total_central"] / 1e3, color=BLUE)
    ax.set_xlabel("Cost to close the gaps, USD bn (central)")
    return svg(fig, "Bar chart of the central cost to close the capability gaps, per scenario.")
