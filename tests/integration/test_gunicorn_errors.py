"""Requests gunicorn refuses before the application sees them still get problem+json."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from service.config import PROJECT_ROOT

GUNICORN = str(Path(sys.executable).parent / "gunicorn")


def free_port() -> int:
    """A loopback port nobody listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def raw_request(port: int, request: bytes) -> bytes:
    """Send bytes to the server and read its whole answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(request)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    return answer


def test_a_request_line_over_the_limit_is_a_problem_not_an_html_page(tmp_path: Path) -> None:
    port = free_port()
    env = {
        **os.environ,
        "PAPERWORK_VAR_DIR": str(tmp_path / "var"),
        "PAPERWORK_BIND": f"127.0.0.1:{port}",
        "PAPERWORK_WEB_WORKERS": "1",
        "PAPERWORK_RENDER_WORKERS": "0",
        "PAPERWORK_JOB_LEASE_SECONDS": "0",
        "PAPERWORK_PUBLIC_URL": f"http://127.0.0.1:{port}",
    }
    with subprocess.Popen(
        [GUNICORN, "-c", "python:service.gunicorn_config", "wsgi:app"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    ) as server:
        try:
            deadline = time.monotonic() + 60
            while b"200 OK" not in _probe(port):
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.2)
            secret_path = "/api/v1/templates?child=" + "Коваленко".encode().hex() * 200
            answer = raw_request(
                port, f"GET {secret_path} HTTP/1.1\r\nHost: x\r\n\r\n".encode("ascii")
            )
        finally:
            server.terminate()
            _out, log = server.communicate(timeout=30)
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 414"), head
    assert b"Content-Type: application/problem+json" in head
    problem = json.loads(body)
    assert problem["type"] == "/problems/uri-too-long"
    assert problem["i18n"]["en"]["title"] == "Address too long"
    assert "4094" in problem["i18n"]["en"]["detail"]
    assert "Коваленко".encode().hex()[:40].encode() not in log, "the address is not logged"


def _probe(port: int) -> bytes:
    try:
        return raw_request(port, b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    except OSError:
        return b""
