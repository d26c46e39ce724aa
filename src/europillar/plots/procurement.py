"""Procurement charts: published counts of weapon-system types; savings of joint buying."""

from __future__ import annotations

import pandas as pd

from europillar.charts import Chart


def counts_chart(counts: pd.DataFrame) -> Chart:
    """The European Commission's 2017 headline counts of types, EU vs US (disputed)."""
    rows = counts[counts["claim_id"].str.startswith("ec2017")]
    data = pd.concat(
        [
            pd.DataFrame(
                {"category": rows["category"], "bloc": "EU27", "types": rows["europe_value"]}
            ),
            pd.DataFrame({"category": rows["category"], "bloc": "USA", "types": rows["us_value"]}),
        ],
        ignore_index=True,
    )
    return Chart(
        id="procurement-types",
        title="Types of weapon system, EU and US (Commission 2017)",
        kind="bar",
        data=data,
        x="category",
        y="types",
        series="bloc",
        y_label="Weapon-system types",
        unit="types",
        decimals=0,
        colours={"EU27": "#0072B2", "USA": "#D55E00"},
        source_ids=sorted(set(rows["source_id"])),
        caption="The European Commission's 2017 headline counts of weapon-system types in the "
        "EU and the US; other publishers dispute them (table below).",
        alt="Bar chart: types of weapon system in the EU and the US, Commission 2017 counts.",
    )


def savings_chart(by_category: pd.DataFrame, money: str, sources: list[str]) -> Chart:
    """Savings of the joint plan over every member buying alone, per category."""
    data = pd.DataFrame(
        {"category": by_category["category"], "savings": by_category["savings"]}
    ).sort_values("savings", ascending=False)
    return Chart(
        id="procurement-savings",
        title="Savings of joint buying, by category",
        kind="barh",
        data=data.reset_index(drop=True),
        x="category",
        y="savings",
        y_label=f"Saving over national buying, {money.split(',')[0]}",
        unit=money.split(",")[0],
        decimals=1,
        source_ids=sources,
        caption="What the joint plan saves over every member buying alone, per category "
        "(europillar optimiser on cited candidate costs).",
        alt="Bar chart of the savings of joint procurement per capability category.",
    )
