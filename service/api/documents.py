"""Stored documents: metadata, bytes; and the audit trail."""

from __future__ import annotations

from datetime import datetime

from flask import Response, jsonify, request, url_for
from marshmallow import Schema, fields, validate

from service.access.guard import allow
from service.api.blueprint import (
    DOCUMENT_READERS,
    api_blueprint,
    current_principal,
    current_storage,
)
from service.api.contract import BYTES_UNAVAILABLE, FILE, UNKNOWN_DOCUMENT, Answer, declare
from service.api.requests import load_query
from service.i18n import N_
from service.schemas.responses import AuditSchema, DocumentSchema
from service.storage.audit import list_events


@api_blueprint.get("/documents/<document_id>")
@allow(*DOCUMENT_READERS)
@declare(Answer(200, "The document's metadata", DocumentSchema), problems=(UNKNOWN_DOCUMENT,))
def get_document(document_id: str) -> Response:
    """A document's metadata, with its download address."""
    metadata = current_storage().archive.get(document_id, current_principal())
    return jsonify(
        {
            **metadata.as_dict(),
            "url": url_for("api.get_document", document_id=metadata.id),
            "download_url": url_for("api.get_document_file", document_id=metadata.id),
        }
    )


@api_blueprint.get("/documents/<document_id>/file")
@allow(*DOCUMENT_READERS)
@declare(
    FILE,
    problems=(UNKNOWN_DOCUMENT, BYTES_UNAVAILABLE),
)
def get_document_file(document_id: str) -> Response:
    """A document's bytes (the download is audited)."""
    metadata, content = current_storage().archive.download(document_id, current_principal())
    response = Response(content, mimetype=metadata.media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{metadata.filename}"'
    response.headers["X-Document-Id"] = metadata.id
    response.headers["X-Content-SHA256"] = metadata.sha256
    response.headers["Cache-Control"] = "no-store"
    return response


MAX_OFFSET = 1_000_000_000


class AuditQuerySchema(Schema):
    """Query of GET /api/v1/audit."""

    case_id = fields.String(load_default=None, validate=validate.Length(max=32))
    since = fields.AwareDateTime(load_default=None)
    until = fields.AwareDateTime(load_default=None)
    limit = fields.Integer(load_default=100, validate=validate.Range(min=1, max=1000))
    # Past a billion events there is nothing to skip to, and a database integer overflows.
    offset = fields.Integer(
        load_default=0,
        validate=validate.Range(
            min=0, max=MAX_OFFSET, error=N_("Enter a number from 0 to 1,000,000,000.")
        ),
    )


@api_blueprint.get("/audit")
@allow("admin")
@declare(Answer(200, "The events, oldest first", AuditSchema), query=AuditQuerySchema)
def audit() -> Response:
    """The audit trail, filtered by case and time."""
    query = load_query(request, AuditQuerySchema)
    since: datetime | None = query["since"]
    with current_storage().database.session() as session:
        events = list_events(
            session,
            case_id=query["case_id"],
            since=since,
            until=query["until"],
            limit=query["limit"],
            offset=query["offset"],
        )
    return jsonify(events=events)
