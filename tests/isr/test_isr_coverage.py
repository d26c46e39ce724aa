"""Coverage: seen under the track, never seen far away, run statistics, brute force."""

from __future__ import annotations

import math
import subprocess
import sys
from datetime import datetime

import numpy as np
import pandas as pd
import pytest

from europillar.errors import InputError
from europillar.isr import (
    CoverageRun,
    ElementSet,
    Theatre,
    central_angle_limit_rad,
    get_theatre,
    load_satellites,
    make_grid,
    propagate_ecef,
    theatre_coverage,
)
from europillar.isr.catalogue import raan_from_local_time
from europillar.isr.coverage import _finish, _RunState, group_point_stats
from europillar.isr.orbits import EARTH_RADIUS_KM, julian_date, subsatellite_lat_lon

START = datetime(2025, 1, 1)


def _satellites(inclination: float, altitude: float = 500.0) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "sat_id": "t1",
                "constellation": "Test",
                "bloc": "europe",
                "sensor_type": "sar",
                "status": "operational",
                "perigee_km": altitude,
                "apogee_km": altitude,
                "inclination_deg": inclination,
                "sun_synchronous": "false",
                "ltan_h": 12.0,
                "raan_offset_deg": 0.0,
                "phase_deg": 0.0,
                "source_id": "isr_def_europillar",
            }
        ]
    )


def test_central_angle_limit_hand_calculation() -> None:
    # 500 km, eta = 30 deg: sin(rho) = 6378.137/6878.137 = 0.92731,
    # eps = acos(0.5/0.92731) = 57.371 deg, lambda = 90 - 30 - 57.371 = 2.629 deg.
    lam = central_angle_limit_rad(np.array([EARTH_RADIUS_KM + 500.0]), 30.0)
    assert math.degrees(float(lam[0])) == pytest.approx(2.629, abs=0.001)
    # Pointing beyond the horizon is capped at the horizon: 90 - rho = 21.96 deg.
    lam = central_angle_limit_rad(np.array([EARTH_RADIUS_KM + 500.0]), 89.0)
    assert math.degrees(float(lam[0])) == pytest.approx(
        90 - math.degrees(math.asin(0.927306)), abs=0.001
    )


def test_point_under_the_ground_track_is_seen() -> None:
    sats = _satellites(60.0)
    element = ElementSet(
        "t1", START, EARTH_RADIUS_KM + 500.0, 0.0, 60.0, raan_from_local_time(12.0, START), 0.0, 0.0
    )
    t = np.array([0.0, 600.0, 1200.0])
    ecef, _ = propagate_ecef([element], julian_date(START) + t / 86400.0)
    lat, lon = subsatellite_lat_lon(ecef[0])
    box = Theatre("dot", "dot", lat[2] - 0.05, lat[2] + 0.05, lon[2] - 0.05, lon[2] + 0.05)
    run = CoverageRun(
        start=START, days=1 / 24, step_seconds=60.0, grid_deg=0.1, field_of_regard_deg=30.0
    )
    result = theatre_coverage(box, sats, run)
    row = result.table.set_index("group").loc["Test"]
    assert row["points_seen_pct"] == pytest.approx(100.0)
    assert row["accesses_per_day"] > 0


def test_point_far_outside_the_swath_is_never_seen() -> None:
    # A 10 deg inclined orbit at 500 km with a 30 deg field of regard reaches at most
    # 10 + 2.6 deg of latitude: a box at 70-80 N is never seen.
    far = Theatre("far", "far", 70.0, 80.0, 0.0, 20.0)
    run = CoverageRun(start=START, days=1.0, step_seconds=60.0, grid_deg=1.0)
    row = theatre_coverage(far, _satellites(10.0), run).table.set_index("group").loc["Test"]
    assert row["points_seen_pct"] == 0.0
    assert row["accesses_per_day"] == 0.0
    assert row["revisit_max_gap_h"] == pytest.approx(24.0)


def test_run_statistics_hand_checked_and_chunk_invariant() -> None:
    # One point seen at steps 1, 2 and 6 of 8: accesses 2, longest gap 3 steps (3, 4, 5),
    # gaps 0 | 3-5 | 7 -> 3 runs, 5 unseen steps, mean gap 5/3 steps.
    seq = np.array([0, 1, 1, 0, 0, 0, 1, 0], dtype=bool)[:, None]
    for split in (8, 3, 1):
        state = _RunState(1)
        for t0 in range(0, 8, split):
            state.update(seq[t0 : t0 + split], t0)
        stats = _finish(state, 8, 3600.0)
        assert stats.accesses[0] == 2
        assert stats.visible_steps[0] == 3
        assert stats.max_gap_h[0] == pytest.approx(3.0)
        assert stats.mean_gap_h[0] == pytest.approx(5 / 3)


