"""Thin views of the JSON API: read the request, call the pipeline, answer."""

from __future__ import annotations

import uuid
from typing import Any

from flask import Blueprint, Response, current_app, g, jsonify, request

from service.api.openapi import build_openapi
from service.api.requests import load_body
from service.documents import DocumentPipeline, describe_template, get_template, list_templates
from service.errors import translate_message
from service.schemas.base import Warning
from service.schemas.requests import RenderRequestSchema

api_blueprint = Blueprint("api", __name__, url_prefix="/api/v1")


def current_pipeline() -> DocumentPipeline:
    """Return the application's document pipeline."""
    pipeline: DocumentPipeline = current_app.extensions["document_pipeline"]
    return pipeline


def present_warnings(warnings: list[Warning]) -> list[dict[str, Any]]:
    """Show warnings as {path, message: {uk, en}}."""
    return [
        {"path": item.path, "message": translate_message(item.message, **item.params)}
        for item in warnings
    ]


@api_blueprint.post("/render")
def render() -> Response:
    """Render one document and answer with its bytes."""
    body = load_body(request, RenderRequestSchema())
    g.template_id = get_template(body["template"]).id
    document = current_pipeline().render(
        body["template"], body["data"], body["lang"], body["format"]
    )
    response = Response(document.content, mimetype=document.media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    response.headers["X-Document-Id"] = uuid.uuid4().hex
    response.headers["X-Content-SHA256"] = document.sha256
    response.headers["X-Template-Version"] = document.version
    response.headers["Cache-Control"] = "no-store"
    return response


@api_blueprint.post("/validate")
def validate() -> Response:
    """Check data against a template's schema without rendering."""
    body = load_body(request, RenderRequestSchema())
    g.template_id = get_template(body["template"]).id
    validated = current_pipeline().validate(body["template"], body["data"])
    return jsonify(valid=True, warnings=present_warnings(validated.warnings))


@api_blueprint.get("/templates")
def templates() -> Response:
    """List the catalog."""
    return jsonify(templates=[describe_template(spec) for spec in list_templates()])


@api_blueprint.get("/templates/<template_id>")
def template(template_id: str) -> Response:
    """Describe one template, with the JSON Schema of its data and an example."""
    return jsonify(describe_template(get_template(template_id), detail=True))


@api_blueprint.get("/openapi.json")
def openapi() -> Response:
    """Serve the OpenAPI 3.1 document generated from the schemas."""
    return jsonify(build_openapi())
