"""The ``[command]`` section: which command structures, and how many headquarters are lost.

A structure is a shipped one by name or one written out under ``[[command.custom]]``:
links from commander to commanded (``edges``) and force packages with the headquarters
that command them (``forces``); docs/command.md explains the format.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field, model_validator
from pydantic_core import PydanticCustomError

from europillar.scenario.sections.types import LIST_MAX, STRICT, Name, Seed
from europillar.scenario.vocabulary import SHIPPED_STRUCTURES

Weight = Annotated[float, Field(gt=0.0, le=1e6)]


class Edge(BaseModel):
    """``parent`` commands ``child``; a weight only on a link to a force (CSV form)."""

    model_config = STRICT

    parent: Name
    child: Name
    weight: Weight | None = None


class Force(BaseModel):
    """A force package, its weight, and the headquarters that can command it."""

    model_config = STRICT

    id: Name
    weight: Weight = 1.0
    commanded_by: Annotated[list[Name], Field(min_length=1, max_length=LIST_MAX)]


class StructureDefinition(BaseModel):
    """A command structure written out: one decision node, headquarters, forces."""

    model_config = STRICT

    name: Name
    edges: Annotated[list[Edge], Field(max_length=10_000)] = Field(default_factory=list)
    forces: Annotated[list[Force], Field(max_length=10_000)] = Field(default_factory=list)

    @model_validator(mode="after")
    def _not_empty(self) -> StructureDefinition:
        if not self.edges and not self.forces:
            raise PydanticCustomError("europillar_empty", "no edges or forces found", {})
        return self


class CommandSettings(BaseModel):
    """Resilience of command structures to losing headquarters (``europillar command``)."""

    model_config = STRICT

    structures: Annotated[list[Name], Field(min_length=1, max_length=50)] = Field(
        default_factory=lambda: list(SHIPPED_STRUCTURES),
        description="Structures compared: "
        + ", ".join(SHIPPED_STRUCTURES)
        + " or the name of a [[command.custom]] structure.",
    )
    custom: Annotated[list[StructureDefinition], Field(max_length=50)] = Field(
        default_factory=list, description="Structures written out in the scenario."
    )
    k: Annotated[int, Field(ge=1, le=20)] = Field(
        2, description="Losses of 1..k headquarters are computed."
    )
    samples: Annotated[int, Field(ge=1, le=100_000)] = Field(
        200, description="Random loss draws per k."
    )
    seed: Seed = Field(0, description="Seed of the random losses.")
    optimise: bool = Field(
        False,
        description="Also find the force-to-headquarters assignment maximising the worst "
        "single-loss share (flat structures only).",
    )

    @model_validator(mode="after")
    def _known(self) -> CommandSettings:
        custom = [s.name for s in self.custom]
        if len(set(custom)) != len(custom):
            raise PydanticCustomError(
                "europillar_dup", "two custom structures share a name", {"key": "custom"}
            )
        allowed = [*SHIPPED_STRUCTURES, *custom]
        for i, name in enumerate(self.structures):
            if name not in allowed:
                raise PydanticCustomError(
                    "europillar_unknown",
                    "unknown structure",
                    {"key": f"structures[{i}]", "bad": name, "allowed": allowed},
                )
        return self
