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
        description="Blocs to compare: EU27, NATO, EUROPEAN_NATO, EU_NATO, a region group "
        "or an ISO3 code (a bloc of one); members as of each year.",
    )
    coalition: Annotated[list[Iso3], Field(min_length=1, max_length=LIST_MAX)] | None = Field(
        None,
        description="One more bloc: these countries together (label: the codes joined by '+').",
    )
    first_year: Year | None = Field(None, description="First year (unset: last_year).")
    last_year: Year | None = Field(
        None, description="Last year (unset: the latest year with spending for most members)."
    )
    indicators: Annotated[list[PowerIndicator], Field(min_length=1, max_length=20)] = Field(
        default_factory=lambda: list(POWER_INDICATORS),  # type: ignore[arg-type]
        description="Bloc indicators: " + ", ".join(POWER_INDICATORS) + ".",
    )

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

    bloc: Name = Field(
        "NATO", description="Bloc whose members are listed (members as of each year)."
    )
    first_year: Year | None = Field(None, description="First year (unset: last_year).")
    last_year: Year | None = Field(
        None, description="Last year (unset: the latest year with spending for most members)."
    )
    targets: Annotated[list[BurdenTarget], Field(min_length=1, max_length=10)] = Field(
        default_factory=lambda: list(BURDEN_TARGETS),  # type: ignore[arg-type]
        description="Spending targets whose gaps are shown: " + ", ".join(BURDEN_TARGETS) + ".",
    )

    @field_validator("bloc")
    @classmethod
    def _bloc(cls, value: str) -> str:
        return check_blocs([value])[0]

    @model_validator(mode="after")
    def _span(self) -> BurdenSettings:
        _check_span(self.first_year, self.last_year)
        return self
