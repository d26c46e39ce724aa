"""Burden-sharing inputs: a bloc's members per year, the years, targets and figures.

``inputs(scenario, dataset)`` is the only step that reads data; the scenario's
``[burden]`` section says which bloc, years and targets. Keyword options override it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from europillar.burden.sharing import Target, targets_from
from europillar.errors import InputError
from europillar.power.comparison import resolve_blocs
from europillar.power.prepare import years_of
from europillar.result import Origin

if TYPE_CHECKING:
    from europillar.dataset import Dataset
    from europillar.scenario.schema import Scenario


@dataclass(frozen=True)
class BurdenInputs:
    """Observations, the bloc's members in each year, and the targets compared with."""

    origin: Origin
    observations: pd.DataFrame
    bloc: str
    members: Mapping[int, tuple[str, ...]]
    years: tuple[int, ...]
    targets: tuple[Target, ...]


def inputs(
    scenario: Scenario,
    dataset: Dataset,
    *,
    bloc: str | None = None,
    first_year: int | None = None,
    last_year: int | None = None,
    targets: list[str] | None = None,
) -> BurdenInputs:
    """Burden inputs of ``scenario`` (options override its ``[burden]`` section)."""
    from europillar.scenario.loader import scenario_with

    changes = {"bloc": bloc, "first_year": first_year, "last_year": last_year, "targets": targets}
    scenario = scenario_with(scenario, {"burden": changes}, file="burden options")
    settings = scenario.burden
    years = years_of(settings.first_year, settings.last_year, dataset)
    cited = {t.id: t for t in targets_from(dataset.table("burden/targets"))}
    for i, target in enumerate(settings.targets):
        if target not in cited:
            raise InputError(
                "burden/targets.csv", f"burden.targets[{i}]", target, "no cited target", list(cited)
            )
    members = resolve_blocs([settings.bloc], years, dataset=dataset)[settings.bloc]
    return BurdenInputs(
        Origin.of(scenario, dataset),
        dataset.table("observations"),
        settings.bloc,
        {y: tuple(m) for y, m in members.items()},
        years,
        tuple(cited[t] for t in settings.targets),
    )
