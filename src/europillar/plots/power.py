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
    frame: pd.DataFrame,
    first_year: int,
    year: int,
    label: Callable[[str], str],
    constant: str = "milex_usd_constant2023_m",
) -> str:
    """Line chart of constant-price spending per bloc (the release's price base) to ``year``."""
    base = constant.removeprefix("milex_usd_constant").removesuffix("_m")
    part = frame[frame["indicator"] == constant]
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
    ax.set_ylabel(f"USD bn, constant {base} prices")
    ax.set_xlabel("Year")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylim(bottom=0)
    ax.legend(frameon=False, ncol=5, fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.15))
    ax.grid(axis="y", alpha=0.3)
    alt = (
        f"Line chart of military spending in USD bn at constant {base} prices, {first_year}"
        f" to {year}, for the EU27, European NATO, the United States, Russia and China."
    )
    return svg(fig, alt)
