"""Orbital element sets, SGP4 propagation and the Earth-fixed frame.

Published mean elements (altitude or perigee/apogee, inclination, local time of the
ascending node) are turned into an SGP4 element set, the same record a TLE would give,
so that every satellite, with or without a public TLE, goes through one propagator.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
from sgp4.api import WGS72, Satrec, SatrecArray

from europillar.errors import InputError

MU_KM3_S2 = 398600.4418  # Earth's gravitational parameter (WGS-84 / EGM-96)
EARTH_RADIUS_KM = 6378.137  # WGS-84 equatorial radius
J2 = 1.08262668e-3
EARTH_ROTATION_RAD_S = 7.2921158553e-5  # sidereal rotation rate
SSO_NODE_RATE_RAD_S = 2.0 * math.pi / (365.2422 * 86400.0)  # one turn per tropical year
JD_SGP4_EPOCH0 = 2433281.5  # 1949-12-31 00:00 UT, the SGP4 epoch origin


@dataclass(frozen=True)
class ElementSet:
    """Mean Keplerian elements at an epoch (angles in degrees, lengths in km).

    ``source`` says where the numbers come from ("tle" or "published mean elements").
    """

    sat_id: str
    epoch: datetime
    semi_major_axis_km: float
    eccentricity: float
    inclination_deg: float
    raan_deg: float
    arg_perigee_deg: float
    mean_anomaly_deg: float
    source: str = "published mean elements"
    tle_line1: str | None = None
    tle_line2: str | None = None

    @property
    def mean_motion_rad_s(self) -> float:
        return math.sqrt(MU_KM3_S2 / self.semi_major_axis_km**3)

    @property
    def period_minutes(self) -> float:
        """Keplerian period T = 2*pi*sqrt(a^3/mu), in minutes."""
        return keplerian_period_minutes(self.semi_major_axis_km)


def keplerian_period_minutes(semi_major_axis_km: float) -> float:
    """T = 2*pi*sqrt(a^3/mu), in minutes."""
    return 2.0 * math.pi * math.sqrt(semi_major_axis_km**3 / MU_KM3_S2) / 60.0


def semi_major_axis_from_mean_motion(rev_per_day: float) -> float:
    """a = (mu / n^2)^(1/3) with n in rad/s."""
    n = rev_per_day * 2.0 * math.pi / 86400.0
    return float((MU_KM3_S2 / n**2) ** (1.0 / 3.0))


def sun_synchronous_inclination_deg(semi_major_axis_km: float, eccentricity: float = 0.0) -> float:
    """Inclination whose J2 node drift equals the Sun's mean motion (360 deg per tropical year).

    dOmega/dt = -1.5 n J2 (R/p)^2 cos i, with p = a (1 - e^2).
    """
    a = semi_major_axis_km
    p = a * (1.0 - eccentricity**2)
    n = math.sqrt(MU_KM3_S2 / a**3)
    cos_i = -SSO_NODE_RATE_RAD_S / (1.5 * n * J2 * (EARTH_RADIUS_KM / p) ** 2)
    if not -1.0 <= cos_i <= 1.0:
        raise InputError(None, "semi_major_axis_km", a, "no sun-synchronous inclination exists")
    return math.degrees(math.acos(cos_i))


def julian_date(moment: datetime) -> float:
    """Julian date (UT) of a timezone-aware or naive-UTC datetime."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    unix = (moment - datetime(1970, 1, 1)).total_seconds()
    return unix / 86400.0 + 2440587.5


def sun_right_ascension_deg(jd: float) -> float:
    """Apparent right ascension of the Sun, low-precision Almanac formula (~0.01 deg)."""
    n = jd - 2451545.0
    mean_long = math.radians((280.460 + 0.9856474 * n) % 360.0)
    anomaly = math.radians((357.528 + 0.9856003 * n) % 360.0)
    ecl_long = (
        mean_long
        + math.radians(1.915) * math.sin(anomaly)
        + math.radians(0.020) * math.sin(2 * anomaly)
    )
    obliquity = math.radians(23.439 - 0.0000004 * n)
    ra = math.atan2(math.cos(obliquity) * math.sin(ecl_long), math.cos(ecl_long))
    return math.degrees(ra) % 360.0


