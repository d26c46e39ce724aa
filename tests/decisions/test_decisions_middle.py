"""The meet-in-the-middle counter (middle.py) against brute force and the generating function."""

from __future__ import annotations

import numpy as np
import pytest

from europillar.decisions import AllOf, AnyOf, Game, Leaf
from europillar.decisions.bruteforce import brute_force_counts
from europillar.decisions.counting import _by_generating_function, _by_meet_in_the_middle
from europillar.decisions.middle import bit_marginals, sorted_subsets


def test_sorted_subsets_lists_every_subset_sum_in_order() -> None:
    keys = np.array([5, 3, 3, 11, 0], dtype=np.int64)
    sums, masks = sorted_subsets(keys)
    assert np.all(np.diff(sums) >= 0)
    assert sorted(masks.tolist()) == list(range(32))
    for s, m in zip(sums, masks, strict=True):
        assert s == sum(int(k) for j, k in enumerate(keys) if m >> j & 1)


def test_bit_marginals_by_hand_and_by_definition() -> None:
    # Masks 0..3 (bits: player 0, player 1); values 1, 2, 4, 8.
    table = np.array([[1, 2, 4, 8]], dtype=np.int32)
    # player 0 (bit 0) is in masks 1 and 3: 2 + 8; player 1 in masks 2 and 3: 4 + 8.
    assert bit_marginals(table, 2).tolist() == [[10], [12]]
    rng = np.random.default_rng(0)
    table = rng.integers(0, 1000, (3, 1 << 7)).astype(np.int32)
    expected = [
        [int(table[k, [m for m in range(128) if m >> j & 1]].sum()) for k in range(3)]
        for j in range(7)
    ]
    assert bit_marginals(table, 7).tolist() == expected


def _random_big_game(rng: np.random.Generator, n: int) -> Game:
    players = tuple(f"P{i:02d}" for i in range(n))
    pop = tuple(int(v) for v in rng.integers(1, 80_000_000, n))
    w = tuple(int(v) for v in rng.integers(0, 4, n))
    q_pop = int(rng.integers(1, sum(pop) + 1))
    q_n = int(rng.integers(1, n + 1))
    shapes = [
        AnyOf((AllOf((Leaf("count", q_n), Leaf("pop", q_pop))), Leaf("count", min(n, q_n + 2)))),
        AllOf((Leaf("pop", q_pop), Leaf("w", int(rng.integers(0, sum(w) + 1))))),
        AnyOf((Leaf("pop", q_pop), AllOf((Leaf("w", 2), Leaf("count", q_n))))),
    ]
    return Game(players, {"pop": pop, "w": w}, shapes[int(rng.integers(0, 3))], "random")


@pytest.mark.parametrize("seed", range(16))
def test_meet_in_the_middle_equals_brute_force_on_random_games(seed: int) -> None:
    rng = np.random.default_rng(1000 + seed)
    game = _random_big_game(rng, int(rng.integers(2, 17)))
    small = [v for v in game.used_vectors() if v != "pop"]
    winning, containing = _by_meet_in_the_middle(game, small, "pop")
    bf_winning, bf_containing = brute_force_counts(game)
    assert np.array_equal(winning, bf_winning)
    assert np.array_equal(containing, bf_containing)


def test_forty_players_meet_in_the_middle_equals_generating_function() -> None:
    # Full size, checked by an independent exact method: populations in small units so
    # the generating function can run too, then the same game through the middle.
    rng = np.random.default_rng(7)
    n = 40
    players = tuple(f"M{i:02d}" for i in range(n))
    pop = tuple(int(v) for v in rng.integers(1, 60, n))
    q = -(-65 * sum(pop) // 100)
    formula = AnyOf((AllOf((Leaf("count", 22), Leaf("pop", q))), Leaf("count", 37)))
    game = Game(players, {"pop": pop}, formula, "forty")
    gf_w, gf_c = _by_generating_function(game, ["count", "pop"])
    mm_w, mm_c = _by_meet_in_the_middle(game, ["count"], "pop")
    assert np.array_equal(mm_w, gf_w)
    assert np.array_equal(mm_c, gf_c)
    assert int(mm_w.sum()) < 2**n


def test_counts_are_exact_where_floats_would_not_be() -> None:
    # Sizes the blocking-minority clause settles (37+ of 40) and sizes below the member
    # quota (under 22) are exact binomials and zeros.
    n = 40
    players = tuple(f"M{i:02d}" for i in range(n))
    pop = tuple(10_000_000 + 7919 * i for i in range(n))
    formula = AnyOf(
        (AllOf((Leaf("count", 22), Leaf("pop", sum(pop) * 65 // 100))), Leaf("count", 37))
    )
    winning, containing = _by_meet_in_the_middle(
        Game(players, {"pop": pop}, formula), ["count"], "pop"
    )
    from math import comb

    for k in range(37, n + 1):
        assert winning[k] == comb(n, k)
        assert all(containing[i, k] == comb(n - 1, k - 1) for i in range(n))
    assert all(winning[k] == 0 for k in range(22))
