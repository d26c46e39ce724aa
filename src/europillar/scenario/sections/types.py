"""Field types the engine sections of a scenario share: strict, bounded, no NaN or infinity."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

# Every section: unknown keys are errors, values are never coerced, floats are finite.
STRICT = ConfigDict(extra="forbid", frozen=True, strict=True, allow_inf_nan=False)

YEAR_MIN, YEAR_MAX = 1990, 2100
LIST_MAX = 1_000
NAME_MAX = 100
TEXT_MAX = 10_000
SEED_MAX = 2**63 - 1

Year = Annotated[int, Field(ge=YEAR_MIN, le=YEAR_MAX)]
Seed = Annotated[int, Field(ge=0, le=SEED_MAX)]
Iso3 = Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
Name = Annotated[str, Field(min_length=1, max_length=NAME_MAX, pattern=r"^[^\x00-\x1f\x7f]*$")]
Text = Annotated[str, Field(max_length=TEXT_MAX, pattern=r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$")]


def unknown(kind: str, value: Any, allowed: list[str] | tuple[str, ...]) -> PydanticCustomError:
    """The error the loader turns into "unknown <kind>" with the allowed values."""
    return PydanticCustomError(
        "europillar_unknown",
        "unknown {kind}",
        {"kind": kind, "allowed": list(allowed), "bad": value},
    )


def check_countries(codes: list[str] | None) -> list[str] | None:
    """ISO3 codes of countries in scope, each once (None passes)."""
    if codes is None:
        return None
    from europillar.scenario.members import known_countries

    countries = known_countries()
    for code in codes:
        if code not in countries:
            raise unknown("country", code, countries)
    if len(set(codes)) != len(codes):
        raise PydanticCustomError("europillar_dup", "lists a country twice", {})
    return codes


def check_blocs(names: list[str]) -> list[str]:
    """Bloc names or single ISO3 codes, each once."""
    from europillar.scenario.members import known_blocs, known_countries

    allowed = [*known_blocs(), *known_countries()]
    for name in names:
        if name not in allowed:
            raise unknown("bloc", name, [*known_blocs(), "or an ISO3 code"])
    if len(set(names)) != len(names):
        raise PydanticCustomError("europillar_dup", "lists a bloc twice", {})
    return names


def _iso_date(value: Any) -> Any:
    # TOML reads ``start = 2025-01-01`` as a date; JSON and the web send text.
    if hasattr(value, "isoformat") and not isinstance(value, str):
        return value.isoformat()
    return value


IsoDate = Annotated[
    str,
    BeforeValidator(_iso_date),
    Field(pattern=r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?$"),
]
