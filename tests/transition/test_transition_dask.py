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
    cluster = execute(model, params, n, seed=11, chunk_draws=BLOCK, workers=2,
                      on_progress=seen.append)
    assert sum(seen) == n
    for field in dataclasses.fields(single):
        assert np.array_equal(getattr(single, field.name), getattr(cluster, field.name)), field.name
