"""`flask --app wsgi documents migrate-store`: document bytes into the database and back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet

from tests.cli.flask_cli import run_flask
from tests.conftest import BIRTH_FACT, build_test_app, client_as


def database_url(var_dir: Path) -> str:
    """The test application's database, for the command to use too."""
    return f"sqlite:///{var_dir / 'test.sqlite3'}"


def make_documents(
    var_dir: Path, key: str, example: dict[str, Any]
) -> tuple[str, list[tuple[str, bytes]]]:
    """Two documents stored as files: a caseworker's token, and their ids and bytes."""
    app = build_test_app(var_dir, None, DATA_KEYS=key, DOCUMENT_STORE="filesystem")
    client = client_as(app, "caseworker")
    made = []
    for fmt in ("pdf", "docx"):
        answer = client.post(
            "/api/v1/render", json={"template": BIRTH_FACT, "data": example, "format": fmt}
        )
        assert answer.status_code == 200, answer.get_data(as_text=True)[:300]
        made.append((answer.headers["X-Document-Id"], answer.data))
    app.extensions["storage"].database.dispose()
    return app.config["TEST_TOKENS"]["caseworker"], made


def download(var_dir: Path, key: str, store: str, token: str, document_id: str) -> Any:
    """A document's file as an application on the given store answers for it."""
    app = build_test_app(var_dir, None, DATA_KEYS=key, DOCUMENT_STORE=store)
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    answer = client.get(f"/api/v1/documents/{document_id}/file")
    app.extensions["storage"].database.dispose()
    return answer


def served(var_dir: Path, key: str, store: str, token: str, document_id: str) -> bytes:
    """A document's bytes as an application on the given store serves them."""
    answer = download(var_dir, key, store, token, document_id)
    assert answer.status_code == 200, answer.get_data(as_text=True)[:300]
    return bytes(answer.data)


def test_documents_move_into_the_database_and_back(
    tmp_path: Path, birth_fact_example: dict[str, Any]
) -> None:
    key = Fernet.generate_key().decode()
    token, made = make_documents(tmp_path, key, birth_fact_example)
    environment = {"PAPERWORK_DATA_KEYS": key, "DATABASE_URL": database_url(tmp_path)}
    moved = run_flask(
        "documents", "migrate-store", "--to", "database", var_dir=tmp_path, **environment
    )
    assert moved.returncode == 0, moved.stderr[-500:]
    report = json.loads(moved.stdout)
    assert (report["moved"], report["missing"], report["damaged"]) == (2, [], [])
    assert "PAPERWORK_DOCUMENT_STORE=database" in moved.stderr
    assert not [path for path in (tmp_path / "documents").rglob("*") if path.is_file()]
    for document_id, content in made:
        assert served(tmp_path, key, "database", token, document_id) == content
    again = run_flask(
        "documents", "migrate-store", "--to", "database", var_dir=tmp_path, **environment
    )
    assert json.loads(again.stdout)["already_there"] == 2, "running it again is harmless"
    back = run_flask(
        "documents", "migrate-store", "--to", "filesystem", var_dir=tmp_path, **environment
    )
    assert back.returncode == 0 and json.loads(back.stdout)["moved"] == 2
    for document_id, content in made:
        assert served(tmp_path, key, "filesystem", token, document_id) == content


def test_a_document_whose_bytes_are_gone_is_a_503_naming_it(
    tmp_path: Path, birth_fact_example: dict[str, Any]
) -> None:
    key = Fernet.generate_key().decode()
    token, made = make_documents(tmp_path, key, birth_fact_example)
    document_id = made[0][0]
    for path in (tmp_path / "documents").rglob("*"):
        if path.is_file():
            path.unlink()  # lost with a node's disk
    answer = download(tmp_path, key, "filesystem", token, document_id)
    assert answer.status_code == 503
    problem = answer.get_json()
    assert problem["type"] == "/problems/document-bytes-missing"
    assert document_id in problem["i18n"]["en"]["detail"] and document_id in problem["detail"]
    report = run_flask(
        "documents",
        "migrate-store",
        "--to",
        "database",
        var_dir=tmp_path,
        PAPERWORK_DATA_KEYS=key,
        DATABASE_URL=database_url(tmp_path),
    )
    assert report.returncode == 1 and len(json.loads(report.stdout)["missing"]) == 2
