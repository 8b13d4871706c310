"""Organisations given by reference (`{"institution_id": ...}`) in documents' data."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from service.documents.references import resolve_institution_references
from service.errors import DataValidationError
from tests.conftest import BIRTH_FACT, client_as
from tests.readback import docx_text, normalise_space
from tests.storage.conftest import family_case

COURT_NAME = "Печерський районний суд міста Києва"


def add_court(client: FlaskClient, **fields: Any) -> dict[str, Any]:
    body = {
        "kind": "court",
        "name": COURT_NAME,
        "address": {"settlement": "м. Київ", "street": "вул. Володимирська", "building": "15"},
        **fields,
    }
    response = client.post("/api/v1/institutions", json=body)
    assert response.status_code == 201, response.get_json()
    created: dict[str, Any] = response.get_json()
    return created


# The resolver itself: a pure function over JSON.

DIRECTORY = {
    "a1": {"name": "Суд А", "name_en": "Court A", "address": {"settlement": "м. Київ"}},
    "b2": {"name": "Служба Б"},
}


def test_a_reference_alone_becomes_the_institution_wherever_it_is() -> None:
    data = {
        "court": {"institution_id": "a1"},
        "court_decision": {"court": {"institution_id": "b2"}, "number": "1"},
        "list": [{"organisation": {"institution_id": "a1"}}],
        "child": {"surname": "Ткач"},
    }
    resolved = resolve_institution_references(data, DIRECTORY.get)
    assert resolved["court"] == {"institution_id": "a1", **DIRECTORY["a1"]}
    assert resolved["court_decision"] == {
        "court": {"institution_id": "b2", "name": "Служба Б"},
        "number": "1",
    }
    assert resolved["list"][0]["organisation"]["name"] == "Суд А"
    assert resolved["child"] == {"surname": "Ткач"}
    assert data["court"] == {"institution_id": "a1"}  # the input is left as it was


def test_an_organisation_typed_beside_its_id_is_kept_as_typed() -> None:
    typed = {"court": {"institution_id": "a1", "name": "Інший суд"}}
    assert resolve_institution_references(typed, DIRECTORY.get) == typed


def test_every_unknown_id_is_named_by_its_path() -> None:
    data = {"court": {"institution_id": "zz"}, "items": [{"facility": {"institution_id": "yy"}}]}
    with pytest.raises(DataValidationError) as raised:
        resolve_institution_references(data, DIRECTORY.get)
    assert set(raised.value.errors) == {"court.institution_id", "items.0.facility.institution_id"}


# Through the API and the pipeline.


def test_a_render_prints_the_institution_of_the_directory(
    storage_client: FlaskClient, birth_fact_example: dict[str, Any]
) -> None:
    court = add_court(
        storage_client, name_dative="Печерському районному суду м. Києва (виправлено)"
    )
    birth_fact_example["court"] = {"institution_id": court["id"]}
    body = {"template": BIRTH_FACT, "lang": "uk", "format": "docx", "data": birth_fact_example}
    response = storage_client.post("/api/v1/render", json=body)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    text = normalise_space(docx_text(response.data))
    assert f"Суд: {COURT_NAME} вул. Володимирська, 15, м. Київ" in text
    preview = storage_client.post("/api/v1/render", json={**body, "format": "html"})
    assert COURT_NAME in preview.get_data(as_text=True)
    valid = storage_client.post("/api/v1/validate", json=body)
    assert valid.status_code == 200 and valid.get_json()["valid"] is True


@pytest.mark.parametrize("client_role", ["caseworker", "other_caseworker"])
def test_an_unknown_id_is_a_422_naming_the_field(
    storage_app: Flask,
    storage_client: FlaskClient,
    birth_fact_example: dict[str, Any],
    client_role: str,
) -> None:
    ours = add_court(storage_client)
    # another organisation's institution is as unknown as an id that never existed
    unknown = ours["id"] if client_role == "other_caseworker" else "0" * 32
    birth_fact_example["court"] = {"institution_id": unknown}
    body = {"template": BIRTH_FACT, "lang": "uk", "format": "pdf", "data": birth_fact_example}
    response = client_as(storage_app, client_role).post("/api/v1/render", json=body)
    assert response.status_code == 422
    errors = response.get_json()["errors"]
    assert list(errors) == ["court.institution_id"]
    message = errors["court.institution_id"][0]
    assert set(message) == {"uk", "en"} and message["uk"] != message["en"]


def test_a_system_token_has_no_directory(
    storage_app: Flask, storage_client: FlaskClient, birth_fact_example: dict[str, Any]
) -> None:
    court = add_court(storage_client)
    birth_fact_example["court"] = {"institution_id": court["id"]}
    body = {"template": BIRTH_FACT, "lang": "uk", "format": "docx", "data": birth_fact_example}
    response = client_as(storage_app, "system").post("/api/v1/validate", json=body)
    assert response.status_code == 422
    assert "court.name" in response.get_json()["errors"]


def test_documents_from_a_case_follow_the_directory(
    storage_client: FlaskClient, birth_fact_example: dict[str, Any]
) -> None:
    court = add_court(storage_client)
    data = family_case(birth_fact_example)
    data["template_data"][BIRTH_FACT]["court"] = {"institution_id": court["id"]}
    case = storage_client.post("/api/v1/cases", json={"data": data}).get_json()
    child_id = case["data"]["children"][0]["id"]
    request = {"template": BIRTH_FACT, "lang": "uk", "format": "docx", "child_id": child_id}

    def document_text() -> str:
        made = storage_client.post(f"{case['url']}/documents", json=request)
        assert made.status_code == 201, made.get_json()
        file = storage_client.get(made.get_json()["download_url"])
        return normalise_space(docx_text(file.data))

    assert "вул. Володимирська" in document_text()
    # a change in the directory reaches the next document (not the stored one again)
    renamed = "Печерський районний суд міста Києва (виправлено в довіднику)"
    storage_client.patch(court["url"], json={"name": renamed})
    assert renamed in document_text()
    # the request's data may name another institution by reference
    other = add_court(storage_client, name="Оболонський районний суд міста Києва")
    request["data"] = {"court": {"institution_id": other["id"]}}
    made = storage_client.post(f"{case['url']}/documents", json=request)
    text = normalise_space(docx_text(storage_client.get(made.get_json()["download_url"]).data))
    assert "Оболонськ" in text and renamed not in text
    # and a packet resolves them as well
    packet = storage_client.post(
        f"{case['url']}/packet",
        json={"documents": [BIRTH_FACT], "langs": ["uk"], "formats": ["docx"]},
    )
    assert packet.status_code == 200, packet.get_data(as_text=True)[:300]
    with zipfile.ZipFile(io.BytesIO(packet.data)) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        first = archive.read(manifest["files"][0]["path"])
    assert renamed in normalise_space(docx_text(first))


def test_a_case_naming_an_unknown_institution_says_which_field(
    storage_client: FlaskClient, birth_fact_example: dict[str, Any]
) -> None:
    data = family_case(birth_fact_example)
    data["template_data"][BIRTH_FACT]["court"] = {"institution_id": "f" * 32}
    case = storage_client.post("/api/v1/cases", json={"data": data}).get_json()
    child_id = case["data"]["children"][0]["id"]
    made = storage_client.post(
        f"{case['url']}/documents",
        json={"template": BIRTH_FACT, "lang": "uk", "format": "docx", "child_id": child_id},
    )
    assert made.status_code == 422
    assert list(made.get_json()["errors"]) == ["court.institution_id"]
