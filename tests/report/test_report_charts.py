"""Every chart of the report offers its data (CSV) and its image (SVG), offline, and its
executive summary answers the questions with coverage and a link to the section."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd

from europillar.charts.static import MAX_WIDTH_IN, MIN_FONT_PT


def _figures(html: str) -> list[str]:
    return re.findall(r'<figure class="chart" id="chart-([a-z0-9-]+)"', html)


def test_every_chart_offers_csv_and_svg_written_beside_the_page(full_report: Path) -> None:
    html = (full_report / "index.html").read_text("utf-8")
    charts = _figures(html)
    assert len(charts) >= 10
    assert len(charts) == len(set(charts))
    assert "<figure>" not in html, "a figure without data or downloads"
    for chart in charts:
        block = html[html.index(f'id="chart-{chart}"') :]
        block = block[: block.index("</figure>")]
        assert f'href="charts/{chart}.csv" download="{chart}.csv"' in block
        assert f'href="charts/{chart}.svg" download="{chart}.svg"' in block
        data = pd.read_csv(full_report / "charts" / f"{chart}.csv")
        assert len(data) > 0, chart
        svg = (full_report / "charts" / f"{chart}.svg").read_text("utf-8")
        root = ET.fromstring(svg.split("\n", 1)[1])
        assert float(root.attrib["width"].removesuffix("pt")) <= MAX_WIDTH_IN * 72, chart
        sizes = [float(s) for s in re.findall(r"font(?:-size)?:\s*([0-9.]+)px", svg)]
        assert sizes and min(sizes) >= MIN_FONT_PT, (chart, min(sizes))


def test_chart_csv_is_the_charts_own_rows(full_report: Path) -> None:
    csv = (full_report / "charts" / "power-trend.csv").read_text("utf-8")
    frame = pd.read_csv(io.StringIO(csv))
    assert list(frame.columns[:3]) == ["bloc", "bloc_name", "year"]
    assert set(frame["bloc"]) >= {"EU27", "EUROPEAN_NATO", "USA"}
    # the same figure as the power engine's table, in USD bn at one decimal
    comparison = pd.read_csv(full_report / "data" / "power" / "comparison.csv")
    value = next(c for c in frame.columns if c.startswith("milex_usd_constant"))
    indicator = value.removesuffix("_bn") + "_m"  # the release's price base
    usa = comparison[
        (comparison.bloc == "USA") & (comparison.year == 2024) & (comparison.indicator == indicator)
    ]["value"].iloc[0]
    mine = frame[(frame.bloc == "USA") & (frame.year == 2024)][value].iloc[0]
    assert abs(mine - usa / 1e3) < 0.05


def test_executive_summary_answers_with_coverage_and_links(full_report: Path) -> None:
    html = (full_report / "index.html").read_text("utf-8")
    summary = html[html.index('<section class="exec"') : html.index("</section>")]
    answers = re.findall(r'<li class="answer">(.*?)</li>', summary, re.S)
    assert len(answers) == 5
    for answer, link in zip(
        answers, ("#power", "#burden", "#capability", "#transition", "#decisions"), strict=True
    ):
        assert "Data coverage:" in answer
        assert f'href="{link}"' in answer
        assert re.search(r'class="figure">[^<]*\d', answer), answer[:200]
    for target in ("power", "burden", "capability", "transition", "decisions"):
        assert f'<section id="{target}"' in html


def test_country_names_link_to_the_appendix(full_report: Path) -> None:
    html = (full_report / "index.html").read_text("utf-8")
    assert '<tr id="country-POL">' in html
    linked = set(re.findall(r'href="#country-([A-Z]{3})"', html))
    assert {"POL", "DEU", "FRA"} <= linked
    anchors = set(re.findall(r'id="country-([A-Z]{3})"', html))
    assert linked <= anchors
