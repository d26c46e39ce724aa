"""The one scenario schema (pydantic v2): what a scenario file may say, with defaults.

A scenario file is TOML. Shipped presets and user files are partial overrides of
``presets/_defaults.toml``; ``loader.load_scenario`` merges and validates them and turns
every validation error into ``InputError`` naming file, key path, value and allowed values.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from europillar.scenario.sections.command import CommandSettings
from europillar.scenario.sections.decisions import DecisionsSettings
from europillar.scenario.sections.isr import IsrSettings
from europillar.scenario.sections.lifecycle import LifecycleSettings
from europillar.scenario.sections.power import BurdenSettings, PowerSettings
from europillar.scenario.sections.procurement import ProcurementSettings
from europillar.scenario.sections.transition import TransitionSettings
from europillar.scenario.vocabulary import (
    CATEGORY_IDS,
    COMMITMENT_LEVELS,
    US_BASES,
    CostBound,
    FairShareKey,
    OperatingProfile,
    RequirementKind,
    USBasis,
)

_CATEGORY_NOTE = "per-category keys: one of the capability category ids"


def _unknown(kind: str, value: Any, allowed: list[str] | tuple[str, ...]) -> PydanticCustomError:
    return PydanticCustomError(
        "europillar_unknown",
        "unknown {kind}",
        {"kind": kind, "allowed": list(allowed), "bad": value},
    )


def _commitment(value: Any) -> str | float:
    """A US commitment level: "full", "reduced", "withdrawn" or a fraction in [0, 1]."""
    allowed = [*COMMITMENT_LEVELS, "a number from 0 to 1"]
    if isinstance(value, str):
        if value in COMMITMENT_LEVELS:
            return value
        raise _unknown("commitment level", value, allowed)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 0.0 <= float(value) <= 1.0:
            return float(value)
        raise PydanticCustomError("europillar_range", "must be from 0 to 1", {"allowed": allowed})
    raise PydanticCustomError(
        "europillar_type", "must be a commitment level or a number", {"allowed": allowed}
    )


Commitment = Annotated[
    str | float,
    PlainValidator(_commitment),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "enum": list(COMMITMENT_LEVELS)},
                {"type": "number", "minimum": 0, "maximum": 1},
            ]
        }
    ),
]
Fraction = Annotated[float, Field(ge=0.0, le=1.0)]
Quantity = Annotated[float, Field(ge=0.0)]


def _check_category_keys(extra: dict[str, Any] | None) -> None:
    for key in extra or {}:
        if key not in CATEGORY_IDS:
            raise _unknown("category", key, CATEGORY_IDS)


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class USCommitment(_Section):
    """How much of today's US contribution remains, by default and per category."""

    model_config = ConfigDict(
        extra="allow", frozen=True, strict=True, json_schema_extra={"x-per-category": True}
    )
    __pydantic_extra__: dict[str, Commitment] = Field(init=False)  # type: ignore[assignment]

    default: Commitment = Field(
        "full",
        description="Commitment for every category not listed: full, reduced, "
        "withdrawn or a fraction 0-1 of today's US contribution that remains.",
    )
    reduced_fraction: Fraction = Field(
        0.5,
        description="Fraction of the US contribution that remains under 'reduced' "
        "(a scenario assumption, not a published figure).",
    )
    bases: list[USBasis] = Field(
        default_factory=lambda: list(US_BASES),  # type: ignore[arg-type]
        description="Which kinds of US contribution count (us_contribution.csv 'basis').",
    )

    @model_validator(mode="after")
    def _categories(self) -> USCommitment:
        _check_category_keys(self.model_extra)
        return self

    def level(self, category: str) -> str | float:
        """The commitment written for ``category`` (falling back to ``default``)."""
        return (self.model_extra or {}).get(category, self.default)

    def fraction(self, category: str) -> float:
        """Fraction of today's US contribution in ``category`` that remains available."""
        level = self.level(category)
        if isinstance(level, float):
            return level
        return {"full": 1.0, "reduced": self.reduced_fraction, "withdrawn": 0.0}[level]


