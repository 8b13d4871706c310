"""The API's packet and packet job take the case page's choice: whom (`child_ids`), and
which documents, by default the ones the chosen children's plans mark ready."""

from __future__ import annotations

import copy
import io
import json
import zipfile
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from service.documents import get_template
from tests.conftest import BIRTH_FACT, client_as
from tests.jobs.helpers import wait_for_job
from tests.readback import pdf_text
from tests.storage.conftest import family_case

ID_CARD = "identity.id_card_application"


@pytest.fixture(scope="module")
def family(app: Flask) -> dict[str, Any]:
    """A son of 15 with a Ukrainian birth certificate, a daughter born under occupation.

    Only the daughter's court application is ready; the son's ID card lacks data.
    """
    data = family_case(copy.deepcopy(get_template(BIRTH_FACT).load_example()))
    son, daughter = data["children"]
    son.update(birth_date="2011-03-14", situation={"documents": ["ua_birth_certificate"]})
    daughter["birth_date"] = "2017-07-02"
    response = client_as(app, "caseworker").post("/api/v1/cases", json={"data": data})
    assert response.status_code == 201
    case: dict[str, Any] = response.get_json()
    return case


def people(case: dict[str, Any]) -> tuple[str, str]:
    """The son's and the daughter's ids."""
    son, daughter = (child["id"] for child in case["data"]["children"])
    return son, daughter


def made(response: Any) -> list[tuple[str, str]]:
    """(template, child id) of each document of a packet."""
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    manifest = json.loads(zipfile.ZipFile(io.BytesIO(response.data)).read("manifest.json"))
    return [(f["template"], f["child_id"]) for f in manifest["files"] if f["template"]]


def test_without_documents_a_packet_holds_the_ready_documents_of_the_chosen_children(
    client: FlaskClient, family: dict[str, Any]
) -> None:
    son, daughter = people(family)
    url = f"{family['url']}/packet"
    everyone = client.post(url, json={"formats": ["pdf"]})
    assert made(everyone) == [(BIRTH_FACT, daughter)], "the son's ID card is not ready"
    archive = zipfile.ZipFile(io.BytesIO(everyone.data))
    assert "Петренко Марія Іванівна народилася" in pdf_text(archive.read("packet.pdf"))
    chosen = client.post(url, json={"child_ids": [daughter], "formats": ["pdf"]})
    assert made(chosen) == [(BIRTH_FACT, daughter)]
    nothing_ready = client.post(url, json={"child_ids": [son]})
    assert nothing_ready.status_code == 422
    problem = nothing_ready.get_json()
    assert list(problem["errors"]) == ["documents"]
    assert problem["errors"]["documents"][0]["en"].startswith(
        "No document of the chosen children is ready"
    )


def test_named_documents_are_made_for_each_chosen_child_whose_plan_lists_them(
    client: FlaskClient, family: dict[str, Any]
) -> None:
    son, _daughter = people(family)
    named = client.post(
        f"{family['url']}/packet", json={"documents": [ID_CARD], "child_ids": [son]}
    )
    assert named.status_code == 422, "named, the son's ID card is tried, and its gaps told"
    assert any(path.startswith(f"{ID_CARD}[{son}]") for path in named.get_json()["errors"])
    unknown = client.post(f"{family['url']}/packet", json={"child_ids": ["nosuchchild"]})
    assert unknown.status_code == 422 and list(unknown.get_json()["errors"]) == ["child_ids"]


def test_a_packet_job_without_documents_renders_the_ready_ones(
    client: FlaskClient, family: dict[str, Any]
) -> None:
    _son, daughter = people(family)
    body = {"kind": "packet", "case_id": family["id"], "formats": ["pdf", "docx"]}
    response = client.post("/api/v1/jobs", json=body)
    assert response.status_code == 202, response.get_data(as_text=True)[:500]
    assert response.get_json()["total"] == 2, "one ready document, in two formats"
    job = wait_for_job(client, response.headers["Location"])
    assert job["state"] == "done" and (job["done"], job["failed"]) == (2, 0), job
    assert {(r["template"], r["child_id"]) for r in job["results"]} == {(BIRTH_FACT, daughter)}
    son, _ = people(family)
    refused = client.post("/api/v1/jobs", json={**body, "child_ids": [son]})
    assert refused.status_code == 422, "refused at once, not as a failed job"
    assert list(refused.get_json()["errors"]) == ["documents"]


def test_the_openapi_document_tells_the_choice(app: Flask) -> None:
    document = client_as(app, "system").get("/api/v1/openapi.json").get_json()
    schemas = document["components"]["schemas"]
    packet = schemas["PacketRequest"]
    assert "documents" not in packet.get("required", [])
    assert "mark ready" in packet["properties"]["documents"]["description"]
    assert "mother" in packet["properties"]["child_ids"]["description"]
    job = schemas["PacketJobRequest"]
    assert job["required"] == ["kind", "case_id"]
    assert "mark ready" in job["properties"]["documents"]["description"]
    operation = document["paths"]["/api/v1/cases/{case_id}/packet"]["post"]
    assert "mark ready" in operation["description"]
