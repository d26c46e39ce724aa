"""The static SVG of every chart kind: readable in print (text >= 9 pt, never shrunk on A4)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pandas as pd
import pytest

from europillar.charts import Chart, Rule, render
from europillar.charts.static import MAX_WIDTH_IN, MIN_FONT_PT


def _charts() -> list[Chart]:
    years = range(2014, 2025)
    line = pd.DataFrame(
        [
            {"bloc": b, "year": y, "value": 100.0 + y, "incomplete": y == 2024}
            for b in ("EU27", "USA")
            for y in years
        ]
    )
    fan = pd.DataFrame(
        [
            {"category": c, "year": y, "p10": 40.0, "p50": 50.0, "p90": 60.0}
            for c in ("mbt", "tanker", "sead_ew", "c2_hq")
            for y in range(2025, 2036)
        ]
    )
    bars = pd.DataFrame(
        [
            {"iso3": i, "index": k, "value": v}
            for i in ("DEU", "FRA", "POL")
            for k, v in (("a", 0.1), ("b", 0.2))
        ]
    )
    heat = pd.DataFrame(
        [{"lat": la, "lon": lo, "hours": la + lo} for la in (50, 51) for lo in (20, 21, 22)]
    )
    return [
        Chart(
            "l",
            "t",
            "line",
            line,
            "year",
            "value",
            "USD m",
            "USD m",
            [],
            series="bloc",
            flag="incomplete",
            flag_label="members missing",
        ),
        Chart(
            "f",
            "t",
            "band",
            fan,
            "year",
            "p50",
            "% of requirement",
            "%",
            [],
            low="p10",
            high="p90",
            facet="category",
            rules=[Rule(90, "threshold")],
        ),
        Chart("b", "t", "bar", bars, "iso3", "value", "index", "", [], series="index", decimals=4),
        Chart(
            "h", "t", "barh", bars, "iso3", "value", "index", "", [], series="index", stacked=True
        ),
        Chart("m", "t", "heat", heat, "lon", "hours", "hours", "h", [], series="lat"),
    ]


@pytest.mark.parametrize("chart", _charts(), ids=lambda c: c.kind)
def test_static_svg_is_print_sized_with_readable_text(chart: Chart) -> None:
    svg = render(chart).svg
    root = ET.fromstring(svg.split("\n", 1)[1])
    width_pt = float(root.attrib["width"].removesuffix("pt"))
    assert width_pt <= MAX_WIDTH_IN * 72, "wider than the A4 text column: it would be shrunk"
    sizes = [float(s) for s in re.findall(r"font(?:-size)?:\s*([0-9.]+)px", svg)]
    sizes += [float(s) for s in re.findall(r'font-size="([0-9.]+)"', svg)]
    assert sizes, "no text found in the SVG"
    # matplotlib writes SVG at 72 units per inch, so a px here is a point on paper
    assert min(sizes) >= MIN_FONT_PT, f"text at {min(sizes)} pt"


def test_labels_replace_ids_in_the_static_chart() -> None:
    svg = render(_charts()[1]).svg
    assert "Main battle tanks" in svg and ">mbt<" not in svg
    svg = render(_charts()[0]).svg
    assert "United States" in svg


def test_same_chart_same_bytes() -> None:
    chart = _charts()[0]
    assert render(chart).html == render(chart).html
