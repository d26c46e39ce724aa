"""The MIP optimum equals a brute-force enumeration on tiny hand-made instances.

Quantities per category stay <= 3, so every programme size is a breakpoint of the
piecewise-linear learning curve and the brute force can use the exact curve
(total(n) = c * r * (n / r) ** (1 + log2(LR))), written out here independently.
"""

from __future__ import annotations

import itertools
import math

import pandas as pd
import pytest

from europillar.procurement.optimiser import solve
from europillar.procurement.problem import ProcurementProblem

TARGETS = pd.DataFrame(
    {
        "iso3": ["AAA", "BBB", "AAA", "BBB"],
        "category": ["g1", "g1", "g2", "g2"],
        "units": [2, 1, 1, 2],
    }
)
CANDIDATES = pd.DataFrame(
    {
        "candidate_id": ["c1", "c2", "c3", "c4", "c5"],
        "category": ["g1", "g1", "g1", "g2", "g2"],
        "platform": ["P1", "P2", "P3", "P4", "P5"],
        "producer": ["x"] * 5,
        "producer_iso3": ["AAA", "USA", "BBB", "BBB", "USA"],
        "origin_bloc": ["european", "us", "european", "european", "us"],
        "unit_cost": [10.0, 8.0, 9.0, 5.0, 4.0],
        "ref_quantity": [3.0, 1.0, 2.0, 1.0, 1.0],
        "learning_rate_pct": [80.0, 95.0, 90.0, 85.0, 99.0],
        # c2: 1 unit a year from 2026 to 2027 -> at most 2 units; others unlimited
        "capacity_per_year": [math.nan, 1.0, math.nan, math.nan, math.nan],
        "european_content_pct": [100.0, 0.0, 100.0, 100.0, 0.0],
    }
)
START, END = 2026, 2027
CAPACITY = {"c2": 2}


def total_cost(cid: str, n: int) -> float:
    row = CANDIDATES.set_index("candidate_id").loc[cid]
    if n == 0:
        return 0.0
    b = math.log2(row["learning_rate_pct"] / 100.0)
    return row["unit_cost"] * row["ref_quantity"] * (n / row["ref_quantity"]) ** (1 + b)


def splits(units: int, options: list[str]):
    """Every way to split ``units`` among ``options`` (non-negative integers)."""
    for combo in itertools.product(range(units + 1), repeat=len(options)):
        if sum(combo) == units:
            yield dict(zip(options, combo, strict=False))


def brute_force(k_max=None, buy_eu=None, jr=None) -> float | None:
    info = CANDIDATES.set_index("candidate_id")
    pairs = list(TARGETS.itertuples())
    per_pair = [
        list(splits(t.units, list(info.index[info["category"] == t.category]))) for t in pairs
    ]
    best = None
    for choice in itertools.product(*per_pair):
        alloc = {}  # (member, cid) -> units
        for t, split in zip(pairs, choice, strict=False):
            for cid, n in split.items():
                alloc[(t.iso3, cid)] = alloc.get((t.iso3, cid), 0) + n
        q = {cid: sum(n for (m, c), n in alloc.items() if c == cid) for cid in info.index}
        if any(q[c] > cap for c, cap in CAPACITY.items()):
            continue
        if k_max is not None:
            used = {}
            for cid, n in q.items():
                if n > 0:
                    used[info.at[cid, "category"]] = used.get(info.at[cid, "category"], 0) + 1
            if any(v > k_max for v in used.values()):
                continue
        costs = {cid: total_cost(cid, n) for cid, n in q.items()}
        total = sum(costs.values())
        if buy_eu is not None:
            eu = sum(costs[c] * info.at[c, "european_content_pct"] / 100 for c in costs)
            if eu < buy_eu / 100 * total - 1e-9:
                continue
        if jr is not None:
            value = {c: info.at[c, "unit_cost"] for c in info.index}
            grand = sum(value[c] * q[c] for c in info.index)
            ok = True
            for m in ("AAA", "BBB"):
                funding = sum(value[c] * n for (mm, c), n in alloc.items() if mm == m)
                work = sum(value[c] * q[c] for c in info.index if info.at[c, "producer_iso3"] == m)
                if abs(work - funding) > jr / 100 * grand + 1e-9:
                    ok = False
            if not ok:
                continue
        if best is None or total < best:
            best = total
    return best


SETTINGS = [
    {},
    {"k_max": 1},
    {"buy_eu": 50.0},
    {"buy_eu": 90.0},
    {"jr": 30.0},
    {"jr": 10.0},
    {"k_max": 1, "buy_eu": 60.0, "jr": 40.0},
    {"buy_eu": 100.0, "jr": 5.0},
]


@pytest.mark.parametrize("setting", SETTINGS, ids=[str(s) for s in SETTINGS])
def test_mip_matches_brute_force(setting: dict) -> None:
    expected = brute_force(**setting)
    problem = ProcurementProblem(
        TARGETS,
        CANDIDATES,
        k_max=setting.get("k_max"),
        buy_european_pct=setting.get("buy_eu"),
        juste_retour_pct=setting.get("jr"),
        start_year=START,
        target_year=END,
    )
    result = solve(problem)
    if expected is None:
        assert result.status == "infeasible"
    else:
        assert result.status == "optimal"
        assert result.objective == pytest.approx(expected, rel=1e-7)
        assert result.cost == pytest.approx(expected, rel=1e-7)


def test_brute_force_instance_is_not_trivial() -> None:
    """The settings above really bind: the optimum moves when they are added."""
    free = brute_force()
    assert brute_force(k_max=1) > free
    assert brute_force(buy_eu=90.0) > free
    assert brute_force(buy_eu=100.0, jr=5.0) is None
