"""Fixtures: the application from the factory with a temporary var/, its client, examples."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from service import create_app
from service.documents import DocumentPipeline, get_template
from service.storage.crypto import generate_key

BIRTH_FACT = "identity.birth_fact_court_application"


def build_test_app(var_dir: Path, database_url: str | None = None, **settings: Any) -> Flask:
    """An application on a temporary var/ folder, with its own key and a migrated database."""
    app = create_app(
        {
            "TESTING": True,
            "VAR_DIR": var_dir,
            "DATABASE_URL": database_url or f"sqlite:///{var_dir / 'test.sqlite3'}",
            "DOCUMENTS_DIR": var_dir / "documents",
            "DATA_KEYS": generate_key().decode(),
            **settings,
        }
    )
    app.extensions["storage"].database.upgrade()
    return app


@pytest.fixture(scope="session")
def app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    """One application for the session (WeasyPrint warms up once)."""
    return build_test_app(tmp_path_factory.mktemp("var"))


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client of the application."""
    return app.test_client()


@pytest.fixture(scope="session")
def pipeline(app: Flask) -> DocumentPipeline:
    """The application's rendering pipeline."""
    result: DocumentPipeline = app.extensions["document_pipeline"]
    return result


@pytest.fixture
def birth_fact_example() -> dict[str, Any]:
    """A fresh copy of the court application's example data."""
    return copy.deepcopy(get_template(BIRTH_FACT).load_example())
