"""The static SVG of a :class:`~europillar.charts.spec.Chart` (matplotlib), drawn once.

It is what prints, what the PDF shows and what the "SVG" download holds. Every figure is
at most :data:`WIDTH_IN` inches wide, so that it is never shrunk on an A4 page, and every
text is at least :data:`MIN_FONT_PT` points.
"""

from __future__ import annotations

import itertools
import math
import textwrap
from typing import TYPE_CHECKING, Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import FuncFormatter, MaxNLocator

from europillar.export import labels
from europillar.plots.svg import svg

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from europillar.charts.spec import Chart

WIDTH_IN = 6.5  # drawing width; labels may add a little ("tight" bounding box)
MAX_WIDTH_IN = 7.0  # A4 at 15 mm margins leaves 7.09 in: a figure is never shrunk in print
MIN_FONT_PT = 9.0
FACET_COLUMNS = 3
RULE_COLOUR = "#444444"
FLAG_COLOUR = "#CC79A7"

plt.rcParams.update(
    {
        "font.size": 9.5,
        "axes.titlesize": 9.5,
        "axes.labelsize": 9.5,
        "xtick.labelsize": 9,
        "ytick.labelsize": 9,
        "legend.fontsize": 9,
        "figure.titlesize": 10,
    }
)


def render_svg(chart: Chart) -> str:
    """The chart as an inline ``<svg>`` element with its alt text as ``<title>``."""
    figure = _draw(chart)
    return svg(figure, chart.alt or chart.title)


def _labelled(chart: Chart) -> Chart:
    """The chart with ids in its x, series and facet columns replaced by labels."""
    import dataclasses

    names = chart.names()
    if not names:
        return chart
    data = chart.data.copy()
    for column, mapping in names.items():
        data[column] = data[column].map(lambda v, m=mapping: m.get(str(v), v))
    colours = {names.get(chart.series or "", {}).get(k, k): v for k, v in chart.colours.items()}
    return dataclasses.replace(chart, data=data, colours=colours)


def _draw(chart: Chart) -> Figure:
    chart = _labelled(chart)
    if chart.facet is not None:
        return _facets(chart)
    height = _height(chart)
    fig, ax = plt.subplots(figsize=(WIDTH_IN, height))
    _DRAW[chart.kind](chart, chart.data, ax, True)
    _finish(chart, fig, ax)
    return fig


def _height(chart: Chart) -> float:
    if chart.kind == "barh":
        categories = chart.data[chart.x].nunique()
        groups = 1 if chart.stacked or chart.series is None else len(chart.series_values())
        return min(8.0, max(2.2, 0.165 * categories * max(1, groups * 0.6) + 1.1))
    if chart.kind == "heat":
        return min(7.0, max(2.2, 0.2 * chart.data[chart.series].nunique() + 1.2))
    return 2.7


def _facets(chart: Chart) -> Figure:
    assert chart.facet is not None
    panels = [str(v) for v in dict.fromkeys(chart.data[chart.facet].tolist())]
    cols = min(FACET_COLUMNS, len(panels))
    rows = math.ceil(len(panels) / cols)
    fig, axes = plt.subplots(
        rows, cols, figsize=(WIDTH_IN, 2.0 * rows + 0.8), sharex=True, squeeze=False
    )
    for ax, panel in zip(axes.ravel(), panels, strict=False):
        part = chart.data[chart.data[chart.facet].astype(str) == panel]
        _DRAW[chart.kind](chart, part, ax, False)
        ax.set_title(textwrap.fill(panel, 26), fontsize=9.5)
        _rules(chart, ax, label=False)
        ax.grid(axis="y", alpha=0.3)
        if chart.kind in ("line", "band"):
            ax.set_xlim(float(chart.data[chart.x].min()), float(chart.data[chart.x].max()))
    for ax in axes.ravel()[len(panels) :]:
        ax.axis("off")
    fig.supylabel(chart.y_label, fontsize=9.5)
    handles, entries = axes[0, 0].get_legend_handles_labels()
    handles += [plt.Line2D([], [], color=RULE_COLOUR, ls="--", lw=1) for _ in chart.rules]
    entries += [r.label for r in chart.rules]
    if handles:
        fig.legend(handles, entries, loc="lower center", ncol=min(4, len(entries)), frameon=False)
        fig.tight_layout(rect=(0, 0.07 + 0.02 * (len(entries) > 4), 1, 1))
    return fig


def _numbers(ticks: Any) -> FuncFormatter:
    """Tick labels with thousands separators and as many decimals as the tick step needs."""
    locations = sorted(float(t) for t in ticks)
    steps = [b - a for a, b in itertools.pairwise(locations) if b > a]
    step = min(steps) if steps else 1.0
    decimals = max(0, -math.floor(math.log10(step))) if step < 1 else 0

    def text(value: float, _pos: int) -> str:
        return f"{value:,.{decimals}f}"

    return FuncFormatter(text)


def _line(chart: Chart, data: pd.DataFrame, ax: Axes, legend: bool) -> None:
    colours = chart.colour_of()
    groups = _groups(chart, data)
    for name, part in groups:
        part = part.sort_values(chart.x)
        colour = colours.get(name, "#0072B2")
        ax.plot(part[chart.x], part[chart.y], marker="o", markersize=3, color=colour, label=name)
        if chart.flag is not None:
            flagged = part[part[chart.flag].astype(bool) & part[chart.y].notna()]
            ax.scatter(flagged[chart.x], flagged[chart.y], marker="x", s=36, color=FLAG_COLOUR)
    if chart.flag is not None and data[chart.flag].astype(bool).any() and legend:
        ax.scatter([], [], marker="x", s=36, color=FLAG_COLOUR, label=chart.flag_label)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))


