"""Plan views: a case's plan, a step's progress, the organisation's caseload."""

from __future__ import annotations

from datetime import date

from flask import Response, jsonify, request, url_for
from marshmallow import fields, validate

from service.access.guard import allow
from service.api.blueprint import CASEWORK, api_blueprint, current_principal, current_storage
from service.api.contract import UNKNOWN_CASE, Answer, Problem, declare
from service.api.requests import load_query, read_json
from service.casework import change_step, present_plan, read_plan
from service.i18n import N_
from service.schemas.plan import StepChangeSchema
from service.schemas.requests import PageQuerySchema
from service.schemas.responses import CaseloadSchema, PlanSchema
from service.storage.plans import CASELOAD_STATUSES, CaseloadItem


class CaseloadQuerySchema(PageQuerySchema):
    """Query of GET /api/v1/plan."""

    status = fields.String(
        load_default=None,
        validate=validate.OneOf(CASELOAD_STATUSES, error=N_("Choose one of the listed statuses.")),
    )
    template = fields.String(load_default=None, validate=validate.Length(max=100))


@api_blueprint.get("/cases/<case_id>/plan")
@allow(*CASEWORK)
@declare(Answer(200, "Each person's steps, in order", PlanSchema), problems=(UNKNOWN_CASE,))
def get_plan(case_id: str) -> Response:
    """Each person's steps in order: readiness, progress, due dates (from the stored plan)."""
    storage = current_storage()
    case = storage.cases.get(case_id, current_principal())
    plan, steps = read_plan(storage, case)
    return jsonify(present_plan(case.id, plan, steps))


@api_blueprint.patch("/cases/<case_id>/plan/steps/<step_key>")
@allow(*CASEWORK)
@declare(
    Answer(200, "The plan, the step changed", PlanSchema),
    body=StepChangeSchema,
    problems=(Problem(404, "Unknown case or step (or another organisation's)"),),
)
def change_plan_step(case_id: str, step_key: str) -> Response:
    """Record a step's progress (filed, decided, done, not needed); the plan follows."""
    storage = current_storage()
    case = storage.cases.get(case_id, current_principal())
    change_step(storage, case, step_key, read_json(request), principal=current_principal())
    plan, steps = read_plan(storage, case)
    return jsonify(present_plan(case.id, plan, steps))


def present_caseload_item(item: CaseloadItem) -> dict[str, object]:
    """A person's next step in the caseload: ids, status and dates, no names."""
    step = item.step
    return {
        "case_id": item.case_id,
        "case_url": url_for("api.get_case", case_id=item.case_id),
        "plan_url": url_for("api.get_plan", case_id=item.case_id),
        "person": step.person,
        "key": step.key,
        "rule": step.rule,
        "template": step.template_id,
        "status": step.status,
        "ready": step.ready,
        "missing": list(step.missing),
        "due": step.due.isoformat() if step.due else None,
        "overdue": item.overdue,
    }


@api_blueprint.get("/plan")
@allow(*CASEWORK)
@declare(Answer(200, "One page of next steps", CaseloadSchema), query=CaseloadQuerySchema)
def caseload() -> Response:
    """Each person's next step in the organisation's cases: overdue first, then by due date."""
    query = load_query(request, CaseloadQuerySchema)
    items, total = current_storage().plans.caseload(
        current_principal(),
        today=date.today(),
        status=query["status"],
        template=query["template"],
        page=query["page"],
        per_page=query["per_page"],
    )
    return jsonify(
        items=[present_caseload_item(item) for item in items],
        page=query["page"],
        per_page=query["per_page"],
        total=total,
    )
