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
    """Per-point running statistics for one satellite group (carried across chunks).

    Counts are int32 (a week at one-minute steps is about 10^4 steps). The longest gap is
    taken from visibility *transitions*: a run of unseen steps starts where visibility
    falls and ends where it rises, so only the few transition steps are listed, instead
    of a running maximum over every (step, point).
    """

    n_points: int
    visible_steps: np.ndarray = field(init=False)
    accesses: np.ndarray = field(init=False)
    max_gap_steps: np.ndarray = field(init=False)
    last_visible: np.ndarray = field(init=False)
    prev: np.ndarray = field(init=False)
    first: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        g = self.n_points
        self.visible_steps = np.zeros(g, dtype=np.int32)
        self.accesses = np.zeros(g, dtype=np.int32)
        self.max_gap_steps = np.zeros(g, dtype=np.int32)
        self.last_visible = np.full(g, -1, dtype=np.int32)  # step of the last sighting
        self.prev = np.zeros(g, dtype=bool)  # seen at the step before the chunk
        self.first = np.zeros(g, dtype=bool)  # seen at step 0

    def update(self, visible: np.ndarray, t0: int, points: slice = slice(None)) -> None:
        """Fold a (chunk_times, points) visibility block starting at global step ``t0``."""
        n_c, n_g = visible.shape
        prev = self.prev[points]
        if t0 == 0:
            self.first[points] = visible[0]
        # +1 where visibility rises (first seen step), -1 where it falls (first unseen step).
        seen = visible.view(np.int8)
        change = np.empty((n_c, n_g), dtype=np.int8)
        np.subtract(seen[0], prev.view(np.int8), out=change[0])
        np.subtract(seen[1:], seen[:-1], out=change[1:])
        flat = np.flatnonzero(change)  # one pass; transitions are few
        event_t, event_g = np.divmod(flat, n_g)
        rises = change.ravel()[flat] == 1
        rise_t, rise_g = event_t[rises], event_g[rises]
        fall_t, fall_g = event_t[~rises], event_g[~rises]
        self.accesses[points] += np.bincount(rise_g, minlength=n_g).astype(np.int32)
        self.visible_steps[points] += np.count_nonzero(visible, axis=0).astype(np.int32)

        # Unseen runs, per point in time order: starts are the falls, plus the run already
        # open at t0 (from last_visible + 1); ends are the rises, plus t0 + n_c for a run
        # still open at the end. Runs alternate with sightings, so sorted starts and ends
        # pair one to one.
        end = visible[-1]
        open_in = np.flatnonzero(~prev)
        open_out = np.flatnonzero(~end)
        last = self.last_visible[points]
        start_g = np.concatenate([open_in, fall_g])
        start_t = np.concatenate([last[open_in] + 1, t0 + fall_t])
        end_g = np.concatenate([rise_g, open_out])
        end_t = np.concatenate([t0 + rise_t, np.full(open_out.size, t0 + n_c)])
        horizon = t0 + n_c + 1
        starts = np.sort(start_g.astype(np.int64) * horizon + start_t)
        ends = np.sort(end_g.astype(np.int64) * horizon + end_t)
        last = np.full(n_g, t0 + n_c - 1, dtype=np.int64)  # seen at the end
        if starts.size:
            run_g = starts // horizon
            lengths = ends - starts  # same point, so the g parts cancel
            first_of = np.flatnonzero(np.r_[True, run_g[1:] != run_g[:-1]])
            last_of = np.r_[first_of[1:], run_g.size] - 1
            owners = run_g[first_of]
            longest = np.maximum.reduceat(lengths, first_of)
            gaps = self.max_gap_steps[points]
            gaps[owners] = np.maximum(gaps[owners], longest)
            self.max_gap_steps[points] = gaps
            # A point unseen at the end is in its last run, which started at its last start.
            unseen = ~end[owners]
            last[owners[unseen]] = starts[last_of[unseen]] - owners[unseen] * horizon - 1
        self.last_visible[points] = last.astype(np.int32)
        self.prev[points] = end


@dataclass(frozen=True)
class PointStats:
    """Per-point results for one group: counts in steps, gaps in hours."""

    visible_steps: np.ndarray
    accesses: np.ndarray
    max_gap_h: np.ndarray
    mean_gap_h: np.ndarray
    n_steps: int


def _finish(
    state: _RunState, n_steps: int, step_s: float, back: np.ndarray | None = None
) -> PointStats:
    """Per-point results in grid order (``back`` maps a grid point to its tile-order slot)."""
    if back is not None:
        for name in ("visible_steps", "accesses", "max_gap_steps", "prev", "first"):
            setattr(state, name, getattr(state, name)[back])
    first = state.first
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


