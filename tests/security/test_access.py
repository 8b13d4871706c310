"""Tokens and roles: 401 without a valid token, 403 for the wrong role, 404 across organisations."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask

from service.config import PROJECT_ROOT
from tests.conftest import BIRTH_FACT, client_as


def test_health_needs_no_token(app: Flask) -> None:
    assert client_as(app, None).get("/healthz").status_code == 200


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/templates"),
        ("get", "/api/v1/openapi.json"),
        ("post", "/api/v1/render"),
        ("post", "/api/v1/validate"),
        ("get", "/api/v1/cases"),
        ("get", "/api/v1/audit"),
        ("get", "/api/v1/documents/" + "0" * 32),
    ],
)
def test_every_api_route_needs_a_token(app: Flask, method: str, path: str) -> None:
    client = client_as(app, None)
    for headers in (
        {},
        {"Authorization": "Bearer pwk_not-a-real-token"},
        {"Authorization": "Basic abc"},
    ):
        response = getattr(client, method)(path, headers=headers, json={})
        assert response.status_code == 401, (path, headers)
        assert response.mimetype == "application/problem+json"
        assert response.headers["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize(
    ("role", "method", "path", "status"),
    [
        ("system", "get", "/api/v1/cases", 403),
        ("system", "get", "/api/v1/audit", 403),
        ("partner", "post", "/api/v1/render", 403),
        ("partner", "get", "/api/v1/cases", 403),
        ("caseworker", "get", "/api/v1/audit", 403),
        ("system", "get", "/api/v1/templates", 200),
        ("partner", "get", "/api/v1/templates", 200),
        ("admin", "get", "/api/v1/audit", 200),
        ("caseworker", "get", "/api/v1/cases", 200),
    ],
)
def test_roles(app: Flask, role: str, method: str, path: str, status: int) -> None:
    response = getattr(client_as(app, role), method)(path)
    assert response.status_code == status
    if status == 403:
        assert response.get_json()["type"] == "/problems/forbidden"


def test_system_token_renders(app: Flask, birth_fact_example: dict[str, Any]) -> None:
    response = client_as(app, "system").post(
        "/api/v1/render",
        json={"template": BIRTH_FACT, "format": "docx", "data": birth_fact_example},
    )
    assert response.status_code == 200


def test_another_organisations_case_and_documents_are_404(
    app: Flask, birth_fact_example: dict[str, Any]
) -> None:
    ours = client_as(app, "caseworker")
    case = ours.post(
        "/api/v1/cases", json={"data": {"children": [birth_fact_example["child"]]}}
    ).get_json()
    document = ours.post(
        f"{case['url']}/documents",
        json={
            "template": BIRTH_FACT,
            "data": {
                k: birth_fact_example[k]
                for k in ("court", "interested_party", "evidence", "applicant")
            },
        },
    ).get_json()
    theirs = client_as(app, "other_caseworker")
    for path in (case["url"], f"/api/v1/documents/{document['id']}", document["download_url"]):
        assert theirs.get(path).status_code == 404, path
    assert theirs.patch(case["url"], json={"data": {}}).status_code == 404
    assert theirs.post(f"{case['url']}/documents", json={"template": BIRTH_FACT}).status_code == 404
    listed = theirs.get("/api/v1/cases").get_json()
    assert case["id"] not in {item["id"] for item in listed["cases"]}
    # a partner sees nothing that was not shared with it
    assert client_as(app, "partner").get(f"/api/v1/documents/{document['id']}").status_code == 404
    admin = client_as(app, "admin")
    assert admin.get(case["url"]).status_code == 200
    assert admin.get(f"/api/v1/documents/{document['id']}").status_code == 200


def run_flask(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", *args],
        cwd=PROJECT_ROOT,
        env={"PATH": "/usr/bin:/bin", "PAPERWORK_VAR_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_token_commands_show_the_token_once_and_store_only_its_hash(tmp_path: Path) -> None:
    for command in (("keys", "init"), ("db", "upgrade")):
        assert run_flask(tmp_path, *command).returncode == 0
    created = run_flask(tmp_path, "tokens", "create", "--role", "system", "--name", "crm")
    assert created.returncode == 0, created.stderr
    token = created.stdout.strip().splitlines()[-1].split()[-1]
    assert token.startswith("pwk_") and len(token) > 40
    listed = run_flask(tmp_path, "tokens", "list")
    assert token not in listed.stdout
    (entry,) = json.loads(listed.stdout)["tokens"]
    assert (entry["name"], entry["role"], entry["revoked"]) == ("crm", "system", False)
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'paperwork.sqlite3'}")
    with engine.connect() as connection:
        dump = repr(connection.execute(sa.text("SELECT * FROM api_tokens")).fetchall())
    engine.dispose()
    assert token not in dump and token[4:] not in dump

    from tests.conftest import build_test_app  # an app on the same database and key

    app = build_test_app(
        tmp_path,
        f"sqlite:///{tmp_path / 'paperwork.sqlite3'}",
        DATA_KEY_FILE=tmp_path / "data.key",
        DATA_KEYS=None,
    )
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/templates", headers=headers).status_code == 200
    assert run_flask(tmp_path, "tokens", "revoke", entry["id"]).returncode == 0
    assert client.get("/api/v1/templates", headers=headers).status_code == 401


def test_caseworker_tokens_need_an_organisation(tmp_path: Path) -> None:
    for command in (("keys", "init"), ("db", "upgrade")):
        assert run_flask(tmp_path, *command).returncode == 0
    refused = run_flask(tmp_path, "tokens", "create", "--role", "caseworker", "--name", "x")
    assert refused.returncode == 2 and "organisation" in refused.stderr
    organisation = json.loads(run_flask(tmp_path, "orgs", "create", "--name", "Офіс").stdout)["id"]
    made = run_flask(
        tmp_path,
        "tokens",
        "create",
        "--role",
        "caseworker",
        "--name",
        "x",
        "--organisation",
        organisation,
    )
    assert made.returncode == 0
