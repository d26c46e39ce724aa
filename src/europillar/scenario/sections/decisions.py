"""The ``[decisions]`` section: the decision rule, who votes, and the mission analysis.

``rule`` is a shipped rule's name or a rule written out in the same form as a rule file
(docs/decisions.md): a name and one condition, where a condition is a table with exactly
one key, e.g. ``{ all = [ { members_pct = 55 }, { population_pct = 65 } ] }``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, Discriminator, Field, Tag, field_validator, model_validator
from pydantic_core import PydanticCustomError

from europillar.scenario.sections.types import (
    LIST_MAX,
    STRICT,
    Iso3,
    Name,
    Seed,
    Text,
    Year,
    check_countries,
    unknown,
)
from europillar.scenario.vocabulary import RULE_PRESETS

Percent = Annotated[float, Field(ge=0.0, le=100.0)]
Count = Annotated[int, Field(ge=0, le=100_000)]


class Condition(BaseModel):
    """One condition of a rule: exactly one of these keys (``all``/``any`` nest)."""

    model_config = STRICT

    all: Annotated[list[Condition], Field(min_length=1, max_length=50)] | None = None
    any: Annotated[list[Condition], Field(min_length=1, max_length=50)] | None = None
    members_pct: Percent | None = Field(None, description="yes >= this % of participants")
    members_min: Count | None = Field(None, description="at least this many yes-voters")
    blocking_members_min: Count | None = Field(None, description="fails if this many vote no")
    blocking_minority_pct: Percent | None = Field(
        None, description="Art. 238(3)(a) TFEU blocking minority above this % of population"
    )
    members_more_than_pct: Percent | None = Field(None, description="yes > this % of participants")
    population_pct: Percent | None = Field(None, description="yes hold this % of population")
    unanimity: Literal[True] | None = Field(None, description="every participant votes yes")
    weight_quota: Count | None = Field(None, description="weights of yes-voters reach this")
    weight_pct: Percent | None = Field(None, description="weights of yes-voters reach this %")

    @model_validator(mode="after")
    def _one_key(self) -> Condition:
        given = [k for k in type(self).model_fields if getattr(self, k) is not None]
        if len(given) != 1:
            raise PydanticCustomError(
                "europillar_condition",
                "a condition is a table with exactly one key",
                {"bad": given, "allowed": list(type(self).model_fields)},
            )
        return self


class RuleDefinition(BaseModel):
    """A decision rule written out (the same keys as a rule file)."""

    model_config = STRICT

    name: Name
    description: Text = ""
    legal_basis: Text = ""
    sources: Annotated[list[Name], Field(max_length=50)] = Field(
        default_factory=list, description="Ids of the sources registry the rule cites."
    )
    rule: Condition
    weights: dict[Iso3, Annotated[int, Field(ge=0, le=10**9)]] = Field(
        default_factory=dict, description="Weight per member, for weight_quota / weight_pct."
    )
    abstention: Literal["counts_as_no", "constructive"] = "counts_as_no"


def _rule_kind(value: Any) -> str:
    return "rule_table" if isinstance(value, (dict, RuleDefinition)) else "rule_name"


# A shipped rule's name, or a rule table. The callable discriminator makes a bad rule
# table report its own error (not "not a string" as well).
RuleChoice = Annotated[
    Annotated[Annotated[str, Field(max_length=100)], Tag("rule_name")]
    | Annotated[RuleDefinition, Tag("rule_table")],
    Discriminator(_rule_kind),
]


class DecisionsSettings(BaseModel):
    """Voting power under a rule, threat perceptions and support for missions."""

    model_config = STRICT

    rule: RuleChoice = Field(
        "qmv",
        description="Decision rule: " + ", ".join(RULE_PRESETS) + ", or a rule written out.",
    )
    compare_rules: Annotated[list[str], Field(max_length=20)] = Field(
        default_factory=lambda: ["qmv", "rqmv", "unanimity", "cfsp"],
        description="Shipped rules under which mission votes and the decision simulation "
        "are compared.",
    )
    members: Annotated[list[Iso3], Field(min_length=1, max_length=LIST_MAX)] | None = Field(
        None,
        description="Participating members (unset: every EU member with a QMV population).",
    )
    year: Year | None = Field(
        None, description="Year of the QMV population figures (unset: the latest)."
    )
    enlargement: Annotated[list[Iso3], Field(max_length=LIST_MAX)] = Field(
        default_factory=list,
        description="States voting beside the EU members (e.g. UKR, MDA, the Western "
        "Balkans), with the shipped UN WPP 2024 populations; used when members is unset.",
    )
    populations: dict[Iso3, Annotated[int, Field(ge=1, le=2_000_000_000)]] = Field(
        default_factory=dict,
        description="Population (persons) of a participant with no shipped figure; needs "
        "population_source.",
    )
    population_source: Text = Field(
        "", description="Where the figures in populations come from (publisher, date, unit)."
    )
    threshold: Annotated[float, Field(ge=0.0, le=1.0)] = Field(
        0.5, description="Support score (0-1) at which a member backs a mission."
    )
    clusters: Annotated[int, Field(ge=2, le=50)] = Field(
        3, description="Number of clusters of threat perceptions."
    )
    packages: Annotated[int, Field(ge=1, le=1000)] = Field(
        20, description="Mission packages listed, widest support first."
    )
    mission: Annotated[str, Field(max_length=100)] | None = Field(
        None, description="Mission whose adoption is simulated (unset: no simulation)."
    )
    runs: Annotated[int, Field(ge=1, le=1_000_000)] = Field(
        1000, description="Monte Carlo runs of the decision simulation."
    )
    seed: Seed = Field(20260101, description="Seed of the decision simulation.")

    @field_validator("rule")
    @classmethod
    def _rule(cls, value: str | RuleDefinition) -> str | RuleDefinition:
        if isinstance(value, str) and value not in RULE_PRESETS:
            raise unknown("decision rule", value, [*RULE_PRESETS, "or a rule table"])
        return value

    @field_validator("compare_rules")
    @classmethod
    def _compare(cls, value: list[str]) -> list[str]:
        for name in value:
            if name not in RULE_PRESETS:
                raise unknown("decision rule", name, RULE_PRESETS)
        return list(dict.fromkeys(value))

    @field_validator("members")
    @classmethod
    def _members(cls, value: list[str] | None) -> list[str] | None:
        return check_countries(value)

    @field_validator("enlargement")
    @classmethod
    def _enlargement(cls, value: list[str]) -> list[str]:
        # Any ISO3 code: a state outside europillar's country list may join if it has a
        # population (shipped, or in populations); decisions.inputs checks that.
        if len(set(value)) != len(value):
            raise PydanticCustomError("europillar_dup", "lists a country twice", {})
        return value

    @model_validator(mode="after")
    def _cited(self) -> DecisionsSettings:
        if self.populations and not self.population_source.strip():
            raise PydanticCustomError(
                "europillar_uncited",
                "population figures need population_source (publisher, date, unit)",
                {"bad": sorted(self.populations)},
            )
        return self
