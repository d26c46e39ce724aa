"""Burden-sharing charts: each Ally's share of GDP against the targets; the US share."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.ticker import MaxNLocator

from europillar.burden import Target
from europillar.plots.svg import svg


def _number(value: float, digits: int) -> str:
    return f"{value:,.{digits}f}"


def share_chart(
    rows: pd.DataFrame,
    year: int,
    names: Mapping[str, str],
    targets: Sequence[Target],
) -> str:
    """Horizontal bars of each Ally's share of GDP with the 2 / 3.5 / 5 % lines."""
    data = rows.sort_values("share_gdp_pct")
    fig, ax = plt.subplots(figsize=(7.5, max(4.0, 0.22 * len(data) + 1)))
    colours = ["#D55E00" if b == "SIPRI" else "#0072B2" for b in data["basis"]]
    ax.barh([names.get(i, i) for i in data["iso3"]], data["share_gdp_pct"], color=colours)
    for target, style in zip(targets, ("-", "--", ":"), strict=False):
        ax.axvline(
            target.pct_of_gdp,
            color="#000000",
            linestyle=style,
            linewidth=1,
            label=f"{_number(target.pct_of_gdp, 1)} %: {target.label}",
        )
    ax.set_xlabel("Defence spending, % of GDP")
    ax.tick_params(axis="y", labelsize=7)
    ax.legend(frameon=False, fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=1)
    alt = (
        f"Bar chart of defence spending as a percentage of GDP for each NATO Ally in "
        f"{year}, with reference lines at 2, 3.5 and 5 percent."
    )
    return svg(fig, alt)


def us_share_chart(share: pd.DataFrame) -> str:
    fig, ax = plt.subplots(figsize=(7.5, 3.0))
    ax.plot(share["year"], share["us_share_pct"], marker="o", color="#D55E00")
    ax.set_ylabel("US share, % of NATO total")
    ax.set_xlabel("Year")
    ax.set_ylim(0, 100)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(axis="y", alpha=0.3)
    alt = "Line chart of the United States' share of NATO Allies' total defence spending by year."
    return svg(fig, alt)
