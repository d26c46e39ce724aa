"""A chart as an HTML fragment: static SVG, interactive view, CSV and SVG downloads.

The fragment works in three situations, so that a reader always gets the figure:

* in a browser with scripts: ``charts.js`` draws the chart with Observable Plot (hover
  values) over the same rows, and the download links hand out the embedded CSV and SVG;
* with no scripts, in print and in the PDF: the static SVG shows, and the links point at
  the files written beside the page (``charts/<id>.csv`` and ``.svg`` in the report
  folder, or the web app's chart endpoints);
* saved as one file: the page still holds every CSV and SVG, so the downloads work.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path

from europillar.charts.spec import Chart

ASSETS = Path(__file__).resolve().parent / "assets"
# Scripts in load order: d3 (Plot's dependency), Observable Plot, then ours.
SCRIPTS = ("d3.min.js", "plot.umd.min.js", "charts.js")
STYLESHEET = "charts.css"
LICENCES = ("LICENSE-d3.txt", "LICENSE-observablehq-plot.txt")


@dataclass(frozen=True)
class Rendered:
    """A chart ready for a page: its fragment and the two files a reader can download."""

    chart: Chart
    html: str
    csv: str
    svg: str


def chart_fragment(
    chart: Chart,
    static_svg: str,
    csv_text: str,
    href: Callable[[str], str],
    source_line: str = "",
) -> str:
    """The ``<figure>`` of one chart. ``href("csv" | "svg")`` is where the no-script
    download links point; ``source_line`` is the "Sources: …" paragraph under it."""
    spec = chart.spec_json()
    csv_json = _script_text(csv_text)
    caption = f"<figcaption>{escape(chart.caption)}</figcaption>" if chart.caption else ""
    return (
        f'<figure class="chart" id="chart-{chart.id}" data-chart="{chart.id}">'
        f'<div class="chart-static">{static_svg}</div>'
        '<div class="chart-live" aria-hidden="true"></div>'
        f'<script type="application/json" class="chart-spec">{spec}</script>'
        f'<script type="application/json" class="chart-csv">{csv_json}</script>'
        f"{caption}"
        '<p class="chart-downloads">Download '
        f'<a href="{escape(href("csv"))}" download="{chart.id}.csv" data-download="csv">'
        "data (CSV)</a> · "
        f'<a href="{escape(href("svg"))}" download="{chart.id}.svg" data-download="svg">'
        "image (SVG)</a></p>"
        f"</figure>{source_line}"
    )


def _script_text(text: str) -> str:
    """A string as JSON that cannot end its ``<script>`` element early."""
    import json

    return (
        json.dumps(text, ensure_ascii=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )


def inline_assets() -> str:
    """The chart scripts and stylesheet inline, for a page that must open as one file."""
    style = (ASSETS / STYLESHEET).read_text("utf-8")
    scripts = "".join(
        f"<script>{(ASSETS / name).read_text('utf-8')}</script>\n" for name in SCRIPTS
    )
    return f"<style>{style}</style>\n{scripts}"


def linked_assets(prefix: str) -> str:
    """``<link>`` and ``<script src>`` tags for the assets served under ``prefix``."""
    tags = [f'<link rel="stylesheet" href="{prefix}/{STYLESHEET}">']
    tags += [f'<script src="{prefix}/{name}" defer></script>' for name in SCRIPTS]
    return "\n".join(tags)


def asset_files() -> list[Path]:
    """Every vendored file (scripts, stylesheet, licences) to copy beside a page."""
    return [ASSETS / n for n in (*SCRIPTS, STYLESHEET, *LICENCES)]


def unique_ids(charts: Iterable[Chart]) -> None:
    """Refuse two charts with one id on a page (their downloads would overwrite)."""
    seen: set[str] = set()
    for chart in charts:
        if chart.id in seen:
            raise ValueError(f"two charts have the id {chart.id!r}")
        seen.add(chart.id)


def download_names(charts: Sequence[Chart]) -> list[str]:
    """The file names a page's charts write: ``<id>.csv`` and ``<id>.svg`` each."""
    return [f"{c.id}.{ext}" for c in charts for ext in ("csv", "svg")]


_FIGURE = re.compile(
    r'<figure class="chart" id="chart-(?P<id>[a-z0-9-]+)"[^>]*>'
    r'<div class="chart-static">(?P<svg>.*?)</div><div class="chart-live"'
    r'.*?<script type="application/json" class="chart-csv">(?P<csv>.*?)</script>',
    re.S,
)


def extract_files(page: str, folder: str = "charts") -> dict[str, str]:
    """The CSV and SVG of every chart fragment in ``page``, by relative path, so that a
    page's charts are drawn once and written beside it from the same bytes."""
    import json

    from europillar.charts import svg_file

    files: dict[str, str] = {}
    for match in _FIGURE.finditer(page):
        chart_id = match.group("id")
        files[f"{folder}/{chart_id}.csv"] = json.loads(match.group("csv"))
        files[f"{folder}/{chart_id}.svg"] = svg_file(match.group("svg"))
    return files
