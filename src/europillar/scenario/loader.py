"""Find, read, merge and validate scenario files; every problem becomes one InputError.

A scenario is ``presets/_defaults.toml`` deep-merged with a preset or a user file (a
partial override), then validated by :class:`~europillar.scenario.schema.Scenario`.
"""

from __future__ import annotations

import copy
import tomllib
import types
import typing
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from europillar.errors import InputError
from europillar.scenario.distributions import DISTRIBUTION_TYPES
from europillar.scenario.schema import PER_CATEGORY_SECTIONS, Scenario
from europillar.scenario.vocabulary import CATEGORY_IDS, RULE_REQUIREMENT_SETS

DEFAULTS_NAME = "_defaults"


def _presets_dir() -> Path:
    return Path(str(resources.files("europillar.scenario") / "presets"))


def preset_names() -> list[str]:
    """Names of the shipped presets (file stems, without the defaults file)."""
    return sorted(p.stem for p in _presets_dir().glob("*.toml") if not p.stem.startswith("_"))


def preset_path(name: str) -> Path:
    path = _presets_dir() / f"{name}.toml"
    if name.startswith("_") or not path.is_file():
        raise InputError(None, "scenario", name, "no shipped preset of that name", preset_names())
    return path


def preset_text(name: str) -> str:
    """The TOML text of a shipped preset, for users to copy and edit."""
    return preset_path(name).read_text(encoding="utf-8")


def defaults_text() -> str:
    return (_presets_dir() / f"{DEFAULTS_NAME}.toml").read_text(encoding="utf-8")


def read_toml(path: Path) -> dict[str, Any]:
    """Parse one TOML file; a syntax error names the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(
            str(path), None, str(path), f"cannot read the file ({exc.strerror})"
        ) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(str(path), None, None, f"not valid TOML ({exc})") from None


def merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Deep merge: tables merge key by key; any other value in ``override`` replaces."""
    merged = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def _resolve(name_or_file: str | Path) -> Path:
    text = str(name_or_file)
    path = Path(text)
    if path.suffix == ".toml" or path.exists() or "/" in text:
        if not path.is_file():
            raise InputError(text, None, text, "no such scenario file")
        return path
    return preset_path(text)


def load_scenario(name_or_file: str | Path) -> Scenario:
    """Load a shipped preset by name, or a scenario TOML file by path, and validate it."""
    path = _resolve(name_or_file)
    return scenario_from_dict(read_toml(path), file=str(path))


def scenario_from_dict(data: dict[str, Any], file: str = "<scenario>") -> Scenario:
    """Validate a scenario given as a (partial) mapping merged onto the defaults."""
    defaults = tomllib.loads(defaults_text())
    if "horizon_years" in data and "target_year" not in data:
        defaults.pop("target_year", None)  # the user's horizon decides the target year
    _check_category_keys(data, file)
    merged = merge(defaults, data)
    try:
        scenario = Scenario.model_validate(merged)
    except ValidationError as exc:
        raise _to_input_error(exc, merged, file) from None
    _check_requirement_set(scenario, file)
    return scenario


def scenario_with(
    scenario: Scenario, changes: Mapping[str, Any], file: str = "options"
) -> Scenario:
    """A validated copy of ``scenario`` with ``changes`` merged in (``None`` leaves ignored).

    ``changes`` is nested like the file: ``{"transition": {"draws": 1000}}``. Command-line
    options and web job settings reach the engines this way, so a result's scenario hash
    always describes every setting that shaped it.
    """
    cleaned = _without_none(changes)
    if not cleaned:
        return scenario
    merged = merge(scenario.model_dump(mode="python", exclude_none=True), cleaned)
    try:
        changed = Scenario.model_validate(merged)
    except ValidationError as exc:
        raise _to_input_error(exc, merged, file) from None
    _check_requirement_set(changed, file)
    return changed


