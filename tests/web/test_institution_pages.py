"""The institutions pages, and the directory offered by the case and document forms."""

from __future__ import annotations

import html
import re

from flask import Flask
from flask.testing import FlaskClient

from tests.readback import docx_text, normalise_space
from tests.web.conftest import child_fields, csrf, family_fields, sign_in

COURT = "Печерський районний суд міста Києва"
TEMPLATE = "identity.birth_fact_court_application"


def add_institution(client: FlaskClient, fields: dict[str, str]) -> tuple[int, str, str | None]:
    page = client.get("/institutions/new").get_data(as_text=True)
    response = client.post("/institutions/new", data={"_csrf_token": csrf(page), **fields})
    return response.status_code, response.get_data(as_text=True), response.headers.get("Location")


def test_add_an_institution_then_see_how_documents_write_it(caseworker: FlaskClient) -> None:
    listing = caseworker.get("/institutions").get_data(as_text=True)
    assert 'href="/institutions"' in listing  # in the navigation
    assert "Нова установа" in listing
    status, _, location = add_institution(
        caseworker,
        {
            "kind": "court",
            "name": COURT,
            "address.settlement": "м. Київ",
            "address.street": "вул. Володимирська",
            "address.building": "15",
        },
    )
    assert status == 302 and location
    page = caseworker.get(location).get_data(as_text=True)
    assert "Як документи писатимуть назву" in page
    assert "Утворено правилами" in page
    assert html.escape(COURT) in page
    assert 'value="вул. Володимирська"' in page


def test_errors_beside_fields_and_nothing_typed_is_lost(caseworker: FlaskClient) -> None:
    status, page, _ = add_institution(
        caseworker,
        {"kind": "court", "name_dative": "Суду", "address.street": "вул. Соборна"},
    )
    assert status == 422
    assert 'id="e-f-name"' in page  # the name's error, beside it
    assert 'id="e-f-address-settlement"' in page
    assert "Обов’язкове поле не заповнено." in page
    assert 'value="Суду"' in page and 'value="вул. Соборна"' in page
    assert re.search(r'<option value="court"\s+selected', page)


def test_a_correction_is_kept_and_can_be_cleared(caseworker: FlaskClient) -> None:
    _, _, location = add_institution(
        caseworker, {"kind": "civil_registry", "name": "Печерський відділ ДРАЦС"}
    )
    assert location
    page = caseworker.get(location).get_data(as_text=True)
    corrected = caseworker.post(
        location,
        data={
            "_csrf_token": csrf(page),
            "kind": "civil_registry",
            "name": "Печерський відділ ДРАЦС",
            "name_genitive": "Печерського відділу ДРАЦС (виправлено)",
        },
    )
    assert corrected.status_code == 302
    page = caseworker.get(location).get_data(as_text=True)
    assert 'value="Печерського відділу ДРАЦС (виправлено)"' in page
    assert "виправлено</em>" in page or "(виправлено)" in page
    caseworker.post(
        location,
        data={
            "_csrf_token": csrf(page),
            "kind": "civil_registry",
            "name": "Печерський відділ ДРАЦС",
        },
    )
    page = caseworker.get(location).get_data(as_text=True)
    assert "Печерського відділу ДРАЦС (виправлено)" not in page


def test_the_list_searches_filters_and_hides_other_organisations(
    web_app: Flask, caseworker: FlaskClient
) -> None:
    add_institution(caseworker, {"kind": "notary", "name": "Приватний нотаріус Коваль О. П."})
    found = caseworker.get("/institutions?q=коваль").get_data(as_text=True)
    assert "Приватний нотаріус Коваль О. П." in found
    other_kind = caseworker.get("/institutions?q=коваль&kind=court").get_data(as_text=True)
    assert "Приватний нотаріус Коваль О. П." not in other_kind
    stranger = sign_in(web_app, "ivan@example.org")
    assert "Коваль" not in stranger.get("/institutions?q=коваль").get_data(as_text=True)
    item = re.search(r'href="(/institutions/[0-9a-f]{32})"', found)
    assert item
    assert stranger.get(item.group(1)).status_code == 404


def test_the_document_form_offers_the_directory_and_the_document_prints_it(
    caseworker: FlaskClient,
) -> None:
    _, _, location = add_institution(
        caseworker,
        {
            "kind": "court",
            "name": "Оболонський районний суд міста Києва",
            "address.settlement": "м. Київ",
        },
    )
    assert location
    institution_id = location.rsplit("/", 1)[1]
    form_page = caseworker.get("/cases/new").get_data(as_text=True)
    created = caseworker.post(
        "/cases/new",
        data={
            "_csrf_token": csrf(form_page),
            **family_fields(),
        },
    )
    case_url = created.headers["Location"]
    data_url = f"{case_url}/data/{TEMPLATE}"
    data_page = caseworker.get(data_url).get_data(as_text=True)
    # a select of the directory beside the typed court, and its names while typing
    assert f'<option value="{institution_id}"' in data_page
    assert 'list="institutions"' in data_page
    assert '<option value="Оболонський районний суд міста Києва">' in data_page
    saved = caseworker.post(
        data_url,
        data={
            "_csrf_token": csrf(data_page),
            "court.institution_id": institution_id,
            # a body not in the directory is typed as before
            "interested_party.name": "Оболонський відділ ДРАЦС (не в довіднику)",
            "evidence.0.kind": "medical_birth_record",
        },
    )
    assert saved.status_code == 302, saved.get_data(as_text=True)[:2000]
    again = caseworker.get(data_url).get_data(as_text=True)
    assert re.search(rf'<option value="{institution_id}"\s+selected', again)
    assert 'value="Оболонський відділ ДРАЦС (не в довіднику)"' in again
    case_page = caseworker.get(case_url).get_data(as_text=True)
    made = caseworker.post(
        f"{case_url}/documents",
        data={"_csrf_token": csrf(case_page), "template": TEMPLATE, "lang": "uk", "format": "docx"},
    )
    assert made.status_code == 302
    shown = caseworker.get(made.headers["Location"]).get_data(as_text=True)
    download = re.search(r'href="(/documents/[0-9a-f]{32}/download)"', shown)
    assert download, shown[:3000]
    text = normalise_space(docx_text(caseworker.get(download.group(1)).data))
    assert "Оболонський районний суд міста Києва" in text
    assert "Оболонський відділ ДРАЦС (не в довіднику)" in text


def test_an_unknown_choice_is_an_error_beside_the_field(caseworker: FlaskClient) -> None:
    form_page = caseworker.get("/cases/new").get_data(as_text=True)
    created = caseworker.post("/cases/new", data={"_csrf_token": csrf(form_page), **child_fields()})
    data_url = f"{created.headers['Location']}/data/{TEMPLATE}"
    data_page = caseworker.get(data_url).get_data(as_text=True)
    response = caseworker.post(
        data_url,
        data={"_csrf_token": csrf(data_page), "court.institution_id": "f" * 32},
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'id="e-f-court-institution_id"' in page
    assert "У довіднику немає установи з таким ідентифікатором." in page


def test_a_required_field_says_so_to_a_screen_reader(caseworker: FlaskClient) -> None:
    page = caseworker.get("/institutions/new").get_data(as_text=True)
    assert '<span class="visually-hidden">(обов’язкове)</span>' in page
    assert 'aria-required="true"' in page
    assert '<span class="visually-hidden">()</span>' not in page
