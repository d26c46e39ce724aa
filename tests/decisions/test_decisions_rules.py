"""Decision rules: integer thresholds, presets, TOML errors, participants, abstention."""

from __future__ import annotations

from pathlib import Path

import pytest

from europillar.decisions import (
    instantiate,
    load_rule,
    minimal_coalitions,
    parse_rule,
    passes,
    preset,
    qmv_population,
)
from europillar.decisions.game import AllOf, Game, Leaf
from europillar.errors import InputError


def eu27() -> tuple[list[str], dict[str, int]]:
    _, pop = qmv_population(2025)
    return sorted(pop), pop


def test_qmv_threshold_is_exact_at_the_boundary() -> None:
    # 20 members; the first 15 hold exactly 65 % of the population: 100*pop_yes == 65*total.
    members = [f"M{i:02d}" for i in range(20)]
    pop = {m: 13 for m in members[:15]} | {m: 21 for m in members[15:]}  # 195 of 300 = 65 %
    spec = parse_rule({"name": "q", "rule": {"all": [{"members_pct": 55}, {"population_pct": 65}]}})
    game = instantiate(spec, members, pop)
    assert game.wins(members[:15])  # 195 / 300 = 65 % exactly, 15 >= ceil(11) members
    pop2 = dict(pop, M00=12, M15=22)  # still 300 in total, yes side now 194
    assert not instantiate(spec, members, pop2).wins(members[:15])


def test_eu27_qmv_member_and_blocking_clauses() -> None:
    members, pop = eu27()
    game = instantiate(preset("qmv"), members, pop)
    by_size = sorted(members, key=lambda m: pop[m])
    assert game.wins(by_size[:24])  # any 24 pass: even the 24 smallest (about 36 % of population)
    assert not game.wins(by_size[:23])  # 23 smallest lack 65 % of population
    largest = sorted(members, key=lambda m: -pop[m])
    assert not game.wins(largest[:14])  # 14 members never suffice (needs 15)
    assert game.wins(largest[:15])


def test_rqmv_and_unanimity_presets() -> None:
    members, pop = eu27()
    rq = instantiate(preset("rqmv"), members, pop)
    largest = sorted(members, key=lambda m: -pop[m])
    assert not rq.wins(largest[:19])  # 72 % of 27 = 19.44 -> 20 members
    assert rq.wins(largest[:20])
    un = instantiate(preset("unanimity"), members, pop)
    assert un.wins(members) and not un.wins(members[1:])


def test_participants_only_vote_and_percentages_apply_to_them() -> None:
    _, pop = eu27()
    willing = ["DEU", "FRA", "ITA", "ESP", "POL", "NLD", "BEL", "SWE", "FIN", "EST"]
    game = instantiate(preset("qmv"), willing, pop)
    assert game.n == 10
    total = sum(pop[m] for m in willing)
    # 55 % of 10 participants -> 6 members; DEU + FRA hold more than 35 % of the participants'
    # population, so a blocking minority needs 3 members (Art. 238(3)(a) TFEU).
    assert 100 * (pop["DEU"] + pop["FRA"]) > 35 * total > 100 * pop["DEU"]
    smallest = sorted(willing, key=lambda m: pop[m])
    assert game.wins(smallest[:8])  # only DEU and FRA against: no blocking minority
    assert 100 * sum(pop[m] for m in smallest[:7]) < 65 * total
    assert not game.wins(smallest[:7])  # DEU, FRA, ITA block


def test_constructive_abstention_one_third_clause() -> None:
    members, pop = eu27()
    spec = preset("cfsp")
    assert passes(spec, members, yes=members[1:], abstain=members[:1], population=pop)
    assert not passes(
        preset("unanimity"), members, yes=members[1:], abstain=members[:1], population=pop
    )
    # 9 of 27 abstain (one third) with at least one third of the population: not adopted.
    big = sorted(members, key=lambda m: -pop[m])[:9]
    rest = [m for m in members if m not in big]
    assert not passes(spec, members, yes=rest, abstain=big, population=pop)
    small = sorted(members, key=lambda m: pop[m])[:9]  # one third of members, little population
    assert passes(
        spec, members, yes=[m for m in members if m not in small], abstain=small, population=pop
    )


def test_bad_rule_file_names_key_and_value(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text(
        'name = "x"\nrule = { all = [ { members_pct = 55 }, { population_share = 65 } ] }\n'
    )
    with pytest.raises(InputError) as info:
        load_rule(path)
    assert "rule.all[1].population_share" in str(info.value) and "65" in str(info.value)
    path.write_text('name = "x"\nrule = { weight_quota = 3 }\n')
    with pytest.raises(InputError, match="weights"):
        load_rule(path)
    path.write_text('name = "x"\nabstention = "sometimes"\nrule = { unanimity = true }\n')
    with pytest.raises(InputError, match="abstention"):
        load_rule(path)


def test_weighted_rule_from_toml(tmp_path: Path) -> None:
    path = tmp_path / "w.toml"
    path.write_text(
        'name = "w"\nrule = { weight_quota = 3 }\n[weights]\nAAA = 2\nBBB = 1\nCCC = 1\n'
    )
    game = instantiate(load_rule(path), ["AAA", "BBB", "CCC"])
    assert game.wins(["AAA", "BBB"]) and not game.wins(["BBB", "CCC"])
    with pytest.raises(InputError, match="DDD"):
        instantiate(load_rule(path), ["AAA", "DDD"])


def test_minimal_coalitions_of_the_security_council() -> None:
    players = tuple(f"P{i}" for i in range(5)) + tuple(f"E{i}" for i in range(10))
    game = Game(
        players, {"perm": tuple([1] * 5 + [0] * 10)}, AllOf((Leaf("perm", 5), Leaf("count", 9)))
    )
    mwc = minimal_coalitions(game, "winning")
    assert len(mwc) == 210 and set(mwc["size"]) == {9}  # 5 permanent + C(10, 4) choices
    blocking = minimal_coalitions(game, "blocking")
    assert len(blocking) == 5 + 120  # one veto, or 7 of the 10 elected members
    assert sorted(set(blocking["size"])) == [1, 7]


def test_art238_blocking_minority_equals_four_members_for_eu27() -> None:
    members, pop = eu27()
    four = parse_rule(
        {
            "name": "q4",
            "rule": {
                "any": [
                    {"all": [{"members_pct": 55}, {"population_pct": 65}]},
                    {"blocking_members_min": 4},
                ]
            },
        }
    )
    a = instantiate(preset("qmv"), members, pop)
    b = instantiate(four, members, pop)
    assert a.formula == b.formula  # yes >= 24 in both


def test_art238_blocking_minority_for_participating_subset() -> None:
    # Participants with populations 40, 30, 20, 10: more than 35 % needs 1 member (40),
    # so a blocking minority needs 2 no-votes; 3 yes-votes out of 4 always pass.
    pop = {"AAA": 40, "BBB": 30, "CCC": 20, "DDD": 10}
    game = instantiate(preset("qmv"), list(pop), pop)
    assert game.wins(["BBB", "CCC", "DDD"])  # 60 % of population, but only one no-vote
    assert not game.wins(["CCC", "DDD"])
