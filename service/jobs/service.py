"""The job service the API talks to: checks a request, records the job, hands it to a runner."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

from service.casework import select_packet
from service.documents import get_template
from service.errors import ServiceError
from service.issuing import DocumentIssuer, RenderPool
from service.jobs.executor import JobExecutor, describe_error
from service.jobs.runners import (
    CeleryRunner,
    InProcessRunner,
    JobRunner,
    JobSweeper,
    build_celery,
)
from service.jobs.store import FAILED, JobStore, JobView
from service.jobs.webhooks import WebhookSettings, check_webhook_url
from service.principal import Principal


class JobService:
    """Jobs of one application: Celery when CELERY_BROKER_URL is set, a thread otherwise."""

    def __init__(self, settings: Mapping[str, Any], issuer: DocumentIssuer) -> None:
        self.settings = settings
        self.issuer = issuer
        self.storage = issuer.storage
        self.webhooks = WebhookSettings.from_settings(settings)
        self._lock = threading.Lock()
        self._store: JobStore | None = None
        self._runner: JobRunner | None = None
        self._sweeper: JobSweeper | None = None

    @property
    def store(self) -> JobStore:
        """The jobs table."""
        with self._lock:
            if self._store is None:
                self._store = JobStore(self.storage.database, self.storage.cipher)
            return self._store

    @property
    def runner(self) -> JobRunner:
        """The runner, made on first use (no thread or connection before a job)."""
        store = self.store
        with self._lock:
            if self._runner is None:
                if self.settings.get("CELERY_BROKER_URL"):
                    celery = build_celery(self.settings)
                    self._runner = CeleryRunner(celery, self.settings["CELERY_QUEUE"])
                else:
                    issuer = self.issuer
                    if issuer.pool.workers <= 0:
                        pool = issuer.pool
                        issuer = issuer.using(
                            RenderPool(pool.pipeline, workers=1, budget_seconds=pool.budget_seconds)
                        )
                    executor = JobExecutor(
                        store,
                        issuer,
                        lease_seconds=self.settings["JOB_LEASE_SECONDS"],
                        max_attempts=self.settings["JOB_MAX_ATTEMPTS"],
                    )
                    self._runner = InProcessRunner(executor, store, self.webhooks)
            return self._runner

    def create(
        self,
        kind: str,
        request: dict[str, Any],
        *,
        principal: Principal,
        webhook_url: str | None,
    ) -> JobView:
        """Check and record a job, then start it; 404 for an unknown case or template."""
        if webhook_url is not None:
            check_webhook_url(webhook_url, self.webhooks)
        case_id: str | None = None
        organisation_id = principal.organisation_id
        if kind == "packet":
            case = self.storage.cases.get(request["case_id"], principal)
            case_id, organisation_id = case.id, case.organisation_id
            # Refused now, as the packet itself would be (nothing in the plan, nothing ready).
            selection = select_packet(
                self.storage, case, request.get("documents"), request.get("child_ids")
            )
            total = len(selection.pairs) * len(request["langs"]) * len(request["formats"])
        else:
            get_template(request["template"])
            total = len(request["cases"])
        view = self.store.create(
            kind,
            request,
            total=total,
            principal=principal,
            case_id=case_id,
            organisation_id=organisation_id,
            webhook_url=webhook_url,
        )
        try:
            self.runner.submit(view.id)
        except ServiceError as error:
            self.store.finish(view.id, FAILED, error=describe_error(error))
            raise
        return view

    def get(self, job_id: str, principal: Principal) -> JobView:
        """A job the caller may see."""
        return self.store.get(job_id, principal)

    def start_sweeper(self) -> None:
        """Take again, now and periodically, jobs no runner is doing (once per process).

        Every third of the lease: running jobs whose lease ran out, and queued jobs whose
        message is older than the lease (with Celery: the broker lost it) or two leases
        (in-process: the process that queued it stopped) are sent to the runner again.
        Started by the serving process (gunicorn's worker, `flask run`), not when the
        application is created: commands and tests start no thread.
        """
        lease = float(self.settings["JOB_LEASE_SECONDS"])
        if lease <= 0:
            return
        celery = bool(self.settings.get("CELERY_BROKER_URL"))
        with self._lock:
            if self._sweeper is not None:
                return
            self._sweeper = JobSweeper(
                lambda: self.store,
                self._submit,
                interval=lease / 3,
                queued_grace=lease if celery else 2 * lease,
            )
            self._sweeper.start()

    def _submit(self, job_id: str) -> None:
        self.runner.submit(job_id)

    def shutdown(self) -> None:
        """Stop the sweeper and the runner, if they were started."""
        with self._lock:
            runner, self._runner = self._runner, None
            sweeper, self._sweeper = self._sweeper, None
        if sweeper is not None:
            sweeper.stop()
        if runner is not None:
            runner.shutdown()
