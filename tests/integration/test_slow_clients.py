"""Clients that send their headers slowly hold no thread of gunicorn and are dropped with 408.

A real gunicorn with the service's config: one worker with two threads, a 3 s header
timeout (PAPERWORK_HEADER_TIMEOUT). Without the worker's own header reading, three
clients sending a byte a second held every thread of gunicorn's gthread worker and a
health check waited for as long as they kept sending.
"""

from __future__ import annotations

import json
import select
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from tests.gunicorn_server import Server, gunicorn, probe

THREADS = 2
SLOW_CLIENTS = 3 * THREADS
HEADER_TIMEOUT = 3.0
# What a slow client would send, if it ever finished: a child's surname in the address.
MARKER = "Kovalenko-Slowpoke"
SLOW_REQUEST = f"GET /api/v1/cases?surname={MARKER} HTTP/1.1\r\nHost: x\r\n\r\n".encode()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with gunicorn(
        tmp_path_factory.mktemp("slow"),
        PAPERWORK_WEB_THREADS=str(THREADS),
        PAPERWORK_HEADER_TIMEOUT=str(HEADER_TIMEOUT),
    ) as running:
        yield running


@dataclass
class SlowClient:
    """A client that sends its request a byte every half second until answered."""

    port: int
    answer: bytes = b""
    connected_at: float = 0.0
    answered_at: float = 0.0
    sent: int = 0

    def run(self) -> None:
        """Connect, dribble the request, and keep what the server answers."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=30) as connection:
            self.connected_at = time.monotonic()
            for byte in SLOW_REQUEST:
                readable, _, _ = select.select([connection], [], [], 0.5)
                if readable:
                    break
                connection.sendall(bytes([byte]))
                self.sent += 1
            try:
                while chunk := connection.recv(65536):
                    self.answer += chunk
            except ConnectionResetError:
                pass
            self.answered_at = time.monotonic()


def answer_of(connection: socket.socket) -> bytes:
    """Read one response with a Content-Length from a kept-alive connection."""
    data = b""
    while b"\r\n\r\n" not in data:
        data += connection.recv(65536)
    head, _, body = data.partition(b"\r\n\r\n")
    length = next(
        int(line.split(b":", 1)[1])
        for line in head.split(b"\r\n")
        if line.lower().startswith(b"content-length:")
    )
    while len(body) < length:
        body += connection.recv(65536)
    return head


def log_entries(server: Server) -> list[dict[str, Any]]:
    """The service's JSON log lines about header timeouts."""
    return [
        json.loads(line)
        for line in server.log().splitlines()
        if line.startswith(b"{") and b'"status": 408' in line
    ]


def test_more_slow_clients_than_threads_leave_the_server_answering(server: Server) -> None:
    clients = [SlowClient(server.port) for _ in range(SLOW_CLIENTS)]
    threads = [threading.Thread(target=client.run) for client in clients]
    for thread in threads:
        thread.start()
    time.sleep(1.5)  # every slow client is connected and has sent a few bytes
    assert all(client.sent >= 2 and not client.answer for client in clients)

    for _ in range(3):
        started = time.monotonic()
        answer = probe(server.port, timeout=5)
        assert answer.startswith(b"HTTP/1.1 200"), answer[:80]
        assert time.monotonic() - started < 1.0

    for thread in threads:
        thread.join(timeout=HEADER_TIMEOUT + 10)
    for client in clients:
        head, _, body = client.answer.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 408 Request Timeout\r\n"), client.answer[:80]
        problem = json.loads(body)
        assert problem["type"] == "/problems/request-timeout"
        assert problem["i18n"]["en"]["detail"] == (
            "The request headers did not arrive within 3 seconds. Send the request again."
        )
        waited = client.answered_at - client.connected_at
        assert HEADER_TIMEOUT - 0.1 < waited < HEADER_TIMEOUT + 2
        assert client.sent < len(SLOW_REQUEST)

    timeouts = [entry for entry in log_entries(server) if entry["level"] == "WARNING"]
    assert [entry["status"] for entry in timeouts] == [408] * SLOW_CLIENTS
    assert {entry["message"] for entry in timeouts} == {"request headers not received in time: 408"}
    assert MARKER[:8].encode() not in server.log(), "no request content is logged"


def test_headers_sent_in_pieces_in_time_are_served_on_a_kept_alive_connection(
    server: Server,
) -> None:
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as connection:
        for piece in (b"GET /healthz HT", b"TP/1.1\r\nHost: x\r\n", b"Accept: */*\r\n", b"\r\n"):
            connection.sendall(piece)
            time.sleep(0.4)
        assert answer_of(connection).startswith(b"HTTP/1.1 200")
        # The next request on the same connection, its headers in two pieces too.
        connection.sendall(b"GET /healthz HTTP/1.1\r\nHo")
        time.sleep(0.4)
        connection.sendall(b"st: x\r\n\r\n")
        assert answer_of(connection).startswith(b"HTTP/1.1 200")


def test_headers_over_64_kib_are_refused_without_waiting(server: Server) -> None:
    request = b"GET /healthz HTTP/1.1\r\nHost: x\r\n" + b"X-Padding: " + b"a" * 70_000
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as connection:
        started = time.monotonic()
        connection.sendall(request)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 431"), answer[:80]
    assert time.monotonic() - started < 1.0


def test_a_connection_that_sends_nothing_is_closed_after_the_timeout(server: Server) -> None:
    with socket.create_connection(("127.0.0.1", server.port), timeout=HEADER_TIMEOUT + 5) as idle:
        started = time.monotonic()
        assert idle.recv(65536) == b""  # closed, with nothing to answer
        assert HEADER_TIMEOUT - 0.1 < time.monotonic() - started < HEADER_TIMEOUT + 2
    time.sleep(0.2)
    closed = [entry for entry in log_entries(server) if entry["received_bytes"] == 0]
    assert [entry["level"] for entry in closed] == ["INFO"]
