"""Evidence files of a case (scans and photos): upload, list, download, delete; and, for a
partner, the evidence a document shared with them lists.

An upload is `multipart/form-data`: the file in `file`, and `kind`, `person`,
`description`, `description_en` beside it. Its type is told from its bytes (PDF, JPEG,
PNG), never from its name or Content-Type; it may be up to `EVIDENCE_MAX_BYTES`
(PAPERWORK_EVIDENCE_MAX_BYTES) long, a limit of its own above the API's body limit. The
caseworker pages take the same form (`service/web/evidence.py`) through `receive_evidence`.
"""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, g, jsonify, request, url_for
from marshmallow import ValidationError

from service.access.guard import allow
from service.api.blueprint import (
    CASEWORK,
    DOCUMENT_READERS,
    api_blueprint,
    current_principal,
    current_storage,
)
from service.api.contract import (
    BYTES,
    UNKNOWN_CASE,
    UNKNOWN_DOCUMENT,
    Answer,
    Problem,
    declare,
)
from service.casework import refresh_plan
from service.errors import DataValidationError, PayloadTooLargeError, UnsupportedMediaTypeError
from service.i18n import N_
from service.principal import Principal
from service.rendering.evidence import EXTENSIONS, MEDIA_TYPES, check_evidence_file
from service.schemas.base import flatten_errors
from service.schemas.evidence import CASE, EVIDENCE_FILE_KINDS, EvidenceUploadSchema
from service.storage import CaseView, Storage, StoredEvidence
from service.storage.erasure import ADULT_ROLES
from service.storage.evidence import EvidenceNotFoundError, NewEvidence
from service.storage.verification import DocumentGoneError

# The endpoints that take an evidence file (the API's and the page's).
UPLOAD_ENDPOINTS = {"api.add_evidence", "web.add_evidence"}
# Room for the multipart framing and the form fields around the file.
MULTIPART_SLACK = 64 * 1024
FILENAME_MAX = 200


class EvidenceTooLargeError(PayloadTooLargeError):
    """An evidence file over the configured limit."""

    slug = "evidence-too-large"
    title = N_("File too large")
    detail = N_("The file is larger than %(megabytes)s MB: send a smaller scan or photo.")


def evidence_limit() -> int:
    """The largest evidence file accepted, in bytes."""
    return int(current_app.config["EVIDENCE_MAX_BYTES"])


def too_large() -> EvidenceTooLargeError:
    """The error of a file over the limit, naming the limit in megabytes."""
    megabytes = evidence_limit() / (1024 * 1024)
    return EvidenceTooLargeError(megabytes=f"{megabytes:g}", limit=evidence_limit())


@api_blueprint.before_app_request
def allow_evidence_body() -> None:
    """Let an evidence upload's body be as large as the evidence limit (before anything,
    the pages' CSRF check included, reads the form); refuse a larger one at once."""
    if request.endpoint not in UPLOAD_ENDPOINTS:
        return
    limit = evidence_limit()
    g.body_limit = limit
    request.max_content_length = limit + MULTIPART_SLACK
    if request.content_length is not None and request.content_length > limit + MULTIPART_SLACK:
        raise too_large()


def case_people(case: CaseView) -> set[str]:
    """Whom a case's evidence may be about: its children's ids and its adults' roles."""
    people = {str(child.get("id")) for child in case.data.get("children") or []}
    return people | {role for role in ADULT_ROLES if isinstance(case.data.get(role), dict)}


