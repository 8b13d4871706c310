"""The OpenAPI document is generated from the views, and says what the server enforces."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from service.access.limits import UNLIMITED_PATHS
from service.api.contract import contract_of
from service.api.openapi import NOT_RATE_LIMITED, build_openapi
from service.documents import get_template, list_templates
from service.documents.describe import schema_name_resolver
from tests.api.test_render_api import assert_problem
from tests.conftest import BIRTH_FACT, client_as

PROBLEM = "application/problem+json"
PAGES = ("/verify/", "/shared/")


@pytest.fixture(scope="module")
def document(app: Flask) -> dict[str, Any]:
    """The application's document, as served."""
    served: dict[str, Any] = client_as(app, "system").get("/api/v1/openapi.json").get_json()
    return served


def validator(document: dict[str, Any], component: str) -> Draft202012Validator:
    """A JSON Schema validator of one component of the document."""
    resource = Resource.from_contents(document, default_specification=DRAFT202012)
    registry: Registry[Any] = Registry().with_resource("urn:api", resource)
    return Draft202012Validator(
        {"$ref": f"urn:api#/components/schemas/{component}"}, registry=registry
    )


def test_every_api_route_declares_its_contract(app: Flask, document: dict[str, Any]) -> None:
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith(("api.", "health.")):
            assert contract_of(app.view_functions[rule.endpoint]), rule.rule
    assert len(document["paths"]) >= 30
    assert document == build_openapi(app)


def test_render_and_validate_take_one_template_data_schema_each(document: dict[str, Any]) -> None:
    schemas = document["components"]["schemas"]
    for path in ("/api/v1/render", "/api/v1/validate"):
        body = document["paths"][path]["post"]["requestBody"]["content"]["application/json"]
        assert body["schema"] == {"$ref": "#/components/schemas/RenderRequest"}
    request = schemas["RenderRequest"]
    assert request["discriminator"]["propertyName"] == "template"
    assert set(request["discriminator"]["mapping"]) == {spec.id for spec in list_templates()}
    assert len(request["oneOf"]) == len(list_templates())
    variant = schemas[request["discriminator"]["mapping"][BIRTH_FACT].rsplit("/", 1)[1]]
    assert variant["properties"]["template"]["const"] == BIRTH_FACT
    data_name = schema_name_resolver(get_template(BIRTH_FACT).schema)
    assert variant["properties"]["data"]["$ref"] == f"#/components/schemas/{data_name}"
    assert variant["additionalProperties"] is False
    assert {"template", "data"} <= set(variant["required"])
    assert schemas[data_name]["additionalProperties"] is False


@pytest.mark.parametrize("template", [spec.id for spec in list_templates()])
def test_each_example_fits_the_document_and_an_unknown_key_does_not(
    document: dict[str, Any], template: str
) -> None:
    check = validator(document, "RenderRequest")
    request = {"template": template, "lang": "uk", "data": get_template(template).load_example()}
    assert not list(check.iter_errors(request))
    request["data"]["nickname"] = "x"
    assert list(check.iter_errors(request))


def test_the_limits_the_server_enforces_are_in_the_document(document: dict[str, Any]) -> None:
    def query(path: str) -> dict[str, Any]:
        parameters = document["paths"][path]["get"]["parameters"]
        return {item["name"]: item["schema"] for item in parameters if item["in"] == "query"}

    for path in ("/api/v1/cases", "/api/v1/institutions", "/api/v1/plan", "/api/v1/shared"):
        assert query(path)["page"]["maximum"] == 100000, path
        assert query(path)["per_page"]["maximum"] == 100, path
    assert query("/api/v1/cases")["surname"] == {"type": "string", "maxLength": 100}
    assert query("/api/v1/audit")["offset"]["maximum"] == 1_000_000_000
    schemas = document["components"]["schemas"]
    assert schemas["CaseDraft"]["properties"]["children"]["maxItems"] == 20
    assert schemas["CaseDraft"]["additionalProperties"] is False
    assert "required" not in schemas["CaseDraft"] and "required" not in schemas["CaseChildDraft"]


