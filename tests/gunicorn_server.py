"""A real gunicorn with the service's config (service/gunicorn_config.py) on a free port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from service.config import PROJECT_ROOT

GUNICORN = str(Path(sys.executable).parent / "gunicorn")


def free_port() -> int:
    """A loopback port nobody listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def raw_request(port: int, request: bytes, timeout: float = 10) -> bytes:
    """Send bytes to the server and read its whole answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
        connection.sendall(request)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    return answer


def probe(port: int, timeout: float = 10) -> bytes:
    """The answer to GET /healthz (b"" while nothing listens)."""
    try:
        return raw_request(
            port, b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", timeout
        )
    except OSError:
        return b""


@dataclass
class Server:
    """A running gunicorn: its port and the file its standard error goes to."""

    port: int
    log_path: Path

    def log(self) -> bytes:
        """Everything gunicorn and the service have logged so far."""
        return self.log_path.read_bytes()


@contextmanager
def gunicorn(tmp_path: Path, **environ: str) -> Iterator[Server]:
    """Run `gunicorn -c python:service.gunicorn_config wsgi:app` until the block ends.

    One web worker, no render processes, on a temporary var/; `environ` adds to or
    overrides that. Yields once /healthz answers.
    """
    port = free_port()
    env = {
        **os.environ,
        "PAPERWORK_VAR_DIR": str(tmp_path / "var"),
        "PAPERWORK_BIND": f"127.0.0.1:{port}",
        "PAPERWORK_WEB_WORKERS": "1",
        "PAPERWORK_RENDER_WORKERS": "0",
        "PAPERWORK_JOB_LEASE_SECONDS": "0",
        "PAPERWORK_PUBLIC_URL": f"http://127.0.0.1:{port}",
        **environ,
    }
    server = Server(port, tmp_path / "gunicorn.log")
    with (
        server.log_path.open("wb") as log,
        subprocess.Popen(
            [GUNICORN, "-c", "python:service.gunicorn_config", "wsgi:app"],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
        ) as process,
    ):
        try:
            deadline = time.monotonic() + 60
            while b"200 OK" not in probe(port):
                assert process.poll() is None, server.log().decode(errors="replace")
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.2)
            yield server
        finally:
            process.terminate()
            process.wait(timeout=30)
