"""What each kind of job computes: the one runner on a saved scenario, with the job's options.

A job runs exactly what ``europillar transition`` or ``europillar procure`` run (the same
``europillar.runner.run`` call), so a scenario gives the same tables in the browser and
on the command line. ``progress(fraction, message)`` raises ``JobCancelled`` once the user
has cancelled, which unwinds the engine run between two chunks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from europillar.errors import InputError
from europillar.scenario.schema import Scenario

Progress = Callable[[float, str], None]


class JobCancelled(Exception):
    """Raised inside a runner when the user cancelled the job."""


@dataclass(frozen=True)
class RunOutput:
    frames: dict[str, pd.DataFrame]
    meta: dict[str, Any]


def _output(result: Any) -> RunOutput:
    meta = {
        **dict(result.meta),
        "notes": list(result.notes),
        "sources": list(result.sources),
        "missing": list(result.missing),
    }
    return RunOutput(dict(result.tables), meta)


def run_transition_job(scenario: Scenario, params: dict[str, Any], progress: Progress) -> RunOutput:
    """Monte Carlo transition run; ``params``: draws, seed (default: the scenario's)."""
    from europillar import runner
    from europillar.transition.montecarlo import BLOCK

    draws = params.get("draws") or (scenario.transition.draws if scenario.transition else 2000)
    chunk = BLOCK * max(1, -(-int(draws) // (50 * BLOCK)))  # about 50 progress reports a run
    result = runner.run(
        "transition",
        scenario,
        draws=params.get("draws"),
        seed=params.get("seed"),
        chunk_draws=chunk,
        on_progress=progress,
    )
    return _output(result)


def run_procurement_job(
    scenario: Scenario, params: dict[str, Any], progress: Progress
) -> RunOutput:
    """Joint procurement plan vs every member buying alone (the scenario's settings, with
    the job's k_max, buy_european_pct, juste_retour_pct and cost_case on top)."""
    from europillar import runner

    result = runner.run("procurement", scenario, on_progress=progress, **params)
    if result.meta["status"] == "infeasible":
        raise InputError(scenario.name, "procurement", None, str(result.meta["explanation"]))
    return _output(result)


RUNNERS: dict[str, Callable[[Scenario, dict[str, Any], Progress], RunOutput]] = {
    "transition": run_transition_job,
    "procurement": run_procurement_job,
}
