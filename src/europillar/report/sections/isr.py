"""Report section: sovereign ISR coverage of six theatres, Europe alone and with the US."""

from __future__ import annotations

from html import escape

from europillar.isr import IsrResult
from europillar.isr.engine import EUROPE_GROUP, EUROPE_US_GROUP
from europillar.plots.isr import access_chart, revisit_chart
from europillar.report.section import ReportContext, Section
from europillar.report.tables import chart_figure, frame_table, reproduce, source_line
from europillar.result import Result

# The report's fast run (the text says so): 1 day, 2-minute steps, 1 degree grid, every
# shipped theatre. These are options of the report's ISR run (europillar.report.build).
FAST_RUN = {"days": 1.0, "step_seconds": 120.0, "grid_deg": 1.0}


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
    html += frame_table(
        summary.drop(columns=["satellites"]),
        "Revisit gaps (hours), daily accesses and coverage (percent of area) per theatre",
    )
    html += source_line(sources)
    html += chart_figure(revisit_chart(table, [EUROPE_GROUP, EUROPE_US_GROUP], sources))
    html += chart_figure(access_chart(result.accesses, EUROPE_GROUP, float(meta["days"]), sources))
    html += reproduce(ctx, "isr")
    return Section("isr", "Sovereign ISR coverage", html, sources)
