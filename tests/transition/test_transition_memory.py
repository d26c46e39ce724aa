"""Monte Carlo memory does not grow with the number of draws (a correctness property).

Chunk summaries are folded in as they arrive. Before that, every 65,536-draw chunk kept
its histogram until the end: for this 1-category, 3-year model that is 96 KB a chunk,
so 10^7 draws held about 14 MiB more than 10^6. Peak traced allocations (tracemalloc
sees numpy's buffers) must now agree within 1 MiB.
"""

from __future__ import annotations

import tracemalloc

from europillar.scenario.distributions import Normal
from europillar.transition.montecarlo import execute


def _peak_bytes(model, params, draws: int) -> int:  # type: ignore[no-untyped-def]
    tracemalloc.start()
    try:
        execute(model, params, draws, seed=3)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_peak_memory_is_flat_from_one_to_ten_million_draws(make_one, make_params) -> None:
    model = make_one(3)
    params = make_params(gdp_growth=Normal(dist="normal", mean=0.01, std=0.01))
    execute(model, params, 5000, seed=3)  # warm-up: imports and compiled kernel outside the trace
    small = _peak_bytes(model, params, 1_000_000)
    large = _peak_bytes(model, params, 10_000_000)
    assert abs(large - small) < 1 << 20, (small, large)
