"""Voting power for an enlarged Union: who joins, whose population, which source."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from europillar import dataset
from europillar.cli import voting_cmd
from europillar.decisions import prepare as decisions_prepare
from europillar.decisions.data import candidate_population
from europillar.errors import InputError
from europillar.scenario import load_scenario

CANDIDATES = ["UKR", "MDA", "ALB", "BIH", "MNE", "MKD", "SRB", "XKX", "GEO"]


def test_candidate_figures_are_the_wpp_file_in_persons() -> None:
    figures, years, sources = candidate_population(2025)
    # UN WPP 2024 medium variant, thousands with three decimals, times 1,000.
    assert figures["UKR"] == 39_681_570 and years["UKR"] == 2025
    assert figures["MNE"] == 627_936
    assert set(CANDIDATES) <= set(figures)
    assert sources == ["dec_un_wpp2024"]
    # A year before every figure takes the earliest; 2024 takes 2024.
    assert candidate_population(2024)[0]["UKR"] == 38_279_183
    assert candidate_population(2020)[1]["UKR"] == 2024


def test_enlargement_adds_states_with_cited_populations() -> None:
    data = dataset.load()
    scenario = load_scenario("replace_us_full")
    inputs = decisions_prepare.inputs(scenario, data, enlargement=CANDIDATES)
    assert len(inputs.participants) == 27 + len(CANDIDATES)
    assert inputs.population["SRB"] == 6_663_980
    assert "dec_un_wpp2024" in inputs.population_sources
    assert any("UN World Population Prospects 2024" in n for n in inputs.population_notes)


def test_a_state_without_a_figure_needs_one_with_its_source() -> None:
    data = dataset.load()
    scenario = load_scenario("replace_us_full")
    with pytest.raises(InputError, match="no population figure"):
        decisions_prepare.inputs(scenario, data, enlargement=["ARM"])
    with pytest.raises(InputError, match="population_source"):
        decisions_prepare.inputs(scenario, data, enlargement=["ARM"], populations={"ARM": 100})
    inputs = decisions_prepare.inputs(
        scenario,
        data,
        enlargement=["ARM"],
        populations={"ARM": 100},
        population_source="test figure, persons",
    )
    assert inputs.population["ARM"] == 100
    assert any("test figure, persons" in n for n in inputs.population_notes)


def test_cli_voting_eu27_plus_candidates() -> None:
    import typer

    app = typer.Typer()
    voting_cmd.register(app)
    result = CliRunner().invoke(app, ["voting", "--members", "EU27+UKR,MDA", "--format", "json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    text = json.dumps(payload)
    assert "UKR" in text and "MDA" in text and "DEU" in text
    assert "dec_un_wpp2024" in text


def test_cli_unknown_joining_state_exits_2_with_one_sentence() -> None:
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            "from europillar.cli.app import main; main()",
            "voting",
            "--members",
            "EU27+ZZZ",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 2
    assert "no population figure" in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
