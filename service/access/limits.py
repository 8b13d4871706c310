"""Rate limits per token (Flask-Limiter): in memory by default, Redis when configured."""

from __future__ import annotations

import hashlib
import math
import threading
import time
import weakref

from flask import Flask, Response, request
from flask_limiter import Limiter, RateLimitExceeded
from flask_limiter.util import get_remote_address
from limits.storage import MemoryStorage

from service.access.guard import bearer_token
from service.api.problems import problem_response
from service.errors import ServiceError
from service.i18n import N_

UNLIMITED_PATHS = ("/healthz", "/readyz")
EXPIRY_SWEEP_SECONDS = 1.0


class SteadyMemoryStorage(MemoryStorage):
    """limits' in-memory counts, with expired entries dropped by one long-lived thread.

    limits starts a new 10 ms timer thread whenever the last one has run, which under
    steady traffic created a thread every other request. Counting is unchanged: the
    moving window compares timestamps itself; the sweep only frees memory.
    """

    STORAGE_SCHEME = ["steady-memory"]  # noqa: RUF012 - limits' registry reads the class

    def _MemoryStorage__schedule_expiry(self) -> None:  # noqa: N802 - limits' private hook
        if getattr(self, "_sweeper", None) is None:
            self._sweeper = threading.Thread(
                target=_sweep_expired, args=(weakref.ref(self),), name="limits", daemon=True
            )
            self._sweeper.start()


def _sweep_expired(storage_ref: weakref.ref[SteadyMemoryStorage]) -> None:
    """Drop expired entries every second, for as long as the storage exists."""
    while True:
        time.sleep(EXPIRY_SWEEP_SECONDS)
        storage = storage_ref()
        if storage is None:
            return
        storage._MemoryStorage__expire_events()  # type: ignore[attr-defined]
        del storage


def storage_uri(configured: str) -> str:
    """The storage of the limits: the in-memory one swept by a single thread."""
    return "steady-memory://" if configured.startswith("memory://") else configured


class RateLimitedError(ServiceError):
    """Too many requests with one token (or from one address) in the window."""

    status = 429
    slug = "rate-limited"
    title = N_("Too many requests")
    detail = N_("Slow down: try again in %(seconds)s seconds.")

    def __init__(self, retry_after: int) -> None:
        super().__init__(seconds=retry_after)
        self.retry_after = retry_after

    def headers(self) -> dict[str, str]:
        """Tell the client when to retry."""
        return {"Retry-After": str(self.retry_after)}


def rate_limit_key() -> str:
    """Count per token (by its hash), or per address for requests without one."""
    token = bearer_token()
    if token:
        return "token:" + hashlib.sha256(token.encode()).hexdigest()[:32]
    return "address:" + (get_remote_address() or "unknown")


def init_app(app: Flask) -> Limiter:
    """Limit every request except health checks; answer 429 problems with Retry-After."""
    limiter = Limiter(
        key_func=rate_limit_key,
        application_limits=[app.config["RATE_LIMIT"]],
        storage_uri=storage_uri(app.config["RATE_LIMIT_STORAGE_URI"]),
        strategy="moving-window",
        headers_enabled=False,
        # Limits shared through Redis: while it is down, each process counts on its own
        # rather than answering every request with an error.
        in_memory_fallback_enabled=True,
    )
    limiter.request_filter(lambda: request.path in UNLIMITED_PATHS)
    limiter.init_app(app)

    @app.errorhandler(RateLimitExceeded)
    def handle_rate_limit(_error: RateLimitExceeded) -> Response:
        current = limiter.current_limit
        wait = math.ceil(current.reset_at - time.time()) if current else 60
        return problem_response(RateLimitedError(max(1, wait)))

    return limiter
