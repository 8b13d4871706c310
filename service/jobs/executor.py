"""Doing a job: plan its items, reuse or render each, store it, record progress.

The same code runs in the web process's job thread (rendering in the render pool's
processes) and in a Celery worker (rendering in the worker process itself). Items are
issued from a few threads, so that the pool's processes render in parallel; progress
is written every few items. A failing item (invalid data, a render over its budget) is
recorded as that item's error and the job goes on.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from service.casework import document_case_data, outcome_source, select_packet
from service.documents import get_template
from service.documents.from_case import build_person_data
from service.documents.premises import NotApplicableError
from service.documents.references import resolve_institution_references
from service.errors import DataValidationError, ServiceError, translate_message
from service.issuing import DocumentIssuer
from service.jobs.store import (
    DONE,
    FAILED,
    JobNotFoundError,
    JobStore,
    JobView,
    JobWork,
    LeaseLostError,
)
from service.principal import Principal
from service.storage.archive import StoredDocument
from service.storage.cases import CaseView

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class JobItem:
    """One document of a job, or the reason it cannot be made."""

    index: int
    template_id: str
    lang: str
    fmt: str
    data: dict[str, Any] | None
    child_id: str | None = None
    error: dict[str, Any] | None = field(default=None)

    def describe(self) -> dict[str, Any]:
        """What identifies the item in the results (no personal data)."""
        described: dict[str, Any] = {
            "index": self.index,
            "template": self.template_id,
            "lang": self.lang,
            "format": self.fmt,
        }
        if self.child_id is not None:
            described["child_id"] = self.child_id
        return described


def describe_error(error: ServiceError) -> dict[str, Any]:
    """An error as a job result: status, problem type, title and field errors (uk and en)."""
    described: dict[str, Any] = {
        "status": error.status,
        "type": f"/problems/{error.slug}",
        "title": translate_message(error.title),
    }
    if isinstance(error, DataValidationError):
        described["errors"] = {
            path: [translate_message(message) for message in messages]
            for path, messages in error.errors.items()
        }
    elif isinstance(error, NotApplicableError):  # results are kept in clear: no names
        described["refusals"] = error.without_names()
    return described


DEFAULT_LEASE_SECONDS = 30.0
DEFAULT_MAX_ATTEMPTS = 3


class LeaseKeeper:
    """Renews a job's lease from a thread, every third of its length, while the job runs."""

    def __init__(self, store: JobStore, work: JobWork, lease_seconds: float) -> None:
        self.store, self.work, self.lease_seconds = store, work, lease_seconds
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._renew, name="job-lease", daemon=True)

    def __enter__(self) -> LeaseKeeper:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stopped.set()
        self._thread.join()

    def _renew(self) -> None:
        while not self._stopped.wait(self.lease_seconds / 3):
            try:
                self.store.renew(self.work.id, self.work.lease, self.lease_seconds)
            except (LeaseLostError, JobNotFoundError):
                return  # the job's next progress or finish reports it to the runner
            except ServiceError:  # the database is away for a moment: try again next time
                log.warning("job lease not renewed", extra={"stage": "job", "job_id": self.work.id})


