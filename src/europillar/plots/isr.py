"""ISR charts: revisit gaps per theatre; daily accesses over each theatre's grid."""

from __future__ import annotations

import pandas as pd

from europillar.charts import Chart


def revisit_chart(table: pd.DataFrame, groups: list[str], sources: list[str]) -> Chart:
    """Mean revisit gap per theatre, side by side for each constellation group."""
    part = table[table["group"].isin(groups)]
    return Chart(
        id="isr-revisit",
        title="Mean revisit gap per theatre",
        kind="bar",
        data=part[["theatre", "group", "revisit_mean_gap_h", "revisit_max_gap_h"]].reset_index(
            drop=True
        ),
        x="theatre",
        y="revisit_mean_gap_h",
        series="group",
        y_label="Mean revisit gap, hours",
        unit="h",
        decimals=1,
        source_ids=sources,
        caption="Mean revisit gap per theatre, Europe alone and with the US (the table gives "
        "the maximum gap).",
        alt="Bar chart of the mean revisit gap per theatre, Europe alone and with the US.",
    )


def access_chart(accesses: pd.DataFrame, group: str, days: float, sources: list[str]) -> Chart:
    """Accesses per day per grid cell over each theatre (north at the top)."""
    part = accesses[accesses["group"] == group]
    data = pd.DataFrame(
        {
            "theatre": part["theatre"],
            "lat_deg": part["lat_deg"],
            "lon_deg": part["lon_deg"],
            "accesses_per_day": part["accesses"] / days,
        }
    ).sort_values(["theatre", "lat_deg", "lon_deg"], ascending=[True, False, True])
    return Chart(
        id="isr-accesses",
        title="Accesses per day over each theatre",
        kind="heat",
        data=data.reset_index(drop=True),
        x="lon_deg",
        y="accesses_per_day",
        series="lat_deg",
        facet="theatre",
        x_label="Longitude, °",
        y_label="Accesses per day",
        unit="per day",
        decimals=1,
        source_ids=sources,
        caption=f"Coverage maps: accesses per day per grid cell by {group} satellites.",
        alt="Heat maps of daily accesses by European satellites over each theatre.",
    )
