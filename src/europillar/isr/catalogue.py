"""The shipped satellite and theatre tables, and element sets built from their rows."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

import pandas as pd

from europillar.errors import InputError
from europillar.isr.orbits import (
    EARTH_RADIUS_KM,
    ElementSet,
    raan_from_local_time,
    semi_major_axis_from_mean_motion,
    sun_synchronous_inclination_deg,
    validate_elements,
)

if TYPE_CHECKING:
    from europillar.dataset import Dataset

SATELLITES_FILE = "data/tables/isr/satellites.csv"
THEATRES_FILE = "data/tables/isr/theatres.csv"
IN_SERVICE = ("operational", "degraded")
# Labelled scenario assumption (not data): local time of the ascending node used when a
# sun-synchronous satellite's node time is not published. docs/isr.md explains it.
DEFAULT_LTAN_H = 10.5


@dataclass(frozen=True)
class Theatre:
    """A theatre as a latitude/longitude box (degrees), shipped in theatres.csv."""

    theatre_id: str
    name: str
    lat_min_deg: float
    lat_max_deg: float
    lon_min_deg: float
    lon_max_deg: float
    source_id: str = ""  # the source that defines the box (a europillar definition)


def _table(name: str, dataset: Dataset | None) -> pd.DataFrame:
    from europillar.dataset import load

    return (dataset if dataset is not None else load()).table(name)


def load_satellites(dataset: Dataset | None = None) -> pd.DataFrame:
    """The cited satellite table (one row per satellite, units in column names)."""
    return _table("isr/satellites", dataset)


def load_theatres(dataset: Dataset | None = None) -> dict[str, Theatre]:
    """The shipped theatres by id."""
    frame = _table("isr/theatres", dataset)
    return {
        str(r.theatre_id): Theatre(
            str(r.theatre_id),
            str(r.name),
            float(r.lat_min_deg),
            float(r.lat_max_deg),
            float(r.lon_min_deg),
            float(r.lon_max_deg),
            str(r.source_id),
        )
        for r in frame.itertuples(index=False)
    }


def get_theatre(theatre_id: str, dataset: Dataset | None = None) -> Theatre:
    theatres = load_theatres(dataset)
    if theatre_id not in theatres:
        raise InputError(
            None, "theatre", theatre_id, "unknown theatre id", allowed=sorted(theatres)
        )
    return theatres[theatre_id]


def _num(row: pd.Series, column: str, file: str) -> float | None:
    """A float from ``row[column]``, None when empty; InputError when not a number."""
    if column not in row.index:
        return None
    value = row[column]
    if value is None or (isinstance(value, float) and math.isnan(value)) or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InputError(
            file, f"satellites[{row['sat_id']}].{column}", value, "not a number"
        ) from None
    if not math.isfinite(number):
        raise InputError(file, f"satellites[{row['sat_id']}].{column}", value, "not finite")
    return number


def _flag(row: pd.Series, column: str) -> bool:
    value = row.get(column)
    return str(value).strip().lower() in ("true", "1", "yes")


def elements_from_row(
    row: pd.Series, epoch: datetime, file: str = SATELLITES_FILE
) -> ElementSet | None:
    """Build the element set of one satellite row, or None when its orbit is not published.

    Semi-major axis from the mean motion, else from perigee and apogee; eccentricity
    from perigee and apogee (or perigee and a); inclination as published, else from the
    sun-synchronous condition; RAAN from the node local time (published or the default
    assumption) plus the row's plane offset; mean anomaly from the row's phase.
    """
    sat_id = str(row["sat_id"])
    line1, line2 = row.get("tle_line1"), row.get("tle_line2")
    if isinstance(line1, str) and isinstance(line2, str) and line1.strip() and line2.strip():
        return ElementSet(sat_id, epoch, float("nan"), 0.0, 0.0, 0.0, 0.0, 0.0, "tle", line1, line2)
    perigee = _num(row, "perigee_km", file)
    apogee = _num(row, "apogee_km", file)
    rev_day = _num(row, "mean_motion_rev_per_day", file)
    for key, value in (("perigee_km", perigee), ("apogee_km", apogee)):
        if value is not None and value <= 0:
            raise InputError(file, f"satellites[{sat_id}].{key}", value, "altitude must be > 0 km")
    if rev_day is not None and rev_day <= 0:
        raise InputError(
            file,
            f"satellites[{sat_id}].mean_motion_rev_per_day",
            rev_day,
            "mean motion must be > 0",
        )
    if rev_day is not None:
        a = semi_major_axis_from_mean_motion(rev_day)
    elif perigee is not None and apogee is not None:
        a = EARTH_RADIUS_KM + (perigee + apogee) / 2.0
    else:
        return None
    if perigee is not None and apogee is not None:
        rp, ra = EARTH_RADIUS_KM + perigee, EARTH_RADIUS_KM + apogee
        if ra < rp:
            raise InputError(
                file, f"satellites[{sat_id}].apogee_km", apogee, "apogee is below perigee"
            )
        ecc = (ra - rp) / (ra + rp)
    elif perigee is not None:
        ecc = max(0.0, 1.0 - (EARTH_RADIUS_KM + perigee) / a)
    else:
        ecc = 0.0
    inclination = _num(row, "inclination_deg", file)
    if inclination is None:
        if not _flag(row, "sun_synchronous"):
            return None
        inclination = sun_synchronous_inclination_deg(a, ecc)
    ltan = _num(row, "ltan_h", file)
    offset = _num(row, "raan_offset_deg", file) or 0.0
    raan = (raan_from_local_time(DEFAULT_LTAN_H if ltan is None else ltan, epoch) + offset) % 360
    phase = _num(row, "phase_deg", file) or 0.0
    elements = ElementSet(sat_id, epoch, a, ecc, inclination, raan, 0.0, phase % 360.0)
    validate_elements(elements, file)
    return elements
