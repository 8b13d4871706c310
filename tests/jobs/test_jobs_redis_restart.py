"""Jobs that cannot wait for ever (issue 28): a broker that loses a job's message.

The test runs its own Redis, on a free port in a temporary folder, without persistence
(`--save "" --appendonly no`: the worst case, what `scripts/start_services.sh` used to
start), and restarts it while a job is queued and no Celery worker is consuming: the
message is gone. The web process's sweeper, which runs here with a short lease, sends the
job again; a real Celery worker started afterwards does it, each document once. When
the first message is not lost but only late, the job still runs once, and its webhook
is delivered once.
"""

from __future__ import annotations

import socket
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import BIRTH_FACT, build_test_app, client_as
from tests.jobs.helpers import (
    WEBHOOK_SECRET,
    celery_worker,
    wait_for_job,
    webhook_receiver,
    worker_environment,
)
from tests.storage.conftest import family_case

pytestmark = pytest.mark.redis

# The web side's lease: a queued job's message older than this is sent again, checked
# every third of it. The worker renews the lease of the job it runs on its own, longer
# lease, so that a busy machine never makes the sweeper take a job from a live worker.
LEASE = 1.5
WORKER_LEASE = "20"
RESENT_WITHIN = 4 * LEASE  # a lease, a sweep interval, and room for a loaded machine
FINISHED_WITHIN = 90.0  # the worker's start (imports, first render) is most of it


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class ForgetfulRedis:
    """A redis-server of the test's own that keeps nothing across a restart."""

    def __init__(self, folder: Path) -> None:
        self.folder, self.port = folder, free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        """Start it and wait until it answers."""
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--dir",
                str(self.folder),
                "--save",
                "",
                "--appendonly",
                "no",
                "--loglevel",
                "warning",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while True:
            try:
                redis.Redis.from_url(self.url).ping()
                return
            except redis.ConnectionError:
                assert time.monotonic() < deadline, "redis-server did not start"
                time.sleep(0.05)

    def stop(self) -> None:
        """Stop it (SIGTERM: with no persistence it saves nothing)."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def restart(self) -> None:
        """Stop and start it on the same port: every queued message is lost."""
        self.stop()
        self.start()

    def waiting(self, queue: str) -> int:
        """How many messages wait in a Celery queue."""
        return int(redis.Redis.from_url(self.url).llen(queue))


@pytest.fixture(scope="module")
def broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ForgetfulRedis]:
    """The test's own Redis, without persistence."""
    server = ForgetfulRedis(tmp_path_factory.mktemp("redis"))
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def queue() -> str:
    """The Celery queue of this module's jobs."""
    return f"paperwork-lost-{uuid.uuid4().hex[:8]}"


@pytest.fixture(scope="module")
def sweeping_app(
    tmp_path_factory: pytest.TempPathFactory, broker: ForgetfulRedis, queue: str
) -> Iterator[Flask]:
    """An application that queues jobs on the test's Redis, its sweeper running as served."""
    app = build_test_app(
        tmp_path_factory.mktemp("lost-messages"),
        CELERY_BROKER_URL=broker.url,
        CELERY_QUEUE=queue,
        JOB_LEASE_SECONDS=LEASE,
        RENDER_WORKERS=0,
        WEBHOOK_SECRET=WEBHOOK_SECRET,
    )
    app.extensions["jobs"].start_sweeper()
    yield app
    app.extensions["jobs"].shutdown()
    app.extensions["storage"].database.dispose()


@pytest.fixture(scope="module")
def environment(sweeping_app: Flask, broker: ForgetfulRedis, queue: str) -> dict[str, str]:
    """The environment of this module's Celery worker."""
    return worker_environment(
        sweeping_app,
        broker.url,
        queue,
        PAPERWORK_WEBHOOK_SECRET=WEBHOOK_SECRET,
        PAPERWORK_JOB_LEASE_SECONDS=WORKER_LEASE,
    )


