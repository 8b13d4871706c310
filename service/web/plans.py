"""The plan on the pages: a checklist per child (and the mother) on the case page, a step's
progress recorded there, and the organisation's caseload (each person's next step).
"""

from __future__ import annotations

import functools
from datetime import date
from typing import Any

from flask import flash, redirect, render_template, request, url_for
from marshmallow import Schema, fields
from werkzeug.wrappers import Response as BaseResponse

from service.casework import KEPT_REASON, change_step, kept_steps, read_plan
from service.documents import get_template, list_templates
from service.errors import DataValidationError
from service.i18n import N_, gettext
from service.planning.model import PlanStep, StepProgress
from service.principal import Principal
from service.schemas.base import LocalizedTextField
from service.schemas.case import CaseSchema
from service.storage import CaseView, StoredStep
from service.storage.plans import CASELOAD_STATUSES
from service.web.forms import parse_form, path_label
from service.web.people import case_form_path
from service.web.security import login_required
from service.web.views import (
    CASEWORK,
    PER_PAGE,
    field_errors,
    numeric_date,
    page_count,
    person_name,
    render_case_page,
    requested_page,
    storage,
    template_title,
    translate,
    web_blueprint,
)

STATUS_LABELS = {
    "pending": N_("to do"),
    "prepared": N_("document made"),
    "filed": N_("filed"),
    "decided": N_("decided"),
    "done": N_("done"),
    "not_needed": N_("not needed"),
}
CASELOAD_LABELS = {
    "overdue": N_("overdue"),
    "pending": N_("to do"),
    "ready": N_("ready to make"),
    "prepared": N_("document made"),
    "filed": N_("filed"),
    "decided": N_("decided"),
}
# What each rule's decision records beyond date, number and outcome (service/planning/outcomes.py).
DECISION_PARTS = {
    "birth_fact": ("court", "case_number"),
    "birth_registration": ("certificate",),
    "war_affected_status": ("authority",),
}
# Statuses a step may be moved to from each status (the form offers only these).
NEXT_STATUSES = {
    "pending": ("filed", "decided", "not_needed"),
    "prepared": ("filed", "decided", "done", "not_needed"),
    "filed": ("decided", "done", "not_needed"),
    "decided": ("done", "not_needed"),
    "done": (),
    "not_needed": ("pending",),
}


def status_label(status: str) -> str:
    """A step's status in words, for the page."""
    return translate(STATUS_LABELS.get(status, status))


def form_anchor(schema: Schema, path: str) -> str:
    """The id of a generated form's input (or fieldset) of a field path."""
    current: Schema | None = schema
    parts = path.split(".")
    group = False
    for part in parts:
        if part.isdigit() or current is None:
            continue
        field = next(
            (f for name, f in current.fields.items() if (f.data_key or name) == part), None
        )
        if isinstance(field, fields.List) and isinstance(field.inner, fields.Nested):
            field = field.inner
        group = isinstance(field, (fields.Nested, LocalizedTextField))
        nested = field.schema if isinstance(field, fields.Nested) else None
        current = nested if isinstance(nested, Schema) else None
    return ("g-" if group else "f-") + path.replace(".", "-")


CASE_SCHEMA = CaseSchema()
CASE_FIELDS = set(CASE_SCHEMA.fields)


@functools.cache
def document_schema(template_id: str) -> Schema:
    """A template's schema, made once (the checklist links many fields into it)."""
    schema: Schema = get_template(template_id).schema()
    return schema


@functools.cache
def case_anchor(path: str) -> str:
    """The case form's anchor of a field path (the same for every case)."""
    return form_anchor(CASE_SCHEMA, path)


def missing_link(case: CaseView, template_id: str, person: str, path: str) -> str:
    """Where a missing field is filled in: the case form (the person's own fields, whoever
    a role names), or the document's own data form."""
    form_path = case_form_path(case.data, template_id, person, path)
    if form_path is not None:
        return url_for("web.edit_case", case_id=case.id) + "#" + case_anchor(form_path)
    schema = document_schema(template_id)
    return (
        url_for("web.document_data", case_id=case.id, template_id=template_id)
        + "#"
        + form_anchor(schema, path)
    )


def _shown_dates(value: dict[str, Any] | None) -> dict[str, Any]:
    return {
        key: numeric_date(item.isoformat()) if isinstance(item, date) else item
        for key, item in (value or {}).items()
    }


def _page_step(
    case: CaseView,
    *,
    key: str,
    person: str,
    rule: str,
    template_id: str,
    progress: StepProgress,
    lang: str,
) -> dict[str, Any]:
    return {
        "key": key,
        "person": person,
        "rule": rule,
        "template": template_id,
        "title": template_title(template_id, lang),
        "status": progress.status,
        "status_label": status_label(progress.status),
        "filed": _shown_dates(progress.filed),
        "decided": _shown_dates(progress.decided),
        "not_needed_reason": progress.not_needed_reason,
        "document_ids": list(progress.document_ids),
        "next_statuses": [(s, status_label(s)) for s in NEXT_STATUSES.get(progress.status, ())],
        "decision_parts": DECISION_PARTS.get(rule, ()),
        "html_id": "step-" + key.replace(".", "-"),
    }


