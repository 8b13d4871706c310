"""A court typed in one case is offered in the next: the data page adds it to the directory."""

from __future__ import annotations

import html
import re

from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import csrf, family_fields, sign_in

TEMPLATE = "identity.birth_fact_court_application"
COURT = "Тестовий районний суд міста Києва"
PARTY = "Тестовий відділ ДРАЦС (зацікавлена особа)"


def new_case(client: FlaskClient) -> str:
    page = client.get("/cases/new").get_data(as_text=True)
    created = client.post("/cases/new", data={"_csrf_token": csrf(page), **family_fields()})
    assert created.status_code == 302, created.get_data(as_text=True)[:2000]
    return str(created.headers["Location"])


def save_data(client: FlaskClient, case_url: str, fields: dict[str, str]) -> str:
    """Post the court application's data page; the page shown after the save."""
    data_url = f"{case_url}/data/{TEMPLATE}"
    page = client.get(data_url).get_data(as_text=True)
    saved = client.post(
        data_url,
        data={
            "_csrf_token": csrf(page),
            "interested_party.name": PARTY,
            "evidence.0.kind": "medical_birth_record",
            **fields,
        },
    )
    assert saved.status_code == 302, saved.get_data(as_text=True)[:3000]
    return client.get(saved.headers["Location"]).get_data(as_text=True)


def directory(client: FlaskClient, query: str) -> str:
    return client.get("/institutions", query_string={"q": query}).get_data(as_text=True)


def test_a_typed_court_is_offered_in_the_next_case(web_app: Flask) -> None:
    caseworker = sign_in(web_app)
    first = new_case(caseworker)
    shown = save_data(caseworker, first, {"court.name": COURT})
    # the caseworker is told, in the page's language
    assert html.escape(f"«{COURT}» додано до довідника установ") in shown

    listing = directory(caseworker, "Тестовий районний")
    item = re.search(r'href="/institutions/([0-9a-f]{32})"', listing)
    assert item, listing[:3000]
    court_id = item.group(1)
    # an interested party may be a body of the occupiers: it is never added by itself
    assert "зацікавлена особа" not in directory(caseworker, "Тестовий відділ")

    # the first case now refers to the directory's entry
    again = caseworker.get(f"{first}/data/{TEMPLATE}").get_data(as_text=True)
    assert re.search(rf'<option value="{court_id}"\s+selected', again)
    assert f'value="{html.escape(PARTY)}"' in again

    # the next case offers it in the select and while typing
    second = new_case(caseworker)
    offered = caseworker.get(f"{second}/data/{TEMPLATE}").get_data(as_text=True)
    assert f'<option value="{court_id}"' in offered
    assert f'<option value="{COURT}">' in offered

    # typed again in another letter case, it is not added twice, and is kept as typed
    shown = save_data(caseworker, second, {"court.name": COURT.upper()})
    assert "додано до довідника" not in shown
    assert (
        len(
            re.findall(
                r'href="/institutions/[0-9a-f]{32}"', directory(caseworker, "тестовий районний")
            )
        )
        == 1
    )
    kept = caseworker.get(f"{second}/data/{TEMPLATE}").get_data(as_text=True)
    assert f'value="{COURT.upper()}"' in kept


def test_another_organisation_is_not_offered_the_court(web_app: Flask) -> None:
    olena = sign_in(web_app)
    save_data(olena, new_case(olena), {"court.name": "Інший тестовий суд міста Києва"})
    ivan = sign_in(web_app, "ivan@example.org")
    offered = ivan.get(f"{new_case(ivan)}/data/{TEMPLATE}").get_data(as_text=True)
    assert "Інший тестовий суд міста Києва" not in offered
