"""A caseworker's actions on a case's plan, between the views and storage.

The rules (service/planning) decide; storage keeps the case and a row per plan step. The
views (API, pages, CLI) call these functions after they save a case, so the stored plan
follows every change: the case, its document data, a step's progress.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from service.documents.catalog import get_template
from service.documents.from_case import (
    CASE_EVIDENCE,
    MOTHER,
    build_step_data,
    build_template_data,
)
from service.documents.references import InstitutionLookup
from service.documents.spec import TemplateSpec
from service.errors import DataValidationError, translate_message
from service.i18n import N_
from service.planning.model import CasePlan, MissingField, PersonPlan, PlanStep, StepProgress
from service.planning.outcomes import outcome_overrides
from service.planning.plan import build_plan
from service.planning.readiness import make_readiness_check
from service.planning.steps import apply_step_change
from service.principal import Principal
from service.storage import CaseView, PlanStore, Storage, StoredStep

# What a stored missing field says (only its path is stored: the rules' own message
# is given when the plan is rewritten, and when the document is made).
STORED_MISSING = N_("Fill this in (or correct it) before the document can be made.")


def document_case_data(storage: Storage, case: CaseView) -> dict[str, Any]:
    """A case's data as documents are built from it: with its evidence files listed
    (`from_case.CASE_EVIDENCE`), so a court application's attachments are drawn from them."""
    return {**case.data, CASE_EVIDENCE: storage.evidence.case_entries(case.id)}


def refresh_plan(storage: Storage, case: CaseView, *, today: date | None = None) -> CasePlan:
    """Rebuild a case's plan with the full readiness check and store it.

    The check reads the case organisation's directory, so a court given by reference
    counts as filled in.
    """
    check = make_readiness_check(storage.institutions.lookup(case.organisation_id))
    plan = build_plan(
        document_case_data(storage, case),
        storage.plans.progress(case.id),
        today=today or date.today(),
        check_readiness=check,
    )
    storage.plans.rewrite(case.id, plan)
    return plan


def read_plan(
    storage: Storage, case: CaseView, *, today: date | None = None
) -> tuple[CasePlan, list[StoredStep]]:
    """A case's plan from its stored rows (no document is checked again), and the rows.

    A case stored before plans existed gets its plan made now.
    """
    steps = storage.plans.steps(case.id)
    if not steps:
        refresh_plan(storage, case, today=today)
        steps = storage.plans.steps(case.id)
    stored = {(step.person, step.template_id): step for step in steps if step.applies}
    progress = {step.key: step.progress for step in steps}
    message = translate_message(STORED_MISSING)
    full_check: list[bool] = []

    def stored_readiness(
        template_id: str,
        case_data: Mapping[str, Any],
        child_id: str | None,
        overrides: Mapping[str, Any] | None,
    ) -> tuple[MissingField, ...]:
        step = stored.get((child_id or "mother", template_id))
        if step is None:  # a step the stored plan lacks (a child turned 14 today)
            full_check.append(True)
            return ()
        return tuple(MissingField(path, message) for path in step.missing)

    plan = build_plan(
        case.data, progress, today=today or date.today(), check_readiness=stored_readiness
    )
    if full_check:
        plan = refresh_plan(storage, case, today=today)
        steps = storage.plans.steps(case.id)
    return plan, steps


def kept_steps(plan: CasePlan, steps: list[StoredStep]) -> dict[str, list[StoredStep]]:
    """Stored steps with recorded progress that the rules no longer ask for, by person."""
    planned = {step.key for person in plan.people for step in person.steps}
    kept: dict[str, list[StoredStep]] = {}
    for step in steps:
        if not step.applies and step.key not in planned:
            kept.setdefault(step.person, []).append(step)
    return kept


def change_step(
    storage: Storage,
    case: CaseView,
    key: str,
    change: Mapping[str, Any],
    *,
    principal: Principal,
    today: date | None = None,
) -> StepProgress:
    """Advance one step (filed, decided, done, not needed), record it, rebuild the plan."""
    day = today or date.today()
    current = storage.plans.step(case.id, key)
    progress = apply_step_change(current.progress, change, today=day)
    storage.plans.record_progress(case.id, key, progress, actor=principal.id)
    refresh_plan(storage, case, today=day)
    return progress


