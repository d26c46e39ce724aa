"""Learning curves: what an order of n units costs, and its piecewise-linear form for the MIP.

We use Wright's cumulative-average model: the average unit cost of the first n units is
A * n**b with b = log2(learning rate). A candidate's cited price is an average unit cost for
a cited reference order of ``ref_quantity`` units; A is calibrated so that the model returns
that price at that quantity. The total cost n * A * n**b is concave in n, so the optimiser
needs binaries to represent it (a concave cost minimised is not convex).
"""

from __future__ import annotations

import math

import numpy as np


def exponent(learning_rate_pct: float) -> float:
    """b in avg(n) = A n^b; a 90 % curve gives b = log2(0.9) = -0.152."""
    if not 0 < learning_rate_pct <= 100:
        raise ValueError(f"learning rate must be in (0, 100] percent, got {learning_rate_pct}")
    return math.log2(learning_rate_pct / 100.0)


def order_cost(
    units: float, unit_cost_ref: float, ref_quantity: float, learning_rate_pct: float
) -> float:
    """Total cost of an order of ``units`` (same money unit as ``unit_cost_ref``)."""
    if units <= 0:
        return 0.0
    b = exponent(learning_rate_pct)
    return float(unit_cost_ref * ref_quantity * (units / ref_quantity) ** (1.0 + b))


def average_unit_cost(
    units: float, unit_cost_ref: float, ref_quantity: float, learning_rate_pct: float
) -> float:
    """Average unit cost of an order of ``units``; NaN for an empty order."""
    if units <= 0:
        return float("nan")
    return order_cost(units, unit_cost_ref, ref_quantity, learning_rate_pct) / units


def breakpoints(upper: int) -> list[int]:
    """0, 1, 2, 4, 8, ..., upper: dense where the curve bends most, few segments overall."""
    if upper <= 0:
        return [0]
    points = [0]
    step = 1
    while step < upper:
        points.append(step)
        step *= 2
    points.append(int(upper))
    return points


def piecewise(
    upper: int, unit_cost_ref: float, ref_quantity: float, learning_rate_pct: float
) -> tuple[np.ndarray, np.ndarray]:
    """Segment lengths and slopes (cost per unit inside each segment) of the chord interpolant.

    The chords meet the exact curve at every breakpoint, so a plan whose quantities sit on
    breakpoints is costed exactly; between breakpoints the chord lies below the concave curve.
    """
    points = breakpoints(upper)
    costs = [order_cost(p, unit_cost_ref, ref_quantity, learning_rate_pct) for p in points]
    lengths = np.diff(np.asarray(points, dtype=float))
    slopes = np.diff(np.asarray(costs, dtype=float)) / lengths if len(lengths) else np.array([])
    return lengths, slopes
