"""Background work: packets and bulk renders as jobs, in-process by default, Celery when set.

`JobService` checks and records a job and hands it to a runner; `JobExecutor` does it
(the same code in the web process's job thread and in a Celery worker); `JobStore`
keeps jobs in the database; `webhooks` signs and delivers the notice that a job ended.
"""

from service.jobs.executor import JobExecutor
from service.jobs.service import JobService
from service.jobs.store import KINDS, JobNotFoundError, JobStore, JobView

__all__ = ["KINDS", "JobExecutor", "JobNotFoundError", "JobService", "JobStore", "JobView"]
