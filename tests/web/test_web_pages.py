"""Pages render, name their sources, and load nothing from outside the app (offline)."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

EXTERNAL = re.compile(r"""(src|href)\s*=\s*["']?(https?:)?//""", re.IGNORECASE)


def test_pages_render_offline(client: TestClient, small: dict) -> None:
    sid = client.post("/api/scenarios", json={"scenario": small}).json()["id"]
    other = client.post("/api/scenarios", json={"scenario": {**small, "name": "b"}}).json()["id"]
    urls = [
        "/",
        "/?indicator=personnel_active_k",
        "/scenarios",
        "/scenarios/new",
        f"/scenarios/{sid}",
        f"/scenarios/{sid}/edit",
        f"/compare?ids={sid}&ids={other}",
        "/compare",
        "/api-docs",
    ]
    for url in urls:
        r = client.get(url)
        assert r.status_code == 200, url
        assert r.headers["content-type"].startswith("text/html")
        assert not EXTERNAL.search(r.text), url
        assert '<html lang="en">' in r.text and "<main" in r.text
    for asset in ("/static/app.js", "/static/style.css"):
        text = client.get(asset).text
        assert "http://" not in text and "https://" not in text and "@import" not in text
    assert client.get("/scenarios/999").status_code == 404


def test_dashboard_names_sources_and_csv_links(client: TestClient) -> None:
    html = client.get("/").text
    assert html.count('class="sources"') == 3  # power, burden, map
    assert "analysis_nato_hague_2025" in html and "web_naturalearth" in html
    for link in (
        "/api/dashboard/power?format=csv",
        "/api/dashboard/burden?format=csv",
        "/api/dashboard/map?indicator=milex_share_gdp_pct&amp;format=csv",
    ):
        assert link in html


def test_editor_has_a_label_for_every_field(client: TestClient) -> None:
    html = client.get("/scenarios/new").text
    ids = re.findall(r'<(?:input|select)[^>]*\sid="([^"]+)"', html)
    labelled = set(re.findall(r'<label for="([^"]+)"', html))
    assert ids and set(ids) <= labelled
