"""europillar: an open, reproducible planning model for a European pillar of defence.

The top level names the entry points of each domain (imported on first use, so that
``import europillar`` stays light); each domain package has its full API.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_API = {
    "load": "europillar.data",
    "series": "europillar.data",
    "members": "europillar.countries",
    "load_scenario": "europillar.scenario",
    "compare": "europillar.power",
    "burden_table": "europillar.burden",
    "compute_gaps": "europillar.capability",
    "build_model": "europillar.transition",
    "run_transition": "europillar.transition",
    "power_indices": "europillar.decisions",
    "solve": "europillar.procurement",
    "theatre_coverage": "europillar.isr",
    "resilience_table": "europillar.command",
    "InputError": "europillar.errors",
}

__all__ = [
    "InputError",
    "__version__",
    "build_model",
    "burden_table",
    "compare",
    "compute_gaps",
    "load",
    "load_scenario",
    "members",
    "power_indices",
    "resilience_table",
    "run_transition",
    "series",
    "solve",
    "theatre_coverage",
]


def __getattr__(name: str) -> Any:
    if name in _API:
        return getattr(importlib.import_module(_API[name]), name)
    raise AttributeError(f"module 'europillar' has no attribute {name!r}")
