"""`europillar scenario list|show|validate|schema`: browse, copy and check scenario files."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from europillar.cli.output import Format, emit


def _flatten(data: dict[str, object], prefix: str = "") -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for key, value in data.items():
        path = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict):
            rows.extend(_flatten(value, path))
        else:
            rows.append((path, json.dumps(value, ensure_ascii=False)))
    return rows


def register(app: typer.Typer) -> None:
    scenario_app = typer.Typer(
        help="Scenarios: list, show, validate and the JSON schema.", no_args_is_help=True
    )
    app.add_typer(scenario_app, name="scenario")

    @scenario_app.command("list")
    def list_command(
        fmt: Format = typer.Option(Format.table, "--format", help="table, csv or json."),
    ) -> None:
        """List the shipped scenario presets."""
        import pandas as pd

        from europillar.scenario.catalogue import list_presets

        records = list_presets()
        frame = pd.DataFrame.from_records(records)
        if fmt is Format.table:
            frame = frame.drop(columns=["description", "file"])
        emit(
            frame,
            fmt,
            title="Scenario presets",
            caption="Show one with: europillar scenario show NAME",
        )

    @scenario_app.command("show")
    def show_command(
        name: str = typer.Argument(..., help="Preset name or scenario file."),
        merged: bool = typer.Option(
            False, "--merged", help="Show the full scenario with every default filled in."
        ),
        fmt: Format = typer.Option(
            Format.table, "--format", help="table (TOML text to copy), csv (key,value) or json."
        ),
    ) -> None:
        """Print a scenario as TOML to copy and edit (or as JSON / key-value CSV)."""
        import pandas as pd
        import tomli_w

        from europillar.scenario.loader import _resolve, load_scenario

        scenario = load_scenario(name)
        full = scenario.model_dump(mode="json", exclude_none=True)
        if fmt is Format.json:
            typer.echo(json.dumps(full, indent=2, ensure_ascii=False))
        elif fmt is Format.csv:
            emit(pd.DataFrame(_flatten(full), columns=["key", "value"]), fmt)
        elif merged:
            typer.echo(tomli_w.dumps(full), nl=False)
        else:
            typer.echo(_resolve(name).read_text(encoding="utf-8"), nl=False)

    @scenario_app.command("validate")
    def validate_command(
        file: Path = typer.Argument(..., help="Scenario TOML file (or a preset name)."),
        fmt: Format = typer.Option(Format.table, "--format", help="table, csv or json."),
    ) -> None:
        """Check a scenario file; a problem is one sentence and exit code 2."""
        import pandas as pd

        from europillar.scenario.loader import load_scenario

        scenario = load_scenario(str(file))
        frame = pd.DataFrame(
            [
                {
                    "file": str(file),
                    "valid": True,
                    "name": scenario.name,
                    "title": scenario.title,
                    "members": len(scenario.member_codes()),
                    "base_year": scenario.base_year,
                    "target_year": scenario.target,
                }
            ]
        )
        emit(frame, fmt, title="Scenario is valid")

    @scenario_app.command("schema")
    def schema_command(
        output: Path | None = typer.Option(None, "--output", help="Write to this file."),
        fmt: Format = typer.Option(
            Format.json, "--format", help="json (the schema) or table/csv (the key table)."
        ),
    ) -> None:
        """Print the scenario JSON schema (or the table of keys)."""
        from europillar.atomic import write_text
        from europillar.scenario.jsonschema import scenario_json_schema_text

        if fmt is Format.json:
            text = scenario_json_schema_text()
            if output is not None:
                write_text(output, text)
            else:
                typer.echo(text, nl=False)
            return
        from europillar.scenario.jsonschema import scenario_key_rows

        emit(scenario_key_rows(), fmt, title="Scenario keys")

    @scenario_app.command("convert")
    def convert_command(
        file: Path = typer.Argument(
            ..., help="A decision-rule or command-structure file in the old format."
        ),
        output: Path | None = typer.Option(None, "--output", help="Write to this file."),
    ) -> None:
        """Turn an old rule or structure file into the scenario section it stands for."""
        import tomli_w

        from europillar.atomic import write_text
        from europillar.scenario.legacy import convert

        section = convert(file)
        text = (
            f"# Converted from {file.name}: paste into a scenario file "
            "(europillar scenario show NAME > my.toml).\n" + tomli_w.dumps(section)
        )
        if output is None:
            typer.echo(text, nl=False)
        else:
            write_text(output, text)
            typer.echo(f"wrote {output}", err=True)
