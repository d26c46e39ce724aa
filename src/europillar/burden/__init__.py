"""Burden sharing in NATO: shares of GDP, gaps to the 2 % / 3.5 % / 5 % targets,
the US share of Allied spending and the Olson–Zeckhauser exploitation test.

The engine contract: ``inputs(scenario, dataset) -> BurdenInputs``,
``run(inputs) -> BurdenResult`` (pure). The building blocks take explicit DataFrames.
"""

from europillar.burden.engine import BurdenResult, run
from europillar.burden.prepare import BurdenInputs, inputs
from europillar.burden.sharing import (
    BURDEN_COLUMNS,
    OlsonZeckhauser,
    Target,
    burden_table,
    gap_to_target,
    gap_totals,
    olson_zeckhauser,
    olson_zeckhauser_by_year,
    targets_from,
    us_share_of_nato,
)

DOMAIN = "burden"

__all__ = [
    "BURDEN_COLUMNS",
    "DOMAIN",
    "BurdenInputs",
    "BurdenResult",
    "OlsonZeckhauser",
    "Target",
    "burden_table",
    "gap_to_target",
    "gap_totals",
    "inputs",
    "olson_zeckhauser",
    "olson_zeckhauser_by_year",
    "run",
    "targets_from",
    "us_share_of_nato",
]
