"""Caseworker pages through the Flask test client: a signed-in caseworker of an organisation."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import build_test_app

PASSWORD = "correct horse battery staple"
TOKEN_FIELD = re.compile(r'name="_csrf_token" value="([^"]+)"')


def csrf(html: str) -> str:
    """The CSRF token of a page's forms."""
    match = TOKEN_FIELD.search(html)
    assert match, "no CSRF token on the page"
    return match.group(1)


@pytest.fixture(scope="module")
def web_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """An application with two organisations and a caseworker in each."""
    app = build_test_app(tmp_path_factory.mktemp("web"))
    access = app.extensions["access"]
    users = app.extensions["users"]
    ours = access.create_organisation("Офіс")
    theirs = access.create_organisation("Інші")
    users.create_user(
        email="olena@example.org", password=PASSWORD, role="caseworker", organisation_id=ours
    )
    users.create_user(
        email="ivan@example.org", password=PASSWORD, role="caseworker", organisation_id=theirs
    )
    yield app


def sign_in(app: Flask, email: str = "olena@example.org") -> FlaskClient:
    """A client signed in as a caseworker."""
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    response = client.post(
        "/login", data={"email": email, "password": PASSWORD, "_csrf_token": csrf(page)}
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    return client


@pytest.fixture
def caseworker(web_app: Flask) -> FlaskClient:
    """A signed-in caseworker."""
    return sign_in(web_app)


def child_fields(surname: str = "Ткач", given_name: str = "Мар'яна") -> dict[str, str]:
    """Form fields of one child."""
    return {
        "children.0.surname": surname,
        "children.0.given_name": given_name,
        "children.0.sex": "female",
        "children.0.birth_date": "2015-02-03",
        "children.0.birth_place.settlement": "м. Донецьк",
        "children.0.birth_place.oblast": "Донецька область",
        # Born in Donetsk in 2015, under occupation (derived), with the occupiers' paper.
        "children.0.situation.documents~occupation_birth_certificate": "true",
    }


def family_fields() -> dict[str, str]:
    """Form fields of a child, the mother and the applicant: enough for the court application."""
    return child_fields() | {
        "mother.surname": "Ткач",
        "mother.given_name": "Олена",
        "mother.sex": "female",
        "mother.birth_date": "1990-01-01",
        "applicant.surname": "Ткач",
        "applicant.given_name": "Олена",
        "applicant.sex": "female",
        "applicant.birth_date": "1990-01-01",
        "applicant.relation": "mother",
        # The court application names the applicant by RNOKPP (or, without one, by passport).
        "applicant.rnokpp": "3287300123",
        "applicant.address.settlement": "м. Київ",
    }


__all__ = ["PASSWORD", "Path", "child_fields", "csrf", "family_fields", "sign_in"]
