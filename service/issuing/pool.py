"""Render documents in worker processes: in parallel across cores, each within a time budget.

WeasyPrint is not thread-safe, and its layout is pure Python, so parallelism comes from
processes. Each worker builds its own pipeline once (fonts, stylesheet, Jinja), renders
an example PDF and DOCX before it takes work, and is replaced after `max_tasks_per_child`
renders, because docxtpl's native memory grows. Workers start with `forkserver`, never by
forking a threaded web process.

A worker stops a render that runs past the budget with SIGALRM (layout is Python code,
so the alarm interrupts it); a worker stuck beyond that is killed with its pool, and a
new pool starts on the next render. Either way the caller gets a 503 with Retry-After
and the service keeps serving.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
from collections.abc import Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeoutError
from concurrent.futures import wait as futures_wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from types import FrameType
from typing import TypeVar

from service.documents.pipeline import DocumentPipeline, RenderedDocument
from service.errors import ServiceUnavailableError
from service.i18n import N_
from service.issuing.job import RenderJob
from service.issuing.lifeline import exit_with
from service.logs import configure_logging
from service.rendering.evidence import AnnexJob, render_annex_pdf

log = logging.getLogger(__name__)

GRACE_SECONDS = 5.0
# What a worker hands back: a rendered document, or the bytes of annex pages.
Result = TypeVar("Result")

_worker_pipeline: DocumentPipeline | None = None


class RenderTimeoutError(ServiceUnavailableError):
    """A render ran past its time budget and was stopped."""

    slug = "render-timeout"
    title = N_("The document took too long to render")
    detail = N_("Rendering was stopped after the time allowed. Try again in a moment.")
    retry_after = 10


class _AlarmRang(BaseException):
    """Raised inside a render by SIGALRM (a BaseException, so no `except Exception` eats it)."""


def _on_alarm(_signum: int, _frame: FrameType | None) -> None:
    raise _AlarmRang


def _start_worker(
    templates_docx_dir: Path,
    templates_pdf_dir: Path,
    log_level: int,
    json_logs: bool,
    owner_pid: int,
) -> None:
    global _worker_pipeline  # noqa: PLW0603 - one pipeline per worker process, by design
    exit_with(owner_pid)  # no render process outlives the worker it renders for
    configure_logging(log_level, json_lines=json_logs)
    _worker_pipeline = DocumentPipeline(templates_docx_dir, templates_pdf_dir)
    try:
        _worker_pipeline.warm_up()
    except Exception as error:  # a worker that cannot warm up still answers each render
        log.warning(
            "render warm-up failed", extra={"stage": "warm_up", "exception": type(error).__name__}
        )
    signal.signal(signal.SIGALRM, _on_alarm)


def render_job(pipeline: DocumentPipeline, job: RenderJob) -> RenderedDocument:
    """Render one job through the pipeline (validate, build the context, render)."""
    return pipeline.render(
        job.template_id,
        job.data,
        job.lang,
        job.format,
        today=job.render_date,
        seal=job.seal,
        input_sha256=job.input_sha256,
    )


def render_with_alarm(
    pipeline: DocumentPipeline, job: RenderJob, budget_seconds: float
) -> RenderedDocument:
    """Render one job, stopped by SIGALRM after the budget (main thread of a process only)."""
    signal.setitimer(signal.ITIMER_REAL, budget_seconds)
    try:
        return render_job(pipeline, job)
    except _AlarmRang:
        raise RenderTimeoutError() from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def render_annex_with_alarm(
    pipeline: DocumentPipeline, job: AnnexJob, budget_seconds: float
) -> bytes:
    """Render a document's annexes, stopped by SIGALRM after the budget (main thread only)."""
    signal.setitimer(signal.ITIMER_REAL, budget_seconds)
    try:
        return render_annex_pdf(pipeline.pdf, job)
    except _AlarmRang:
        raise RenderTimeoutError() from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def _render_annex_in_worker(job: AnnexJob, budget_seconds: float) -> bytes:
    if _worker_pipeline is None:
        raise RuntimeError("worker not initialised")
    return render_annex_with_alarm(_worker_pipeline, job, budget_seconds)


def _render_in_worker(job: RenderJob, budget_seconds: float) -> RenderedDocument:
    if _worker_pipeline is None:
        raise RuntimeError("worker not initialised")
    return render_with_alarm(_worker_pipeline, job, budget_seconds)