KEPT_REASON = N_(
    "The case's facts no longer call for this step; it is kept for what was recorded of it."
)


def present_progress(progress: StepProgress) -> dict[str, Any]:
    """What was recorded of a step, JSON-ready."""
    return {
        "status": progress.status,
        "filed": _iso_dates(progress.filed),
        "decided": _iso_dates(progress.decided),
        "not_needed_reason": progress.not_needed_reason,
        "document_ids": list(progress.document_ids),
    }


def _iso_dates(value: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if value is None:
        return None
    return {
        key: item.isoformat() if isinstance(item, date) else item for key, item in value.items()
    }


def present_step(step: PlanStep) -> dict[str, Any]:
    """One step of a plan, JSON-ready (ids, no names)."""
    return {
        "key": step.key,
        "person": step.person,
        "rule": step.rule,
        "template": step.template,
        "family": step.family,
        "reason": step.reason,
        "legal_basis": step.legal_basis,
        "after": list(step.after),
        "ready": step.ready,
        "missing": [{"field": item.path, "messages": item.messages} for item in step.missing],
        **present_progress(step.progress),
        "due": step.due.isoformat() if step.due else None,
        "due_basis": step.due_basis,
        "overdue": step.overdue,
        "applies": True,
    }


def present_kept(step: StoredStep, today: date) -> dict[str, Any]:
    """A step the rules no longer ask for, kept because something was recorded of it."""
    return {
        "key": step.key,
        "person": step.person,
        "rule": step.rule,
        "template": step.template_id,
        "family": step.template_id.split(".", 1)[0],
        "reason": translate_message(KEPT_REASON),
        "legal_basis": {"uk": "", "en": ""},
        "after": [],
        "ready": False,
        "missing": [],
        **present_progress(step.progress),
        "due": None,
        "due_basis": None,
        "overdue": False,
        "applies": False,
    }


def present_plan(case_id: str, plan: CasePlan, steps: list[StoredStep]) -> dict[str, Any]:
    """A case's plan as the API gives it: each person's steps in order, then kept ones."""
    kept = kept_steps(plan, steps)
    people = [
        {
            "person": person.person,
            "steps": [present_step(step) for step in person.steps]
            + [present_kept(step, plan.today) for step in kept.pop(person.person, [])],
        }
        for person in plan.people
    ]
    people += [
        {"person": person, "steps": [present_kept(step, plan.today) for step in rest]}
        for person, rest in kept.items()
    ]
    return {"case_id": case_id, "today": plan.today.isoformat(), "people": people}


@dataclass(frozen=True)
class PacketSelection:
    """What a packet holds: each chosen person's documents from that person's plan."""

    pairs: tuple[tuple[str, str], ...]  # (template id, child id or "mother"), in order
    left_out: tuple[dict[str, str], ...]  # {"template", "person"}: not in that person's plan


@dataclass(frozen=True)
class PlannedDocument:
    """A document a person's plan lists, as a packet may hold it."""

    key: str  # the plan step's key, "<person>.<rule>"
    template: str
    person: str  # a child's id, or "mother"
    status: str  # the step's status (pending, prepared, filed, decided, done)
    makeable: bool  # nothing missing, nothing to wait for: it can be made (again) now
    ready: bool  # makeable and still to be handed in: what the plan marks ready


# A step whose document is still to be handed in: its document is what a packet is for.
TO_HAND_IN = ("pending", "prepared")

NOTHING_IN_PLAN = N_(
    "None of the chosen documents is in the plan of the chosen children: a packet holds each"
    " person's documents from that person's plan. Tell each child's situation on the case"
    " form, or choose the documents the plan lists."
)
NOTHING_READY = N_(
    "No document of the chosen children is ready yet: the plan lists what each still lacks."
    " Fill it in, or choose the documents."
)
UNKNOWN_PERSON = N_("The case has no child with this id.")


def planned_documents(plan: CasePlan) -> list[PlannedDocument]:
    """Every document the people's plans list (not marked not needed), in the plan's order."""
    return [
        PlannedDocument(
            key=step.key,
            template=step.template,
            person=person.person,
            status=step.progress.status,
            makeable=step.ready,
            ready=step.ready and step.progress.status in TO_HAND_IN,
        )
        for person in plan.people
        for step in person.steps
        if step.progress.status != "not_needed"
    ]


def select_packet(
    storage: Storage,
    case: CaseView,
    templates: Sequence[str] | None,
    person_ids: Sequence[str] | None,
    *,
    today: date | None = None,
) -> PacketSelection:
    """Pick each chosen person's documents from the plan, never every template for every child.

    A template is made for a person only when that person's plan has a step for it (not
    marked not needed): a court application for the child born under occupation, not for
    the brother born before it. `person_ids` None: every child, and the mother.
    `templates` None: the documents the chosen people's plans mark ready (still to be
    handed in), as the case page preselects them.
    """
    for template_id in templates or ():
        get_template(template_id)  # an unknown id is a 404, as for one document
    plan, _steps = read_plan(storage, case, today=today)
    documents = planned_documents(plan)
    children = [str(child.get("id")) for child in case.data.get("children") or []]
    if person_ids is None:
        persons = [*children, MOTHER]
    else:
        unknown = [one for one in person_ids if one not in (*children, MOTHER)]
        if unknown:
            raise DataValidationError({"child_ids": [UNKNOWN_PERSON]})
        persons = list(dict.fromkeys(person_ids))
    if templates is None:
        chosen = set(persons)
        ready = [(d.template, d.person) for d in documents if d.ready and d.person in chosen]
        if not ready:
            raise DataValidationError({"documents": [NOTHING_READY]})
        order = {person: index for index, person in enumerate(persons)}
        return PacketSelection(tuple(sorted(ready, key=lambda pair: order[pair[1]])), ())
    planned = {(d.template, d.person) for d in documents}
    pairs, left_out = [], []
    for template_id in dict.fromkeys(templates):
        for person in persons:
            if (template_id, person) in planned:
                pairs.append((template_id, person))
            elif person != MOTHER or person_ids is not None:
                left_out.append({"template": template_id, "person": person})
    if not pairs:
        raise DataValidationError({"documents": [NOTHING_IN_PLAN]})
    return PacketSelection(tuple(pairs), tuple(left_out))


def build_document_data(
    storage: Storage,
    case: CaseView,
    spec: TemplateSpec,
    child_id: str | None,
    overrides: Mapping[str, Any] | None,
    *,
    lookup: InstitutionLookup | None,
) -> dict[str, Any]:
    """A document's data from a case, with what the person's decided steps give it.

    `child_id` "mother" makes the mother the document's person (the prenatal referral).
    """
    case_data = document_case_data(storage, case)
    if child_id == MOTHER:
        return build_step_data(spec.id, case_data, None, overrides, lookup=lookup)
    outcomes = outcome_source(storage.plans, case)(spec.id, child_id)
    return build_template_data(
        spec, case_data, child_id, overrides, lookup=lookup, outcomes=outcomes
    )


def outcome_source(plans: PlanStore, case: CaseView) -> Callable[[str, str | None], dict[str, Any]]:
    """What a case's decided steps give each document: (template, child id) -> data.

    Without a child id, a case of one child means that child (as its documents do).
    """
    by_person: dict[str, dict[str, StepProgress]] = {}
    for step in plans.steps(case.id):
        by_person.setdefault(step.person, {})[step.rule] = step.progress
    children = [child.get("id") for child in case.data.get("children") or []]
    only_child = children[0] if len(children) == 1 else None

    def outcomes(template_id: str, child_id: str | None) -> dict[str, Any]:
        person = child_id or only_child or "mother"
        return outcome_overrides(template_id, by_person.get(person, {}))

    return outcomes


__all__ = [
    "CasePlan",
    "PersonPlan",
    "PlanStep",
    "PlannedDocument",
    "change_step",
    "document_case_data",
    "kept_steps",
    "outcome_source",
    "planned_documents",
    "read_plan",
    "refresh_plan",
    "select_packet",
]
