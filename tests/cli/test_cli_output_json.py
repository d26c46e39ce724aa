"""Every command's --format json parses as strict JSON (no Infinity or NaN constants),
on every shipped preset: what JSON.parse in a browser and Python's json with
parse_constant refusing accept."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from europillar.cli.app import _register_all, app
from europillar.scenario.loader import preset_names

# Commands that take --scenario, each with the views a reader can ask for (small runs).
SCENARIO_COMMANDS: tuple[tuple[str, ...], ...] = (
    ("compare",),
    ("compare", "--long"),
    ("burden",),
    ("burden", "--show", "gaps"),
    ("burden", "--show", "us-share"),
    ("burden", "--show", "ozeckhauser"),
    ("gaps", "--view", "categories"),
    ("gaps", "--view", "costs"),
    ("gaps", "--view", "members"),
    ("gaps", "--view", "units"),
    ("gaps", "--view", "budget"),
    ("transition", "--draws", "300", "--seed", "1"),
    ("transition", "--draws", "300", "--seed", "1", "--view", "fan"),
    ("voting",),
    ("threats", "matrix"),
    ("threats", "clusters"),
    ("threats", "missions"),
    ("threats", "simulate", "--runs", "100"),
    ("procure",),
    ("isr", "--days", "0.25", "--step-seconds", "900"),
    ("command",),
    ("country", "POL"),
    ("country", "ISL"),
)
OTHER_COMMANDS: tuple[tuple[str, ...], ...] = (
    ("fragmentation",),
    ("data", "sources"),
    ("data", "list"),
    ("data", "show", "observations", "--iso3", "TUR", "--indicator", "milex_share_gdp_pct"),
    ("scenario", "list"),
)


# Runs that stop with an input error today (exit 2, one sentence), so print no JSON; each
# names the issue that fixes it. strict=True: when it starts to pass, remove it here.
KNOWN_REFUSALS: dict[tuple[tuple[str, ...], str], str] = {}


def strict(text: str) -> Any:
    def refuse(name: str) -> None:
        raise ValueError(f"non-standard JSON constant {name}")

    return json.loads(text, parse_constant=refuse)


def run(*args: str) -> str:
    _register_all()
    result = CliRunner().invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, f"{' '.join(args)}: {result.output}"
    return result.stdout


def _cases() -> list[Any]:
    cases = []
    for command in SCENARIO_COMMANDS:
        for preset in preset_names():
            reason = KNOWN_REFUSALS.get((command, preset))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            cases.append(
                pytest.param(command, preset, marks=marks, id=f"{' '.join(command)}-{preset}")
            )
    return cases


@pytest.mark.parametrize(("command", "preset"), _cases())
def test_json_is_strict_on_every_preset(command: tuple[str, ...], preset: str) -> None:
    strict(run(*command, "--scenario", preset))


@pytest.mark.parametrize("command", OTHER_COMMANDS, ids=" ".join)
def test_json_is_strict(command: tuple[str, ...]) -> None:
    strict(run(*command))


def test_iceland_infinite_cost_share_is_null_with_a_reason() -> None:
    payload = strict(run("gaps", "--scenario", "replace_us_full", "--view", "members"))
    iceland = next(r for r in payload["rows"] if r["iso3"] == "ISL")
    if iceland["cost_share_of_milex_pct"] is None:
        assert "divisor is zero" in iceland["cost_share_of_milex_pct_reason"]
