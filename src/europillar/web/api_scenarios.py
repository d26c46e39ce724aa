"""API: saved scenarios — list, create, validate, update, delete, import and export as TOML."""

from __future__ import annotations

import tomllib
from typing import Annotated, Any

import tomli_w
from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel, Field

from europillar.errors import InputError
from europillar.web.responses import field_error, input_error, not_found
from europillar.web.storage.store import NameTaken, SavedScenario, Store

router = APIRouter(prefix="/api", tags=["scenarios"])
DECISION_RULES = ("qmv", "rqmv", "unanimity", "cfsp")


class ScenarioIn(BaseModel):
    """A scenario as the TOML file would hold it (a partial override of the defaults)."""

    scenario: dict[str, Any] = Field(
        description="Scenario keys as in a TOML file (docs/scenario.md)."
    )
    decision_rule: str = Field("qmv", description="Voting rule for the voting-power view.")

    def body(self) -> dict[str, Any]:
        return dict(drop_nulls(self.scenario))


class ScenarioOut(BaseModel):
    id: int
    name: str
    title: str
    decision_rule: str
    scenario: dict[str, Any]
    members: list[str]
    created_at: str
    updated_at: str


def store_of(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


def drop_nulls(value: Any) -> Any:
    """TOML has no null: a JSON null means "key not given" (the default applies)."""
    if isinstance(value, dict):
        return {k: drop_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [drop_nulls(v) for v in value if v is not None]
    return value


def check(body: dict[str, Any], decision_rule: str) -> list[str]:
    """Validate like ``europillar scenario validate``; 422 naming the field. Returns members."""
    from europillar.scenario import scenario_from_dict

    if decision_rule not in DECISION_RULES:
        raise field_error(
            "decision_rule",
            decision_rule,
            f"decision_rule {decision_rule!r} is not one of {', '.join(DECISION_RULES)}.",
        )
    try:
        scenario = scenario_from_dict(body, file="scenario")
        return list(scenario.member_codes())
    except InputError as exc:
        raise input_error(exc, prefix="scenario.") from None


def out(saved: SavedScenario) -> ScenarioOut:
    from europillar.scenario import scenario_from_dict

    members = list(scenario_from_dict(saved.body, file="scenario").member_codes())
    return ScenarioOut(
        id=saved.id,
        name=saved.name,
        title=saved.title,
        decision_rule=saved.decision_rule,
        scenario=saved.body,
        members=members,
        created_at=saved.created_at.isoformat(),
        updated_at=saved.updated_at.isoformat(),
    )


def saved_or_404(store: Store, scenario_id: int) -> SavedScenario:
    saved = store.get_scenario(scenario_id)
    if saved is None:
        raise not_found("saved scenario", scenario_id)
    return saved


@router.get("/scenarios", response_model=list[ScenarioOut])
def list_scenarios(request: Request) -> list[ScenarioOut]:
    return [out(s) for s in store_of(request).list_scenarios()]


@router.post("/scenarios/validate")
def validate_scenario(payload: ScenarioIn) -> dict[str, Any]:
    """Check a scenario without storing it: 200 with its members, or 422 naming the field."""
    return {"valid": True, "members": check(payload.body(), payload.decision_rule)}


@router.post("/scenarios", response_model=ScenarioOut, status_code=201)
def create_scenario(payload: ScenarioIn, request: Request) -> ScenarioOut:
    check(payload.body(), payload.decision_rule)
    try:
        return out(store_of(request).create_scenario(payload.body(), payload.decision_rule))
    except NameTaken:
        raise field_error(
            "scenario.name",
            payload.scenario["name"],
            "a saved scenario with this name exists already.",
            409,
        ) from None


@router.get("/scenarios/{scenario_id}", response_model=ScenarioOut)
def get_scenario(scenario_id: int, request: Request) -> ScenarioOut:
    return out(saved_or_404(store_of(request), scenario_id))


@router.put("/scenarios/{scenario_id}", response_model=ScenarioOut)
def update_scenario(scenario_id: int, payload: ScenarioIn, request: Request) -> ScenarioOut:
    store = store_of(request)
    saved_or_404(store, scenario_id)
    check(payload.body(), payload.decision_rule)
    try:
        updated = store.update_scenario(scenario_id, payload.body(), payload.decision_rule)
    except NameTaken:
        raise field_error(
            "scenario.name",
            payload.scenario["name"],
            "a saved scenario with this name exists already.",
            409,
        ) from None
    assert updated is not None
    return out(updated)


@router.delete("/scenarios/{scenario_id}", status_code=204)
def delete_scenario(scenario_id: int, request: Request) -> Response:
    if not store_of(request).delete_scenario(scenario_id):
        raise not_found("saved scenario", scenario_id)
    return Response(status_code=204)


@router.post("/scenarios/import", response_model=ScenarioOut, status_code=201)
async def import_scenario(
    request: Request,
    file: Annotated[UploadFile, File(description="A scenario TOML file.")],
    decision_rule: Annotated[str, Form()] = "qmv",
) -> ScenarioOut:
    """Store a scenario TOML file (the same rules as ``europillar scenario validate``)."""
    raw = await file.read()
    try:
        body = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise field_error(
            "file", file.filename, f"{file.filename}: not valid TOML ({exc})."
        ) from None
    try:
        from europillar.scenario import scenario_from_dict

        scenario_from_dict(body, file=file.filename or "upload.toml")
    except InputError as exc:
        raise input_error(exc, prefix="scenario.") from None
    return create_scenario(ScenarioIn(scenario=body, decision_rule=decision_rule), request)


@router.get("/scenarios/{scenario_id}/toml")
def export_scenario(scenario_id: int, request: Request) -> Response:
    """The saved scenario as a TOML file (loadable by ``europillar ... --scenario FILE``)."""
    saved = saved_or_404(store_of(request), scenario_id)
    return Response(
        tomli_w.dumps(saved.body),
        media_type="application/toml",
        headers={"Content-Disposition": f'attachment; filename="{saved.name}.toml"'},
    )


@router.get("/presets/{name}")
def get_preset(name: str) -> dict[str, Any]:
    """A shipped preset as a partial scenario mapping, to start the editor from."""
    from europillar.scenario.loader import preset_text

    try:
        return {"name": name, "scenario": tomllib.loads(preset_text(name))}
    except InputError as exc:
        raise input_error(exc, status=404) from None