def _band(chart: Chart, data: pd.DataFrame, ax: Axes, legend: bool) -> None:
    assert chart.low is not None and chart.high is not None
    colours = chart.colour_of()
    for name, part in _groups(chart, data):
        part = part.sort_values(chart.x)
        colour = colours.get(name, "#0072B2")
        prefix = f"{name}: " if chart.series else ""
        low, high, mid = (labels.column(c) for c in (chart.low, chart.high, chart.y))
        ax.fill_between(
            part[chart.x],
            part[chart.low].astype(float),
            part[chart.high].astype(float),
            color=colour,
            alpha=0.22,
            linewidth=0,
            label=f"{prefix}{low} to {high}",
        )
        ax.plot(part[chart.x], part[chart.y], color=colour, label=f"{prefix}{mid}")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=4))


def _bars(chart: Chart, data: pd.DataFrame, ax: Axes, legend: bool) -> None:
    horizontal = chart.kind == "barh"
    categories = [str(v) for v in dict.fromkeys(data[chart.x].tolist())]
    position = {c: i for i, c in enumerate(categories)}
    groups = _groups(chart, data)
    colours = chart.colour_of()
    width = 0.8 if chart.stacked or len(groups) == 1 else 0.8 / len(groups)
    base = np.zeros(len(categories))
    for index, (name, part) in enumerate(groups):
        at = np.array([position[str(v)] for v in part[chart.x]], dtype=float)
        values = part[chart.y].astype(float).fillna(0.0).to_numpy()
        offset = 0.0 if chart.stacked or len(groups) == 1 else (index - (len(groups) - 1) / 2)
        at = at + offset * width
        bottom = base[at.round().astype(int)] if chart.stacked else None
        colour = colours.get(name, "#0072B2")
        key = name if chart.series is not None else "_nolegend_"
        if horizontal:
            ax.barh(at, values, height=width, left=bottom, color=colour, label=key)
        else:
            ax.bar(at, values, width=width, bottom=bottom, color=colour, label=key)
        if chart.stacked:
            np.add.at(base, at.round().astype(int), values)
    ticks = list(range(len(categories)))
    if horizontal:  # long names wrap and the axes make room for them inside the figure
        names = [textwrap.fill(c, 32) for c in categories]
        ax.set_yticks(ticks, names)
        longest = max((len(line) for n in names for line in n.split("\n")), default=0)
        if ax.figure is not None and chart.facet is None:
            ax.figure.subplots_adjust(left=min(0.45, (0.066 * longest + 0.2) / WIDTH_IN))
        ax.invert_yaxis()
        ax.grid(axis="x", alpha=0.3)
    else:
        ax.set_xticks(ticks, categories, rotation=45 if len(categories) > 8 else 0, ha="right")
        if len(categories) <= 8:
            plt.setp(ax.get_xticklabels(), ha="center")
        ax.grid(axis="y", alpha=0.3)


def _heat(chart: Chart, data: pd.DataFrame, ax: Axes, legend: bool) -> None:
    assert chart.series is not None
    table = data.pivot_table(index=chart.series, columns=chart.x, values=chart.y, sort=False)
    image = ax.imshow(table.to_numpy(dtype=float), aspect="auto", cmap="viridis")
    ax.set_yticks(range(len(table.index)), [str(v) for v in table.index])
    step = max(1, len(table.columns) // 8)
    ax.set_xticks(
        range(0, len(table.columns), step), [str(v) for v in table.columns[::step]], rotation=0
    )
    bar = ax.figure.colorbar(image, ax=ax)
    bar.set_label(chart.y_label, fontsize=9.5)
    bar.ax.tick_params(labelsize=9)


def _groups(chart: Chart, data: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    if chart.series is None:
        return [(chart.y_label, data)]
    order = chart.series_values()
    keyed = data[chart.series].astype(str)
    return [(name, data[keyed == name]) for name in order if (keyed == name).any()]


def _rules(chart: Chart, ax: Axes, label: bool = True) -> None:
    for rule in chart.rules:
        kwargs: dict[str, Any] = {"color": RULE_COLOUR, "ls": "--", "lw": 1}
        if label:
            kwargs["label"] = rule.label
        if chart.kind == "barh":
            ax.axvline(rule.value, **kwargs)
        else:
            ax.axhline(rule.value, **kwargs)


def _finish(chart: Chart, fig: Figure, ax: Axes) -> None:
    _rules(chart, ax)
    value_axis = ax.xaxis if chart.kind == "barh" else ax.yaxis
    if chart.kind != "heat":
        value_axis.set_major_formatter(_numbers(value_axis.get_ticklocs()))
        if chart.kind == "barh":
            ax.set_xlabel(chart.y_label)
            if chart.x_label:
                ax.set_ylabel(chart.x_label)
        else:
            ax.set_ylabel(chart.y_label)
            if chart.x_label:
                ax.set_xlabel(chart.x_label)
    elif chart.x_label:
        ax.set_xlabel(chart.x_label)
    handles, entries = ax.get_legend_handles_labels()
    if len(entries) > 1 or (entries and chart.rules):
        # long entries (targets with their origin) go one per line, so the legend never
        # widens the figure beyond the page
        wide = max(len(e) for e in entries) > 28
        ax.legend(
            handles,
            [textwrap.fill(e, 60) for e in entries],
            frameon=False,
            loc="upper center",
            bbox_to_anchor=(
                0.5,
                -0.16 if chart.kind != "barh" else -0.08 - 0.5 / fig.get_figheight(),
            ),
            ncol=1 if wide else min(3, len(entries)),
        )
    ax.spines[["top", "right"]].set_visible(False)


_DRAW = {"line": _line, "band": _band, "bar": _bars, "barh": _bars, "heat": _heat}
