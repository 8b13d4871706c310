"""Erasing a case or one person of it (admins, after a confirmation), and exporting what is held.

The same rules as the API (`service/storage/erasure.py`): the erasure cannot be undone,
its reason comes from a fixed list, and the admin types the case's number to confirm it.
"""

from __future__ import annotations

from typing import Any

from flask import Response, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from service.casework import refresh_plan
from service.i18n import N_
from service.principal import Principal
from service.storage import CaseView
from service.storage.erasure import PARENTS
from service.verification.rules import ERASURE_REASONS
from service.web.security import login_required
from service.web.views import CASEWORK, person_name, storage, translate, web_blueprint

CHILD = N_("child")
OTHER_ADULT = N_("another adult of the case")
ROLE_NAMES = {
    "mother": N_("mother"),
    "father": N_("father"),
    "applicant": N_("applicant"),
    "legal_representative": N_("legal representative"),
}


def erasable_people(case: CaseView) -> list[tuple[str, str]]:
    """The people of a case one may erase: (id or role, how the page names them)."""
    people = [
        (child["id"], f"{person_name(child)} ({translate(CHILD)})")
        for child in case.data.get("children", [])
    ]
    people += [
        (parent, f"{person_name(case.data[parent])} ({translate(ROLE_NAMES[parent])})")
        for parent in PARENTS
        if isinstance(case.data.get(parent), dict)
    ]
    # Other adults; the applicant and the legal representative point at one of these (or
    # at a parent), and erasing a person erases every role that names them.
    people += [
        (adult["id"], f"{person_name(adult)} ({translate(OTHER_ADULT)})")
        for adult in case.data.get("people", [])
        if isinstance(adult, dict) and adult.get("id")
    ]
    return people


def confirmation_word(case: CaseView) -> str:
    """What the admin types to confirm: the case's number (its id if it has none)."""
    return case.number or case.id


@web_blueprint.get("/cases/<case_id>/export")
@login_required(*CASEWORK)
def export_case_page(case_id: str, principal: Principal) -> Response:
    """Download everything held on a case (or `?person=` one of its people) as a ZIP."""
    person = request.args.get("person") or None
    content = storage().exporter.export(case_id, principal, person)
    response = Response(content, mimetype="application/zip")
    name = f"case-{case_id}-{person}.zip" if person else f"case-{case_id}.zip"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "no-store"
    return response


@web_blueprint.route("/cases/<case_id>/erase", methods=["GET", "POST"])
@login_required("admin")
def erase_case_page(case_id: str, principal: Principal) -> str | BaseResponse | tuple[str, int]:
    """The erasure of a case or a person: what goes, why, and a typed confirmation."""
    case = storage().cases.get(case_id, principal)
    people = erasable_people(case)
    chosen = request.values.get("person", "")
    errors: dict[str, str] = {}
    if request.method == "POST":
        reason = request.form.get("reason", "")
        if reason not in ERASURE_REASONS:
            errors["reason"] = translate(N_("Choose why the data is erased."))
        if chosen and chosen not in dict(people):
            errors["person"] = translate(N_("Choose a person of this case."))
        if request.form.get("confirm", "").strip() != confirmation_word(case):
            errors["confirm"] = translate(
                N_("Type the case number exactly as shown to confirm the erasure.")
            )
        if not errors:
            return erase(case, chosen, reason, principal)
    documents = storage().archive.list_for_case(case.id, principal)
    page = render_template(
        "erase.html",
        case=case,
        people=people,
        chosen=chosen,
        reasons=ERASURE_REASONS,
        reason=request.form.get("reason", ""),
        documents=len(documents),
        word=confirmation_word(case),
        errors=errors,
    )
    return (page, 422) if errors else page


def erase(case: CaseView, person: str, reason: str, principal: Principal) -> BaseResponse:
    """Carry out a confirmed erasure and say what was erased."""
    counts: dict[str, Any]
    if person:
        changed, report = storage().erasure.erase_person(
            case.id, person, principal=principal, reason=reason
        )
        refresh_plan(storage(), changed)
        counts = report.as_dict()
        flash(
            translate(N_("The person is erased, with %(documents)s documents of the case."))
            % {"documents": counts["documents"]}
        )
        return redirect(url_for("web.case", case_id=case.id))
    report = storage().erasure.erase_case(case.id, principal=principal, reason=reason)
    flash(
        translate(N_("Case %(number)s is erased, with %(documents)s documents."))
        % {"number": confirmation_word(case), "documents": report.documents}
    )
    return redirect(url_for("web.cases"))
