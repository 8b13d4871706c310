"""The directory of institutions: list, add and correct the organisation's public bodies.

The form is generated from the API's schema (`InstitutionSchema`); after a save, the
page shows how documents will write the name (each derived form beside its correction).
The case and document forms offer the directory (`service/web/pickers.py`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import current_app, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from service.errors import DataValidationError
from service.i18n import N_
from service.principal import Principal
from service.schemas.institutions import INSTITUTION_KINDS, InstitutionSchema
from service.storage import InstitutionView
from service.web.forms import FormField, FormGroup, build_form, checkbox_paths, parse_form
from service.web.security import login_required, signed_in_principal
from service.web.views import (
    CASEWORK,
    PER_PAGE,
    field_errors,
    page_count,
    requested_page,
    storage,
    translate,
    web_blueprint,
)

KIND_LABELS = {
    "court": N_("court"),
    "civil_registry": N_("civil registry office"),
    "children_service": N_("children's service"),
    "admin_service_centre": N_("administrative service centre (ЦНАП)"),
    "migration_service": N_("State Migration Service unit"),
    "social_protection": N_("social protection"),
    "medical_facility": N_("medical facility"),
    "notary": N_("notary"),
    "council": N_("council"),
    "other": N_("other"),
}
FORM_LABELS = {
    "kind": N_("Kind of institution"),
    "name": N_("Name in Ukrainian (nominative)"),
    "name_dative": N_("Correction of the dative (to whom)"),
    "name_genitive": N_("Correction of the genitive (of whom)"),
    "name_en": N_("Correction of the English name"),
}
CLEARED = {"name_dative": None, "name_genitive": None, "name_en": None, "address": None}


def kind_name(kind: str) -> str:
    """What a kind of institution is called, for the page."""
    return translate(KIND_LABELS[kind]) if kind in KIND_LABELS else kind


def kind_choices() -> list[tuple[str, str]]:
    """Every kind, labelled for the page."""
    return [(kind, kind_name(kind)) for kind in INSTITUTION_KINDS]


def build_institution_form(
    values: Mapping[str, Any], errors: Mapping[str, list[str]]
) -> list[FormField | FormGroup]:
    """The institution form from its schema, with the directory's own labels."""
    items = build_form(InstitutionSchema(), values, errors, translate)
    for item in items:
        if isinstance(item, FormField) and item.path in FORM_LABELS:
            item.label = translate(FORM_LABELS[item.path])
            if item.path == "kind":
                item.choices = kind_choices()
    return items


def principal_or_fail() -> Principal:
    """The signed-in person (login_required ensures there is one)."""
    return signed_in_principal()


@web_blueprint.get("/institutions")
@login_required(*CASEWORK)
def institutions() -> str | BaseResponse:
    """The organisation's institutions by name: search in the name, filter by kind."""
    query = request.args.get("q", "").strip()[:100]
    kind = request.args.get("kind", "")
    kind = kind if kind in INSTITUTION_KINDS else ""
    page = requested_page()
    found, total = storage().institutions.search(
        principal_or_fail(), q=query or None, kind=kind or None, page=page, per_page=PER_PAGE
    )
    pages = page_count(total)
    if page > pages:
        return redirect(url_for("web.institutions", q=query or None, kind=kind or None, page=pages))
    return render_template(
        "institutions.html",
        institutions=found,
        query=query,
        kind=kind,
        kinds=kind_choices(),
        kind_name=kind_name,
        page=page,
        pages=pages,
        total=total,
    )


def render_institution_form(
    values: Mapping[str, Any],
    errors: dict[str, list[str]],
    institution: InstitutionView | None,
) -> str:
    """The form to add or correct an institution, and how documents write its name."""
    principal = principal_or_fail()
    organisations = (
        current_app.extensions["access"].list_organisations()
        if principal.sees_everything and institution is None
        else []
    )
    return render_template(
        "institution_form.html",
        items=build_institution_form(values, errors),
        institution=institution,
        forms=institution.forms() if institution else None,
        organisations=organisations,
        organisation_id=request.form.get("_organisation_id", ""),
        has_errors=bool(errors),
        general_errors=errors.get("_schema", []) + errors.get("organisation_id", []),
    )


def posted_institution() -> dict[str, Any]:
    """The institution of the posted form (blank fields left out)."""
    items = build_institution_form({}, {})
    return parse_form(request.form.to_dict(), checkbox_paths(items))


@web_blueprint.route("/institutions/new", methods=["GET", "POST"])
@login_required(*CASEWORK)
def new_institution() -> str | BaseResponse | tuple[str, int]:
    """Add an institution; errors beside their fields, nothing typed lost."""
    if request.method == "GET":
        return render_institution_form({}, {}, None)
    data = posted_institution()
    try:
        institution = storage().institutions.create(
            data,
            principal=principal_or_fail(),
            organisation_id=request.form.get("_organisation_id") or None,
        )
    except DataValidationError as error:
        return render_institution_form(data, field_errors(error, prefix=""), None), 422
    flash(translate(N_("The institution is saved. Check how documents will write its name.")))
    return redirect(url_for("web.edit_institution", institution_id=institution.id))


@web_blueprint.route("/institutions/<institution_id>", methods=["GET", "POST"])
@login_required(*CASEWORK)
def edit_institution(institution_id: str) -> str | BaseResponse | tuple[str, int]:
    """An institution: how documents write its name, and the form to correct it."""
    principal = principal_or_fail()
    institution = storage().institutions.get(institution_id, principal)
    if request.method == "GET":
        return render_institution_form(institution.fields(), {}, institution)
    data = posted_institution()
    try:
        storage().institutions.update(institution_id, CLEARED | data, principal=principal)
    except DataValidationError as error:
        return render_institution_form(data, field_errors(error, prefix=""), institution), 422
    flash(translate(N_("The institution is saved.")))
    return redirect(url_for("web.edit_institution", institution_id=institution_id))
