"""Structured logs: one JSON object per line on stderr (no Flask here, workers use it too)."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable
from typing import Any

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


class StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]  # generic only in typeshed, not at run time
    """Write to whatever sys.stderr is when a record is emitted (tests capture it)."""

    @property
    def stream(self) -> Any:
        """The current standard error."""
        return sys.stderr

    @stream.setter
    def stream(self, _value: Any) -> None:
        pass


def configure_logging(
    level: str | int, *, json_lines: bool, filters: Iterable[logging.Filter] = ()
) -> None:
    """Send the service's logs to stderr, as JSON lines unless told otherwise."""
    handler = StderrHandler()
    handler.setFormatter(JsonLineFormatter() if json_lines else logging.Formatter())
    for one in filters:
        handler.addFilter(one)
    root = logging.getLogger("service")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False
