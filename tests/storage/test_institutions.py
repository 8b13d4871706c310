"""The directory of institutions through the API, on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from service.storage.audit import list_events
from tests.conftest import client_as

COURT = {
    "kind": "court",
    "name": "Шевченківський районний суд міста Києва",
    "address": {"settlement": "м. Київ", "street": "вул. Дегтярівська", "building": "31А"},
}


def create(client: FlaskClient, body: dict[str, Any]) -> dict[str, Any]:
    response = client.post("/api/v1/institutions", json=body)
    assert response.status_code == 201, response.get_json()
    created: dict[str, Any] = response.get_json()
    assert response.headers["Location"] == f"/api/v1/institutions/{created['id']}"
    return created


def test_create_read_and_the_forms_documents_print(storage_client: FlaskClient) -> None:
    created = create(storage_client, {**COURT, "name_dative": "Шевченківському суду"})
    read = storage_client.get(created["url"]).get_json()
    assert read["name"] == COURT["name"]
    assert read["address"]["settlement"] == "м. Київ"
    # the correction is printed; the derived form is shown beside it
    assert read["forms"]["dative"] == "Шевченківському суду"
    assert read["derived"]["uk"] == COURT["name"]
    assert read["forms"]["genitive"] == read["derived"]["genitive"]
    assert set(read["forms"]) == {"uk", "dative", "genitive", "en"}
    assert isinstance(read["needs_review"], bool)


def test_fully_corrected_forms_need_no_review(storage_client: FlaskClient) -> None:
    created = create(
        storage_client,
        {
            **COURT,
            "name_dative": "Шевченківському районному суду міста Києва",
            "name_genitive": "Шевченківського районного суду міста Києва",
            "name_en": "Shevchenkivskyi District Court of Kyiv City",
        },
    )
    assert created["needs_review"] is False
    assert created["forms"]["en"] == "Shevchenkivskyi District Court of Kyiv City"


def test_list_searches_names_in_any_case_and_filters_by_kind(
    storage_app: Flask, storage_client: FlaskClient
) -> None:
    marker = "Тестовий"
    create(storage_client, {"kind": "civil_registry", "name": f"{marker} відділ ДРАЦС"})
    create(storage_client, {"kind": "court", "name": f"{marker} районний суд"})
    create(
        storage_client, {"kind": "admin_service_centre", "name": f"ЦНАП {marker.lower()}ої громади"}
    )
    found = storage_client.get("/api/v1/institutions?q=тестов").get_json()
    assert found["total"] == 3
    assert [i["name"] for i in found["institutions"]] == sorted(
        i["name"] for i in found["institutions"]
    )
    courts = storage_client.get("/api/v1/institutions?q=ТЕСТОВ&kind=court").get_json()
    assert [i["name"] for i in courts["institutions"]] == [f"{marker} районний суд"]
    page = storage_client.get("/api/v1/institutions?q=тестов&per_page=2&page=2").get_json()
    assert (page["page"], page["per_page"], page["total"], len(page["institutions"])) == (
        2,
        2,
        3,
        1,
    )
    # another organisation sees none of them
    other = client_as(storage_app, "other_caseworker")
    assert other.get("/api/v1/institutions?q=тестов").get_json()["total"] == 0
    bad = storage_client.get("/api/v1/institutions?kind=embassy")
    assert bad.status_code == 422 and list(bad.get_json()["errors"]) == ["kind"]


def test_patch_changes_and_null_clears_a_correction(
    storage_app: Flask, storage_client: FlaskClient
) -> None:
    created = create(storage_client, {**COURT, "name_genitive": "Виправлений родовий"})
    response = storage_client.patch(
        created["url"],
        json={"name_genitive": None, "name_en": "Corrected English", "address": None},
    )
    assert response.status_code == 200, response.get_json()
    changed = response.get_json()
    assert changed["name_genitive"] is None
    assert changed["forms"]["genitive"] == changed["derived"]["genitive"]
    assert changed["forms"]["en"] == "Corrected English"
    assert changed["address"] is None
    assert changed["name"] == COURT["name"]
    with storage_app.extensions["storage"].database.session() as session:
        events = [
            e
            for e in list_events(session, limit=100000)
            if e["details"].get("institution_id") == created["id"]
        ]
    assert [e["action"] for e in events] == ["institution_created", "institution_changed"]
    # ids only: no name in the audit trail
    assert all(COURT["name"] not in str(e) for e in events)


def test_invalid_fields_are_named_in_both_languages(storage_client: FlaskClient) -> None:
    response = storage_client.post(
        "/api/v1/institutions",
        json={"kind": "embassy", "name": "x" * 301, "colour": "red", "address": {"street": "1"}},
    )
    assert response.status_code == 422
    assert response.headers["Content-Type"] == "application/problem+json"
    errors = response.get_json()["errors"]
    assert set(errors) == {"kind", "name", "colour", "address.settlement"}
    assert set(errors["colour"][0]) == {"uk", "en"}
    created = create(storage_client, COURT)
    patched = storage_client.patch(created["url"], json={"name": None, "nickname": "x"})
    assert patched.status_code == 422
    assert set(patched.get_json()["errors"]) == {"name", "nickname"}


def test_another_organisation_gets_404(storage_app: Flask, storage_client: FlaskClient) -> None:
    created = create(storage_client, COURT)
    other = client_as(storage_app, "other_caseworker")
    assert other.get(created["url"]).status_code == 404
    assert other.patch(created["url"], json={"name": "Чужий"}).status_code == 404
    assert other.get(created["url"]).get_json()["type"] == "/problems/institution-not-found"
    # the admin sees every organisation's institutions
    assert client_as(storage_app, "admin").get(created["url"]).status_code == 200


@pytest.mark.parametrize("role", ["partner", "system"])
def test_partner_and_system_tokens_are_refused(storage_app: Flask, role: str) -> None:
    client = client_as(storage_app, role)
    assert client.get("/api/v1/institutions").status_code == 403
    assert client.post("/api/v1/institutions", json=COURT).status_code == 403
    assert client_as(storage_app, None).get("/api/v1/institutions").status_code == 401


def test_an_admin_names_the_organisation(storage_app: Flask) -> None:
    admin = client_as(storage_app, "admin")
    missing = admin.post("/api/v1/institutions", json=COURT)
    assert missing.status_code == 422 and list(missing.get_json()["errors"]) == ["organisation_id"]
    organisation = storage_app.extensions["access"].list_organisations()[1]["id"]
    created = create(admin, {**COURT, "organisation_id": organisation})
    assert created["organisation_id"] == organisation
    other = client_as(storage_app, "other_caseworker")
    assert other.get(created["url"]).status_code == 200


def test_a_caseworker_adds_to_their_own_organisation_only(
    storage_app: Flask, storage_client: FlaskClient
) -> None:
    theirs = storage_app.extensions["access"].list_organisations()[1]["id"]
    response = storage_client.post(
        "/api/v1/institutions", json={**COURT, "organisation_id": theirs}
    )
    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["organisation_id"]
