"""Hostile input and the fuzzer run against SQLite and the real PostgreSQL server.

PostgreSQL refuses what SQLite stores (a NUL in text, a too large integer), so a crash
that SQLite hides shows there.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask

from tests.conftest import build_test_app, fresh_postgres_database


@pytest.fixture(
    scope="session",
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
)
def backend_app(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Flask]:
    """The application on each database backend (on SQLite, the session's `app`)."""
    if request.param == "sqlite":
        yield request.getfixturevalue("app")
        return
    with fresh_postgres_database() as url:
        app = build_test_app(tmp_path_factory.mktemp("var-postgresql"), url)
        yield app
        app.extensions["storage"].database.dispose()
