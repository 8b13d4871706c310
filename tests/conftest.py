"""Fixtures: the application from the factory with a temporary var/, its client, examples."""

from __future__ import annotations

import copy
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
import pytest
from flask import Flask
from flask.testing import FlaskClient

from service import create_app
from service.documents import DocumentPipeline, get_template
from service.storage.crypto import generate_key
from service.verification import create_development_identity, signing_settings

BIRTH_FACT = "identity.birth_fact_court_application"
POSTGRES_ADMIN_URL = os.environ.get(
    "PAPERWORK_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres"
)


@contextmanager
def fresh_postgres_database() -> Iterator[str]:
    """A new database on the PostgreSQL server; dropped on leaving, its connections ended."""
    name = f"paperwork_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    base = POSTGRES_ADMIN_URL.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as connection:
            connection.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
                (name,),
            )
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')


def build_test_app(var_dir: Path, database_url: str | None = None, **settings: Any) -> Flask:
    """An application on a temporary var/ folder, with its own key and a migrated database.

    It has two organisations and a token for each role in the first (`TEST_TOKENS`), and
    a caseworker token of the second (`TEST_TOKENS["other_caseworker"]`).
    """
    app = create_app(
        {
            "TESTING": True,
            "VAR_DIR": var_dir,
            "DATABASE_URL": database_url or f"sqlite:///{var_dir / 'test.sqlite3'}",
            "DOCUMENTS_DIR": var_dir / "documents",
            "DATA_KEYS": generate_key().decode(),
            "RATE_LIMIT": "100000 per minute",
            "LOGIN_RATE_LIMIT": "100000 per minute",
            "SECRET_KEY": "test-secret-" + generate_key().decode(),
            "SESSION_COOKIE_SECURE": False,
            **settings,
        }
    )
    app.extensions["storage"].database.upgrade()
    if not app.config["SIGNING_P12"]:  # the development certificate, as `keys init` makes it
        create_development_identity(signing_settings(app.config).p12_path)
    access = app.extensions["access"]
    ours = access.create_organisation("Офіс Уповноваженого (тест)")
    theirs = access.create_organisation("Інша організація (тест)")
    partner = access.create_organisation("Міжнародний партнер (тест)")
    tokens = {
        role: access.create_token(role=role, name=f"test-{role}", organisation_id=organisation)[1]
        for role, organisation in (
            ("caseworker", ours),
            ("partner", partner),
            ("system", None),
            ("admin", None),
        )
    }
    tokens["other_caseworker"] = access.create_token(
        role="caseworker", name="test-other", organisation_id=theirs
    )[1]
    app.config["TEST_TOKENS"] = tokens
    return app


def client_as(app: Flask, role: str | None) -> FlaskClient:
    """A test client that sends the token of a role (None: no token)."""
    client = app.test_client()
    if role is not None:
        client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {app.config['TEST_TOKENS'][role]}"
    return client


@pytest.fixture(scope="session")
def app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    """One application for the session (WeasyPrint warms up once)."""
    return build_test_app(tmp_path_factory.mktemp("var"))


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A caseworker's client of the application."""
    return client_as(app, "caseworker")


@pytest.fixture
def admin_client(app: Flask) -> FlaskClient:
    """An admin's client of the application."""
    return client_as(app, "admin")


@pytest.fixture(scope="session")
def pipeline(app: Flask) -> DocumentPipeline:
    """The application's rendering pipeline."""
    result: DocumentPipeline = app.extensions["document_pipeline"]
    return result


@pytest.fixture
def birth_fact_example() -> dict[str, Any]:
    """A fresh copy of the court application's example data."""
    return copy.deepcopy(get_template(BIRTH_FACT).load_example())
