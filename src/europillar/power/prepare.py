"""Military-power inputs: blocs with their members per year, years, indicators, figures.

``inputs(scenario, dataset)`` is the only step that reads data; the scenario's
``[power]`` section says which blocs, years and indicators. Keyword options override it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from europillar.power.comparison import INDICATORS, resolve_blocs
from europillar.result import Origin

if TYPE_CHECKING:
    from europillar.dataset import Dataset
    from europillar.scenario.schema import Scenario


@dataclass(frozen=True)
class PowerInputs:
    """Observations of the indicators needed, and each bloc's members in each year."""

    origin: Origin
    observations: pd.DataFrame
    blocs: Mapping[str, Mapping[int, tuple[str, ...]]]
    years: tuple[int, ...]
    indicators: tuple[str, ...]


def years_of(first: int | None, last: int | None, dataset: Dataset) -> tuple[int, ...]:
    """``first``..``last`` (defaults: the data's reference year), each within the data."""
    from europillar.data.query import check_year, default_year

    end = check_year(last, dataset) if last is not None else default_year(dataset)
    start = check_year(first, dataset) if first is not None else end
    return tuple(range(start, end + 1))


def inputs(
    scenario: Scenario,
    dataset: Dataset,
    *,
    blocs: list[str] | None = None,
    coalition: list[str] | None = None,
    first_year: int | None = None,
    last_year: int | None = None,
    indicators: list[str] | None = None,
) -> PowerInputs:
    """Military-power inputs of ``scenario`` (options override its ``[power]`` section)."""
    from europillar.scenario.loader import scenario_with

    changes = {
        "blocs": blocs,
        "coalition": coalition,
        "first_year": first_year,
        "last_year": last_year,
        "indicators": indicators,
    }
    scenario = scenario_with(scenario, {"power": changes}, file="power options")
    settings = scenario.power
    years = years_of(settings.first_year, settings.last_year, dataset)
    resolved = resolve_blocs(settings.blocs, years, dataset=dataset)
    if settings.coalition:
        resolved["+".join(settings.coalition)] = {y: list(settings.coalition) for y in years}
    needed = {n for i in settings.indicators for n in (*INDICATORS[i].needs, *INDICATORS[i].either)}
    observations = dataset.table("observations")
    observations = observations[observations["indicator"].isin(needed)].reset_index(drop=True)
    return PowerInputs(
        Origin.of(scenario, dataset),
        observations,
        {b: {y: tuple(m) for y, m in by_year.items()} for b, by_year in resolved.items()},
        years,
        tuple(settings.indicators),
    )
