"""Run the transition model: the central run plus the Monte Carlo, as one result."""

from __future__ import annotations

from collections.abc import Callable

from europillar.scenario.distributions import Uncertain, is_uncertain
from europillar.transition.model import Model
from europillar.transition.montecarlo import BLOCK, execute
from europillar.transition.results import (
    TransitionResult,
    category_frame,
    central_frame,
    central_run,
    fan_frame,
    gap_probability_frame,
    safe_drawdown_frame,
    sensitivity_frame,
    windows_frame,
)


def run_transition(
    model: Model,
    params: dict[str, Uncertain],
    draws: int,
    seed: int,
    chunk_draws: int = 16 * BLOCK,
    scheduler: str | None = None,
    workers: int | None = 1,
    on_progress: Callable[[int], None] | None = None,
    kernel: str = "auto",
) -> TransitionResult:
    """Central (deterministic) run and ``draws`` Monte Carlo draws with ``seed``.

    ``scheduler`` (a Dask scheduler address), ``workers`` (local processes; None chooses
    by draws and free cores) and ``kernel`` (numpy, numba or auto) only change where and
    how fast chunks run, never the result.
    """
    run = central_run(model, params)
    summary = execute(
        model, params, draws, seed, chunk_draws, scheduler, workers, on_progress, kernel
    )
    return TransitionResult(
        central=central_frame(model, run),
        fan=fan_frame(model, summary),
        gap_probability=gap_probability_frame(model, summary),
        categories=category_frame(model, run, summary),
        windows=windows_frame(model, run),
        safe_drawdown=safe_drawdown_frame(model, run),
        sensitivity=sensitivity_frame(params, summary),
        meta={
            "draws": draws,
            "seed": seed,
            "threshold_pct": model.threshold_pct,
            "start_year": int(model.years[0]),
            "end_year": int(model.years[-1]),
            "uncertain_parameters": sorted(p for p, v in params.items() if is_uncertain(v)),
            "policy": model.policy,
        },
    )
