"""Report section: sovereign ISR coverage of six theatres, Europe alone and with the US."""

from __future__ import annotations

from html import escape

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from europillar.isr import IsrResult
from europillar.isr.engine import EUROPE_GROUP, EUROPE_US_GROUP
from europillar.plots.svg import svg
from europillar.report.section import ReportContext, Section
from europillar.report.tables import figure, html_table, reproduce
from europillar.result import Result

# The report's fast run (the text says so): 1 day, 2-minute steps, 1 degree grid, every
# shipped theatre. These are options of the report's ISR run (europillar.report.build).
FAST_RUN = {"days": 1.0, "step_seconds": 120.0, "grid_deg": 1.0}


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


def _heat_maps(accesses: pd.DataFrame, days: float) -> str:
    theatres = list(dict.fromkeys(accesses["theatre"]))
    rows = max(1, (len(theatres) + 2) // 3)
    fig, axes = plt.subplots(rows, 3, figsize=(9, 2.6 * rows), squeeze=False)
    for ax in axes.ravel()[len(theatres) :]:
        ax.axis("off")
    for ax, theatre in zip(axes.ravel(), theatres, strict=False):
        part = accesses[(accesses["theatre"] == theatre) & (accesses["group"] == EUROPE_GROUP)]
        grid = part.pivot(index="lat_deg", columns="lon_deg", values="accesses").sort_index()
        lat, lon = grid.index.to_numpy(), grid.columns.to_numpy()
        extent = (lon[0], lon[-1], lat[0], lat[-1])
        image = ax.imshow(
            grid.to_numpy() / days,
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


def render(result: Result, ctx: ReportContext) -> Section:
    """Coverage of the theatres of the report's ISR run (a fast run; the text says so)."""
    assert isinstance(result, IsrResult)
    meta = result.meta
    table = result.coverage
    sources = list(result.sources)
    summary = table[table["group"].isin([EUROPE_GROUP, EUROPE_US_GROUP])]
    catalogue = result.satellites
    not_modelled = catalogue[~catalogue["propagated"]]
    html = (
        "<p>Revisit and coverage of six theatres by European military and dual-use "
        "satellites (CSO, CERES, COSMO-SkyMed, PAZ; SAR-Lupe and first-generation "
        "COSMO-SkyMed shown separately because their current status is not confirmed) and, "
        "for comparison, the US KH-11 satellites as public amateur observers describe them "
        "(USA 224, 245, 314, 338 in service; USA 186 unconfirmed). Orbits are propagated with SGP4 from published mean elements; where a "
        "node time or phasing is not published it is a labelled assumption. The field of "
        "regard is a scenario parameter (30° off nadir) because none is published. "
        f"<strong>This report uses a fast run: {meta['days']:g} day(s) from "
        f"{meta['start'][:10]}, {meta['step_seconds']:g}-second steps and a "
        f"{meta['grid_deg']:g}° grid</strong>; use <code>europillar isr --days 7 "
        "--step-seconds 60</code> for the full resolution. Not modelled (orbit not "
        f"published): {escape(', '.join(not_modelled['name']))}.</p>"
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
        _heat_maps(result.accesses, float(meta["days"])),
        "Coverage maps: accesses per day per grid cell by European satellites in service.",
        sources,
    )
    html += reproduce(ctx, "isr")
    return Section("isr", "Sovereign ISR coverage", html, sources)
