"""Who runs jobs: a thread of the web process (rendering in the render pool), or Celery."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any, Protocol

from service.errors import ServiceUnavailableError
from service.i18n import N_
from service.jobs.executor import JobExecutor
from service.jobs.store import JobStore, JobView
from service.jobs.webhooks import WebhookSettings, build_body, deliver_with_retries
from service.storage.models import utc_now

log = logging.getLogger(__name__)

RUN_JOB_TASK = "paperwork.run_job"
DELIVER_WEBHOOK_TASK = "paperwork.deliver_webhook"


class JobQueueUnavailableError(ServiceUnavailableError):
    """The broker (Redis) did not take the job."""

    slug = "job-queue-unavailable"
    title = N_("The job queue is unavailable")
    detail = N_("The job could not be queued. Try again in a moment.")


class JobRunner(Protocol):
    """Starts jobs that the store has queued."""

    def submit(self, job_id: str) -> None:
        """Start (or queue) a job."""

    def shutdown(self) -> None:
        """Stop taking jobs."""


def notify(
    store: JobStore,
    view: JobView,
    settings: WebhookSettings,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """Deliver a finished job's webhook, if it has one, with retries and backoff."""
    if not view.finished:  # another runner holds it: that one tells
        return
    url = store.webhook_url(view.id)
    if url is None:
        return

    def record(attempt: int, state: str) -> None:
        store.record_webhook_attempt(view.id, attempt, state)

    deliver_with_retries(url, build_body(view.as_dict()), settings, record, sleep)


class InProcessRunner:
    """One background thread of the web process runs jobs, one after another.

    The thread only coordinates: documents are rendered in the render pool's processes
    (WeasyPrint is not thread-safe), so the pool given here must have workers. Jobs
    queued here are lost if the process stops; Celery keeps them in Redis instead.
    """

    def __init__(self, executor: JobExecutor, store: JobStore, webhooks: WebhookSettings) -> None:
        if executor.pool.workers <= 0:
            raise ValueError("the in-process job runner renders in pool processes only")
        self.executor = executor
        self.store = store
        self.webhooks = webhooks
        self._threads = ThreadPoolExecutor(max_workers=1, thread_name_prefix="paperwork-jobs")

    def submit(self, job_id: str) -> None:
        """Queue a job for the background thread."""
        self._threads.submit(self._run, job_id)

    def _run(self, job_id: str) -> None:
        try:
            view = self.executor.run(job_id)
            if view is not None:  # None: another runner had it; that one tells
                notify(self.store, view, self.webhooks)
        except Exception:
            log.exception("job runner error", extra={"stage": "job", "job_id": job_id})

    def shutdown(self) -> None:
        """Finish the running job and stop."""
        self._threads.shutdown(wait=True, cancel_futures=True)


class JobSweeper:
    """Takes again the jobs no runner is doing: once at start, then every `interval` seconds.

    `store` gives the jobs table when a sweep needs it (a process without keys or a
    database yet only logs that its sweeps fail).

    A running job whose lease ran out (its worker died) goes back to the queue and is
    handed to the runner again: it goes on where it stopped, or ends failed after its
    attempts. So is a job still queued `queued_grace` seconds after its message was sent
    (None: queued jobs are left alone): with Celery the broker lost the message (Redis
    restarted without its data), without it the process that queued it stopped. Each
    job is retaken by one sweeper of all the machines' (`JobStore.retake`), and sent
    again once a grace; should the first message arrive after all, it finds the job
    taken or finished, so the job runs once (`JobStore.claim`).
    """

    def __init__(
        self,
        store: Callable[[], JobStore],
        submit: Callable[[str], None],
        *,
        interval: float,
        queued_grace: float | None,
    ) -> None:
        self.store, self.submit = store, submit
        self.interval, self.queued_grace = interval, queued_grace
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="paperwork-sweeper", daemon=True)

    def start(self) -> None:
        """Sweep now and then periodically, in a daemon thread."""
        self._thread.start()

    def stop(self) -> None:
        """Stop sweeping."""
        self._stopped.set()
        if self._thread.is_alive():
            self._thread.join(timeout=10)

    def sweep(self) -> list[str]:
        """Hand every lapsed job to the runner again; the ids of those this sweep sent."""
        store, now = self.store(), utc_now()
        queued_before = now - timedelta(seconds=self.queued_grace) if self.queued_grace else None
        sent: list[str] = []
        for job_id in store.expired(now=now, queued_before=queued_before):
            if not store.retake(job_id, now=now, queued_before=queued_before):
                continue  # a runner or another sweeper took it meanwhile
            log.warning("job taken again", extra={"stage": "job", "job_id": job_id})
            # A broker that is away raises here: the job, marked sent, waits one more grace.
            self.submit(job_id)
            sent.append(job_id)
        return sent

    def _loop(self) -> None:
        while True:
            try:
                self.sweep()
            except Exception as error:  # the database or broker is away: next time
                log.warning(
                    "job sweep failed", extra={"stage": "job", "error": type(error).__name__}
                )
            if self._stopped.wait(self.interval):
                return


class CeleryRunner:
    """Sends jobs to Celery workers through the broker (Redis)."""

    def __init__(self, celery: Any, queue: str) -> None:
        self.celery = celery
        self.queue = queue

    def submit(self, job_id: str) -> None:
        """Queue a job for a worker (503 when the broker cannot be reached)."""
        try:
            self.celery.send_task(RUN_JOB_TASK, args=[job_id], queue=self.queue)
        except Exception as error:  # kombu raises many kinds of connection errors
            log.error(
                "job queue unreachable",
                extra={"stage": "job", "job_id": job_id, "error": type(error).__name__},
            )
            raise JobQueueUnavailableError() from None

    def shutdown(self) -> None:
        """Close the broker connections."""
        self.celery.close()


def build_celery(settings: Any) -> Any:
    """The Celery application of the service, configured from the settings."""
    # Celery loads only where CELERY_BROKER_URL is set (the web process and the worker).
    from celery import Celery  # type: ignore[import-untyped]  # noqa: PLC0415 - Celery has no type hints; loaded only where configured

    app = Celery(
        "paperwork",
        broker=settings["CELERY_BROKER_URL"],
        backend=settings.get("CELERY_RESULT_BACKEND") or None,
        set_as_current=False,
    )
    app.conf.update(
        task_default_queue=settings["CELERY_QUEUE"],
        task_serializer="json",
        accept_content=["json"],
        task_ignore_result=True,
        # A job whose worker dies is handed to another worker, not lost.
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        # docxtpl and WeasyPrint grow native memory: replace worker processes now and then.
        worker_max_tasks_per_child=settings["JOB_WORKER_MAX_TASKS"],
        worker_hijack_root_logger=False,
        broker_connection_retry_on_startup=True,
        broker_transport_options={"visibility_timeout": 3600},
    )
    return app
