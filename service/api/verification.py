"""Verification views: public checks by code or file; revocation, shares and links.

`GET /api/v1/verify/{code}` and `POST /api/v1/verify` are public (no token, rate
limits apply) and answer with nothing personal: template, issue date, issuer, SHA-256,
revoked or not.
"""

from __future__ import annotations

from flask import Response, current_app, jsonify, request

from service.access.guard import PUBLIC, allow
from service.api.blueprint import (
    CASEWORK,
    api_blueprint,
    current_issuer,
    current_principal,
    current_storage,
)
from service.api.contract import (
    DATABASE_UNAVAILABLE,
    DOCUMENT_REVOKED,
    FILE_UPLOAD,
    OBJECT,
    UNKNOWN_DOCUMENT,
    Answer,
    Problem,
    declare,
)
from service.api.requests import load_body, load_query
from service.errors import DataValidationError, ServiceError, UnsupportedMediaTypeError
from service.i18n import N_
from service.issuing.checks import DocumentChecks, present_seal
from service.schemas.requests import PageQuerySchema
from service.schemas.responses import (
    DocumentSealSchema,
    FileCheckSchema,
    LinkSchema,
    SealSchema,
    SharedListSchema,
    ShareListSchema,
)
from service.schemas.verification import (
    LinkRequestSchema,
    RevokeRequestSchema,
    ShareRequestSchema,
)
from service.storage.verification import VerificationStore


def current_verification() -> VerificationStore:
    """The application's verification store (there is none without a signing certificate)."""
    verification = current_storage().verification
    if verification is None:
        raise ServiceError()
    return verification


def current_checks() -> DocumentChecks:
    """Checks of codes and files against the seals (none without a signing certificate)."""
    checks = current_issuer().checks
    if checks is None:
        raise ServiceError()
    return checks


@api_blueprint.get("/verify/<code>")
@allow(PUBLIC)
@declare(
    Answer(200, "Genuine or revoked: nothing personal", SealSchema),
    problems=(Problem(404, "Unknown code"), DATABASE_UNAVAILABLE),
)
def verify_code(code: str) -> Response:
    """Whether the document of a verification code is genuine and not revoked."""
    return jsonify(present_seal(current_checks().find(code)))


@api_blueprint.post("/verify")
@allow(PUBLIC)
@declare(
    Answer(200, "Whether the file is genuine, and why not", FileCheckSchema),
    body=FILE_UPLOAD,
    body_media_type="multipart/form-data",
    problems=(
        Problem(400, "Malformed multipart body"),
        Problem(413, "File over the size limit"),
        Problem(415, "Not multipart/form-data"),
        DATABASE_UNAVAILABLE,
    ),
)
def verify_file() -> Response:
    """Whether an uploaded PDF is a genuine, unrevoked document of ours (signature and store)."""
    if request.mimetype != "multipart/form-data":
        raise UnsupportedMediaTypeError(N_("Send the file as multipart/form-data, field file."))
    upload = request.files.get("file")
    if upload is None:
        raise DataValidationError({"file": [N_("Send the PDF in the field file.")]})
    content = upload.read(current_app.config["MAX_CONTENT_LENGTH"] + 1)
    return jsonify(current_checks().verify_file(content))


@api_blueprint.get("/documents/<document_id>/verification")
@allow("caseworker", "partner", "admin")
@declare(
    Answer(200, "The seal, or sealed: false", DocumentSealSchema), problems=(UNKNOWN_DOCUMENT,)
)
def document_verification(document_id: str) -> Response:
    """A document's seal: code, address, hashes (signed and unsigned), revocation and note."""
    metadata = current_storage().archive.get(document_id, current_principal())
    verification = current_verification()
    seal = verification.get(metadata.id)
    if seal is None:
        return jsonify(document_id=metadata.id, sealed=False)
    return jsonify(
        {
            **present_seal(seal),
            "document_id": metadata.id,
            "sealed": True,
            "unsigned_sha256": seal.unsigned_sha256,
            "unsigned_size": seal.unsigned_size,
            "certificate_sha256": seal.certificate_sha256,
            "revocation_note": verification.revocation_note(metadata.id),
        }
    )


