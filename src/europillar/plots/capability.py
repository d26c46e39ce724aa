"""Capability chart: share of each requirement covered by Europe and by the remaining US."""

from __future__ import annotations

import pandas as pd

from europillar.charts import Chart, Rule


def coverage_chart(by_category: pd.DataFrame, chart_id: str = "capability-coverage") -> Chart:
    """Stacked bars per category: % of the requirement covered by European forces and by
    the US contribution that remains; the line marks 100 %."""
    rows = by_category.dropna(subset=["coverage_ratio"])
    rows = rows[rows["requirement"] > 0]
    parts = []
    for who, column in (
        ("European available", "european_available"),
        ("US remaining", "us_available"),
    ):
        parts.append(
            pd.DataFrame(
                {
                    "category": rows["category"],
                    "covered_by": who,
                    "share_of_requirement_pct": rows[column] / rows["requirement"] * 100,
                    "units": rows[column],
                    "requirement": rows["requirement"],
                    "unit": rows.get("unit", ""),
                }
            )
        )
    data = pd.concat(parts, ignore_index=True)
    sources = sorted(
        {s for cell in by_category.get("source_ids", []) for s in str(cell).split(";") if s}
    )
    return Chart(
        id=chart_id,
        title="Share of each requirement covered",
        kind="barh",
        data=data,
        x="category",
        y="share_of_requirement_pct",
        series="covered_by",
        stacked=True,
        y_label="Share of the requirement covered, %",
        unit="% of requirement",
        decimals=1,
        rules=[Rule(100.0, "requirement met (100 %)")],
        colours={"European available": "#0072B2", "US remaining": "#E69F00"},
        source_ids=sources,
        caption="Share of each capability requirement covered by European forces and by the "
        "remaining US contribution; categories without a requirement or figures are left out.",
        alt=(
            "Horizontal bar chart of the share of each capability requirement covered by "
            "European forces and by the remaining US contribution; the line marks 100 percent."
        ),
    )
