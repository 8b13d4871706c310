"""The Celery worker's entry point: `celery -A service.jobs.worker worker`.

It reads the same environment as the web service (DATABASE_URL, PAPERWORK_DATA_KEYS,
PAPERWORK_DOCUMENTS_DIR, CELERY_BROKER_URL, ...), builds the application once per
worker process with rendering in that process (each Celery process is one renderer),
and runs the same `JobExecutor` as the in-process runner.
"""

from __future__ import annotations

from typing import Any

from service import create_app
from service.config import load_settings
from service.jobs.executor import JobExecutor
from service.jobs.runners import DELIVER_WEBHOOK_TASK, RUN_JOB_TASK, build_celery
from service.jobs.store import JobStore
from service.jobs.webhooks import WebhookSettings, build_body, deliver_once

settings = load_settings()
app = build_celery(settings)
_parts: dict[str, Any] = {}


def parts() -> tuple[JobStore, JobExecutor]:
    """The job store and executor of this worker process (built on its first task)."""
    if not _parts:
        flask_app = create_app({"RENDER_WORKERS": 0})
        storage = flask_app.extensions["storage"]
        store = JobStore(storage.database, storage.cipher)
        _parts["store"] = store
        _parts["executor"] = JobExecutor(
            store,
            flask_app.extensions["issuer"],
            lease_seconds=settings["JOB_LEASE_SECONDS"],
            max_attempts=settings["JOB_MAX_ATTEMPTS"],
        )
    return _parts["store"], _parts["executor"]


@app.task(name=RUN_JOB_TASK)  # type: ignore[untyped-decorator]  # Celery has no type hints
def run_job(job_id: str) -> None:
    """Do a job; then queue its webhook, if it has one."""
    _store, executor = parts()
    view = executor.run(job_id)  # None when another message of the job got it first
    if view is not None and view.finished and view.webhook_state == "pending":
        app.send_task(DELIVER_WEBHOOK_TASK, args=[job_id, 1], queue=settings["CELERY_QUEUE"])


@app.task(name=DELIVER_WEBHOOK_TASK)  # type: ignore[untyped-decorator]  # Celery has no type hints
def deliver_webhook(job_id: str, attempt: int) -> None:
    """Deliver a job's webhook once; on failure queue the next attempt after a backoff."""
    store, _executor = parts()
    webhooks = WebhookSettings.from_settings(settings)
    url = store.webhook_url(job_id)
    if url is None:
        return
    view = store.view(job_id)
    if deliver_once(url, build_body(view.as_dict()), webhooks):
        store.record_webhook_attempt(job_id, attempt, "delivered")
    elif attempt >= webhooks.max_attempts:
        store.record_webhook_attempt(job_id, attempt, "failed")
    else:
        store.record_webhook_attempt(job_id, attempt, "pending")
        app.send_task(
            DELIVER_WEBHOOK_TASK,
            args=[job_id, attempt + 1],
            countdown=webhooks.backoff(attempt),
            queue=settings["CELERY_QUEUE"],
        )
