"""The OpenAPI 3.1 document, its schemas generated from the marshmallow schemas."""

from __future__ import annotations

import functools
from typing import Any

from service.documents import list_templates
from service.documents.describe import build_apispec, schema_name_resolver
from service.errors import PROBLEM_CONTENT_TYPE
from service.planning.model import STEP_STATUSES
from service.schemas.case import (
    CaseCreateSchema,
    CaseDocumentRequestSchema,
    CaseSchema,
    PacketRequestSchema,
)
from service.schemas.institutions import INSTITUTION_KINDS, InstitutionCreateSchema
from service.schemas.jobs import JobRequestSchema
from service.schemas.plan import StepChangeSchema
from service.schemas.requests import (
    ProblemSchema,
    RenderRequestSchema,
    TemplateDetailSchema,
    TemplateListSchema,
    ValidateResponseSchema,
)
from service.schemas.verification import (
    LinkRequestSchema,
    RevokeRequestSchema,
    ShareRequestSchema,
)
from service.storage.plans import CASELOAD_STATUSES

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
                            "text/html": {"schema": {"type": "string"}},
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
    add_job_paths(spec)
    add_institution_paths(spec)
    add_plan_paths(spec)
    add_verification_paths(spec)
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
    spec.path(
        path="/readyz",
        operations={
            "get": {
                "summary": "Readiness: database, document folder and render processes",
                "responses": {
                    "200": {"description": "Ready; `checks` says ok for each part"},
                    "503": _problem_ref("Not ready; `checks` names the part"),
                },
            }
        },
    )
    return add_common_answers(spec.to_dict())


PAGE_PARAMETERS = [
    {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}},
    {
        "name": "per_page",
        "in": "query",
        "schema": {"type": "integer", "minimum": 1, "maximum": 100},
    },
]
PUBLIC_PATHS = (
    "/healthz",
    "/readyz",
    "/api/v1/verify",
    "/api/v1/verify/{code}",
    "/verify/{code}",
    "/shared/{token}",
)


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
                    *PAGE_PARAMETERS,
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
                    {
                        "name": "limit",
                        "in": "query",
                        "schema": {"type": "integer", "minimum": 1, "maximum": 1000},
                    },
                    {
                        "name": "offset",
                        "in": "query",
                        "schema": {"type": "integer", "minimum": 0, "maximum": 1_000_000_000},
                    },
                ],
                "responses": {"200": json_object, "422": _problem_ref("Bad query")},
            }
        },
    )


def add_job_paths(spec: Any) -> None:
    """Background jobs: a packet or a bulk render (JSON or JSON Lines), and their progress."""
    spec.components.schema("JobRequest", schema=JobRequestSchema)
    job = {
        "type": "object",
        "properties": {
            "id": {"type": "string"},
            "kind": {"type": "string", "enum": ["packet", "bulk_render"]},
            "state": {"type": "string", "enum": ["queued", "running", "done", "failed"]},
            "total": {"type": "integer"},
            "done": {"type": "integer"},
            "failed": {"type": "integer"},
            "results": {"type": "array", "items": {"type": "object"}},
            "url": {"type": "string"},
        },
    }
    spec.path(
        path="/api/v1/jobs",
        operations={
            "post": {
                "summary": "Start a packet or a bulk render in the background (202, Location)",
                "description": (
                    "A JSON body (`JobRequest`), or `application/x-ndjson` with one data object "
                    "a line and `template`, `lang`, `format`, `webhook_url` in the query. A "
                    "`webhook_url` is told by a POST signed with `X-Paperwork-Signature: "
                    "t=<unix time>,v1=<HMAC-SHA256 of '<t>.<body>'>` when the job finishes."
                ),
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": "JobRequest"}},
                },
                "responses": {
                    "202": {
                        "description": "The job, queued",
                        "headers": {"Location": {"schema": {"type": "string"}}},
                        "content": {"application/json": {"schema": job}},
                    },
                    "404": _problem_ref("Unknown case or template"),
                    "422": _problem_ref("Invalid request, or a webhook address not allowed"),
                    "503": _problem_ref("The job queue cannot be reached; see Retry-After"),
                },
            }
        },
    )
    spec.path(
        path="/api/v1/jobs/{job_id}",
        parameters=[_id_parameter("job_id")],
        operations={
            "get": {
                "summary": "A job's state, progress (done of total) and results",
                "responses": {
                    "200": {
                        "description": "The job",
                        "content": {"application/json": {"schema": job}},
                    },
                    "404": _problem_ref("Unknown job"),
                },
            }
        },
    )


