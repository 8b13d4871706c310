"""Render documents in parallel across CPU cores: a pool of worker processes.

WeasyPrint is not thread-safe, and its layout is pure Python, so parallelism comes from
processes. Each worker builds its own pipeline once (fonts, stylesheet, Jinja) and is
replaced after `max_tasks_per_child` renders, because docxtpl's native memory grows.
Workers start with `forkserver`, never by forking a threaded web process.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

from service.documents.pipeline import DocumentPipeline, RenderedDocument

RenderJob = tuple[str, dict[str, Any], str, str, date]

_worker_pipeline: DocumentPipeline | None = None


def _start_worker(templates_docx_dir: Path, templates_pdf_dir: Path) -> None:
    global _worker_pipeline  # noqa: PLW0603 - one pipeline per worker process, by design
    _worker_pipeline = DocumentPipeline(templates_docx_dir, templates_pdf_dir)
    _worker_pipeline.pdf.warm_up()


def _render_in_worker(job: RenderJob) -> RenderedDocument:
    template_id, data, lang, fmt, today = job
    if _worker_pipeline is None:
        raise RuntimeError("worker not initialised")
    return _worker_pipeline.render(template_id, data, lang, fmt, today=today)


class RenderPool:
    """A lazily started pool of render processes; `workers=0` renders in this process."""

    def __init__(
        self,
        pipeline: DocumentPipeline,
        *,
        workers: int,
        max_tasks_per_child: int = 200,
    ) -> None:
        self.pipeline = pipeline
        self.workers = workers
        self.max_tasks_per_child = max_tasks_per_child
        self._executor: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def _pool(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._executor is None:
                self._executor = ProcessPoolExecutor(
                    max_workers=self.workers,
                    mp_context=multiprocessing.get_context("forkserver"),
                    initializer=_start_worker,
                    initargs=(self.pipeline.docx.templates_dir, self.pipeline.pdf.templates_dir),
                    max_tasks_per_child=self.max_tasks_per_child,
                )
            return self._executor

    def render_many(self, jobs: Iterable[RenderJob]) -> list[RenderedDocument]:
        """Render every job, in parallel when there are workers; results in job order."""
        jobs = list(jobs)
        if self.workers <= 0 or len(jobs) <= 1:
            return [
                self.pipeline.render(t, d, lang, fmt, today=today)
                for t, d, lang, fmt, today in jobs
            ]
        pool = self._pool()
        futures: list[Future[RenderedDocument]] = [
            pool.submit(_render_in_worker, job) for job in jobs
        ]
        return [future.result() for future in futures]

    def shutdown(self) -> None:
        """Stop the workers."""
        with self._lock:
            if self._executor is not None:
                self._executor.shutdown(wait=True, cancel_futures=True)
                self._executor = None
