"""Who gets an identical earlier document from the store, and who gets a new one.

A repeat is served to the same organisation (or, for a token without one, to the same
token), within the same case or outside any case; never across organisations or cases.
"""

from __future__ import annotations

import uuid
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import client_as
from tests.storage.test_case_documents import new_case, one_child_case

BIRTH_FACT = "identity.birth_fact_court_application"


def render(client: FlaskClient, data: dict[str, Any]) -> tuple[str, bool]:
    """Render a DOCX through the API: its document id and whether it came from the store."""
    response = client.post(
        "/api/v1/render",
        json={"template": BIRTH_FACT, "lang": "uk", "format": "docx", "data": data},
    )
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response.headers["X-Document-Id"], response.headers["X-Served-From-Store"] == "true"


def test_a_repeat_is_served_only_to_its_organisation_or_token(
    storage_app: Flask, birth_fact_example: dict[str, Any]
) -> None:
    data = birth_fact_example
    data["court"]["name"] += f" {uuid.uuid4().hex[:8]}"  # no earlier test made this input
    caseworker, colleague = client_as(storage_app, "caseworker"), client_as(storage_app, "admin")
    other_organisation = client_as(storage_app, "other_caseworker")
    system = client_as(storage_app, "system")

    first, reused = render(caseworker, data)
    assert not reused
    assert render(caseworker, data) == (first, True)
    other, reused = render(other_organisation, data)
    assert not reused and other != first
    by_system, reused = render(system, data)
    assert not reused and by_system not in (first, other)
    assert render(system, data) == (by_system, True)
    # The admin token has no organisation either: the system token's document is not its.
    by_admin, reused = render(colleague, data)
    assert not reused and by_admin not in (first, other, by_system)


def test_a_repeat_in_a_case_is_served_from_that_case_only(
    storage_client: FlaskClient, birth_fact_example: dict[str, Any]
) -> None:
    case = new_case(storage_client, one_child_case(birth_fact_example))
    another = new_case(storage_client, one_child_case(birth_fact_example))
    body = {"template": BIRTH_FACT, "lang": "uk", "format": "docx"}

    def make(case_url: str) -> str:
        response = storage_client.post(f"{case_url}/documents", json=body)
        assert response.status_code == 201, response.get_json()
        document_id: str = response.get_json()["id"]
        return document_id

    first = make(case["url"])
    assert make(case["url"]) == first
    assert make(another["url"]) != first
