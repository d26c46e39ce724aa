"""Benchmark: ISR coverage, one week of 20 satellites over the Baltic at two grid sizes.

Run:  python benchmarks/bench_isr.py [--repeats 3] [--fine-deg 0.0625]

Prints, measured in this run (min / median / max over the repeats) for a 0.25 deg grid
(1,680 points) and a 1/16 deg grid (26,880 points):
  * europillar's coverage step (blocks of time x square tiles of points, per-tile reach
    filter, gaps from visibility transitions, int32 counts);
  * the plain-numpy baseline a competent user would write: every satellite x step x point
    cosine by broadcasting (in time chunks so it fits in memory), "seen" = any satellite,
    longest gap from a running maximum of the last step seen; results compared;
  * peak traced memory of both;
  * a per-point pure-Python loop, timed on a sample of (step, point) pairs and scaled:
    shown for scale only, it is not a fair baseline;
  * with --previous REV, europillar's coverage step as of git revision REV (e.g. 39f9406,
    the running-maximum version), loaded from git and run on the same inputs.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import time
from datetime import datetime

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
from timing import header, peak_mib, ratio, repeat, spread

from europillar.isr import ElementSet, get_theatre, make_grid, propagate_ecef
from europillar.isr.coverage import Grid, central_angle_limit_rad, group_point_stats
from europillar.isr.orbits import (
    EARTH_RADIUS_KM,
    julian_date,
    raan_from_local_time,
    sun_synchronous_inclination_deg,
)

START = datetime(2025, 1, 1)
N_SAT, DAYS, STEP_S, FOR_DEG = 20, 7.0, 60.0, 30.0


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


def plain_numpy(
    ecef: np.ndarray, ok: np.ndarray, grid: Grid, chunk: int = 48
) -> dict[str, np.ndarray]:
    """Dense broadcasting baseline: (satellites, steps, points) cosines per time chunk."""
    n_t, n_g = ecef.shape[1], grid.unit.shape[0]
    radius = np.linalg.norm(ecef, axis=-1)
    unit = ecef / radius[..., None]
    cos_lam = np.cos(central_angle_limit_rad(radius, np.full((N_SAT, 1), FOR_DEG)))
    seen_steps = np.zeros(n_g, dtype=np.int64)
    accesses = np.zeros(n_g, dtype=np.int64)
    longest = np.zeros(n_g, dtype=np.int64)
    last = np.full(n_g, -1, dtype=np.int64)
    prev = np.zeros(n_g, dtype=bool)
    for t0 in range(0, n_t, chunk):
        sl = slice(t0, t0 + chunk)
        cos = np.einsum("stk,gk->stg", unit[:, sl], grid.unit)
        seen = ((cos >= cos_lam[:, sl, None]) & ok[:, sl, None]).any(axis=0)  # (steps, points)
        before = np.vstack([prev[None], seen[:-1]])
        accesses += (seen & ~before).sum(axis=0)
        seen_steps += seen.sum(axis=0)
        steps = np.arange(t0, t0 + seen.shape[0])[:, None]
        running = np.maximum.accumulate(np.vstack([last[None], np.where(seen, steps, -1)]), axis=0)
        longest = np.maximum(longest, (steps - running[1:]).max(axis=0))
        last, prev = running[-1], seen[-1]
    return {"accesses": accesses, "visible_steps": seen_steps, "max_gap_steps": longest}


def python_loop_seconds_per_pair(ecef: np.ndarray, grid_unit: np.ndarray, samples: int) -> float:
    rng = np.random.default_rng(0)
    ts = rng.integers(0, ecef.shape[1], samples)
    gs = rng.integers(0, grid_unit.shape[0], samples)
    start = time.perf_counter()
    for t, g in zip(ts, gs, strict=True):
        px, py, pz = grid_unit[g]
        for s in range(ecef.shape[0]):
            x, y, z = ecef[s, t]
            r = math.sqrt(x * x + y * y + z * z)
            eps = math.acos(min(1.0, math.sin(math.radians(FOR_DEG)) / (EARTH_RADIUS_KM / r)))
            lam = math.pi / 2 - math.radians(FOR_DEG) - eps
            if (x * px + y * py + z * pz) / r >= math.cos(lam):
                break
    return (time.perf_counter() - start) / samples


def previous_step(revision: str):  # type: ignore[no-untyped-def]
    """``group_point_stats`` of europillar at a git revision (read with git show)."""
    import importlib.util
    import subprocess
    import tempfile

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    code = subprocess.run(
        ["git", "-C", root, "show", f"{revision}:src/europillar/isr/coverage.py"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    path = os.path.join(tempfile.mkdtemp(), "coverage_previous.py")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(code)
    spec = importlib.util.spec_from_file_location("coverage_previous", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules["coverage_previous"] = module
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module.group_point_stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--fine-deg", type=float, default=0.0625)
    parser.add_argument("--previous", help="git revision of the coverage step to compare")
    args = parser.parse_args()
    header("ISR coverage")
    theatre = get_theatre("baltic")
    jd = julian_date(START) + np.arange(int(DAYS * 86400 / STEP_S)) * STEP_S / 86400.0
    t_prop, (ecef, ok) = repeat(lambda: propagate_ecef(synthetic_constellation(), jd), 1, warmup=0)
    print(
        f"{N_SAT} satellites x {jd.size:,} one-minute steps; propagation (sgp4) {t_prop[0]:.2f} s"
    )
    fov = np.full(N_SAT, FOR_DEG)
    for deg in (0.25, args.fine_deg):
        grid = make_grid(
            theatre.lat_min_deg, theatre.lat_max_deg, theatre.lon_min_deg, theatre.lon_max_deg, deg
        )
        n_g = grid.unit.shape[0]
        print(
            f"grid {deg:g} deg: {n_g:,} points ({N_SAT * jd.size * n_g:,} satellite-step-point tests)"
        )

        def run(g=grid):
            return group_point_stats(ecef, ok, fov, g, {"all": list(range(N_SAT))}, STEP_S)

        t_ours, ours = repeat(run, args.repeats)
        t_plain, plain = repeat(lambda g=grid: plain_numpy(ecef, ok, g), args.repeats)
        stats = ours["all"]
        same = (
            np.array_equal(stats.accesses, plain["accesses"])
            and np.array_equal(stats.visible_steps, plain["visible_steps"])
            and np.allclose(stats.max_gap_h, plain["max_gap_steps"] * STEP_S / 3600, rtol=0, atol=0)
        )
        print(f"  europillar coverage step : {spread(t_ours)}")
        print(f"  plain numpy broadcasting : {spread(t_plain)}")
        print(
            f"  plain numpy / europillar : {ratio(t_plain, t_ours)}; identical per-point "
            f"results: {same}"
        )
        if args.previous:
            old = previous_step(args.previous)
            t_old, _ = repeat(
                lambda g=grid, o=old: o(ecef, ok, fov, g, {"all": list(range(N_SAT))}, STEP_S),
                args.repeats,
            )
            print(f"  europillar at {args.previous}: {spread(t_old)}")
            print(f"  europillar at {args.previous} / now: {ratio(t_old, t_ours)}")
        print(
            f"  peak traced memory: europillar {peak_mib(run):,.0f} MiB, plain numpy "
            f"{peak_mib(lambda g=grid: plain_numpy(ecef, ok, g)):,.0f} MiB"
        )
        per_pair = python_loop_seconds_per_pair(ecef, grid.unit, 5000)
        print(
            f"  pure-Python per-point loop (for scale, not a baseline): {per_pair * 1e6:.1f} us "
            f"per (step, point), about {per_pair * jd.size * n_g:,.0f} s for the grid"
        )


if __name__ == "__main__":
    main()
