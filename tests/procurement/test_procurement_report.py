"""Report section: builds offline, cites only defined sources, same bytes on every run."""

from __future__ import annotations

from europillar.procurement.data import load_sources
from europillar.report.sections.procurement import build


def test_section_cites_defined_sources_and_is_deterministic() -> None:
    first, second = build(2025), build(2025)
    assert first is not None and first.html == second.html
    assert set(first.source_ids) <= set(load_sources()["source_id"])
    assert "Source:" in first.html and "<svg" in first.html
    assert "proc_statista_ec2017" in first.source_ids
