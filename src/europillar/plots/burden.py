"""Burden-sharing charts: each Ally's share of GDP against the targets; the US share."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from europillar.burden import Target
from europillar.charts import Chart, Rule

BASIS_COLOURS = {"NATO": "#0072B2", "SIPRI": "#D55E00"}


def share_chart(
    rows: pd.DataFrame,
    year: int,
    names: Mapping[str, str] | None,
    targets: Sequence[Target],
) -> Chart:
    """Horizontal bars of each Ally's share of GDP (coloured by the figure's basis) with
    the 2 / 3.5 / 5 % lines. ``names`` is unused (labels come from the ISO3 ids)."""
    data = rows.sort_values("share_gdp_pct", ascending=False)
    data = pd.DataFrame(
        {
            "iso3": data["iso3"],
            "basis": data["basis"],
            "share_gdp_pct": data["share_gdp_pct"],
        }
    ).reset_index(drop=True)
    sources = sorted({s for cell in rows.get("sources", []) for s in str(cell).split(";") if s})
    return Chart(
        id="burden-share",
        title=f"Defence spending as a share of GDP, {year}",
        kind="barh",
        data=data,
        x="iso3",
        y="share_gdp_pct",
        series="basis",
        stacked=True,  # one bar per Ally; the colour says whose figure it is
        y_label="Defence spending, % of GDP",
        unit="% of GDP",
        decimals=2,
        rules=[Rule(t.pct_of_gdp, f"{t.pct_of_gdp:g} %: {t.label}") for t in targets],
        colours=BASIS_COLOURS,
        source_ids=sorted({*sources, *(t.source_id for t in targets)}),
        caption=(
            f"Defence spending, % of GDP, {year}. Blue: NATO figure; orange: SIPRI figure. "
            "Lines: the 2 %, 3.5 % and 5 % targets."
        ),
        alt=(
            f"Bar chart of defence spending as a percentage of GDP for each NATO Ally in "
            f"{year}, with reference lines at 2, 3.5 and 5 percent."
        ),
    )


def us_share_chart(share: pd.DataFrame) -> Chart:
    """The United States' share of NATO Allies' defence spending, per year."""
    data = pd.DataFrame(
        {"year": share["year"].astype(int), "us_share_pct": share["us_share_pct"]}
    ).reset_index(drop=True)
    sources = sorted({s for cell in share.get("sources", []) for s in str(cell).split(";") if s})
    return Chart(
        id="burden-us-share",
        title="US share of NATO defence spending",
        kind="line",
        data=data,
        x="year",
        y="us_share_pct",
        y_label="US share, % of NATO total",
        unit="%",
        decimals=1,
        source_ids=sources,
        colours={},
        caption="US defence spending as a share of the sum over Allies with NATO figures "
        "(NATO definition, current USD).",
        alt="Line chart of the United States' share of NATO Allies' total defence spending.",
    )
