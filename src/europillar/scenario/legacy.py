"""Files in the formats used before everything became a scenario: rule and structure files.

A decision-rule TOML file (docs/decisions.md) becomes the ``[decisions] rule`` table; a
command-structure TOML or CSV file (docs/command.md) becomes a ``[[command.custom]]``
table. The CLI still reads them, with a one-line note; ``europillar scenario convert``
writes them as scenario sections.
"""

from __future__ import annotations

import csv
import io
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from europillar.errors import InputError
from europillar.scenario.vocabulary import RULE_PRESETS, SHIPPED_STRUCTURES

NOTE = (
    "note: {file} is a {kind} file in the old format; it was read as the scenario's {section} "
    "(`europillar scenario convert {file}` writes that section)."
)


def _read_text(path: Path) -> str:
    if not path.is_file():
        raise InputError(str(path), None, str(path), "file not found")
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), None, str(path), f"cannot read the file ({exc})") from None


def _toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(_read_text(path))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(str(path), None, None, f"not valid TOML ({exc})") from None


def rule_table(path: str | Path) -> dict[str, Any]:
    """A rule file as the ``[decisions] rule`` table (keys as in the file)."""
    return dict(_toml(Path(path)))


def structure_table(path: str | Path) -> dict[str, Any]:
    """A structure file (.toml or .csv) as one ``[[command.custom]]`` table."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        reader = csv.DictReader(io.StringIO(_read_text(path)))
        fields = reader.fieldnames or []
        for column in ("parent", "child"):
            if column not in fields:
                raise InputError(str(path), "header", fields, f"missing column '{column}'")
        edges: list[dict[str, Any]] = []
        for i, row in enumerate(reader):
            edge: dict[str, Any] = {
                "parent": (row["parent"] or "").strip(),
                "child": (row["child"] or "").strip(),
            }
            raw = (row.get("weight") or "").strip()
            if raw:
                try:
                    edge["weight"] = float(raw)
                except ValueError:
                    raise InputError(
                        str(path), f"row {i + 2}.weight", raw, "not a number"
                    ) from None
            edges.append(edge)
        return {"name": path.stem, "edges": edges}
    data = _toml(path)
    forces = []
    for force in data.get("forces", []):
        if isinstance(force, dict):
            force = dict(force)
            if isinstance(force.get("commanded_by"), str):
                force["commanded_by"] = [force["commanded_by"]]
            if isinstance(force.get("weight"), int) and not isinstance(force["weight"], bool):
                force["weight"] = float(force["weight"])
        forces.append(force)
    return {
        "name": str(data.get("name", path.stem)),
        "edges": list(data.get("edges", [])),
        "forces": forces,
    }


def structure_files(entries: list[str]) -> tuple[list[str], list[dict[str, Any]] | None, list[str]]:
    """``--structure`` values: names pass through; old-format files become custom tables.

    Returns (structure names, custom tables or None when no file was given, notes).
    """
    names: list[str] = []
    custom: list[dict[str, Any]] = []
    notes: list[str] = []
    for entry in entries:
        if entry in SHIPPED_STRUCTURES or Path(entry).suffix.lower() not in (".toml", ".csv"):
            names.append(entry)
            continue
        from europillar.scenario.sections.command import StructureDefinition

        table = checked(StructureDefinition, structure_table(entry), entry)
        custom.append(table)
        names.append(table["name"])
        notes.append(
            NOTE.format(file=entry, kind="command-structure", section="[[command.custom]]")
        )
    return names, (custom or None), notes


def checked(model: type[BaseModel], table: dict[str, Any], path: str | Path) -> dict[str, Any]:
    """``table`` if it is a valid ``model`` (a scenario section's part), else one InputError
    naming the file, the key and the value."""
    try:
        model.model_validate(table)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        loc = [p for p in error["loc"] if p not in ("rule_name", "rule_table")]
        key = ".".join(str(p) for p in loc) or None
        raise InputError(str(path), key, error.get("input"), error["msg"]) from None
    return table


def rule_option(value: str) -> tuple[str | dict[str, Any], list[str]]:
    """``--rule`` value: a shipped rule's name, or an old-format rule file (with a note)."""
    from europillar.scenario.sections.decisions import RuleDefinition

    if value in RULE_PRESETS:
        return value, []
    if value.endswith(".toml") or Path(value).exists():
        table = checked(RuleDefinition, rule_table(value), value)
        note = NOTE.format(file=value, kind="decision-rule", section="[decisions] rule")
        return table, [note]
    raise InputError(
        None, "--rule", value, "neither a shipped rule nor a TOML rule file", RULE_PRESETS
    )


def convert(path: str | Path) -> dict[str, Any]:
    """The scenario section an old-format file stands for: {"decisions": {"rule": ...}}
    for a rule file, {"command": {"custom": [...], "structures": [...]}} for a structure."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        table = structure_table(path)
        return {"command": {"structures": [table["name"]], "custom": [table]}}
    data = _toml(path)
    if "rule" in data:
        return {"decisions": {"rule": rule_table(path)}}
    if "edges" in data or "forces" in data:
        table = structure_table(path)
        return {"command": {"structures": [table["name"]], "custom": [table]}}
    raise InputError(
        str(path),
        None,
        str(path),
        "neither a decision-rule file (key 'rule') nor a command "
        "structure (keys 'edges', 'forces')",
    )
