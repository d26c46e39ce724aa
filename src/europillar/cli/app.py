"""The `europillar` command. Each command group lives in its own module and registers here."""

from __future__ import annotations

import importlib
import sys

import typer

from europillar.errors import InputError

app = typer.Typer(
    name="europillar",
    help="Open, reproducible planning model for a European pillar of defence.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# One module per command group; each defines ``register(app: typer.Typer) -> None``.
COMMAND_MODULES = [
    "europillar.cli.data_cmd",
    "europillar.cli.compare_cmd",
    "europillar.cli.burden_cmd",
    "europillar.cli.report_cmd",
    "europillar.cli.scenario_cmd",
    "europillar.cli.gaps_cmd",
    "europillar.cli.transition_cmd",
    "europillar.cli.voting_cmd",
    "europillar.cli.procure_cmd",
    "europillar.cli.isr_cmd",
    "europillar.cli.command_cmd",
    "europillar.cli.serve_cmd",
]

_DEBUG = "--debug" in sys.argv


@app.callback()
def _root(
    debug: bool = typer.Option(False, "--debug", help="Show a traceback on errors."),
) -> None:
    """europillar: Europe's defence, measured from cited data."""


_REGISTERED: list[str] = []


def _register_all() -> None:
    """Import every command module once and let it add its commands."""
    if _REGISTERED:
        return
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # module not written yet
                continue
            raise
        module.register(app)
        _REGISTERED.append(name)


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
