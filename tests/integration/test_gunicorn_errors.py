"""Requests gunicorn refuses before the application sees them still get problem+json."""

from __future__ import annotations

import json
from pathlib import Path

from tests.gunicorn_server import gunicorn, raw_request


def test_a_request_line_over_the_limit_is_a_problem_not_an_html_page(tmp_path: Path) -> None:
    with gunicorn(tmp_path) as server:
        secret_path = "/api/v1/templates?child=" + "Коваленко".encode().hex() * 200
        answer = raw_request(
            server.port, f"GET {secret_path} HTTP/1.1\r\nHost: x\r\n\r\n".encode("ascii")
        )
    log = server.log()
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 414"), head
    assert b"Content-Type: application/problem+json" in head
    problem = json.loads(body)
    assert problem["type"] == "/problems/uri-too-long"
    assert problem["i18n"]["en"]["title"] == "Address too long"
    assert "4094" in problem["i18n"]["en"]["detail"]
    assert "Коваленко".encode().hex()[:40].encode() not in log, "the address is not logged"