def add_institution_paths(spec: Any) -> None:
    """The directory of institutions: list, add, read, change by JSON merge patch."""
    spec.components.schema("InstitutionCreate", schema=InstitutionCreateSchema)
    text = {"type": "string"}
    optional_text = {"type": ["string", "null"]}
    forms = {
        "type": "object",
        "properties": {"uk": text, "dative": text, "genitive": text, "en": text},
        "required": ["uk", "dative", "genitive", "en"],
    }
    spec.components.schema(
        "Institution",
        {
            "type": "object",
            "properties": {
                "id": text,
                "organisation_id": text,
                "kind": {"type": "string", "enum": list(INSTITUTION_KINDS)},
                "name": text,
                "name_dative": optional_text,
                "name_genitive": optional_text,
                "name_en": optional_text,
                "address": {"type": ["object", "null"]},
                "forms": {
                    **forms,
                    "description": "What documents print: the corrections where given, "
                    "else the derived forms",
                },
                "derived": {**forms, "description": "What the rules derive from `name`"},
                "needs_review": {
                    "type": "boolean",
                    "description": "The rules were unsure and not every form is corrected",
                },
                "created_at": {"type": "string", "format": "date-time"},
                "created_by": text,
                "updated_at": {"type": "string", "format": "date-time"},
                "updated_by": text,
                "url": text,
            },
            "required": ["id", "kind", "name", "forms", "derived", "needs_review"],
        },
    )
    spec.components.schema(
        "InstitutionPatch",
        {
            "type": "object",
            "description": "A JSON merge patch of an institution: null clears a correction",
            "properties": {
                "kind": {"type": "string", "enum": list(INSTITUTION_KINDS)},
                "name": {"type": "string", "maxLength": 300},
                "name_dative": {"type": ["string", "null"], "maxLength": 300},
                "name_genitive": {"type": ["string", "null"], "maxLength": 300},
                "name_en": {"type": ["string", "null"], "maxLength": 300},
                "address": {"type": ["object", "null"]},
            },
            "additionalProperties": False,
        },
    )
    institution = _json("Institution", "The institution")
    listing = {
        "description": "One page of institutions, by name",
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "institutions": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/Institution"},
                        },
                        "page": {"type": "integer"},
                        "per_page": {"type": "integer"},
                        "total": {"type": "integer"},
                    },
                }
            }
        },
    }
    unknown = _problem_ref("Unknown institution (or another organisation's)")
    spec.path(
        path="/api/v1/institutions",
        operations={
            "get": {
                "summary": "List the organisation's institutions; `q` searches the name",
                "parameters": [
                    {"name": "q", "in": "query", "schema": {"type": "string", "maxLength": 100}},
                    {
                        "name": "kind",
                        "in": "query",
                        "schema": {"type": "string", "enum": list(INSTITUTION_KINDS)},
                    },
                    *PAGE_PARAMETERS,
                ],
                "responses": {"200": listing, "422": _problem_ref("Bad query")},
            },
            "post": {
                "summary": "Add an institution (201 with Location); admins name the organisation",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": "InstitutionCreate"}},
                },
                "responses": {
                    "201": {
                        **institution,
                        "headers": {"Location": {"schema": {"type": "string"}}},
                    },
                    "422": _problem_ref("Invalid fields, each named"),
                },
            },
        },
    )
    spec.path(
        path="/api/v1/institutions/{institution_id}",
        parameters=[_id_parameter("institution_id")],
        operations={
            "get": {
                "summary": "Read an institution with its printed and derived name forms",
                "responses": {"200": institution, "404": unknown},
            },
            "patch": {
                "summary": "Change an institution with a JSON merge patch",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": "InstitutionPatch"}},
                },
                "responses": {
                    "200": institution,
                    "404": unknown,
                    "422": _problem_ref("Invalid fields, each named"),
                },
            },
        },
    )