class JobExecutor:
    """Runs jobs of the store through the issuer (and its render pool)."""

    def __init__(
        self,
        store: JobStore,
        issuer: DocumentIssuer,
        *,
        lease_seconds: float = DEFAULT_LEASE_SECONDS,
        max_attempts: int = DEFAULT_MAX_ATTEMPTS,
    ) -> None:
        self.lease_seconds = lease_seconds
        self.max_attempts = max_attempts
        self.store = store
        self.issuer = issuer
        self.pool = issuer.pool
        self.cases = issuer.storage.cases
        self.institutions = issuer.storage.institutions
        self.chunk_size = max(4, 2 * self.pool.workers)

    def run(self, job_id: str) -> JobView | None:
        """Do a job to the end, or what is left of it; its state if this runner ended it.

        None when the job was not this runner's to end: another runner holds it, it had
        finished already (a second message for it: the sweeper sent it again), or this
        runner lost its lease (it was stalled past it and another runner took the job).
        So only the runner that ends a job tells its webhook. While this runner works, a
        thread renews its lease.
        """
        try:
            claimed = self.store.claim(
                job_id, lease_seconds=self.lease_seconds, max_attempts=self.max_attempts
            )
        except JobNotFoundError:  # erased with its case (or purged) before it ran
            log.info("job gone before it ran", extra={"stage": "job", "job_id": job_id})
            return None
        if isinstance(claimed, JobView):  # abandoned after its attempts: ended here
            return claimed
        if claimed is None:
            log.info("job not taken: held or finished", extra={"stage": "job", "job_id": job_id})
            return None
        work = claimed
        log.info("job started", extra={"stage": "job", "job_id": job_id, "kind": work.kind})
        try:
            with LeaseKeeper(self.store, work, self.lease_seconds):
                view = self._work(work)
        except LeaseLostError:
            log.warning("job lease lost", extra={"stage": "job", "job_id": job_id})
            return None
        except JobNotFoundError:  # erased with its case while it ran: nothing to report
            log.info("job gone while it ran", extra={"stage": "job", "job_id": job_id})
            return None
        log.info(
            "job finished",
            extra={"stage": "job", "job_id": job_id, "state": view.state, "failed": view.failed},
        )
        return view

    def _work(self, work: JobWork) -> JobView:
        job_id, lease = work.id, work.lease
        render_date = date.today()
        try:
            case, items = self.plan(work)
            left = [item for item in items if item.index not in work.done_indexes]
            finished: list[dict[str, Any]] = []
            for result in self.process(left, work.principal, case, render_date):
                finished.append(result)
                if len(finished) >= self.chunk_size:
                    self.store.record_progress(job_id, finished, lease)
                    finished = []
            if finished:
                self.store.record_progress(job_id, finished, lease)
        except (LeaseLostError, JobNotFoundError):
            raise
        except ServiceError as error:
            return self.store.finish(job_id, FAILED, error=describe_error(error), lease=lease)
        except Exception:
            log.exception("job failed", extra={"stage": "job", "job_id": job_id})
            return self.store.finish(
                job_id, FAILED, error=describe_error(ServiceError()), lease=lease
            )
        return self.store.finish(job_id, DONE, lease=lease)

    def plan(self, work: JobWork) -> tuple[CaseView | None, list[JobItem]]:
        """Every item of a job, in order; a packet's data comes from its case."""
        request = work.request
        if work.kind == "bulk_render":
            template_id, lang, fmt = request["template"], request["lang"], request["format"]
            lookup = self.institutions.lookup_for(work.principal) if self.institutions else None
            bulk: list[JobItem] = []
            for index, sent in enumerate(request["cases"]):
                try:
                    resolved = resolve_institution_references(sent, lookup) if lookup else sent
                except DataValidationError as invalid:
                    bulk.append(
                        JobItem(index, template_id, lang, fmt, None, None, describe_error(invalid))
                    )
                    continue
                bulk.append(JobItem(index, template_id, lang, fmt, resolved))
            return None, bulk
        case = self.cases.get(request["case_id"], work.principal)
        lookup = (
            self.institutions.lookup_for(work.principal, case.organisation_id)
            if self.institutions
            else None
        )
        selection = select_packet(
            self.issuer.storage, case, request.get("documents"), request.get("child_ids")
        )
        outcomes = outcome_source(self.issuer.storage.plans, case)
        case_data = document_case_data(self.issuer.storage, case)
        items: list[JobItem] = []
        for template_id, person in selection.pairs:
            spec = get_template(template_id)
            data: dict[str, Any] | None = None
            error: dict[str, Any] | None = None
            try:
                data = build_person_data(
                    spec.id, case_data, person, lookup=lookup, outcomes=outcomes
                )
                self.issuer.validate(spec.id, data)
            except (DataValidationError, NotApplicableError) as invalid:
                data, error = None, describe_error(invalid)
            for lang in request["langs"]:
                for fmt in request["formats"]:
                    items.append(JobItem(len(items), spec.id, lang, fmt, data, person, error))
        return case, items

    def process(
        self,
        items: Sequence[JobItem],
        principal: Principal,
        case: CaseView | None,
        render_date: date,
    ) -> Iterator[dict[str, Any]]:
        """Issue (reuse, or render and store) each item; yield one result per item, in order.

        With pool processes, items are issued from one thread more than there are
        processes: the threads mostly wait while the processes render, and the extra one
        stores (and signs) a finished document meanwhile.
        """

        def issue(item: JobItem) -> dict[str, Any]:
            if item.error is not None or item.data is None:
                return {**item.describe(), "error": item.error}
            try:
                issued = self.issuer.issue(
                    item.template_id,
                    item.data,
                    item.lang,
                    item.fmt,
                    principal=principal,
                    case=case,
                    today=render_date,
                    child_id=item.child_id,
                )
            except ServiceError as error:
                return {**item.describe(), "error": describe_error(error)}
            return present(item, issued.metadata, reused=issued.reused)

        if self.pool.workers <= 0:
            yield from (issue(item) for item in items)
            return
        with ThreadPoolExecutor(max_workers=self.pool.workers + 1) as threads:
            yield from threads.map(issue, items)


def present(item: JobItem, document: StoredDocument, *, reused: bool) -> dict[str, Any]:
    """A stored document as a job result."""
    return {
        **item.describe(),
        "document_id": document.id,
        "sha256": document.sha256,
        "reused": reused,
    }
