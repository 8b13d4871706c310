"""The plan of each case, stored a row per step: readiness, due date, and the progress.

The rules (service/planning) decide what a case needs; this stores their answer so a
plan is read without checking every document again, and so the caseload is one query.
A row's status and progress are what the caseworker recorded (or a document issued for
the step): rewriting a plan never changes them, and a step that stops applying keeps its
row while anything was recorded of it, shown as no longer needed by the rules.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, cast

from sqlalchemy import Connection, Table, and_, case, func, select, update
from sqlalchemy.orm import Session

from service.errors import NotFoundError
from service.i18n import N_
from service.planning.model import CasePlan, StepProgress
from service.principal import Principal
from service.storage.audit import record_event
from service.storage.crypto import DataCipher
from service.storage.database import Database
from service.storage.models import CaseRecord, PlanStepRecord, utc_now

PLAN_TABLE = cast(Table, PlanStepRecord.__table__)
# Statuses after which a step is finished with: not anyone's next step.
FINISHED = ("done", "not_needed")
# Statuses whose due date still binds (a decision or an end lifts it).
DUE_BINDS = ("pending", "prepared", "filed")
CASELOAD_STATUSES = ("overdue", "pending", "ready", "prepared", "filed", "decided")


class StepNotFoundError(NotFoundError):
    """The case's plan has no step with this key."""

    slug = "step-not-found"
    title = N_("Unknown step")
    detail = N_("The plan of this case has no step with this key.")


@dataclass(frozen=True)
class StoredStep:
    """One stored step of a plan."""

    key: str
    person: str
    rule: str
    template_id: str
    status: str
    ready: bool
    missing: tuple[str, ...]
    due: date | None
    overdue_from: date | None
    position: int
    applies: bool
    is_next: bool
    progress: StepProgress

    def overdue(self, today: date) -> bool:
        """Whether the step is past its due date, as of a day."""
        return self.overdue_from is not None and self.overdue_from < today


@dataclass(frozen=True)
class CaseloadItem:
    """A person's next step in the caseload (ids only; names come from the case)."""

    case_id: str
    step: StoredStep
    overdue: bool


def progress_to_json(progress: StepProgress) -> dict[str, Any]:
    """A step's progress as JSON-ready data (dates as ISO strings)."""
    return {
        "status": progress.status,
        "filed": _dates_to_text(progress.filed),
        "decided": _dates_to_text(progress.decided),
        "not_needed_reason": progress.not_needed_reason,
        "document_ids": list(progress.document_ids),
    }


def progress_from_json(data: Mapping[str, Any]) -> StepProgress:
    """A step's progress from its stored JSON."""
    return StepProgress(
        status=data.get("status", "pending"),
        filed=_text_to_dates(data.get("filed")),
        decided=_text_to_dates(data.get("decided")),
        not_needed_reason=data.get("not_needed_reason"),
        document_ids=tuple(data.get("document_ids") or ()),
    )


def _dates_to_text(value: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if value is None:
        return None
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in value.items()}


