"""Jobs on Celery: a real worker process against the Redis server at 127.0.0.1:6379.

The web side only records the job and sends it to the broker; the worker (started here
as `celery -A service.jobs.worker worker --pool=solo`) renders in its own process with
the same pipeline and archive, writes progress to the shared database, and delivers
the webhook through its own retried task.
"""

from __future__ import annotations

import copy
import json
import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import redis
from flask import Flask

from service.jobs.webhooks import SIGNATURE_HEADER, verify
from tests.conftest import BIRTH_FACT, build_test_app, client_as
from tests.jobs.helpers import (
    WEBHOOK_SECRET,
    celery_worker,
    ndjson,
    wait_for_job,
    webhook_receiver,
    worker_environment,
)
from tests.readback import pdf_text
from tests.storage.conftest import family_case

pytestmark = pytest.mark.redis

BROKER = "redis://127.0.0.1:6379/14"


@pytest.fixture(scope="module")
def celery_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """An application that queues jobs on Redis, and a Celery worker that runs them."""
    redis.Redis.from_url(BROKER).ping()
    var_dir = tmp_path_factory.mktemp("celery")
    queue = f"paperwork-test-{uuid.uuid4().hex[:8]}"
    settings = {
        "CELERY_BROKER_URL": BROKER,
        "CELERY_QUEUE": queue,
        "WEBHOOK_SECRET": WEBHOOK_SECRET,
        "WEBHOOK_MAX_ATTEMPTS": 3,
        "WEBHOOK_BACKOFF_SECONDS": 0.2,
        "RENDER_WORKERS": 0,
    }
    app = build_test_app(var_dir, **settings)
    environment = worker_environment(
        app,
        BROKER,
        queue,
        PAPERWORK_WEBHOOK_SECRET=WEBHOOK_SECRET,
        PAPERWORK_WEBHOOK_MAX_ATTEMPTS="3",
        PAPERWORK_WEBHOOK_BACKOFF_SECONDS="0.2",
    )
    try:
        with celery_worker(environment, queue):
            yield app
    finally:
        app.extensions["jobs"].shutdown()
        redis.Redis.from_url(BROKER).delete(queue)


def test_a_celery_worker_runs_a_packet_job(
    celery_app: Flask, birth_fact_example: dict[str, Any]
) -> None:
    client = client_as(celery_app, "caseworker")
    case = client.post("/api/v1/cases", json={"data": family_case(birth_fact_example)})
    first_child = case.get_json()["data"]["children"][0]["id"]
    response = client.post(
        "/api/v1/jobs",
        json={
            "kind": "packet",
            "case_id": case.get_json()["id"],
            "documents": [BIRTH_FACT],
            "child_ids": [first_child],
            "langs": ["uk"],
            "formats": ["pdf", "docx"],
        },
    )
    assert response.status_code == 202, response.get_data(as_text=True)[:500]
    assert response.get_json()["state"] == "queued"
    job = wait_for_job(client, response.headers["Location"])
    assert (job["state"], job["done"], job["failed"]) == ("done", 2, 0), job
    pdf = next(result for result in job["results"] if result["format"] == "pdf")
    download = client.get(pdf["download_url"])
    assert download.status_code == 200
    assert "Петренко" in pdf_text(download.data)


def test_a_celery_bulk_render_reports_errors_and_calls_the_webhook(
    celery_app: Flask, birth_fact_example: dict[str, Any]
) -> None:
    good = copy.deepcopy(birth_fact_example)
    good["court"]["name"] += f" {uuid.uuid4().hex[:6]}"
    bad = copy.deepcopy(birth_fact_example)
    del bad["court"]
    client = client_as(celery_app, "system")
    with webhook_receiver(503, 200) as receiver:
        response = client.post(
            f"/api/v1/jobs?template={BIRTH_FACT}&format=docx&webhook_url={receiver.url}",
            data=ndjson([good, bad]),
            content_type="application/x-ndjson",
        )
        assert response.status_code == 202, response.get_data(as_text=True)[:500]
        receiver.wait_for(2)
    job = wait_for_job(client, response.headers["Location"])
    assert (job["state"], job["done"], job["failed"]) == ("done", 2, 1)
    assert job["results"][0]["document_id"]
    assert "court" in job["results"][1]["error"]["errors"]
    retried = receiver.received[1]
    assert receiver.times[1] - receiver.times[0] >= 0.2  # the retry waited its backoff
    assert json.loads(retried["body"])["job_id"] == job["id"]
    assert verify(
        WEBHOOK_SECRET.encode(),
        retried["headers"][SIGNATURE_HEADER],
        retried["body"],
        now=time.time(),
    )
    deadline = time.monotonic() + 10
    while job["webhook"]["state"] != "delivered" and time.monotonic() < deadline:
        time.sleep(0.1)
        job = client.get(response.headers["Location"]).get_json()
    assert job["webhook"] == {"state": "delivered", "attempts": 2}