def post_packet(client: FlaskClient, example: dict[str, Any], webhook_url: str | None) -> str:
    """Post a packet job of a new case (one child, uk and en DOCX); its address."""
    case = client.post("/api/v1/cases", json={"data": family_case(example)}).get_json()
    body = {
        "kind": "packet",
        "case_id": case["id"],
        "documents": [BIRTH_FACT],
        "child_ids": [case["data"]["children"][0]["id"]],
        "langs": ["uk", "en"],
        "formats": ["docx"],
    }
    if webhook_url:
        body["webhook_url"] = webhook_url
    response = client.post("/api/v1/jobs", json=body)
    assert response.status_code == 202, response.get_data(as_text=True)[:500]
    assert response.get_json()["state"] == "queued"
    return str(response.headers["Location"])


def wait_for_messages(broker: ForgetfulRedis, queue: str, count: int) -> None:
    """Wait until the queue holds `count` messages (the sweeper sent the job again)."""
    deadline = time.monotonic() + RESENT_WITHIN
    while broker.waiting(queue) < count:
        assert time.monotonic() < deadline, f"{broker.waiting(queue)} of {count} messages"
        time.sleep(0.05)


def wait_until_drained(broker: ForgetfulRedis, queue: str) -> None:
    """Wait until the worker has taken every message of the queue (the job's extra ones)."""
    deadline = time.monotonic() + 10
    while broker.waiting(queue) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert broker.waiting(queue) == 0


def assert_made_once(app: Flask, job: dict[str, Any]) -> None:
    """The job made its two documents, each once, and nothing else of its case."""
    assert (job["state"], job["done"], job["failed"]) == ("done", 2, 0), job
    ids = {result["document_id"] for result in job["results"]}
    assert len(ids) == 2
    with app.extensions["storage"].database.connection() as connection:
        stored = connection.execute(
            sa.text("SELECT count(*), count(DISTINCT id) FROM documents WHERE case_id = :case"),
            {"case": job["case_id"]},
        ).one()
    assert tuple(stored) == (2, 2), "each document was made once"


def test_a_job_whose_message_redis_lost_is_sent_again_and_finishes(
    sweeping_app: Flask,
    broker: ForgetfulRedis,
    queue: str,
    environment: dict[str, str],
    birth_fact_example: dict[str, Any],
) -> None:
    client = client_as(sweeping_app, "caseworker")
    assert broker.waiting(queue) == 0
    url = post_packet(client, birth_fact_example, None)
    assert broker.waiting(queue) == 1
    broker.restart()  # no worker has taken the message, and Redis forgot it
    assert broker.waiting(queue) == 0
    assert client.get(url).get_json()["state"] == "queued"
    wait_for_messages(broker, queue, 1)  # the sweeper sent the job again
    with celery_worker(environment, queue):
        job = wait_for_job(client, url, timeout=FINISHED_WITHIN)
        wait_until_drained(broker, queue)
    assert_made_once(sweeping_app, job)


def test_a_job_whose_first_message_arrives_late_runs_once_and_tells_its_webhook_once(
    sweeping_app: Flask,
    broker: ForgetfulRedis,
    queue: str,
    environment: dict[str, str],
    birth_fact_example: dict[str, Any],
) -> None:
    client = client_as(sweeping_app, "caseworker")
    assert broker.waiting(queue) == 0
    with webhook_receiver(204) as receiver:
        url = post_packet(client, birth_fact_example, receiver.url)
        wait_for_messages(broker, queue, 2)  # no worker yet: the sweeper sent it again
        with celery_worker(environment, queue):
            job = wait_for_job(client, url, timeout=FINISHED_WITHIN)
            receiver.wait_for(1)
            wait_until_drained(broker, queue)  # every message of the job was taken
            time.sleep(1)  # a second delivery would be under way by now
    assert_made_once(sweeping_app, job)
    assert len(receiver.received) == 1, "the webhook is delivered once"
    assert client.get(url).get_json()["webhook"] == {"state": "delivered", "attempts": 1}