def _tiles(
    grid: Grid, point_chunk: int
) -> tuple[np.ndarray, list[tuple[slice, np.ndarray, float]]]:
    """Grid points reordered tile by tile (square tiles of about ``point_chunk`` points).

    Returns the order (tile order -> grid point) and, per tile, its slice in that order,
    its unit centre and its angular radius (plus a margin that keeps reach tests
    conservative).
    """
    n_lat, n_lon = grid.shape
    side = max(1, int(np.sqrt(point_chunk)))
    order, tiles, done = [], [], 0
    for i0 in range(0, n_lat, side):
        for j0 in range(0, n_lon, side):
            lat = np.arange(i0, min(i0 + side, n_lat))
            lon = np.arange(j0, min(j0 + side, n_lon))
            idx = (lat[:, None] * n_lon + lon[None, :]).ravel()
            units = grid.unit[idx]
            centre = units.mean(axis=0)
            centre /= np.linalg.norm(centre)
            radius = float(np.arccos(np.clip(units @ centre, -1.0, 1.0)).max()) + 1e-9
            order.append(idx)
            tiles.append((slice(done, done + idx.size), centre, radius))
            done += idx.size
    return np.concatenate(order), tiles


def group_point_stats(
    sat_ecef: np.ndarray,
    sat_ok: np.ndarray,
    field_of_regard_deg: np.ndarray,
    grid: Grid,
    groups: Mapping[str, Sequence[int]],
    step_s: float,
    time_chunk: int = 720,
    point_chunk: int = 4096,
) -> dict[str, PointStats]:
    """Per-point access statistics for each named group of satellite indices.

    ``sat_ecef`` is (S, T, 3) km, ``sat_ok`` (S, T) marks valid propagation,
    ``field_of_regard_deg`` is (S,). Only (satellite, time) pairs whose footprint can
    reach the theatre's bounding cap are tested against the grid points. Work runs in
    blocks of ``time_chunk`` steps by square tiles of about ``point_chunk`` points, so
    memory is bounded by the block, whatever the grid or the window; each tile is tested
    only against the pairs whose footprint can reach it.
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
    order, tiles = _tiles(grid, point_chunk)
    grid_unit = grid.unit[order]  # tile by tile: each tile is a slice of the state arrays
    for t0 in range(0, n_t, time_chunk):
        pos = sat_ecef[:, t0 : t0 + time_chunk]
        ok = sat_ok[:, t0 : t0 + time_chunk]
        n_c = pos.shape[1]
        radius = np.linalg.norm(pos, axis=-1)
        unit = pos / np.where(radius > 0, radius, 1.0)[..., None]
        lam = central_angle_limit_rad(radius, field_of_regard_deg[:, None])
        near = ok & (unit @ centre >= np.cos(np.minimum(lam + theatre_radius, np.pi)))
        t_idx, s_idx = np.nonzero(near.T)  # time-major order
        pair_unit, pair_lam = unit[s_idx, t_idx], lam[s_idx, t_idx]
        pair_cos = np.cos(pair_lam)[:, None]
        for points, tile_centre, tile_radius in tiles:
            block = grid_unit[points]
            # Pairs whose footprint can reach this tile (a margin keeps the test conservative).
            reach = pair_unit @ tile_centre >= np.cos(np.minimum(pair_lam + tile_radius, np.pi))
            rows = np.flatnonzero(reach)
            near_pairs = pair_unit[rows]
            # x*x' + y*y' + z*z' written out rather than a BLAS product, whose rounding can
            # depend on the matrix shapes: the same (pair, point) gives the same bit whatever
            # the tiling.
            cos_angle = near_pairs[:, 0:1] * block[:, 0]
            cos_angle += near_pairs[:, 1:2] * block[:, 1]
            cos_angle += near_pairs[:, 2:3] * block[:, 2]
            hits = cos_angle >= pair_cos[rows]
            for k, name in enumerate(groups):
                visible = np.zeros((n_c, block.shape[0]), dtype=bool)
                sel = member[k, s_idx[rows]]
                if sel.any():
                    tt, hh = t_idx[rows][sel], hits[sel]
                    starts = np.flatnonzero(np.r_[True, tt[1:] != tt[:-1]])
                    visible[tt[starts]] = np.logical_or.reduceat(hh, starts, axis=0)
                states[name].update(visible, t0, points)
    back = np.empty_like(order)
    back[order] = np.arange(order.size)  # grid point -> tile order
    return {name: _finish(states[name], n_t, step_s, back) for name in groups}


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
