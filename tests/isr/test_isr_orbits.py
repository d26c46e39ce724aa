"""Orbits: textbook period, ground-track shift, sun-synchronous inclination, bad elements."""

from __future__ import annotations

import math
from datetime import datetime

import numpy as np
import pandas as pd
import pytest

from europillar.errors import InputError
from europillar.isr import ElementSet, elements_from_row, keplerian_period_minutes, propagate_ecef
from europillar.isr.orbits import (
    EARTH_RADIUS_KM,
    EARTH_ROTATION_RAD_S,
    SSO_NODE_RATE_RAD_S,
    julian_date,
    subsatellite_lat_lon,
    sun_synchronous_inclination_deg,
)

EPOCH = datetime(2025, 1, 1)


def _ascending_nodes(elements: ElementSet, hours: float, step_s: float = 5.0):
    """Times (s) and Earth-fixed longitudes (deg) of ascending equator crossings."""
    t = np.arange(0.0, hours * 3600.0, step_s)
    ecef, ok = propagate_ecef([elements], julian_date(EPOCH) + t / 86400.0)
    assert ok.all()
    z = ecef[0, :, 2]
    idx = np.flatnonzero((z[:-1] < 0) & (z[1:] >= 0))
    frac = -z[idx] / (z[idx + 1] - z[idx])
    times = t[idx] + frac * step_s
    _, lon = subsatellite_lat_lon(ecef[0])
    step_lon = (lon[idx + 1] - lon[idx] + 180.0) % 360.0 - 180.0
    lons = lon[idx] + frac * step_lon
    return times, np.degrees(np.unwrap(np.radians(lons)))


def _circular(alt_km: float, inc_deg: float) -> ElementSet:
    return ElementSet("test", EPOCH, EARTH_RADIUS_KM + alt_km, 0.0, inc_deg, 0.0, 0.0, 0.0)


def test_keplerian_period_at_800_km_is_100_87_minutes() -> None:
    # Hand calculation: a = 6378.137 + 800 = 7178.137 km, mu = 398600.4418 km^3/s^2,
    # T = 2*pi*sqrt(a^3/mu) = 6052.4 s = 100.87 min (98.8 min is the 700 km value).
    assert keplerian_period_minutes(7178.137) == pytest.approx(100.874, abs=0.002)
    assert keplerian_period_minutes(7078.137) == pytest.approx(98.773, abs=0.002)


def test_propagated_nodal_period_matches_textbook_period() -> None:
    elements = _circular(800.0, sun_synchronous_inclination_deg(EARTH_RADIUS_KM + 800.0))
    times, _ = _ascending_nodes(elements, hours=6.0)
    measured_min = np.diff(times).mean() / 60.0
    # J2 makes the nodal period differ from the Keplerian one by well under 0.5 %.
    assert measured_min == pytest.approx(elements.period_minutes, rel=0.005)


def test_ground_track_shifts_west_by_period_times_earth_rate() -> None:
    elements = _circular(800.0, sun_synchronous_inclination_deg(EARTH_RADIUS_KM + 800.0))
    times, lons = _ascending_nodes(elements, hours=6.0)
    period_s = np.diff(times).mean()
    shift = -np.diff(lons).mean()
    # Delta L = T x (omega_earth - node rate); for a sun-synchronous orbit 360 deg / solar day.
    expected = math.degrees(period_s * (EARTH_ROTATION_RAD_S - SSO_NODE_RATE_RAD_S))
    assert shift == pytest.approx(expected, abs=0.05)
    assert shift == pytest.approx(period_s * 360.0 / 86400.0, abs=0.05)


@pytest.mark.parametrize(
    ("altitude_km", "published_deg"),
    [(800.0, 98.6), (514.0, 97.44), (619.0, 97.86)],  # CSO-1 (Air & Cosmos), PAZ (DLR), CSG
)
def test_sun_synchronous_inclination_matches_published_values(
    altitude_km: float, published_deg: float
) -> None:
    assert sun_synchronous_inclination_deg(EARTH_RADIUS_KM + altitude_km) == pytest.approx(
        published_deg, abs=0.02
    )


def _row(**values: object) -> pd.Series:
    base: dict[str, object] = {
        "sat_id": "x",
        "perigee_km": 600.0,
        "apogee_km": 600.0,
        "inclination_deg": 97.8,
        "sun_synchronous": "true",
    }
    base.update(values)
    return pd.Series(base)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("inclination_deg", 200.0),
        ("perigee_km", -5.0),
        ("apogee_km", 100.0),
        ("mean_motion_rev_per_day", "abc"),
    ],
)
def test_malformed_elements_raise_input_error_naming_field_and_value(
    field: str, value: object
) -> None:
    with pytest.raises(InputError) as info:
        elements_from_row(_row(**{field: value}), EPOCH, file="sats.csv")
    text = str(info.value)
    assert field in text and str(value) in text and "sats.csv" in text


def test_row_without_published_orbit_is_skipped() -> None:
    assert elements_from_row(_row(perigee_km=None, apogee_km=None), EPOCH) is None


def test_mean_motion_and_perigee_give_semi_major_axis_and_eccentricity() -> None:
    # 14.75 rev/day: n = 1.072665e-3 rad/s, a = (mu/n^2)^(1/3) = 7023.3 km; perigee 260 km
    # gives e = 1 - 6638.137/7023.3 = 0.0548.
    row = _row(
        perigee_km=260.0, apogee_km=None, mean_motion_rev_per_day=14.75, inclination_deg=98.0
    )
    elements = elements_from_row(row, EPOCH)
    assert elements is not None
    assert elements.semi_major_axis_km == pytest.approx(7023.3, abs=0.2)
    assert elements.eccentricity == pytest.approx(0.0548, abs=0.0002)


def test_csg1_period_from_published_perigee_apogee_matches_published_period() -> None:
    # GMSpazio lists CSG-1 with perigee 622 km, apogee 623 km and period 97.16 min.
    from europillar.isr import load_satellites, satellite_catalogue

    catalogue = satellite_catalogue(load_satellites(), EPOCH).set_index("sat_id")
    assert catalogue.loc["csg-1", "period_min"] == pytest.approx(97.16, abs=0.01)
    assert not catalogue.loc["sarah-1", "propagated"]  # orbit not published


def test_kh11_mean_motion_gives_the_published_four_day_59_revolution_repeat() -> None:
    # Molczan (isr_satobs_kh11_1996): a KH-11 ground track repeats almost exactly after
    # 4 days (59 revolutions), i.e. a mean motion of 14.75 rev/day. Successive ascending
    # nodes are ~24.4 deg apart, so 58 or 60 revolutions must be far off.
    row = pd.Series(
        {
            "sat_id": "kh11",
            "perigee_km": None,
            "apogee_km": None,
            "mean_motion_rev_per_day": 14.75,
            "inclination_deg": None,
            "sun_synchronous": "true",
            "ltan_h": 13.0,
        }
    )
    elements = elements_from_row(row, EPOCH)
    assert elements is not None
    _, lons = _ascending_nodes(elements, hours=4.2 * 24)

    def shift(revs: int) -> float:
        return float((lons[revs] - lons[0] + 180.0) % 360.0 - 180.0)

    assert abs(shift(59)) < 1.5
    assert abs(shift(58)) > 20.0 and abs(shift(60)) > 20.0
