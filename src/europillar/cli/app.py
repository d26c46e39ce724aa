"""The `europillar` command. Each command group lives in its own module and registers here.

Command modules import only typer and light europillar modules at import time; engines,
pandas, scipy and matplotlib are imported inside the command that runs, so that
``europillar --help`` and ``--version`` start fast (tests/test_cli_app.py checks it).
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import typer

from europillar import __version__
from europillar.cli import (
    burden_cmd,
    command_cmd,
    compare_cmd,
    country_cmd,
    data_cmd,
    gaps_cmd,
    isr_cmd,
    procure_cmd,
    report_cmd,
    scenario_cmd,
    serve_cmd,
    transition_cmd,
    voting_cmd,
)
from europillar.errors import InputError

app = typer.Typer(
    name="europillar",
    help="Open, reproducible planning model for a European pillar of defence.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Every command group, in help order; each adds its commands to the app.
REGISTER: tuple[Callable[[typer.Typer], None], ...] = (
    data_cmd.register,
    compare_cmd.register,
    burden_cmd.register,
    country_cmd.register,
    report_cmd.register,
    scenario_cmd.register,
    gaps_cmd.register,
    transition_cmd.register,
    voting_cmd.register,
    procure_cmd.register,
    isr_cmd.register,
    command_cmd.register,
    serve_cmd.register,
)

_DEBUG = "--debug" in sys.argv


def _version(value: bool) -> None:
    if value:
        typer.echo(f"europillar {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    debug: bool = typer.Option(False, "--debug", help="Show a traceback on errors."),
    version: bool = typer.Option(
        False,
        "--version",
        callback=_version,
        is_eager=True,
        help="Print the version and exit.",
    ),
) -> None:
    """europillar: Europe's defence, measured from cited data."""


_REGISTERED: list[Callable[[typer.Typer], None]] = []


def _register_all() -> None:
    """Let every command group add its commands (once)."""
    if _REGISTERED:
        return
    for register in REGISTER:
        register(app)
        _REGISTERED.append(register)


def main() -> None:
    """Entry point: errors in user input become one sentence and exit code 2."""
    _register_all()
    try:
        app()  # standalone: click handles --help, usage errors (exit 2) and Exit
    except InputError as exc:
        if _DEBUG:
            raise
        typer.echo(f"error: {exc}", err=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
