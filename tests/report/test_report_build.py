"""The HTML report builds on the shipped data, offline, and is byte-identical on reruns."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import europillar.report.sections as registry
from europillar.cli.app import _register_all, app

MINE = tuple(s for s in registry.SECTIONS if s.id in ("power", "burden"))


@pytest.fixture(scope="module")
def report_pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, bytes, bytes]:
    """Run `europillar report` twice (power and burden sections only, to stay fast)."""
    _register_all()
    runner = CliRunner()
    saved = registry.SECTIONS
    registry.SECTIONS = MINE
    try:
        outputs = []
        for name in ("first", "second"):
            out = tmp_path_factory.mktemp(name)
            result = runner.invoke(app, ["report", "--out", str(out), "--year", "2024"])
            assert result.exit_code == 0, result.output
            outputs.append((out / "index.html").read_bytes())
    finally:
        registry.SECTIONS = saved
    return outputs[0].decode("utf-8"), outputs[0], outputs[1]


def test_report_is_byte_identical_across_runs(report_pair: tuple[str, bytes, bytes]) -> None:
    _, first, second = report_pair
    assert first == second


def test_report_has_expected_headings(report_pair: tuple[str, bytes, bytes]) -> None:
    html = report_pair[0]
    for heading in (
        "European defence in numbers, 2024",
        "The questions, answered in numbers",
        "Key figures",
        "Contents",
        "EU vs USA military power comparison, 2024",
        "Spending trends 2014–2024",
        "Burden sharing in NATO",
        "Gaps to the 2 %, 3.5 % and 5 % targets, 2024",
        "US share of NATO defence spending",
        "Olson–Zeckhauser exploitation test",
        "Missing data",
        "Sources",
    ):
        assert re.search(rf"<h[123][^>]*>[^<]*{re.escape(heading)}", html), heading


def test_report_is_offline_and_accessible(report_pair: tuple[str, bytes, bytes]) -> None:
    html = report_pair[0]
    for tag in re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", html):
        assert not re.search(r"(?:src|href)\s*=\s*[\"']?(?:https?:)?//", tag), tag
    # one file: scripts inline (the vendored chart library) or JSON data, none fetched
    assert not re.search(r"<script[^>]*\bsrc\s*=", html)
    for script in re.findall(r"<script\b[^>]*>", html):
        assert script in (
            "<script>",
            '<script type="application/json" class="chart-spec">',
            '<script type="application/json" class="chart-csv">',
        ), script
    svgs = re.findall(r"<svg\b.*?</svg>", html, flags=re.DOTALL)
    assert len(svgs) >= 3
    assert all(re.search(r"<svg[^>]*>\s*<title>[^<]+</title>", s) for s in svgs)
    assert html.count("<table>") == html.count("<caption>")


def test_every_chart_and_table_names_its_sources(report_pair: tuple[str, bytes, bytes]) -> None:
    html = report_pair[0]
    body = html[html.index('<section id="power"') : html.index('<section id="missing-data"')]
    ends = [m.end() for m in re.finditer(r"</table></div>|</figure>", body)]
    assert len(ends) >= 8
    for end in ends:
        after = re.sub(  # a table left out of print carries a note for paper first
            r'^</div><p class="print-only note">[^<]*</p>', "", body[end:].lstrip()
        )
        assert after.startswith('<p class="source">Source'), body[end - 80 : end]


def test_sources_section_lists_every_cited_id(report_pair: tuple[str, bytes, bytes]) -> None:
    html = report_pair[0]
    cited = set(re.findall(r'href="#src-([a-z0-9_]+)"', html))
    listed = set(re.findall(r'<li id="src-([a-z0-9_]+)"', html))
    assert cited and cited <= listed
    assert {"sipri_milex_2026", "nato_defexp_2024", "analysis_nato_hague_2025"} <= listed
    assert "(not in the sources registry)" not in html


def test_missing_data_names_iceland_and_personnel(report_pair: tuple[str, bytes, bytes]) -> None:
    html = report_pair[0]
    section = html[html.index('id="missing-data"') : html.index('id="sources"')]
    assert "Iceland (ISL)" in section
    assert "personnel_active_k" in section  # the Correlates of War series ends in 2022


def test_bad_year_is_an_input_error(tmp_path: Path) -> None:
    _register_all()
    result = CliRunner().invoke(app, ["report", "--out", str(tmp_path), "--year", "1900"])
    assert result.exit_code != 0
    assert not (tmp_path / "index.html").exists()


def test_a_failing_section_stops_the_report_with_one_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from europillar.report.section import SectionSpec

    def broken(result: object, ctx: object) -> object:
        raise RuntimeError("deliberately broken for this test")

    power = next(s for s in registry.SECTIONS if s.id == "power")
    monkeypatch.setattr(registry, "SECTIONS", (power, SectionSpec("broken", "power", broken)))
    _register_all()
    result = CliRunner().invoke(app, ["report", "--out", str(tmp_path), "--year", "2024"])
    assert result.exit_code == 1
    assert result.output.strip() == (
        "error: report section 'broken' failed: RuntimeError: deliberately broken for this test."
    )
    assert not (tmp_path / "index.html").exists()  # nothing half-written


def test_report_of_a_user_scenario_file_writes_its_tables(tmp_path: Path) -> None:
    from europillar.scenario import preset_text

    mine = tmp_path / "my.toml"
    mine.write_text(
        preset_text("us_reduced_2030").replace('"us_reduced_2030"', '"my_scenario"'),
        encoding="utf-8",
    )
    saved = registry.SECTIONS
    registry.SECTIONS = tuple(s for s in saved if s.id in ("power", "capability"))
    try:
        _register_all()
        out = tmp_path / "out"
        result = CliRunner().invoke(
            app, ["report", "--scenario", str(mine), "--out", str(out), "--year", "2024"]
        )
    finally:
        registry.SECTIONS = saved
    assert result.exit_code == 0, result.output
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "<code>my_scenario</code>" in html and f"--scenario {mine}" in html
    by_category = (out / "data" / "capability" / "by_category.csv").read_text(encoding="utf-8")
    assert by_category.startswith("category,name,unit,")
    import json

    meta = json.loads((out / "data" / "capability" / "result.json").read_text(encoding="utf-8"))
    assert meta["meta"]["scenario"] == "my_scenario" and meta["sources"]
