"""Render workers are recycled without a stall: renders from several threads keep flowing
while the pool replaces its processes every few renders (each new pair warms up while
the old pair goes on serving)."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date

from service.documents import DocumentPipeline, get_template
from service.issuing import RenderJob, RenderPool
from tests.conftest import BIRTH_FACT


def test_workers_are_replaced_while_renders_keep_flowing(pipeline: DocumentPipeline) -> None:
    pool = RenderPool(pipeline, workers=2, budget_seconds=20, max_tasks_per_child=3)
    data = get_template(BIRTH_FACT).load_example()
    job = RenderJob(BIRTH_FACT, data, "uk", "docx", date(2026, 3, 2))
    started = time.monotonic()
    documents = []

    def render_until_recycled(_thread: int) -> None:
        while pool.generation < 4 and time.monotonic() - started < 60:
            documents.append(pool.render_one(job))

    try:
        with ThreadPoolExecutor(max_workers=2) as threads:
            list(threads.map(render_until_recycled, range(2)))
    finally:
        pool.shutdown()
    assert pool.generation >= 4, "the workers were not replaced"  # a new pair every 6+
    assert len({document.sha256 for document in documents}) == 1  # same input, same bytes
    assert time.monotonic() - started < 60  # no render waited for its budget
