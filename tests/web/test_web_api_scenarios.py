"""API: saved scenarios — create, validate, update, delete, TOML import/export, bad input."""

from __future__ import annotations

import tomllib

import pytest
from fastapi.testclient import TestClient

from europillar.scenario import scenario_from_dict


def test_create_get_list_update_delete(client: TestClient, small: dict) -> None:
    r = client.post("/api/scenarios", json={"scenario": small, "decision_rule": "rqmv"})
    assert r.status_code == 201
    saved = r.json()
    assert saved["name"] == "trio" and saved["decision_rule"] == "rqmv"
    assert saved["members"] == ["DEU", "FRA", "POL"]
    assert client.get(f"/api/scenarios/{saved['id']}").json()["scenario"] == small
    assert [s["name"] for s in client.get("/api/scenarios").json()] == ["trio"]

    changed = {**small, "title": "Changed", "members": "EU27"}
    r = client.put(f"/api/scenarios/{saved['id']}", json={"scenario": changed})
    assert r.status_code == 200
    assert r.json()["title"] == "Changed"
    assert r.json()["members"] == scenario_from_dict(changed).member_codes()

    assert client.delete(f"/api/scenarios/{saved['id']}").status_code == 204
    assert client.get("/api/scenarios").json() == []
    assert client.get(f"/api/scenarios/{saved['id']}").status_code == 404


@pytest.mark.parametrize(
    ("change", "field", "value"),
    [
        ({"members": ["DEU", "XXX"]}, "scenario.members[1]", "XXX"),
        ({"us_commitment": {"default": "maybe"}}, "scenario.us_commitment.default", "maybe"),
        ({"us_commitment": {"tnker": 0.5}}, "scenario.us_commitment.tnker", "tnker"),
        ({"base_year": 1800}, "scenario.base_year", 1800),
        ({"requirements": {"preset": "nonsense"}}, "scenario.requirements.preset", "nonsense"),
        ({"costs": {"bound": "middle"}}, "scenario.costs.bound", "middle"),
        ({"budget": {"target_share_gdp_pct": -1}}, "scenario.budget.target_share_gdp_pct", -1),
    ],
)
def test_bad_scenario_names_the_field_and_stores_nothing(
    client: TestClient, small: dict, change: dict, field: str, value: object
) -> None:
    body = {**small, **change}
    for url in ("/api/scenarios", "/api/scenarios/validate"):
        r = client.post(url, json={"scenario": body})
        assert r.status_code == 422, r.text
        detail = r.json()["detail"]
        assert detail["field"] == field
        assert detail["value"] == value
        assert field.removeprefix("scenario.") in detail["message"]
    assert client.get("/api/scenarios").json() == []


def test_missing_name_and_bad_rule(client: TestClient, small: dict) -> None:
    body = {k: v for k, v in small.items() if k != "name"}
    r = client.post("/api/scenarios", json={"scenario": body})
    assert r.status_code == 422 and r.json()["detail"]["field"] == "scenario.name"
    r = client.post("/api/scenarios", json={"scenario": small, "decision_rule": "dice"})
    assert r.status_code == 422 and r.json()["detail"]["field"] == "decision_rule"
    r = client.post("/api/scenarios", json={"decision_rule": "qmv"})  # no scenario at all
    assert r.status_code == 422
    assert client.get("/api/scenarios").json() == []


def test_duplicate_name_is_409_and_update_of_unknown_is_404(
    client: TestClient, small: dict
) -> None:
    assert client.post("/api/scenarios", json={"scenario": small}).status_code == 201
    r = client.post("/api/scenarios", json={"scenario": small})
    assert r.status_code == 409 and r.json()["detail"]["field"] == "scenario.name"
    assert len(client.get("/api/scenarios").json()) == 1
    assert client.put("/api/scenarios/999", json={"scenario": small}).status_code == 404
    assert client.delete("/api/scenarios/999").status_code == 404


def test_bad_update_keeps_the_stored_scenario(client: TestClient, small: dict) -> None:
    sid = client.post("/api/scenarios", json={"scenario": small}).json()["id"]
    r = client.put(f"/api/scenarios/{sid}", json={"scenario": {**small, "base_year": "soon"}})
    assert r.status_code == 422 and r.json()["detail"]["field"] == "scenario.base_year"
    assert client.get(f"/api/scenarios/{sid}").json()["scenario"] == small


def test_validate_returns_members_without_storing(client: TestClient, small: dict) -> None:
    r = client.post("/api/scenarios/validate", json={"scenario": {**small, "members": "EU27"}})
    assert r.status_code == 200
    assert r.json()["members"] == scenario_from_dict({**small, "members": "EU27"}).member_codes()
    assert len(r.json()["members"]) == 27
    assert client.get("/api/scenarios").json() == []


def test_toml_round_trip(client: TestClient, small: dict) -> None:
    text = (
        'name = "nb"\ntitle = "Nordic-Baltic"\nmembers = ["DNK", "EST", "FIN"]\n'
        '[us_commitment]\ndefault = "reduced"\ntanker = 0.25\n[requirements]\npreset = "replace_us"\n'
    )
    r = client.post(
        "/api/scenarios/import",
        files={"file": ("nb.toml", text, "application/toml")},
        data={"decision_rule": "unanimity"},
    )
    assert r.status_code == 201, r.text
    saved = r.json()
    assert saved["decision_rule"] == "unanimity"
    exported = client.get(f"/api/scenarios/{saved['id']}/toml")
    assert exported.status_code == 200
    assert 'filename="nb.toml"' in exported.headers["content-disposition"]
    assert tomllib.loads(exported.text) == tomllib.loads(text)


def test_import_bad_toml_names_file_or_key(client: TestClient, small: dict) -> None:
    r = client.post("/api/scenarios/import", files={"file": ("x.toml", "name = = 1", "text/plain")})
    assert r.status_code == 422 and r.json()["detail"]["field"] == "file"
    bad = 'name = "x"\ntitle = "X"\n[requirements]\npreset = "replace_us"\n[costs]\nbound = "mid"\n'
    r = client.post("/api/scenarios/import", files={"file": ("y.toml", bad, "text/plain")})
    assert r.status_code == 422
    assert r.json()["detail"]["field"] == "scenario.costs.bound"
    assert "y.toml" in r.json()["detail"]["message"]
    assert client.get("/api/scenarios").json() == []


def test_preset_endpoint(client: TestClient, small: dict) -> None:
    r = client.get("/api/presets/replace_us_full")
    assert r.status_code == 200
    body = r.json()["scenario"]
    assert scenario_from_dict(body).name == "replace_us_full"
    assert client.get("/api/presets/nope").status_code == 404
