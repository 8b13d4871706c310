"""The stored plan of a case on SQLite and PostgreSQL, through the API: rewritten with the
case, progress kept, a document issued for a step makes it prepared; step changes; the
caseload; what a decided step gives the next document; the seed family."""

from __future__ import annotations

import copy
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from service.storage.audit import list_events
from service.storage.models import PlanStepRecord
from tests.conftest import client_as
from tests.readback import pdf_text
from tests.storage.conftest import family_case

BIRTH_FACT = "identity.birth_fact_court_application"
BIRTH_REGISTRATION = "identity.birth_registration_application"
SEED = Path(__file__).parents[1] / "fixtures" / "seed_family.json"
TOT = {
    "documents": ["occupation_birth_certificate"],
    "with": "parent",
    "idp_registered": True,
}


def born_in_tot(data: dict[str, Any]) -> dict[str, Any]:
    """The family's first child born on the occupied territory with the occupiers' paper."""
    data = copy.deepcopy(data)
    data["children"][0]["situation"] = dict(TOT)
    data["children"][1]["situation"] = {
        "idp_registered": True,
        "documents": ["ua_birth_certificate"],
        "with": "parent",
    }
    return data


def create(client: FlaskClient, data: dict[str, Any]) -> dict[str, Any]:
    response = client.post("/api/v1/cases", json={"data": data})
    assert response.status_code == 201, response.get_json()
    body: dict[str, Any] = response.get_json()
    return body


def plan_of(client: FlaskClient, case_id: str) -> dict[str, Any]:
    response = client.get(f"/api/v1/cases/{case_id}/plan")
    assert response.status_code == 200, response.get_json()
    body: dict[str, Any] = response.get_json()
    return body


def steps_of(plan: dict[str, Any], person: str) -> dict[str, dict[str, Any]]:
    for entry in plan["people"]:
        if entry["person"] == person:
            return {step["rule"]: step for step in entry["steps"]}
    return {}


def stored_rows(app: Flask, case_id: str) -> dict[str, PlanStepRecord]:
    with app.extensions["storage"].database.session() as session:
        rows = session.scalars(select(PlanStepRecord).where(PlanStepRecord.case_id == case_id))
        return {row.step_key: row for row in rows}


def patch_step(client: FlaskClient, case_id: str, key: str, body: Any) -> Any:
    return client.patch(f"/api/v1/cases/{case_id}/plan/steps/{key}", json=body)


def test_the_plan_is_stored_and_rewritten_with_the_case(
    storage_app: Flask, storage_client: FlaskClient, birth_fact_example: dict[str, Any]
) -> None:
    case = create(storage_client, born_in_tot(family_case(birth_fact_example)))
    first = case["data"]["children"][0]["id"]
    mine = steps_of(plan_of(storage_client, case["id"]), first)
    assert mine["birth_fact"]["template"] == BIRTH_FACT
    assert mine["birth_fact"]["ready"] is True and mine["birth_fact"]["missing"] == []
    assert mine["birth_registration"]["after"] == [f"{first}.birth_fact"]
    assert mine["birth_registration"]["ready"] is False
    rows = stored_rows(storage_app, case["id"])
    assert rows[f"{first}.birth_fact"].is_next is True
    assert rows[f"{first}.birth_fact"].progress_encrypted is None
    # the document data loses its court: the stored plan names what is missing
    response = storage_client.patch(
        case["url"], json={"data": {"template_data": {BIRTH_FACT: {"court": None}}}}
    )
    assert response.status_code == 200
    mine = steps_of(plan_of(storage_client, case["id"]), first)
    assert mine["birth_fact"]["ready"] is False
    assert "court" in [item["field"] for item in mine["birth_fact"]["missing"]]
    assert set(mine["birth_fact"]["missing"][0]["messages"]) == {"uk", "en"}
    assert stored_rows(storage_app, case["id"])[f"{first}.birth_fact"].missing == ["court"]


def test_a_court_from_the_directory_counts_as_filled_in(
    storage_client: FlaskClient, birth_fact_example: dict[str, Any]
) -> None:
    court = storage_client.post(
        "/api/v1/institutions",
        json={"kind": "court", "name": "Шевченківський районний суд міста Києва"},
    )
    assert court.status_code == 201, court.get_json()
    data = born_in_tot(family_case(birth_fact_example))
    data["template_data"][BIRTH_FACT]["court"] = {"institution_id": court.get_json()["id"]}
    case = create(storage_client, data)
    first = case["data"]["children"][0]["id"]
    mine = steps_of(plan_of(storage_client, case["id"]), first)
    assert mine["birth_fact"]["missing"] == []
    assert mine["birth_fact"]["ready"] is True