def add_plan_paths(spec: Any) -> None:
    """A case's plan, a step's progress, the organisation's caseload."""
    spec.components.schema("StepChange", schema=StepChangeSchema)
    text = {"type": "string"}
    languages = {
        "type": "object",
        "properties": {"uk": text, "en": text},
        "required": ["uk", "en"],
    }
    nullable_languages = {**languages, "type": ["object", "null"]}
    status = {"type": "string", "enum": list(STEP_STATUSES)}
    date_or_null = {"type": ["string", "null"], "format": "date"}
    spec.components.schema(
        "PlanStep",
        {
            "type": "object",
            "properties": {
                "key": {**text, "description": "<person>.<rule>: stable"},
                "person": {**text, "description": "A child's id, or `mother`"},
                "rule": text,
                "template": text,
                "family": {"type": "string", "enum": ["identity", "medical", "custody"]},
                "reason": languages,
                "legal_basis": languages,
                "after": {
                    "type": "array",
                    "items": text,
                    "description": "Keys of the steps this one waits for",
                },
                "ready": {"type": "boolean", "description": "Its document can be made now"},
                "missing": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {"field": text, "messages": languages},
                        "required": ["field", "messages"],
                    },
                },
                "status": status,
                "filed": {"type": ["object", "null"]},
                "decided": {"type": ["object", "null"]},
                "not_needed_reason": {"type": ["string", "null"]},
                "document_ids": {"type": "array", "items": text},
                "due": date_or_null,
                "due_basis": nullable_languages,
                "overdue": {"type": "boolean"},
                "applies": {
                    "type": "boolean",
                    "description": "false: the rules no longer ask for it; kept for its progress",
                },
            },
            "required": ["key", "person", "template", "ready", "missing", "status", "overdue"],
        },
    )
    spec.components.schema(
        "Plan",
        {
            "type": "object",
            "properties": {
                "case_id": text,
                "today": {"type": "string", "format": "date"},
                "people": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "person": text,
                            "steps": {
                                "type": "array",
                                "items": {"$ref": "#/components/schemas/PlanStep"},
                            },
                        },
                        "required": ["person", "steps"],
                    },
                },
            },
            "required": ["case_id", "today", "people"],
        },
    )
    caseload_item = {
        "type": "object",
        "properties": {
            "case_id": text,
            "case_url": text,
            "plan_url": text,
            "person": text,
            "key": text,
            "rule": text,
            "template": text,
            "status": status,
            "ready": {"type": "boolean"},
            "missing": {"type": "array", "items": text},
            "due": date_or_null,
            "overdue": {"type": "boolean"},
        },
        "required": ["case_id", "person", "key", "template", "status", "overdue"],
    }
    plan = _json("Plan", "Each person's steps, in order")
    unknown_case = _problem_ref("Unknown case (or another organisation's)")
    spec.path(
        path="/api/v1/cases/{case_id}/plan",
        parameters=[_id_parameter("case_id")],
        operations={
            "get": {
                "summary": "A case's plan: each child's (and the mother's) steps in order",
                "responses": {"200": plan, "404": unknown_case},
            }
        },
    )
    spec.path(
        path="/api/v1/cases/{case_id}/plan/steps/{step}",
        parameters=[_id_parameter("case_id"), _id_parameter("step")],
        operations={
            "patch": {
                "summary": "Record a step's progress: filed, decided, done, or not needed",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": "StepChange"}},
                },
                "responses": {
                    "200": plan,
                    "404": _problem_ref("Unknown case or step (or another organisation's)"),
                    "422": _problem_ref("A step cannot move back, or lacks a date; each named"),
                },
            }
        },
    )
    spec.path(
        path="/api/v1/plan",
        operations={
            "get": {
                "summary": "The caseload: each person's next step, overdue first, then by due",
                "parameters": [
                    {
                        "name": "status",
                        "in": "query",
                        "schema": {"type": "string", "enum": list(CASELOAD_STATUSES)},
                    },
                    {
                        "name": "template",
                        "in": "query",
                        "schema": {"type": "string", "maxLength": 100},
                    },
                    *PAGE_PARAMETERS,
                ],
                "responses": {
                    "200": {
                        "description": "One page of next steps",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "items": {"type": "array", "items": caseload_item},
                                        "page": {"type": "integer"},
                                        "per_page": {"type": "integer"},
                                        "total": {"type": "integer"},
                                    },
                                    "required": ["items", "page", "per_page", "total"],
                                }
                            }
                        },
                    },
                    "422": _problem_ref("Bad query"),
                },
            }
        },
    )


