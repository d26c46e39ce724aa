"""The ``[isr]`` section: which theatres, which satellites, and the time window."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field

from europillar.scenario.sections.types import LIST_MAX, STRICT, IsoDate, Name


class IsrSettings(BaseModel):
    """Revisit and coverage of theatres by satellites (``europillar isr``, docs/isr.md)."""

    model_config = STRICT

    theatres: Annotated[list[Name], Field(min_length=1, max_length=LIST_MAX)] = Field(
        default_factory=lambda: ["baltic"],
        description="Theatre ids of data/tables/isr/theatres.csv.",
    )
    catalogue: Literal["cited", "ucs"] = Field(
        "cited",
        description=(
            "Satellites: 'cited' (isr/satellites.csv, orbits and phasing per satellite) or 'ucs' "
            "(every European and US military/government imaging and SIGINT satellite of the UCS "
            "database plus later launches; phasing assumed, docs/force-data.md)."
        ),
    )
    constellations: Annotated[list[Name], Field(min_length=1, max_length=LIST_MAX)] | None = Field(
        None, description="Only these constellations (unset: every cited satellite)."
    )
    start: IsoDate = Field("2025-01-01", description="Start of the window (UTC), YYYY-MM-DD.")
    days: Annotated[float, Field(gt=0.0, le=60.0)] = Field(
        7.0, description="Length of the window in days."
    )
    step_seconds: Annotated[float, Field(ge=1.0, le=3600.0)] = Field(
        60.0, description="Time step in seconds."
    )
    grid_deg: Annotated[float, Field(ge=0.05, le=5.0)] = Field(
        0.25, description="Ground grid spacing in degrees."
    )
    field_of_regard_deg: Annotated[float, Field(gt=0.0, lt=90.0)] = Field(
        30.0, description="Off-nadir half-angle assumed where none is published (assumption)."
    )
