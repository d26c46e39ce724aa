"""The transition engine: the central run plus the Monte Carlo, as one result (pure).

``run(inputs)`` computes; its keyword options only choose where the draws run (in this
process, on local worker processes or on a Dask cluster), with which kernel (numpy or
the compiled numba one) and who hears about progress, never the result: the same inputs
give bit-identical tables everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pandas as pd

from europillar.result import make_meta
from europillar.scenario.distributions import Uncertain, is_uncertain
from europillar.transition.model import Model
from europillar.transition.montecarlo import BLOCK, execute
from europillar.transition.prepare import TransitionInputs
from europillar.transition.results import (
    EUROPE_ALONE_PROB_PCT,
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
from europillar.transition.sobol import sobol_indices

DEFAULT_CHUNK = 16 * BLOCK


def run(
    inputs: TransitionInputs,
    *,
    chunk_draws: int = DEFAULT_CHUNK,
    scheduler: str | None = None,
    workers: int | None = 1,
    kernel: str = "auto",
    on_progress: Callable[[float, str], None] | None = None,
) -> TransitionResult:
    """Central (deterministic) run and the inputs' Monte Carlo draws with their seed.

    ``scheduler`` (a Dask scheduler address) or ``workers > 1`` (local processes) need
    the ``dask`` extra; ``workers=None`` chooses by draws and free cores (in this process
    when the extra is not installed); ``on_progress(fraction, message)`` hears after
    every chunk.
    """
    from europillar.extras import missing, require

    if scheduler is not None or (workers is not None and workers > 1):
        require("dask", "running the transition on Dask (--scheduler or --workers)")
    if workers is None and missing("dask"):
        workers = 1
    draws = inputs.draws
    counted = [0]

    def advance(k: int) -> None:
        counted[0] += k
        if on_progress is not None:
            on_progress(min(counted[0] / draws, 1.0), f"{counted[0]} of {draws} draws")

    tables = simulate_tables(
        inputs.model,
        inputs.params,
        draws,
        inputs.seed,
        chunk_draws,
        scheduler,
        workers,
        advance,
        kernel,
    )
    model, params = inputs.model, inputs.params
    if inputs.coverage is not None and not inputs.coverage.empty:
        tables = {**tables, "coverage": inputs.coverage}
    sobol, sobol_meta = sobol_indices(model, params, inputs.settings.sobol_samples, inputs.seed)
    tables["sobol"] = sobol
    return TransitionResult(
        tables=tables,
        sources=model.source_ids,
        notes=inputs.notes,
        missing=(),
        meta=make_meta(
            "transition",
            inputs.origin,
            seed=inputs.seed,
            draws=draws,
            threshold_pct=model.threshold_pct,
            start_year=int(model.years[0]),
            end_year=int(model.years[-1]),
            uncertain_parameters=sorted(p for p, v in params.items() if is_uncertain(v)),
            policy=model.policy,
            categories=list(model.data.categories),
            europe_alone_probability_pct=EUROPE_ALONE_PROB_PCT,
            shortfall_above_pct=100.0 - model.threshold_pct,
            sobol=sobol_meta,
        ),
    )


def simulate_tables(
    model: Model,
    params: Mapping[str, Uncertain],
    draws: int,
    seed: int,
    chunk_draws: int = DEFAULT_CHUNK,
    scheduler: str | None = None,
    workers: int | None = 1,
    on_progress: Callable[[int], None] | None = None,
    kernel: str = "auto",
) -> dict[str, pd.DataFrame]:
    """The result tables of ``draws`` Monte Carlo draws with ``seed`` (tests call this
    with small hand-made models)."""
    run_ = central_run(model, params)
    summary = execute(
        model, dict(params), draws, seed, chunk_draws, scheduler, workers, on_progress, kernel
    )
    return {
        "central": central_frame(model, run_),
        "fan": fan_frame(model, summary),
        "gap_probability": gap_probability_frame(model, summary),
        "categories": category_frame(model, run_, summary),
        "windows": windows_frame(model, run_),
        "safe_drawdown": safe_drawdown_frame(model, run_),
        "sensitivity": sensitivity_frame(params, summary),
    }
