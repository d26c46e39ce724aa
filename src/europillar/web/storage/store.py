"""All reads and writes of the web app, each in one short transaction."""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from europillar.web.storage.tables import jobs, results, scenarios

ACTIVE = ("queued", "running")
FINAL = ("done", "failed", "cancelled", "interrupted")


class NameTaken(Exception):
    """A saved scenario with that name exists already."""


def plain_rows(frame: pd.DataFrame) -> list[list[Any]]:
    """Rows of Python values (exact float repr in JSON); NaN/NA become None."""
    out = []
    for row in frame.itertuples(index=False, name=None):
        out.append([_plain(v) for v in row])
    return out


def _plain(value: Any) -> Any:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (dt.date, dt.datetime, pd.Timestamp)):
        return value.isoformat()
    return value


def frame_json(frame: pd.DataFrame) -> str:
    return json.dumps({"columns": [str(c) for c in frame.columns], "data": plain_rows(frame)})


def frame_from_json(text: str) -> pd.DataFrame:
    body = json.loads(text)
    return pd.DataFrame(body["data"], columns=body["columns"])


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class SavedScenario:
    id: int
    name: str
    title: str
    body: dict[str, Any]
    decision_rule: str
    created_at: dt.datetime
    updated_at: dt.datetime


@dataclass(frozen=True)
class Job:
    id: int
    kind: str
    scenario_id: int
    params: dict[str, Any]
    status: str
    progress: float
    message: str
    meta: dict[str, Any]
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None


def _utc(stamp: dt.datetime | None) -> dt.datetime | None:
    """SQLite returns naive datetimes; every stamp is written in UTC."""
    if stamp is not None and stamp.tzinfo is None:
        return stamp.replace(tzinfo=dt.UTC)
    return stamp


def _scenario(row: Any) -> SavedScenario:
    return SavedScenario(
        row.id,
        row.name,
        row.title,
        json.loads(row.body_json),
        row.decision_rule,
        _utc(row.created_at),  # type: ignore[arg-type]
        _utc(row.updated_at),  # type: ignore[arg-type]
    )


def _job(row: Any) -> Job:
    return Job(
        row.id,
        row.kind,
        row.scenario_id,
        json.loads(row.params_json),
        row.status,
        float(row.progress),
        row.message,
        json.loads(row.meta_json),
        _utc(row.created_at),  # type: ignore[arg-type]
        _utc(row.started_at),
        _utc(row.finished_at),
    )


