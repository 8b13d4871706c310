"""Reminders: caseworkers with cases whose steps are overdue, due soon and due later, on
SQLite and on the real PostgreSQL server."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from service.casework import change_step, refresh_plan
from service.principal import Principal
from service.reminders import kyiv_today
from tests.conftest import build_test_app, fresh_postgres_database
from tests.web.conftest import PASSWORD, csrf

SEED = json.loads(
    (Path(__file__).parents[1] / "fixtures" / "seed_family.json").read_text(encoding="utf-8")
)
# The day the tests run as: the digest's day (`--date`), and what the steps count from.
TODAY = kyiv_today()
# What no reminder may show: the children's names in full and their birth dates.
FORBIDDEN = (
    "Коваленко",
    "Kovalenko",
    "Олена",
    "Olena",
    "Максим",
    "Maksym",
    "Андрі",
    "Andrii",
    "2009-05-20",
    "20.05.2009",
    "2010-02-11",
    "11.02.2010",
    "Маріуполь",
)


@dataclass(frozen=True)
class Scenario:
    """Who has which cases (ids), on one application."""

    app: Flask
    organisation: str
    anna: str  # two cases of hers: a step overdue, one due in 5 days, one in 25 days
    borys: str  # her colleague: no case of his
    clara: str  # English letters; a case of hers due today
    dmytro: str  # another organisation's caseworker: one case, due in 3 days
    anna_cases: tuple[str, ...]
    anna_numbers: tuple[str, ...]
    clara_case: str
    clara_number: str
    token_case: str  # made by Anna with her own API token: hers too


def file_status(app: Flask, case_id: str, child: str, days_ago: int) -> None:
    """Record a child's status application as filed some days ago (decided in 30 days)."""
    storage = app.extensions["storage"]
    case = storage.cases.get(case_id, Principal("test", "admin", None))
    filed = {"status": "filed", "filed": {"date": (TODAY - timedelta(days=days_ago)).isoformat()}}
    change_step(
        storage,
        case,
        f"{child}.war_affected_status",
        filed,
        principal=Principal("test", "admin", None),
        today=TODAY,
    )


def new_case(app: Flask, user_id: str, organisation: str) -> tuple[str, str]:
    """The seed family as a case the person created; its id and number."""
    storage = app.extensions["storage"]
    case = storage.cases.create(
        copy.deepcopy(SEED), principal=Principal(user_id, "caseworker", organisation)
    )
    refresh_plan(storage, case, today=TODAY)
    return case.id, str(case.number)


def build_scenario(app: Flask) -> Scenario:
    """The people and cases of the tests."""
    access, users = app.extensions["access"], app.extensions["users"]
    storage = app.extensions["storage"]
    ours = access.create_organisation("Служба (нагадування)")
    theirs = access.create_organisation("Інша служба (нагадування)")

    def person(name: str, organisation: str) -> str:
        return str(
            users.create_user(
                email=f"{name}@example.org",
                password=PASSWORD,
                role="caseworker",
                organisation_id=organisation,
            )
        )

    anna, borys, clara = person("anna", ours), person("borys", ours), person("clara", ours)
    dmytro = person("dmytro", theirs)
    storage.reminders.save_preferences(clara, lang="en", digest=True)
    first, first_number = new_case(app, anna, ours)
    file_status(app, first, "olena0017", 40)  # decision due 10 days ago: overdue
    file_status(app, first, "maksym0016", 25)  # due in 5 days
    second, second_number = new_case(app, anna, ours)
    file_status(app, second, "olena0017", 5)  # due in 25 days: the feed, not the letter
    clara_case, clara_number = new_case(app, clara, ours)
    file_status(app, clara_case, "olena0017", 30)  # due today
    other, _ = new_case(app, dmytro, theirs)
    file_status(app, other, "olena0017", 27)
    # A case Anna made through the API with her own token counts as hers.
    _, token = access.create_token(role=None, name="anna's", organisation_id=None, user_id=anna)
    client = app.test_client()
    response = client.post(
        "/api/v1/cases",
        json={"data": copy.deepcopy(SEED)},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 201, response.get_data(as_text=True)[:500]
    token_case = response.get_json()["id"]
    refresh_plan(storage, storage.cases.get(token_case, Principal("t", "admin", None)), today=TODAY)
    file_status(app, token_case, "olena0017", 33)  # overdue by 3 days
    return Scenario(
        app=app,
        organisation=ours,
        anna=anna,
        borys=borys,
        clara=clara,
        dmytro=dmytro,
        anna_cases=(first, second),
        anna_numbers=(first_number, second_number),
        clara_case=clara_case,
        clara_number=clara_number,
        token_case=token_case,
    )


@pytest.fixture(
    scope="module",
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
)
def scenario(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Scenario]:
    """The scenario on each database backend."""
    var_dir = tmp_path_factory.mktemp(f"reminders-{request.param}")
    if request.param == "postgresql":
        with fresh_postgres_database() as url:
            app = build_test_app(var_dir, url)
            yield build_scenario(app)
            app.extensions["storage"].database.dispose()
        return
    app = build_test_app(var_dir)
    yield build_scenario(app)
    app.extensions["storage"].database.dispose()


def sign_in_as(app: Flask, email: str) -> FlaskClient:
    """A client signed in to the pages."""
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    response = client.post(
        "/login", data={"email": email, "password": PASSWORD, "_csrf_token": csrf(page)}
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    return client


def days(offset: int) -> date:
    """A day counted from the tests' today."""
    return TODAY + timedelta(days=offset)


__all__ = ["FORBIDDEN", "TODAY", "Any", "Scenario", "days", "sign_in_as"]