@api_blueprint.post("/documents/<document_id>/revoke")
@allow(*CASEWORK)
@declare(
    Answer(200, "The seal, revoked", SealSchema),
    body=RevokeRequestSchema,
    problems=(
        Problem(403, "Not the author, nor an admin"),
        UNKNOWN_DOCUMENT,
        DOCUMENT_REVOKED,
    ),
)
def revoke_document(document_id: str) -> Response:
    """Revoke a document (its author or an admin) with a reason; the verify page says so."""
    body = load_body(request, RevokeRequestSchema)
    principal = current_principal()
    metadata = current_storage().archive.get(document_id, principal)
    seal = current_verification().revoke(
        metadata.id, metadata.created_by, principal, reason=body["reason"], note=body["note"]
    )
    return jsonify(present_seal(seal))


@api_blueprint.get("/documents/<document_id>/shares")
@allow(*CASEWORK)
@declare(Answer(200, "Shares and links", ShareListSchema), problems=(UNKNOWN_DOCUMENT,))
def list_shares(document_id: str) -> Response:
    """A document's shares with organisations and its links."""
    metadata = current_storage().archive.get(document_id, current_principal())
    return jsonify(shares=current_verification().list_shares(metadata.id))


@api_blueprint.post("/documents/<document_id>/shares")
@allow(*CASEWORK)
@declare(
    Answer(201, "Shared", OBJECT),
    Answer(200, "Already shared", OBJECT),
    body=ShareRequestSchema,
    problems=(UNKNOWN_DOCUMENT, DOCUMENT_REVOKED),
)
def share_document(document_id: str) -> tuple[Response, int]:
    """Share a document with a partner organisation (201; 200 if it already was)."""
    body = load_body(request, ShareRequestSchema)
    principal = current_principal()
    metadata = current_storage().archive.get(document_id, principal)
    share, made = current_verification().share(metadata.id, body["organisation_id"], principal)
    return jsonify(share), 201 if made else 200


@api_blueprint.delete("/documents/<document_id>/shares/<organisation_id>")
@allow(*CASEWORK)
@declare(Answer(204, "Shared no more"), problems=(Problem(404, "Unknown document or share"),))
def unshare_document(document_id: str, organisation_id: str) -> tuple[str, int]:
    """Stop sharing a document with an organisation."""
    principal = current_principal()
    metadata = current_storage().archive.get(document_id, principal)
    current_verification().unshare(metadata.id, organisation_id, principal)
    return "", 204


@api_blueprint.post("/documents/<document_id>/links")
@allow(*CASEWORK)
@declare(
    Answer(201, "The link; its address is shown once", LinkSchema),
    body=LinkRequestSchema,
    problems=(UNKNOWN_DOCUMENT, DOCUMENT_REVOKED),
)
def create_link(document_id: str) -> tuple[Response, int]:
    """Make an expiring public download link (7 days unless `days` says otherwise)."""
    body = load_body(request, LinkRequestSchema)
    principal = current_principal()
    metadata = current_storage().archive.get(document_id, principal)
    verification = current_verification()
    link, token = verification.create_link(metadata.id, principal, days=body["days"])
    return jsonify({**link, "url": f"{verification.public_url}/shared/{token}"}), 201


@api_blueprint.delete("/documents/<document_id>/links/<link_id>")
@allow(*CASEWORK)
@declare(Answer(204, "The link has ended"), problems=(Problem(404, "Unknown document or link"),))
def revoke_link(document_id: str, link_id: str) -> tuple[str, int]:
    """End a link before it expires (it then answers 410)."""
    principal = current_principal()
    metadata = current_storage().archive.get(document_id, principal)
    current_verification().revoke_link(metadata.id, link_id, principal)
    return "", 204


@api_blueprint.get("/shared")
@allow("partner", "admin")
@declare(
    Answer(200, "One page of shared documents, newest share first", SharedListSchema),
    query=PageQuerySchema,
)
def shared_documents() -> Response:
    """Documents shared with the caller's organisation (partners), a page at a time."""
    query = load_query(request, PageQuerySchema)
    documents, total = current_storage().archive.list_shared(
        current_principal(), page=query["page"], per_page=query["per_page"]
    )
    return jsonify(
        documents=[document.as_dict() for document in documents],
        page=query["page"],
        per_page=query["per_page"],
        total=total,
    )
