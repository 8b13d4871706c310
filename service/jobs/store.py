"""Jobs in the database: created by the API, advanced by a runner, read by whoever may see them.

The request (it may hold children's data) and the webhook address are encrypted; the
results hold document ids, hashes and per-item errors (field paths and messages), never
personal data. The table lives in the service's database, so the web processes and the
Celery workers of several machines share one view of every job.

A job is worked on once however many messages ask for it: a runner `claim`s it, which
only succeeds for a queued job or a running one whose lease ran out, under a row lock.
So a job can safely be sent to the broker again (`retake`) when its message may be lost:
whichever message arrives first takes the job, the others find it taken or finished.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, func, select, update
from sqlalchemy.orm import Session

from service.errors import NotFoundError, ServiceUnavailableError
from service.i18n import N_
from service.principal import Principal
from service.storage.audit import record_event
from service.storage.crypto import DataCipher
from service.storage.database import Database
from service.storage.models import JobRecord, utc_now

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
KINDS = ("packet", "bulk_render")


class JobNotFoundError(NotFoundError):
    """No job has this id (or the caller may not see it)."""

    slug = "job-not-found"
    title = N_("Unknown job")
    detail = N_("There is no job with this id.")


@dataclass(frozen=True)
class JobView:
    """What a client may read about a job."""

    id: str
    kind: str
    state: str
    case_id: str | None
    total: int
    done: int
    failed: int
    results: list[dict[str, Any]]
    webhook_state: str | None
    webhook_attempts: int
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None

    @property
    def finished(self) -> bool:
        """Whether the job has stopped (done, or failed as a whole)."""
        return self.state in (DONE, FAILED)

    def as_dict(self) -> dict[str, Any]:
        """The job as JSON-ready data."""
        return {
            "id": self.id,
            "kind": self.kind,
            "state": self.state,
            "case_id": self.case_id,
            "total": self.total,
            "done": self.done,
            "failed": self.failed,
            "results": self.results,
            "webhook": (
                {"state": self.webhook_state, "attempts": self.webhook_attempts}
                if self.webhook_state
                else None
            ),
            "created_at": self.created_at.isoformat(),
            "started_at": self.started_at.isoformat() if self.started_at else None,
            "finished_at": self.finished_at.isoformat() if self.finished_at else None,
        }


@dataclass(frozen=True)
class JobWork:
    """What a runner needs to do a job: who asked, what, its lease, and what is done."""

    id: str
    kind: str
    principal: Principal
    request: dict[str, Any]
    lease: str = ""
    done_indexes: frozenset[int] = frozenset()


class LeaseLostError(RuntimeError):
    """Another runner took the job (this one's lease ran out): stop working on it."""


class JobAbandonedError(ServiceUnavailableError):
    """A job's worker died on every attempt: it ends failed."""

    slug = "job-abandoned"
    title = N_("The job was stopped")
    detail = N_(
        "The worker doing this job stopped %(attempts)s times before finishing it. The "
        "documents made so far are kept; start the job again to make the rest."
    )


class JobStore:
    """Create, advance and read jobs."""

    def __init__(self, database: Database, cipher: DataCipher) -> None:
        self.database = database
        self.cipher = cipher

    @staticmethod
    def _view(record: JobRecord) -> JobView:
        return JobView(
            id=record.id,
            kind=record.kind,
            state=record.state,
            case_id=record.case_id,
            total=record.total,
            done=record.done,
            failed=record.failed,
            results=sorted(record.results or [], key=lambda item: int(item["index"])),
            webhook_state=record.webhook_state,
            webhook_attempts=record.webhook_attempts,
            created_at=record.created_at,
            started_at=record.started_at,
            finished_at=record.finished_at,
        )

    def create(
        self,
        kind: str,
        request: dict[str, Any],
        *,
        total: int,
        principal: Principal,
        case_id: str | None,
        organisation_id: str | None,
        webhook_url: str | None,
    ) -> JobView:
        """Record a queued job and its audit event."""
        now = utc_now()
        record = JobRecord(
            id=uuid.uuid4().hex,
            kind=kind,
            state=QUEUED,
            created_by=principal.id,
            role=principal.role,
            organisation_id=organisation_id,
            case_id=case_id,
            total=total,
            done=0,
            failed=0,
            request_encrypted=self.cipher.encrypt(json.dumps(request).encode("utf-8")),
            results=[],
            webhook_encrypted=self.cipher.encrypt(webhook_url.encode()) if webhook_url else None,
            webhook_state="pending" if webhook_url else None,
            webhook_attempts=0,
            created_at=now,
            published_at=now,  # the service hands it to its runner right after
        )
        with self.database.session() as session:
            session.add(record)
            record_event(
                session, "job_created", principal.id, case_id=case_id, job=record.id, kind=kind
            )
        return self._view(record)

    def get(self, job_id: str, principal: Principal) -> JobView:
        """A job the caller may see: its own, its organisation's, or any for an admin."""
        with self.database.session() as session:
            record = session.get(JobRecord, job_id)
            if record is None or not (
                record.created_by == principal.id
                or (principal.role != "system" and principal.may_see(record.organisation_id))
            ):
                raise JobNotFoundError()
            return self._view(record)

    def view(self, job_id: str) -> JobView:
        """A job, for its runner."""
        with self.database.session() as session:
            record = session.get(JobRecord, job_id)
            if record is None:
                raise JobNotFoundError()
            return self._view(record)

    def claim(
        self, job_id: str, *, lease_seconds: float, max_attempts: int
    ) -> JobWork | JobView | None:
        """Take a job for a runner with a lease; None when it is not to be worked on now.

        Not when it has finished, nor while another runner's lease holds: the first runner
        to claim a job wins, and a second message for it (sent again by the sweeper) finds
        it taken. A job whose lease ran out (its worker died) is taken again and goes on
        where it stopped: the items already recorded are kept. After `max_attempts` it
        ends failed (JobAbandonedError) instead: then its view, for the caller to tell.
        """
        now = utc_now()
        with self.database.session() as session:
            record = session.get(JobRecord, job_id, with_for_update=True)
            if record is None or record.state in (DONE, FAILED):
                return None
            if (
                record.state == RUNNING
                and record.lease_expires_at
                and record.lease_expires_at > now
            ):
                return None
            if record.attempts >= max_attempts:
                self._fail_abandoned(session, record, now)
                return self._view(record)
            record.attempts += 1
            record.state = RUNNING
            record.started_at = record.started_at or now
            record.lease_owner = uuid.uuid4().hex
            record.lease_expires_at = now + timedelta(seconds=lease_seconds)
            principal = Principal(record.created_by, record.role, record.organisation_id)
            request = json.loads(self.cipher.decrypt(record.request_encrypted))
            done = frozenset(int(item["index"]) for item in record.results or [])
            return JobWork(record.id, record.kind, principal, request, record.lease_owner, done)

    def _fail_abandoned(self, session: Session, record: JobRecord, now: datetime) -> None:
        error = JobAbandonedError(attempts=record.attempts)
        texts = {lang: error.describe(lang) for lang in ("uk", "en")}
        record.state, record.finished_at, record.lease_owner = FAILED, now, None
        described = {
            "status": error.status,
            "type": f"/problems/{error.slug}",
            "title": {lang: text["title"] for lang, text in texts.items()},
            "detail": {lang: text["detail"] for lang, text in texts.items()},
        }
        record.results = [*(record.results or []), {"index": -1, "error": described}]
        self._audit_finished(session, record)

    def _held(self, session: Session, job_id: str, lease: str | None) -> JobRecord:
        record = session.get(JobRecord, job_id, with_for_update=True)
        if record is None:
            raise JobNotFoundError()
        if lease is not None and (record.lease_owner != lease or record.state != RUNNING):
            raise LeaseLostError(job_id)
        return record

    def renew(self, job_id: str, lease: str, lease_seconds: float) -> None:
        """Extend a runner's lease (LeaseLostError when another runner has the job)."""
        with self.database.session() as session:
            record = self._held(session, job_id, lease)
            record.lease_expires_at = utc_now() + timedelta(seconds=lease_seconds)

    @staticmethod
    def _lapsed(now: datetime, queued_before: datetime | None) -> ColumnElement[bool]:
        lapsed = (JobRecord.state == RUNNING) & (
            JobRecord.lease_expires_at.is_(None) | (JobRecord.lease_expires_at <= now)
        )
        if queued_before is None:
            return lapsed
        # Jobs recorded by a release before published_at count as sent when created.
        published = func.coalesce(JobRecord.published_at, JobRecord.created_at)
        return lapsed | ((JobRecord.state == QUEUED) & (published <= queued_before))

    def expired(
        self, *, now: datetime | None = None, queued_before: datetime | None = None
    ) -> list[str]:
        """Jobs to hand to a runner again, oldest first (at most 100 a call).

        Running ones whose lease ran out (their worker died) or that have none, and, given
        `queued_before`, queued ones whose latest message was sent before it: no runner
        took them, because the broker lost the message (Redis restarted without its data)
        or the process that queued them in its own thread stopped.
        """
        lapsed = self._lapsed(now or utc_now(), queued_before)
        query = select(JobRecord.id).where(lapsed).order_by(JobRecord.created_at).limit(100)
        with self.database.session() as session:
            return list(session.scalars(query))

    def retake(
        self, job_id: str, *, now: datetime | None = None, queued_before: datetime | None = None
    ) -> bool:
        """Put a lapsed job (as `expired` selects) back in the queue, as sent `now`.

        False when it is lapsed no more: a runner claimed it, or another sweeper (of this
        or another machine) retook it first, so that one sends it. A running job becomes
        queued again and loses its lease: a stalled runner that wakes finds it lost.
        """
        now = now or utc_now()
        statement = (
            update(JobRecord)
            .where(JobRecord.id == job_id, self._lapsed(now, queued_before))
            .values(state=QUEUED, lease_owner=None, lease_expires_at=None, published_at=now)
        )
        with self.database.connection() as connection:
            return connection.execute(statement).rowcount == 1

    def record_progress(
        self, job_id: str, results: list[dict[str, Any]], lease: str | None = None
    ) -> None:
        """Add finished items (documents or errors) to a job (checked against its lease)."""
        with self.database.session() as session:
            record = self._held(session, job_id, lease)
            known = {int(item["index"]) for item in record.results or []}
            fresh = [item for item in results if int(item["index"]) not in known]
            record.results = [*(record.results or []), *fresh]
            record.done += len(fresh)
            record.failed += sum(1 for item in fresh if "error" in item)

    def finish(
        self,
        job_id: str,
        state: str,
        *,
        error: dict[str, Any] | None = None,
        lease: str | None = None,
    ) -> JobView:
        """Mark a job done (items may have failed) or failed as a whole, and audit it."""
        with self.database.session() as session:
            record = self._held(session, job_id, lease)
            record.state, record.finished_at, record.lease_owner = state, utc_now(), None
            if error is not None:
                record.results = [*(record.results or []), {"index": -1, "error": error}]
            self._audit_finished(session, record)
            return self._view(record)

    @staticmethod
    def _audit_finished(session: Session, record: JobRecord) -> None:
        record_event(
            session,
            "job_finished",
            record.created_by,
            case_id=record.case_id,
            job=record.id,
            state=record.state,
            total=record.total,
            done=record.done,
            failed=record.failed,
        )

    def webhook_url(self, job_id: str) -> str | None:
        """The address to tell when the job finishes, if one was given."""
        with self.database.session() as session:
            record = session.get(JobRecord, job_id)
            if record is None or record.webhook_encrypted is None:
                return None
            return self.cipher.decrypt(record.webhook_encrypted).decode()

    def record_webhook_attempt(self, job_id: str, attempts: int, state: str) -> None:
        """Note a delivery attempt: pending (will retry), delivered, or failed (gave up)."""
        with self.database.session() as session:
            record = session.get(JobRecord, job_id, with_for_update=True)
            if record is not None:
                record.webhook_attempts, record.webhook_state = attempts, state
