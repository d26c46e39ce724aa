"""The ``[lifecycle]`` section: price base and life-cycle costing (docs/costs.md).

Every key is optional. The defaults cost a life cycle of 25 years (IISS 2025's assumed
life cycle, ``co_iiss2025_legaartis``) in US dollars at 2024 prices, with support costs
from GAO's share of operations and support in the F-35's life-cycle cost where no
operating cost per unit-year is cited, and personnel from NATO's tables.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

Currency = Literal["USD", "EUR", "GBP"]


class TopDown(BaseModel):
    """A study's own top-down arithmetic: (to - from) % of a bloc's GDP in one year."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    from_pct_gdp: Annotated[float, Field(ge=0.0, le=100.0)] = Field(
        description="Spending level today, percent of GDP, as the study states it."
    )
    to_pct_gdp: Annotated[float, Field(ge=0.0, le=100.0)] = Field(
        description="Spending level the study calls for, percent of GDP."
    )
    gdp_bloc: str = Field(description="Bloc whose GDP the study uses (e.g. EU27).")
    gdp_year: Annotated[int, Field(ge=1990, le=2100)] = Field(description="GDP year.")
    study: str = Field("", description="Study id in capability/study_figures.csv.")


class LifecycleSettings(BaseModel):
    """Price base and how acquisition, support and personnel are costed."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    currency: Currency = Field("USD", description="Currency of the price base.")
    price_year: Annotated[int, Field(ge=2015, le=2025)] = Field(
        2024, description="Year of the price base (cited deflators cover 2015-2025)."
    )
    years: Annotated[int, Field(ge=1, le=100)] = Field(
        25, description="Life cycle in years (IISS 2025 assumes 25)."
    )
    acquisition_years: Annotated[int, Field(ge=1, le=100)] | None = Field(
        None,
        description="Years over which acquisition is spread in annual figures "
        "(unset: the scenario horizon).",
    )
    support: Literal["lifecycle_share", "cited_operating", "none"] = Field(
        "lifecycle_share",
        description="Support (O&S) per unit-year: a cited operating cost where one exists, "
        "otherwise 'lifecycle_share' applies GAO's share of O&S in life-cycle cost; "
        "'cited_operating' uses cited operating costs only; 'none' leaves support out.",
    )
    personnel: bool = Field(
        True,
        description="Cost the persons per unit x cost per person-year (NATO-derived). Set "
        "false when support comes from a life-cycle share that already includes unit "
        "personnel (GAO's O&S does).",
    )
    top_down: TopDown | None = Field(
        None, description="A study's top-down headline, reproduced by its own arithmetic."
    )
