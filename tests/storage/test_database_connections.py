"""Pooled PostgreSQL connections: given back after every request, and replaced when the
server dropped them, so a caller never sees a 500 (issue 19)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from flask import Flask
from flask.testing import FlaskClient

from service.storage import database
from tests.conftest import POSTGRES_ADMIN_URL, build_test_app, client_as, fresh_postgres_database
from tests.storage.test_reuse_scope import BIRTH_FACT

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def postgres_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """An application of its own on PostgreSQL (its connections are killed here)."""
    var_dir: Path = tmp_path_factory.mktemp("var-connections")
    with fresh_postgres_database() as url:
        app = build_test_app(var_dir, url, DOCUMENT_STORE="database")
        yield app
        app.extensions["storage"].database.dispose()


def render_body(data: dict[str, Any]) -> dict[str, Any]:
    return {"template": BIRTH_FACT, "lang": "uk", "format": "docx", "data": data}


def checked_out(app: Flask) -> int:
    return int(app.extensions["storage"].database.engine.pool.checkedout())


def kill_pooled_connections(app: Flask) -> None:
    """Do what a server restart or a network cut does to idle pooled connections."""
    name = app.extensions["storage"].database.engine.url.database
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
        killed = admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = %s AND pid <> pg_backend_pid()",
            (name,),
        ).fetchall()
    assert killed, "the pool held connections to kill"


def test_every_request_gives_its_connections_back(
    postgres_app: Flask, birth_fact_example: dict[str, Any]
) -> None:
    client = client_as(postgres_app, "caseworker")
    data = birth_fact_example
    data["court"]["name"] += f" {uuid.uuid4().hex[:8]}"
    answers = [
        client.post("/api/v1/render", json=render_body(data)).status_code,  # rendered
        client.post("/api/v1/render", json=render_body(data)).status_code,  # from the store
        client.post("/api/v1/render", json=render_body({"child": 1})).status_code,
        client_as(postgres_app, None).post("/api/v1/render", json={}).status_code,
        client.get("/api/v1/documents/no-such-document").status_code,
    ]
    assert answers == [200, 200, 422, 401, 404]
    assert checked_out(postgres_app) == 0


def served(client: FlaskClient) -> int:
    return client.get("/api/v1/templates").status_code


def one_pooled_connection(app: Flask) -> FlaskClient:
    """A caseworker's client, after a request that left one connection in a new pool."""
    app.extensions["storage"].database.engine.dispose()
    client = client_as(app, "caseworker")
    assert served(client) == 200
    return client


def test_a_connection_dropped_while_idle_is_replaced_unseen(
    postgres_app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = one_pooled_connection(postgres_app)
    kill_pooled_connections(postgres_app)
    monkeypatch.setattr(database, "IDLE_PING_SECONDS", 0.0)  # as if idle for a while
    assert served(client) == 200


def test_a_connection_dropped_just_after_use_costs_one_503_not_a_500(
    postgres_app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = one_pooled_connection(postgres_app)
    kill_pooled_connections(postgres_app)
    monkeypatch.setattr(database, "IDLE_PING_SECONDS", 3600.0)  # taken as alive, unpinged
    response = client.get("/api/v1/templates")
    assert response.status_code == 503
    assert response.get_json()["type"] == "/problems/database-unavailable"
    assert served(client) == 200, "the pool has replaced its dead connections"
    assert checked_out(postgres_app) == 0
