"""Country profiles: one state's spending, forces, orders, priorities, votes and fair share.

The engine contract: ``inputs(scenario, dataset, iso3=...) -> ProfileInputs``,
``run(inputs) -> ProfileResult`` (pure). The CLI (``europillar country ISO3``), the web
app (``/country/ISO3``) and the report's appendix all show this one result.
"""

from europillar.profile.engine import SHOWN_COLUMNS, ProfileResult, run
from europillar.profile.prepare import ProfileInputs, inputs

DOMAIN = "profile"

__all__ = ["DOMAIN", "SHOWN_COLUMNS", "ProfileInputs", "ProfileResult", "inputs", "run"]
