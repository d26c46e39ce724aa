"""The US drawdown schedule per category from the scenario's ``[transition.us_drawdown]``."""

from __future__ import annotations

import numpy as np

from europillar.scenario.schema import Scenario
from europillar.scenario.sections.transition import Drawdown as DrawdownSpec
from europillar.scenario.sections.transition import TransitionSettings
from europillar.transition.model import (
    KIND_ABRUPT,
    KIND_CONDITIONAL,
    KIND_GRADUAL,
    KIND_NONE,
    KIND_SERIES,
    Drawdown,
)

KINDS = {
    "none": KIND_NONE,
    "gradual": KIND_GRADUAL,
    "abrupt": KIND_ABRUPT,
    "conditional": KIND_CONDITIONAL,
    "series": KIND_SERIES,
}


def drawdown_schedule(
    settings: TransitionSettings, scenario: Scenario, cats: tuple[str, ...], years: np.ndarray
) -> Drawdown:
    default = settings.us_drawdown.get(
        "default", DrawdownSpec.model_validate({"kind": "gradual", "start": 2027, "end": 2035})
    )
    n = len(cats)
    kind, start, end = np.zeros(n, int), np.zeros(n), np.zeros(n)
    floor, trigger, over = np.zeros(n), np.zeros(n), np.ones(n)
    series = np.ones((years.size, n))
    for i, c in enumerate(cats):
        spec = settings.us_drawdown.get(c, default)
        kind[i] = KINDS[spec.kind]
        floor[i] = (
            spec.floor_pct / 100.0
            if spec.floor_pct is not None
            else scenario.us_commitment.fraction(c)
        )
        if spec.kind == "gradual":
            start[i], end[i] = float(spec.start), float(spec.end)  # type: ignore[arg-type]
        elif spec.kind == "abrupt":
            start[i] = float(spec.year)  # type: ignore[arg-type]
        elif spec.kind == "conditional":
            trigger[i] = float(spec.european_coverage_pct)  # type: ignore[arg-type]
            over[i] = float(spec.over_years)
        elif spec.kind == "series":
            points = sorted((spec.remaining_pct or {}).items())
            xs = np.array([p[0] for p in points], float)
            ys = np.array([p[1] for p in points], float) / 100.0
            series[:, i] = np.interp(years, xs, ys)
    return Drawdown(kind, start, end, floor, trigger, over, series)
