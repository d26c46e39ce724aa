"""The transition gap: year-by-year European build-up against the US drawdown (Monte Carlo)."""

from europillar.transition.engine import run_transition
from europillar.transition.inputs import build_model
from europillar.transition.model import Model, simulate
from europillar.transition.results import TransitionResult

__all__ = ["Model", "TransitionResult", "build_model", "run_transition", "simulate"]
