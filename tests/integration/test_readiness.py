"""When a part the service needs is down: /readyz names it for a proxy, and requests get a
503 problem to retry (never a 500), with nothing half saved."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask

from service import create_app
from service.storage.crypto import generate_key
from tests.conftest import BIRTH_FACT, build_test_app, client_as


def test_a_ready_service_says_so_without_a_token(tmp_path: Path) -> None:
    app = build_test_app(tmp_path, RENDER_WORKERS=1)
    pool = app.extensions["render_pool"]
    try:
        pool.warm_up()  # as gunicorn does, but without waiting
        warming = app.test_client().get("/readyz")
        assert warming.status_code == 503  # a render process starts in about a second
        assert warming.get_json()["checks"] == {
            "database": "ok",
            "documents": "ok",
            "render": "warming",
        }
        assert warming.headers["Retry-After"] == "5"
        pool.warm_up(wait=True)
        ready = app.test_client().get("/readyz")
    finally:
        pool.shutdown()
    assert ready.status_code == 200
    assert ready.get_json() == {
        "status": "ready",
        "checks": {"database": "ok", "documents": "ok", "render": "ok"},
    }


def unready_app(tmp_path: Path, **settings: object) -> Flask:
    """An application on a temporary folder whose parts are set by the caller."""
    return create_app(
        {
            "TESTING": True,
            "VAR_DIR": tmp_path,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'ready.sqlite3'}",
            "DOCUMENTS_DIR": tmp_path / "documents",
            "DATA_KEYS": generate_key().decode(),
            "SECRET_KEY": "test-secret",
            "RENDER_WORKERS": 0,
            **settings,
        }
    )


def test_an_unreachable_database_is_named_in_ukrainian_and_english(tmp_path: Path) -> None:
    nowhere = "postgresql://postgres@127.0.0.1:9/nowhere"
    # Document files on this machine's disk: only the database is named.
    app = unready_app(tmp_path, DATABASE_URL=nowhere, DOCUMENT_STORE="filesystem")
    answer = app.test_client().get("/readyz")
    assert answer.status_code == 503
    assert answer.mimetype == "application/problem+json"
    problem = answer.get_json()
    assert problem["checks"]["database"] == "unavailable"
    assert problem["checks"]["documents"] == "ok"
    assert problem["i18n"]["uk"]["title"] and problem["i18n"]["en"]["title"] == "Not ready"
    assert "127.0.0.1:9" not in answer.get_data(as_text=True)  # nothing internal
    # Document bytes in that database (the default on PostgreSQL): both are named.
    shared = unready_app(tmp_path / "shared", DATABASE_URL=nowhere).test_client().get("/readyz")
    assert shared.status_code == 503
    assert shared.get_json()["checks"]["database"] == "unavailable"
    assert shared.get_json()["checks"]["documents"] == "unavailable"


def test_a_document_store_that_cannot_be_written_is_named(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    app = unready_app(tmp_path, DOCUMENTS_DIR=blocker / "documents")
    app.extensions["storage"].database.upgrade()
    answer = app.test_client().get("/readyz")
    assert answer.status_code == 503
    assert answer.get_json()["checks"] == {
        "database": "ok",
        "documents": "unavailable",
        "render": "ok",
    }


def test_with_the_database_down_requests_get_a_503_to_retry_not_a_500(tmp_path: Path) -> None:
    app = unready_app(tmp_path, DATABASE_URL="postgresql://postgres@127.0.0.1:9/nowhere")
    token = "pwk_" + "x" * 43
    answer = app.test_client().get(
        "/api/v1/templates", headers={"Authorization": f"Bearer {token}"}
    )
    assert answer.status_code == 503 and answer.headers["Retry-After"] == "10"
    problem = answer.get_json()
    assert problem["type"] == "/problems/database-unavailable"
    assert problem["i18n"]["en"]["detail"].startswith("The service cannot reach its database")
    assert "nowhere" not in answer.get_data(as_text=True)
    client = app.test_client()
    login = client.get("/login")
    assert login.status_code == 200  # the sign-in page needs no database
    csrf = login.get_data(as_text=True).split('name="_csrf_token" value="')[1].split('"')[0]
    page = client.post(
        "/login", data={"email": "a@example.org", "password": "x" * 12, "_csrf_token": csrf}
    )
    assert page.status_code == 503 and "<html" in page.get_data(as_text=True)


def test_a_document_that_cannot_be_stored_is_a_503_and_leaves_no_record(
    tmp_path: Path, birth_fact_example: dict[str, Any]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")  # as a full or vanished disk: no file can be written
    app = build_test_app(tmp_path, DOCUMENTS_DIR=blocker / "documents", RENDER_WORKERS=0)
    body = {"template": BIRTH_FACT, "lang": "uk", "format": "docx", "data": birth_fact_example}
    answer = client_as(app, "caseworker").post("/api/v1/render", json=body)
    assert answer.status_code == 503 and answer.headers["Retry-After"] == "30"
    assert answer.get_json()["type"] == "/problems/document-store-unavailable"
    events = client_as(app, "admin").get("/api/v1/audit").get_json()["events"]
    assert "document_rendered" not in [event["action"] for event in events]
