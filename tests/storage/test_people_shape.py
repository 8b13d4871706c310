"""Each person once: the roles point at people; old cases and old clients are brought over.

A case stored before (the mother typed as mother, applicant and legal representative) is
read in the new shape; the API still takes the old shape, and answers a clear 422 where
a change would be ambiguous; documents draw the roles from the person they name.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from service.storage.models import CaseRecord, utc_now

OLD_SEED = Path(__file__).parents[1] / "fixtures" / "seed_family_v1.json"
NEW_SEED = Path(__file__).parents[1] / "fixtures" / "seed_family.json"


def old_family() -> dict[str, Any]:
    """The seed family as cases were stored before: whole persons in the roles."""
    family: dict[str, Any] = json.loads(OLD_SEED.read_text(encoding="utf-8"))
    return family


def store_raw(app: Flask, data: dict[str, Any]) -> str:
    """Store case data as an old release did: encrypted as given, no loader in between."""
    storage = app.extensions["storage"]
    organisation = app.extensions["access"].list_organisations()[0]["id"]
    now = utc_now()
    record = CaseRecord(
        id=uuid.uuid4().hex,
        organisation_id=organisation,
        created_by="old-release",
        created_at=now,
        updated_at=now,
        children_count=len(data["children"]),
        data_encrypted=storage.cipher.encrypt(json.dumps(data, ensure_ascii=False).encode()),
    )
    with storage.database.session() as session:
        session.add(record)
    return record.id


def test_a_case_stored_in_the_old_shape_reads_in_the_new(
    storage_client: FlaskClient, storage_app: Flask
) -> None:
    case_id = store_raw(storage_app, old_family())
    data = storage_client.get(f"/api/v1/cases/{case_id}").get_json()["data"]
    # The mother once, with what was typed of her as applicant and as representative.
    assert data["applicant"] == {"person": "mother"}
    assert data["legal_representative"] == {"person": "mother"}
    assert data["mother"]["address"]["street"] == "вул. Милославська"
    assert data["mother"]["id_document"]["number"] == "002947316"
    assert data["mother"]["pregnant"] is True
    assert "people" not in data
    expected = json.loads(NEW_SEED.read_text(encoding="utf-8"))
    assert {key: data[key] for key in ("mother", "father")} == {
        key: expected[key] for key in ("mother", "father")
    }
    # A change stores the new shape; the plan reads the mother as the applicant.
    changed = storage_client.patch(
        f"/api/v1/cases/{case_id}", json={"data": {"mother": {"phone": "+380931234507"}}}
    )
    assert changed.status_code == 200, changed.get_json()
    assert changed.get_json()["data"]["applicant"] == {"person": "mother"}
    plan = storage_client.get(f"/api/v1/cases/{case_id}/plan").get_json()
    missing = {
        item["field"]
        for person in plan["people"]
        for step in person["steps"]
        for item in step["missing"]
    }
    assert not any(field.startswith("applicant.") for field in missing), missing


def test_the_api_takes_the_old_shape(storage_client: FlaskClient) -> None:
    response = storage_client.post("/api/v1/cases", json={"data": old_family()})
    assert response.status_code == 201, response.get_json()
    data = response.get_json()["data"]
    assert data["applicant"] == {"person": "mother"}
    # A grandmother who applies, in the old shape, becomes one of people.
    grandmother = {
        "surname": "Мельник",
        "given_name": "Галина",
        "sex": "female",
        "birth_date": "1960-05-01",
        "relation": "grandparent",
        "address": {"settlement": "м. Київ"},
    }
    family = {**old_family(), "applicant": grandmother}
    data = storage_client.post("/api/v1/cases", json={"data": family}).get_json()["data"]
    assert data["applicant"] == {"person": "person1"}
    person = data["people"][0]
    assert person["id"] == "person1" and person["relation"] == "grandparent"
    assert (person["surname"], person["address"]["settlement"]) == ("Мельник", "м. Київ")
    assert data["legal_representative"] == {"person": "mother"}


def test_a_role_names_a_person_of_the_case(storage_client: FlaskClient) -> None:
    created = storage_client.post("/api/v1/cases", json={"data": old_family()}).get_json()
    url = created["url"]
    # Details beside a reference would be ambiguous (whose phone?): a clear 422.
    response = storage_client.patch(url, json={"data": {"applicant": {"phone": "+380931234507"}}})
    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["data.applicant"]
    assert "person null" in response.get_json()["errors"]["data.applicant"][0]["en"]
    # A person the case does not have.
    response = storage_client.patch(url, json={"data": {"applicant": {"person": "nobody1"}}})
    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["data.applicant.person"]
    # Someone else, said as the message says: person null with the new person's details.
    escort = {"person": None, "surname": "Бойко", "given_name": "Ігор", "relation": "not_related"}
    response = storage_client.patch(url, json={"data": {"applicant": escort}})
    assert response.status_code == 200, response.get_json().get("errors")
    data = response.get_json()["data"]
    assert data["applicant"] == {"person": "person1"}
    assert data["people"][0]["surname"] == "Бойко"
    assert data["mother"]["surname"] == "Коваленко"


def test_erasing_a_role_erases_the_person_it_names(
    storage_admin: FlaskClient, storage_client: FlaskClient
) -> None:
    created = storage_client.post("/api/v1/cases", json={"data": old_family()}).get_json()
    response = storage_admin.delete(
        f"/api/v1/cases/{created['id']}/people/applicant?reason=request_of_person"
    )
    assert response.status_code == 200, response.get_json()
    data = storage_client.get(created["url"]).get_json()["data"]
    # The applicant was the mother: she goes, and no role names her any more.
    assert "mother" not in data and "applicant" not in data
    assert "legal_representative" not in data
    assert "Оксана" not in json.dumps(data, ensure_ascii=False)
