"""Case views: create, read, change, list; documents made from a case."""

from __future__ import annotations

from flask import Response, g, jsonify, request, url_for
from marshmallow import fields, validate

from service.access.guard import allow
from service.api.blueprint import (
    CASEWORK,
    api_blueprint,
    current_issuer,
    current_principal,
    current_storage,
)
from service.api.contract import (
    BYTES,
    CASE_CREATE,
    CASE_PATCH,
    RENDER_UNAVAILABLE,
    UNKNOWN_CASE,
    ZIP,
    Answer,
    Problem,
    declare,
)
from service.api.requests import load_body, load_query
from service.casework import build_document_data, outcome_source, refresh_plan, select_packet
from service.documents import get_template
from service.schemas.case import (
    CaseCreateSchema,
    CaseDocumentRequestSchema,
    ErasureQuerySchema,
    PacketRequestSchema,
)
from service.schemas.requests import PageQuerySchema
from service.schemas.responses import CaseAnswerSchema, CaseListSchema, DocumentSchema
from service.storage import CaseView


class CaseListQuerySchema(PageQuerySchema):
    """Query of GET /api/v1/cases."""

    surname = fields.String(load_default=None, validate=validate.Length(max=100))


def present_case(case: CaseView) -> dict[str, object]:
    """A case with links to itself and its documents."""
    documents = current_storage().archive.list_for_case(case.id, current_principal())
    return {
        **case.as_dict(),
        "url": url_for("api.get_case", case_id=case.id),
        "documents": [
            {**document.as_dict(), "url": url_for("api.get_document", document_id=document.id)}
            for document in documents
        ],
    }


@api_blueprint.post("/cases")
@allow(*CASEWORK)
@declare(
    Answer(201, "The case, its children with their ids", CaseAnswerSchema, headers=("Location",)),
    body=CASE_CREATE,
)
def create_case() -> tuple[Response, int, dict[str, str]]:
    """Create a case from a family's data."""
    body = load_body(request, CaseCreateSchema)
    case = current_storage().cases.create(body["data"], principal=current_principal())
    refresh_plan(current_storage(), case)
    location = url_for("api.get_case", case_id=case.id)
    return jsonify(present_case(case)), 201, {"Location": location}


@api_blueprint.get("/cases/<case_id>")
@allow(*CASEWORK)
@declare(Answer(200, "The case", CaseAnswerSchema), problems=(UNKNOWN_CASE,))
def get_case(case_id: str) -> Response:
    """Read a case and the documents made from it."""
    return jsonify(present_case(current_storage().cases.get(case_id, current_principal())))


@api_blueprint.patch("/cases/<case_id>")
@allow(*CASEWORK)
@declare(
    Answer(200, "The case as changed", CaseAnswerSchema), body=CASE_PATCH, problems=(UNKNOWN_CASE,)
)
def update_case(case_id: str) -> Response:
    """Change a case with a JSON merge patch of its data (null removes a field)."""
    body = load_body(request, CaseCreateSchema)
    case = current_storage().cases.update(case_id, body["data"], principal=current_principal())
    refresh_plan(current_storage(), case)
    return jsonify(present_case(case))


@api_blueprint.get("/cases")
@allow(*CASEWORK)
@declare(Answer(200, "One page of cases", CaseListSchema), query=CaseListQuerySchema)
def list_cases() -> Response:
    """List cases, newest change first; `surname` finds Ukrainian or Latin spellings."""
    query = load_query(request, CaseListQuerySchema)
    cases, total = current_storage().cases.search(
        current_principal(),
        surname=query["surname"],
        page=query["page"],
        per_page=query["per_page"],
    )
    return jsonify(
        cases=[
            {**case.as_dict(), "url": url_for("api.get_case", case_id=case.id)} for case in cases
        ],
        page=query["page"],
        per_page=query["per_page"],
        total=total,
    )


@api_blueprint.post("/cases/<case_id>/packet")
@allow(*CASEWORK)
@declare(
    Answer(
        200,
        "ZIP: the documents, manifest.json and packet.pdf",
        BYTES,
        media_types=(ZIP,),
        headers=("Content-Disposition", "X-Content-SHA256"),
    ),
    body=PacketRequestSchema,
    problems=(Problem(404, "Unknown case or template"), RENDER_UNAVAILABLE),
    description=(
        "Choose whom (`child_ids`) and which documents (`documents`), as the case page does:"
        " without `documents`, the packet holds the documents the chosen children's plans"
        " mark ready."
    ),
)
def build_packet(case_id: str) -> Response:
    """Render the chosen children's documents (by default their ready ones) into one ZIP."""
    body = load_body(request, PacketRequestSchema)
    storage = current_storage()
    case = storage.cases.get(case_id, current_principal())
    selection = select_packet(storage, case, body["documents"], body["child_ids"])
    packet = current_issuer().packets.build(
        case_id,
        outcomes=outcome_source(storage.plans, case),
        pairs=selection.pairs,
        left_out=selection.left_out,
        langs=list(dict.fromkeys(body["langs"])),
        formats=list(dict.fromkeys(body["formats"])),
        principal=current_principal(),
    )
    response = Response(packet.content, mimetype="application/zip")
    response.headers["Content-Disposition"] = f'attachment; filename="{packet.filename}"'
    response.headers["X-Content-SHA256"] = packet.sha256
    response.headers["Cache-Control"] = "no-store"
    return response


