"""gunicorn's threaded worker: problem+json for malformed requests, and a header timeout.

gunicorn rejects some requests before the application sees them: a request line over
`limit_request_line` (4094 bytes by default), too many or too large headers, a line that
is not HTTP. Its own answer is an HTML page, and its log line quotes the request line
(an address may carry personal data). This worker answers those with the service's
problem+json (in Ukrainian and English, as every error) and logs the kind of error only.

gunicorn's gthread worker hands a connection to a thread as soon as its first byte
arrives, and the thread then waits for the rest of the headers without a time limit: a
few clients sending a byte a second hold every thread. Here the worker's main loop
reads the request line and headers itself (non-blocking, beside the accept and keep-alive
polling it already does) and hands the connection to a thread only once they are
complete. A client whose headers are not complete within `PAPERWORK_HEADER_TIMEOUT`
seconds (default 10) of connecting, or of its next request starting on a kept-alive
connection, gets a 408 problem and is closed. Over TLS gunicorn's own behaviour stays
(the service is meant to sit behind a proxy that ends TLS: docs/deploy.md).
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import selectors
import socket
import time
import uuid
from collections.abc import Mapping
from functools import partial
from http import HTTPStatus
from typing import Any

from gunicorn.http.errors import LimitRequestHeaders, LimitRequestLine, NoMoreData
from gunicorn.http.message import Request
from gunicorn.http.unreader import IterUnreader
from gunicorn.workers.gthread import TConn, ThreadWorker

from service.errors import (
    PROBLEM_CONTENT_TYPE,
    BadHttpRequestError,
    RequestHeadersTooLargeError,
    RequestLineTooLongError,
    RequestTimeoutError,
    ServiceError,
    build_problem,
)

log = logging.getLogger(__name__)

HEADER_TIMEOUT_VARIABLE = "PAPERWORK_HEADER_TIMEOUT"
DEFAULT_HEADER_TIMEOUT = 10.0
# The request line and headers together; beyond this a request is refused with 431.
HEADER_BYTES_LIMIT = 64 * 1024
_HEADERS_END = b"\r\n\r\n"
_RECEIVE_SIZE = 16 * 1024


def header_timeout_seconds(environ: Mapping[str, str] | None = None) -> float:
    """Seconds a client has to send complete request headers (PAPERWORK_HEADER_TIMEOUT)."""
    env = os.environ if environ is None else environ
    raw = env.get(HEADER_TIMEOUT_VARIABLE, "") or str(DEFAULT_HEADER_TIMEOUT)
    seconds = float(raw)
    if not 0 < seconds < float("inf"):
        raise ValueError(f"{HEADER_TIMEOUT_VARIABLE} must be a positive number of seconds")
    return seconds


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
        f"HTTP/1.1 {error.status} {HTTPStatus(error.status).phrase}\r\n"
        f"Content-Type: {PROBLEM_CONTENT_TYPE}\r\n"
        f"Content-Length: {len(body)}\r\n"
        "Content-Language: uk\r\n"
        "Connection: close\r\n\r\n"
    )
    return head.encode("ascii") + body


class HeaderConn(TConn):  # type: ignore[misc]  # gunicorn has no type hints
    """A connection with the bytes of its next request's headers received so far."""

    def __init__(self, cfg: Any, sock: socket.socket, client: Any, server: Any) -> None:
        super().__init__(cfg, sock, client, server)
        self.received = bytearray()


