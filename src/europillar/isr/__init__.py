"""Sovereign ISR coverage: European military and dual-use satellites over theatres.

The engine contract: ``inputs(scenario, dataset) -> IsrInputs`` (theatres, satellites,
window), ``run(inputs) -> IsrResult`` (pure).
"""

from europillar.isr.catalogue import (
    Theatre,
    elements_from_row,
    get_theatre,
    load_satellites,
    load_theatres,
)
from europillar.isr.coverage import Grid, central_angle_limit_rad, make_grid
from europillar.isr.engine import (
    DEFAULT_FIELD_OF_REGARD_DEG,
    CoverageResult,
    CoverageRun,
    default_start,
    satellite_catalogue,
    theatre_coverage,
)
from europillar.isr.orbits import (
    ElementSet,
    keplerian_period_minutes,
    propagate_ecef,
    sun_synchronous_inclination_deg,
)
from europillar.isr.prepare import IsrInputs, inputs
from europillar.isr.result import IsrResult, run

DOMAIN = "isr"

__all__ = [
    "DEFAULT_FIELD_OF_REGARD_DEG",
    "DOMAIN",
    "CoverageResult",
    "CoverageRun",
    "ElementSet",
    "Grid",
    "IsrInputs",
    "IsrResult",
    "Theatre",
    "central_angle_limit_rad",
    "default_start",
    "elements_from_row",
    "get_theatre",
    "inputs",
    "keplerian_period_minutes",
    "load_satellites",
    "load_theatres",
    "make_grid",
    "propagate_ecef",
    "run",
    "satellite_catalogue",
    "sun_synchronous_inclination_deg",
    "theatre_coverage",
]
