"""Uncertain parameters: a number, or a distribution to draw from.

In a scenario file any transition parameter may be written as a plain number or as a
table such as ``{dist = "normal", mean = 1.5, std = 0.5}``. Draws use one numpy
Generator per fixed-size block of draws, so results never depend on how draws are
chunked or where they run.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, model_validator


class _Dist(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    def sample(self, rng: np.random.Generator, size: int) -> np.ndarray:
        raise NotImplementedError

    def central(self) -> float:
        """The value used by the deterministic (central) run."""
        raise NotImplementedError

    @property
    def is_degenerate(self) -> bool:
        return False


class Normal(_Dist):
    dist: Literal["normal"]
    mean: float
    std: float = Field(ge=0, description="standard deviation, >= 0")

    def sample(self, rng: np.random.Generator, size: int) -> np.ndarray:
        return rng.normal(self.mean, self.std, size) if self.std > 0 else np.full(size, self.mean)

    def central(self) -> float:
        return self.mean

    @property
    def is_degenerate(self) -> bool:
        return self.std == 0


class LogNormal(_Dist):
    """Log-normal given its median and the standard deviation of log(x)."""

    dist: Literal["lognormal"]
    median: float = Field(gt=0)
    sigma: float = Field(ge=0, description="std of log(x), >= 0")

    def sample(self, rng: np.random.Generator, size: int) -> np.ndarray:
        if self.sigma == 0:
            return np.full(size, self.median)
        return rng.lognormal(np.log(self.median), self.sigma, size)

    def central(self) -> float:
        return self.median

    @property
    def is_degenerate(self) -> bool:
        return self.sigma == 0


class Triangular(_Dist):
    dist: Literal["triangular"]
    min: float
    mode: float
    max: float

    @model_validator(mode="after")
    def _ordered(self) -> Triangular:
        if not self.min <= self.mode <= self.max:
            raise ValueError(f"needs min <= mode <= max, got {self.min}, {self.mode}, {self.max}")
        return self

    def sample(self, rng: np.random.Generator, size: int) -> np.ndarray:
        if self.min == self.max:
            return np.full(size, self.min)
        return rng.triangular(self.min, self.mode, self.max, size)

    def central(self) -> float:
        return self.mode

    @property
    def is_degenerate(self) -> bool:
        return self.min == self.max


class Uniform(_Dist):
    dist: Literal["uniform"]
    min: float
    max: float

    @model_validator(mode="after")
    def _ordered(self) -> Uniform:
        if self.min > self.max:
            raise ValueError(f"needs min <= max, got min={self.min}, max={self.max}")
        return self

    def sample(self, rng: np.random.Generator, size: int) -> np.ndarray:
        if self.min == self.max:
            return np.full(size, self.min)
        return rng.uniform(self.min, self.max, size)

    def central(self) -> float:
        return 0.5 * (self.min + self.max)

    @property
    def is_degenerate(self) -> bool:
        return self.min == self.max


class Discrete(_Dist):
    dist: Literal["discrete"]
    values: list[float] = Field(min_length=1)
    probabilities: list[float] | None = None

    @model_validator(mode="after")
    def _weights(self) -> Discrete:
        p = self.probabilities
        if p is not None:
            if len(p) != len(self.values):
                raise ValueError("probabilities must have one entry per value")
            if any(x < 0 for x in p) or abs(sum(p) - 1.0) > 1e-9:
                raise ValueError("probabilities must be >= 0 and sum to 1")
        return self

    def sample(self, rng: np.random.Generator, size: int) -> np.ndarray:
        return rng.choice(np.asarray(self.values, dtype=float), size=size, p=self.probabilities)

    def central(self) -> float:
        p = self.probabilities or [1 / len(self.values)] * len(self.values)
        return float(np.dot(self.values, p))

    @property
    def is_degenerate(self) -> bool:
        return len(set(self.values)) == 1


Distribution = Annotated[
    Normal | LogNormal | Triangular | Uniform | Discrete, Field(discriminator="dist")
]


def _kind(value: Any) -> str:
    if isinstance(value, (dict, _Dist)):
        return "distribution"
    return "number"


# A number, or a table with a ``dist`` key. The callable discriminator makes a bad
# distribution report only its own error (not "not a number" as well).
Uncertain = Annotated[
    Annotated[float, Tag("number")] | Annotated[Distribution, Tag("distribution")],
    Discriminator(_kind),
]

DISTRIBUTION_TYPES = ("normal", "lognormal", "triangular", "uniform", "discrete")


def central(value: Uncertain) -> float:
    return float(value) if isinstance(value, (int, float)) else value.central()


def draw(value: Uncertain, rng: np.random.Generator, size: int) -> np.ndarray:
    """``size`` draws of ``value`` (a constant gives a constant array)."""
    if isinstance(value, (int, float)):
        return np.full(size, float(value))
    return np.asarray(value.sample(rng, size), dtype=float)


def is_uncertain(value: Uncertain) -> bool:
    return not isinstance(value, (int, float)) and not value.is_degenerate
