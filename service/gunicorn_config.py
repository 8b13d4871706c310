"""gunicorn settings of `make serve` and the load test: a worker per core, each recycled.

`gunicorn -c python:service.gunicorn_config wsgi:app`. Each web worker has its own
render pool (forkserver processes, started after the fork and warm before the worker
takes its first request) and is replaced after about a thousand requests, since
docxtpl and WeasyPrint grow native memory. `--preload` is safe: creating the
application starts no process, thread or connection. Settings come from the
environment (PAPERWORK_BIND, ...).
"""

from __future__ import annotations

import os
from typing import Any

from service.config import load_settings, warn_if_public_url_differs

bind = os.environ.get("PAPERWORK_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("PAPERWORK_WEB_WORKERS", str(os.cpu_count() or 1)))
# Threads only wait for the render processes, so a few per worker keep the cores busy.
# gthread, answering requests gunicorn itself refuses (a request line over 4 KiB) with
# problem+json instead of an HTML page, and giving threads only connections whose headers
# are complete: a client gets PAPERWORK_HEADER_TIMEOUT seconds (default 10) to send them,
# then a 408 (service/gunicorn_worker.py).
worker_class = "service.gunicorn_worker.ProblemThreadWorker"
threads = int(os.environ.get("PAPERWORK_WEB_THREADS", "4"))
max_requests = int(os.environ.get("PAPERWORK_MAX_REQUESTS", "1000"))
max_requests_jitter = max_requests // 5
# Above the render budget (30 s by default), so a slow render answers 503, not a kill.
timeout = int(os.environ.get("PAPERWORK_WORKER_TIMEOUT", "60"))
graceful_timeout = 30
preload_app = True
# The service logs each request itself (JSON, with its request id).
accesslog = None


def when_ready(server: Any) -> None:
    """Warn once, in the master, when PAPERWORK_PUBLIC_URL is not the address bound."""
    app = server.app.wsgi() if server.cfg.preload_app else None
    public_url = app.config["PUBLIC_URL"] if app is not None else load_settings()["PUBLIC_URL"]
    warn_if_public_url_differs(public_url, parse_binds(server.cfg.bind))


def parse_binds(binds: list[str]) -> list[tuple[str, int]]:
    """The (host, port) of gunicorn's TCP binds ("host:port", "[::1]:port"; no unix sockets)."""
    served = []
    for bind in binds:
        if bind.startswith(("unix:", "fd://")):
            continue
        host, _, port = bind.rpartition(":")
        if not host or not port.isdigit():  # a bare host: gunicorn's own default port
            host, port = bind, "8000"
        served.append((host.strip("[]"), int(port)))
    return served


def post_worker_init(worker: Any) -> None:
    """Start this worker's render processes and wait until they are warm; start its job
    sweeper (jobs whose runner died are taken again).

    The worker takes no request before (a replacement after `max_requests` leaves them
    to the other workers for the two seconds this takes), so no request waits for a
    cold render process.
    """
    worker.wsgi.extensions["render_pool"].warm_up(wait=True)
    worker.wsgi.extensions["jobs"].start_sweeper()


def worker_exit(_server: Any, worker: Any) -> None:
    """Stop this worker's job thread and render processes with it."""
    extensions = getattr(worker.wsgi, "extensions", {})
    if "jobs" in extensions:
        extensions["jobs"].shutdown()
    if "render_pool" in extensions:
        extensions["render_pool"].shutdown()
