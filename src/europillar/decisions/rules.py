"""Decision rules as data: a small TOML format, presets, and their integer instantiation.

A rule is written in percent (of the participating members, of their population) and
turned into an integer :class:`~europillar.decisions.game.Game` for a given list of
participants, so opt-outs and coalitions of the willing simply pass fewer members:
every percentage then applies to the participants only.

Condition keys (one per inline table; combine with ``all = [...]`` / ``any = [...]``):

==========================  ==========================================================
``members_pct = 55``        yes-voters >= ceil(55 % of participants)
``members_min = 24``        at least 24 yes-voters
``blocking_members_min = 4`` passes unless at least 4 vote no (yes >= n - 3)
``blocking_minority_pct``   Art. 238(3)(a) TFEU: a blocking minority needs the fewest
                            participants holding more than this share (35) of their
                            population, plus one; otherwise the vote passes
``members_more_than_pct``   strictly more than the share (simple majority: 50)
``population_pct = 65``     100 * population(yes) >= 65 * population(participants)
``unanimity = true``        every participant votes yes
``weight_quota = 255``      sum of ``[weights]`` of yes-voters >= 255
``weight_pct = 73.9``       same, as percent of the participants' total weight
==========================  ==========================================================
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from importlib import resources
from pathlib import Path
from typing import Any

from europillar.decisions.game import COUNT, AllOf, AnyOf, Game, Leaf, Node
from europillar.errors import InputError

PRESETS = ("qmv", "rqmv", "unanimity", "simple_majority", "cfsp", "nato_consensus")
CONDITION_KEYS = (
    "members_pct",
    "members_min",
    "blocking_members_min",
    "blocking_minority_pct",
    "members_more_than_pct",
    "population_pct",
    "unanimity",
    "weight_quota",
    "weight_pct",
)
TOP_KEYS = ("name", "description", "legal_basis", "sources", "rule", "weights", "abstention")
ABSTENTION = ("counts_as_no", "constructive")


@dataclass(frozen=True)
class RuleSpec:
    """A decision rule in percent terms, independent of who participates."""

    name: str
    condition: Mapping[str, Any]
    description: str = ""
    legal_basis: str = ""
    weights: Mapping[str, int] = field(default_factory=dict)
    abstention: str = "counts_as_no"
    origin: str = "<dict>"
    sources: tuple[str, ...] = ()


def _err(
    origin: str, key: str, value: Any, reason: str, allowed: Sequence[Any] | None = None
) -> InputError:
    return InputError(origin, key, value, reason, allowed)


def parse_rule(data: Mapping[str, Any], origin: str = "<dict>") -> RuleSpec:
    """Check a rule mapping (as read from TOML) and return a :class:`RuleSpec`."""
    for key in data:
        if key not in TOP_KEYS:
            raise _err(origin, key, data[key], "unknown top-level key", TOP_KEYS)
    name = data.get("name")
    if not isinstance(name, str) or not name:
        raise _err(origin, "name", name, "must be a non-empty string")
    if "rule" not in data:
        raise _err(origin, "rule", None, "is required")
    weights = data.get("weights", {})
    if not isinstance(weights, Mapping):
        raise _err(origin, "weights", weights, "must be a table of ISO3 = integer weight")
    for iso3, w in weights.items():
        if not isinstance(w, int) or isinstance(w, bool) or w < 0:
            raise _err(origin, f"weights.{iso3}", w, "must be a non-negative integer")
    sources = data.get("sources", [])
    if not isinstance(sources, list) or not all(isinstance(x, str) for x in sources):
        raise _err(origin, "sources", sources, "must be a list of source ids")
    abstention = data.get("abstention", "counts_as_no")
    if abstention not in ABSTENTION:
        raise _err(origin, "abstention", abstention, "unknown abstention mode", ABSTENTION)
    _check_condition(data["rule"], "rule", origin, bool(weights))
    return RuleSpec(
        name=name,
        condition=data["rule"],
        description=str(data.get("description", "")),
        legal_basis=str(data.get("legal_basis", "")),
        weights=dict(weights),
        abstention=abstention,
        origin=origin,
        sources=tuple(sources),
    )


def _check_condition(node: Any, path: str, origin: str, has_weights: bool) -> None:
    if not isinstance(node, Mapping) or len(node) != 1:
        raise _err(
            origin,
            path,
            node,
            "must be a table with exactly one key",
            (*CONDITION_KEYS, "all", "any"),
        )
    ((key, value),) = node.items()
    where = f"{path}.{key}"
    if key in ("all", "any"):
        if not isinstance(value, list) or not value:
            raise _err(origin, where, value, "must be a non-empty list of conditions")
        for k, child in enumerate(value):
            _check_condition(child, f"{where}[{k}]", origin, has_weights)
        return
    if key not in CONDITION_KEYS:
        raise _err(origin, where, value, "unknown condition", (*CONDITION_KEYS, "all", "any"))
    if key == "unanimity":
        if value is not True:
            raise _err(origin, where, value, "must be true")
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _err(origin, where, value, "must be a number")
    if key.endswith("_pct") and not 0 <= value <= 100:
        raise _err(origin, where, value, "must be a percentage between 0 and 100")
    if key in ("members_min", "blocking_members_min", "weight_quota") and (
        int(value) != value or value < 0
    ):
        raise _err(origin, where, value, "must be a non-negative integer")
    if key.startswith("weight_") and not has_weights:
        raise _err(origin, where, value, "needs a [weights] table")


def load_rule(path: str | Path) -> RuleSpec:
    """Read a TOML rule file; bad content raises :class:`InputError` naming key and value."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError(str(path), None, str(path), "rule file not found") from exc
    except tomllib.TOMLDecodeError as exc:
        raise InputError(str(path), None, None, f"not valid TOML ({exc})") from exc
    return parse_rule(data, origin=str(path))


