"""A crash answers 500 without internals; logs carry ids and hashes, never a child's data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import BIRTH_FACT, build_test_app, client_as

CHILD_SECRETS = ("Петренко", "Андрій", "Petrenko", "3260912340", "Васильківська", "o.petrenko")


def test_unexpected_error_is_a_bare_500(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    app = build_test_app(tmp_path, TESTING=False)

    @app.get("/boom")
    def boom() -> str:
        raise RuntimeError("failed for Петренко Андрій, RNOKPP 3260912340")

    response = client_as(app, None).get("/boom")
    assert response.status_code == 500
    assert response.mimetype == "application/problem+json"
    body = response.get_data(as_text=True)
    assert "Петренко" not in body and "RuntimeError" not in body and "Traceback" not in body
    assert json.loads(body)["request_id"] == response.headers["X-Request-Id"]
    logs = capsys.readouterr().err
    assert "Петренко" not in logs and "3260912340" not in logs
    error_line = next(json.loads(line) for line in logs.splitlines() if "unhandled error" in line)
    assert error_line["exception"] == "RuntimeError"
    assert error_line["request_id"] == response.headers["X-Request-Id"]


def test_render_logs_name_no_personal_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], birth_fact_example: dict[str, Any]
) -> None:
    app = build_test_app(tmp_path)
    client = client_as(app, "caseworker")
    capsys.readouterr()
    ok = client.post(
        "/api/v1/render",
        json={"template": BIRTH_FACT, "format": "docx", "data": birth_fact_example},
    )
    birth_fact_example["applicant"]["rnokpp"] = "3260912341"
    bad = client.post("/api/v1/render", json={"template": BIRTH_FACT, "data": birth_fact_example})
    assert (ok.status_code, bad.status_code) == (200, 422)
    logs = capsys.readouterr().err
    lines = [json.loads(line) for line in logs.splitlines()]
    for secret in CHILD_SECRETS:
        assert secret not in logs, f"{secret!r} leaked into the logs"
    access = [line for line in lines if line["logger"] == "service.requests"]
    assert [line["status"] for line in access] == [200, 422]
    assert all(
        line["route"] == "/api/v1/render" and line["template"] == BIRTH_FACT for line in access
    )
    assert access[0]["request_id"] == ok.headers["X-Request-Id"]
    rendered = next(line for line in lines if line["message"] == "document stored")
    assert rendered["sha256"] == ok.headers["X-Content-SHA256"]
