"""What the job tests share: a webhook receiver on 127.0.0.1, waiting for a job, a family."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from flask.testing import FlaskClient

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
