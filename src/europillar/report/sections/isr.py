"""Report section: sovereign ISR coverage of six theatres, Europe alone and with the US."""

from __future__ import annotations

from html import escape

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from europillar.isr import CoverageRun, default_start, load_satellites, load_theatres
from europillar.isr.engine import (
    EUROPE_GROUP,
    EUROPE_US_GROUP,
    CoverageResult,
    theatre_coverage,
)
from europillar.report.figures import svg
from europillar.report.sections import Section
from europillar.report.tables import figure, html_table

# Fast default for the report (say so in the text): 1 day, 2-minute steps, 1 degree grid.
REPORT_RUN = CoverageRun(start=default_start(), days=1.0, step_seconds=120.0, grid_deg=1.0)


def _revisit_chart(table: pd.DataFrame) -> str:
    theatres = list(dict.fromkeys(table["theatre"]))
    x = np.arange(len(theatres))
    fig, ax = plt.subplots(figsize=(7.5, 3.4))
    for offset, (group, colour) in zip(
        (-0.2, 0.2), ((EUROPE_GROUP, "#0072B2"), (EUROPE_US_GROUP, "#D55E00")), strict=False
    ):
        part = table[table["group"] == group].set_index("theatre").reindex(theatres)
        ax.bar(x + offset, part["revisit_mean_gap_h"], 0.4, color=colour, label=f"{group}: mean")
        ax.scatter(
            x + offset,
            part["revisit_max_gap_h"],
            color=colour,
            marker="_",
            s=300,
            label=f"{group}: maximum",
        )
    ax.set_xticks(x, theatres)
    ax.set_ylabel("Revisit gap, hours")
    ax.legend(fontsize=7, frameon=False, ncol=2)
    return svg(fig, "Mean and maximum revisit gap per theatre, Europe alone and with the US")


def _heat_maps(results: dict[str, CoverageResult]) -> str:
    fig, axes = plt.subplots(2, 3, figsize=(9, 5.2))
    for ax, (theatre, result) in zip(axes.ravel(), results.items(), strict=False):
        grid = result.grid
        counts = result.access_counts[EUROPE_GROUP]
        extent = (grid.lon[0], grid.lon[-1], grid.lat[0], grid.lat[-1])
        image = ax.imshow(
            counts / REPORT_RUN.days,
            origin="lower",
            extent=extent,
            aspect="auto",
            cmap="viridis",
            vmin=0,
        )
        ax.set_title(theatre, fontsize=9)
        ax.tick_params(labelsize=7)
        fig.colorbar(image, ax=ax, shrink=0.8).ax.tick_params(labelsize=7)
    fig.suptitle("Accesses per day per grid cell, Europe (in service)", fontsize=10)
    return svg(fig, "Heat-maps of daily accesses by European satellites over each theatre")


def build(year: int) -> Section | None:
    """Coverage of every shipped theatre on the report's fast default run."""
    satellites = load_satellites()
    results = {
        tid: theatre_coverage(t, satellites, REPORT_RUN) for tid, t in load_theatres().items()
    }
    table = pd.concat([r.table for r in results.values()], ignore_index=True)
    sources = sorted({s for r in results.values() for s in r.source_ids})
    summary = table[table["group"].isin([EUROPE_GROUP, EUROPE_US_GROUP])]
    not_modelled = satellites[
        satellites["perigee_km"].isna() & satellites["mean_motion_rev_per_day"].isna()
    ]
    html = (
        "<p>Revisit and coverage of six theatres by European military and dual-use "
        "satellites (CSO, CERES, COSMO-SkyMed, PAZ; SAR-Lupe and first-generation "
        "COSMO-SkyMed shown separately because their current status is not confirmed) and, "
        "for comparison, the US KH-11 satellites as public amateur observers describe them "
        "(USA 224, 245, 314, 338 in service; USA 186 unconfirmed). Orbits are propagated with SGP4 from published mean elements; where a "
        "node time or phasing is not published it is a labelled assumption. The field of "
        "regard is a scenario parameter (30° off nadir) because none is published. "
        "<strong>This report uses a fast run: 1 day from 2025-01-01, 2-minute steps and a "
        "1° grid</strong>; use <code>europillar isr --days 7 --step-seconds 60</code> for "
        "the full resolution. Not modelled (orbit not published): "
        f"{escape(', '.join(not_modelled['name']))}.</p>"
    )
    html += html_table(
        summary.drop(columns=["satellites"]),
        "Revisit gaps (hours), daily accesses and coverage (percent of area) per theatre",
        digits={
            "revisit_mean_gap_h": 1,
            "revisit_max_gap_h": 1,
            "accesses_per_day": 1,
            "points_seen_pct": 0,
            "time_covered_pct": 2,
        },
    )
    html += figure(
        _revisit_chart(table),
        "Revisit gaps per theatre (bars: mean; dashes: maximum), Europe alone and with the US.",
        sources,
    )
    html += figure(
        _heat_maps(results),
        "Coverage maps: accesses per day per grid cell by European satellites in service.",
        sources,
    )
    return Section("isr", "Sovereign ISR coverage", html, sources)
