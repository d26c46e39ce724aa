"""The report in a real browser (Playwright + Debian's Chromium): it loads nothing from the
network, every chart turns interactive with hover values, its CSV and SVG download from the
page, and no table or chart runs off its panel at 1280 px. Screenshots in test-artifacts/."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

OVERFLOW = """() => {
  const bad = [];
  document.querySelectorAll('main table, main figure.chart svg, main .answer').forEach((el) => {
    const panel = el.closest('.table-wrap, section, figure') || document.querySelector('main');
    const box = el.getBoundingClientRect(), outer = panel.getBoundingClientRect();
    if (box.right > outer.right + 1 || el.scrollWidth > el.clientWidth + 1 && el.tagName === 'TABLE')
      bad.push((el.closest('[id]') || {}).id + ' ' + el.tagName + ' ' + Math.round(box.right) + '>' + Math.round(outer.right));
  });
  return bad;
}"""


def test_report_is_offline_interactive_and_fits(browser, full_report: Path) -> None:
    session = browser("file://")
    page = session.page()
    page.goto((full_report / "index.html").as_uri())
    page.wait_for_function("document.querySelectorAll('figure.chart.is-live').length > 0")
    charts = page.locator("figure.chart")
    live = page.locator("figure.chart.is-live")
    assert charts.count() >= 10 and live.count() == charts.count(), page.evaluate(
        "[...document.querySelectorAll('figure.chart')].map(f => f.id + ': ' + (f.dataset.error || ''))"
    )
    assert page.errors == []
    page.screenshot(path=str(ARTIFACTS / "report-top.png"))
    assert page.evaluate(OVERFLOW) == []
    assert session.outside == [], f"the report asked for outside resources: {session.outside}"


def test_hover_shows_a_value_with_its_unit(browser, full_report: Path) -> None:
    page = browser("file://").page()
    page.goto((full_report / "index.html").as_uri() + "#burden-share")
    chart = page.locator("#chart-burden-share .chart-live svg").first
    chart.wait_for()
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] * 0.3, box["y"] + 30)
    tip = page.locator('#chart-burden-share g[aria-label="tip"] text')
    tip.first.wait_for()
    text = " ".join(t or "" for t in tip.all_text_contents())
    assert "% of GDP" in text and any(c.isdigit() for c in text), text
    page.locator("#chart-burden-share").screenshot(path=str(ARTIFACTS / "report-hover.png"))


def test_chart_downloads_csv_and_svg(browser, full_report: Path) -> None:
    page = browser("file://").page()
    page.goto((full_report / "index.html").as_uri())
    figure = page.locator("#chart-power-trend")
    with page.expect_download() as csv_download:
        figure.locator('a[data-download="csv"]').click()
    data = Path(csv_download.value.path()).read_bytes()
    assert csv_download.value.suggested_filename == "power-trend.csv"
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads the names right
    frame = pd.read_csv(io.BytesIO(data))
    assert {"bloc", "bloc_name", "year"} <= set(frame.columns)
    assert any(c.startswith("milex_usd_constant") for c in frame.columns)
    assert data[3:] == (full_report / "charts" / "power-trend.csv").read_bytes()
    with page.expect_download() as svg_download:
        figure.locator('a[data-download="svg"]').click()
    svg = Path(svg_download.value.path()).read_text("utf-8")
    root = ET.fromstring(svg.split("\n", 1)[1])
    assert root.tag.endswith("svg") and "Line chart" in svg


def test_print_view_shows_static_charts_without_download_links(browser, full_report: Path) -> None:
    page = browser("file://").page()
    page.goto((full_report / "index.html").as_uri())
    page.emulate_media(media="print")
    assert page.locator("figure.chart .chart-static svg").first.is_visible()
    assert not page.locator("figure.chart .chart-downloads").first.is_visible()
    assert not page.locator("figure.chart .chart-live").first.is_visible()