def clean_filename(name: str | None, media_type: str) -> str:
    """The name an upload was sent as, without folders or control characters; kept only
    to show and to export (encrypted), never to tell the type."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(c for c in base if c.isprintable()).strip()[:FILENAME_MAX]
    return base or f"evidence.{EXTENSIONS[media_type]}"


def receive_evidence(storage: Storage, case: CaseView, principal: Principal) -> StoredEvidence:
    """Check an uploaded evidence file (from its bytes) and its fields, store it, and
    rewrite the case's plan (a court application's evidence may now be complete).

    Every error of the form is reported at once (a 422 keyed by field); a file over the
    limit is a 413.
    """
    if request.mimetype != "multipart/form-data":
        raise UnsupportedMediaTypeError(N_("Send the file as multipart/form-data, field file."))
    errors: dict[str, list[str]] = {}
    upload = request.files.get("file")
    content = b""
    if upload is None or (not upload.filename and upload.content_length == 0):
        errors["file"] = [N_("Attach the file: a PDF, a JPEG or a PNG.")]
    else:
        content = upload.read(evidence_limit() + 1)
        if len(content) > evidence_limit():
            raise too_large()
    fields = {
        key: value
        for key, value in request.form.items()
        if key != "_csrf_token" and value.strip() != ""
    }
    loaded: dict[str, Any] = {}
    try:
        loaded = EvidenceUploadSchema().load(fields)
    except ValidationError as error:
        errors.update(flatten_errors(error.messages))
        loaded = error.valid_data if isinstance(error.valid_data, dict) else {}
    person = loaded.get("person", CASE)
    if person != CASE and person not in case_people(case):
        errors["person"] = [N_("The case has no such person.")]
    checked = None
    if "file" not in errors:
        try:
            checked = check_evidence_file(content)
        except DataValidationError as error:
            errors.update(error.errors)
    if errors or checked is None:
        raise DataValidationError(errors)
    description = None
    if loaded.get("description"):
        description = {"uk": loaded["description"]}
        if loaded.get("description_en"):
            description["en"] = loaded["description_en"]
    stored = storage.evidence.add(
        case.id,
        case.organisation_id,
        NewEvidence(
            person=None if person == CASE else person,
            kind=loaded["kind"],
            media_type=checked.media_type,
            pages=checked.pages,
            filename=clean_filename(upload.filename if upload else None, checked.media_type),
            description=description,
        ),
        content,
        principal=principal,
    )
    refresh_plan(storage, case)
    return stored


def present_evidence(evidence: StoredEvidence, document_id: str | None = None) -> dict[str, Any]:
    """An evidence file's metadata, with the address of its bytes."""
    if document_id is None:
        url = url_for("api.get_evidence_file", case_id=evidence.case_id, evidence_id=evidence.id)
    else:
        url = url_for(
            "api.get_listed_evidence_file", document_id=document_id, evidence_id=evidence.id
        )
    return {**evidence.as_dict(), "download_url": url}


def evidence_response(evidence: StoredEvidence, content: bytes) -> Response:
    """An evidence file's bytes, as the type they were found to be, to save (never shown
    in the browser as whatever it may claim to be)."""
    response = Response(content, mimetype=evidence.media_type)
    name = f"evidence-{evidence.id}.{EXTENSIONS[evidence.media_type]}"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["X-Content-SHA256"] = evidence.sha256
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "no-store"
    return response


EVIDENCE_UPLOAD: dict[str, Any] = {
    "type": "object",
    "properties": {
        "file": {**BYTES, "description": "A PDF, JPEG or PNG (its type is read from its bytes)"},
        "kind": {"type": "string", "enum": list(EVIDENCE_FILE_KINDS)},
        "person": {
            "type": "string",
            "maxLength": 32,
            "description": "A child's id, mother, father, applicant, legal_representative;"
            " or case (the default)",
        },
        "description": {"type": "string", "maxLength": 500},
        "description_en": {"type": "string", "maxLength": 500},
    },
    "required": ["file", "kind"],
}
EVIDENCE_ITEM: dict[str, Any] = {
    "type": "object",
    "properties": {
        "id": {"type": "string"},
        "case_id": {"type": "string"},
        "person": {"type": ["string", "null"]},
        "kind": {"type": "string"},
        "media_type": {"type": "string", "enum": list(MEDIA_TYPES)},
        "sha256": {"type": "string"},
        "size": {"type": "integer"},
        "pages": {"type": "integer"},
        "filename": {"type": "string"},
        "description": {"type": ["object", "null"]},
        "created_by": {"type": "string"},
        "created_at": {"type": "string", "format": "date-time"},
        "download_url": {"type": "string"},
    },
    "required": ["id", "kind", "media_type", "sha256", "size", "pages", "download_url"],
}
EVIDENCE_LIST: dict[str, Any] = {
    "type": "object",
    "properties": {"evidence": {"type": "array", "items": EVIDENCE_ITEM}},
    "required": ["evidence"],
}
LISTED_EVIDENCE: dict[str, Any] = {
    "type": "object",
    "properties": {
        "evidence": {
            "type": "array",
            "items": {
                **EVIDENCE_ITEM,
                "properties": {**EVIDENCE_ITEM["properties"], "annex": {"type": "integer"}},
            },
        }
    },
    "required": ["evidence"],
}
UNKNOWN_EVIDENCE = Problem(404, "Unknown case or evidence file")
EVIDENCE_FILE = Answer(
    200,
    "The evidence file",
    BYTES,
    media_types=MEDIA_TYPES,
    headers=("Content-Disposition", "X-Content-SHA256"),
)