def test_vectorised_visibility_equals_a_brute_force_loop() -> None:
    rng = np.random.default_rng(7)
    elements = [
        ElementSet(f"s{i}", START, EARTH_RADIUS_KM + alt, 0.0, inc, raan, 0.0, ph)
        for i, (alt, inc, raan, ph) in enumerate(
            zip(
                rng.uniform(400, 900, 4),
                rng.uniform(50, 99, 4),
                rng.uniform(0, 360, 4),
                rng.uniform(0, 360, 4),
                strict=False,
            )
        )
    ]
    jd = julian_date(START) + np.arange(0, 86400, 120) / 86400.0
    ecef, ok = propagate_ecef(elements, jd)
    grid = make_grid(50.0, 56.0, 10.0, 20.0, 1.0)
    fov = np.array([30.0, 20.0, 40.0, 30.0])
    stats = group_point_stats(
        ecef, ok, fov, grid, {"all": [0, 1, 2, 3], "one": [1]}, 120.0, time_chunk=50
    )
    for name, members in (("all", [0, 1, 2, 3]), ("one", [1])):
        visible = np.zeros((jd.size, grid.unit.shape[0]), dtype=bool)
        for s in members:
            for t in range(jd.size):
                r = ecef[s, t]
                lam = float(central_angle_limit_rad(np.array([np.linalg.norm(r)]), fov[s])[0])
                for g in range(grid.unit.shape[0]):
                    cosang = float(np.dot(r / np.linalg.norm(r), grid.unit[g]))
                    visible[t, g] |= cosang >= math.cos(lam)
        rising = visible & ~np.vstack([np.zeros((1, visible.shape[1]), bool), visible[:-1]])
        assert np.array_equal(stats[name].accesses, rising.sum(axis=0))
        assert np.array_equal(stats[name].visible_steps, visible.sum(axis=0))


def test_shipped_catalogue_runs_and_us_adds_coverage() -> None:
    run = CoverageRun(start=START, days=1.0, step_seconds=120.0, grid_deg=1.0)
    table = theatre_coverage(get_theatre("baltic"), load_satellites(), run).table
    groups = table.set_index("group")
    europe = groups.loc["Europe (in service)"]
    both = groups.loc["Europe + US (in service)"]
    assert both["satellites"] > europe["satellites"]
    assert both["accesses_per_day"] >= europe["accesses_per_day"]
    assert both["time_covered_pct"] >= europe["time_covered_pct"]


def test_unknown_theatre_is_an_input_error_listing_allowed_ids() -> None:
    with pytest.raises(InputError) as info:
        get_theatre("atlantis")
    assert "atlantis" in str(info.value) and "baltic" in str(info.value)


def test_cli_unknown_theatre_exits_2_with_one_sentence() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from europillar.cli.app import main; main()",
            "isr",
            "--theatre",
            "atlantis",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "atlantis" in result.stderr and "high-north" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_run_parameters_raise_input_error() -> None:
    with pytest.raises(InputError, match="step_seconds"):
        CoverageRun(start=START, step_seconds=0.0).validate()


def reference_stats(visible: np.ndarray) -> dict[str, np.ndarray]:
    """The previous implementation's definitions on a whole (steps, points) matrix:
    longest gap from the running maximum of the last step seen (int64 throughout)."""
    steps = np.arange(visible.shape[0])[:, None]
    last_seen = np.maximum.accumulate(np.where(visible, steps, -1), axis=0)
    before = np.vstack([np.zeros((1, visible.shape[1]), bool), visible[:-1]])
    return {
        "accesses": (visible & ~before).sum(axis=0),
        "visible_steps": visible.sum(axis=0),
        "max_gap_steps": (steps - last_seen).max(axis=0),
    }


@pytest.mark.parametrize("seed", range(6))
def test_transition_gaps_equal_running_maximum_gaps_in_any_chunking(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n_t, n_g = 97, 23
    density = rng.uniform(0.02, 0.6)
    visible = rng.random((n_t, n_g)) < density
    visible[:, 0] = False  # never seen
    visible[:, 1] = True  # always seen
    expected = reference_stats(visible)
    for split in (n_t, 40, 7, 1):
        state = _RunState(n_g)
        for t0 in range(0, n_t, split):
            state.update(visible[t0 : t0 + split], t0)
        for key, value in expected.items():
            assert np.array_equal(getattr(state, key), value), (split, key)


def test_tiled_coverage_equals_the_reference_on_a_small_constellation() -> None:
    rng = np.random.default_rng(11)
    elements = [
        ElementSet(f"s{i}", START, EARTH_RADIUS_KM + alt, 0.0, inc, raan, 0.0, ph)
        for i, (alt, inc, raan, ph) in enumerate(
            zip(
                rng.uniform(400, 900, 5),
                rng.uniform(50, 99, 5),
                rng.uniform(0, 360, 5),
                rng.uniform(0, 360, 5),
                strict=True,
            )
        )
    ]
    jd = julian_date(START) + np.arange(0, 2 * 86400, 300) / 86400.0
    ecef, ok = propagate_ecef(elements, jd)
    grid = make_grid(48.0, 58.0, 5.0, 25.0, 0.5)
    fov = np.full(5, 35.0)
    radius = np.linalg.norm(ecef, axis=-1)
    lam = central_angle_limit_rad(radius, fov[:, None])
    cosang = np.einsum("stk,gk->stg", ecef / radius[..., None], grid.unit)
    seen_by = ok[..., None] & (cosang >= np.cos(lam)[..., None])  # (S, T, G)
    groups = {"all": [0, 1, 2, 3, 4], "two": [1, 3]}
    for time_chunk, point_chunk in ((1000, 100_000), (37, 64), (100, 9)):
        stats = group_point_stats(ecef, ok, fov, grid, groups, 300.0, time_chunk, point_chunk)
        for name, members in groups.items():
            expected = reference_stats(seen_by[members].any(axis=0))
            got = stats[name]
            assert np.array_equal(got.accesses, expected["accesses"])
            assert np.array_equal(got.visible_steps, expected["visible_steps"])
            assert np.array_equal(got.max_gap_h, expected["max_gap_steps"] * 300.0 / 3600.0)