def add_verification_paths(spec: Any) -> None:
    """Public checks by code and by file; revocation, shares with partners, expiring links."""
    spec.components.schema("RevokeRequest", schema=RevokeRequestSchema)
    spec.components.schema("ShareRequest", schema=ShareRequestSchema)
    spec.components.schema("LinkRequest", schema=LinkRequestSchema)
    json_object = {
        "description": "JSON",
        "content": {"application/json": {"schema": {"type": "object"}}},
    }
    too_many = _problem_ref("Too many requests; see Retry-After")
    no_content = {"description": "Done"}

    def body(schema: str) -> dict[str, Any]:
        return {"required": True, "content": {"application/json": {"schema": schema}}}

    spec.path(
        path="/api/v1/verify/{code}",
        parameters=[_id_parameter("code")],
        operations={
            "get": {
                "summary": "Public: is the document of this code genuine and not revoked?",
                "responses": {
                    "200": json_object,
                    "404": _problem_ref("Unknown code"),
                    "429": too_many,
                },
            }
        },
    )
    spec.path(
        path="/api/v1/verify",
        operations={
            "post": {
                "summary": "Public: is this PDF (multipart field `file`) genuine and unrevoked?",
                "requestBody": {
                    "required": True,
                    "content": {
                        "multipart/form-data": {
                            "schema": {
                                "type": "object",
                                "properties": {"file": {"type": "string", "format": "binary"}},
                                "required": ["file"],
                            }
                        }
                    },
                },
                "responses": {
                    "200": json_object,
                    "413": _problem_ref("File over the size limit"),
                    "415": _problem_ref("Not multipart/form-data"),
                    "422": _problem_ref("No file"),
                    "429": too_many,
                },
            }
        },
    )
    html = {"text/html": {"schema": {"type": "string"}}}
    spec.path(
        path="/verify/{code}",
        parameters=[_id_parameter("code")],
        operations={
            "get": {
                "summary": "Public page (Ukrainian and English) for the code printed in a PDF",
                "responses": {
                    "200": {"description": "Genuine or revoked", "content": html},
                    "404": {
                        "description": "Unknown code",
                        "content": {**html, **_problem_ref("")["content"]},
                    },
                    "429": too_many,
                },
            }
        },
    )
    binary = {"schema": {"type": "string", "format": "binary"}}
    spec.path(
        path="/shared/{token}",
        parameters=[_id_parameter("token")],
        operations={
            "get": {
                "summary": "Public: download the document of an expiring link (audited)",
                "responses": {
                    "200": {
                        "description": "The file",
                        "content": {
                            "application/pdf": binary,
                            "application/vnd.openxmlformats-officedocument."
                            "wordprocessingml.document": binary,
                        },
                    },
                    "404": _problem_ref("Unknown link"),
                    "410": _problem_ref("Link expired or revoked, or document revoked"),
                    "429": too_many,
                },
            }
        },
    )
    document = [_id_parameter("document_id")]
    unknown = _problem_ref("Unknown document")
    revoked = _problem_ref("The document was revoked")
    spec.path(
        path="/api/v1/documents/{document_id}/verification",
        parameters=document,
        operations={
            "get": {
                "summary": "A document's seal: code, hashes signed and unsigned, revocation",
                "responses": {"200": json_object, "404": unknown},
            }
        },
    )
    spec.path(
        path="/api/v1/documents/{document_id}/revoke",
        parameters=document,
        operations={
            "post": {
                "summary": "Revoke a document (its author or an admin), with a reason",
                "requestBody": body("RevokeRequest"),
                "responses": {
                    "200": json_object,
                    "403": _problem_ref("Not the author, nor an admin"),
                    "404": unknown,
                    "409": revoked,
                },
            }
        },
    )
    spec.path(
        path="/api/v1/documents/{document_id}/shares",
        parameters=document,
        operations={
            "get": {
                "summary": "A document's shares with organisations, and its links",
                "responses": {"200": json_object, "404": unknown},
            },
            "post": {
                "summary": "Share a document with a partner organisation",
                "requestBody": body("ShareRequest"),
                "responses": {
                    "200": json_object,
                    "201": json_object,
                    "404": unknown,
                    "409": revoked,
                },
            },
        },
    )
    spec.path(
        path="/api/v1/documents/{document_id}/shares/{organisation_id}",
        parameters=[*document, _id_parameter("organisation_id")],
        operations={
            "delete": {
                "summary": "Stop sharing a document with an organisation",
                "responses": {"204": no_content, "404": _problem_ref("Unknown document or share")},
            }
        },
    )
    spec.path(
        path="/api/v1/documents/{document_id}/links",
        parameters=document,
        operations={
            "post": {
                "summary": "Make an expiring public download link (7 days by default)",
                "requestBody": body("LinkRequest"),
                "responses": {"201": json_object, "404": unknown, "409": revoked},
            }
        },
    )
    spec.path(
        path="/api/v1/documents/{document_id}/links/{link_id}",
        parameters=[*document, _id_parameter("link_id")],
        operations={
            "delete": {
                "summary": "End a link before it expires",
                "responses": {"204": no_content, "404": _problem_ref("Unknown document or link")},
            }
        },
    )
    spec.path(
        path="/api/v1/shared",
        operations={
            "get": {
                "summary": "Documents shared with the caller's organisation (partners), "
                "newest share first, a page at a time",
                "parameters": PAGE_PARAMETERS,
                "responses": {"200": json_object, "422": _problem_ref("Bad query")},
            }
        },
    )
