"""Render processes warm up before they take work: no caller's render is a process's first."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

from service import gunicorn_config
from service.documents import DocumentPipeline, get_template, list_templates
from service.issuing import RenderJob, RenderPool
from tests.conftest import BIRTH_FACT


def test_after_the_warm_up_no_render_loads_fonts_or_compiles_its_template(
    pipeline: DocumentPipeline, caplog: pytest.LogCaptureFixture
) -> None:
    fresh = DocumentPipeline(pipeline.docx.templates_dir, pipeline.pdf.templates_dir)
    with caplog.at_level(logging.DEBUG, logger="service"):
        fresh.warm_up()
        assert "pdf renderer ready" in caplog.messages
        assert caplog.messages.count("docx template compiled") == len(list_templates())
        caplog.clear()
        data = get_template(BIRTH_FACT).load_example()
        fresh.render(BIRTH_FACT, data, "en", "pdf")
        for spec in list_templates():
            fresh.render(spec.id, spec.load_example(), "en", "docx")
    assert "pdf renderer ready" not in caplog.messages
    assert "docx template compiled" not in caplog.messages


def test_a_render_process_that_cannot_warm_up_still_serves(
    pipeline: DocumentPipeline, tmp_path: Path
) -> None:
    # No HTML templates: the PDF of the warm-up fails, DOCX renders still work.
    broken = DocumentPipeline(pipeline.docx.templates_dir, tmp_path)
    pool = RenderPool(broken, workers=1, budget_seconds=20)
    try:
        data = get_template(BIRTH_FACT).load_example()
        document = pool.render_one(RenderJob(BIRTH_FACT, data, "uk", "docx", date(2026, 3, 2)))
    finally:
        pool.shutdown()
    assert document.content.startswith(b"PK")


def test_a_web_worker_takes_requests_only_once_its_render_processes_are_warm(
    pipeline: DocumentPipeline,
) -> None:
    pool = RenderPool(pipeline, workers=1, budget_seconds=20)
    sweepers: list[bool] = []
    jobs = SimpleNamespace(start_sweeper=lambda: sweepers.append(True))
    worker = SimpleNamespace(wsgi=SimpleNamespace(extensions={"render_pool": pool, "jobs": jobs}))
    try:
        gunicorn_config.post_worker_init(worker)  # gunicorn's hook before the first request
        assert pool.is_warm
        assert sweepers == [True], "the worker also takes again the jobs whose runner died"
    finally:
        pool.shutdown()
