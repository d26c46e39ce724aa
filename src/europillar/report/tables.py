"""HTML fragments shared by report sections: tables with captions, source lines, numbers."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from html import escape
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
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


def source_line(source_ids: Iterable[str], prefix: str = "Source") -> str:
    """The "Source: …" line printed right under every table and chart."""
    ids = sorted({s for s in source_ids if s})
    if not ids:
        return '<p class="source">Source: none (no figures).</p>'
    links = ", ".join(f'<a href="#src-{escape(i)}">{escape(i)}</a>' for i in ids)
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
                cells.append(f'<th scope="row">{text}</th>')
            else:
                cells.append(f'<td class="num">{text}</td>' if aligned else f"<td>{text}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f'<div class="table-wrap"><table><caption>{escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


def figure(svg: str, caption: str, source_ids: Sequence[str]) -> str:
    """An inline SVG chart with its caption and source line."""
    return (
        f"<figure>{svg}<figcaption>{escape(caption)}</figcaption></figure>{source_line(source_ids)}"
    )


def reproduce(ctx: ReportContext, domain: str) -> str:
    """A line with the command that gives a section's tables (same scenario and options)."""
    command = ctx.reproduce(domain)
    if not command:
        return ""
    return (
        f'<p class="note">Reproduce these tables: <code>{escape(command)}</code> '
        f"(CSV files under <code>data/{escape(domain)}/</code>).</p>"
    )
