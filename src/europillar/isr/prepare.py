"""ISR inputs: the theatres, the cited satellites and the time window of a scenario.

``inputs(scenario, dataset)`` is the only ISR step that reads data; the scenario's
``[isr]`` section names the theatres, the constellations and the window.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

import pandas as pd

from europillar.errors import InputError
from europillar.isr.catalogue import Theatre, load_satellites, load_theatres
from europillar.isr.engine import CoverageRun
from europillar.result import Origin

if TYPE_CHECKING:
    from europillar.dataset import Dataset
    from europillar.scenario.schema import Scenario


@dataclass(frozen=True)
class IsrInputs:
    """Theatres, satellites (one row each, cited) and the coverage run settings."""

    origin: Origin
    theatres: tuple[Theatre, ...]
    satellites: pd.DataFrame
    window: CoverageRun
    notes: tuple[str, ...] = ()


def inputs(
    scenario: Scenario,
    dataset: Dataset,
    *,
    theatres: list[str] | None = None,
    constellations: list[str] | None = None,
    start: str | None = None,
    days: float | None = None,
    step_seconds: float | None = None,
    grid_deg: float | None = None,
    field_of_regard_deg: float | None = None,
) -> IsrInputs:
    """ISR inputs of ``scenario`` (options override its ``[isr]`` section)."""
    from europillar.scenario.loader import scenario_with

    changes = {
        "theatres": theatres,
        "constellations": constellations,
        "start": start,
        "days": days,
        "step_seconds": step_seconds,
        "grid_deg": grid_deg,
        "field_of_regard_deg": field_of_regard_deg,
    }
    scenario = scenario_with(scenario, {"isr": changes}, file="isr options")
    settings = scenario.isr
    shipped = load_theatres(dataset)
    for i, theatre in enumerate(settings.theatres):
        if theatre not in shipped:
            raise InputError(
                scenario.name, f"isr.theatres[{i}]", theatre, "unknown theatre", sorted(shipped)
            )
    notes: tuple[str, ...] = ()
    if settings.catalogue == "ucs":
        from europillar import countries
        from europillar.force.satellites import PHASING, isr_satellites

        europe = set(countries.all_codes(dataset)) - {"USA", "CAN", "RUS", "CHN"}
        satellites = isr_satellites(
            dataset.table("force/satellites_ucs"),
            dataset.table("force/satellites_added"),
            europe,
            settings.start,
        )
        notes = (f"Satellites from the UCS database plus later launches: {PHASING}.",)
    else:
        satellites = load_satellites(dataset)
    if settings.constellations is not None:
        known = sorted(set(satellites["constellation"]))
        for i, name in enumerate(settings.constellations):
            if name not in known:
                raise InputError(
                    scenario.name, f"isr.constellations[{i}]", name, "unknown constellation", known
                )
        satellites = satellites[satellites["constellation"].isin(settings.constellations)]
    window = CoverageRun(
        start=datetime.fromisoformat(settings.start),
        days=settings.days,
        step_seconds=settings.step_seconds,
        grid_deg=settings.grid_deg,
        field_of_regard_deg=settings.field_of_regard_deg,
    )
    window.validate()
    return IsrInputs(
        Origin.of(scenario, dataset),
        tuple(shipped[t] for t in settings.theatres),
        satellites.reset_index(drop=True),
        window,
        notes,
    )
