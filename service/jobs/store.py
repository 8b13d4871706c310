"""Jobs in the database: created by the API, advanced by a runner, read by whoever may see them.

The request (it may hold children's data) and the webhook address are encrypted; the
results hold document ids, hashes and per-item errors (field paths and messages), never
personal data. The table lives in the service's database, so the web processes and the
Celery workers of several machines share one view of every job.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from service.errors import NotFoundError
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
    """What a runner needs to do a job: who asked, and what."""

    id: str
    kind: str
    principal: Principal
    request: dict[str, Any]


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
            created_at=utc_now(),
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

    def claim(self, job_id: str) -> JobWork | None:
        """Mark a job running and return its work; None when it has already finished.

        A job found running was interrupted (its worker died before acknowledging it):
        it starts again from nothing; documents already rendered are reused from the store.
        """
        with self.database.session() as session:
            record = session.get(JobRecord, job_id, with_for_update=True)
            if record is None or record.state in (DONE, FAILED):
                return None
            record.state, record.started_at = RUNNING, utc_now()
            record.done, record.failed, record.results = 0, 0, []
            principal = Principal(record.created_by, record.role, record.organisation_id)
            request = json.loads(self.cipher.decrypt(record.request_encrypted))
            return JobWork(record.id, record.kind, principal, request)

    def record_progress(self, job_id: str, results: list[dict[str, Any]]) -> None:
        """Add finished items (documents or errors) to a job."""
        with self.database.session() as session:
            record = session.get(JobRecord, job_id, with_for_update=True)
            if record is None:
                raise JobNotFoundError()
            record.results = [*(record.results or []), *results]
            record.done += len(results)
            record.failed += sum(1 for item in results if "error" in item)

    def finish(self, job_id: str, state: str, *, error: dict[str, Any] | None = None) -> JobView:
        """Mark a job done (items may have failed) or failed as a whole, and audit it."""
        with self.database.session() as session:
            record = session.get(JobRecord, job_id, with_for_update=True)
            if record is None:
                raise JobNotFoundError()
            record.state, record.finished_at = state, utc_now()
            if error is not None:
                record.results = [*(record.results or []), {"index": -1, "error": error}]
            record_event(
                session,
                "job_finished",
                record.created_by,
                case_id=record.case_id,
                job=record.id,
                state=state,
                total=record.total,
                done=record.done,
                failed=record.failed,
            )
            return self._view(record)

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
