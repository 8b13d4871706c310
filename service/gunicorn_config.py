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

bind = os.environ.get("PAPERWORK_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("PAPERWORK_WEB_WORKERS", str(os.cpu_count() or 1)))
# Threads only wait for the render processes, so a few per worker keep the cores busy.
worker_class = "gthread"
threads = int(os.environ.get("PAPERWORK_WEB_THREADS", "4"))
max_requests = int(os.environ.get("PAPERWORK_MAX_REQUESTS", "1000"))
max_requests_jitter = max_requests // 5
# Above the render budget (30 s by default), so a slow render answers 503, not a kill.
timeout = int(os.environ.get("PAPERWORK_WORKER_TIMEOUT", "60"))
graceful_timeout = 30
preload_app = True
# The service logs each request itself (JSON, with its request id).
accesslog = None


def post_worker_init(worker: Any) -> None:
    """Start this worker's render processes and wait until they are warm.

    The worker takes no request before (a replacement after `max_requests` leaves them
    to the other workers for the two seconds this takes), so no request waits for a
    cold render process.
    """
    worker.wsgi.extensions["render_pool"].warm_up(wait=True)


def worker_exit(_server: Any, worker: Any) -> None:
    """Stop this worker's job thread and render processes with it."""
    extensions = getattr(worker.wsgi, "extensions", {})
    if "jobs" in extensions:
        extensions["jobs"].shutdown()
    if "render_pool" in extensions:
        extensions["render_pool"].shutdown()
