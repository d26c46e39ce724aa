"""Charts for the report and the web app: one spec, a static SVG, hover values, downloads.

``Chart(...)``                 what to draw (:mod:`europillar.charts.spec`)
``render(chart, href)``        -> :class:`Rendered` (HTML fragment, CSV text, SVG text)
``inline_assets()``            the vendored scripts inline (a page that opens as one file)
``linked_assets(prefix)``      ``<script src>`` tags (the web app serves them)

The interactive view uses Observable Plot and d3 (ISC licence), vendored in ``assets/``
with their licence files; nothing is loaded from the network.
"""

from __future__ import annotations

from collections.abc import Callable

from europillar.charts.html import (
    ASSETS,
    Rendered,
    asset_files,
    chart_fragment,
    extract_files,
    inline_assets,
    linked_assets,
    unique_ids,
)
from europillar.charts.spec import KINDS, PALETTE, Chart, Rule


def chart_csv(chart: Chart) -> str:
    """The chart's rows as the CSV a reader downloads: ids, rounded by unit, no BOM
    (the browser download adds the byte-order mark for Excel)."""
    from europillar.export.tables import with_names
    from europillar.tabular import table_csv

    return table_csv(with_names(chart.data[chart.columns]))


def svg_file(static_svg: str) -> str:
    """An inline ``<svg>`` element as a standalone ``.svg`` file."""
    text = static_svg
    if 'xmlns="http://www.w3.org/2000/svg"' not in text[:400]:
        text = text.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + text


def render(
    chart: Chart,
    href: Callable[[str], str] | None = None,
    source_line: str = "",
) -> Rendered:
    """Draw ``chart`` once (static SVG) and build its fragment and download files.

    ``href(ext)`` is where the no-script links point (default: ``charts/<id>.<ext>``
    beside the page, as the report writes them).
    """
    from europillar.charts.static import render_svg

    static = render_svg(chart)
    csv_text = chart_csv(chart)

    def beside(ext: str) -> str:
        return f"charts/{chart.id}.{ext}"

    fragment = chart_fragment(chart, static, csv_text, href or beside, source_line)
    return Rendered(chart, fragment, csv_text, svg_file(static))


__all__ = [
    "ASSETS",
    "KINDS",
    "PALETTE",
    "Chart",
    "Rendered",
    "Rule",
    "asset_files",
    "chart_csv",
    "extract_files",
    "inline_assets",
    "linked_assets",
    "render",
    "svg_file",
    "unique_ids",
]
