"""Benchmark: transition Monte Carlo, compiled kernel vs numpy loop vs one draw per call.

Run:  python benchmarks/bench_transition.py [--draws 1000000] [--repeats 3] [--dask] [--no-memory]

Prints, all measured in this run (min / median / max over the repeats):
  * draws per second on one core with the compiled kernel (numba, if installed) and with
    the numpy loop, and their ratio: both give bit-identical results (checked here);
  * "vectorised vs one draw per call": the same model called once per draw, as a
    framework that runs one experiment per call would; this measures vectorisation, not a
    competing tool;
  * EMA Workbench (optional, pip install ema_workbench), the experiment runner a modeller
    would otherwise use: it calls the model once per experiment, so most of its time is
    europillar's own simulate(); shown for what it is;
  * peak traced memory at 10^6 and 10^7 draws (flat: summaries are merged as they arrive);
  * the automatic placement (in-process or local Dask workers) and, with --dask, one vs
    two local Dask workers.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import os
import sys
import warnings

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
from timing import header, peak_mib, rates, ratio, repeat

from europillar import dataset, transition
from europillar.scenario import load_scenario
from europillar.transition.cluster import choose_workers, free_cores
from europillar.transition.model import Draws, simulate
from europillar.transition.montecarlo import PARAMETERS, chunk_plans, execute
from europillar.transition.results import central_draws


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="replace_us_full")
    parser.add_argument("--draws", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--per-call-draws", type=int, default=2000)
    parser.add_argument("--ema-experiments", type=int, default=2000)
    parser.add_argument("--dask", action="store_true", help="also time 1 vs 2 Dask workers")
    parser.add_argument("--no-memory", action="store_true", help="skip the 10^7-draw memory run")
    args = parser.parse_args()
    header("transition Monte Carlo")

    inputs = transition.inputs(load_scenario(args.scenario), dataset.load())
    model, params = inputs.model, dict(inputs.params)
    uncertain = [p for p in PARAMETERS if not isinstance(params[p], float)]
    print(
        f"scenario {args.scenario}: {len(model.data.categories)} categories x "
        f"{model.years.size} years, uncertain: {', '.join(uncertain)}; {args.draws:,} draws"
    )
    n = args.draws
    kernels = ["numpy"] + (["numba"] if importlib.util.find_spec("numba") else [])
    times, summaries = {}, {}
    for kernel in kernels:
        times[kernel], summaries[kernel] = repeat(
            lambda k=kernel: execute(model, params, n, 1, kernel=k), args.repeats
        )
        print(f"one core, {kernel:5s} : {rates(times[kernel], n, 'draws/s')}")
    if "numba" in times:
        same = all(
            np.array_equal(getattr(summaries["numba"], f.name), getattr(summaries["numpy"], f.name))
            for f in dataclasses.fields(summaries["numpy"])
        )
        print(
            f"numba kernel vs numpy loop: {ratio(times['numpy'], times['numba'])}; "
            f"every summary field bit-identical: {same}"
        )
    else:
        print('numba kernel: skipped (pip install "europillar[fast]")')
    best = "numba" if "numba" in times else "numpy"

    base = central_draws(params)
    draws1 = [
        Draws(**{p: np.array([v]) for p, v in zip(PARAMETERS, row, strict=True)})
        for row in summaries[best].kept_params[: args.per_call_draws]
    ]

    def one_per_call() -> None:
        for d in draws1:
            simulate(model, d, detail=False)

    t_call, _ = repeat(one_per_call, args.repeats)
    print(
        f"one draw per call (simulate() on 1 draw, {len(draws1):,} calls): "
        f"{rates(t_call, len(draws1), 'draws/s')}"
    )
    per_draw_fast = [t / n for t in times[best]]
    per_draw_call = [t / len(draws1) for t in t_call]
    print(f"vectorised ({best}) vs one draw per call: {ratio(per_draw_call, per_draw_fast)}")

    if importlib.util.find_spec("ema_workbench"):
        os.environ["TQDM_DISABLE"] = "1"  # EMA's progress bars
        warnings.filterwarnings("ignore", message="ipyparallel")
        from ema_workbench import Model as EmaModel
        from ema_workbench import (
            RealParameter,
            ScalarOutcome,
            SequentialEvaluator,
            perform_experiments,
        )

        def ema_function(**kwargs: float) -> dict[str, float]:
            values = {p: np.array([kwargs.get(p, float(getattr(base, p)[0]))]) for p in PARAMETERS}
            cov = simulate(model, Draws(**values), detail=False).coverage_pct[0]
            return {"gap_years": float((cov < model.threshold_pct).any(axis=1).sum())}

        ema = EmaModel("transition", function=ema_function)
        ema.uncertainties = [
            RealParameter("gdp_growth", -0.01, 0.03),
            RealParameter("capacity_ramp", 0.0, 0.2),
            RealParameter("unit_cost_scale", 0.8, 1.4),
        ]
        ema.outcomes = [ScalarOutcome("gap_years")]

        def run_ema() -> None:
            with SequentialEvaluator(ema) as evaluator:
                perform_experiments(ema, args.ema_experiments, evaluator=evaluator)

        t_ema, _ = repeat(run_ema, args.repeats)
        print(
            f"EMA Workbench SequentialEvaluator ({args.ema_experiments:,} experiments): "
            f"{rates(t_ema, args.ema_experiments, 'draws/s')}; "
            f"its overhead over one draw per call: {ratio([t / args.ema_experiments for t in t_ema], per_draw_call)}"
        )
    else:
        print("EMA Workbench: skipped (pip install ema_workbench)")

    if not args.no_memory:
        for draws in (1_000_000, 10_000_000):
            mib = peak_mib(lambda d=draws: execute(model, params, d, 2, kernel=best))
            print(f"peak traced memory, {draws:>10,} draws ({best}): {mib:7.1f} MiB")

    plans = len(chunk_plans(n, 16 * 4096))
    print(
        f"automatic placement for {n:,} draws: {choose_workers(n, best, plans)} process(es) "
        f"(free cores now: {free_cores()})"
    )
    if args.dask:
        from dask.distributed import LocalCluster, Worker

        for workers in (1, 2):
            with LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                worker_class=Worker,
            ) as cluster:
                address = cluster.scheduler_address
                t_dask, _ = repeat(
                    lambda a=address: execute(
                        model, params, n, 1, chunk_draws=8 * 4096, scheduler=a, kernel=best
                    ),
                    args.repeats,
                )
            print(
                f"dask, {workers} worker(s) ({best}): {rates(t_dask, n, 'draws/s')}; "
                f"vs one process: {ratio(t_dask, times[best])} (above 1: slower)"
            )


if __name__ == "__main__":
    main()
