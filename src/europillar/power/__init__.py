"""Military power: blocs (EU27, European NATO, coalitions) against the USA, Russia, China.

The engine contract: ``inputs(scenario, dataset) -> PowerInputs`` (blocs, years,
figures), ``run(inputs) -> PowerResult`` (pure). ``compare`` and friends are the
building blocks, on explicit DataFrames.
"""

from europillar.power.comparison import (
    COMPARE_COLUMNS,
    DEFAULT_BLOCS,
    DEFAULT_INDICATORS,
    INDICATORS,
    IndicatorSpec,
    coalition,
    compare,
    index_observations,
    real_index,
    resolve_blocs,
)
from europillar.power.engine import PowerResult, run
from europillar.power.prepare import PowerInputs, inputs

DOMAIN = "power"

__all__ = [
    "COMPARE_COLUMNS",
    "DEFAULT_BLOCS",
    "DEFAULT_INDICATORS",
    "DOMAIN",
    "INDICATORS",
    "IndicatorSpec",
    "PowerInputs",
    "PowerResult",
    "coalition",
    "compare",
    "index_observations",
    "inputs",
    "real_index",
    "resolve_blocs",
    "run",
]