def test_a_packet_job_without_case_id_breaks_the_document_and_the_server_says_so(
    app: Flask, document: dict[str, Any]
) -> None:
    packet = {"kind": "packet", "documents": [BIRTH_FACT]}
    assert list(validator(document, "JobRequest").iter_errors(packet))
    assert not list(validator(document, "JobRequest").iter_errors({**packet, "case_id": "x"}))
    response = client_as(app, "caseworker").post("/api/v1/jobs", json=packet)
    problem = assert_problem(response, 422)
    assert problem["type"] == "/problems/validation-error"
    assert set(problem["errors"]) == {"case_id"}


def patterns_in(node: Any) -> Iterator[str]:
    """Every `pattern` the document states, at any depth."""
    if isinstance(node, dict):
        if isinstance(node.get("pattern"), str):
            yield node["pattern"]
        for value in node.values():
            yield from patterns_in(value)
    elif isinstance(node, list):
        for item in node:
            yield from patterns_in(item)


def test_an_empty_string_fits_no_pattern_and_the_server_refuses_it_too(
    client: FlaskClient, document: dict[str, Any], birth_fact_example: dict[str, Any]
) -> None:
    patterns = set(patterns_in(document))
    assert len(patterns) >= 8
    assert not [pattern for pattern in patterns if re.search(pattern, "")]
    data = copy.deepcopy(birth_fact_example)
    data["child"]["birth_place"]["katottg"] = ""
    request = {"template": BIRTH_FACT, "data": data}
    assert list(validator(document, "RenderRequest").iter_errors(request))
    problem = assert_problem(client.post("/api/v1/validate", json=request), 422)
    assert set(problem["errors"]) == {"child.birth_place.katottg"}
    data["child"]["birth_place"]["katottg"] = None
    assert not list(validator(document, "RenderRequest").iter_errors(request))
    assert client.post("/api/v1/validate", json=request).status_code == 200


def test_a_case_patch_may_remove_fields_with_null(document: dict[str, Any]) -> None:
    patch = validator(document, "CasePatch")
    assert not list(patch.iter_errors({"data": {"father": None, "mother": {"patronymic": None}}}))
    assert list(validator(document, "CaseCreate").iter_errors({"data": {"father": None}}))
    assert list(patch.iter_errors({"data": {"pets": []}}))


def test_a_rule_beyond_the_document_is_a_problem_of_its_own(
    client: FlaskClient, document: dict[str, Any], birth_fact_example: dict[str, Any]
) -> None:
    data = copy.deepcopy(birth_fact_example)
    data["child"]["rnokpp"] = "1234567890"  # ten digits, as the pattern says; a wrong check digit
    request = {"template": BIRTH_FACT, "data": data}
    assert not list(validator(document, "RenderRequest").iter_errors(request))
    problem = assert_problem(client.post("/api/v1/validate", json=request), 422)
    assert problem["type"] == "/problems/rule-violation"
    assert set(problem["errors"]) == {"child.rnokpp"}
    assert problem["i18n"]["en"]["title"] == "The data breaks a rule"
    assert problem["i18n"]["uk"]["title"] != problem["i18n"]["en"]["title"]
    data["child"]["nickname"] = "Андрійко"
    problem = assert_problem(client.post("/api/v1/validate", json=request), 422)
    assert problem["type"] == "/problems/validation-error"


def test_every_error_is_problem_json_and_shared_errors_are_stated(document: dict[str, Any]) -> None:
    assert set(NOT_RATE_LIMITED) == set(UNLIMITED_PATHS)
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if method == "parameters":
                continue
            responses = operation["responses"]
            for status, response in responses.items():
                if int(status) >= 400:  # the public pages show some errors as a page
                    media = {PROBLEM, "text/html"} if path.startswith(PAGES) else {PROBLEM}
                    assert media & set(response["content"]), (method, path, status)
            assert "500" in responses
            assert ("429" in responses) == (path not in UNLIMITED_PATHS), path
            if operation["security"]:
                assert {"401", "403"} <= set(responses), path
            assert "422" in responses, path  # a query with a NUL is refused on every route


def test_a_verify_upload_without_its_file_breaks_the_document(
    app: Flask, document: dict[str, Any]
) -> None:
    body = document["paths"]["/api/v1/verify"]["post"]["requestBody"]["content"]
    assert body["multipart/form-data"]["schema"]["required"] == ["file"]
    response = client_as(app, None).post(
        "/api/v1/verify", data={"other": "x"}, content_type="multipart/form-data"
    )
    assert assert_problem(response, 422)["type"] == "/problems/validation-error"
