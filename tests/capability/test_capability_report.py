"""The report section: chart, tables with source lines, and the list of missing categories."""

from __future__ import annotations

from europillar.data import load
from europillar.report.build import build_section


def test_capability_section_cites_sources_and_lists_missing_data() -> None:
    section = build_section("capability", "replace_us_full", 2024)
    assert section.id == "capability"
    assert section.html.count("<svg") == 1
    assert section.html.count('class="source"') >= 4  # chart, gaps, costs, members
    assert "Categories with missing data" in section.html
    assert set(section.source_ids) <= set(load("sources")["source_id"])
