"""Making a document on the case page: a false premise refused, Ukrainian-only text asked about."""

from __future__ import annotations

from flask.testing import FlaskClient

from tests.web.conftest import csrf, family_fields
from tests.web.test_pages import new_case

TEMPLATE = "identity.birth_fact_court_application"
DOCUMENT_DATA = {
    "court.name": "Шевченківський районний суд міста Києва",
    "interested_party.name": "Шевченківський відділ ДРАЦС",
    "evidence.0.kind": "medical_birth_record",
}


def case_with_ukrainian_circumstances(caseworker: FlaskClient) -> str:
    fields = family_fields() | {"circumstances.uk": "Родина виїхала через третю країну."}
    _, _, case_url = new_case(caseworker, fields)
    assert case_url
    data_page = caseworker.get(f"{case_url}/data/{TEMPLATE}").get_data(as_text=True)
    saved = caseworker.post(
        f"{case_url}/data/{TEMPLATE}", data={"_csrf_token": csrf(data_page), **DOCUMENT_DATA}
    )
    assert saved.status_code == 302
    return case_url


def test_an_english_document_with_ukrainian_only_text_asks_first(caseworker: FlaskClient) -> None:
    case_url = case_with_ukrainian_circumstances(caseworker)
    page = caseworker.get(case_url).get_data(as_text=True)
    asked = caseworker.post(
        f"{case_url}/documents",
        data={"_csrf_token": csrf(page), "template": TEMPLATE, "lang": "uk-en"},
    )
    warned = caseworker.get(asked.headers["Location"]).get_data(as_text=True)
    assert "Частину тексту подано лише українською" in warned
    assert "Обставини" in warned or "circumstances" in warned
    assert 'name="untranslated_ok"' in warned
    assert "/preview" not in warned.split('id="documents"', 1)[1].split("</section>", 1)[0]
    made = caseworker.post(
        f"{case_url}/documents",
        data={
            "_csrf_token": csrf(warned),
            "template": TEMPLATE,
            "lang": "uk-en",
            "format": "pdf",
            "untranslated_ok": "1",
        },
    )
    shown = caseworker.get(made.headers["Location"]).get_data(as_text=True)
    assert "Частину тексту подано лише українською" not in shown
    assert "/preview" in shown


def test_a_ukrainian_document_does_not_ask(caseworker: FlaskClient) -> None:
    case_url = case_with_ukrainian_circumstances(caseworker)
    page = caseworker.get(case_url).get_data(as_text=True)
    made = caseworker.post(
        f"{case_url}/documents",
        data={"_csrf_token": csrf(page), "template": TEMPLATE, "lang": "uk"},
    )
    shown = caseworker.get(made.headers["Location"]).get_data(as_text=True)
    assert "Частину тексту подано лише українською" not in shown
    assert "/preview" in shown


def test_a_document_whose_premise_is_false_is_refused_on_the_page(caseworker: FlaskClient) -> None:
    """A child born in Donetsk in 2011, before the occupation: no court application."""
    fields = family_fields() | {"children.0.birth_date": "2011-02-03"}
    _, _, case_url = new_case(caseworker, fields)
    assert case_url
    data_page = caseworker.get(f"{case_url}/data/{TEMPLATE}").get_data(as_text=True)
    caseworker.post(
        f"{case_url}/data/{TEMPLATE}", data={"_csrf_token": csrf(data_page), **DOCUMENT_DATA}
    )
    page = caseworker.get(case_url).get_data(as_text=True)
    refused = caseworker.post(
        f"{case_url}/documents", data={"_csrf_token": csrf(page), "template": TEMPLATE}
    )
    shown = caseworker.get(refused.headers["Location"]).get_data(as_text=True)
    assert "Цей документ не може бути складений щодо цієї особи" in shown
    assert "03.02.2011" in shown and "не перебував під тимчасовою окупацією" in shown
    assert "Стаття 317 Цивільного процесуального кодексу України" in shown
    assert "/preview" not in shown.split('id="documents"', 1)[1].split("</section>", 1)[0]
