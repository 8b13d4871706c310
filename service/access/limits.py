"""Rate limits per token (Flask-Limiter): in memory by default, Redis when configured."""

from __future__ import annotations

import hashlib
import math
import time

from flask import Flask, Response, request
from flask_limiter import Limiter, RateLimitExceeded
from flask_limiter.util import get_remote_address

from service.access.guard import bearer_token
from service.api.problems import problem_response
from service.errors import ServiceError
from service.i18n import N_

UNLIMITED_PATHS = ("/healthz", "/readyz")


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
        storage_uri=app.config["RATE_LIMIT_STORAGE_URI"],
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