class Requirements(_Section):
    """What Europe needs: a published study's quantities, a rule, and/or explicit quantities."""

    model_config = ConfigDict(
        extra="allow", frozen=True, strict=True, json_schema_extra={"x-per-category": True}
    )
    __pydantic_extra__: dict[str, Quantity] = Field(init=False)  # type: ignore[assignment]

    preset: str | None = Field(
        None,
        description="Requirement set: a study id from requirements_published.csv, "
        "'replace_us' (today's European available force plus the full US contribution) "
        "or 'none'. Explicit per-category quantities override it.",
    )
    kind: RequirementKind = Field(
        "total",
        description="How study and explicit quantities are read: 'total' (the force "
        "needed) or 'additional' (needed on top of today's European force).",
    )

    @model_validator(mode="after")
    def _categories(self) -> Requirements:
        _check_category_keys(self.model_extra)
        return self

    def explicit(self) -> dict[str, float]:
        """Explicit per-category requirement quantities (in taxonomy units)."""
        return {k: float(v) for k, v in (self.model_extra or {}).items()}


class Readiness(_Section):
    """Fraction of inventory that is available for operations, by default and per category."""

    model_config = ConfigDict(
        extra="allow", frozen=True, strict=True, json_schema_extra={"x-per-category": True}
    )
    __pydantic_extra__: dict[str, Fraction] = Field(init=False)  # type: ignore[assignment]

    default: Fraction = Field(
        1.0, description="Readiness for every category not listed (1 = all inventory counts)."
    )

    @model_validator(mode="after")
    def _categories(self) -> Readiness:
        _check_category_keys(self.model_extra)
        return self

    def fraction(self, category: str) -> float:
        return float((self.model_extra or {}).get(category, self.default))


class CostOverride(_Section):
    """Unit costs for one category that replace the shipped cost table."""

    acquisition: Quantity | None = Field(None, description="Acquisition cost per unit.")
    operating_annual: Quantity | None = Field(None, description="Operating cost per unit-year.")
    persons_per_unit: Quantity | None = Field(
        None, description="Persons per unit (life-cycle personnel cost), with its source in note."
    )
    unit: str = Field("USD m", description="Money unit per taxonomy unit, e.g. 'USD m'.")
    price_year: int = Field(2024, ge=1990, le=2100, description="Price base year.")
    note: str = ""


class Costs(_Section):
    """Which cost bound to use, how operating costs accrue, and per-category overrides."""

    model_config = ConfigDict(
        extra="allow", frozen=True, strict=True, json_schema_extra={"x-per-category": True}
    )
    __pydantic_extra__: dict[str, CostOverride] = Field(init=False)  # type: ignore[assignment]

    bound: CostBound = Field("central", description="Cost bound: low, central or high.")
    operating: OperatingProfile = Field(
        "ramp",
        description="Operating cost over the horizon: 'ramp' (units delivered evenly, "
        "operated from delivery), 'full_horizon' (all units operated every year) or 'none'.",
    )

    @model_validator(mode="after")
    def _categories(self) -> Costs:
        _check_category_keys(self.model_extra)
        return self

    def overrides(self) -> dict[str, CostOverride]:
        return dict(self.model_extra or {})


class Budget(_Section):
    """The spending path budgets are compared with (default: The Hague 2025 pledge)."""

    target_share_gdp_pct: Annotated[float, Field(gt=0.0, le=100.0)] = Field(
        3.5,
        description="Core defence spending target, percent of GDP "
        "(The Hague Summit Declaration 2025: 3.5).",
    )
    target_year: int = Field(2035, ge=1990, le=2100, description="Year the target is reached.")


