"""Command chart: forces still commanded after losing headquarters."""

from __future__ import annotations

import pandas as pd

from europillar.charts import Chart


def resilience_chart(table: pd.DataFrame, seed: object, sources: list[str]) -> Chart:
    """Per structure and number of HQs lost: worst-case and mean random commanded share."""
    case = [f"{s}, {k} HQ lost" for s, k in zip(table["structure"], table["hq_lost"], strict=True)]
    data = pd.concat(
        [
            pd.DataFrame(
                {
                    "case": case,
                    "loss": "worst case (exhaustive)",
                    "commanded_pct": table["worst_case_commanded_pct"],
                }
            ),
            pd.DataFrame(
                {
                    "case": case,
                    "loss": f"random losses (mean, seed {seed})",
                    "commanded_pct": table["random_mean_commanded_pct"],
                }
            ),
        ],
        ignore_index=True,
    )
    return Chart(
        id="command-resilience",
        title="Forces still commanded after losing headquarters",
        kind="barh",
        data=data,
        x="case",
        y="commanded_pct",
        series="loss",
        y_label="Forces still commanded, %",
        unit="%",
        decimals=1,
        source_ids=sources,
        caption="Worst-case and random losses of headquarters, per command structure.",
        alt="Bar chart of the share of forces still commanded after losing headquarters.",
    )
