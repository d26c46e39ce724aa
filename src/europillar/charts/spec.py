"""What a chart shows, said once: the data rows, which columns go where, units and sources.

One :class:`Chart` gives three things that can never disagree, because they come from the
same rows: the static SVG (matplotlib, for print, the PDF and the "SVG" download), the
interactive view in the browser (Observable Plot, with hover values) and the "CSV"
download (the rows themselves).

Kinds:

``line``  one line per ``series`` over a numeric ``x`` (years);
``band``  a shaded ``low``–``high`` band with a line at ``y`` (a fan: P10–P90 and P50);
``bar``   vertical bars per ``x`` category, side by side per ``series`` (or ``stacked``);
``barh``  horizontal bars, categories down the page (long country or category names);
``heat``  a grid of cells coloured by ``y`` at (``x``, ``series``) (e.g. revisit maps).

``facet`` splits a ``line`` or ``band`` chart into small multiples, one per value.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    import pandas as pd

Kind = Literal["line", "band", "bar", "barh", "heat"]
KINDS: tuple[str, ...] = ("line", "band", "bar", "barh", "heat")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")

# Okabe–Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#56B4E9",
    "#CC79A7",
    "#000000",
    "#F0E442",
)


@dataclass(frozen=True)
class Rule:
    """A reference line: a target or threshold at ``value`` on the value axis."""

    value: float
    label: str


@dataclass(frozen=True)
class Chart:
    """One chart (see the module docstring). ``data`` holds exactly the plotted rows.

    ``y_label`` names the quantity and its unit ("USD bn, constant 2023 prices");
    ``unit`` is the short unit shown with each hover value; ``decimals`` how many
    decimals a hover value and the CSV carry. ``flag`` names a boolean column whose true
    rows are marked (e.g. totals with members missing), explained by ``flag_label``.
    """

    id: str
    title: str
    kind: Kind
    data: pd.DataFrame
    x: str
    y: str
    y_label: str
    unit: str
    source_ids: Sequence[str]
    series: str | None = None
    low: str | None = None
    high: str | None = None
    facet: str | None = None
    stacked: bool = False
    x_label: str = ""
    decimals: int = 1
    rules: Sequence[Rule] = ()
    colours: Mapping[str, str] = field(default_factory=dict)
    flag: str | None = None
    flag_label: str = ""
    caption: str = ""
    alt: str = ""

    def __post_init__(self) -> None:
        if not ID_PATTERN.match(self.id):
            raise ValueError(f"chart id {self.id!r} must be lower-case letters, digits and '-'")
        if self.kind not in KINDS:
            raise ValueError(f"chart {self.id}: kind {self.kind!r} is not one of {KINDS}")
        needed = [self.x, self.y, self.series, self.low, self.high, self.facet, self.flag]
        absent = [c for c in needed if c is not None and c not in self.data.columns]
        if absent:
            raise ValueError(f"chart {self.id}: data has no column {absent[0]!r}")
        if self.kind == "band" and (self.low is None or self.high is None):
            raise ValueError(f"chart {self.id}: a band chart needs low and high columns")
        if self.kind == "heat" and self.series is None:
            raise ValueError(f"chart {self.id}: a heat chart needs a series (row) column")

    @property
    def columns(self) -> list[str]:
        """The data columns the chart uses, in a stable order (the CSV's columns)."""
        wanted = [self.facet, self.series, self.x, self.y, self.low, self.high, self.flag]
        used = [c for c in wanted if c is not None]
        return list(dict.fromkeys(used))

    def series_values(self) -> list[str]:
        """Series in the order they first appear in the data."""
        if self.series is None:
            return []
        return [str(v) for v in dict.fromkeys(self.data[self.series].tolist())]

    def colour_of(self) -> dict[str, str]:
        """A colour for every series: the given ones, then the palette in order."""
        palette = iter(c for c in PALETTE if c not in self.colours.values())
        out: dict[str, str] = {}
        for value in self.series_values():
            out[value] = self.colours.get(value) or next(palette, "#555555")
        return out

    def names(self) -> dict[str, dict[str, str]]:
        """Labels for the id columns the chart shows (``POL`` -> Poland), by column."""
        from europillar.export import labels

        out: dict[str, dict[str, str]] = {}
        for column in (self.x, self.series, self.facet):
            kind = labels.ID_COLUMNS.get(column or "")
            if column is None or kind is None:
                continue
            values = {str(v) for v in self.data[column].tolist()}
            out[column] = {v: labels.of_id(kind, v) for v in sorted(values)}
        return out

    def label_of(self, column: str, value: Any) -> str:
        """What a reader sees for ``value`` of ``column`` (a label for an id)."""
        return self.names().get(column, {}).get(str(value), str(value))

    def spec(self) -> dict[str, Any]:
        """The JSON the browser's chart script draws from (data rows included)."""
        rows = []
        for record in self.data[self.columns].to_dict(orient="records"):
            rows.append({k: _json_cell(v) for k, v in record.items()})
        return {
            "id": self.id,
            "title": self.title,
            "kind": self.kind,
            "x": self.x,
            "y": self.y,
            "series": self.series,
            "low": self.low,
            "high": self.high,
            "facet": self.facet,
            "stacked": self.stacked,
            "x_label": self.x_label,
            "y_label": self.y_label,
            "unit": self.unit,
            "decimals": self.decimals,
            "rules": [{"value": r.value, "label": r.label} for r in self.rules],
            "colours": self.colour_of(),
            "flag": self.flag,
            "flag_label": self.flag_label,
            "names": self.names(),
            "rows": rows,
        }

    def spec_json(self) -> str:
        """:meth:`spec` as JSON safe inside a ``<script type="application/json">`` element."""
        text = json.dumps(self.spec(), ensure_ascii=False, allow_nan=False, sort_keys=True)
        # "</script>" or "<!--" inside a string must not end the element early
        return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _json_cell(value: Any) -> Any:
    """A JSON value for one data cell: numbers stay numbers, missing and infinite -> null."""
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return None
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)