@api_blueprint.post("/cases/<case_id>/documents")
@allow(*CASEWORK)
@declare(
    Answer(201, "The document's metadata", DocumentSchema, headers=("Location",)),
    body=CaseDocumentRequestSchema,
    problems=(Problem(404, "Unknown case or template"), RENDER_UNAVAILABLE),
)
def create_case_document(case_id: str) -> tuple[Response, int, dict[str, str]]:
    """Make a document from a case; a 422 names what the case still lacks for it."""
    body = load_body(request, CaseDocumentRequestSchema)
    storage = current_storage()
    case = storage.cases.get(case_id, current_principal())
    spec = get_template(body["template"])
    g.template_id = spec.id
    lookup = storage.institutions.lookup_for(current_principal(), case.organisation_id)
    data = build_document_data(storage, case, spec, body["child_id"], body["data"], lookup=lookup)
    issued = current_issuer().issue(
        spec.id,
        data,
        body["lang"],
        body["format"],
        principal=current_principal(),
        case=case,
        child_id=body["child_id"],
    )
    location = url_for("api.get_document", document_id=issued.metadata.id)
    payload = {
        **issued.metadata.as_dict(),
        "url": location,
        "download_url": url_for("api.get_document_file", document_id=issued.metadata.id),
    }
    return jsonify(payload), 201, {"Location": location}


ERASED_ANSWER = {
    "type": "object",
    "properties": {
        "erased": {
            "type": "object",
            "description": "What was erased: cases, people, documents, jobs, plan steps, files",
            "additionalProperties": {"type": "integer"},
        },
        "case": {"type": "object", "description": "The case as it is now (a person's erasure)"},
    },
    "required": ["erased"],
}


@api_blueprint.delete("/cases/<case_id>")
@allow("admin")
@declare(
    Answer(200, "Erased: the case, its documents, plan, jobs, shares and files", ERASED_ANSWER),
    query=ErasureQuerySchema,
    problems=(UNKNOWN_CASE,),
    description=(
        "Erases a case for good, in one transaction: its data, documents and their bytes, "
        "preview images, plan, jobs, shares and links. The documents' seals stay, and the "
        "public verification page reports them withdrawn at the request of the person "
        "concerned, with no name. The erasure is audited with its reason."
    ),
)
def erase_case(case_id: str) -> Response:
    """Erase a case and everything made from it (admin; a reason from a fixed list)."""
    query = load_query(request, ErasureQuerySchema)
    report = current_storage().erasure.erase_case(
        case_id, principal=current_principal(), reason=query["reason"]
    )
    return jsonify(erased=report.as_dict())


@api_blueprint.delete("/cases/<case_id>/people/<person>")
@allow("admin")
@declare(
    Answer(200, "Erased: the person, and every document made from the case", ERASED_ANSWER),
    query=ErasureQuerySchema,
    problems=(Problem(404, "Unknown case or person"),),
    description=(
        "Erases one person of a case: a child by id, or mother, father, applicant or "
        "legal_representative. Every document made from the case so far goes too (any of "
        "the family's documents may name the person); the plan is made again."
    ),
)
def erase_person(case_id: str, person: str) -> Response:
    """Erase one person of a case and the case's documents (admin; with a reason)."""
    query = load_query(request, ErasureQuerySchema)
    storage = current_storage()
    case, report = storage.erasure.erase_person(
        case_id, person, principal=current_principal(), reason=query["reason"]
    )
    refresh_plan(storage, case)
    return jsonify(erased=report.as_dict(), case=present_case(case))


@api_blueprint.get("/cases/<case_id>/export")
@allow(*CASEWORK)
@declare(
    Answer(200, "ZIP: export.json and documents/", BYTES, media_types=(ZIP,)),
    problems=(UNKNOWN_CASE,),
)
def export_case(case_id: str) -> Response:
    """Everything held on a case, as JSON with the documents, in a ZIP (audited)."""
    content = current_storage().exporter.export(case_id, current_principal())
    return zip_answer(content, f"case-{case_id}.zip")


@api_blueprint.get("/cases/<case_id>/people/<person>/export")
@allow(*CASEWORK)
@declare(
    Answer(200, "ZIP: export.json and documents/", BYTES, media_types=(ZIP,)),
    problems=(Problem(404, "Unknown case or person"),),
)
def export_person(case_id: str, person: str) -> Response:
    """Everything held on one person of a case, with the documents about them, in a ZIP."""
    content = current_storage().exporter.export(case_id, current_principal(), person)
    return zip_answer(content, f"case-{case_id}-{person}.zip")


def zip_answer(content: bytes, filename: str) -> Response:
    """A ZIP to download, never cached."""
    response = Response(content, mimetype="application/zip")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response
