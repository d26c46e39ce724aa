"""The one runner: scenario -> inputs -> run -> result, for every domain.

The CLI, the web job runner and the report all call :func:`run`, so the three can never
disagree: the same scenario, options and dataset give the same tables, byte for byte.

``run(domain, scenario, dataset=None, **options)`` does exactly::

    engine = ENGINES[domain]()                      # the domain module (typed, below)
    inputs = engine.inputs(scenario, dataset, **options)   # the only step reading data
    result = engine.run(inputs, **execution)        # pure

``options`` are the domain's settings (each overrides the scenario's section, so the
result's scenario hash covers it); ``execution`` options (``scheduler``, ``workers``,
``kernel``, ``chunk_draws``, ``on_progress``) only choose where and how an engine
computes, never what it returns.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from europillar.errors import InputError

if TYPE_CHECKING:
    from europillar.dataset import Dataset
    from europillar.result import Result
    from europillar.scenario.schema import Scenario

Progress = Callable[[float, str], None]
EXECUTION_OPTIONS = ("chunk_draws", "scheduler", "workers", "kernel", "on_progress")


class Engine(Protocol):
    """What a domain module provides (the engine contract, docs/api.md)."""

    @property
    def DOMAIN(self) -> str: ...

    @property
    def inputs(self) -> Callable[..., Any]: ...

    @property
    def run(self) -> Callable[..., Result]: ...


def _power() -> Engine:
    from europillar import power

    return power


def _burden() -> Engine:
    from europillar import burden

    return burden


def _capability() -> Engine:
    from europillar import capability

    return capability


def _transition() -> Engine:
    from europillar import transition

    return transition


def _decisions() -> Engine:
    from europillar import decisions

    return decisions


def _procurement() -> Engine:
    from europillar import procurement

    return procurement


def _isr() -> Engine:
    from europillar import isr

    return isr


def _command() -> Engine:
    from europillar import command

    return command


def _profile() -> Engine:
    from europillar import profile

    return profile


# Domain name -> the function that imports its module (so importing the runner stays
# light: a domain is imported only when it runs).
ENGINES: Mapping[str, Callable[[], Engine]] = {
    "power": _power,
    "burden": _burden,
    "capability": _capability,
    "transition": _transition,
    "decisions": _decisions,
    "procurement": _procurement,
    "isr": _isr,
    "command": _command,
    "profile": _profile,
}
DOMAINS = tuple(ENGINES)


def engine(domain: str) -> Engine:
    """The module of ``domain`` (InputError naming the domains there are)."""
    if domain not in ENGINES:
        raise InputError(None, "domain", domain, "unknown domain", DOMAINS)
    return ENGINES[domain]()


def resolve_scenario(scenario: Scenario | str | Path) -> Scenario:
    """A scenario object, a shipped preset's name or a TOML file's path, validated."""
    from europillar.scenario.loader import load_scenario
    from europillar.scenario.schema import Scenario

    return scenario if isinstance(scenario, Scenario) else load_scenario(scenario)


def _accepted(function: Callable[..., Any]) -> set[str]:
    return {
        p.name
        for p in inspect.signature(function).parameters.values()
        if p.kind is inspect.Parameter.KEYWORD_ONLY
    }


def run(
    domain: str,
    scenario: Scenario | str | Path,
    dataset: Dataset | None = None,
    *,
    chunk_draws: int | None = None,
    scheduler: str | None = None,
    workers: int | None = None,
    kernel: str | None = None,
    on_progress: Progress | None = None,
    **options: Any,
) -> Result:
    """Run ``domain`` on ``scenario`` (see the module docstring)."""
    from europillar.dataset import load

    module = engine(domain)
    unknown = sorted(set(options) - _accepted(module.inputs))
    if unknown:
        raise InputError(
            None,
            "option",
            unknown[0],
            f"not a setting of the {domain} engine",
            sorted(_accepted(module.inputs)),
        )
    execution = {
        k: v
        for k, v in (
            ("chunk_draws", chunk_draws),
            ("scheduler", scheduler),
            ("workers", workers),
            ("kernel", kernel),
            ("on_progress", on_progress),
        )
        if v is not None
    }
    takes = _accepted(module.run)
    refused = sorted(k for k in execution if k not in takes and k != "on_progress")
    if refused:
        raise InputError(
            None, "option", refused[0], f"the {domain} engine always runs in this process"
        )
    if on_progress is not None:
        on_progress(0.0, "reading the inputs")
    inputs = module.inputs(resolve_scenario(scenario), dataset or load(), **options)
    if on_progress is not None and "on_progress" not in takes:
        on_progress(0.2, f"computing {domain}")
        execution.pop("on_progress")
    result = module.run(inputs, **execution)
    if on_progress is not None:
        on_progress(1.0, "done")
    return result


__all__ = ["DOMAINS", "ENGINES", "EXECUTION_OPTIONS", "Engine", "engine", "resolve_scenario", "run"]
