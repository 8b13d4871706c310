"""Property-based tests of the whole API from its OpenAPI document (schemathesis).

Every operation gets generated requests, valid and invalid; no answer may be a 5xx,
and every answer must match the document: status codes, content types, headers and
bodies. (Schema-valid data that a template's own rules refuse is a correct 422, so the
"positive data is accepted" check does not apply to this API.)
"""

from __future__ import annotations

import schemathesis
from flask import Flask
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from service.api.openapi import build_openapi

schema = schemathesis.openapi.from_dict(build_openapi())
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), database=None)
def test_api_conforms_to_its_openapi_document(case: schemathesis.Case, app: Flask) -> None:
    token = app.config["TEST_TOKENS"]["admin"]
    case.call_and_validate(app=app, headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)
