"""The CLI, the web job runner and the report give the same tables, byte for byte.

All three call ``europillar.runner.run``; this test runs one scenario and seed through
each and compares the canonical CSV they write. The procurement scenario restricts the
candidate platforms: before the one runner, the web copy of the procurement set-up
ignored ``procurement.candidates`` (and skipped the target-year check), so the browser
showed a different plan from the command line.
"""

from __future__ import annotations

import time
import tomllib
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from europillar.cli.app import _register_all, app
from europillar.report.build import build_report
from europillar.report.sections import SECTIONS
from europillar.scenario import load_scenario, preset_text

SCENARIO = (
    preset_text("replace_us_full").replace('name = "replace_us_full"', 'name = "one_runner"')
    + """
[procurement]
candidates = ["leopard2a8", "k2", "eurofighter", "samp_t_ng", "cv90"]
k_max = 2
"""
)
TRANSITION_TABLES = {"fan": "fan", "gap": "gap_probability", "categories": "categories"}


@pytest.fixture(scope="module")
def scenario_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("scenario") / "one_runner.toml"
    path.write_text(SCENARIO, encoding="utf-8")
    return path


def cli(*args: str) -> str:
    _register_all()
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def report_data(scenario_file: Path) -> dict[str, str]:
    wanted = [s for s in SECTIONS if s.id in ("transition", "procurement")]
    return build_report(load_scenario(scenario_file), 2024, sections=wanted)


@pytest.fixture(scope="module")
def web_tables(scenario_file: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    from fastapi.testclient import TestClient

    from europillar.web import WebSettings, create_app

    db = tmp_path_factory.mktemp("web") / "web.sqlite"
    body = tomllib.loads(scenario_file.read_text(encoding="utf-8"))
    tables: dict[str, str] = {}
    with TestClient(create_app(WebSettings(db_url=f"sqlite:///{db}"))) as client:
        created = client.post("/api/scenarios", json={"scenario": body})
        assert created.status_code == 201, created.text
        sid = created.json()["id"]
        for kind, names in (
            ("transition", TRANSITION_TABLES.values()),
            ("procurement", ("members", "programmes", "targets")),
        ):
            job = client.post("/api/jobs", json={"kind": kind, "scenario_id": sid}).json()
            done = _wait(client, job["id"])
            assert done["status"] == "done", done["message"]
            for name in names:
                r = client.get(f"/api/jobs/{job['id']}/results/{name}", params={"format": "csv"})
                assert r.status_code == 200, r.text
                tables[f"{kind}/{name}"] = r.text
    return tables


def _wait(client: Any, job_id: int) -> dict[str, Any]:
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        job = client.get(f"/api/jobs/{job_id}").json()
        if job["status"] not in ("queued", "running"):
            return dict(job)
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} did not finish")


@pytest.mark.parametrize(("view", "table"), TRANSITION_TABLES.items())
def test_transition_tables_are_identical_in_cli_web_and_report(
    scenario_file: Path,
    report_data: dict[str, str],
    web_tables: dict[str, str],
    view: str,
    table: str,
) -> None:
    from_cli = cli(
        "transition", "--scenario", str(scenario_file), "--view", view, "--format", "csv"
    )
    assert from_cli == web_tables[f"transition/{table}"]
    assert from_cli == report_data[f"data/transition/{table}.csv"]


def test_procurement_with_candidates_is_identical_in_cli_web_and_report(
    scenario_file: Path, report_data: dict[str, str], web_tables: dict[str, str]
) -> None:
    from_cli = cli("procure", "--scenario", str(scenario_file), "--format", "csv")
    assert from_cli == web_tables["procurement/members"]
    assert from_cli == report_data["data/procurement/members.csv"]
    programmes = web_tables["procurement/programmes"]
    assert programmes == report_data["data/procurement/programmes.csv"]
    assert "rafale" not in programmes and "eurofighter" in programmes  # candidates honoured
