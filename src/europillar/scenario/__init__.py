"""Scenarios: one schema (``Scenario``), shipped presets, and a loader with clear errors.

Imports are lazy so that ``europillar.scenario.distributions`` can be used without
pulling in the whole schema.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "Scenario",
    "list_presets",
    "load_scenario",
    "preset_names",
    "preset_text",
    "scenario_from_dict",
    "scenario_json_schema",
]

_WHERE = {
    "Scenario": "europillar.scenario.schema",
    "load_scenario": "europillar.scenario.loader",
    "preset_names": "europillar.scenario.loader",
    "preset_text": "europillar.scenario.loader",
    "scenario_from_dict": "europillar.scenario.loader",
    "scenario_json_schema": "europillar.scenario.jsonschema",
    "list_presets": "europillar.scenario.catalogue",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        import importlib

        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'europillar.scenario' has no attribute {name!r}")