def _text_to_dates(value: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if value is None:
        return None
    result = dict(value)
    for key, item in value.items():
        if key.endswith("date") and isinstance(item, str):
            with contextlib.suppress(ValueError):
                result[key] = date.fromisoformat(item)
    return result


class PlanStore:
    """Rewrite, read and advance the stored plans of cases; the organisation's caseload."""

    def __init__(self, database: Database, cipher: DataCipher) -> None:
        self.database = database
        self.cipher = cipher

    # -- reading -------------------------------------------------------------------------

    def _step(self, row: Any) -> StoredStep:
        progress = (
            progress_from_json(json.loads(self.cipher.decrypt(row.progress_encrypted)))
            if row.progress_encrypted
            else StepProgress()
        )
        progress = replace(progress, status=row.status)
        return StoredStep(
            key=row.step_key,
            person=row.person,
            rule=row.rule,
            template_id=row.template_id,
            status=row.status,
            ready=bool(row.ready),
            missing=tuple(row.missing or ()),
            due=row.due,
            overdue_from=row.overdue_from,
            position=row.position,
            applies=bool(row.applies),
            is_next=bool(row.is_next),
            progress=progress,
        )

    def steps(self, case_id: str) -> list[StoredStep]:
        """Every stored step of a case, in plan order (steps no longer applying last)."""
        with self.database.connection() as connection:
            rows = connection.execute(
                select(PLAN_TABLE)
                .where(PLAN_TABLE.c.case_id == case_id)
                .order_by(PLAN_TABLE.c.applies.desc(), PLAN_TABLE.c.position)
            )
            return [self._step(row) for row in rows]

    def step(self, case_id: str, key: str) -> StoredStep:
        """One stored step of a case, or raise StepNotFoundError."""
        with self.database.connection() as connection:
            row = connection.execute(
                select(PLAN_TABLE).where(
                    PLAN_TABLE.c.case_id == case_id, PLAN_TABLE.c.step_key == key
                )
            ).first()
        if row is None:
            raise StepNotFoundError()
        return self._step(row)

    def progress(self, case_id: str) -> dict[str, StepProgress]:
        """What was recorded of each step of a case (steps with nothing recorded are absent)."""
        return {step.key: step.progress for step in self.steps(case_id)}

    # -- writing -------------------------------------------------------------------------

    def rewrite(self, case_id: str, plan: CasePlan) -> None:
        """Store a case's plan: new steps pending, derived columns replaced, progress kept.

        A step the plan no longer has is deleted when nothing was recorded of it, and kept
        (no longer applying) otherwise. The case's row is locked, so rewrites of one case
        follow each other.
        """
        now = utc_now()
        with self.database.session() as session:
            record = session.get(CaseRecord, case_id, with_for_update=True)
            if record is None:
                return
            existing = {
                row.step_key: row
                for row in session.scalars(
                    select(PlanStepRecord).where(PlanStepRecord.case_id == case_id)
                )
            }
            position = 0
            seen: set[str] = set()
            for person in plan.people:
                for step in person.steps:
                    position += 1
                    seen.add(step.key)
                    row = existing.get(step.key)
                    if row is None:
                        row = PlanStepRecord(
                            case_id=case_id,
                            step_key=step.key,
                            status="pending",
                            progress_encrypted=None,
                        )
                        session.add(row)
                        existing[step.key] = row
                    row.organisation_id = record.organisation_id
                    row.person = step.person
                    row.rule = step.rule
                    row.template_id = step.template
                    row.ready = step.ready
                    row.missing = [item.path for item in step.missing]
                    row.due = step.due
                    row.position = position
                    row.applies = True
                    row.updated_at = now
            for key, row in list(existing.items()):
                if key in seen:
                    continue
                if row.status == "pending" and row.progress_encrypted is None:
                    session.delete(row)
                    del existing[key]
                else:
                    row.applies = False
                    row.ready = False
                    row.organisation_id = record.organisation_id
                    row.updated_at = now
            session.flush()
            self._mark_next(session, existing.values())

    @staticmethod
    def _mark_next(session: Session, rows: Iterable[PlanStepRecord]) -> None:
        """Each person's first step not finished is their next; due dates bind until decided."""
        taken: set[str] = set()
        for row in sorted(rows, key=lambda item: (not item.applies, item.position)):
            first = row.applies and row.status not in FINISHED and row.person not in taken
            if first:
                taken.add(row.person)
            row.is_next = first
            row.overdue_from = row.due if row.applies and row.status in DUE_BINDS else None
        session.flush()

    def record_progress(
        self, case_id: str, key: str, progress: StepProgress, *, actor: str
    ) -> None:
        """Store what the caseworker recorded of one step, and audit it (ids only)."""
        with self.database.session() as session:
            session.get(CaseRecord, case_id, with_for_update=True)
            rows = list(
                session.scalars(select(PlanStepRecord).where(PlanStepRecord.case_id == case_id))
            )
            row = next((item for item in rows if item.step_key == key), None)
            if row is None:
                raise StepNotFoundError()
            row.status = progress.status
            row.progress_encrypted = self._encrypt(progress)
            row.updated_at = utc_now()
            self._mark_next(session, rows)
            record_event(
                session,
                "plan_step_changed",
                actor,
                case_id=case_id,
                step=key,
                status=progress.status,
            )

    def _encrypt(self, progress: StepProgress) -> bytes:
        return self.cipher.encrypt(
            json.dumps(progress_to_json(progress), ensure_ascii=False).encode()
        )

    def record_document(
        self,
        connection: Connection,
        *,
        case_id: str,
        child_id: str | None,
        template_id: str,
        document_id: str,
    ) -> str | None:
        """A document issued from a case for a person's pending step makes it prepared.

        Without a child id, the document is about the mother where she has such a step,
        else about the case's only person with one. Tells the step's key, if any.
        """
        found = connection.execute(
            select(PLAN_TABLE).where(
                PLAN_TABLE.c.case_id == case_id,
                PLAN_TABLE.c.template_id == template_id,
                PLAN_TABLE.c.applies.is_(True),
                PLAN_TABLE.c.status.in_(("pending", "prepared")),
            )
        )
        rows = list(found)
        if child_id is not None:
            chosen = [row for row in rows if row.person == child_id]
        else:
            chosen = [row for row in rows if row.person == "mother"] or (
                rows if len({row.person for row in rows}) == 1 else []
            )
        if not chosen:
            return None
        row = chosen[0]
        step = self._step(row)
        if document_id in step.progress.document_ids:
            return str(row.step_key)
        progress = replace(
            step.progress,
            status="prepared",
            document_ids=(*step.progress.document_ids, document_id),
        )
        connection.execute(
            update(PLAN_TABLE)
            .where(PLAN_TABLE.c.case_id == case_id, PLAN_TABLE.c.step_key == row.step_key)
            .values(
                status="prepared",
                progress_encrypted=self._encrypt(progress),
                updated_at=utc_now(),
            )
        )
        return str(row.step_key)

    # -- the caseload --------------------------------------------------------------------

    def caseload(
        self,
        principal: Principal,
        *,
        today: date,
        status: str | None = None,
        template: str | None = None,
        page: int = 1,
        per_page: int = 20,
    ) -> tuple[list[CaseloadItem], int]:
        """Each person's next step in the caller's cases: overdue first, then by due date,
        then by case; filtered by status (or `overdue`, or `ready`) and template."""
        table = PLAN_TABLE.c
        overdue = and_(table.overdue_from.is_not(None), table.overdue_from < today)
        conditions: list[Any] = [table.is_next.is_(True)]
        if not principal.sees_everything:
            conditions.append(table.organisation_id == principal.organisation_id)
        if template:
            conditions.append(table.template_id == template)
        if status == "overdue":
            conditions.append(overdue)
        elif status == "ready":
            conditions.extend([table.status == "pending", table.ready.is_(True)])
        elif status:
            conditions.append(table.status == status)
        where = and_(*conditions)
        with self.database.connection() as connection:
            total = connection.scalar(select(func.count()).select_from(PLAN_TABLE).where(where))
            rows = connection.execute(
                select(PLAN_TABLE, case((overdue, 1), else_=0).label("is_overdue"))
                .where(where)
                .order_by(
                    case((overdue, 0), else_=1),
                    case((table.due.is_(None), 1), else_=0),
                    table.due,
                    table.case_id,
                    table.position,
                )
                .limit(per_page)
                .offset((page - 1) * per_page)
            ).all()
        items = [CaseloadItem(row.case_id, self._step(row), bool(row.is_overdue)) for row in rows]
        return items, int(total or 0)

    def templates_in_caseload(self, principal: Principal) -> list[str]:
        """The templates of anyone's next step in the caller's cases (the page's filter)."""
        table = PLAN_TABLE.c
        query = select(table.template_id).where(table.is_next.is_(True)).distinct()
        if not principal.sees_everything:
            query = query.where(table.organisation_id == principal.organisation_id)
        with self.database.connection() as connection:
            return sorted(connection.scalars(query))
