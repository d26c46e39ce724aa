"""Global sensitivity of the year Europe stands alone: Sobol indices with SALib.

Which uncertain parameters drive the first year in which European forces alone reach the
threshold in every category? Variance-based (Sobol) first-order S1 and total-order ST
indices, estimated with SALib: Saltelli's scheme on a scrambled Sobol sequence
(``SALib.sample.sobol``, N base samples, N x (k + 2) model runs for k uncertain
parameters) and ``SALib.analyze.sobol`` with bootstrap confidence intervals.

The sample lives on the unit hypercube and is mapped through each parameter's inverse
CDF (its distribution in the scenario), so every parameter keeps its own distribution.
The outcome of a run is the year Europe stands alone; a run in which it never does counts
as the year after the horizon (censored, stated in the result). Both the sequence's
scrambling and the bootstrap take the scenario seed, so the indices are reproducible bit
for bit; the runs are the same deterministic model the Monte Carlo uses.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from europillar.scenario.distributions import (
    Discrete,
    LogNormal,
    Normal,
    Triangular,
    Uncertain,
    Uniform,
    central,
    is_uncertain,
)
from europillar.transition.model import Draws, Model, simulate
from europillar.transition.montecarlo import BLOCK, PARAMETERS

SOBOL_COLUMNS = ["outcome", "parameter", "S1", "S1_conf", "ST", "ST_conf"]
YEAR = "europe_alone_year"
COVERAGE = "europe_alone_coverage_mid_pct"


def ppf(value: Uncertain, u: np.ndarray) -> np.ndarray:
    """The distribution's quantile function at ``u`` in (0, 1) (numbers: constant)."""
    from scipy import stats

    if isinstance(value, (int, float)):
        return np.full(u.shape, float(value))
    inner, factor = getattr(value, "inner", None), getattr(value, "factor", 1.0)
    if inner is not None:  # a scaled distribution (percent in the file, fraction inside)
        return ppf(inner, u) * float(factor)
    if isinstance(value, Normal):
        return value.mean + value.std * stats.norm.ppf(u) if value.std > 0 else u * 0 + value.mean
    if isinstance(value, LogNormal):
        return np.exp(np.log(value.median) + value.sigma * stats.norm.ppf(u))
    if isinstance(value, Triangular):
        width = value.max - value.min
        if width <= 0:
            return np.full(u.shape, value.min)
        return stats.triang.ppf(u, (value.mode - value.min) / width, value.min, width)
    if isinstance(value, Uniform):
        return value.min + u * (value.max - value.min)
    if isinstance(value, Discrete):
        cum = np.cumsum(np.asarray(value.probabilities, dtype=float))
        index = np.minimum(np.searchsorted(cum / cum[-1], u, side="right"), len(cum) - 1)
        return np.asarray(value.values, dtype=float)[index]
    raise TypeError(f"no quantile function for {type(value).__name__}")


def outcomes(model: Model, draws: Draws) -> tuple[np.ndarray, np.ndarray]:
    """Per draw: the first year European-only coverage reaches the threshold in every
    category (end year + 1 when it never does), and the lowest European-only coverage
    over the categories in the middle year of the horizon (a continuous companion that
    still varies when the year does not)."""
    run = simulate(model, draws, detail=False)
    alone: np.ndarray = np.asarray((run.european_pct >= model.threshold_pct).all(axis=2))
    years = model.years
    first = np.where(alone.any(axis=1), alone.argmax(axis=1), years.size)
    year = np.where(first < years.size, years[np.minimum(first, years.size - 1)], years[-1] + 1)
    middle = run.european_pct[:, years.size // 2, :].min(axis=1)
    return year, middle


def sobol_indices(
    model: Model, params: Mapping[str, Uncertain], base_samples: int, seed: int
) -> tuple[pd.DataFrame, dict[str, Any]]:
    """(indices, meta): S1 and ST with confidence half-widths per uncertain parameter."""
    from SALib.analyze import sobol as analyze
    from SALib.sample import sobol as sample

    names = [p for p in PARAMETERS if is_uncertain(params[p])]
    meta: dict[str, Any] = {
        "base_samples": base_samples,
        "seed": seed,
        "outcome": f"{YEAR}: first year Europe alone reaches the threshold in every "
        f"category (never: {int(model.years[-1]) + 1}); {COVERAGE}: lowest European-only "
        f"coverage over the categories in {int(model.years[model.years.size // 2])}",
        "method": "SALib Saltelli/Sobol sequence (scrambled), first and total order",
    }
    if base_samples < 1 or len(names) < 2:
        meta["runs"] = 0
        return pd.DataFrame(columns=SOBOL_COLUMNS), meta
    problem = {"num_vars": len(names), "names": names, "bounds": [[0.0, 1.0]] * len(names)}
    unit = sample.sample(problem, base_samples, calc_second_order=False, scramble=True, seed=seed)
    # keep the quantile functions away from 0 and 1 (infinite tails of normal laws)
    unit = np.clip(unit, 1e-9, 1.0 - 1e-9)
    outcome = np.empty(unit.shape[0])
    coverage = np.empty(unit.shape[0])
    for start in range(0, unit.shape[0], BLOCK):
        rows = unit[start : start + BLOCK]
        values = {
            p: ppf(params[p], rows[:, names.index(p)])
            if p in names
            else np.full(rows.shape[0], central(params[p]))
            for p in PARAMETERS
        }
        found_year, found_cov = outcomes(model, Draws(**values))
        outcome[start : start + rows.shape[0]] = found_year
        coverage[start : start + rows.shape[0]] = found_cov
    meta["runs"] = int(unit.shape[0])
    meta["never_pct"] = float(100.0 * np.mean(outcome > model.years[-1]))
    frames = []
    for name, result in ((YEAR, outcome), (COVERAGE, coverage)):
        if np.all(result == result[0]):
            meta[f"{name}_note"] = f"{name} is {result[0]:g} in every run: no variance to apportion"
            continue
        found = analyze.analyze(
            problem, result, calc_second_order=False, print_to_console=False, seed=seed
        )
        frame = pd.DataFrame(
            {
                "outcome": name,
                "parameter": names,
                "S1": found["S1"],
                "S1_conf": found["S1_conf"],
                "ST": found["ST"],
                "ST_conf": found["ST_conf"],
            }
        )
        frames.append(frame.sort_values(["ST", "parameter"], ascending=[False, True]))
    if not frames:
        return pd.DataFrame(columns=SOBOL_COLUMNS), meta
    return pd.concat(frames, ignore_index=True), meta