def test_progress_is_kept_when_a_step_stops_applying(
    storage_app: Flask, storage_client: FlaskClient, birth_fact_example: dict[str, Any]
) -> None:
    case = create(storage_client, born_in_tot(family_case(birth_fact_example)))
    first = case["data"]["children"][0]["id"]
    key = f"{first}.birth_fact"
    filed = {"status": "filed", "filed": {"date": "2026-11-20", "where": "Суд"}}
    assert patch_step(storage_client, case["id"], key, filed).status_code == 200
    rows = stored_rows(storage_app, case["id"])
    assert rows[key].status == "filed"
    assert b"2026-11-20" not in rows[key].progress_encrypted  # encrypted at rest
    # a Ukrainian certificate after all: the rule no longer applies, the filed step stays
    children = copy.deepcopy(case["data"]["children"])
    children[0]["situation"] = {**TOT, "documents": ["ua_birth_certificate"]}
    response = storage_client.patch(case["url"], json={"data": {"children": children}})
    assert response.status_code == 200
    mine = steps_of(plan_of(storage_client, case["id"]), first)
    assert mine["birth_fact"]["applies"] is False
    assert mine["birth_fact"]["status"] == "filed"
    assert mine["birth_fact"]["filed"]["date"] == "2026-11-20"
    assert "birth_registration" not in mine  # nothing recorded of it: removed
    assert f"{first}.birth_registration" not in stored_rows(storage_app, case["id"])


def test_a_document_issued_for_a_pending_step_makes_it_prepared(
    storage_client: FlaskClient, birth_fact_example: dict[str, Any]
) -> None:
    case = create(storage_client, born_in_tot(family_case(birth_fact_example)))
    first = case["data"]["children"][0]["id"]
    response = storage_client.post(
        f"/api/v1/cases/{case['id']}/documents",
        json={"template": BIRTH_FACT, "child_id": first, "format": "docx"},
    )
    assert response.status_code == 201, response.get_json()
    mine = steps_of(plan_of(storage_client, case["id"]), first)
    assert mine["birth_fact"]["status"] == "prepared"
    assert mine["birth_fact"]["document_ids"] == [response.get_json()["id"]]


def test_step_changes_forward_backwards_and_without_a_date(
    storage_app: Flask, storage_client: FlaskClient, birth_fact_example: dict[str, Any]
) -> None:
    case = create(storage_client, born_in_tot(family_case(birth_fact_example)))
    key = f"{case['data']['children'][0]['id']}.birth_fact"
    response = patch_step(storage_client, case["id"], key, {"status": "filed"})
    assert response.status_code == 422
    assert "filed.date" in response.get_json()["errors"]
    ok = patch_step(
        storage_client,
        case["id"],
        key,
        {"status": "filed", "filed": {"date": "2026-11-20", "where": "Суд", "reference": "1"}},
    )
    assert ok.status_code == 200, ok.get_json()
    response = patch_step(storage_client, case["id"], key, {"status": "pending"})
    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["status"]
    assert patch_step(storage_client, case["id"], "nobody.birth_fact", {}).status_code == 404
    other = client_as(storage_app, "other_caseworker")
    assert patch_step(other, case["id"], key, {"status": "decided"}).status_code == 404
    assert other.get(f"/api/v1/cases/{case['id']}/plan").status_code == 404
    for role in ("partner", "system"):
        assert patch_step(client_as(storage_app, role), case["id"], key, {}).status_code == 403
    with storage_app.extensions["storage"].database.session() as session:
        events = list_events(session, case_id=case["id"])
    changed = [event for event in events if event["action"] == "plan_step_changed"]
    assert changed == [
        {**changed[0], "details": {"step": key, "status": "filed"}}
    ]  # ids only: no place, no reference


