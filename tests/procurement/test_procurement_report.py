"""Report section: builds offline, cites only defined sources, same bytes on every run."""

from __future__ import annotations

from europillar.data import load
from europillar.procurement.data import load_sources
from europillar.report.build import build_section


def test_section_cites_defined_sources_and_is_deterministic() -> None:
    first = build_section("procurement", "replace_us_full", 2024)
    second = build_section("procurement", "replace_us_full", 2024)
    assert first.html == second.html
    assert set(first.source_ids) <= set(load("sources")["source_id"])
    assert set(load_sources()["source_id"]) & set(first.source_ids)
    assert "Source:" in first.html and "<svg" in first.html
    assert "proc_statista_ec2017" in first.source_ids
