"""API: jobs — transition and procurement runs, progress, cancel, restart, results, bad input."""

from __future__ import annotations

import io
import time

import pandas as pd
import pytest
from fastapi.testclient import TestClient

from europillar import runner
from europillar.export import for_machine
from europillar.scenario import scenario_from_dict


@pytest.fixture
def sid(client: TestClient, small: dict) -> int:
    return int(client.post("/api/scenarios", json={"scenario": small}).json()["id"])


def test_transition_job_matches_the_engine_bit_for_bit(
    client: TestClient, sid: int, small: dict, wait_job
) -> None:
    r = client.post(
        "/api/jobs",
        json={"kind": "transition", "scenario_id": sid, "params": {"draws": 3000, "seed": 7}},
    )
    assert r.status_code == 202
    assert r.json()["status"] in ("queued", "running", "done")
    job = wait_job(client, r.json()["id"])
    assert job["status"] == "done" and job["progress"] == 1.0
    assert {"fan", "gap_probability", "categories", "central"} <= set(job["results"])
    assert job["meta"]["draws"] == 3000 and job["meta"]["seed"] == 7

    # default chunking here: the web uses smaller chunks, and the result must not change
    direct = runner.run("transition", scenario_from_dict(small), draws=3000, seed=7)
    fan = client.get(f"/api/jobs/{job['id']}/results/fan").json()
    web = pd.DataFrame(fan["rows"], columns=fan["columns"])
    # the same rounded figures as the CLI writes (europillar.export.for_machine)
    pd.testing.assert_frame_equal(
        web, for_machine(direct.fan).reset_index(drop=True), check_dtype=False, rtol=0, atol=0
    )
    csv = client.get(f"/api/jobs/{job['id']}/results/gap_probability?format=csv")
    assert csv.headers["content-type"].startswith("text/csv")
    pd.testing.assert_frame_equal(
        pd.read_csv(io.StringIO(csv.text)),
        for_machine(direct.gap_probability),
        check_dtype=False,
    )
    svg = client.get(f"/api/jobs/{job['id']}/charts/fan.svg", params={"category": "mbt"})
    assert svg.headers["content-type"] == "image/svg+xml" and "<title>" in svg.text
    assert client.get(f"/api/jobs/{job['id']}/charts/gap_probability.svg").status_code == 200
    bad = client.get(f"/api/jobs/{job['id']}/charts/fan.svg", params={"category": "spoons"})
    assert bad.status_code == 422 and bad.json()["detail"]["field"] == "category"
    missing = client.get(f"/api/jobs/{job['id']}/results/nothing")
    assert missing.status_code == 404 and missing.json()["detail"]["field"] == "name"


def test_cancel_running_job_then_restart(client: TestClient, sid: int, wait_job) -> None:
    job = client.post(
        "/api/jobs",
        json={"kind": "transition", "scenario_id": sid, "params": {"draws": 3_000_000, "seed": 1}},
    ).json()
    deadline = time.monotonic() + 30
    while (
        client.get(f"/api/jobs/{job['id']}").json()["progress"] <= 0 and time.monotonic() < deadline
    ):
        time.sleep(0.05)
    running = client.get(f"/api/jobs/{job['id']}").json()
    assert running["status"] == "running" and 0 < running["progress"] < 1
    r = client.post(f"/api/jobs/{job['id']}/cancel")
    assert r.status_code == 200 and r.json()["status"] == "cancelled"
    time.sleep(0.5)  # the worker stops at its next progress report and stores nothing
    after = client.get(f"/api/jobs/{job['id']}").json()
    assert after["status"] == "cancelled" and after["results"] == []
    again = client.post(f"/api/jobs/{job['id']}/cancel")
    assert again.status_code == 409 and again.json()["detail"]["field"] == "status"

    restarted = client.post(f"/api/jobs/{job['id']}/restart")
    assert restarted.status_code == 202
    new = restarted.json()
    assert new["id"] != job["id"] and new["params"] == {"draws": 3_000_000, "seed": 1}
    assert client.post(f"/api/jobs/{new['id']}/restart").status_code == 409  # still active
    client.post(f"/api/jobs/{new['id']}/cancel")
    assert wait_job(client, new["id"])["status"] == "cancelled"
    listed = client.get("/api/jobs", params={"scenario_id": sid}).json()
    assert [j["id"] for j in listed] == [new["id"], job["id"]]  # newest first
    assert client.get("/api/jobs", params={"scenario_id": sid + 1}).json() == []


def test_procurement_job(client: TestClient, sid: int, wait_job) -> None:
    r = client.post(
        "/api/jobs", json={"kind": "procurement", "scenario_id": sid, "params": {"k_max": 2}}
    )
    job = wait_job(client, r.json()["id"])
    assert job["status"] == "done", job["message"]
    programmes = client.get(f"/api/jobs/{job['id']}/results/programmes").json()
    frame = pd.DataFrame(programmes["rows"], columns=programmes["columns"])
    assert len(frame) > 0
    assert (frame["units"] > 0).all()
    # K = 2: at most two platform types per category
    assert frame.groupby("category")["candidate_id"].nunique().max() <= 2
    assert job["meta"]["money_unit"].startswith("EUR m")


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({"kind": "transition", "scenario_id": 999}, 404, "id"),
        ({"kind": "transition", "params": {"draws": 0}}, 422, "params.draws"),
        ({"kind": "transition", "params": {"draws": 10**9}}, 422, "params.draws"),
        ({"kind": "transition", "params": {"seed": "x"}}, 422, "params.seed"),
        ({"kind": "transition", "params": {"drawz": 5}}, 422, "params.drawz"),
        ({"kind": "procurement", "params": {"cost_case": "cheap"}}, 422, "params.cost_case"),
        (
            {"kind": "procurement", "params": {"buy_european_pct": 101}},
            422,
            "params.buy_european_pct",
        ),
    ],
)
def test_bad_job_requests_name_the_field_and_store_nothing(
    client: TestClient, sid: int, body: dict, status: int, field: str
) -> None:
    r = client.post("/api/jobs", json={"scenario_id": sid, **body})
    assert r.status_code == status, r.text
    assert r.json()["detail"]["field"] == field
    assert client.get("/api/jobs").json() == []


def test_unknown_kind_and_unknown_job(client: TestClient, sid: int) -> None:
    r = client.post("/api/jobs", json={"kind": "astrology", "scenario_id": sid})
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"][-1] == "kind"  # FastAPI's own validation error
    assert client.get("/api/jobs/123").status_code == 404
    assert client.post("/api/jobs/123/cancel").status_code == 404
    assert client.post("/api/jobs/123/restart").status_code == 404
    assert client.get("/api/jobs").json() == []


def test_failing_run_is_marked_failed_with_the_sentence(
    client: TestClient, sid: int, wait_job, monkeypatch: pytest.MonkeyPatch
) -> None:
    from europillar.errors import InputError
    from europillar.web import runners

    def broken(scenario, params, progress):
        progress(0.0, "starting")
        raise InputError("scenario 'trio'", "transition.end_year", 1999, "is before the base year")

    monkeypatch.setitem(runners.RUNNERS, "transition", broken)
    job = wait_job(
        client,
        client.post("/api/jobs", json={"kind": "transition", "scenario_id": sid}).json()["id"],
    )
    assert job["status"] == "failed"
    assert job["message"] == (
        "scenario 'trio', key 'transition.end_year': value 1999: is before the base year."
    )
    assert job["results"] == []
    assert job["created_at"].endswith("+00:00")
