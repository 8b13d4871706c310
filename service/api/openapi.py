"""The OpenAPI 3.1 document, its schemas generated from the marshmallow schemas."""

from __future__ import annotations

import functools
from typing import Any

from service.documents import list_templates
from service.documents.describe import build_apispec, schema_name_resolver
from service.errors import PROBLEM_CONTENT_TYPE
from service.schemas.requests import (
    ProblemSchema,
    RenderRequestSchema,
    TemplateDetailSchema,
    TemplateListSchema,
    ValidateResponseSchema,
)

API_VERSION = "1.0.0"


def _problem(description: str) -> dict[str, Any]:
    return {"description": description, "content": {PROBLEM_CONTENT_TYPE: {"schema": "Problem"}}}


def _json(schema: str, description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _body_errors() -> dict[str, Any]:
    return {
        "400": _problem("Malformed JSON"),
        "404": _problem("Unknown template"),
        "413": _problem("Body over the size limit"),
        "415": _problem("Body is not JSON"),
        "422": _problem("Invalid data: every error, keyed by field path"),
        "500": _problem("Internal error (no internals disclosed)"),
    }


@functools.cache
def build_openapi() -> dict[str, Any]:
    """Build the OpenAPI document (once per process)."""
    spec = build_apispec("Paperwork for returned children: render API", API_VERSION)
    spec.components.schema("Problem", schema=ProblemSchema)
    spec.components.schema("RenderRequest", schema=RenderRequestSchema)
    for template in list_templates():
        spec.components.schema(schema_name_resolver(template.schema), schema=template.schema)
    request_body = {
        "required": True,
        "content": {"application/json": {"schema": "RenderRequest"}},
    }
    spec.path(
        path="/api/v1/render",
        operations={
            "post": {
                "summary": "Render a document to PDF or DOCX",
                "requestBody": request_body,
                "responses": {
                    "200": {
                        "description": "The document",
                        "headers": {
                            "X-Document-Id": {"schema": {"type": "string"}},
                            "X-Content-SHA256": {"schema": {"type": "string"}},
                            "Content-Disposition": {"schema": {"type": "string"}},
                        },
                        "content": {
                            "application/pdf": {"schema": {"type": "string", "format": "binary"}},
                            "application/vnd.openxmlformats-officedocument."
                            "wordprocessingml.document": {
                                "schema": {"type": "string", "format": "binary"}
                            },
                        },
                    },
                    **_body_errors(),
                },
            }
        },
    )
    spec.path(
        path="/api/v1/validate",
        operations={
            "post": {
                "summary": "Validate data without rendering; warnings do not block",
                "requestBody": request_body,
                "responses": {"200": _json("ValidateResponse", "Valid"), **_body_errors()},
            }
        },
    )
    spec.components.schema("ValidateResponse", schema=ValidateResponseSchema)
    spec.components.schema("TemplateList", schema=TemplateListSchema)
    spec.components.schema("TemplateDetail", schema=TemplateDetailSchema)
    spec.path(
        path="/api/v1/templates",
        operations={
            "get": {
                "summary": "List templates",
                "responses": {"200": _json("TemplateList", "The catalog")},
            }
        },
    )
    spec.path(
        path="/api/v1/templates/{template_id}",
        parameters=[
            {"name": "template_id", "in": "path", "required": True, "schema": {"type": "string"}}
        ],
        operations={
            "get": {
                "summary": "Describe a template: JSON Schema of its data and an example",
                "responses": {
                    "200": _json("TemplateDetail", "The template"),
                    "404": _problem("Unknown template"),
                },
            }
        },
    )
    spec.path(
        path="/api/v1/openapi.json",
        operations={
            "get": {
                "summary": "This document",
                "responses": {"200": {"description": "OpenAPI 3.1"}},
            }
        },
    )
    spec.path(
        path="/healthz",
        operations={
            "get": {"summary": "Liveness", "responses": {"200": {"description": "Serving"}}}
        },
    )
    return spec.to_dict()
