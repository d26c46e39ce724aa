"""Framework-nation assignment: which headquarters commands which contributed force.

With every headquarters directly under the decision node and each force commanded by
exactly one of them, losing headquarters h loses its load L_h = sum of the weights it
commands. The worst single loss is max_h L_h, so maximising the worst-case commanded
share after one loss is the min-max problem

    minimise z  s.t.  sum_h x_fh = 1 (each force),  sum_f w_f x_fh <= z and <= cap_h,
                      x_fh in {0, 1}, x_fh = 0 where force f may not use HQ h,

solved as a MIP with HiGHS; a brute-force search checks it on small instances. When a
current assignment is given, a second solve keeps z at its optimum and moves as few
forces as possible away from their current headquarters (framework nations kept where
they do not hurt resilience).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import highspy
import numpy as np

from europillar.errors import InputError
from europillar.highs import new_highs, run


@dataclass(frozen=True)
class Assignment:
    """Force -> headquarters, with the worst single-loss commanded share (percent)."""

    force_to_hq: dict[str, str]
    worst_single_loss_commanded_pct: float
    status: str
    moved: int | None = None


def _worst_pct(force_to_hq: Mapping[str, str], weights: Mapping[str, float]) -> float:
    loads: dict[str, float] = {}
    for force, hq in force_to_hq.items():
        loads[hq] = loads.get(hq, 0.0) + weights[force]
    return 100.0 * (1.0 - max(loads.values()) / sum(weights.values()))


def _allowed(
    forces: Sequence[str], hqs: Sequence[str], allowed: Mapping[str, Sequence[str]] | None
) -> dict[str, list[str]]:
    result = {}
    for f in forces:
        options = list(allowed[f]) if allowed and f in allowed else list(hqs)
        unknown = [h for h in options if h not in hqs]
        if unknown or not options:
            raise InputError(
                None, f"allowed[{f}]", options, "must list known headquarters", allowed=hqs
            )
        result[f] = options
    return result


def optimise_assignment(
    weights: Mapping[str, float],
    hqs: Sequence[str],
    allowed: Mapping[str, Sequence[str]] | None = None,
    capacity: Mapping[str, float] | None = None,
    current: Mapping[str, str] | None = None,
) -> Assignment:
    """Min-max load assignment by MIP (HiGHS); fewest moves from ``current`` among optima."""
    forces = sorted(weights)
    options = _allowed(forces, hqs, allowed)
    h = new_highs()
    inf = highspy.kHighsInf
    var: dict[tuple[str, str], int] = {}
    for f in forces:
        for hq in options[f]:
            var[(f, hq)] = h.getNumCol()
            h.addVar(0.0, 1.0)
    z = h.getNumCol()
    h.addVar(0.0, inf)
    h.changeColCost(z, 1.0)
    n_x = len(var)
    h.changeColsIntegrality(
        n_x, np.arange(n_x, dtype=np.int32), np.full(n_x, highspy.HighsVarType.kInteger)
    )
    for f in forces:
        idx = np.array([var[(f, hq)] for hq in options[f]], dtype=np.int32)
        h.addRow(1.0, 1.0, idx.size, idx, np.ones(idx.size))
    for hq in hqs:
        members = [(var[(f, hq)], weights[f]) for f in forces if (f, hq) in var]
        if not members:
            continue
        idx = np.array([m[0] for m in members] + [z], dtype=np.int32)
        val = np.array([m[1] for m in members] + [-1.0])
        h.addRow(-inf, 0.0, idx.size, idx, val)
        if capacity and hq in capacity:
            h.addRow(-inf, float(capacity[hq]), idx.size - 1, idx[:-1], val[:-1])
    run(h)
    status = h.modelStatusToString(h.getModelStatus())
    if status != "Optimal":
        raise InputError(
            None, "capacity", dict(capacity or {}), f"no feasible assignment ({status})"
        )
    moved = None
    if current:
        z_star = h.getSolution().col_value[z]
        h.changeColBounds(z, 0.0, z_star + 1e-9 * max(1.0, abs(z_star)))
        h.changeColCost(z, 0.0)
        for (f, hq), j in var.items():
            h.changeColCost(j, 0.0 if current.get(f) == hq else 1.0)
        run(h)
        status = h.modelStatusToString(h.getModelStatus())
    values = h.getSolution().col_value
    chosen = {f: hq for (f, hq), j in var.items() if values[j] > 0.5}
    if current:
        moved = sum(1 for f, hq in chosen.items() if current.get(f) != hq)
    return Assignment(chosen, round(_worst_pct(chosen, weights), 6), status, moved)


def brute_force_assignment(
    weights: Mapping[str, float],
    hqs: Sequence[str],
    allowed: Mapping[str, Sequence[str]] | None = None,
    capacity: Mapping[str, float] | None = None,
) -> Assignment:
    """Exhaustive search over all assignments (small instances only, for checking)."""
    forces = sorted(weights)
    options = _allowed(forces, hqs, allowed)
    best: tuple[float, dict[str, str]] | None = None
    for combo in itertools.product(*(options[f] for f in forces)):
        chosen = dict(zip(forces, combo, strict=False))
        if capacity:
            loads: dict[str, float] = {}
            for f, hq in chosen.items():
                loads[hq] = loads.get(hq, 0.0) + weights[f]
            if any(loads[hq] > capacity.get(hq, float("inf")) + 1e-9 for hq in loads):
                continue
        pct = _worst_pct(chosen, weights)
        if best is None or pct > best[0] + 1e-12:
            best = (pct, chosen)
    if best is None:
        raise InputError(None, "capacity", dict(capacity or {}), "no feasible assignment")
    return Assignment(best[1], round(best[0], 6), "Optimal")
