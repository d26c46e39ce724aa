"""Exact voting power against hand calculations, brute force and published figures."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import numpy as np
import pytest

from europillar.decisions import (
    AllOf,
    AnyOf,
    Game,
    Leaf,
    count_winning,
    instantiate,
    preset,
    voting_power_indices,
)
from europillar.decisions.bruteforce import brute_force_swings
from europillar.decisions.counting import _by_generating_function, _by_meet_in_the_middle


def definition_swings(game: Game) -> list[list[int]]:
    """Swings by coalition size, straight from the definition (pure Python)."""
    n = game.n
    out = [[0] * n for _ in range(n)]
    for i, p in enumerate(game.players):
        others = [q for q in game.players if q != p]
        for k in range(n):
            for s in itertools.combinations(others, k):
                if game.wins(set(s) | {p}) and not game.wins(set(s)):
                    out[i][k] += 1
    return out


def test_hand_computed_weighted_game() -> None:
    # [3; 2, 1, 1]: A swings at {B}, {C}, {B,C}; B only at {A}; C only at {A}.
    g = Game(("A", "B", "C"), {"w": (2, 1, 1)}, Leaf("w", 3))
    r = voting_power_indices(g)
    assert r.swings == (3, 1, 1)
    assert r.banzhaf_normalized() == [Fraction(3, 5), Fraction(1, 5), Fraction(1, 5)]
    assert r.banzhaf_absolute() == [Fraction(3, 4), Fraction(1, 4), Fraction(1, 4)]
    assert r.shapley_shubik() == [Fraction(2, 3), Fraction(1, 6), Fraction(1, 6)]
    assert r.coleman_power_to_act() == Fraction(3, 8)  # {A,B}, {A,C}, {A,B,C}


def unsc() -> Game:
    players = tuple(f"P{i}" for i in range(5)) + tuple(f"E{i}" for i in range(10))
    veto = tuple([1] * 5 + [0] * 10)
    return Game(
        players, {"permanent": veto}, AllOf((Leaf("permanent", 5), Leaf("count", 9))), "UNSC"
    )


def test_un_security_council_textbook_values() -> None:
    r = voting_power_indices(unsc())
    ss = [float(v) for v in r.shapley_shubik()]
    assert all(round(v, 4) == 0.1963 for v in ss[:5])
    assert all(round(v, 4) == 0.0019 for v in ss[5:])
    # Exact: an elected member is pivotal only as the 9th voter with all five permanent members
    # and 3 of the other 9 elected members before it: C(9,3) 8! 6! / 15!.
    expected = Fraction(math.comb(9, 3) * math.factorial(8) * math.factorial(6), math.factorial(15))
    assert r.shapley_shubik()[5] == expected
    assert sum(r.shapley_shubik()) == 1


def random_game(rng: np.random.Generator, n: int, big: bool) -> Game:
    players = tuple(f"X{i:02d}" for i in range(n))
    high = 50_000_000 if big else 12
    pop = tuple(int(v) for v in rng.integers(1, high, n))
    weights = tuple(int(v) for v in rng.integers(0, 6, n))
    q_pop = int(rng.integers(1, sum(pop) + 1))
    q_w = int(rng.integers(0, sum(weights) + 1))
    q_n = int(rng.integers(1, n + 1))
    shapes = [
        AllOf((Leaf("count", q_n), Leaf("pop", q_pop))),
        AnyOf((AllOf((Leaf("count", q_n), Leaf("pop", q_pop))), Leaf("count", min(n, q_n + 3)))),
        AllOf((AnyOf((Leaf("w", q_w), Leaf("pop", q_pop))), Leaf("count", q_n))),
        AnyOf((Leaf("w", q_w), AllOf((Leaf("pop", q_pop), Leaf("count", q_n))))),
        AllOf((Leaf("pop", q_pop), Leaf("pop", max(1, q_pop // 2)), Leaf("w", q_w))),
    ]
    formula = shapes[int(rng.integers(0, len(shapes)))]
    return Game(players, {"pop": pop, "w": weights}, formula, "random")


@pytest.mark.parametrize("seed", range(12))
def test_exact_matches_brute_force_on_random_composite_games(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(3, 15))
    game = random_game(rng, n, big=bool(seed % 2))
    exact = voting_power_indices(game)
    swings, winning = brute_force_swings(game)
    assert np.array_equal(np.array(exact.swings_by_size), swings)
    assert exact.winning == winning


@pytest.mark.parametrize("seed", range(4))
def test_both_algorithms_agree_with_definition(seed: int) -> None:
    rng = np.random.default_rng(100 + seed)
    n = 9
    game = random_game(rng, n, big=False)
    small = game.used_vectors()
    gf = _by_generating_function(game, small)
    mitm = (
        _by_meet_in_the_middle(game, ["count"], "pop")
        if "pop" in small and "w" not in small
        else None
    )
    r = voting_power_indices(game)
    assert [list(row) for row in r.swings_by_size] == definition_swings(game)
    assert np.array_equal(gf[0], np.array(count_winning(game).winning))
    if mitm is not None:
        assert np.array_equal(mitm[0], gf[0]) and np.array_equal(mitm[1], gf[1])


def test_indices_sum_to_one_and_symmetric_players_equal() -> None:
    pop = {"AAA": 10, "BBB": 10, "CCC": 7, "DDD": 3, "EEE": 3, "FFF": 1}
    game = instantiate(preset("qmv"), list(pop), pop)
    r = voting_power_indices(game)
    assert sum(r.banzhaf_normalized()) == 1
    assert sum(r.shapley_shubik()) == 1
    bz, ss = r.banzhaf_normalized(), r.shapley_shubik()
    assert bz[0] == bz[1] and ss[0] == ss[1]
    assert bz[3] == bz[4] and ss[3] == ss[4]


def test_eu27_qmv_matches_brute_force_subset_of_twenty() -> None:
    from europillar.decisions import qmv_population

    _, pop = qmv_population(2025)
    members = sorted(pop, key=lambda m: -pop[m])[:20]
    game = instantiate(preset("qmv"), members, pop)
    exact = voting_power_indices(game)
    assert exact.method == "meet in the middle"
    swings, winning = brute_force_swings(game)
    assert np.array_equal(np.array(exact.swings_by_size), swings)
    assert exact.winning == winning


def test_forty_members_small_weights_runs_exactly() -> None:
    players = tuple(f"M{i:02d}" for i in range(40))
    weights = tuple((i % 7) + 1 for i in range(40))
    game = Game(players, {"w": weights}, AllOf((Leaf("w", 120), Leaf("count", 22))))
    r = voting_power_indices(game)
    assert sum(r.shapley_shubik()) == 1
    assert sum(r.banzhaf_normalized()) == 1
    # players with equal weight are symmetric
    assert r.swings[0] == r.swings[7] == r.swings[14]
