"""Thin views of the JSON API: read the request, call the pipeline, answer."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, g, jsonify, request

from service.access.guard import allow
from service.api.blueprint import (
    EVERY_ROLE,
    RENDERING,
    api_blueprint,
    current_issuer,
    current_pipeline,
    current_principal,
    current_storage,
)
from service.api.contract import (
    BYTES,
    DOCX,
    HTML,
    PDF,
    RENDER_REQUEST,
    RENDER_UNAVAILABLE,
    Answer,
    Problem,
    declare,
)
from service.api.openapi import build_openapi
from service.api.requests import load_body
from service.documents import describe_template, get_template, list_templates
from service.documents.pipeline import PREVIEW_FORMAT
from service.documents.references import resolve_institution_references
from service.errors import translate_message
from service.issuing import IssuedDocument
from service.schemas.base import Warning
from service.schemas.requests import (
    RenderRequestSchema,
    TemplateDetailSchema,
    TemplateListSchema,
    ValidateResponseSchema,
)

PREVIEW_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
DOCUMENT_HEADERS = (
    "Content-Disposition",
    "X-Document-Id",
    "X-Content-SHA256",
    "X-Template-Version",
    "X-Served-From-Store",
)


def present_warnings(warnings: list[Warning]) -> list[dict[str, Any]]:
    """Show warnings as {path, message: {uk, en}}."""
    return [
        {"path": item.path, "message": translate_message(item.message, **item.params)}
        for item in warnings
    ]


def load_render_request() -> dict[str, Any]:
    """The body of a render or validate, its institutions given by reference resolved.

    Only a caller with a directory (a caseworker's organisation; an admin: any) may name
    an institution by id; a system token's data is taken as it is.
    """
    body = load_body(request, RenderRequestSchema, relative_to="data")  # as its template names
    g.template_id = get_template(body["template"]).id
    lookup = current_storage().institutions.lookup_for(current_principal())
    if lookup is not None:
        body["data"] = resolve_institution_references(body["data"], lookup)
    return body


@api_blueprint.post("/render")
@allow(*RENDERING)
@declare(
    Answer(
        200,
        "The document's bytes; with format html its HTML preview (not stored)",
        BYTES,
        media_types=(PDF, DOCX, HTML),
        headers=DOCUMENT_HEADERS,
    ),
    body=RENDER_REQUEST,
    problems=(
        Problem(404, "Unknown template"),
        RENDER_UNAVAILABLE,
    ),
)
def render() -> Response:
    """Render one document and answer with its bytes."""
    body = load_render_request()
    if body["format"] == PREVIEW_FORMAT:
        return send_preview(body["template"], body["data"], body["lang"])
    issued = current_issuer().issue(
        body["template"], body["data"], body["lang"], body["format"], principal=current_principal()
    )
    return send_document(issued)


def send_document(issued: IssuedDocument) -> Response:
    """Answer with a document's bytes and the headers that identify them."""
    metadata = issued.metadata
    response = Response(issued.content, mimetype=metadata.media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{metadata.filename}"'
    response.headers["X-Document-Id"] = metadata.id
    response.headers["X-Content-SHA256"] = metadata.sha256
    response.headers["X-Template-Version"] = metadata.template_version
    response.headers["X-Served-From-Store"] = "true" if issued.reused else "false"
    response.headers["Cache-Control"] = "no-store"
    return response


def send_preview(template_id: str, data: dict[str, Any], lang: str) -> Response:
    """Answer with a document's HTML: not stored; a strict CSP keeps it inert in a browser."""
    html, _validated = current_pipeline().render_preview(template_id, data, lang)
    response = Response(html, mimetype="text/html")
    response.headers["Content-Security-Policy"] = PREVIEW_CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Template-Version"] = get_template(template_id).version
    return response


@api_blueprint.post("/validate")
@allow(*RENDERING)
@declare(
    Answer(200, "Valid; warnings do not block", ValidateResponseSchema),
    body=RENDER_REQUEST,
    problems=(Problem(404, "Unknown template"),),
)
def validate() -> Response:
    """Check data against a template's schema without rendering."""
    body = load_render_request()
    validated = current_pipeline().validate(body["template"], body["data"], body["lang"])
    return jsonify(valid=True, warnings=present_warnings(validated.warnings))


@api_blueprint.get("/templates")
@allow(*EVERY_ROLE)
@declare(Answer(200, "The catalog", TemplateListSchema))
def templates() -> Response:
    """List the catalog."""
    return jsonify(templates=[describe_template(spec) for spec in list_templates()])


@api_blueprint.get("/templates/<template_id>")
@allow(*EVERY_ROLE)
@declare(
    Answer(200, "The template", TemplateDetailSchema), problems=(Problem(404, "Unknown template"),)
)
def template(template_id: str) -> Response:
    """Describe one template, with the JSON Schema of its data and an example."""
    return jsonify(describe_template(get_template(template_id), detail=True))


@api_blueprint.get("/openapi.json")
@allow(*EVERY_ROLE)
@declare(Answer(200, "This document: OpenAPI 3.1", {"type": "object"}))
def openapi() -> Response:
    """Serve the OpenAPI 3.1 document generated from the schemas."""
    return jsonify(build_openapi(current_app))
