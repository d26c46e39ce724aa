"""europillar: an open, reproducible planning model for a European pillar of defence.

The public API is the engine contract (docs/api.md)::

    import europillar
    dataset = europillar.load_dataset()                  # the cited tables, immutable
    scenario = europillar.load_scenario("replace_us_full")   # a preset or a TOML file
    result = europillar.run("capability", scenario, dataset)  # inputs -> run -> result
    result.tables["by_category"]; result.sources; result.notes; result.meta

Names are imported on first use, so that ``import europillar`` stays light; each domain
package (``europillar.capability`` …) has ``inputs``, ``run`` and its building blocks.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_API = {
    "DOMAINS": ("europillar.runner", "DOMAINS"),
    "Dataset": ("europillar.dataset", "Dataset"),
    "InputError": ("europillar.errors", "InputError"),
    "Result": ("europillar.result", "Result"),
    "Scenario": ("europillar.scenario.schema", "Scenario"),
    "load_dataset": ("europillar.dataset", "load"),
    "load_scenario": ("europillar.scenario.loader", "load_scenario"),
    "members": ("europillar.countries", "members"),
    "run": ("europillar.runner", "run"),
}

__all__ = [
    "DOMAINS",
    "Dataset",
    "InputError",
    "Result",
    "Scenario",
    "__version__",
    "load_dataset",
    "load_scenario",
    "members",
    "run",
]


def __getattr__(name: str) -> Any:
    if name in _API:
        module, attribute = _API[name]
        return getattr(importlib.import_module(module), attribute)
    raise AttributeError(f"module 'europillar' has no attribute {name!r}")
