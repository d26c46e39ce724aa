"""The transition gap: year-by-year European build-up against the US drawdown (Monte Carlo).

The engine contract: ``inputs(scenario, dataset) -> TransitionInputs`` (builds the model
from the data), ``run(inputs) -> TransitionResult`` (pure; where the draws run is an
option of ``run`` that never changes the result).
"""

from europillar.transition.engine import run, simulate_tables
from europillar.transition.model import Model, simulate
from europillar.transition.prepare import TransitionInputs, inputs
from europillar.transition.results import TransitionResult

DOMAIN = "transition"

__all__ = [
    "DOMAIN",
    "Model",
    "TransitionInputs",
    "TransitionResult",
    "inputs",
    "run",
    "simulate",
    "simulate_tables",
]