def _without_none(changes: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in changes.items():
        if isinstance(value, Mapping):
            inner = _without_none(value)
            if inner:
                out[key] = inner
        elif value is not None:
            out[key] = value
    return out


def _check_category_keys(data: dict[str, Any], file: str) -> None:
    for section, settings in PER_CATEGORY_SECTIONS.items():
        table = data.get(section)
        if not isinstance(table, dict):
            continue
        for key in table:
            if key not in settings and key not in CATEGORY_IDS:
                raise InputError(
                    file,
                    f"{section}.{key}",
                    key,
                    f"is neither a setting of '{section}' nor a capability category id",
                    [*settings, *CATEGORY_IDS],
                )


def _check_requirement_set(scenario: Scenario, file: str) -> None:
    preset = scenario.requirements.preset
    if preset is None or preset in RULE_REQUIREMENT_SETS:
        return
    from europillar.data.query import requirement_studies

    studies = requirement_studies()
    if preset not in studies:
        raise InputError(
            file,
            "requirements.preset",
            preset,
            "is not a requirement rule nor a study in requirements_published.csv",
            [*RULE_REQUIREMENT_SETS, *studies],
        )


def _value_at(data: Any, loc: tuple[Any, ...]) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _annotation_at(loc: tuple[Any, ...]) -> Any:
    """The type annotation of the schema field at ``loc`` (None if not found)."""
    current: Any = Scenario
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else None
            continue
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(part)
            if field is None:
                extra = current.__annotations__.get("__pydantic_extra__")
                current = typing.get_args(_unwrap(extra))[1] if extra else None
            else:
                current = field.annotation
        else:
            return None
    return current


def _unwrap(annotation: Any) -> Any:
    if isinstance(annotation, str):
        return None
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
        return models[0] if models else (args[0] if len(args) == 1 else annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    return annotation


def _allowed_keys(loc: tuple[Any, ...]) -> list[str] | None:
    model = _unwrap(_annotation_at(loc))
    if isinstance(model, type) and issubclass(model, BaseModel):
        return list(model.model_fields)
    return None


def _literal_args(loc: tuple[Any, ...]) -> list[str] | None:
    annotation = _unwrap(_annotation_at(loc))
    if typing.get_origin(annotation) is typing.Literal:
        return [str(a) for a in typing.get_args(annotation)]
    return None


def _to_input_error(exc: ValidationError, merged: dict[str, Any], file: str) -> InputError:
    error = exc.errors(include_url=False)[0]
    loc = _data_loc(merged, tuple(p for p in error["loc"] if isinstance(p, (str, int))))
    ctx = error.get("ctx") or {}
    key = str(ctx["key"]) if "key" in ctx else _key_path(loc)
    kind = error["type"]
    value = ctx.get("bad", _value_at(merged, loc))
    allowed = ctx.get("allowed")
    if kind == "missing":
        return InputError(file, key, None, "required key is missing")
    if kind == "extra_forbidden":
        return InputError(file, key, value, "unknown key", _allowed_keys(loc[:-1]))
    if kind == "literal_error":
        allowed = _literal_args(loc)
    if ctx.get("kind") == "country" and isinstance(merged.get("members"), list):
        members = merged["members"]
        if value in members:
            key = f"members[{members.index(value)}]"
    reason = error["msg"].replace("Value error, ", "")
    return InputError(file, key or None, value, reason, allowed)


_UNION_TAGS = {"number", "distribution", "rule_name", "rule_table", *DISTRIBUTION_TYPES}


def _data_loc(data: Any, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """``loc`` without the union tags pydantic inserts (e.g. 'distribution', 'normal'),
    so that the key path is the one written in the file."""
    kept: list[Any] = []
    for part in loc:
        if (
            isinstance(part, str)
            and part in _UNION_TAGS
            and isinstance(data, dict)
            and part not in data
        ):
            continue
        kept.append(part)
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            data = None
    return tuple(kept)


def _key_path(loc: tuple[Any, ...]) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text
