"""Benchmark: one week of a 20-satellite constellation over a 0.25 deg grid of the Baltic.

The vectorised engine (satellites x time x grid, chunked in time, with a theatre pre-filter)
is compared, in the same run, with a naive per-point Python loop timed on a random
subsample of (time, point) pairs and scaled to the full problem. Prints the ratio.
Run: /work/venv/bin/python benchmarks/bench_isr.py
"""

from __future__ import annotations

import math
import time
from datetime import datetime

import numpy as np

from europillar.isr import ElementSet, get_theatre, make_grid, propagate_ecef
from europillar.isr.coverage import central_angle_limit_rad, group_point_stats
from europillar.isr.orbits import (
    EARTH_RADIUS_KM,
    julian_date,
    raan_from_local_time,
    sun_synchronous_inclination_deg,
)

START = datetime(2025, 1, 1)
N_SAT, DAYS, STEP_S, GRID_DEG, FOR_DEG = 20, 7.0, 60.0, 0.25, 30.0


def synthetic_constellation() -> list[ElementSet]:
    """20 satellites, 5 sun-synchronous planes x 4, 600 km (a test pattern, not data)."""
    a = EARTH_RADIUS_KM + 600.0
    inc = sun_synchronous_inclination_deg(a)
    return [
        ElementSet(
            f"b{p}{k}",
            START,
            a,
            0.0,
            inc,
            (raan_from_local_time(10.5, START) + 36.0 * p) % 360,
            0.0,
            90.0 * k + 18 * p,
        )
        for p in range(5)
        for k in range(4)
    ]


def naive_seconds_per_pair(ecef: np.ndarray, grid_unit: np.ndarray, samples: int) -> float:
    """Time a per-point Python loop (all satellites) on random (time, point) pairs."""
    rng = np.random.default_rng(0)
    ts = rng.integers(0, ecef.shape[1], samples)
    gs = rng.integers(0, grid_unit.shape[0], samples)
    start = time.perf_counter()
    seen = 0
    for t, g in zip(ts, gs, strict=False):
        px, py, pz = grid_unit[g]
        for s in range(ecef.shape[0]):
            x, y, z = ecef[s, t]
            r = math.sqrt(x * x + y * y + z * z)
            sin_rho = EARTH_RADIUS_KM / r
            eps = math.acos(min(1.0, math.sin(math.radians(FOR_DEG)) / sin_rho))
            lam = math.pi / 2 - math.radians(FOR_DEG) - eps
            if (x * px + y * py + z * pz) / r >= math.cos(lam):
                seen += 1
                break
    return (time.perf_counter() - start) / samples


def main() -> None:
    theatre = get_theatre("baltic")
    grid = make_grid(
        theatre.lat_min_deg, theatre.lat_max_deg, theatre.lon_min_deg, theatre.lon_max_deg, GRID_DEG
    )
    jd = julian_date(START) + np.arange(int(DAYS * 86400 / STEP_S)) * STEP_S / 86400.0
    t0 = time.perf_counter()
    ecef, ok = propagate_ecef(synthetic_constellation(), jd)
    t_prop = time.perf_counter() - t0
    t0 = time.perf_counter()
    stats = group_point_stats(
        ecef, ok, np.full(N_SAT, FOR_DEG), grid, {"all": list(range(N_SAT))}, STEP_S
    )
    t_vec = time.perf_counter() - t0
    pairs = jd.size * grid.unit.shape[0]
    per_pair = naive_seconds_per_pair(ecef, grid.unit, samples=20000)
    t_naive = per_pair * pairs
    assert central_angle_limit_rad(np.array([EARTH_RADIUS_KM + 600.0]), FOR_DEG).size == 1
    print(
        f"problem: {N_SAT} satellites x {jd.size} steps x {grid.unit.shape[0]} grid points"
        f" ({N_SAT * pairs:,} satellite-step-point tests)"
    )
    print(f"propagation (sgp4 SatrecArray): {t_prop:.2f} s")
    print(
        f"vectorised coverage: {t_vec:.2f} s "
        f"(mean accesses/point {stats['all'].accesses.mean():.1f})"
    )
    print(
        f"naive per-point loop: {per_pair * 1e6:.1f} us per (step, point) on 20,000 samples,"
        f" scaled to {t_naive:.0f} s"
    )
    print(f"speed-up ratio naive/vectorised: {t_naive / t_vec:.0f}x")


if __name__ == "__main__":
    main()
