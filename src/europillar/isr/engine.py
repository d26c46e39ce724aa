"""Coverage of a theatre by each constellation, by Europe alone and by Europe with the US."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np
import pandas as pd

from europillar.errors import InputError
from europillar.isr.catalogue import IN_SERVICE, Theatre, elements_from_row
from europillar.isr.coverage import Grid, group_point_stats, make_grid, summarise
from europillar.isr.orbits import ElementSet, julian_date, propagate_ecef

# Labelled scenario assumption (not data): off-nadir half-angle a sensor can be pointed
# to when its field of regard is not published. Override with ``field_of_regard_deg``.
DEFAULT_FIELD_OF_REGARD_DEG = 30.0
IMAGING_SENSORS = ("optical", "sar", "sigint")
EUROPE_GROUP = "Europe (in service)"
EUROPE_US_GROUP = "Europe + US (in service)"


@dataclass(frozen=True)
class CoverageRun:
    """What to compute: period, time step, grid spacing and the field-of-regard default."""

    start: datetime
    days: float = 7.0
    step_seconds: float = 60.0
    grid_deg: float = 0.25
    field_of_regard_deg: float = DEFAULT_FIELD_OF_REGARD_DEG
    time_chunk: int = 720

    def validate(self) -> None:
        checks = (
            ("days", self.days, 0 < self.days <= 60, "must be > 0 and <= 60"),
            (
                "step_seconds",
                self.step_seconds,
                1 <= self.step_seconds <= 3600,
                "must be between 1 and 3600 seconds",
            ),
            ("grid_deg", self.grid_deg, 0.05 <= self.grid_deg <= 5, "must be 0.05 to 5 degrees"),
            (
                "field_of_regard_deg",
                self.field_of_regard_deg,
                0 < self.field_of_regard_deg < 90,
                "must be > 0 and < 90 degrees",
            ),
        )
        for key, value, good, reason in checks:
            if not (isinstance(value, (int, float)) and math.isfinite(value) and good):
                raise InputError(None, key, value, reason)


@dataclass(frozen=True)
class CoverageResult:
    """Summary table (one row per group) and per-point access counts for heat-maps."""

    table: pd.DataFrame
    grid: Grid
    access_counts: dict[str, np.ndarray]  # group -> (n_lat, n_lon) accesses over the run
    satellites_used: pd.DataFrame
    source_ids: list[str]


def time_axis(run: CoverageRun) -> np.ndarray:
    """Julian dates of the time steps."""
    n_steps = round(run.days * 86400.0 / run.step_seconds)
    return julian_date(run.start) + np.arange(n_steps) * run.step_seconds / 86400.0


def satellite_groups(used: pd.DataFrame) -> dict[str, list[int]]:
    """Index groups: each constellation, Europe in service, Europe plus US in service."""
    groups: dict[str, list[int]] = {}
    for i, row in enumerate(used.itertuples(index=False)):
        groups.setdefault(str(row.constellation), []).append(i)
    in_service = used["status"].isin(IN_SERVICE).to_numpy()
    europe = (used["bloc"] == "europe").to_numpy() & in_service
    us = (used["bloc"] == "us").to_numpy() & in_service
    groups[EUROPE_GROUP] = list(np.flatnonzero(europe))
    groups[EUROPE_US_GROUP] = list(np.flatnonzero(europe | us))
    return {k: v for k, v in groups.items() if v}


def build_elements(
    satellites: pd.DataFrame, epoch: datetime
) -> tuple[list[ElementSet], pd.DataFrame]:
    """Element sets of imaging satellites whose orbit is published (others are skipped)."""
    elements: list[ElementSet] = []
    keep: list[int] = []
    for i, (_, row) in enumerate(satellites.iterrows()):
        if str(row.get("sensor_type")) not in IMAGING_SENSORS:
            continue
        element = elements_from_row(row, epoch)
        if element is not None:
            elements.append(element)
            keep.append(i)
    return elements, satellites.iloc[keep].reset_index(drop=True)


def theatre_coverage(
    theatre: Theatre, satellites: pd.DataFrame, run: CoverageRun
) -> CoverageResult:
    """Revisit, daily accesses and coverage of ``theatre`` for each satellite group."""
    run.validate()
    elements, used = build_elements(satellites, run.start)
    if not elements:
        raise InputError(None, "satellites", len(satellites), "no satellite has a usable orbit")
    grid = make_grid(
        theatre.lat_min_deg,
        theatre.lat_max_deg,
        theatre.lon_min_deg,
        theatre.lon_max_deg,
        run.grid_deg,
    )
    jd = time_axis(run)
    ecef, ok = propagate_ecef(elements, jd)
    if "field_of_regard_deg" in used.columns:
        published = pd.to_numeric(used["field_of_regard_deg"], errors="coerce").to_numpy(float)
    else:
        published = np.full(len(used), np.nan)
    fov = np.where(np.isfinite(published), published, run.field_of_regard_deg)
    groups = satellite_groups(used)
    stats = group_point_stats(ecef, ok, fov, grid, groups, run.step_seconds, run.time_chunk)
    rows = []
    for name, idx in groups.items():
        summary = summarise(stats[name], grid, run.days)
        rows.append(
            {
                "theatre": theatre.theatre_id,
                "group": name,
                "satellites": len(idx),
                **{k: round(v, 3) for k, v in summary.items()},
            }
        )
    table = pd.DataFrame(rows)
    counts = {name: s.accesses.reshape(grid.shape) for name, s in stats.items()}
    # the satellites' sources, those their notes quote, and the theatre's definition
    sources = sorted(set(used["source_id"]) | cited_in_text(used) | {theatre.source_id} - {""})
    return CoverageResult(table, grid, counts, used, sources)


def cited_in_text(rows: pd.DataFrame) -> set[str]:
    """Source ids quoted in the ``method`` and ``note`` columns (secondary citations)."""
    found: set[str] = set()
    for column in ("method", "note"):
        if column in rows.columns:
            for text in rows[column].dropna().astype(str):
                found.update(re.findall(r"\bisr_[a-z0-9_]+", text))
    return found


def satellite_catalogue(satellites: pd.DataFrame, epoch: datetime) -> pd.DataFrame:
    """The cited satellite rows with the element set each one gets (or why it gets none).

    Adds semi-major axis, eccentricity, inclination (published or sun-synchronous),
    Keplerian period and whether the satellite is propagated.
    """
    rows = []
    for _, row in satellites.iterrows():
        imaging = str(row.get("sensor_type")) in IMAGING_SENSORS
        element = elements_from_row(row, epoch) if imaging else None
        rows.append(
            {
                "sat_id": row["sat_id"],
                "name": row.get("name", row["sat_id"]),
                "constellation": row["constellation"],
                "bloc": row["bloc"],
                "sensor_type": row["sensor_type"],
                "status": row["status"],
                "launch_year": row["launch_year"],
                "semi_major_axis_km": round(element.semi_major_axis_km, 1) if element else None,
                "eccentricity": round(element.eccentricity, 5) if element else None,
                "inclination_deg": round(element.inclination_deg, 2) if element else None,
                "period_min": round(element.period_minutes, 2) if element else None,
                "propagated": element is not None,
                "estimate": row["estimate"],
                "source_id": row["source_id"],
            }
        )
    return pd.DataFrame(rows)


def default_start() -> datetime:
    """A fixed default start so that runs are reproducible: 2025-01-01 00:00 UTC."""
    return datetime(2025, 1, 1)


def end_of(run: CoverageRun) -> datetime:
    return run.start + timedelta(days=run.days)
