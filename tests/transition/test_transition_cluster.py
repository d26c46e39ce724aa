"""Where chunks run: the automatic choice between this process and local Dask workers."""

from __future__ import annotations

from europillar.transition.cluster import STARTUP_S, choose_workers, free_cores


def test_free_cores_subtracts_the_load_and_keeps_one() -> None:
    assert free_cores(cores=8, load=2.5) == 5
    assert free_cores(cores=2, load=3.0) == 1


def test_workers_only_when_the_start_up_is_repaid() -> None:
    # 10^6 numpy draws take about 6.7 s on one core: halving that saves 3.3 s < start-up.
    assert choose_workers(1_000_000, "numpy", 16, cores=2, load=0.0) == 1
    # 10^7 numpy draws: about 67 s alone, about 33 + 5 s on two idle cores.
    assert choose_workers(10_000_000, "numpy", 153, cores=2, load=0.0) == 2
    # The same run while a neighbour holds a core stays in-process.
    assert choose_workers(10_000_000, "numpy", 153, cores=2, load=1.2) == 1
    # Never more workers than chunks.
    assert choose_workers(10_000_000, "numpy", 3, cores=16, load=0.0) == 3
    # The compiled kernel is about 4x faster, so the same draws may not repay the start-up:
    # 4·10^6 draws take about 6.7 s alone and 3.3 s + STARTUP_S on two cores.
    assert STARTUP_S == 5.0
    assert choose_workers(4_000_000, "numba", 62, cores=2, load=0.0) == 1
    assert choose_workers(4_000_000, "numpy", 62, cores=2, load=0.0) == 2
