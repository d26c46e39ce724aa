"""The ``[power]`` and ``[burden]`` sections: which blocs, years and indicators to compare.

Years left unset mean the latest year in which most EU27 and European NATO members have
a military-spending figure (the report's reference year); ``first_year`` unset means the
same year as ``last_year``. docs/power.md and docs/burden.md explain the tables.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from europillar.scenario.sections.types import (
    LIST_MAX,
    STRICT,
    Iso3,
    Name,
    Year,
    check_blocs,
    check_countries,
)
from europillar.scenario.vocabulary import (
    BURDEN_TARGETS,
    DEFAULT_BLOCS,
    POWER_INDICATORS,
    BurdenTarget,
    PowerIndicator,
)


def _check_membership(value: str) -> str:
    from europillar.blocs import Membership
    from europillar.errors import InputError

    try:
        return Membership.parse(value).label
    except InputError:
        raise PydanticCustomError(
            "europillar_membership",
            "expected as-of, fixed or fixed:YEAR (e.g. fixed:2019)",
            {"bad": value},
        ) from None


VINTAGE_HELP = (
    "Editions to read, comma-separated vintage ids of tables/vintages.csv (e.g. sipri-2025, "
    "nato-2024) or 'as-published' (each year from that year's release) or 'newest'"
)


def _check_span(first: int | None, last: int | None) -> None:
    if first is not None and last is not None and first > last:
        raise PydanticCustomError(
            "europillar_years",
            "first_year must not be after last_year",
            {"key": "first_year", "bad": first},
        )


class PowerSettings(BaseModel):
    """Military power: blocs compared year by year (``europillar compare``)."""

    model_config = STRICT

    blocs: Annotated[list[Name], Field(max_length=LIST_MAX)] = Field(
        default_factory=lambda: list(DEFAULT_BLOCS),
        description="Blocs to compare: EU27, NATO, EUROPEAN_NATO, EU_NATO, SIPRI's regions "
        "and totals (SIPRI_EUROPE, SIPRI_EUROPEAN_NATO, ...), a region group or an ISO3 code "
        "(a bloc of one).",
    )
    coalition: Annotated[list[Iso3], Field(min_length=1, max_length=LIST_MAX)] | None = Field(
        None,
        description="One more bloc: these countries together (label: the codes joined by '+').",
    )
    first_year: Year | None = Field(None, description="First year (unset: last_year).")
    last_year: Year | None = Field(
        None, description="Last year (unset: the latest year with spending for most members)."
    )
    indicators: Annotated[list[PowerIndicator], Field(min_length=1, max_length=20)] | None = Field(
        None,
        description="Bloc indicators (unset: all but the military-PPP hook, with the "
        "constant-price series of the SIPRI release read): " + ", ".join(POWER_INDICATORS) + ".",
    )
    vintage: str | None = Field(
        None,
        description=VINTAGE_HELP + " (unset: the newest SIPRI release for every year, and "
        "NATO's newest edition for its personnel table).",
    )
    membership: str = Field(
        "fixed",
        description="Bloc membership: 'fixed' (today's members backdated, so a trend compares "
        "the same states), 'fixed:YEAR' (the members of that year) or 'as-of' (the members of "
        "each year).",
    )

    @field_validator("membership")
    @classmethod
    def _membership(cls, value: str) -> str:
        return _check_membership(value)

    @field_validator("blocs")
    @classmethod
    def _blocs(cls, value: list[str]) -> list[str]:
        return check_blocs(value)

    @field_validator("coalition")
    @classmethod
    def _coalition(cls, value: list[str] | None) -> list[str] | None:
        return check_countries(value)

    @model_validator(mode="after")
    def _span(self) -> PowerSettings:
        _check_span(self.first_year, self.last_year)
        return self


class BurdenSettings(BaseModel):
    """Burden sharing: each member's share of GDP and gaps to targets (``europillar burden``)."""

    model_config = STRICT

    bloc: Name = Field("NATO", description="Bloc whose members are listed.")
    first_year: Year | None = Field(None, description="First year (unset: last_year).")
    last_year: Year | None = Field(
        None, description="Last year (unset: the latest year with spending for most members)."
    )
    targets: Annotated[list[BurdenTarget], Field(min_length=1, max_length=10)] = Field(
        default_factory=lambda: list(BURDEN_TARGETS),  # type: ignore[arg-type]
        description="Spending targets whose gaps are shown: " + ", ".join(BURDEN_TARGETS) + ".",
    )
    vintage: str | None = Field(
        None,
        description=VINTAGE_HELP + " (unset: as published, i.e. each year from NATO's and "
        "SIPRI's release of that year).",
    )
    membership: str = Field(
        "as-of",
        description="Bloc membership: 'as-of' (the members of each year, as NATO's own "
        "totals), 'fixed' or 'fixed:YEAR'.",
    )

    @field_validator("membership")
    @classmethod
    def _membership(cls, value: str) -> str:
        return _check_membership(value)

    @field_validator("bloc")
    @classmethod
    def _bloc(cls, value: str) -> str:
        return check_blocs([value])[0]

    @model_validator(mode="after")
    def _span(self) -> BurdenSettings:
        _check_span(self.first_year, self.last_year)
        return self
