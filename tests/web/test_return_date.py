"""The child's return date on the case form, and a case page that is not red on day one."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from service.casework import change_step, refresh_plan
from service.principal import Principal
from tests.web.conftest import csrf

FIELD = "children.0.situation.returned_on"


def boy_fields(returned_on: str) -> dict[str, str]:
    """Form fields of a boy of 15, deported to Russia, back on a day."""
    return {
        "children.0.surname": "Коваль",
        "children.0.given_name": "Максим",
        "children.0.sex": "male",
        "children.0.birth_date": "2011-05-10",
        "children.0.birth_place.settlement": "м. Київ",
        "children.0.situation.came_from": "russia",
        "children.0.situation.documents~ua_birth_certificate": "true",
        "children.0.situation.circumstances~deportation": "true",
        "children.0.situation.with": "parent",
        FIELD: returned_on,
    }


def field_html(page: str) -> str:
    """The return date's field: its label, hint, input and error."""
    start = page.rindex('<div class="field', 0, page.index(f'id="f-{FIELD.replace(".", "-")}"'))
    return page[start : page.index("</div>", start)]


@pytest.mark.parametrize(
    ("lang", "label", "hint"),
    [
        ("uk", "Дата повернення дитини", "Строки відлічуються від нього"),
        ("en", "Date the child returned", "Deadlines count from it"),
    ],
)
def test_the_case_form_asks_the_return_date(
    caseworker: FlaskClient, lang: str, label: str, hint: str
) -> None:
    page = caseworker.get("/cases/new", headers={"Accept-Language": lang}).get_data(as_text=True)
    field = field_html(page)
    assert f'name="{FIELD}" type="date"' in field
    assert label in field and hint in field


@pytest.mark.parametrize(
    ("returned_on", "message"),
    [
        ((date.today() + timedelta(days=1)).isoformat(), "Дата не може бути в майбутньому."),
        ("2010-01-01", "Дата передує даті народження дитини."),
    ],
)
def test_a_wrong_return_date_is_shown_beside_its_field(
    caseworker: FlaskClient, returned_on: str, message: str
) -> None:
    page = caseworker.get("/cases/new").get_data(as_text=True)
    response = caseworker.post(
        "/cases/new", data=boy_fields(returned_on) | {"_csrf_token": csrf(page)}
    )
    assert response.status_code == 422
    field = field_html(response.get_data(as_text=True))
    assert 'aria-invalid="true"' in field and message in field
    assert f'value="{returned_on}"' in field  # what was typed stays


def organisation_of(web_app: Flask) -> str:
    """The organisation of the signed-in caseworker."""
    with web_app.extensions["storage"].database.engine.connect() as connection:
        found = connection.exec_driver_sql(
            "SELECT organisation_id FROM users WHERE email = 'olena@example.org'"
        ).scalar()
    return str(found)


def test_a_boy_back_three_days_is_not_overdue_for_what_was_filed_while_he_was_away(
    caseworker: FlaskClient, web_app: Flask
) -> None:
    returned = date.today() - timedelta(days=3)
    page = caseworker.get("/cases/new").get_data(as_text=True)
    response = caseworker.post(
        "/cases/new", data=boy_fields(returned.isoformat()) | {"_csrf_token": csrf(page)}
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    case_id = response.headers["Location"].rsplit("/", 1)[-1]
    form = caseworker.get(f"/cases/{case_id}/edit").get_data(as_text=True)
    assert f'value="{returned.isoformat()}"' in field_html(form)

    storage = web_app.extensions["storage"]
    principal = Principal(id="test", role="caseworker", organisation_id=organisation_of(web_app))
    case = storage.cases.get(case_id, principal)
    child = case.data["children"][0]["id"]
    # His mother applied for the status 60 days ago, while he was still in Russia.
    filed: dict[str, Any] = {
        "status": "filed",
        "filed": {"date": (date.today() - timedelta(days=60)).isoformat(), "where": "ССД"},
    }
    change_step(storage, case, f"{child}.war_affected_status", filed, principal=principal)
    for step in ("id_card", "idp_registration"):
        skipped = {"status": "not_needed", "not_needed_reason": "оформлено раніше"}
        change_step(storage, case, f"{child}.{step}", skipped, principal=principal)
    refresh_plan(storage, case)

    page = caseworker.get(f"/cases/{case_id}", headers={"Accept-Language": "en"})
    html = page.get_data(as_text=True)
    step = html[html.index(f'id="step-{child}-war_affected_status"') :]
    step = step[: step.index("</li>")]
    due = (returned + timedelta(days=30)).strftime("%d.%m.%Y")
    assert re.search(rf'<span class="due">due {re.escape(due)}</span>', step), step[:1500]
    assert "overdue" not in step
    caseload = caseworker.get("/plan?status=overdue").get_data(as_text=True)
    assert f"/cases/{case_id}#" not in caseload
