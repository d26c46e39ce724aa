"""HTML fragments shared by report sections: tables with captions, source lines, numbers."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from html import escape
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from europillar.charts import Chart
    from europillar.report.section import ReportContext


def number(value: object, digits: int = 1, suffix: str = "") -> str:
    """A figure for a reader: thousands separators, fixed decimals, en dash when missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return f"{value:,.{digits}f}{suffix}"
    return escape(str(value))


PRINTED_IDS = 12  # source ids printed under a table on paper


def source_line(source_ids: Iterable[str], prefix: str = "Source") -> str:
    """The "Source: …" line printed right under every table and chart."""
    ids = sorted({s for s in source_ids if s})
    if not ids:
        return '<p class="source">Source: none (no figures).</p>'
    links = ", ".join(f'<a href="#src-{escape(i)}">{escape(i)}</a>' for i in ids[:PRINTED_IDS])
    if len(ids) > PRINTED_IDS:
        # on paper a long list is cut (the HTML report lists every id)
        rest = ", ".join(f'<a href="#src-{escape(i)}">{escape(i)}</a>' for i in ids[PRINTED_IDS:])
        links += (
            f'<span class="screen-only">, {rest}</span>'
            f'<span class="print-only-inline"> and {len(ids) - PRINTED_IDS} more (every id in '
            "the HTML report)</span>"
        )
    label = prefix if len(ids) == 1 else f"{prefix}s"
    return f'<p class="source">{label}: {links}. Full references under “Sources”.</p>'


def html_table(
    frame: pd.DataFrame,
    caption: str,
    digits: dict[str, int] | None = None,
    row_header: str | None = None,
    right: Sequence[str] = (),
) -> str:
    """A captioned, accessible table; numeric columns right-aligned with fixed decimals."""
    digits = digits or {}
    num_class = ' class="num"'
    head = "".join(
        f'<th scope="col"{num_class if c in right else ""}>{escape(str(c))}</th>'
        for c in frame.columns
    )
    body = []
    for _, row in frame.iterrows():
        cells = []
        for column in frame.columns:
            value = row[column]
            numeric = isinstance(value, int | float) and not isinstance(value, bool)
            aligned = numeric or column in right
            text = number(value, digits.get(str(column), 1)) if numeric else number(value)
            if column == row_header:
                cells.append(f'<th scope="row">{_linked(text)}</th>')
            else:
                cells.append(
                    f'<td class="num">{text}</td>' if aligned else f"<td>{_linked(text)}</td>"
                )
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f'<div class="table-wrap"><table><caption>{escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


def frame_table(frame: pd.DataFrame, caption: str) -> str:
    """Any result table for readers: names instead of ids, readable headers, each number
    with its unit's decimals (``europillar.export.for_screen``), country names linked."""
    from europillar.export import for_screen

    headers, rows, numeric = for_screen(frame)
    head = "".join(
        f'<th scope="col"{" class=num" if n else ""}>{escape(h)}</th>'
        for h, n in zip(headers, numeric, strict=True)
    )
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="num">{escape(c)}</td>' if n else f"<td>{_linked(escape(c))}</td>"
            for c, n in zip(row, numeric, strict=True)
        )
        + "</tr>"
        for row in rows
    )
    return (
        f'<div class="table-wrap"><table><caption>{escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def _country_anchors() -> dict[str, str]:
    """Country name -> ``#country-ISO3`` for the European states of the report's appendix."""
    from europillar.export import labels

    return {
        labels.country(iso3): f"#country-{iso3}"
        for iso3 in labels.country_codes()
        if iso3 not in ("USA", "CAN", "RUS", "CHN")
    }


def _linked(text: str) -> str:
    """A cell naming a European state links to its line in the country appendix."""
    anchor = _country_anchors().get(text)
    return f'<a href="{anchor}">{text}</a>' if anchor else text


def screen_only(fragment: str, where: str = "the HTML report and its data/ folder") -> str:
    """A long table shown on screen and left out of print (the chart above it carries the
    same figures), with a one-line note in print saying where to find it."""
    return (
        f'<div class="screen-only">{fragment}</div>'
        f'<p class="print-only note">Table left out of print: see {escape(where)}.</p>'
    )


def figure(svg: str, caption: str, source_ids: Sequence[str]) -> str:
    """An inline SVG chart with its caption and source line (a chart without data rows;
    prefer :func:`chart_figure`, which adds hover values and the CSV and SVG downloads)."""
    return (
        f"<figure>{svg}<figcaption>{escape(caption)}</figcaption></figure>{source_line(source_ids)}"
    )


def chart_figure(chart: Chart, source_ids: Sequence[str] | None = None) -> str:
    """A chart drawn once: static SVG, interactive view, CSV and SVG downloads, sources.

    The report writes each chart's files beside the page (``charts/<id>.csv`` and
    ``.svg``, taken from this fragment by ``europillar.charts.extract_files``)."""
    from europillar.charts import render

    sources = list(source_ids) if source_ids is not None else list(chart.source_ids)
    return render(chart, source_line=source_line(sources)).html


def reproduce(ctx: ReportContext, domain: str) -> str:
    """A line with the command that gives a section's tables (same scenario and options)."""
    command = ctx.reproduce(domain)
    if not command:
        return ""
    return (
        f'<p class="note">Reproduce these tables: <code>{escape(command)}</code> '
        f"(CSV files under <code>data/{escape(domain)}/</code>).</p>"
    )