def planned_step(
    case: CaseView, step: PlanStep, titles: dict[str, str], lang: str
) -> dict[str, Any]:
    """A planned step as the checklist shows it."""
    shown = _page_step(
        case,
        key=step.key,
        person=step.person,
        rule=step.rule,
        template_id=step.template,
        progress=step.progress,
        lang=lang,
    )
    shown.update(
        applies=True,
        reason=step.reason.get(lang, step.reason.get("uk", "")),
        legal_basis=step.legal_basis.get(lang, ""),
        ready=step.ready and step.progress.status in ("pending", "prepared"),
        waits_for=[titles.get(key, key) for key in step.after],
        missing=[
            {
                "path": item.path,
                "label": path_label(item.path, lambda msgid: gettext(msgid, lang)),
                "message": item.messages.get(lang, ""),
                "url": missing_link(case, step.template, step.person, item.path),
            }
            for item in step.missing
        ],
        due=numeric_date(step.due.isoformat()) if step.due else None,
        overdue=step.overdue,
    )
    return shown


def kept_step(case: CaseView, step: StoredStep, lang: str) -> dict[str, Any]:
    """A step the rules no longer ask for, kept for what was recorded of it."""
    shown = _page_step(
        case,
        key=step.key,
        person=step.person,
        rule=step.rule,
        template_id=step.template_id,
        progress=step.progress,
        lang=lang,
    )
    shown.update(
        applies=False,
        reason=translate(KEPT_REASON),
        legal_basis="",
        ready=False,
        waits_for=[],
        missing=[],
        due=None,
        overdue=False,
    )
    return shown


def page_plan(case: CaseView, lang: str) -> list[dict[str, Any]]:
    """Each person's checklist: name, then steps in order (kept steps last)."""
    plan, steps = read_plan(storage(), case)
    titles = {
        step.key: template_title(step.template, lang)
        for person in plan.people
        for step in person.steps
    }
    kept = kept_steps(plan, steps)
    people = []
    for person in plan.people:
        people.append(
            {
                "person": person.person,
                "name": person.name,
                "is_mother": person.person == "mother",
                "steps": [planned_step(case, step, titles, lang) for step in person.steps]
                + [kept_step(case, step, lang) for step in kept.pop(person.person, [])],
            }
        )
    for person_id, rest in kept.items():
        people.append(
            {
                "person": person_id,
                "name": person_name(case.data.get("mother"))
                if person_id == "mother"
                else next(
                    (
                        person_name(child)
                        for child in case.data.get("children") or []
                        if child.get("id") == person_id
                    ),
                    person_id,
                ),
                "is_mother": person_id == "mother",
                "steps": [kept_step(case, step, lang) for step in rest],
            }
        )
    return people


@web_blueprint.app_template_global()
def dotted(values: Any, path: str) -> Any:
    """The value at a dotted path of posted data ("" when absent), to refill a form."""
    current = values
    for part in path.split("."):
        current = current.get(part) if isinstance(current, dict) else None
    return "" if current is None else current


@web_blueprint.app_template_global()
def case_plan(case: CaseView, lang: str) -> list[dict[str, Any]]:
    """The case page's checklist (called by case.html)."""
    return page_plan(case, lang)


@web_blueprint.post("/cases/<case_id>/plan/<step_key>")
@login_required(*CASEWORK)
def record_step(
    case_id: str, step_key: str, principal: Principal
) -> BaseResponse | tuple[str, int]:
    """Record a step's progress; errors appear beside the step's fields, nothing is lost."""
    found = storage().cases.get(case_id, principal)
    change = parse_form(request.form.to_dict())
    try:
        change_step(storage(), found, step_key, change, principal=principal)
    except DataValidationError as error:
        step_form = {"key": step_key, "values": change, "errors": field_errors(error, prefix="")}
        return render_case_page(case_id, step_form=step_form), 422
    flash(translate(N_("The step is recorded.")))
    return redirect(
        url_for("web.case", case_id=case_id) + "#" + "step-" + step_key.replace(".", "-")
    )


@web_blueprint.get("/plan")
@login_required(*CASEWORK)
def caseload(principal: Principal) -> str | BaseResponse:
    """Each person's next step in the organisation's cases: overdue first, then by due date."""
    status = request.args.get("status", "")
    status = status if status in CASELOAD_STATUSES else ""
    template = request.args.get("template", "")[:100]
    page = requested_page()
    items, total = storage().plans.caseload(
        principal,
        today=date.today(),
        status=status or None,
        template=template or None,
        page=page,
        per_page=PER_PAGE,
    )
    pages = page_count(total)
    if page > pages:
        return redirect(
            url_for("web.caseload", status=status or None, template=template or None, page=pages)
        )
    cases: dict[str, CaseView] = {}
    rows = []
    for item in items:
        if item.case_id not in cases:
            cases[item.case_id] = storage().cases.get(item.case_id, principal)
        case = cases[item.case_id]
        person = item.step.person
        if person == "mother":
            name = person_name(case.data.get("mother"))
        else:
            name = next(
                (
                    person_name(child)
                    for child in case.data.get("children") or []
                    if child.get("id") == person
                ),
                "",
            )
        rows.append({"case": case, "item": item, "name": name, "is_mother": person == "mother"})
    return render_template(
        "caseload.html",
        rows=rows,
        total=total,
        page=page,
        pages=pages,
        status=status,
        template=template,
        statuses=[(value, translate(CASELOAD_LABELS[value])) for value in CASELOAD_STATUSES],
        templates=list_templates(),
        status_label=status_label,
        template_title=template_title,
    )
