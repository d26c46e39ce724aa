"""The ISR engine's contract: ``run(inputs)`` over every theatre of the scenario (pure).

Tables: ``coverage`` (one row per theatre and satellite group: revisit gaps in hours,
daily accesses, coverage), ``accesses`` (per theatre, group and grid cell: accesses over
the window, for heat maps) and ``satellites`` (the cited catalogue with the element set
each satellite gets, or why it gets none).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from europillar.isr.engine import satellite_catalogue, theatre_coverage
from europillar.isr.prepare import IsrInputs
from europillar.result import Result, make_meta


class IsrResult(Result):
    """Revisit and coverage of the scenario's theatres, Europe alone and with the US."""

    @property
    def coverage(self) -> pd.DataFrame:
        return self.tables["coverage"]

    @property
    def accesses(self) -> pd.DataFrame:
        """theatre, group, lat_deg, lon_deg, accesses (over the whole window)."""
        return self.tables["accesses"]

    @property
    def satellites(self) -> pd.DataFrame:
        return self.tables["satellites"]


def run(inputs: IsrInputs) -> IsrResult:
    """Coverage of every theatre of the inputs by every satellite group (pure)."""
    window = inputs.window
    coverage, accesses = [], []
    sources: set[str] = set()
    used: set[str] = set()
    for theatre in inputs.theatres:
        result = theatre_coverage(theatre, inputs.satellites, window)
        coverage.append(result.table)
        sources.update(result.source_ids)
        used.update(result.satellites_used["sat_id"])
        lat, lon = np.meshgrid(result.grid.lat, result.grid.lon, indexing="ij")
        for group, counts in result.access_counts.items():
            accesses.append(
                pd.DataFrame(
                    {
                        "theatre": theatre.theatre_id,
                        "group": group,
                        "lat_deg": lat.ravel(),
                        "lon_deg": lon.ravel(),
                        "accesses": counts.ravel().astype(int),
                    }
                )
            )
    catalogue = satellite_catalogue(inputs.satellites, window.start)
    not_modelled = catalogue.loc[~catalogue["propagated"], "sat_id"].tolist()
    notes = [
        f"Field of regard {window.field_of_regard_deg:g} degrees off nadir where none is "
        "published (assumption); orbit phasing not published is a labelled assumption.",
        *inputs.notes,
    ]
    return IsrResult(
        tables={
            "coverage": pd.concat(coverage, ignore_index=True),
            "accesses": pd.concat(accesses, ignore_index=True),
            "satellites": catalogue,
        },
        sources=tuple(sources),
        notes=tuple(notes),
        missing=tuple(not_modelled),
        meta=make_meta(
            "isr",
            inputs.origin,
            theatres=[t.theatre_id for t in inputs.theatres],
            start=window.start.isoformat(),
            days=window.days,
            step_seconds=window.step_seconds,
            grid_deg=window.grid_deg,
            field_of_regard_deg=window.field_of_regard_deg,
            satellites_modelled=sorted(used),
        ),
    )
