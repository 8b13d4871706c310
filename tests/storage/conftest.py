"""Storage tests run against SQLite and the real PostgreSQL server (127.0.0.1:5432)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import build_test_app, client_as, fresh_postgres_database


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh database on the PostgreSQL server, dropped after the session."""
    with fresh_postgres_database() as url:
        yield url


@pytest.fixture(
    scope="session",
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
)
def storage_app(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Flask]:
    """An application on each database backend."""
    var_dir: Path = tmp_path_factory.mktemp(f"var-{request.param}")
    url = None
    if request.param == "postgresql":
        url = request.getfixturevalue("postgres_url")
    app = build_test_app(var_dir, url)
    yield app
    app.extensions["storage"].database.dispose()


@pytest.fixture
def storage_client(storage_app: Flask) -> FlaskClient:
    """A caseworker's client of the application on one backend."""
    return client_as(storage_app, "caseworker")


@pytest.fixture
def storage_admin(storage_app: Flask) -> FlaskClient:
    """An admin's client of the application on one backend (reads the audit trail)."""
    return client_as(storage_app, "admin")


def family_case(example: dict[str, Any]) -> dict[str, Any]:
    """Case data of the court application's family: two children, both parents, the mother."""
    second_child = {
        **example["child"],
        "given_name": "Марія",
        "patronymic": "Іванівна",
        "sex": "female",
        "birth_date": "2019-07-02",
    }
    # Both born in Donetsk under occupation, with only the occupiers' paper: the plan of
    # each has the court application, so a packet holds it for each.
    situation = {"documents": ["occupation_birth_certificate"]}
    return {
        "children": [
            {**example["child"], "situation": situation},
            {**second_child, "situation": situation},
        ],
        "mother": {
            key: value
            for key, value in example["applicant"].items()
            if key
            in ("surname", "given_name", "patronymic", "sex", "birth_date", "citizenship", "rnokpp")
        },
        "father": example["father"],
        "applicant": example["applicant"],
        "circumstances": example["circumstances"],
        "template_data": {
            "identity.birth_fact_court_application": {
                key: example[key]
                for key in ("court", "interested_party", "evidence", "occupation_birth_certificate")
            }
        },
    }
