"""The catalog and the OpenAPI document."""

from __future__ import annotations

from flask.testing import FlaskClient
from openapi_spec_validator import validate

from tests.conftest import BIRTH_FACT


def test_templates_lists_the_court_application(client: FlaskClient) -> None:
    response = client.get("/api/v1/templates")
    assert response.status_code == 200
    templates = response.get_json()["templates"]
    entry = next(item for item in templates if item["id"] == BIRTH_FACT)
    assert entry["title"]["uk"].startswith("Заява про встановлення факту народження")
    assert entry["title"]["en"].startswith("Application to establish the fact of birth")
    assert entry["languages"] == ["uk", "en", "uk-en"]
    assert entry["formats"] == ["pdf", "docx"]
    assert entry["version"]


def test_template_detail_has_schema_and_an_example_that_validates(client: FlaskClient) -> None:
    detail = client.get(f"/api/v1/templates/{BIRTH_FACT}").get_json()
    schema = detail["schema"]
    assert schema["$schema"].endswith("2020-12/schema")
    assert {"court", "applicant", "child", "evidence"} <= set(schema["required"])
    child_ref = schema["properties"]["child"]["$ref"].split("/")[-1]
    assert "birth_place" in schema["$defs"][child_ref]["properties"]
    response = client.post(
        "/api/v1/validate", json={"template": BIRTH_FACT, "data": detail["example"]}
    )
    assert response.status_code == 200


def test_openapi_document_is_valid_3_1(client: FlaskClient) -> None:
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"] == "3.1.0"
    validate(document)
    assert "/api/v1/render" in document["paths"]
    assert "BirthFactCourtApplication" in document["components"]["schemas"]
    person = document["components"]["schemas"]["Child"]["properties"]
    assert person["sex"]["enum"] == ["male", "female"]
