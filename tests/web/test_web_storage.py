"""Storage: migrations, WAL, interrupted jobs at start-up, and the same on PostgreSQL."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pandas as pd
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import inspect, text

from europillar.web import WebSettings, create_app
from europillar.web.storage import Store, connect, migrate
from europillar.web.storage.db import normalise_url

SCENARIO = {"name": "s", "title": "S", "members": ["DEU"], "requirements": {"preset": "replace_us"}}


def exercise(store: Store) -> None:
    """The same checks for every backend: round trip, atomic finish, restart marking."""
    saved = store.create_scenario(SCENARIO, "qmv")
    done = store.create_job("transition", saved.id, {"draws": 10})
    assert store.set_job(done.id, only_if=("queued",), status="running")
    assert not store.set_job(done.id, only_if=("queued",), status="running")  # not queued any more
    frame = pd.DataFrame({"year": [2024, 2025], "p50": [0.1 + 0.2, float("nan")], "c": ["a", None]})
    assert store.finish_job(done.id, {"fan": frame}, {"draws": 10})
    running = store.create_job("transition", saved.id, {})
    store.set_job(running.id, status="running")
    queued = store.create_job("procurement", saved.id, {})

    assert store.mark_interrupted() == 2
    assert store.get_job(running.id).status == "interrupted"
    assert store.get_job(queued.id).status == "interrupted"
    again = store.get_job(done.id)
    assert again.status == "done" and again.meta == {"draws": 10}
    back = store.result(done.id, "fan")
    assert back["p50"].iloc[0] == 0.1 + 0.2  # exact float, not a rounded decimal
    assert back["p50"].isna().iloc[1] and pd.isna(back["c"].iloc[1])
    assert store.result_names(done.id) == ["fan"]
    assert not store.finish_job(running.id, {"x": frame}, {})  # only a running job can finish
    assert store.delete_scenario(saved.id)
    assert store.list_jobs() == []


def test_sqlite_migrations_wal_and_restart(tmp_path: Path) -> None:
    engine = connect(f"sqlite:///{tmp_path / 'sub' / 'db.sqlite'}")
    migrate(engine)
    migrate(engine)  # idempotent: already at head
    names = set(inspect(engine).get_table_names())
    assert {"scenarios", "jobs", "results", "alembic_version"} <= names
    with engine.connect() as c:
        assert c.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert c.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0001_initial"
    exercise(Store(engine))


def test_app_start_marks_left_over_jobs_interrupted(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    engine = connect(url)
    migrate(engine)
    store = Store(engine)
    sid = store.create_scenario(SCENARIO, "qmv").id
    job = store.create_job("transition", sid, {})
    store.set_job(job.id, status="running", progress=0.4)
    with TestClient(create_app(WebSettings(db_url=url))) as client:
        body = client.get(f"/api/jobs/{job.id}").json()
        assert body["status"] == "interrupted" and body["progress"] == 0.4


def test_normalise_url() -> None:
    assert normalise_url("postgresql://u:p@h/d") == "postgresql+psycopg://u:p@h/d"
    assert normalise_url("sqlite:///x.db") == "sqlite:///x.db"


def _postgres_url() -> str:
    url = os.environ.get("EUROPILLAR_TEST_POSTGRES_URL")
    if not url:
        reason = "EUROPILLAR_TEST_POSTGRES_URL is not set (run .ci/services.sh for a test server)"
        if os.environ.get("EUROPILLAR_REQUIRE_E2E") == "1":
            pytest.fail(reason + " but EUROPILLAR_REQUIRE_E2E=1")
        pytest.skip(reason)
    return url


@pytest.fixture
def postgres_schema_url() -> str:
    """A fresh schema per test, so runs never see each other's rows."""
    url = _postgres_url()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = connect(url)
    with admin.begin() as c:
        c.execute(text(f"CREATE SCHEMA {schema}"))
    sep = "&" if "?" in url else "?"
    yield f"{url}{sep}options=-csearch_path%3D{schema}"
    with admin.begin() as c:
        c.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


def test_postgresql_storage(postgres_schema_url: str) -> None:
    engine = connect(postgres_schema_url)
    migrate(engine)
    migrate(engine)
    assert {"scenarios", "jobs", "results"} <= set(inspect(engine).get_table_names())
    exercise(Store(engine))
    engine.dispose()


def test_postgresql_api_round_trip(postgres_schema_url: str) -> None:
    with TestClient(create_app(WebSettings(db_url=postgres_schema_url))) as client:
        r = client.post("/api/scenarios", json={"scenario": SCENARIO})
        assert r.status_code == 201
        assert client.post("/api/scenarios", json={"scenario": SCENARIO}).status_code == 409
        bad = client.post(
            "/api/scenarios", json={"scenario": {**SCENARIO, "name": "b", "members": ["ZZZ"]}}
        )
        assert bad.status_code == 422 and bad.json()["detail"]["field"] == "scenario.members[0]"
        assert [s["name"] for s in client.get("/api/scenarios").json()] == ["s"]
