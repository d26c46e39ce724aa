"""Chunks run on a real Dask cluster give the same bits as one process."""

from __future__ import annotations

import dataclasses

import numpy as np

from europillar.scenario.distributions import Normal
from europillar.transition.montecarlo import BLOCK, execute


def test_dask_local_cluster_matches_single_process(make_three, make_params) -> None:
    model = make_three()
    params = make_params(gdp_growth=Normal(dist="normal", mean=0.01, std=0.01))
    n = 4 * BLOCK + 5
    single = execute(model, params, n, seed=11)
    seen: list[int] = []
    cluster = execute(
        model, params, n, seed=11, chunk_draws=BLOCK, workers=2, on_progress=seen.append
    )
    assert sum(seen) == n
    for field in dataclasses.fields(single):
        assert np.array_equal(getattr(single, field.name), getattr(cluster, field.name)), field.name


def test_scheduler_address_runs_on_that_cluster(make_three, make_params) -> None:
    from dask.distributed import LocalCluster

    model = make_three()
    params = make_params(gdp_growth=Normal(dist="normal", mean=0.01, std=0.01))
    n = 2 * BLOCK + 1
    single = execute(model, params, n, seed=12)
    with LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        remote = execute(
            model, params, n, seed=12, chunk_draws=BLOCK, scheduler=cluster.scheduler_address
        )
    assert np.array_equal(single.counts, remote.counts)
    assert np.array_equal(single.sums, remote.sums)