class RenderPool:
    """A lazily started pool of render processes; `workers=0` renders in the calling process."""

    def __init__(
        self,
        pipeline: DocumentPipeline,
        *,
        workers: int,
        budget_seconds: float = 30.0,
        max_tasks_per_child: int = 500,
        json_logs: bool = True,
    ) -> None:
        self.pipeline = pipeline
        self.workers = workers
        self.budget_seconds = budget_seconds
        self.max_tasks_per_child = max_tasks_per_child
        self.json_logs = json_logs
        self._executor: ProcessPoolExecutor | None = None
        self._successor: ProcessPoolExecutor | None = None
        # Reentrant: a warm-up future already done runs its callback (which locks) at once.
        self._lock = threading.RLock()
        self._submitted = 0
        self._warming: list[Future[int]] = []
        self.generation = 0

    def _pool(self) -> ProcessPoolExecutor:
        # Workers are recycled by replacing the whole pool after `max_tasks_per_child`
        # renders per worker. (ProcessPoolExecutor's own max_tasks_per_child can leave no
        # worker alive on Python 3.11 when workers exit together: renders then wait for
        # the budget and fail.) The successor starts and warms up (WeasyPrint, fonts:
        # a second or two) while the current pool goes on serving, so no render waits
        # for it; the current pool then finishes what it was given and its processes exit.
        with self._lock:
            if self._executor is None:
                self._executor = self._start_executor()
                self._submitted = 0
                self.generation += 1
            elif (
                self._successor is None
                and self._submitted >= self.workers * self.max_tasks_per_child
            ):
                self._successor = self._start_executor()
                successor = self._successor
                warming = [successor.submit(int) for _ in range(self.workers)]
                for future in warming:
                    future.add_done_callback(lambda _done: self._promote(successor, warming))
            self._submitted += 1
            return self._executor

    def _start_executor(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("forkserver"),
            initializer=_start_worker,
            initargs=(
                self.pipeline.docx.templates_dir,
                self.pipeline.pdf.templates_dir,
                logging.getLogger("service").getEffectiveLevel(),
                self.json_logs,
                os.getpid(),
            ),
        )

    def _promote(self, successor: ProcessPoolExecutor, warming: list[Future[int]]) -> None:
        """Make a warmed-up successor the pool, once all its warm-up tasks are done."""
        if not all(future.done() for future in warming):
            return
        with self._lock:
            if self._successor is not successor:
                return  # already promoted, or discarded with a broken pool
            retired, self._executor, self._successor = self._executor, successor, None
            self._submitted = 0
            self.generation += 1
        if retired is not None:
            retired.shutdown(wait=False)

    def warm_up(self, *, wait: bool = False) -> None:
        """Start the workers now (each renders an example and compiles every template).

        With `wait`, return once they are ready (or the render budget has passed).
        """
        if self.workers > 0:
            pool = self._pool()
            self._warming = [pool.submit(int) for _ in range(self.workers)]
            if wait:
                futures_wait(self._warming, timeout=self.budget_seconds)

    @property
    def is_warm(self) -> bool:
        """Whether the workers started by the last `warm_up` are ready."""
        return all(future.done() for future in self._warming)

    def _discard_pool(self) -> None:
        with self._lock:
            executors = [self._executor, self._successor]
            self._executor = self._successor = None
        for executor in executors:
            if executor is not None:
                for process in list(getattr(executor, "_processes", {}).values()):
                    process.kill()
                executor.shutdown(wait=False, cancel_futures=True)

    def render_one(self, job: RenderJob) -> RenderedDocument:
        """Render one job within the time budget."""
        return self.render_many([job])[0]

    def render_many(self, jobs: Iterable[RenderJob]) -> list[RenderedDocument]:
        """Render every job (in parallel when there are workers); results in job order."""
        jobs = list(jobs)
        if self.workers <= 0:
            return [self._render_here(job) for job in jobs]
        futures: list[Future[RenderedDocument]] = [
            self._pool().submit(_render_in_worker, job, self.budget_seconds) for job in jobs
        ]
        return self._results(futures)

    def render_annexes(self, jobs: Iterable[AnnexJob]) -> list[bytes]:
        """Render documents' annexes (evidence pages) to PDF/A, in parallel when there are
        workers; results in job order."""
        jobs = list(jobs)
        if self.workers <= 0:
            if threading.current_thread() is threading.main_thread():
                previous = signal.signal(signal.SIGALRM, _on_alarm)
                try:
                    return [
                        render_annex_with_alarm(self.pipeline, job, self.budget_seconds)
                        for job in jobs
                    ]
                finally:
                    signal.signal(signal.SIGALRM, previous)
            return [render_annex_pdf(self.pipeline.pdf, job) for job in jobs]
        futures: list[Future[bytes]] = [
            self._pool().submit(_render_annex_in_worker, job, self.budget_seconds) for job in jobs
        ]
        return self._results(futures)

    def _results(self, futures: list[Future[Result]]) -> list[Result]:
        """Each worker's result in order, within the budget of them all; a worker stuck past
        it or dead replaces the pool (503)."""
        try:
            return [
                future.result(timeout=self.budget_seconds * len(futures) + GRACE_SECONDS)
                for future in futures
            ]
        except FutureTimeoutError:
            log.error("render worker stuck past its budget: pool replaced", extra={"stage": "pool"})
            self._discard_pool()
            raise RenderTimeoutError() from None
        except BrokenProcessPool:
            log.error("render worker died: pool replaced", extra={"stage": "pool"})
            self._discard_pool()
            raise ServiceUnavailableError() from None

    def _render_here(self, job: RenderJob) -> RenderedDocument:
        if threading.current_thread() is threading.main_thread():
            previous = signal.signal(signal.SIGALRM, _on_alarm)
            try:
                return render_with_alarm(self.pipeline, job, self.budget_seconds)
            finally:
                signal.signal(signal.SIGALRM, previous)
        return render_job(self.pipeline, job)

    def shutdown(self) -> None:
        """Stop the workers."""
        with self._lock:
            executors = [self._executor, self._successor]
            self._executor = self._successor = None
        for executor in executors:
            if executor is not None:
                executor.shutdown(wait=True, cancel_futures=True)
