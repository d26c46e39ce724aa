"""Military-power chart: constant-price spending per bloc over time."""

from __future__ import annotations

from collections.abc import Callable

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.ticker import MaxNLocator

from europillar.plots.svg import svg

COLOURS = {  # Okabe–Ito palette: distinguishable with colour-vision deficiencies
    "EU27": "#0072B2",
    "EUROPEAN_NATO": "#56B4E9",
    "USA": "#D55E00",
    "RUS": "#000000",
    "CHN": "#E69F00",
}


def trend_chart(
    frame: pd.DataFrame, first_year: int, year: int, label: Callable[[str], str]
) -> str:
    """Line chart of constant-2023 spending per bloc, 2014 to ``year``."""
    part = frame[frame["indicator"] == "milex_usd_constant2023_m"]
    fig, ax = plt.subplots(figsize=(7.5, 4.0))
    for bloc in dict.fromkeys(part["bloc"]):
        series = part[part["bloc"] == bloc].sort_values("year")
        ax.plot(
            series["year"],
            series["value"] / 1e3,
            marker="o",
            markersize=3,
            color=COLOURS.get(bloc, "#555555"),
            label=label(bloc),
        )
        gaps = series[~series["complete"] & series["value"].notna()]
        ax.scatter(gaps["year"], gaps["value"] / 1e3, marker="x", s=40, color="#CC79A7", zorder=3)
    ax.set_ylabel("USD bn, constant 2023 prices")
    ax.set_xlabel("Year")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylim(bottom=0)
    ax.legend(frameon=False, ncol=5, fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.15))
    ax.grid(axis="y", alpha=0.3)
    alt = (
        f"Line chart of military spending in USD bn at constant 2023 prices, {first_year}"
        f" to {year}, for the EU27, European NATO, the United States, Russia and China."
    )
    return svg(fig, alt)
