"""Request ids and one log line per request: ids, route, status, duration; never personal data."""

from __future__ import annotations

import logging
import re
import time
import uuid

from flask import Flask, Response, g, request

REQUEST_ID_HEADER = "X-Request-Id"
_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdFilter(logging.Filter):
    """Add the current request id to every record logged during a request."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Attach `request_id` when there is a request; always keep the record."""
        if not hasattr(record, "request_id"):
            try:
                record.request_id = g.get("request_id")
            except RuntimeError:
                record.request_id = None
        return True


def current_request_id() -> str:
    """Return the id of the request being served."""
    return str(g.get("request_id") or "-")


def init_app(app: Flask) -> None:
    """Give every request an id (or keep a sane X-Request-Id) and log one line per request."""
    access_log = logging.getLogger("service.requests")

    @app.before_request
    def assign_request_id() -> None:
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        g.request_id = incoming if _SAFE_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        g.started = time.perf_counter()

    @app.after_request
    def log_request(response: Response) -> Response:
        response.headers[REQUEST_ID_HEADER] = current_request_id()
        started = g.get("started")
        access_log.info(
            "request",
            extra={
                "method": request.method,
                "route": request.url_rule.rule if request.url_rule else None,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1)
                if started
                else None,
                "template": g.get("template_id"),
            },
        )
        return response