def test_a_decided_birth_fact_goes_into_the_birth_registration(
    storage_client: FlaskClient, birth_fact_example: dict[str, Any]
) -> None:
    data = born_in_tot(family_case(birth_fact_example))
    data["applicant"]["id_document"] = {
        "kind": "id_card",
        "number": "004578123",
        "issued_by": "8031",
        "issue_date": "2020-06-17",
    }
    data["template_data"][BIRTH_REGISTRATION] = {
        "registry_office": {"name": "Шевченківський відділ ДРАЦС у місті Києві"},
        "father_basis": "marriage",
    }
    case = create(storage_client, data)
    first = case["data"]["children"][0]["id"]
    key = f"{first}.birth_fact"
    decided = {
        "status": "decided",
        "filed": {"date": "2026-10-01", "where": "Суд"},
        "decided": {
            "date": "2026-11-02",
            "number": "2-о/761/77/26",
            "outcome": "granted",
            "court": {"name": "Шевченківський районний суд міста Києва"},
            "case_number": "761/4411/26",
        },
    }
    response = patch_step(storage_client, case["id"], key, decided)
    assert response.status_code == 200, response.get_json()
    registration = steps_of(response.get_json(), first)["birth_registration"]
    missing = [item["field"] for item in registration["missing"]]
    assert not any(path.startswith("court_decision") for path in missing), missing
    assert registration["ready"] is True, missing
    response = storage_client.post(
        f"/api/v1/cases/{case['id']}/documents",
        json={"template": BIRTH_REGISTRATION, "child_id": first, "format": "pdf"},
    )
    assert response.status_code == 201, response.get_json()
    content = storage_client.get(response.get_json()["download_url"]).data
    text = pdf_text(content)
    assert "761/4411/26" in text


def test_caseload_next_steps_overdue_first_filtered_and_paged(
    storage_app: Flask, storage_client: FlaskClient, birth_fact_example: dict[str, Any]
) -> None:
    storage = storage_app.extensions["storage"]
    with storage.database.session() as session:  # a clean caseload for this test
        session.query(PlanStepRecord).delete()
    today = date.today()
    data = born_in_tot(family_case(birth_fact_example))
    # The status decision is due 30 days after the application (the ID card, once "due a
    # month after the 14th birthday", has no legal term and is never overdue).
    data["children"][1]["situation"] = {
        "documents": ["ua_birth_certificate"],
        "idp_registered": True,
        "circumstances": ["deportation"],
    }
    case = create(storage_client, data)
    second = case["data"]["children"][1]["id"]
    sixty_days_ago = (today - timedelta(days=60)).isoformat()
    filed = {
        "status": "filed",
        "filed": {"date": sixty_days_ago, "where": "Служба у справах дітей"},
    }
    response = patch_step(storage_client, case["id"], f"{second}.war_affected_status", filed)
    assert response.status_code == 200, response.get_json()
    body = storage_client.get("/api/v1/plan?per_page=100").get_json()
    keys = [item["key"] for item in body["items"]]
    assert body["total"] == len(keys) >= 2
    assert all(item["case_id"] == case["id"] for item in body["items"])
    overdue = [item for item in body["items"] if item["overdue"]]
    assert overdue and body["items"][: len(overdue)] == overdue  # overdue first
    assert len({item["person"] for item in body["items"]}) == len(keys)  # one per person
    only = storage_client.get("/api/v1/plan?status=overdue").get_json()
    assert [item["key"] for item in only["items"]] == [item["key"] for item in overdue]
    filtered = storage_client.get(f"/api/v1/plan?template={BIRTH_FACT}").get_json()
    assert {item["template"] for item in filtered["items"]} == {BIRTH_FACT}
    page = storage_client.get("/api/v1/plan?per_page=1&page=2").get_json()
    assert page["total"] == body["total"] and page["items"] == body["items"][1:2]
    assert storage_client.get("/api/v1/plan?status=late").status_code == 422
    other = client_as(storage_app, "other_caseworker").get("/api/v1/plan").get_json()
    assert other["total"] == 0


def test_the_seed_family_through_the_api(storage_client: FlaskClient) -> None:
    seed = json.loads(SEED.read_text(encoding="utf-8"))
    case = create(storage_client, seed)
    plan = plan_of(storage_client, case["id"])
    people = {entry["person"]: entry for entry in plan["people"]}
    assert set(people) >= {child["id"] for child in seed["children"] if child.get("situation")}
    assert "mother" in people  # the pregnant mother gets her prenatal step
    rules = {step["rule"] for entry in plan["people"] for step in entry["steps"]}
    assert {"birth_fact", "birth_registration", "idp_registration"} <= rules
    assert all(
        step["key"] == f"{entry['person']}.{step['rule']}"
        for entry in plan["people"]
        for step in entry["steps"]
    )
    caseload = storage_client.get("/api/v1/plan?per_page=100").get_json()
    mine = [item for item in caseload["items"] if item["case_id"] == case["id"]]
    assert {item["person"] for item in mine} == set(people)
