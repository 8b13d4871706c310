"""The OpenAPI 3.1 document, its schemas generated from the marshmallow schemas."""

from __future__ import annotations

import functools
from typing import Any

from service.documents import list_templates
from service.documents.describe import build_apispec, schema_name_resolver
from service.errors import PROBLEM_CONTENT_TYPE
from service.schemas.case import (
    CaseCreateSchema,
    CaseDocumentRequestSchema,
    CaseSchema,
    PacketRequestSchema,
)
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
    add_storage_paths(spec)
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
    return add_common_answers(spec.to_dict())


PUBLIC_PATHS = ("/healthz",)


def _problem_ref(description: str) -> dict[str, Any]:
    schema = {"$ref": "#/components/schemas/Problem"}
    return {"description": description, "content": {PROBLEM_CONTENT_TYPE: {"schema": schema}}}


def add_common_answers(document: dict[str, Any]) -> dict[str, Any]:
    """Bearer security and the answers every protected operation (and body) may give."""
    document.setdefault("components", {})["securitySchemes"] = {
        "bearer": {"type": "http", "scheme": "bearer", "description": "flask tokens create"}
    }
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if method not in ("get", "post", "patch", "put", "delete"):
                continue
            responses = operation.setdefault("responses", {})
            if path in PUBLIC_PATHS:
                operation["security"] = []
                continue
            operation["security"] = [{"bearer": []}]
            responses.setdefault("401", _problem_ref("No valid token"))
            responses.setdefault("403", _problem_ref("The token's role may not do this"))
            responses.setdefault("429", _problem_ref("Too many requests; see Retry-After"))
            if "requestBody" in operation:
                responses.setdefault("400", _problem_ref("Malformed JSON"))
                responses.setdefault("413", _problem_ref("Body over the size limit"))
                responses.setdefault("415", _problem_ref("Body is not JSON"))
                responses.setdefault("422", _problem_ref("Invalid data"))
            if method == "post" and path.endswith(("/render", "/documents", "/packet")):
                responses.setdefault(
                    "503", _problem_ref("Render over its time budget; see Retry-After")
                )
    return document


def _id_parameter(name: str) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}


def add_storage_paths(spec: Any) -> None:
    """Cases, documents made from them, packets, stored documents and the audit trail."""
    spec.components.schema("Case", schema=CaseSchema)
    spec.components.schema("CaseCreate", schema=CaseCreateSchema)
    spec.components.schema("CaseDocumentRequest", schema=CaseDocumentRequestSchema)
    spec.components.schema("PacketRequest", schema=PacketRequestSchema)
    case_body = {"required": True, "content": {"application/json": {"schema": "CaseCreate"}}}
    json_object = {
        "description": "JSON",
        "content": {"application/json": {"schema": {"type": "object"}}},
    }
    spec.path(
        path="/api/v1/cases",
        operations={
            "post": {
                "summary": "Create a case (201 with Location)",
                "requestBody": case_body,
                "responses": {"201": json_object, "422": _problem_ref("Invalid case data")},
            },
            "get": {
                "summary": "List cases; search by surname in Ukrainian or Latin spelling",
                "parameters": [
                    {"name": "surname", "in": "query", "schema": {"type": "string"}},
                    {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}},
                    {
                        "name": "per_page",
                        "in": "query",
                        "schema": {"type": "integer", "minimum": 1, "maximum": 100},
                    },
                ],
                "responses": {"200": json_object, "422": _problem_ref("Bad query")},
            },
        },
    )
    spec.path(
        path="/api/v1/cases/{case_id}",
        parameters=[_id_parameter("case_id")],
        operations={
            "get": {
                "summary": "Read a case",
                "responses": {"200": json_object, "404": _problem_ref("Unknown case")},
            },
            "patch": {
                "summary": "Change a case with a JSON merge patch of its data",
                "requestBody": case_body,
                "responses": {
                    "200": json_object,
                    "404": _problem_ref("Unknown case"),
                    "422": _problem_ref("Invalid data"),
                },
            },
        },
    )
    spec.path(
        path="/api/v1/cases/{case_id}/documents",
        parameters=[_id_parameter("case_id")],
        operations={
            "post": {
                "summary": "Make a document from a case (201 with its metadata)",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": "CaseDocumentRequest"}},
                },
                "responses": {
                    "201": json_object,
                    "404": _problem_ref("Unknown case or template"),
                    "422": _problem_ref("What the case lacks for this document"),
                },
            }
        },
    )
    spec.path(
        path="/api/v1/cases/{case_id}/packet",
        parameters=[_id_parameter("case_id")],
        operations={
            "post": {
                "summary": "Render documents for the case's children into one ZIP",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": "PacketRequest"}},
                },
                "responses": {
                    "200": {
                        "description": "ZIP: documents, manifest.json, packet.pdf",
                        "content": {
                            "application/zip": {"schema": {"type": "string", "format": "binary"}}
                        },
                    },
                    "404": _problem_ref("Unknown case or template"),
                    "422": _problem_ref("What each child lacks"),
                },
            }
        },
    )
    spec.path(
        path="/api/v1/documents/{document_id}",
        parameters=[_id_parameter("document_id")],
        operations={
            "get": {
                "summary": "A document's metadata",
                "responses": {"200": json_object, "404": _problem_ref("Unknown document")},
            }
        },
    )
    spec.path(
        path="/api/v1/documents/{document_id}/file",
        parameters=[_id_parameter("document_id")],
        operations={
            "get": {
                "summary": "A document's bytes (audited)",
                "responses": {
                    "200": {"description": "The file"},
                    "404": _problem_ref("Unknown document"),
                },
            }
        },
    )
    spec.path(
        path="/api/v1/audit",
        operations={
            "get": {
                "summary": "The audit trail, filtered by case and time",
                "parameters": [
                    {"name": "case_id", "in": "query", "schema": {"type": "string"}},
                    {
                        "name": "since",
                        "in": "query",
                        "schema": {"type": "string", "format": "date-time"},
                    },
                    {
                        "name": "until",
                        "in": "query",
                        "schema": {"type": "string", "format": "date-time"},
                    },
                    {"name": "limit", "in": "query", "schema": {"type": "integer"}},
                    {"name": "offset", "in": "query", "schema": {"type": "integer"}},
                ],
                "responses": {"200": json_object, "422": _problem_ref("Bad query")},
            }
        },
    )
