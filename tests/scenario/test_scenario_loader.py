"""Scenario files: presets load, defaults merge, and bad files raise one clear InputError."""

from __future__ import annotations

from pathlib import Path

import pytest

from europillar.errors import InputError
from europillar.scenario import list_presets, load_scenario, preset_names, scenario_from_dict
from europillar.scenario.vocabulary import CATEGORY_IDS

GOOD = """
name = "mine"
title = "My scenario"
members = ["DEU", "FRA", "POL"]
base_year = 2024
target_year = 2032

[us_commitment]
default = "withdrawn"
tanker = 0.25

[requirements]
mbt = 1200
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "scenario.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_preset_loads_and_is_listed() -> None:
    names = preset_names()
    assert {"bruegel_kiel_2025", "replace_us_full", "us_reduced_2030"} <= set(names)
    listed = {p["name"]: p for p in list_presets()}
    assert set(listed) == set(names)
    for name in names:
        scenario = load_scenario(name)
        assert scenario.name == name and listed[name]["title"] == scenario.title
        assert scenario.target > scenario.base_year


def test_user_file_is_a_partial_override_of_the_defaults(tmp_path: Path) -> None:
    scenario = load_scenario(write(tmp_path, GOOD))
    assert scenario.member_codes() == ["DEU", "FRA", "POL"]
    assert scenario.horizon == 8
    assert scenario.us_commitment.fraction("tanker") == 0.25
    assert scenario.us_commitment.fraction("mbt") == 0.0
    assert scenario.readiness.fraction("mbt") == 1.0  # from _defaults.toml
    assert scenario.costs.bound == "central"
    assert scenario.requirements.explicit() == {"mbt": 1200.0}


def test_horizon_years_alone_sets_the_target_year() -> None:
    scenario = scenario_from_dict(
        {"name": "h", "title": "h", "horizon_years": 5, "requirements": {"preset": "none"}}
    )
    assert scenario.target == 2029


def test_reduced_uses_the_reduced_fraction() -> None:
    scenario = scenario_from_dict(
        {
            "name": "r",
            "title": "r",
            "requirements": {},
            "us_commitment": {"default": "reduced", "reduced_fraction": 0.3},
        }
    )
    assert scenario.us_commitment.fraction("sead_ew") == 0.3


BAD_CASES = [
    # (replacement in GOOD, key path, bad value, a word of the reason, an allowed value)
    (
        'members = ["DEU", "FRA", "POL"]',
        'members = ["DEU", "XXX"]',
        "members[1]",
        "XXX",
        "unknown country",
        "POL",
    ),
    ("mbt = 1200", "mbt = -5", "requirements.mbt", -5, "greater than or equal to 0", None),
    ('name = "mine"', "", "name", None, "missing", None),
    ("base_year = 2024", 'base_year = "soon"', "base_year", "soon", "integer", None),
    ("tanker = 0.25", "tnker = 0.25", "us_commitment.tnker", "tnker", "category", "tanker"),
    (
        "tanker = 0.25",
        'tanker = "halfway"',
        "us_commitment.tanker",
        "halfway",
        "commitment level",
        "reduced",
    ),
    ("tanker = 0.25", "tanker = 1.5", "us_commitment.tanker", 1.5, "from 0 to 1", None),
    (
        'members = ["DEU", "FRA", "POL"]',
        'members = "EU28"',
        "members",
        "EU28",
        "unknown bloc",
        "EU27",
    ),
    (
        'title = "My scenario"',
        'title = "x"\ncolour = "red"',
        "colour",
        "red",
        "unknown key",
        "fair_share_key",
    ),
    ("target_year = 2032", "target_year = 2020", "target_year", 2020, "after base_year", None),
    (
        "target_year = 2032",
        "target_year = 2032\nhorizon_years = 3",
        "horizon_years",
        3,
        "must equal",
        None,
    ),
]


@pytest.mark.parametrize(("old", "new", "key", "value", "reason", "allowed"), BAD_CASES)
def test_bad_file_names_file_key_and_value(
    tmp_path: Path, old: str, new: str, key: str, value: object, reason: str, allowed: str | None
) -> None:
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new))
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    error = caught.value
    assert error.file == str(path)
    assert (error.key or "") == key
    assert error.value == value
    assert reason in str(error)
    if allowed is not None:
        assert error.allowed is not None and allowed in error.allowed
    assert str(error).count("\n") == 0


def test_unknown_category_error_lists_every_category(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("mbt = 1200", "tank = 1200"))
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    assert caught.value.key == "requirements.tank"
    assert set(CATEGORY_IDS) <= set(caught.value.allowed or [])


def test_unknown_requirement_study_lists_the_studies(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("mbt = 1200", 'preset = "no_such_study"'))
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    assert caught.value.key == "requirements.preset"
    assert "replace_us" in (caught.value.allowed or [])
    assert "bruegel_kiel_2025" in (caught.value.allowed or [])


def test_bad_toml_and_unknown_preset(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not valid TOML"):
        load_scenario(write(tmp_path, "name = "))
    with pytest.raises(InputError) as caught:
        load_scenario("no_such_preset")
    assert "replace_us_full" in (caught.value.allowed or [])