class Scenario(BaseModel):
    """A complete, validated scenario."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    name: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_\-]*$")] = Field(
        description="Short id (lower case, digits, '_' or '-')."
    )
    title: str = Field(description="One-line title.")
    description: str = Field("", description="What the scenario assumes, and its sources.")
    members: str | list[str] = Field(
        "EUROPEAN_NATO",
        description="Bloc name (EU27, NATO, EUROPEAN_NATO, EU_NATO or a "
        "region group) or a list of ISO3 codes.",
    )
    base_year: int = Field(2024, ge=1990, le=2100, description="Year of today's forces.")
    target_year: int | None = Field(
        None, ge=1990, le=2100, description="Year the gap must be closed by."
    )
    horizon_years: int | None = Field(
        None, ge=1, le=100, description="Years from base_year to target_year (either may be given)."
    )
    us_commitment: USCommitment = Field(default_factory=USCommitment)  # type: ignore[arg-type]
    requirements: Requirements
    readiness: Readiness = Field(default_factory=Readiness)  # type: ignore[arg-type]
    costs: Costs = Field(default_factory=Costs)  # type: ignore[arg-type]
    budget: Budget = Field(default_factory=Budget)  # type: ignore[arg-type]
    fair_share_key: FairShareKey = Field("gdp", description="Key apportioning the gap to members.")
    lifecycle: LifecycleSettings = Field(default_factory=LifecycleSettings)  # type: ignore[arg-type]
    transition: TransitionSettings | None = None
    procurement: ProcurementSettings | None = None
    power: PowerSettings = Field(default_factory=PowerSettings)  # type: ignore[arg-type]
    burden: BurdenSettings = Field(default_factory=BurdenSettings)  # type: ignore[arg-type]
    decisions: DecisionsSettings = Field(default_factory=DecisionsSettings)  # type: ignore[arg-type]
    isr: IsrSettings = Field(default_factory=IsrSettings)  # type: ignore[arg-type]
    command: CommandSettings = Field(default_factory=CommandSettings)  # type: ignore[arg-type]

    @field_validator("members")
    @classmethod
    def _members(cls, value: str | list[str]) -> str | list[str]:
        from europillar.scenario.members import known_blocs, known_countries

        if isinstance(value, str):
            blocs = known_blocs()
            if value not in blocs:
                raise _unknown("bloc", value, [*blocs, "or a list of ISO3 codes"])
            return value
        if not value:
            raise PydanticCustomError("europillar_empty", "must name at least one country", {})
        countries = known_countries()
        for code in value:
            if code not in countries:
                raise _unknown("country", code, countries)
        if len(set(value)) != len(value):
            raise PydanticCustomError("europillar_dup", "lists a country twice", {})
        return value

    @model_validator(mode="after")
    def _years(self) -> Scenario:
        target, horizon = self.target_year, self.horizon_years
        if target is None and horizon is None:
            raise PydanticCustomError(
                "europillar_missing",
                "give target_year or horizon_years",
                {"key": "target_year", "bad": None},
            )
        if target is None:
            object.__setattr__(self, "target_year", self.base_year + int(horizon or 0))
        elif horizon is None:
            object.__setattr__(self, "horizon_years", target - self.base_year)
        elif target - self.base_year != horizon:
            raise PydanticCustomError(
                "europillar_years",
                "target_year - base_year must equal horizon_years",
                {"key": "horizon_years", "bad": horizon},
            )
        if (self.target_year or 0) <= self.base_year:
            raise PydanticCustomError(
                "europillar_years",
                "target_year must be after base_year",
                {"key": "target_year", "bad": self.target_year},
            )
        return self

    @property
    def horizon(self) -> int:
        """Years from base_year to target_year (always set after validation)."""
        return int(self.horizon_years or 0)

    @property
    def target(self) -> int:
        return int(self.target_year or 0)

    def member_codes(self) -> list[str]:
        """ISO3 codes of the members in ``base_year``."""
        from europillar.scenario.members import resolve_members

        return resolve_members(self.members, self.base_year)


PER_CATEGORY_SECTIONS: dict[str, tuple[str, ...]] = {
    "us_commitment": ("default", "reduced_fraction", "bases"),
    "requirements": ("preset", "kind"),
    "readiness": ("default",),
    "costs": ("bound", "operating"),
}
