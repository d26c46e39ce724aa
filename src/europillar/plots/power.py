"""Military-power chart: constant-price spending per bloc over time."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from europillar.charts import Chart

COLOURS = {  # Okabe–Ito palette: distinguishable with colour-vision deficiencies
    "EU27": "#0072B2",
    "EUROPEAN_NATO": "#56B4E9",
    "USA": "#D55E00",
    "RUS": "#000000",
    "CHN": "#009E73",
}


def trend_chart(
    frame: pd.DataFrame,
    first_year: int,
    year: int,
    label: Callable[[str], str] | None = None,
    constant: str = "milex_usd_constant2023_m",
) -> Chart:
    """Line chart of constant-price spending per bloc (the release's price base),
    ``first_year`` to ``year``; a cross marks a total with members missing. ``label`` is
    unused (labels come from the ids)."""
    base = constant.removeprefix("milex_usd_constant").removesuffix("_m")
    column = f"milex_usd_constant{base}_bn"
    part = frame[frame["indicator"] == constant]
    data = pd.DataFrame(
        {
            "bloc": part["bloc"],
            "year": part["year"].astype(int),
            column: part["value"] / 1e3,
            "members_missing": ~part["complete"].astype(bool) & part["value"].notna(),
        }
    ).reset_index(drop=True)
    sources = sorted({s for cell in part["sources"] for s in str(cell).split(";") if s})
    return Chart(
        id="power-trend",
        title=f"Military spending at constant {base} prices",
        kind="line",
        data=data,
        x="year",
        y=column,
        series="bloc",
        y_label=f"USD bn, constant {base} prices",
        unit="USD bn",
        decimals=1,
        source_ids=sources,
        colours=COLOURS,
        flag="members_missing",
        flag_label="total with members missing",
        caption=f"Military spending at constant {base} prices, {first_year}–{year} (SIPRI).",
        alt=(
            f"Line chart of military spending in USD bn at constant {base} prices, {first_year}"
            f" to {year}, per bloc."
        ),
    )