class Store:
    """Repository over one engine (SQLite or PostgreSQL); safe to share between threads."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # scenarios -------------------------------------------------------------------------
    def list_scenarios(self) -> list[SavedScenario]:
        with self.engine.connect() as c:
            return [_scenario(r) for r in c.execute(select(scenarios).order_by(scenarios.c.id))]

    def get_scenario(self, scenario_id: int) -> SavedScenario | None:
        with self.engine.connect() as c:
            row = c.execute(select(scenarios).where(scenarios.c.id == scenario_id)).first()
        return _scenario(row) if row else None

    def create_scenario(self, body: dict[str, Any], decision_rule: str) -> SavedScenario:
        stamp = now()
        try:
            with self.engine.begin() as c:
                new_id = c.execute(
                    insert(scenarios)
                    .values(
                        name=body["name"],
                        title=body["title"],
                        body_json=json.dumps(body),
                        decision_rule=decision_rule,
                        created_at=stamp,
                        updated_at=stamp,
                    )
                    .returning(scenarios.c.id)
                ).scalar_one()
        except IntegrityError:
            raise NameTaken(body["name"]) from None
        found = self.get_scenario(new_id)
        assert found is not None
        return found

    def update_scenario(
        self, scenario_id: int, body: dict[str, Any], decision_rule: str
    ) -> SavedScenario | None:
        try:
            with self.engine.begin() as c:
                count = c.execute(
                    update(scenarios)
                    .where(scenarios.c.id == scenario_id)
                    .values(
                        name=body["name"],
                        title=body["title"],
                        body_json=json.dumps(body),
                        decision_rule=decision_rule,
                        updated_at=now(),
                    )
                ).rowcount
        except IntegrityError:
            raise NameTaken(body["name"]) from None
        return self.get_scenario(scenario_id) if count else None

    def delete_scenario(self, scenario_id: int) -> bool:
        with self.engine.begin() as c:
            ids = [
                r.id for r in c.execute(select(jobs.c.id).where(jobs.c.scenario_id == scenario_id))
            ]
            if ids:
                c.execute(delete(results).where(results.c.job_id.in_(ids)))
                c.execute(delete(jobs).where(jobs.c.id.in_(ids)))
            return bool(c.execute(delete(scenarios).where(scenarios.c.id == scenario_id)).rowcount)

    # jobs ------------------------------------------------------------------------------
    def create_job(self, kind: str, scenario_id: int, params: dict[str, Any]) -> Job:
        with self.engine.begin() as c:
            new_id = c.execute(
                insert(jobs)
                .values(
                    kind=kind,
                    scenario_id=scenario_id,
                    params_json=json.dumps(params),
                    status="queued",
                    progress=0.0,
                    message="waiting for a worker",
                    meta_json="{}",
                    created_at=now(),
                )
                .returning(jobs.c.id)
            ).scalar_one()
        found = self.get_job(new_id)
        assert found is not None
        return found

    def get_job(self, job_id: int) -> Job | None:
        with self.engine.connect() as c:
            row = c.execute(select(jobs).where(jobs.c.id == job_id)).first()
        return _job(row) if row else None

    def list_jobs(self, scenario_id: int | None = None) -> list[Job]:
        query = select(jobs).order_by(jobs.c.id.desc())
        if scenario_id is not None:
            query = query.where(jobs.c.scenario_id == scenario_id)
        with self.engine.connect() as c:
            return [_job(r) for r in c.execute(query)]

    def set_job(self, job_id: int, only_if: tuple[str, ...] | None = None, **values: Any) -> bool:
        """Update a job; with ``only_if`` only while its status is one of those (atomic)."""
        if "meta" in values:
            values["meta_json"] = json.dumps(values.pop("meta"))
        query = update(jobs).where(jobs.c.id == job_id)
        if only_if:
            query = query.where(jobs.c.status.in_(only_if))
        with self.engine.begin() as c:
            return bool(c.execute(query.values(**values)).rowcount)

    def mark_interrupted(self) -> int:
        """At start-up: jobs a previous server left queued or running can never finish."""
        with self.engine.begin() as c:
            return c.execute(
                update(jobs)
                .where(jobs.c.status.in_(ACTIVE))
                .values(
                    status="interrupted",
                    message="the server stopped before the job finished",
                    finished_at=now(),
                )
            ).rowcount

    def finish_job(
        self, job_id: int, frames: dict[str, pd.DataFrame], meta: dict[str, Any]
    ) -> bool:
        """Store every result frame and mark the job done, in one transaction."""
        with self.engine.begin() as c:
            row = c.execute(select(jobs.c.status).where(jobs.c.id == job_id)).first()
            if row is None or row.status != "running":
                return False
            for name, frame in frames.items():
                c.execute(
                    insert(results).values(job_id=job_id, name=name, body_json=frame_json(frame))
                )
            c.execute(
                update(jobs)
                .where(jobs.c.id == job_id)
                .values(
                    status="done",
                    progress=1.0,
                    message="finished",
                    meta_json=json.dumps(meta),
                    finished_at=now(),
                )
            )
        return True

    def result_names(self, job_id: int) -> list[str]:
        with self.engine.connect() as c:
            return [
                r.name
                for r in c.execute(
                    select(results.c.name).where(results.c.job_id == job_id).order_by(results.c.id)
                )
            ]

    def result(self, job_id: int, name: str) -> pd.DataFrame | None:
        with self.engine.connect() as c:
            row = c.execute(
                select(results.c.body_json).where(
                    results.c.job_id == job_id, results.c.name == name
                )
            ).first()
        if row is None:
            return None
        return frame_from_json(row.body_json)
