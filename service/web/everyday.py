"""A caseworker's everyday pages: a child's printable checklist, and the case's notes.

The checklist is the plan of one person (a child, or the mother) on a page of its own, made
to be printed and taken to an appointment: each step, what it still needs, its due date.
Notes are free text on a case, encrypted at rest (`service/storage/notes.py`); the audit
trail records that a note was added or deleted, never what it says.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from werkzeug.wrappers import Response as BaseResponse

from service.casework import STORED_MISSING
from service.errors import DataValidationError
from service.i18n import N_, gettext
from service.principal import Principal
from service.storage import CaseView
from service.storage.erasure import PersonNotFoundError
from service.storage.notes import NOTE_MAX_LENGTH, CaseNote
from service.web.plans import page_plan
from service.web.security import login_required, signed_in_principal
from service.web.views import (
    CASEWORK,
    actor_names,
    numeric_date,
    render_case_page,
    storage,
    translate,
    web_blueprint,
)


def person_of(case: CaseView, person: str) -> dict[str, Any] | None:
    """A person of the case by plan id: a child's id, or "mother"."""
    if person == "mother":
        mother = case.data.get("mother")
        return mother if isinstance(mother, dict) else None
    return next((c for c in case.data.get("children") or [] if c.get("id") == person), None)


@web_blueprint.get("/cases/<case_id>/checklist/<person>")
@login_required(*CASEWORK)
def checklist(case_id: str, person: str, principal: Principal) -> str:
    """One person's steps, what each still needs and when it is due, ready to print."""
    case = storage().cases.get(case_id, principal)
    planned = next((p for p in page_plan(case, page_language()) if p["person"] == person), None)
    entry = person_of(case, person)
    if planned is None and entry is None:
        raise PersonNotFoundError()
    generic = {gettext(STORED_MISSING, lang) for lang in ("uk", "en")}
    for step in planned["steps"] if planned else []:
        for item in step["missing"]:  # the plain "fill this in" says no more than the label
            if item["message"] in generic:
                item["message"] = ""
    return render_template(
        "checklist.html",
        case=case,
        person=person,
        entry=entry or {},
        is_mother=person == "mother",
        steps=planned["steps"] if planned else [],
        today=numeric_date(date.today().isoformat()),
    )


def page_language() -> str:
    """The language the pages are shown in."""
    return str(get_locale() or "uk")


def case_notes(case_id: str) -> list[CaseNote]:
    """The notes of a case for its page (the template calls this)."""
    return storage().notes.list_for_case(case_id, signed_in_principal())


@web_blueprint.app_template_global()
def notes_of_case(case_id: str) -> dict[str, Any]:
    """What the case page's notes part shows: the notes, their authors, the limit."""
    notes = case_notes(case_id)
    return {
        "notes": notes,
        "authors": actor_names({note.created_by for note in notes}),
        "max_length": NOTE_MAX_LENGTH,
    }


@web_blueprint.post("/cases/<case_id>/notes")
@login_required(*CASEWORK)
def add_note(case_id: str, principal: Principal) -> BaseResponse | tuple[str, int]:
    """Keep a note on the case; a refused one comes back with its message and its text."""
    text = request.form.get("text", "")
    try:
        storage().notes.add(case_id, text, principal=principal)
    except DataValidationError as error:
        messages = [translate(message) for message in error.errors.get("text", [])]
        return render_case_page(case_id, note_form={"text": text, "errors": messages}), 422
    flash(translate(N_("The note is kept.")))
    return redirect(url_for("web.case", case_id=case_id) + "#notes")


@web_blueprint.post("/cases/<case_id>/notes/<note_id>/delete")
@login_required(*CASEWORK)
def delete_note(case_id: str, note_id: str, principal: Principal) -> BaseResponse:
    """Delete a note (its author, or an admin)."""
    storage().notes.delete(case_id, note_id, principal=principal)
    flash(translate(N_("The note is deleted.")))
    return redirect(url_for("web.case", case_id=case_id) + "#notes")
