"""Access, revisit and coverage over a ground grid, vectorised over satellites x time x grid.

A grid point is *seen* at a time step when the angle at the Earth's centre between the
point and the sub-satellite point is at most lambda_max, the Earth central angle reached
by a sensor pointed up to the field-of-regard half-angle eta off nadir (spherical Earth):

    sin(rho) = R / r,  eps = acos(sin(eta) / sin(rho)),  lambda_max = 90 deg - eta - eps

(or 90 deg - rho when eta reaches the horizon). Time is processed in chunks so memory
stays bounded; run-length statistics carry state across chunk boundaries.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from europillar.errors import InputError
from europillar.isr.orbits import EARTH_RADIUS_KM


@dataclass(frozen=True)
class Grid:
    """Cell-centre grid: ``lat``/``lon`` 1-D axes (degrees) and flattened unit vectors."""

    lat: np.ndarray
    lon: np.ndarray
    unit: np.ndarray  # (G, 3)
    weight: np.ndarray  # (G,) area weights (cos latitude), summing to 1

    @property
    def shape(self) -> tuple[int, int]:
        return (self.lat.size, self.lon.size)


def make_grid(
    lat_min: float, lat_max: float, lon_min: float, lon_max: float, step_deg: float
) -> Grid:
    """Grid of cell centres covering the box at ``step_deg`` spacing."""
    if not step_deg > 0:
        raise InputError(None, "grid_deg", step_deg, "grid spacing must be > 0 degrees")
    n_lat = max(1, round((lat_max - lat_min) / step_deg))
    n_lon = max(1, round((lon_max - lon_min) / step_deg))
    lat = lat_min + (np.arange(n_lat) + 0.5) * (lat_max - lat_min) / n_lat
    lon = lon_min + (np.arange(n_lon) + 0.5) * (lon_max - lon_min) / n_lon
    la, lo = np.meshgrid(np.radians(lat), np.radians(lon), indexing="ij")
    unit = np.stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)], axis=-1)
    weight = np.cos(la).ravel()
    return Grid(lat, lon, unit.reshape(-1, 3), weight / weight.sum())


def central_angle_limit_rad(
    radius_km: np.ndarray, field_of_regard_deg: np.ndarray | float
) -> np.ndarray:
    """lambda_max for a satellite at ``radius_km`` with off-nadir half-angle eta."""
    eta = np.radians(np.asarray(field_of_regard_deg, dtype=float))
    sin_rho = np.clip(EARTH_RADIUS_KM / radius_km, -1.0, 1.0)
    rho = np.arcsin(sin_rho)
    ratio = np.sin(eta) / sin_rho
    eps = np.arccos(np.clip(ratio, -1.0, 1.0))
    limited = np.pi / 2 - eta - eps
    return np.where(ratio >= 1.0, np.pi / 2 - rho, limited)


@dataclass
class _RunState:
    """Per-point running statistics for one satellite group (carried across chunks)."""

    n_points: int
    visible_steps: np.ndarray = field(init=False)
    accesses: np.ndarray = field(init=False)
    max_gap_steps: np.ndarray = field(init=False)
    last_visible: np.ndarray = field(init=False)
    prev: np.ndarray = field(init=False)
    first: np.ndarray | None = None

    def __post_init__(self) -> None:
        g = self.n_points
        self.visible_steps = np.zeros(g, dtype=np.int64)
        self.accesses = np.zeros(g, dtype=np.int64)
        self.max_gap_steps = np.zeros(g, dtype=np.int64)
        self.last_visible = np.full(g, -1, dtype=np.int64)
        self.prev = np.zeros(g, dtype=bool)

    def update(self, visible: np.ndarray, t0: int) -> None:
        """Fold a (chunk_times, points) visibility block starting at global step ``t0``."""
        if self.first is None:
            self.first = visible[0].copy()
        shifted = np.vstack([self.prev[None, :], visible[:-1]])
        self.accesses += np.count_nonzero(visible & ~shifted, axis=0)
        self.visible_steps += np.count_nonzero(visible, axis=0)
        steps = np.arange(t0, t0 + visible.shape[0], dtype=np.int64)[:, None]
        marks = np.where(visible, steps, -1)
        running = np.maximum.accumulate(np.vstack([self.last_visible[None, :], marks]), axis=0)
        gaps = steps - running[1:]
        self.max_gap_steps = np.maximum(self.max_gap_steps, gaps.max(axis=0))
        self.last_visible = running[-1]
        self.prev = visible[-1].copy()


@dataclass(frozen=True)
class PointStats:
    """Per-point results for one group: counts in steps, gaps in hours."""

    visible_steps: np.ndarray
    accesses: np.ndarray
    max_gap_h: np.ndarray
    mean_gap_h: np.ndarray
    n_steps: int


def _finish(state: _RunState, n_steps: int, step_s: float) -> PointStats:
    first = state.first if state.first is not None else np.zeros(state.n_points, bool)
    # Runs of "not seen" alternate with runs of "seen": false_runs = true_runs + 1 - starts - ends
    false_runs = state.accesses + 1 - first.astype(int) - state.prev.astype(int)
    unseen = n_steps - state.visible_steps
    mean_gap = np.where(false_runs > 0, unseen / np.maximum(false_runs, 1), 0.0) * step_s / 3600
    return PointStats(
        state.visible_steps,
        state.accesses,
        state.max_gap_steps * step_s / 3600.0,
        mean_gap,
        n_steps,
    )


def group_point_stats(
    sat_ecef: np.ndarray,
    sat_ok: np.ndarray,
    field_of_regard_deg: np.ndarray,
    grid: Grid,
    groups: Mapping[str, Sequence[int]],
    step_s: float,
    time_chunk: int = 720,
) -> dict[str, PointStats]:
    """Per-point access statistics for each named group of satellite indices.

    ``sat_ecef`` is (S, T, 3) km, ``sat_ok`` (S, T) marks valid propagation,
    ``field_of_regard_deg`` is (S,). Only (satellite, time) pairs whose footprint can
    reach the theatre's bounding cap are tested against every grid point.
    """
    n_sat, n_t, _ = sat_ecef.shape
    n_pts = grid.unit.shape[0]
    centre = grid.unit.mean(axis=0)
    centre /= np.linalg.norm(centre)
    theatre_radius = float(np.arccos(np.clip(grid.unit @ centre, -1, 1)).max())
    member = np.zeros((len(groups), n_sat), dtype=bool)
    for k, idx in enumerate(groups.values()):
        member[k, list(idx)] = True
    states = {name: _RunState(n_pts) for name in groups}
    for t0 in range(0, n_t, time_chunk):
        pos = sat_ecef[:, t0 : t0 + time_chunk]
        ok = sat_ok[:, t0 : t0 + time_chunk]
        n_c = pos.shape[1]
        radius = np.linalg.norm(pos, axis=-1)
        unit = pos / np.where(radius > 0, radius, 1.0)[..., None]
        lam = central_angle_limit_rad(radius, field_of_regard_deg[:, None])
        near = ok & (unit @ centre >= np.cos(np.minimum(lam + theatre_radius, np.pi)))
        t_idx, s_idx = np.nonzero(near.T)  # time-major order
        visible = {name: np.zeros((n_c, n_pts), dtype=bool) for name in groups}
        if t_idx.size:
            hits = unit[s_idx, t_idx] @ grid.unit.T >= np.cos(lam[s_idx, t_idx])[:, None]
            for k, name in enumerate(groups):
                sel = member[k, s_idx]
                if not sel.any():
                    continue
                tt, hh = t_idx[sel], hits[sel]
                starts = np.flatnonzero(np.r_[True, tt[1:] != tt[:-1]])
                visible[name][tt[starts]] = np.logical_or.reduceat(hh, starts, axis=0)
        for name in groups:
            states[name].update(visible[name], t0)
    return {name: _finish(states[name], n_t, step_s) for name in groups}


def summarise(stats: PointStats, grid: Grid, days: float) -> dict[str, float]:
    """Area-weighted theatre summary of per-point statistics (percent, hours, counts)."""
    w = grid.weight
    seen = stats.accesses > 0
    return {
        "points_seen_pct": float(100.0 * w[seen].sum()),
        "time_covered_pct": float(100.0 * (w * stats.visible_steps / stats.n_steps).sum()),
        "accesses_per_day": float((w * stats.accesses).sum() / days),
        "revisit_mean_gap_h": float((w * stats.mean_gap_h).sum()),
        "revisit_max_gap_h": float(stats.max_gap_h.max()),
    }
