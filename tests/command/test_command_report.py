"""The command report section: cited and reproducible."""

from __future__ import annotations

from europillar import data
from europillar.report.build import build_section


def test_command_section_cites_registered_sources_and_is_reproducible() -> None:
    section = build_section("command", "replace_us_full", 2024)
    known = set(data.load("sources")["source_id"])
    assert set(section.source_ids) <= known
    assert "cmd_def_europillar" in section.source_ids
    assert section.html == build_section("command", "replace_us_full", 2024).html
