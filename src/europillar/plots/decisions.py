"""Decision charts: voting power per member under QMV; threat priorities as a grid."""

from __future__ import annotations

import pandas as pd

from europillar.charts import Chart


def voting_power_chart(wide: pd.DataFrame, year: int, sources: list[str]) -> Chart:
    """Bars per member (most populous first): normalised Banzhaf and Shapley–Shubik power
    under QMV, beside the Penrose square-root ideal."""
    parts = []
    for column, name in (
        ("qmv_banzhaf", "Banzhaf (normalised)"),
        ("qmv_shapley", "Shapley–Shubik"),
        ("penrose_sqrt", "Penrose square-root ideal"),
    ):
        parts.append(pd.DataFrame({"iso3": wide["iso3"], "index": name, "power": wide[column]}))
    return Chart(
        id="decisions-voting-power",
        title="Voting power under qualified majority",
        kind="bar",
        data=pd.concat(parts, ignore_index=True),
        x="iso3",
        y="power",
        series="index",
        y_label="Share of voting power",
        unit="",
        decimals=4,
        colours={
            "Banzhaf (normalised)": "#0072B2",
            "Shapley–Shubik": "#E69F00",
            "Penrose square-root ideal": "#777777",
        },
        source_ids=sources,
        caption=f"Voting power of EU member states under qualified majority ({year} population "
        "figures), exact indices, most populous member first.",
        alt="Bar chart of each EU member's voting power under qualified majority.",
    )


def threat_chart(matrix: pd.DataFrame, clusters: pd.DataFrame, sources: list[str]) -> Chart:
    """A grid of coded threat priorities (0–3), states grouped by cluster; blank where no
    source was found."""
    order = clusters.sort_values(["cluster", "iso3"])["iso3"].tolist()
    long = matrix.melt(id_vars="iso3", var_name="threat", value_name="priority_0_3")
    long["iso3"] = pd.Categorical(long["iso3"], order, ordered=True)
    long = long.sort_values(["iso3", "threat"]).dropna(subset=["priority_0_3"])
    long["iso3"] = long["iso3"].astype(str)
    return Chart(
        id="decisions-threats",
        title="Coded threat priorities",
        kind="heat",
        data=long.reset_index(drop=True),
        x="threat",
        y="priority_0_3",
        series="iso3",
        y_label="Priority (0 = none … 3 = most significant)",
        unit="",
        decimals=0,
        source_ids=sources,
        caption="europillar's coding of each state's published threat priorities, states "
        "grouped by cluster; blank: no source found (never guessed).",
        alt="Grid of threat priorities by state and threat.",
    )
