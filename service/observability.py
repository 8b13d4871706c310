"""Request ids and structured JSON log lines: ids, routes, hashes; never personal data."""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid
from typing import Any

from flask import Flask, Response, g, request

REQUEST_ID_HEADER = "X-Request-Id"
_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
_STANDARD_RECORD_KEYS = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonLineFormatter(logging.Formatter):
    """Format a log record as one JSON object per line, with its `extra` fields."""

    def format(self, record: logging.LogRecord) -> str:
        """Render the record as JSON (message, level, logger, request id, extras)."""
        line: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        line.update(
            {key: value for key, value in vars(record).items() if key not in _STANDARD_RECORD_KEYS}
        )
        if record.exc_info and record.exc_info[0] is not None:
            # The exception type only: messages and tracebacks can quote input values.
            line["exception"] = record.exc_info[0].__name__
        return json.dumps(line, ensure_ascii=False, default=str)


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


class StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Write to whatever sys.stderr is when a record is emitted (tests capture it)."""

    @property
    def stream(self) -> Any:
        """The current standard error."""
        return sys.stderr

    @stream.setter
    def stream(self, _value: Any) -> None:
        pass


def configure_logging(level: str, *, json_lines: bool) -> None:
    """Send the service's logs to stderr, as JSON lines unless told otherwise."""
    handler = StderrHandler()
    handler.setFormatter(JsonLineFormatter() if json_lines else logging.Formatter())
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger("service")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False


def current_request_id() -> str:
    """Return the id of the request being served."""
    return str(g.get("request_id") or "-")


def init_app(app: Flask) -> None:
    """Give every request an id (or keep a sane X-Request-Id) and log one line per request."""
    access_log = logging.getLogger("service.access")

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
