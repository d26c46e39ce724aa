"""The command report section: cited and reproducible."""

from __future__ import annotations

from europillar import data
from europillar.report.sections import command


def test_command_section_cites_registered_sources_and_is_reproducible() -> None:
    section = command.build(2025)
    assert section is not None
    known = set(data.load("sources")["source_id"])
    assert set(section.source_ids) <= known
    assert "cmd_def_europillar" in section.source_ids
    assert section.html == command.build(2025).html
