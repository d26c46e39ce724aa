"""Monte Carlo of a decision on one mission under several voting rules.

Model (see docs/decisions.md, "Decision simulation"):

1. Utility of member i: ``u_i = b_i - c_i``. ``b_i`` is the threat-based support score
   (0–1) plus Normal(0, ``noise_sd``) noise; a member with no coded threat draws
   ``b_i`` ~ Uniform(0, 1). ``c_i`` is the per-capita cost: ``cost_weight`` when costs are
   shared by population (everyone pays the same per head) or
   ``cost_weight * (1/n) / population_share_i`` when every member pays an equal share.
2. Round 1: members with ``u_i >= 0`` vote yes; if the rule is met, the mission is adopted.
3. Side-payments (rounds 2, 3, ...): supporters pool ``transfer_fraction`` of their surplus;
   each round the cheapest opponent (smallest ``-u_i``) is paid to switch, while the pool
   lasts and until the rule is met or ``max_rounds`` is reached.
4. Opt-outs (one more round): under constructive abstention the remaining opponents
   abstain (Art. 31(1) TEU one-third clause applies); otherwise the supporters go ahead as
   a coalition of the willing if they are at least ``min_participants`` (Art. 20(2) TEU: 9).

Pivotal members: yes-voters whose defection would defeat the adopted decision.
Blocking members: no-voters of a failed first-round vote whose switch alone would pass it.
Reproducible: one child of ``SeedSequence(seed)`` per run.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from europillar.decisions.rules import RuleSpec, instantiate, passes


@dataclass(frozen=True)
class SimulationInputs:
    """Everything one simulation needs; all arguments explicit, no file access."""

    members: tuple[str, ...]
    population: Mapping[str, int]
    score: Mapping[str, float]  # threat-based support in [0, 1]; NaN = unknown
    rules: Mapping[str, RuleSpec]
    cost_weight: float = 0.4
    cost_key: str = "population"  # or "equal"
    noise_sd: float = 0.15
    transfer_fraction: float = 0.5
    max_rounds: int = 10
    side_payments: bool = True
    opt_outs: bool = True
    min_participants: int = 9
    runs: int = 1000
    seed: int = 20260101

    def __post_init__(self) -> None:
        if self.cost_key not in ("population", "equal"):
            raise ValueError(f"cost_key must be 'population' or 'equal', got {self.cost_key!r}")
        if self.runs < 1 or self.max_rounds < 1:
            raise ValueError("runs and max_rounds must be at least 1")


@dataclass(frozen=True)
class SimulationResult:
    summary: pd.DataFrame  # one row per rule
    members: pd.DataFrame  # one row per rule and member


def _costs(inputs: SimulationInputs) -> np.ndarray:
    n = len(inputs.members)
    if inputs.cost_key == "population":
        return np.full(n, inputs.cost_weight)
    pop = np.array([inputs.population[m] for m in inputs.members], dtype=float)
    share = pop / pop.sum()
    return inputs.cost_weight * (1.0 / n) / share


def draw_utilities(inputs: SimulationInputs) -> np.ndarray:
    """``runs × members`` utilities, one independent stream per run."""
    children = np.random.SeedSequence(inputs.seed).spawn(inputs.runs)
    base = np.array([inputs.score.get(m, np.nan) for m in inputs.members], dtype=float)
    unknown = np.isnan(base)
    cost = _costs(inputs)
    out = np.empty((inputs.runs, len(inputs.members)))
    for r, child in enumerate(children):
        rng = np.random.default_rng(child)
        noise = rng.normal(0.0, inputs.noise_sd, size=len(base))
        fill = rng.uniform(0.0, 1.0, size=len(base))
        out[r] = np.where(unknown, fill, base + noise) - cost
    return out


def simulate_decision(inputs: SimulationInputs) -> SimulationResult:
    """Adoption probability, rounds, side-payments, pivotal and blocking members per rule."""
    utilities = draw_utilities(inputs)
    members = list(inputs.members)
    n = len(members)
    summaries, member_rows = [], []
    for name, spec in inputs.rules.items():
        game = instantiate(spec, members, inputs.population)
        drop_one = ~np.eye(n, dtype=bool)
        stats = {"vote": 0, "side_payments": 0, "opt_outs": 0, "failed": 0}
        rounds_adopted, paid = [], []
        pivotal = np.zeros(n)
        blocking = np.zeros(n)
        first_yes = np.zeros(n)
        for u in utilities:
            yes = u >= 0
            first_yes += yes
            rounds, payment, mode = 1, 0.0, "failed"
            if game.wins_masks(yes[None, :])[0]:
                mode = "vote"
            else:
                flips = game.wins_masks(yes[None, :] | np.eye(n, dtype=bool))
                blocking += flips & ~yes
                if inputs.side_payments:
                    pool = inputs.transfer_fraction * float(u[yes].sum())
                    order = [int(i) for i in np.argsort(-u, kind="stable") if not yes[i]]
                    for i in order:
                        if rounds >= inputs.max_rounds or pool < -u[i]:
                            break
                        pool += u[i]
                        payment += -u[i]
                        yes[i] = True
                        rounds += 1
                        if game.wins_masks(yes[None, :])[0]:
                            mode = "side_payments"
                            break
                if mode == "failed" and inputs.opt_outs:
                    rounds += 1
                    if spec.abstention == "constructive":
                        abstain = [m for m, y in zip(members, yes, strict=False) if not y]
                        ok = passes(
                            spec,
                            members,
                            [m for m, y in zip(members, yes, strict=False) if y],
                            abstain,
                            inputs.population,
                        )
                    else:
                        ok = int(yes.sum()) >= inputs.min_participants
                    mode = "opt_outs" if ok else "failed"
            stats[mode] += 1
            if mode in ("vote", "side_payments"):
                pivotal += yes & ~game.wins_masks(yes[None, :] & drop_one)
            if mode != "failed":
                rounds_adopted.append(rounds)
                paid.append(payment)
        runs = inputs.runs
        summaries.append(
            {
                "rule": name,
                "p_adopted": (runs - stats["failed"]) / runs,
                "p_first_round": stats["vote"] / runs,
                "p_side_payments": stats["side_payments"] / runs,
                "p_opt_outs": stats["opt_outs"] / runs,
                "expected_rounds": float(np.mean(rounds_adopted))
                if rounds_adopted
                else float("nan"),
                "mean_side_payment": float(np.mean(paid)) if paid else float("nan"),
            }
        )
        for k, m in enumerate(members):
            member_rows.append(
                {
                    "rule": name,
                    "iso3": m,
                    "p_yes_first_round": first_yes[k] / runs,
                    "p_pivotal": pivotal[k] / runs,
                    "p_blocking": blocking[k] / runs,
                }
            )
    return SimulationResult(pd.DataFrame(summaries), pd.DataFrame(member_rows))


def scores_for_mission(
    support: pd.DataFrame, mission_id: str, members: Sequence[str]
) -> dict[str, float]:
    """Support scores of one mission from ``threats.mission_support`` (NaN = unknown)."""
    rows = support[support["mission_id"] == mission_id].set_index("iso3")["score"]
    return {m: float(rows.get(m, np.nan)) for m in members}