def preset(name: str) -> RuleSpec:
    """One of the shipped rules (``PRESETS``), read from ``decisions/rules/<name>.toml``."""
    if name not in PRESETS:
        raise InputError(None, "rule", name, "unknown preset rule", PRESETS)
    text = (
        resources.files("europillar.scenario")
        .joinpath("presets", "rules", f"{name}.toml")
        .read_text("utf-8")
    )
    return parse_rule(tomllib.loads(text), origin=f"preset:{name}")


def resolve_rule(name_or_file: str) -> RuleSpec:
    """A preset name or a path to a TOML file."""
    if name_or_file in PRESETS:
        return preset(name_or_file)
    if name_or_file.endswith(".toml") or Path(name_or_file).exists():
        return load_rule(name_or_file)
    raise InputError(None, "rule", name_or_file, "neither a preset nor a TOML file", PRESETS)


def _pct_threshold(pct: Any, total: int, strict: bool = False) -> int:
    """Least integer x with 100*x >= pct*total (or > when ``strict``), exactly."""
    share = Fraction(str(pct)) * total / 100
    return math.floor(share) + 1 if strict else math.ceil(share)


def _fewest_holding(populations: Sequence[int], pct: Any) -> int:
    """Fewest members whose population is strictly more than ``pct`` % of the total."""
    total = sum(populations)
    running = 0
    for k, p in enumerate(sorted(populations, reverse=True), start=1):
        running += p
        if 100 * running > Fraction(str(pct)) * total:
            return k
    return len(populations) + 1  # no blocking minority is possible


def _build(node: Mapping[str, Any], n: int, pops: Sequence[int], weight_total: int) -> Node:
    ((key, value),) = node.items()
    pop_total = sum(pops)
    if key == "all":
        return AllOf(tuple(_build(c, n, pops, weight_total) for c in value))
    if key == "any":
        return AnyOf(tuple(_build(c, n, pops, weight_total) for c in value))
    if key == "blocking_minority_pct":
        return Leaf(COUNT, max(n - _fewest_holding(pops, value), 0))
    if key == "members_pct":
        return Leaf(COUNT, _pct_threshold(value, n))
    if key == "members_more_than_pct":
        return Leaf(COUNT, _pct_threshold(value, n, strict=True))
    if key == "members_min":
        return Leaf(COUNT, int(value))
    if key == "blocking_members_min":
        return Leaf(COUNT, max(n - int(value) + 1, 0))
    if key == "unanimity":
        return Leaf(COUNT, n)
    if key == "population_pct":
        return Leaf("population", _pct_threshold(value, pop_total))
    if key == "weight_quota":
        return Leaf("weight", int(value))
    if key == "weight_pct":
        return Leaf("weight", _pct_threshold(value, weight_total))
    raise AssertionError(key)  # parse_rule has checked the keys


def instantiate(
    spec: RuleSpec, participants: Sequence[str], population: Mapping[str, int] | None = None
) -> Game:
    """Integer game of ``spec`` among ``participants`` (percentages apply to them only)."""
    members = tuple(participants)
    if not members:
        raise InputError(spec.origin, "members", list(members), "no participating members")
    needs_pop = "population_pct" in repr(spec.condition) or "blocking_minority_pct" in repr(
        spec.condition
    )
    vectors: dict[str, tuple[int, ...]] = {}
    if needs_pop:
        if population is None:
            raise InputError(spec.origin, "population", None, "rule needs population figures")
        missing = [m for m in members if m not in population]
        if missing:
            raise InputError(
                spec.origin, "members", missing, "no QMV population figure for these members"
            )
        vectors["population"] = tuple(int(population[m]) for m in members)
    if spec.weights:
        missing = [m for m in members if m not in spec.weights]
        if missing:
            raise InputError(spec.origin, "weights", missing, "no weight for these members")
        vectors["weight"] = tuple(int(spec.weights[m]) for m in members)
    formula = _build(
        spec.condition,
        len(members),
        vectors.get("population", ()),
        sum(vectors.get("weight", ())),
    )
    return Game(members, vectors, formula, name=spec.name)


def passes(
    spec: RuleSpec,
    participants: Sequence[str],
    yes: Sequence[str],
    abstain: Sequence[str] = (),
    population: Mapping[str, int] | None = None,
) -> bool:
    """Does the vote pass? Members neither in ``yes`` nor ``abstain`` vote no.

    Under ``abstention = "constructive"`` (Art. 31(1) TEU) abstainers do not block: the
    rule is applied to the non-abstaining participants, and the act fails if abstainers
    are at least one third of the participants comprising at least one third of their
    population. Otherwise an abstention counts as a no (it does for QMV and unanimity
    outside Art. 31).
    """
    members = list(participants)
    abstainers = [m for m in abstain if m in members]
    if spec.abstention == "constructive" and abstainers:
        pop = population or {}
        pop_all = sum(int(pop.get(m, 0)) for m in members)
        pop_abs = sum(int(pop.get(m, 0)) for m in abstainers)
        many = 3 * len(abstainers) >= len(members)
        big = pop_all == 0 or 3 * pop_abs >= pop_all
        if many and big:
            return False
        voters = [m for m in members if m not in abstainers]
        if not voters:
            return False
        return instantiate(spec, voters, population).wins(set(yes) & set(voters))
    return instantiate(spec, members, population).wins(set(yes) & set(members))
