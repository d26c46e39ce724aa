"""API: jobs — start a transition or procurement run, poll progress, cancel, restart, results."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from europillar.web.api_scenarios import saved_or_404, store_of
from europillar.web.jobs import JobManager
from europillar.web.responses import (
    drawing,
    field_error,
    not_found,
    svg_response,
    table_response,
)
from europillar.web.storage.store import ACTIVE, Job

router = APIRouter(prefix="/api", tags=["jobs"])
MAX_DRAWS = 5_000_000


class TransitionParams(BaseModel):
    draws: int | None = Field(
        None, ge=1, le=MAX_DRAWS, description="Monte Carlo draws (default: scenario)"
    )
    seed: int | None = Field(None, ge=0, description="Random seed (default: scenario)")


class ProcurementParams(BaseModel):
    k_max: int | None = Field(None, ge=1, description="At most K platform types per category")
    buy_european_pct: float | None = Field(None, ge=0, le=100)
    juste_retour_pct: float | None = Field(None, ge=0, le=100)
    cost_case: Literal["low", "central", "high"] | None = None


class JobIn(BaseModel):
    kind: Literal["transition", "procurement"]
    scenario_id: int
    params: dict[str, Any] = Field(
        default_factory=dict,
        description="transition: draws, seed; procurement: k_max, "
        "buy_european_pct, juste_retour_pct, cost_case",
    )


class JobOut(BaseModel):
    id: int
    kind: str
    scenario_id: int
    params: dict[str, Any]
    status: str
    progress: float
    message: str
    meta: dict[str, Any]
    created_at: str
    started_at: str | None
    finished_at: str | None
    results: list[str]


def manager_of(request: Request) -> JobManager:
    return request.app.state.jobs  # type: ignore[no-any-return]


def job_out(request: Request, job: Job) -> JobOut:
    names = store_of(request).result_names(job.id) if job.status == "done" else []
    return JobOut(
        id=job.id,
        kind=job.kind,
        scenario_id=job.scenario_id,
        params=job.params,
        status=job.status,
        progress=job.progress,
        message=job.message,
        meta=job.meta,
        created_at=job.created_at.isoformat(),
        started_at=job.started_at.isoformat() if job.started_at else None,
        finished_at=job.finished_at.isoformat() if job.finished_at else None,
        results=names,
    )


def job_or_404(request: Request, job_id: int) -> Job:
    job = store_of(request).get_job(job_id)
    if job is None:
        raise not_found("job", job_id)
    return job


def checked_params(kind: str, params: dict[str, Any]) -> dict[str, Any]:
    from pydantic import ValidationError

    model = TransitionParams if kind == "transition" else ProcurementParams
    try:
        return model.model_validate(params, strict=False).model_dump(exclude_none=True)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        field = "params." + ".".join(str(p) for p in error["loc"])
        value = error.get("input")
        raise field_error(field, value, f"{field}: value {value!r}: {error['msg']}.") from None


@router.post("/jobs", response_model=JobOut, status_code=202)
def start_job(payload: JobIn, request: Request) -> JobOut:
    """Queue a long run; poll ``GET /api/jobs/{id}`` for progress."""
    saved_or_404(store_of(request), payload.scenario_id)
    model = TransitionParams if payload.kind == "transition" else ProcurementParams
    extra = sorted(set(payload.params) - set(model.model_fields))
    if extra:
        raise field_error(
            f"params.{extra[0]}",
            payload.params[extra[0]],
            f"params.{extra[0]}: unknown setting for a {payload.kind} job "
            f"(allowed: {', '.join(model.model_fields)}).",
        )
    params = checked_params(payload.kind, payload.params)
    return job_out(request, manager_of(request).submit(payload.kind, payload.scenario_id, params))


@router.get("/jobs", response_model=list[JobOut])
def list_jobs(request: Request, scenario_id: int | None = None) -> list[JobOut]:
    return [job_out(request, j) for j in store_of(request).list_jobs(scenario_id)]


@router.get("/jobs/{job_id}", response_model=JobOut)
def get_job(job_id: int, request: Request) -> JobOut:
    return job_out(request, job_or_404(request, job_id))


@router.post("/jobs/{job_id}/cancel", response_model=JobOut)
def cancel_job(job_id: int, request: Request) -> JobOut:
    job = job_or_404(request, job_id)
    if job.status not in ACTIVE:
        raise field_error(
            "status",
            job.status,
            f"job {job_id} is {job.status}; only queued or running jobs can be cancelled.",
            409,
        )
    manager_of(request).cancel(job_id)
    return job_out(request, job_or_404(request, job_id))


@router.post("/jobs/{job_id}/restart", response_model=JobOut, status_code=202)
def restart_job(job_id: int, request: Request) -> JobOut:
    """Run a finished, failed, cancelled or interrupted job again (as a new job)."""
    job = job_or_404(request, job_id)
    if job.status in ACTIVE:
        raise field_error("status", job.status, f"job {job_id} is still {job.status}.", 409)
    saved_or_404(store_of(request), job.scenario_id)
    return job_out(request, manager_of(request).submit(job.kind, job.scenario_id, job.params))


@router.get("/jobs/{job_id}/results/{name}")
def job_result(
    job_id: int, name: str, request: Request, format: Literal["json", "csv"] = Query("json")
) -> Response:
    """One result table of a finished job, as JSON rows or a CSV download."""
    job = job_or_404(request, job_id)
    frame = store_of(request).result(job_id, name)
    if frame is None:
        names = store_of(request).result_names(job_id)
        raise field_error(
            "name",
            name,
            f"job {job_id} ({job.status}) has no result {name!r} "
            f"(available: {', '.join(names) or 'none'}).",
            404,
        )
    return table_response(frame, format, f"job{job_id}_{name}", job_id=job_id, name=name)


@router.get("/jobs/{job_id}/charts/fan.svg")
@drawing
def fan_svg(job_id: int, request: Request, category: Annotated[str, Query()]) -> Response:
    from europillar.web.charts import fan_chart

    job = job_or_404(request, job_id)
    fan = store_of(request).result(job_id, "fan")
    if fan is None:
        raise field_error("job_id", job_id, f"job {job_id} has no fan chart results.", 404)
    if category not in set(fan["category"]):
        raise field_error(
            "category",
            category,
            f"category {category!r} is not in the results "
            f"(allowed: {', '.join(sorted(set(fan['category'])))}).",
        )
    return svg_response(fan_chart(fan, category, float(job.meta.get("threshold_pct", 100.0))))


@router.get("/jobs/{job_id}/charts/gap_probability.svg")
@drawing
def gap_probability_svg(job_id: int, request: Request) -> Response:
    from europillar.web.charts import gap_probability_chart

    job_or_404(request, job_id)
    frame = store_of(request).result(job_id, "gap_probability")
    if frame is None:
        raise field_error("job_id", job_id, f"job {job_id} has no gap-probability results.", 404)
    return svg_response(gap_probability_chart(frame))
