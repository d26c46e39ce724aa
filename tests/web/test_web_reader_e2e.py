"""The web app for a reader who does not program, in a real browser (Playwright + Debian's
Chromium) against a real server: presets one click away, the sources page, a country
page, plain-language validation errors, chart downloads, nothing wider than 1280 px.
Screenshots go to test-artifacts/web-*.png."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
FITS = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('main *')].filter((el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.right > width + 1 && !el.closest('.table-wrap');
  }).map((el) => el.tagName + '#' + el.id + '.' + el.className);
  return { page: document.documentElement.scrollWidth <= width, wide: wide.slice(0, 5) };
}"""


def _open(browser, live_server, path: str):
    session = browser(live_server.url)
    page = session.page()
    page.goto(live_server.url + path)
    page.wait_for_selector("body[data-ready=true]", state="attached")
    return session, page


def _fits(page) -> None:
    result = page.evaluate(FITS)
    assert result["page"] and not result["wide"], result


def test_a_preset_is_one_click_from_its_results(browser, live_server) -> None:
    session, page = _open(browser, live_server, "/scenarios")
    presets = page.locator("button[data-preset]")
    assert presets.count() >= 3
    assert "istoday" not in page.inner_text("table.presets")  # descriptions keep their spaces
    _fits(page)
    page.screenshot(path=str(ARTIFACTS / "web-presets.png"), full_page=True)
    page.click('button[data-preset="replace_us_full"]')
    page.wait_for_url("**/scenarios/*")
    page.wait_for_selector("#gaps-table table")
    assert "Main battle tanks" in page.inner_text("#gaps-table")  # names, not ids
    page.screenshot(path=str(ARTIFACTS / "web-preset-results.png"), full_page=False)
    # a second click on the same preset opens the same saved scenario
    first = page.url
    page.goto(live_server.url + "/scenarios")
    page.wait_for_selector("body[data-ready=true]", state="attached")
    page.click('button[data-preset="replace_us_full"]')
    page.wait_for_url("**/scenarios/*")
    assert page.url == first
    assert session.outside == [] and page.errors == []


def test_sources_page_is_searchable_and_every_source_id_links_to_it(browser, live_server) -> None:
    session, page = _open(browser, live_server, "/")
    link = page.locator('a[href^="/sources#src-sipri_milex_"]').first
    source = link.get_attribute("href").split("#src-", 1)[1]
    link.click()
    page.wait_for_url(f"**/sources#src-{source}")
    row = page.locator(f"#src-{source}")
    assert "Stockholm International Peace Research Institute" in row.inner_text()
    assert "non-commercial" in row.inner_text()  # the terms of use
    total = page.locator("#sources-table tbody tr").count()
    page.fill("#source-search", "Kiel")
    shown = page.locator("#sources-table tbody tr:not([hidden])")
    assert 0 < shown.count() < total
    assert all("kiel" in t.lower() for t in shown.all_inner_texts())
    assert f"of {total} sources" in page.inner_text("#source-count")
    _fits(page)
    page.screenshot(path=str(ARTIFACTS / "web-sources.png"), full_page=False)
    assert session.outside == [] and page.errors == []


def test_country_page_shows_the_profile_with_sources(browser, live_server) -> None:
    session, page = _open(browser, live_server, "/country/POL")
    assert page.inner_text("h1").startswith("Poland")
    holdings = page.inner_text("#holdings")
    assert "Main battle tanks" in holdings and (
        "no cited figure" in holdings or "cited figure" in holdings
    )
    assert page.locator("#holdings a[href^='/sources#src-']").count() > 0
    page.wait_for_selector("#chart-country-share.is-live")
    for section in ("targets", "voting", "contribution", "threats"):
        assert page.locator(f"#{section}").is_visible()
    _fits(page)
    page.screenshot(path=str(ARTIFACTS / "web-country.png"), full_page=True)
    page.select_option("#other", "ITA")
    page.wait_for_url("**/country/ITA*")
    assert page.inner_text("h1").startswith("Italy")
    assert session.outside == [] and page.errors == []


def test_validation_error_names_the_field_and_the_allowed_values(browser, live_server) -> None:
    session, page = _open(browser, live_server, "/scenarios/new")
    page.fill("#f-name", "trio")
    page.fill("#f-title", "Three states")
    page.fill("#f-members", "DEU, FRA, XXX")
    page.click("button[type=submit]")
    error = page.locator("#e-members")
    error.wait_for()
    text = error.inner_text()
    assert text.startswith("Members (coalition) (entry 3): “XXX” is not accepted"), text
    assert "Allowed:" in text and "ALB (Albania)" in text
    assert "key '" not in text and "members[2]" not in text
    assert page.get_attribute("#f-members", "aria-invalid") == "true"
    page.locator("#f-members").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "web-validation-members.png"), full_page=False)
    page.fill("#f-members", "DEU, FRA, POL")
    page.fill("#f-base_year", "1800")
    page.click("button[type=submit]")
    page.locator("#e-base_year").wait_for()
    assert page.inner_text("#e-base_year").startswith("Base year: “1800” is not accepted: must be")
    page.screenshot(path=str(ARTIFACTS / "web-validation.png"), full_page=False)
    assert session.outside == []


def test_preset_description_loads_with_its_spaces(browser, live_server) -> None:
    _session, page = _open(browser, live_server, "/scenarios/new")
    page.wait_for_selector("#preset option[value=replace_us_full]", state="attached")
    page.select_option("#preset", "replace_us_full")
    page.click("#load-preset")
    page.wait_for_function("document.getElementById('f-description').value.length > 0")
    text = page.input_value("#f-description")
    assert "istoday" not in text and "is today's" in text


def test_dashboard_charts_hover_and_download(browser, live_server) -> None:
    session, page = _open(browser, live_server, "/")
    figure = page.locator("#chart-power-trend")
    page.wait_for_selector("#chart-power-trend.is-live")
    dot = figure.locator(".chart-live svg circle").last  # a data point: its value shows
    box = dot.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tip = figure.locator('g[aria-label="tip"] text')
    tip.first.wait_for()
    assert "USD bn" in " ".join(t or "" for t in tip.all_text_contents())
    with page.expect_download() as csv_download:
        figure.locator('a[data-download="csv"]').click()
    data = Path(csv_download.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(io.BytesIO(data))
    assert {"bloc", "bloc_name", "year"} <= set(frame.columns)
    with page.expect_download() as svg_download:
        figure.locator('a[data-download="svg"]').click()
    svg = Path(svg_download.value.path()).read_text("utf-8")
    assert ET.fromstring(svg.split("\n", 1)[1]).tag.endswith("svg")
    _fits(page)
    page.screenshot(path=str(ARTIFACTS / "web-dashboard.png"), full_page=True)
    assert session.outside == [] and page.errors == []
