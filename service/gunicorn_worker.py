"""gunicorn's threaded worker, answering malformed requests with problem+json.

gunicorn rejects some requests before the application sees them: a request line over
`limit_request_line` (4094 bytes by default), too many or too large headers, a line that
is not HTTP. Its own answer is an HTML page, and its log line quotes the request line
(an address may carry personal data). This worker answers those with the service's
problem+json (in Ukrainian and English, as every error) and logs the kind of error only.
"""

from __future__ import annotations

import json
import logging
import uuid
from typing import Any

from gunicorn.http.errors import LimitRequestHeaders, LimitRequestLine
from gunicorn.workers.gthread import ThreadWorker

from service.errors import (
    PROBLEM_CONTENT_TYPE,
    BadHttpRequestError,
    RequestHeadersTooLargeError,
    RequestLineTooLongError,
    ServiceError,
    build_problem,
)

log = logging.getLogger(__name__)


def problem_for(exc: BaseException, limit_request_line: int) -> ServiceError:
    """The error the service reports for what gunicorn could not parse or serve."""
    if isinstance(exc, LimitRequestLine):
        return RequestLineTooLongError(limit=limit_request_line)
    if isinstance(exc, LimitRequestHeaders):
        return RequestHeadersTooLargeError()
    if type(exc).__module__.startswith("gunicorn.http"):
        return BadHttpRequestError()
    return ServiceError()


def problem_bytes(error: ServiceError) -> bytes:
    """A complete HTTP/1.1 response carrying the problem+json of an error."""
    body = json.dumps(
        build_problem(error, instance="", request_id=uuid.uuid4().hex, lang="uk"),
        ensure_ascii=False,
    ).encode("utf-8")
    head = (
        f"HTTP/1.1 {error.status} {error.slug}\r\n"
        f"Content-Type: {PROBLEM_CONTENT_TYPE}\r\n"
        f"Content-Length: {len(body)}\r\n"
        "Content-Language: uk\r\n"
        "Connection: close\r\n\r\n"
    )
    return head.encode("ascii") + body


class ProblemThreadWorker(ThreadWorker):  # type: ignore[misc]  # gunicorn has no type hints
    """The gthread worker whose errors before the application are problem+json."""

    def handle_error(self, req: Any, client: Any, addr: Any, exc: BaseException) -> None:
        """Answer with problem+json; log the kind of error, never the request line."""
        error = problem_for(exc, self.cfg.limit_request_line)
        if error.status >= 500:
            log.error("request failed in the server", extra={"exception": type(exc).__name__})
        else:
            log.warning("malformed request", extra={"exception": type(exc).__name__})
        try:
            client.sendall(problem_bytes(error))
        except OSError:
            log.debug("client gone before the error was sent")
