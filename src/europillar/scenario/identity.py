"""A scenario's identity: a content hash of the validated scenario, defaults included.

Two files that say the same thing (in any key order, with or without the defaults
written out) have the same hash; any change of a value changes it. Results carry the
hash in their metadata, so a table can always be traced to the exact scenario.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from europillar.scenario.schema import Scenario


def scenario_hash(scenario: Scenario) -> str:
    """First 16 hex digits of SHA-256 over the scenario's canonical JSON."""
    body = scenario.model_dump(mode="json")
    text = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
