"""End to end in a real headless browser (Playwright + Debian's Chromium) against a real server.

Skips when Chromium is missing, unless EUROPILLAR_REQUIRE_E2E=1 (CI), where it fails.
Screenshots go to test-artifacts/ (git-ignored).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
DOCS_IMG = Path(__file__).resolve().parents[2] / "docs" / "img" / "dashboard.png"
TOML = """name = "nordic_baltic"
title = "Nordic-Baltic states, US reduced"
members = ["DNK", "EST", "FIN", "LVA", "LTU", "NOR", "SWE"]
[us_commitment]
default = "reduced"
[requirements]
preset = "replace_us"
"""


def _require_browser() -> None:
    problem = None
    if not Path(CHROMIUM).exists():
        problem = f"{CHROMIUM} not found (apt-get install chromium, or run .ci/services.sh)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            problem = "the playwright Python package is not installed"
    if problem:
        if os.environ.get("EUROPILLAR_REQUIRE_E2E") == "1":
            pytest.fail(problem + " but EUROPILLAR_REQUIRE_E2E=1")
        pytest.skip(problem)


@pytest.fixture
def page(live_server):
    _require_browser()
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        context = browser.new_context(
            viewport={"width": 1440, "height": 900}, accept_downloads=True
        )
        outside: list[str] = []
        context.route(
            "**/*",
            lambda route: (
                route.continue_()
                if route.request.url.startswith(live_server.url)
                else (outside.append(route.request.url), route.abort())
            ),
        )
        tab = context.new_page()
        tab.set_default_timeout(30_000)
        tab.base = live_server.url  # type: ignore[attr-defined]
        yield tab
        browser.close()
        assert outside == [], f"the app asked for outside resources: {outside}"


def _image_loaded(page, selector: str) -> None:
    page.wait_for_function(
        "s => { const i = document.querySelector(s); return i && i.complete && i.naturalWidth > 0; }",
        arg=selector,
    )


def test_dashboard_editor_run_compare_download(page, tmp_path: Path) -> None:
    base = page.base
    # dashboard: charts, table, map by another indicator, CSV download
    page.goto(base + "/")
    page.wait_for_selector("#power-table table")
    page.wait_for_selector("#chart-power-trend.is-live")
    page.wait_for_selector("#chart-burden-share.is-live")
    _image_loaded(page, "#map-img")
    assert "Sources:" in page.inner_text("section[aria-labelledby=power-h]")
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=False)
    if os.environ.get("EUROPILLAR_UPDATE_DOCS_SCREENSHOT") == "1":
        shutil.copyfile(ARTIFACTS / "dashboard.png", DOCS_IMG)
    page.select_option("#indicator", "nato_defexp_share_gdp_pct")
    page.wait_for_function(
        "document.querySelector('#map-img').src.includes('nato_defexp_share_gdp_pct')"
    )
    _image_loaded(page, "#map-img")
    with page.expect_download() as info:
        page.click("#map-csv")
    csv = Path(info.value.path()).read_text()
    assert csv.splitlines()[0].startswith("iso3,name,indicator,year,value")

    # editor: a bad member code is reported next to the members field; nothing is saved
    page.goto(base + "/scenarios/new")
    page.wait_for_selector("#preset option[value=replace_us_full]", state="attached")
    page.fill("#f-name", "trio_web")
    page.fill("#f-title", "Germany, France, Poland")
    page.fill("[id='f-members']", "DEU, FRA, XXX")
    page.select_option("[id='f-requirements.preset']", "replace_us")
    page.fill("[id='f-us_commitment.default']", "withdrawn")
    page.click("#save")
    error = page.locator("[id='e-members']")
    error.wait_for()
    assert "XXX" in error.inner_text()
    assert page.get_attribute("[id='f-members']", "aria-invalid") == "true"
    page.screenshot(path=str(ARTIFACTS / "editor-error.png"), full_page=True)
    page.fill("[id='f-members']", "DEU, FRA, POL")
    page.fill("[id='f-transition.gdp_growth_pct.std']", "0.5")
    page.click("#save")
    page.wait_for_url("**/scenarios/*")
    page.wait_for_selector("#gaps-table table")
    assert "Main battle tanks" in page.inner_text("#gaps-table")  # names, not ids

    # run a transition job and watch its progress to the end
    page.fill("#draws", "100000")
    page.click("#run-transition button")
    page.wait_for_selector("li[data-status=running], li[data-status=done]")
    page.wait_for_selector("li[data-status=done]", timeout=60_000)
    page.wait_for_selector("#transition-results:not([hidden])")
    _image_loaded(page, "#fan-img")
    _image_loaded(page, "#gap-img")
    page.screenshot(path=str(ARTIFACTS / "results.png"), full_page=True)
    with page.expect_download() as info:
        page.click("#transition-links a:has-text('fan')")
    assert Path(info.value.path()).read_text().startswith("year,category,p10,p50,p90")

    # a second scenario from a TOML file, then compare the two
    toml = tmp_path / "nordic_baltic.toml"
    toml.write_text(TOML)
    page.goto(base + "/scenarios")
    page.set_input_files("#import-file", str(toml))
    page.click("#import-form button")
    page.wait_for_url("**/scenarios/*")
    page.goto(base + "/scenarios")
    page.check("input[aria-label='Compare trio_web']")
    page.check("input[aria-label='Compare nordic_baltic']")
    page.click("text=Compare selected")
    page.wait_for_selector("#compare-table table")
    _image_loaded(page, "img[src^='/api/charts/compare.svg']")
    text = page.inner_text("#compare-table")
    assert "trio_web" in text and "nordic_baltic" in text and "total_cost" in text
    page.screenshot(path=str(ARTIFACTS / "compare.png"), full_page=True)
    with page.expect_download() as info:
        page.click("a.download:has-text('Download CSV')")
    rows = Path(info.value.path()).read_text().strip().splitlines()
    assert len(rows) == 3 and rows[0].startswith("scenario_id,scenario")


def test_keyboard_reaches_the_editor_and_labels_exist(page) -> None:
    page.goto(page.base + "/scenarios/new")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    unlabeled = page.evaluate("""() => [...document.querySelectorAll('input, select')]
        .filter(i => i.type !== 'hidden' && !(i.labels && i.labels.length) && !i.getAttribute('aria-label'))
        .map(i => i.id || i.name)""")
    assert unlabeled == []
