"""A real server killed with SIGKILL during a job: finished results survive, the job is 'interrupted'."""

from __future__ import annotations

import time

import httpx


def test_sigkill_during_a_job(db_url: str, start_server, small: dict) -> None:
    server = start_server(db_url)
    try:
        c = httpx.Client(base_url=server.url, timeout=30)
        sid = c.post("/api/scenarios", json={"scenario": small}).json()["id"]
        quick = c.post(
            "/api/jobs",
            json={"kind": "transition", "scenario_id": sid, "params": {"draws": 2000, "seed": 3}},
        ).json()
        deadline = time.monotonic() + 60
        while c.get(f"/api/jobs/{quick['id']}").json()["status"] != "done":
            assert time.monotonic() < deadline
            time.sleep(0.05)
        fan_before = c.get(f"/api/jobs/{quick['id']}/results/fan").json()
        slow = c.post(
            "/api/jobs",
            json={
                "kind": "transition",
                "scenario_id": sid,
                "params": {"draws": 5_000_000, "seed": 3},
            },
        ).json()
        while not (0 < c.get(f"/api/jobs/{slow['id']}").json()["progress"] < 1):
            assert time.monotonic() < deadline
            time.sleep(0.05)
        assert c.get(f"/api/jobs/{slow['id']}").json()["status"] == "running"
        server.kill()
    finally:
        server.stop()

    again = start_server(db_url)
    try:
        c = httpx.Client(base_url=again.url, timeout=30)
        interrupted = c.get(f"/api/jobs/{slow['id']}").json()
        assert interrupted["status"] == "interrupted"
        assert interrupted["results"] == []
        done = c.get(f"/api/jobs/{quick['id']}").json()
        assert done["status"] == "done"
        assert c.get(f"/api/jobs/{quick['id']}/results/fan").json() == fan_before
        assert [s["name"] for s in c.get("/api/scenarios").json()] == [small["name"]]
        restarted = c.post(f"/api/jobs/{slow['id']}/restart").json()  # the page's "Run again"
        assert restarted["params"] == {"draws": 5_000_000, "seed": 3}
        c.post(f"/api/jobs/{restarted['id']}/cancel")
    finally:
        again.stop()
