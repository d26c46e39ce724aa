"""Options every domain command shares, and the one way a command runs an engine."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

from europillar.scenario.vocabulary import DEFAULT_PRESET

if TYPE_CHECKING:
    from europillar.result import Result
    from europillar.scenario.schema import Scenario


def scenario_option(default: str | None = DEFAULT_PRESET) -> Any:
    """``--scenario NAME_OR_FILE``: a shipped preset or a scenario TOML file."""
    return typer.Option(
        default,
        "--scenario",
        help="Preset name or scenario TOML file" + (f" (default: {default})." if default else "."),
    )


def split(text: str | None) -> list[str]:
    """Comma-separated values, stripped, empty ones dropped."""
    return [p.strip() for p in (text or "").split(",") if p.strip()]


def run_domain(domain: str, scenario: Scenario | str, **options: Any) -> Result:
    """Run one engine through the runner (the same call the web app and the report make)."""
    from europillar import runner

    return runner.run(domain, scenario, **options)
