"""The report's "Missing data" list: which country, indicator and year has no figure."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

import pandas as pd

from europillar.data.missing import expected_figures, missing_data
from europillar.data.query import FIRST_YEAR
from europillar.report.tables import html_table

if TYPE_CHECKING:
    from europillar.dataset import Dataset


def missing_data_html(dataset: Dataset, year: int) -> tuple[str, list[str]]:
    """The "Missing data" section body and the sources it cites (none)."""
    from europillar.data.vintages import view

    observations = view(dataset)
    series, countries = missing_data(observations, expected_figures(year, dataset))
    names = dataset.country_names()
    html = (
        "<p>Figures the report needs but the dataset does not have. They are never "
        "estimated or filled in: bloc totals leave the country out and are marked †.</p>"
    )
    if not series.empty:
        shown = pd.DataFrame(
            {"Indicator": series["indicator"], "Years with no figure at all": series["years"]}
        )
        html += html_table(
            shown,
            "Indicator series that end before the report year (no country has a figure)",
            row_header="Indicator",
        )
    if countries.empty:
        html += "<p>No other gaps.</p>"
    else:
        shown = pd.DataFrame(
            {
                "Country": [f"{names.get(i, i)} ({i})" for i in countries["iso3"]],
                "Indicator": countries["indicator"],
                "Years missing": countries["years"],
            }
        )
        html += html_table(
            shown, f"Missing figures by country, {FIRST_YEAR}–{year}", row_header="Country"
        )
    html += (
        "<p>Indicator definitions: see the dataset's <code>indicators.csv</code> "
        f"(e.g. {escape('nato_*')} indicators are NATO-definition figures, needed "
        "for NATO Allies only).</p>"
    )
    return html, []
