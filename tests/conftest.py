"""Shared fixtures: a real headless Chromium (Playwright) for the end-to-end tests.

The browser skips when Chromium or Playwright is missing, unless EUROPILLAR_REQUIRE_E2E=1
(CI), where it fails. Every request leaving the allowed origins is refused and recorded,
so a test can assert that a page loads nothing from the network.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


def require_browser() -> None:
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


class Browser:
    """Pages in one Chromium context; ``outside`` lists refused requests."""

    def __init__(self, context: Any, allowed: tuple[str, ...]) -> None:
        self.context = context
        self.outside: list[str] = []
        self.allowed = allowed
        context.route("**/*", self._route)

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(self.allowed) or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def page(self) -> Any:
        tab = self.context.new_page()
        tab.set_default_timeout(30_000)
        errors: list[str] = []
        tab.on("pageerror", lambda e: errors.append(str(e)))
        tab.errors = errors
        return tab


@pytest.fixture
def browser() -> Iterator[Any]:
    """``browser(allowed_prefixes...)`` -> :class:`Browser` (closed after the test)."""
    require_browser()
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    opened: list[Any] = []
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)

        def make(*allowed: str, width: int = 1280) -> Browser:
            context = chromium.new_context(
                viewport={"width": width, "height": 900}, accept_downloads=True
            )
            opened.append(context)
            return Browser(context, tuple(allowed) or ("file://",))

        yield make
        chromium.close()
