"""What the job tests share: a webhook receiver on 127.0.0.1, waiting for a job, a Celery worker."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

PROJECT = Path(__file__).resolve().parents[2]

WEBHOOK_SECRET = "test-webhook-secret"


@dataclass
class Receiver:
    """A local HTTP server that answers webhooks with the given statuses, in turn."""

    statuses: list[int]
    url: str = ""
    received: list[dict[str, Any]] = field(default_factory=list)
    times: list[float] = field(default_factory=list)

    def wait_for(self, count: int, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while len(self.received) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(self.received) >= count, f"{len(self.received)} of {count} deliveries"


@contextmanager
def webhook_receiver(*statuses: int) -> Iterator[Receiver]:
    """Run a receiver on a free loopback port for the duration of a test."""
    receiver = Receiver(list(statuses) or [204])

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            receiver.received.append({"headers": dict(self.headers), "body": body})
            receiver.times.append(time.monotonic())
            index = min(len(receiver.received), len(receiver.statuses)) - 1
            self.send_response(receiver.statuses[index])
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *_args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/paperwork"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()


def wait_for_job(client: FlaskClient, url: str, timeout: float = 120) -> dict[str, Any]:
    """Poll a job until it finishes; return its last state."""
    deadline = time.monotonic() + timeout
    while True:
        response = client.get(url)
        assert response.status_code == 200, response.get_data(as_text=True)[:300]
        job: dict[str, Any] = response.get_json()
        if job["state"] in ("done", "failed") or time.monotonic() > deadline:
            return job
        time.sleep(0.1)


def ndjson(objects: list[dict[str, Any]]) -> bytes:
    """JSON Lines: one object a line."""
    return "\n".join(json.dumps(item, ensure_ascii=False) for item in objects).encode("utf-8")


def worker_environment(app: Flask, broker: str, queue: str, **extra: str) -> dict[str, str]:
    """The environment of a Celery worker sharing an application's database, keys and files."""
    return {
        **os.environ,
        "DATABASE_URL": app.config["DATABASE_URL"],
        "PAPERWORK_VAR_DIR": str(app.config["VAR_DIR"]),
        "PAPERWORK_DOCUMENTS_DIR": str(app.config["DOCUMENTS_DIR"]),
        "PAPERWORK_DATA_KEYS": app.config["DATA_KEYS"],
        "CELERY_BROKER_URL": broker,
        "PAPERWORK_CELERY_QUEUE": queue,
        "PAPERWORK_LOG_LEVEL": "WARNING",
        **extra,
    }


@contextmanager
def celery_worker(environment: Mapping[str, str], queue: str) -> Iterator[subprocess.Popen[bytes]]:
    """A real `celery worker` (one process, --pool=solo) on `queue`, stopped on exit."""
    worker = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "celery"),
            "-A",
            "service.jobs.worker",
            "worker",
            "--pool=solo",
            "--queues",
            queue,
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel=WARNING",
            "--hostname",
            f"{queue}@%h",
        ],
        cwd=PROJECT,
        env=dict(environment),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield worker
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
