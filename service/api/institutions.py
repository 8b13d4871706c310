"""The directory of institutions: list, add, read, change (JSON merge patch)."""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify, request, url_for

from service.access.guard import allow
from service.api.blueprint import CASEWORK, api_blueprint, current_principal, current_storage
from service.api.contract import INSTITUTION_PATCH, UNKNOWN_INSTITUTION, Answer, declare
from service.api.requests import load_body, load_query, read_json
from service.errors import DataValidationError
from service.i18n import N_
from service.schemas.institutions import InstitutionCreateSchema, InstitutionListQuerySchema
from service.schemas.responses import InstitutionAnswerSchema, InstitutionListSchema
from service.storage import InstitutionView


def present_institution(institution: InstitutionView) -> dict[str, Any]:
    """An institution with its forms and a link to itself."""
    return {
        **institution.as_dict(),
        "url": url_for("api.get_institution", institution_id=institution.id),
    }


@api_blueprint.get("/institutions")
@allow(*CASEWORK)
@declare(
    Answer(200, "One page of institutions, by name", InstitutionListSchema),
    query=InstitutionListQuerySchema,
)
def list_institutions() -> Response:
    """List the organisation's institutions by name; `q` searches the name, `kind` filters."""
    query = load_query(request, InstitutionListQuerySchema)
    found, total = current_storage().institutions.search(
        current_principal(),
        q=query["q"],
        kind=query["kind"],
        page=query["page"],
        per_page=query["per_page"],
    )
    return jsonify(
        institutions=[present_institution(institution) for institution in found],
        page=query["page"],
        per_page=query["per_page"],
        total=total,
    )


@api_blueprint.post("/institutions")
@allow(*CASEWORK)
@declare(
    Answer(201, "The institution", InstitutionAnswerSchema, headers=("Location",)),
    body=InstitutionCreateSchema,
)
def create_institution() -> tuple[Response, int, dict[str, str]]:
    """Add an institution to the directory."""
    body = load_body(request, InstitutionCreateSchema)  # every error at once (422)
    fields = {key: value for key, value in read_json(request).items() if key != "organisation_id"}
    institution = current_storage().institutions.create(
        fields, principal=current_principal(), organisation_id=body["organisation_id"]
    )
    location = url_for("api.get_institution", institution_id=institution.id)
    return jsonify(present_institution(institution)), 201, {"Location": location}


@api_blueprint.get("/institutions/<institution_id>")
@allow(*CASEWORK)
@declare(Answer(200, "The institution", InstitutionAnswerSchema), problems=(UNKNOWN_INSTITUTION,))
def get_institution(institution_id: str) -> Response:
    """Read an institution: what was entered, the forms documents print, what is derived."""
    institution = current_storage().institutions.get(institution_id, current_principal())
    return jsonify(present_institution(institution))


@api_blueprint.patch("/institutions/<institution_id>")
@allow(*CASEWORK)
@declare(
    Answer(200, "The institution as changed", InstitutionAnswerSchema),
    body=INSTITUTION_PATCH,
    problems=(UNKNOWN_INSTITUTION,),
)
def update_institution(institution_id: str) -> Response:
    """Change an institution with a JSON merge patch (null clears a correction)."""
    patch = read_json(request)
    if not isinstance(patch, dict):
        raise DataValidationError({"_schema": [N_("Send the request body as a JSON object.")]})
    institution = current_storage().institutions.update(
        institution_id, patch, principal=current_principal()
    )
    return jsonify(present_institution(institution))
