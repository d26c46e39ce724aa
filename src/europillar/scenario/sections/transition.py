"""The ``[transition]`` section of a scenario: the year-by-year build-up and US drawdown.

Every number marked ``Uncertain`` may be written as a plain number or as a distribution
table, e.g. ``gdp_growth_pct = {dist = "normal", mean = 1.2, std = 0.5}``.
Defaults are model assumptions, not data; docs/transition.md gives their reasons.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from europillar.scenario.distributions import Triangular, Uncertain


class Drawdown(BaseModel):
    """How the US contribution in one category goes from today's level to its floor."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["none", "gradual", "abrupt", "conditional", "series"] = "gradual"
    start: int | None = Field(None, description="gradual: first year of decline")
    end: int | None = Field(None, description="gradual: year the floor is reached")
    year: int | None = Field(None, description="abrupt: year the US leaves")
    european_coverage_pct: float | None = Field(
        None, ge=0, description="conditional: European-only coverage (%) that starts the decline"
    )
    over_years: int = Field(3, ge=1, description="conditional: years from trigger to floor")
    floor_pct: float | None = Field(
        None,
        ge=0,
        le=100,
        description="US share (%) left at the end; default: the scenario's us_commitment",
    )
    remaining_pct: dict[int, float] | None = Field(
        None, description="series: year -> US share remaining (%), linear in between"
    )

    @model_validator(mode="after")
    def _complete(self) -> Drawdown:
        needed = {
            "gradual": ("start", "end"),
            "abrupt": ("year",),
            "conditional": ("european_coverage_pct",),
            "series": ("remaining_pct",),
        }.get(self.kind, ())
        missing = [k for k in needed if getattr(self, k) is None]
        if missing:
            raise ValueError(f"drawdown kind '{self.kind}' needs {', '.join(missing)}")
        gradual = self.kind == "gradual" and self.start is not None and self.end is not None
        if gradual and self.end < self.start:  # type: ignore[operator]
            raise ValueError(f"end ({self.end}) is before start ({self.start})")
        if self.remaining_pct is not None:
            bad = {y: v for y, v in self.remaining_pct.items() if not 0 <= v <= 100}
            if bad:
                raise ValueError(f"remaining_pct values must be 0..100, got {bad}")
        return self


class Budget(BaseModel):
    model_config = ConfigDict(extra="forbid")

    path: Literal["current", "target", "series"] = "target"
    target_pct_gdp: Uncertain = Field(3.5, description="military spending target, % of GDP")
    target_year: int = 2035
    series_usd_m: dict[int, float] | None = Field(
        None, description="path 'series': total budget per year, USD m constant 2023"
    )

    @model_validator(mode="after")
    def _series(self) -> Budget:
        if self.path == "series" and not self.series_usd_m:
            raise ValueError("budget path 'series' needs series_usd_m")
        return self


class TransitionSettings(BaseModel):
    """Parameters of the transition simulation (docs/transition.md)."""

    model_config = ConfigDict(extra="forbid")

    start_year: int | None = Field(None, description="default: the scenario's base_year")
    end_year: int = Field(2045, description="last simulated year (>= 2045 recommended)")
    threshold_pct: float = Field(100.0, gt=0, description="coverage below this is a gap")
    gdp_growth_pct: Uncertain = Field(1.2, description="real GDP growth per year, %")
    budget: Budget = Field(default_factory=lambda: Budget.model_validate({}))
    equipment_share_pct: Uncertain = Field(
        20.0, description="share of extra spending going to equipment, % (NATO guideline: 20)"
    )
    build_up_share_pct: Uncertain = Field(
        100.0, description="share of that equipment money spent on the scenario's categories, %"
    )
    allocation: Literal["proportional_to_gap", "fixed_shares"] = "proportional_to_gap"
    allocation_shares_pct: dict[str, float] = Field(
        default_factory=dict, description="fixed_shares: category -> % of build-up money"
    )
    unit_cost_scale: Uncertain = Field(1.0, description="multiplier on central unit costs")
    lead_time_scale: Uncertain = Field(1.0, description="multiplier on central lead times")
    capacity_ramp_pct: Uncertain = Field(10.0, description="growth of production capacity, %/yr")
    retirement_pct: Uncertain = Field(2.0, description="legacy stock retired per year, %")
    readiness_scale: Uncertain = Field(1.0, description="multiplier on readiness factors")
    drawdown_shift_years: Uncertain = Field(0.0, description="years added to drawdown dates")
    us_drawdown: dict[str, Drawdown] = Field(
        default_factory=lambda: {
            "default": Drawdown.model_validate({"kind": "gradual", "start": 2027, "end": 2035})
        },
        description="category id (or 'default') -> drawdown schedule",
    )
    requirement: str | None = Field(
        None,
        description="Study id in requirements_published.csv whose force requirement the "
        "transition must meet (unset: the scenario's own requirement; for the rule "
        "'replace_us', which equals today's forces by definition, iiss_2025)",
    )
    requirement_kind: Literal["additional", "total"] = Field(
        "additional",
        description="How the study's quantities read: added to today's European forces "
        "(fixed at the start year) or the total force",
    )
    default_capacity_pct: Uncertain = Field(
        default_factory=lambda: Triangular(dist="triangular", min=2.0, mode=5.0, max=10.0),
        description="production capacity, % of the requirement per year, for categories "
        "without a cited capacity (never unlimited; docs/transition.md)",
    )
    recapitalise: bool = Field(
        True, description="the base budget re-orders retired units (NATO equipment share)"
    )
    firm_orders: bool = Field(
        True, description="firm orders from the orders pipeline arrive in their delivery years"
    )
    war_start_year: int | None = Field(
        None, description="first year of a war: attrition and munitions consumption apply"
    )
    attrition_pct: float = Field(
        0.0, ge=0, le=100, description="war: share of each category's stock lost per year, %"
    )
    consumption_per_year: dict[str, float] = Field(
        default_factory=dict,
        description="war: category -> units consumed per year (e.g. 155 mm rounds)",
    )
    sobol_samples: int = Field(
        512,
        ge=0,
        description="Sobol sensitivity: base samples N (N x (k + 2) runs; a power of 2; 0 = off)",
    )
    draws: int = Field(2000, ge=1, description="Monte Carlo draws (CLI --draws overrides)")
    seed: int = Field(20250601, ge=0, description="random seed (CLI --seed overrides)")