def raan_from_local_time(ltan_h: float, epoch: datetime) -> float:
    """RAAN that puts the ascending node at local solar time ``ltan_h`` on ``epoch``."""
    return (sun_right_ascension_deg(julian_date(epoch)) + (ltan_h - 12.0) * 15.0) % 360.0


def validate_elements(elements: ElementSet, file: str | None = None) -> None:
    """Reject physically impossible elements with an InputError naming field and value."""
    prefix = f"satellites[{elements.sat_id}]"
    if not math.isfinite(elements.semi_major_axis_km) or (
        elements.semi_major_axis_km * (1 - elements.eccentricity) <= EARTH_RADIUS_KM
    ):
        raise InputError(
            file,
            f"{prefix}.semi_major_axis_km",
            elements.semi_major_axis_km,
            "perigee would be below the Earth's surface",
        )
    if not 0.0 <= elements.eccentricity < 1.0:
        raise InputError(
            file, f"{prefix}.eccentricity", elements.eccentricity, "eccentricity must be in [0, 1)"
        )
    if not 0.0 <= elements.inclination_deg <= 180.0:
        raise InputError(
            file,
            f"{prefix}.inclination_deg",
            elements.inclination_deg,
            "inclination must be between 0 and 180 degrees",
        )


def to_satrec(elements: ElementSet) -> Satrec:
    """SGP4 record: parsed from the TLE when there is one, else initialised from elements."""
    if elements.tle_line1 and elements.tle_line2:
        return Satrec.twoline2rv(elements.tle_line1, elements.tle_line2)
    validate_elements(elements)
    sat = Satrec()
    sat.sgp4init(
        WGS72,
        "i",
        0,
        julian_date(elements.epoch) - JD_SGP4_EPOCH0,
        0.0,  # bstar: no drag (none is published for these satellites)
        0.0,
        0.0,
        elements.eccentricity,
        math.radians(elements.arg_perigee_deg),
        math.radians(elements.inclination_deg),
        math.radians(elements.mean_anomaly_deg),
        elements.mean_motion_rad_s * 60.0,  # rad/min
        math.radians(elements.raan_deg),
    )
    return sat


def gmst_rad(jd_ut1: np.ndarray) -> np.ndarray:
    """Greenwich mean sidereal time (IAU 1982), radians."""
    t = (jd_ut1 - 2451545.0) / 36525.0
    seconds = (
        67310.54841 + (876600.0 * 3600.0 + 8640184.812866) * t + 0.093104 * t**2 - 6.2e-6 * t**3
    )
    return np.radians((seconds % 86400.0) / 240.0)


def propagate_ecef(elements: list[ElementSet], jd: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Earth-fixed positions (km), shape (satellites, times, 3), and an ok mask (sat, time).

    TEME is rotated to the Earth-fixed frame by GMST (polar motion ignored, < 20 m).
    """
    records = SatrecArray([to_satrec(e) for e in elements])
    whole = np.floor(jd)
    frac = jd - whole
    err, r_teme, _ = records.sgp4(whole, frac)
    theta = gmst_rad(jd)
    cos_t, sin_t = np.cos(theta), np.sin(theta)
    x = cos_t * r_teme[..., 0] + sin_t * r_teme[..., 1]
    y = -sin_t * r_teme[..., 0] + cos_t * r_teme[..., 1]
    ecef = np.stack([x, y, r_teme[..., 2]], axis=-1)
    ok = (err == 0) & np.all(np.isfinite(ecef), axis=-1)
    return ecef, ok


def subsatellite_lat_lon(ecef: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Geocentric latitude and longitude (degrees) of Earth-fixed positions."""
    r = np.linalg.norm(ecef, axis=-1)
    lat = np.degrees(np.arcsin(ecef[..., 2] / r))
    lon = np.degrees(np.arctan2(ecef[..., 1], ecef[..., 0]))
    return lat, lon
