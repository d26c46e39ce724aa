"""Benchmark: transition Monte Carlo throughput, worker scaling, and EMA Workbench.

Run:  python benchmarks/bench_transition.py [--draws 1000000] [--ema-experiments 2000]

Prints, all measured in this run:
  * draws per second on one core (vectorised numpy, chunked);
  * the speed-up from 1 to 2 local Dask worker processes (cluster start-up excluded);
  * the same model run through EMA Workbench's experiment runner (SequentialEvaluator),
    one experiment per draw, and europillar's speed-up over it.
EMA Workbench is optional (pip install ema_workbench); without it that line is skipped.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from europillar import dataset, transition
from europillar.scenario import load_scenario
from europillar.transition.model import Draws, simulate
from europillar.transition.montecarlo import PARAMETERS, execute
from europillar.transition.results import central_draws


def timed(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="replace_us_full")
    parser.add_argument("--draws", type=int, default=1_000_000)
    parser.add_argument("--ema-experiments", type=int, default=2000)
    args = parser.parse_args()

    inputs = transition.inputs(load_scenario(args.scenario), dataset.load())
    model, params = inputs.model, dict(inputs.params)
    print(
        f"scenario {args.scenario}: {len(model.data.categories)} categories, "
        f"{model.years.size} years, uncertain: "
        f"{', '.join(p for p in PARAMETERS if not isinstance(params[p], float)) or 'none'}"
    )

    execute(model, params, 2048, seed=0)  # warm-up
    _, t1 = timed(execute, model, params, args.draws, 1)
    rate1 = args.draws / t1
    print(f"one core        : {args.draws:>9,} draws in {t1:7.2f} s = {rate1:12,.0f} draws/s")

    from dask.distributed import LocalCluster, Worker

    rates = {}
    for n_workers in (1, 2):
        with LocalCluster(
            n_workers=n_workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            worker_class=Worker,
        ) as cluster:
            address = cluster.scheduler_address
            execute(model, params, 8192, 0, scheduler=address)  # warm-up: workers import
            _, tw = timed(
                execute, model, params, args.draws, 1, chunk_draws=8 * 4096, scheduler=address
            )
        rates[n_workers] = args.draws / tw
        print(
            f"dask, {n_workers} worker{'s' if n_workers > 1 else ' '}: {args.draws:>9,} draws in "
            f"{tw:7.2f} s = {rates[n_workers]:12,.0f} draws/s"
        )
    print(
        f"scaling 1 -> 2 workers: {rates[2] / rates[1]:.2f}x (machine has "
        f"{__import__('os').cpu_count()} cores)"
    )

    try:
        from ema_workbench import Model as EmaModel
        from ema_workbench import (
            RealParameter,
            ScalarOutcome,
            SequentialEvaluator,
            ema_logging,  # noqa: F401
            perform_experiments,
        )
    except ImportError:
        print("EMA Workbench   : skipped (pip install ema_workbench)")
        return

    base = central_draws(params)

    def ema_function(**kwargs: float) -> dict[str, float]:
        values = {p: np.array([kwargs.get(p, float(getattr(base, p)[0]))]) for p in PARAMETERS}
        cov = simulate(model, Draws(**values)).coverage_pct[0]
        return {"gap_years": float((cov < model.threshold_pct).any(axis=1).sum())}

    ema_model = EmaModel("transition", function=ema_function)
    ema_model.uncertainties = [
        RealParameter("gdp_growth", -0.01, 0.03),
        RealParameter("capacity_ramp", 0.0, 0.2),
        RealParameter("unit_cost_scale", 0.8, 1.4),
    ]
    ema_model.outcomes = [ScalarOutcome("gap_years")]
    with SequentialEvaluator(ema_model) as evaluator:
        _, te = timed(perform_experiments, ema_model, args.ema_experiments, evaluator=evaluator)
    rate_e = args.ema_experiments / te
    print(
        f"EMA Workbench   : {args.ema_experiments:>9,} experiments in {te:7.2f} s = "
        f"{rate_e:12,.0f} draws/s  (europillar one core is {rate1 / rate_e:,.0f}x faster)"
    )


if __name__ == "__main__":
    main()
