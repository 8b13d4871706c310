"""The plan on the pages: the checklist of the case page, a step recorded there, the
situation asked in plain words, and the caseload."""

from __future__ import annotations

import copy
import json
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from service.casework import change_step, refresh_plan
from service.documents import get_template
from service.principal import Principal
from tests.web.conftest import child_fields, csrf

BIRTH_FACT = "identity.birth_fact_court_application"


def our_organisation(web_app: Flask) -> str:
    """The organisation of the signed-in caseworker."""
    with web_app.extensions["storage"].database.engine.connect() as connection:
        found = connection.exec_driver_sql(
            "SELECT organisation_id FROM users WHERE email = 'olena@example.org'"
        ).scalar()
    return str(found)


def born_in_tot_case(web_app: Flask) -> dict[str, Any]:
    """The court application's family, its child born on the occupied territory."""
    example = copy.deepcopy(get_template(BIRTH_FACT).load_example())
    child = {
        **example["child"],
        "situation": {
            "documents": ["occupation_birth_certificate"],
            "with": "parent",
            "idp_registered": True,
        },
    }
    return {
        "children": [child],
        "applicant": example["applicant"],
        "father": example["father"],
        "circumstances": example["circumstances"],
        "template_data": {
            BIRTH_FACT: {
                key: example[key]
                for key in ("court", "interested_party", "evidence", "occupation_birth_certificate")
            }
        },
    }


def new_case(client: FlaskClient, web_app: Flask) -> str:
    """Create the case through the page's form data (the API's shapes) and give its id."""
    page = client.get("/cases/new").get_data(as_text=True)
    fields = {
        **child_fields(),
        "children.0.situation.documents~occupation_birth_certificate": "true",
        "children.0.situation.with": "parent",
        "_csrf_token": csrf(page),
    }
    response = client.post("/cases/new", data=fields)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return response.headers["Location"].rsplit("/", 1)[-1]


def test_the_case_form_asks_the_situation_in_plain_words(caseworker: FlaskClient) -> None:
    page = caseworker.get("/cases/new").get_data(as_text=True)
    assert 'name="children.0.situation.documents~occupation_birth_certificate"' in page
    assert 'name="children.0.situation.with"' in page
    assert "Tick every document at hand." in page or "Позначте" in page


def test_the_checklist_shows_and_a_step_is_recorded(
    caseworker: FlaskClient, web_app: Flask
) -> None:
    case_id = new_case(caseworker, web_app)
    page = caseworker.get(f"/cases/{case_id}").get_data(as_text=True)
    assert 'id="plan"' in page
    step = re.search(r'id="(step-[a-z0-9]+-birth_fact)"', page)
    assert step, page[:3000]
    # the court application lacks its court: linked to the document's own form
    assert f"/cases/{case_id}/data/{BIRTH_FACT}#" in page
    key = step.group(1).removeprefix("step-").replace("-", ".")
    # filed without a date: the error is beside the field, what was typed stays
    response = caseworker.post(
        f"/cases/{case_id}/plan/{key}",
        data={"status": "filed", "filed.where": "Шевченківський суд", "_csrf_token": csrf(page)},
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'aria-invalid="true" aria-describedby="e-' in html
    assert 'value="Шевченківський суд"' in html
    response = caseworker.post(
        f"/cases/{case_id}/plan/{key}",
        data={
            "status": "filed",
            "filed.date": "2026-11-20",
            "filed.where": "Шевченківський суд",
            "_csrf_token": csrf(page),
        },
    )
    assert response.status_code == 302
    page = caseworker.get(f"/cases/{case_id}").get_data(as_text=True)
    assert "20.11.2026" in page and "Шевченківський суд" in page


def test_caseload_lists_next_steps(caseworker: FlaskClient, web_app: Flask) -> None:
    new_case(caseworker, web_app)
    page = caseworker.get("/plan").get_data(as_text=True)
    assert "/cases/" in page and "#step-" in page
    page = caseworker.get(f"/plan?template={BIRTH_FACT}&status=pending").get_data(as_text=True)
    assert get_template(BIRTH_FACT).titles()["uk"] in page


def test_make_this_document_on_a_ready_step_prepares_it(
    caseworker: FlaskClient, web_app: Flask
) -> None:

    storage = web_app.extensions["storage"]
    organisation = (
        storage.database.engine.connect()
        .exec_driver_sql("SELECT organisation_id FROM users WHERE email = 'olena@example.org'")
        .scalar()
    )
    principal = Principal(id="test", role="caseworker", organisation_id=organisation)
    case = storage.cases.create(born_in_tot_case(web_app), principal=principal)
    refresh_plan(storage, case)
    child = case.data["children"][0]["id"]
    page = caseworker.get(f"/cases/{case.id}").get_data(as_text=True)
    step_id = f"step-{child}-birth_fact"
    section = page[page.index(f'id="{step_id}"') :]
    section = section[: section.index("</li>")]
    assert 'name="template" value="identity.birth_fact_court_application"' in section
    response = caseworker.post(
        f"/cases/{case.id}/documents",
        data={
            "template": BIRTH_FACT,
            "child_id": child,
            "lang": "uk",
            "format": "docx",
            "_csrf_token": csrf(page),
        },
    )
    assert response.status_code == 302
    page = caseworker.get(f"/cases/{case.id}").get_data(as_text=True)
    assert re.search(rf'id="{step_id}" class="step status-prepared', page)
    assert "/documents/" in page  # the document is listed on the case page


def test_the_seed_family_on_the_case_page(caseworker: FlaskClient, web_app: Flask) -> None:

    seed_path = Path(__file__).parents[1] / "fixtures" / "seed_family.json"
    seed = json.loads(seed_path.read_text(encoding="utf-8"))

    storage = web_app.extensions["storage"]
    organisation = (
        storage.database.engine.connect()
        .exec_driver_sql("SELECT organisation_id FROM users WHERE email = 'olena@example.org'")
        .scalar()
    )
    case = storage.cases.create(
        seed, principal=Principal(id="test", role="caseworker", organisation_id=organisation)
    )
    refresh_plan(storage, case)
    principal = Principal(id="test", role="caseworker", organisation_id=organisation)
    # A status application filed 60 days ago is past its 30 days (the ID cards, once "due a
    # month after the 14th birthday", have no legal term and are never overdue).
    filed = {"status": "filed", "filed": {"date": (date.today() - timedelta(days=60)).isoformat()}}
    change_step(storage, case, "olena0017.war_affected_status", filed, principal=principal)
    for step in ("olena0017.id_card", "olena0017.idp_registration"):  # her status comes next
        skipped = {"status": "not_needed", "not_needed_reason": "оформлено раніше"}
        change_step(storage, case, step, skipped, principal=principal)
    page = caseworker.get(f"/cases/{case.id}").get_data(as_text=True)
    for child in seed["children"]:
        assert child["given_name"] in page
    assert page.count('class="plan-person"') == len(seed["children"]) + 1  # and the mother
    assert "overdue" in page  # the status decision is past its 30 days
    caseload = caseworker.get("/plan?status=overdue").get_data(as_text=True)
    assert f"/cases/{case.id}#step-" in caseload
