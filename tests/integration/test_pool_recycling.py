"""Render workers are recycled without a stall: renders from several threads keep flowing
while the pool replaces its processes every few renders."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date

from service.documents import DocumentPipeline, get_template
from service.rendering.pool import RenderPool
from tests.conftest import BIRTH_FACT


def test_workers_are_replaced_while_renders_keep_flowing(pipeline: DocumentPipeline) -> None:
    pool = RenderPool(pipeline, workers=2, budget_seconds=20, max_tasks_per_child=3)
    data = get_template(BIRTH_FACT).load_example()
    job = (BIRTH_FACT, data, "uk", "docx", date(2026, 3, 2))
    started = time.monotonic()
    try:
        with ThreadPoolExecutor(max_workers=2) as threads:
            documents = list(threads.map(lambda _n: pool.render_one(job), range(24)))
    finally:
        pool.shutdown()
    assert len({document.sha256 for document in documents}) == 1  # same input, same bytes
    assert pool.generation >= 4  # 24 renders, a new pair of workers every 6
    assert time.monotonic() - started < 60  # no render waited for its budget
