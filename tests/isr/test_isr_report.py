"""The ISR report section: cited, says its run is a fast one, reproducible."""

from __future__ import annotations

from europillar import data
from europillar.report.build import build_section


def test_isr_section_cites_registered_sources_and_states_fast_run() -> None:
    section = build_section("isr", "replace_us_full", 2024)
    known = set(data.load("sources")["source_id"])
    assert section.source_ids and set(section.source_ids) <= known
    assert "fast run" in section.html and "Source" in section.html
    assert section.html.count("<svg") == 2
    assert (
        section.html == build_section("isr", "replace_us_full", 2024).html
    )  # same inputs, same bytes


def test_every_source_quoted_in_the_satellite_table_is_registered() -> None:
    from europillar.isr import load_satellites
    from europillar.isr.engine import cited_in_text

    satellites = load_satellites()
    known = set(data.load("sources")["source_id"])
    quoted = cited_in_text(satellites) | set(satellites["source_id"])
    assert quoted and quoted <= known
