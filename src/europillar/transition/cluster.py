"""Where the Monte Carlo chunks run: in this process, on local Dask workers, or on a cluster.

Placement never changes the result (``montecarlo.py`` explains why); it only changes the
time. A local Dask cluster costs a start-up (scheduler, worker processes importing
numpy/pandas/europillar, numba loading its cached kernel): about 1 s of CPU plus a few
seconds of wall time on the 2-core machine of ``benchmarks/bench_transition.py``, where
two workers beside a busy neighbour were 1.1–1.2x *slower* than one process at 10^6 to
4·10^6 draws. So :func:`choose_workers` starts workers only when the run is long enough
to repay the start-up and at least two cores are idle.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from europillar.scenario.distributions import Uncertain
from europillar.transition.model import Model

if TYPE_CHECKING:
    from europillar.transition.montecarlo import Accumulator

# Draws per second on one core, replace_us_full (benchmarks/bench_transition.py, min of
# repeats on the 2-core benchmark machine, rounded down): the basis of the estimate only.
RATE_PER_CORE = {"numba": 600_000.0, "numpy": 150_000.0}
STARTUP_S = 5.0  # local cluster start-up, wall seconds (measured 2-4 s; rounded up)


def free_cores(cores: int | None = None, load: float | None = None) -> int:
    """Cores not busy with other work: CPU count minus the 1-minute load average."""
    if cores is None:
        cores = os.cpu_count() or 1
    if load is None:
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    return max(1, int(cores - load))


def choose_workers(
    n_draws: int,
    kernel: str,
    n_chunks: int,
    cores: int | None = None,
    load: float | None = None,
) -> int:
    """Local worker processes for a run (1 = in-process).

    In-process time is estimated as ``n_draws / RATE_PER_CORE[kernel]``; with w workers
    it is that divided by w plus ``STARTUP_S``. Workers are used only when that is
    shorter, with at most one worker per free core and per chunk.
    """
    workers = min(free_cores(cores, load), n_chunks)
    if workers < 2:
        return 1
    serial_s = n_draws / RATE_PER_CORE[kernel]
    return workers if serial_s / workers + STARTUP_S < serial_s else 1


def execute_dask(
    model: Model,
    params: dict[str, Uncertain],
    seed: int,
    plans: list[list[tuple[int, int]]],
    kernel: str,
    acc: Accumulator,
    scheduler: str | None,
    workers: int,
    on_progress: Callable[[int], None] | None,
) -> None:
    """Run the chunks on Dask and fold each summary into ``acc`` as it completes."""
    from dask.distributed import Client, LocalCluster, Worker, as_completed

    from europillar.transition.montecarlo import run_chunk

    cluster = None
    if scheduler is None:
        # Plain workers, no nannies: a nanny only restarts dead workers, and the
        # nanny-managed worker ran this loop about 1.5x slower in our benchmark.
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            worker_class=Worker,
        )
        client = Client(cluster)
    else:
        client = Client(scheduler)
    try:
        model_f = client.scatter(model, broadcast=True)
        params_f = client.scatter(params, broadcast=True)
        futures = {
            client.submit(run_chunk, model_f, params_f, seed, plan, kernel, pure=False): plan
            for plan in plans
        }
        for future in as_completed(futures):
            acc.add(future.result())
            plan = futures.pop(future)  # release the chunk's result on the worker
            if on_progress:
                on_progress(sum(n for _, n in plan))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