class ProblemThreadWorker(ThreadWorker):  # type: ignore[misc]  # gunicorn has no type hints
    """The gthread worker whose errors before the application are problem+json and whose
    threads only ever get connections with complete headers."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.header_timeout = header_timeout_seconds()
        # Connections whose headers are being read, with their deadlines. Each deadline is
        # "now + timeout" when added, so the oldest entry is always the first to expire.
        self.reading: dict[HeaderConn, float] = {}

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

    def accept(self, server: Any, listener: socket.socket) -> None:
        """Take a new connection and start its header clock (gunicorn's, with a deadline)."""
        if self.cfg.is_ssl:
            super().accept(server, listener)
            return
        try:
            sock, client = listener.accept()
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                raise
            return
        conn = HeaderConn(self.cfg, sock, client, server)
        self.nr_conns += 1
        with self._lock:
            self.reading[conn] = time.monotonic() + self.header_timeout
            self.poller.register(
                conn.sock, selectors.EVENT_READ, partial(self.on_client_socket_readable, conn)
            )

    def on_client_socket_readable(self, conn: HeaderConn, client: socket.socket) -> None:
        """Read what the client sent; hand the connection to a thread once headers are in."""
        if self.cfg.is_ssl:
            super().on_client_socket_readable(conn, client)
            return
        with self._lock:
            if conn not in self.reading:  # kept alive: its next request begins
                try:
                    self._keep.remove(conn)
                except ValueError:  # closed by murder_keepalived meanwhile
                    return
                self.reading[conn] = time.monotonic() + self.header_timeout
        try:
            chunk = conn.sock.recv(_RECEIVE_SIZE)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            chunk = b""
        if not chunk:  # the client closed (or reset) the connection
            self._stop_reading(conn)
            self._close(conn)
            return
        searched_from = max(0, len(conn.received) - len(_HEADERS_END) + 1)
        conn.received += chunk
        if conn.received.find(_HEADERS_END, searched_from) >= 0:
            self._stop_reading(conn)
            self._hand_to_thread(conn)
        elif len(conn.received) > HEADER_BYTES_LIMIT:
            self._stop_reading(conn)
            _drain(conn.sock)
            self.handle_error(None, conn.sock, conn.client, self._headers_error(conn.received))
            self._close(conn)

    def murder_keepalived(self) -> None:
        """Close idle kept-alive connections (gunicorn) and clients too slow with headers."""
        super().murder_keepalived()
        now = time.monotonic()
        with self._lock:
            expired = []
            for conn, deadline in self.reading.items():
                if deadline > now:
                    break
                expired.append(conn)
        for conn in expired:
            self._stop_reading(conn)
            self._time_out(conn)

    def _hand_to_thread(self, conn: HeaderConn) -> None:
        """Give a connection with complete headers to a thread; the parser reads them first."""
        received = bytes(conn.received)
        conn.received.clear()
        conn.init()
        conn.parser.unreader.unread(received)
        future = self.tpool.submit(self.handle, conn)
        self._wrap_future(future, conn)

    def _headers_error(self, received: bytearray) -> Exception:
        """gunicorn's own error for headers over the limit (what its parser would raise)."""
        try:
            Request(self.cfg, IterUnreader([bytes(received)]), None)
        except NoMoreData:
            pass
        except Exception as exc:  # gunicorn's parse errors have no common base
            return exc
        return LimitRequestHeaders(f"request headers over {HEADER_BYTES_LIMIT} bytes")  # type: ignore[no-any-return]  # gunicorn has no type hints

    def _time_out(self, conn: HeaderConn) -> None:
        """Answer 408 to a client whose headers did not arrive in time, and close it."""
        received = len(conn.received)
        facts = {
            "status": 408,
            "received_bytes": received,
            "header_timeout_seconds": self.header_timeout,
        }
        if received:
            log.warning("request headers not received in time: 408", extra=facts)
            _drain(conn.sock)
            error = RequestTimeoutError(seconds=f"{self.header_timeout:g}")
            try:
                conn.sock.sendall(problem_bytes(error))
            except OSError:
                log.debug("client gone before the 408 was sent")
        else:  # perhaps opened ahead of need, as browsers do: closed without an answer
            log.info("connection closed: no request within the header timeout", extra=facts)
        self._close(conn)

    def _stop_reading(self, conn: HeaderConn) -> None:
        """Take a connection out of the poller and off the header clock."""
        with self._lock:
            self.reading.pop(conn, None)
            with contextlib.suppress(KeyError, ValueError, OSError):  # already gone
                self.poller.unregister(conn.sock)

    def _close(self, conn: HeaderConn) -> None:
        self.nr_conns -= 1
        with contextlib.suppress(OSError):  # the answer (if any) goes out before the close
            conn.sock.shutdown(socket.SHUT_WR)
        conn.close()


def _drain(sock: socket.socket) -> None:
    """Read (and drop) what the client has sent, so that closing does not reset the answer."""
    try:
        for _ in range(16):
            if not sock.recv(_RECEIVE_SIZE):
                return
    except OSError:
        return
