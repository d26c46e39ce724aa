"""The list of shipped presets, as records for the CLI and the web app."""

from __future__ import annotations

from europillar.scenario.loader import load_scenario, preset_names, preset_path


def list_presets() -> list[dict[str, str]]:
    """One record per shipped preset: name, title, description, members, years, file."""
    records = []
    for name in preset_names():
        scenario = load_scenario(name)
        members = (
            scenario.members
            if isinstance(scenario.members, str)
            else (f"{len(scenario.members)} countries")
        )
        records.append(
            {
                "name": scenario.name,
                "title": scenario.title,
                "members": members,
                "base_year": str(scenario.base_year),
                "target_year": str(scenario.target),
                "description": " ".join(scenario.description.split()),
                "file": preset_path(name).name,
            }
        )
    return records
