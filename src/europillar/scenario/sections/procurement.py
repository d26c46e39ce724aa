"""The ``[procurement]`` section of a scenario: settings of the joint-procurement optimiser.

Every field is optional. Unset years and cost bound fall back to the scenario's own
(``target_year``, ``base_year + 1``, ``costs.bound``). Targets come, in order of preference,
from ``targets`` here, then from the capability gaps of the scenario, then from today's
cited fleets (replace one for one). docs/procurement.md explains each setting.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field


class ProcurementTarget(BaseModel):
    """Units one member must receive in one capability category."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    iso3: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] = Field(
        description="ISO3 code of the member."
    )
    category: str = Field(description="Capability category id (e.g. mbt, artillery).")
    units: Annotated[int, Field(ge=0)] = Field(description="Units to receive by the target year.")


class ProcurementSettings(BaseModel):
    """Settings of the joint-procurement optimiser (``europillar procure``)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    k_max: Annotated[int, Field(ge=1)] | None = Field(
        None, description="At most this many platform types per category (unset: no limit)."
    )
    buy_european_pct: Annotated[float, Field(ge=0.0, le=100.0)] | None = Field(
        None,
        description="Minimum share (%) of plan value with European content, e.g. 65 "
        "as in the EU SAFE instrument (unset: no rule).",
    )
    juste_retour_pct: Annotated[float, Field(ge=0.0, le=100.0)] | None = Field(
        None,
        description="Each member's work share within this many percentage points of "
        "its funding share (unset: no rule).",
    )
    start_year: Annotated[int, Field(ge=1990, le=2100)] | None = Field(
        None, description="Year the joint orders are placed (unset: base_year + 1)."
    )
    target_year: Annotated[int, Field(ge=1990, le=2100)] | None = Field(
        None, description="Deliveries complete by this year (unset: the scenario's target_year)."
    )
    cost_case: Literal["low", "central", "high"] | None = Field(
        None, description="Unit-cost case of the candidates (unset: the scenario's costs.bound)."
    )
    candidates: list[str] | None = Field(
        None, description="Candidate platform ids allowed (unset: all shipped candidates)."
    )
    categories: list[str] | None = Field(
        None, description="Capability categories to buy (unset: every category with a target)."
    )
    targets: list[ProcurementTarget] | None = Field(
        None, description="Explicit member targets; overrides capability gaps."
    )
    time_limit_s: Annotated[float, Field(gt=0.0, le=3600.0)] = Field(
        60.0, description="Solver time limit in seconds."
    )