@api_blueprint.post("/cases/<case_id>/evidence")
@allow(*CASEWORK)
@declare(
    Answer(201, "The evidence file, stored", EVIDENCE_ITEM, headers=("Location",)),
    body=EVIDENCE_UPLOAD,
    body_media_type="multipart/form-data",
    problems=(
        UNKNOWN_CASE,
        Problem(400, "Malformed multipart body"),
        Problem(413, "File over the evidence size limit"),
        Problem(415, "Not multipart/form-data"),
    ),
    description=(
        "Attaches a scan or photo to a case (person: a child's id or an adult's role) or to"
        " the whole case. PDF, JPEG or PNG, told from the bytes; HEIC is refused with a"
        " message saying how to send JPEG. Stored encrypted; audited by id, hash, size and"
        " type. A child's court application then lists the child's and the case's evidence"
        " as its attachments, and a packet prints them as annexes."
    ),
)
def add_evidence(case_id: str) -> tuple[Response, int, dict[str, str]]:
    """Attach an evidence file to a case."""
    storage = current_storage()
    case = storage.cases.get(case_id, current_principal())
    stored = receive_evidence(storage, case, current_principal())
    body = present_evidence(stored)
    return jsonify(body), 201, {"Location": body["download_url"]}


@api_blueprint.get("/cases/<case_id>/evidence")
@allow(*CASEWORK)
@declare(
    Answer(200, "The case's evidence files, oldest first", EVIDENCE_LIST), problems=(UNKNOWN_CASE,)
)
def list_evidence(case_id: str) -> Response:
    """A case's evidence files."""
    storage = current_storage()
    case = storage.cases.get(case_id, current_principal())
    return jsonify(evidence=[present_evidence(e) for e in storage.evidence.list_for_case(case.id)])


@api_blueprint.get("/cases/<case_id>/evidence/<evidence_id>/file")
@allow(*CASEWORK)
@declare(EVIDENCE_FILE, problems=(UNKNOWN_EVIDENCE,))
def get_evidence_file(case_id: str, evidence_id: str) -> Response:
    """An evidence file's bytes (the download is audited)."""
    storage = current_storage()
    case = storage.cases.get(case_id, current_principal())
    evidence = storage.evidence.get(case.id, evidence_id)
    return evidence_response(evidence, storage.evidence.download(evidence, current_principal()))


@api_blueprint.delete("/cases/<case_id>/evidence/<evidence_id>")
@allow(*CASEWORK)
@declare(Answer(204, "Deleted"), problems=(UNKNOWN_EVIDENCE,))
def delete_evidence(case_id: str, evidence_id: str) -> tuple[str, int]:
    """Delete an evidence file (its bytes too, unless a document's are the same); audited."""
    storage = current_storage()
    case = storage.cases.get(case_id, current_principal())
    evidence = storage.evidence.get(case.id, evidence_id)
    storage.evidence.delete(evidence, principal=current_principal())
    refresh_plan(storage, case)
    return "", 204


def listed_evidence_of(document_id: str, principal: Principal) -> list[tuple[int, StoredEvidence]]:
    """The evidence a document the caller may see lists; a partner's document must be
    neither revoked nor unshared (as for its own download)."""
    storage = current_storage()
    metadata = storage.archive.get(document_id, principal)
    if principal.role == "partner" and storage.verification is not None:
        seal = storage.verification.get(metadata.id)
        if seal is not None and seal.revoked:
            raise DocumentGoneError()
    return storage.evidence.listed_in(metadata.id)


@api_blueprint.get("/documents/<document_id>/evidence")
@allow(*DOCUMENT_READERS)
@declare(
    Answer(200, "The evidence files the document lists, by annex", LISTED_EVIDENCE),
    problems=(UNKNOWN_DOCUMENT, Problem(410, "The document was revoked")),
)
def list_listed_evidence(document_id: str) -> Response:
    """The evidence a document lists as its annexes: what a partner given it may fetch."""
    listed = listed_evidence_of(document_id, current_principal())
    return jsonify(
        evidence=[
            {**present_evidence(evidence, document_id), "annex": annex}
            for annex, evidence in listed
        ]
    )


@api_blueprint.get("/documents/<document_id>/evidence/<evidence_id>/file")
@allow(*DOCUMENT_READERS)
@declare(
    EVIDENCE_FILE,
    problems=(
        Problem(404, "Unknown document, or evidence it does not list"),
        Problem(410, "The document was revoked"),
    ),
)
def get_listed_evidence_file(document_id: str, evidence_id: str) -> Response:
    """The bytes of an evidence file a document lists (audited with the document)."""
    principal = current_principal()
    listed = {e.id: e for _annex, e in listed_evidence_of(document_id, principal)}
    evidence = listed.get(evidence_id)
    if evidence is None:
        raise EvidenceNotFoundError()
    content = current_storage().evidence.download(evidence, principal, document_id=document_id)
    return evidence_response(evidence, content)
