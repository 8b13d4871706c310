"""The address in QR codes follows the served one: `make run`'s wiring, the warning at start."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
from pathlib import Path

import pytest

from service.config import PROJECT_ROOT, public_url_reaches
from service.gunicorn_config import parse_binds
from tests.cli.flask_cli import FLASK

WARNING = "PAPERWORK_PUBLIC_URL is not the address this service serves"


def make_dry_run(*args: str, **environ: str) -> str:
    """What `make -n` would run, with the caller's environment (less any public URL)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PAPERWORK_")}
    env.pop("MAKEFLAGS", None)
    result = subprocess.run(
        ["make", "-n", *args],
        cwd=PROJECT_ROOT,
        env={**env, **environ},
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return result.stdout


def line_running(output: str, program: str) -> str:
    """The one line of `make -n` output that starts the server."""
    lines = [line for line in output.splitlines() if program in line]
    assert len(lines) == 1, output
    return lines[0]


def test_make_run_on_another_port_prints_that_address_in_documents() -> None:
    run = line_running(make_dry_run("run", "PORT=8111"), "flask --app wsgi run")
    assert "PAPERWORK_PUBLIC_URL='http://127.0.0.1:8111'" in run
    assert run.endswith("--host 127.0.0.1 --port 8111")
    on_lan = line_running(make_dry_run("run", "HOST=10.1.2.3", "PORT=8111"), " run ")
    assert "PAPERWORK_PUBLIC_URL='http://10.1.2.3:8111'" in on_lan


def test_make_run_and_serve_keep_a_public_url_the_caller_set() -> None:
    proxy = "https://paperwork.example.org"
    from_environment = make_dry_run("run", "PORT=8111", PAPERWORK_PUBLIC_URL=proxy)
    assert f"PAPERWORK_PUBLIC_URL='{proxy}'" in line_running(from_environment, " run ")
    from_command_line = make_dry_run("serve", "PORT=8111", f"PAPERWORK_PUBLIC_URL={proxy}")
    serve = line_running(from_command_line, "gunicorn")
    assert f"PAPERWORK_PUBLIC_URL='{proxy}'" in serve
    assert "PAPERWORK_BIND=127.0.0.1:8111" in serve
    default = line_running(make_dry_run("serve", "PORT=8111"), "gunicorn")
    assert "PAPERWORK_PUBLIC_URL='http://127.0.0.1:8111'" in default


@pytest.mark.parametrize(
    ("public_url", "host", "port", "reaches"),
    [
        ("http://127.0.0.1:8000", "127.0.0.1", 8000, True),
        ("http://127.0.0.1:8000/", "127.0.0.1", 8000, True),
        ("http://localhost:8111", "127.0.0.1", 8111, True),
        ("http://[::1]:8111", "localhost", 8111, True),
        ("http://paperwork.lan:8000", "0.0.0.0", 8000, True),  # every interface  # noqa: S104
        ("http://127.0.0.1:8000", "127.0.0.1", 8111, False),
        ("http://10.0.0.5:8000", "127.0.0.1", 8000, False),
        ("http://0.0.0.0:8000", "0.0.0.0", 8000, False),  # nobody can open that  # noqa: S104
        ("https://paperwork.example.org", "127.0.0.1", 8000, False),  # a proxy: warned
        ("http://paperwork.example.org", "0.0.0.0", 80, True),  # noqa: S104
        ("not a url", "127.0.0.1", 8000, False),
    ],
)
def test_which_public_address_reaches_the_served_one(
    public_url: str, host: str, port: int, reaches: bool
) -> None:
    assert public_url_reaches(public_url, host, port) is reaches


def test_gunicorn_binds_are_read_as_host_and_port() -> None:
    assert parse_binds(["127.0.0.1:8111", "[::1]:8112", "unix:/run/p.sock", "example"]) == [
        ("127.0.0.1", 8111),
        ("::1", 8112),
        ("example", 8000),
    ]


def free_port() -> int:
    """A loopback port nobody listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start_of_flask_run(tmp_path: Path, public_url: str, port: int) -> list[str]:
    """The log lines `flask run` writes until it serves (the server is then stopped)."""
    env = {
        "PATH": "/usr/bin:/bin",
        "PAPERWORK_VAR_DIR": str(tmp_path / "var"),
        "PAPERWORK_PUBLIC_URL": public_url,
        "PAPERWORK_RENDER_WORKERS": "0",
    }
    lines: list[str] = []
    with subprocess.Popen(
        [*FLASK, "run", "--host", "127.0.0.1", "--port", str(port)],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    ) as server:
        try:
            assert server.stderr is not None
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and (line := server.stderr.readline()):
                lines.append(line)
                if "Running on" in line:  # werkzeug's banner: create_app has run
                    return lines
            pytest.fail("flask run did not start:\n" + "".join(lines))
        finally:
            server.terminate()
            server.wait(timeout=30)


def test_flask_run_warns_once_when_documents_would_carry_another_address(
    tmp_path: Path,
) -> None:
    port = free_port()
    lines = start_of_flask_run(tmp_path, "http://127.0.0.1:8000", port)
    warnings = [json.loads(line) for line in lines if WARNING in line]
    assert len(warnings) == 1, lines
    assert warnings[0]["level"] == "WARNING"
    assert warnings[0]["public_url"] == "http://127.0.0.1:8000"
    assert warnings[0]["served_url"] == f"http://127.0.0.1:{port}"


def test_flask_run_is_quiet_when_the_public_address_is_the_served_one(tmp_path: Path) -> None:
    port = free_port()
    lines = start_of_flask_run(tmp_path, f"http://localhost:{port}", port)
    assert not [line for line in lines if WARNING in line], lines
