"""The caseworker pages: sign-in, the generated case form, errors, documents, packets, safety."""

from __future__ import annotations

import io
import re
import time
import zipfile
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient

from service.storage.audit import ACTIONS
from service.web.views import ACTION_NAMES
from tests.conftest import build_test_app
from tests.readback import pdf_text
from tests.web.conftest import PASSWORD, child_fields, csrf, family_fields, sign_in

HOSTILE = 'Мар\'яна "Ткач & Сини" <b>'


def new_case(client: FlaskClient, fields: dict[str, str]) -> tuple[int, str, str | None]:
    page = client.get("/cases/new").get_data(as_text=True)
    response = client.post("/cases/new", data={"_csrf_token": csrf(page), **fields})
    return response.status_code, response.get_data(as_text=True), response.headers.get("Location")


def test_pages_need_a_signed_in_caseworker(web_app: Flask) -> None:
    client = web_app.test_client()
    for path in ("/cases", "/cases/new", "/"):
        response = client.get(path)
        assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_wrong_password_is_refused_with_a_message(web_app: Flask) -> None:
    client = web_app.test_client()
    page = client.get("/login").get_data(as_text=True)
    response = client.post(
        "/login",
        data={
            "email": "olena@example.org",
            "password": "wrong password!",
            "_csrf_token": csrf(page),
        },
    )
    assert response.status_code == 200
    assert "Неправильна електронна пошта або пароль." in response.get_data(as_text=True)
    assert client.get("/cases").status_code == 302


def test_forms_without_the_csrf_token_are_refused(caseworker: FlaskClient) -> None:
    response = caseworker.post("/cases/new", data=child_fields())
    assert response.status_code == 400
    assert "Термін дії форми минув" in response.get_data(as_text=True)


def test_a_field_error_appears_beside_the_field_and_nothing_typed_is_lost(
    caseworker: FlaskClient,
) -> None:
    fields = child_fields(surname=HOSTILE) | {
        "mother.phone": "+380501234567",
        "circumstances.uk": "Виїхали 2026 року",
    }
    status, html, _ = new_case(caseworker, fields)
    assert status == 422
    error = re.search(r'<p class="error" id="(e-f-children-0-surname)">([^<]+)</p>', html)
    assert error, "no error beside the surname"
    assert 'aria-describedby="e-f-children-0-surname"' in html
    assert "може містити лише літери" in error.group(2)
    assert (
        'value="Марʼяна &#34;Ткач &amp; Сини&#34; &lt;b&gt;"' in html or "Ткач &amp; Сини" in html
    )
    assert "<b>" not in html.split("<main", 1)[1].replace("<b>bold", "")
    assert 'value="+380501234567"' in html and "Виїхали 2026 року" in html


def test_a_surname_typed_partly_in_the_latin_layout_is_shown_which_letters_are_latin(
    caseworker: FlaskClient,
) -> None:
    status, html, _ = new_case(caseworker, child_fields(surname="Шевчeнко"))  # a Latin e
    assert status == 422
    error = re.search(r'<p class="error" id="e-f-children-0-surname">([^<]+)</p>', html)
    assert error, "no error beside the surname"
    assert error.group(1).startswith(
        "«Шевчeнко» поєднує латинські та кириличні літери (латинські тут: e)."
    )


def test_the_case_form_lists_its_parts_and_folds_people_not_entered(
    caseworker: FlaskClient,
) -> None:
    page = caseworker.get("/cases/new").get_data(as_text=True)
    parts = re.search(r'<nav class="form-parts"[^>]*>(.*?)</nav>', page, re.S)
    assert parts, "no list of the form's parts"
    for part in ("children", "mother", "father", "applicant", "circumstances"):
        assert f'href="#g-{part}"' in parts.group(1)
    assert '<details class="optional-part" id="d-father">' in page
    assert '<details class="optional-part" id="d-legal_representative">' in page
    assert 'id="d-mother"' not in page  # the mother is asked for openly
    fields = child_fields() | {"father.surname": "Ткач", "father.birth_date": "2090-01-01"}
    status, html, _ = new_case(caseworker, fields)
    assert status == 422
    assert 'id="d-father"' not in html  # entered, and wrong: shown open
    assert 'href="#g-father">Батько</a> <span class="error">(треба виправити)</span>' in html
    assert 'value="Ткач"' in html


def test_country_and_region_fields_offer_names_while_typing(caseworker: FlaskClient) -> None:
    page = caseworker.get("/cases/new").get_data(as_text=True)
    countries = re.search(r'<datalist id="countries">(.*?)</datalist>', page, re.S)
    citizenships = re.search(r'<datalist id="citizenships">(.*?)</datalist>', page, re.S)
    assert countries and citizenships, "no suggestions for the country fields"
    assert '<option value="UA">Україна</option>' in countries.group(1)
    assert '<option value="stateless">' not in countries.group(1)
    assert '<option value="stateless">особа без громадянства</option>' in citizenships.group(1)
    # In Ukrainian alphabetical order (Є, І, Ї, Ґ are not after Я), and no groupings.
    names = re.findall(r'<option value="[A-Z]{2}">([^<]+)</option>', countries.group(1))
    assert names.index("Естонія") < names.index("Ізраїль") < names.index("Україна")
    assert "Європейський Союз" not in names
    # Chosen from a list (not typed as a code): Ukraine first, then the rest in order.
    citizenship = re.search(
        r'<select id="f-children-0-citizenship"[^>]*>(.*?)</select>',
        page,
        re.S,
    )
    assert citizenship, "citizenship is not a select"
    offered = re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', citizenship.group(1))
    assert offered[:2] == [("", ""), ("UA", "Україна")]
    assert ("stateless", "особа без громадянства") in offered
    chosen = [name for code, name in offered[2:] if len(code) == 2]
    assert chosen.index("Естонія") < chosen.index("Ізраїль") and "Україна" not in chosen
    country = re.search(
        r'<select id="f-mother-address-country"[^>]*>(.*?)</select>',
        page,
        re.S,
    )
    assert country and re.search(r'<option value="UA"\s*>Україна</option>', country.group(1))
    assert 'value="stateless"' not in country.group(1)
    # Regions as the Constitution names them, stored in Ukrainian on an English page too.
    assert re.search(r'name="children\.0\.birth_place\.oblast"[^>]* list="oblasts"', page)
    assert '<option value="Донецька область">Донецька область</option>' in page
    english = caseworker.get("/cases/new", headers={"Accept-Language": "en"})
    assert '<option value="UA">Ukraine</option>' in english.get_data(as_text=True)
    assert '<option value="Донецька область">Donetska oblast</option>' in english.get_data(
        as_text=True
    )


def test_a_saved_case_shows_its_people_and_warnings(caseworker: FlaskClient) -> None:
    fields = child_fields() | {"children.0.rnokpp": "3068208400"}  # encodes 02.01.1984, female
    status, _, location = new_case(caseworker, fields)
    assert status == 302 and location
    page = caseworker.get(location).get_data(as_text=True)
    assert "Ткач Марʼяна" in page
    # a warning, not a block, naming the field as the form does (no program path)
    assert "Дитина 1 › РНОКПП" in page and "02.01.1984" in page
    assert "children.0.rnokpp" not in page


def test_add_a_child_without_javascript(caseworker: FlaskClient) -> None:
    page = caseworker.get("/cases/new").get_data(as_text=True)
    response = caseworker.post(
        "/cases/new", data={"_csrf_token": csrf(page), **child_fields(), "_action": "add_child"}
    )
    html = response.get_data(as_text=True)
    assert 'name="children.1.surname"' in html and 'value="Ткач"' in html


def test_documents_preview_download_and_packet(caseworker: FlaskClient) -> None:
    fields = family_fields()
    _, _, case_url = new_case(caseworker, fields)
    assert case_url
    template = "identity.birth_fact_court_application"
    page = caseworker.get(case_url).get_data(as_text=True)
    missing = caseworker.post(
        f"{case_url}/documents", data={"_csrf_token": csrf(page), "template": template}
    )
    lacks = caseworker.get(missing.headers["Location"]).get_data(as_text=True)
    assert "У справі ще бракує даних для цього документа" in lacks and "court" in lacks
    data_page = caseworker.get(f"{case_url}/data/{template}").get_data(as_text=True)
    saved = caseworker.post(
        f"{case_url}/data/{template}",
        data={
            "_csrf_token": csrf(data_page),
            "court.name": "Шевченківський районний суд міста Києва",
            "interested_party.name": "Шевченківський відділ ДРАЦС",
            "evidence.0.kind": "medical_birth_record",
        },
    )
    assert saved.status_code == 302
    made = caseworker.post(
        f"{case_url}/documents",
        data={"_csrf_token": csrf(page), "template": template, "lang": "uk-en"},
    )
    case_page = caseworker.get(made.headers["Location"]).get_data(as_text=True)
    preview = re.search(r'<a href="(/documents/[0-9a-f]+/preview)">', case_page)
    assert preview, "the preview offers the PDF to open"
    assert 'alt="Сторінка 1 з ' in case_page, "the preview shows the pages as images"
    inline = caseworker.get(preview.group(1))
    assert inline.headers["Content-Disposition"].startswith("inline")
    assert "Ткач Марʼяна" in pdf_text(inline.data)
    choices = {"documents": [template], "langs": ["uk", "en"], "formats": ["pdf", "docx"]}
    started = caseworker.post(
        f"{case_url}/packet/job", data={"_csrf_token": csrf(case_page), **choices}
    )
    assert started.status_code == 202
    progress_url = started.get_json()["progress_url"]
    deadline = time.monotonic() + 60
    while (job := caseworker.get(progress_url).get_json())["state"] not in ("done", "failed"):
        assert time.monotonic() < deadline, job
        time.sleep(0.05)
    assert job == {"state": "done", "done": 4, "failed": 0, "total": 4}
    refused = caseworker.post(
        f"{case_url}/packet/job", data={"_csrf_token": csrf(case_page), "langs": ["uk"]}
    )
    assert refused.status_code == 422 and refused.get_json() == {"started": False}
    packet = caseworker.post(f"{case_url}/packet", data={"_csrf_token": csrf(case_page), **choices})
    assert packet.mimetype == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(packet.data)).namelist()
    assert "packet.pdf" in names and "manifest.json" in names and len(names) == 6
    history = caseworker.get(case_url).get_data(as_text=True)
    assert "olena@example.org" in history and "документ сформовано" in history


def test_another_organisations_case_is_not_found(web_app: Flask, caseworker: FlaskClient) -> None:
    _, _, location = new_case(caseworker, child_fields())
    assert location
    other = sign_in(web_app, "ivan@example.org")
    response = other.get(location)
    assert response.status_code == 404 and "<html" in response.get_data(as_text=True)


def test_language_follows_the_switch_and_accept_language(web_app: Flask) -> None:
    client = web_app.test_client()
    assert '<html lang="uk">' in client.get("/login").get_data(as_text=True)
    english = client.get("/login", headers={"Accept-Language": "en-US,en;q=0.8"}).get_data(
        as_text=True
    )
    assert '<html lang="en">' in english and "Sign in" in english
    client.get("/language/en")
    assert '<html lang="en">' in client.get("/login").get_data(as_text=True)


def test_security_headers_and_cookie_flags(tmp_path: Path) -> None:
    app = build_test_app(tmp_path, SESSION_COOKIE_SECURE=True)
    client = app.test_client()
    response = client.get("/login")
    csp = response.headers["Content-Security-Policy"]
    assert (
        "default-src 'self'" in csp
        and "frame-ancestors 'self'" in csp
        and "script-src 'self'" in csp
    )
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_login_is_rate_limited(tmp_path: Path) -> None:
    app = build_test_app(tmp_path, LOGIN_RATE_LIMIT="3 per minute")
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    statuses = [
        client.post(
            "/login",
            data={"email": "x@example.org", "password": PASSWORD, "_csrf_token": csrf(page)},
        ).status_code
        for _ in range(4)
    ]
    assert statuses[:3] == [200, 200, 200] and statuses[3] == 429


def test_every_audit_action_has_a_name_on_the_history() -> None:
    assert set(ACTIONS) == set(ACTION_NAMES)


def test_a_page_past_the_end_of_the_case_list_leads_to_its_last_page(
    caseworker: FlaskClient,
) -> None:
    answer = caseworker.get("/cases", query_string={"q": "Нікого-такого", "page": 7})
    assert answer.status_code == 302
    assert answer.headers["Location"].endswith("page=1") and "q=" in answer.headers["Location"]
    assert caseworker.get(answer.headers["Location"]).status_code == 200


def test_an_unknown_address_is_a_page_in_a_browser_and_problem_json_elsewhere(
    web_app: Flask,
) -> None:
    client = web_app.test_client()
    page = client.get(
        "/no-such-page",
        headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8", "Accept-Language": "uk"},
    )
    assert page.status_code == 404
    assert page.mimetype == "text/html"
    text = page.get_data(as_text=True)
    assert '<html lang="uk">' in text and '"type"' not in text
    for path, accept in (("/no-such-page", "*/*"), ("/api/v1/no-such", "text/html")):
        answer = client.get(path, headers={"Accept": accept})
        assert answer.status_code == 404
        assert answer.mimetype == "application/problem+json", path


def test_a_form_address_opened_in_a_browser_is_a_page_with_the_allowed_methods(
    web_app: Flask,
) -> None:
    client = web_app.test_client()
    page = client.get("/logout", headers={"Accept": "text/html", "Accept-Language": "en"})
    assert page.status_code == 405 and page.mimetype == "text/html"
    assert "POST" in page.headers["Allow"]
    text = page.get_data(as_text=True)
    assert "This address does not accept this method." in text and '"type"' not in text
    for path, accept in (("/logout", "*/*"), ("/api/v1/render", "text/html")):
        answer = client.get(path, headers={"Accept": accept})
        assert answer.status_code == 405
        assert answer.mimetype == "application/problem+json", path
        assert "POST" in answer.headers["Allow"]


def test_an_unknown_download_link_in_a_browser_says_why_in_both_languages(
    web_app: Flask,
) -> None:
    client = web_app.test_client()
    page = client.get("/shared/" + "a" * 32, headers={"Accept": "text/html"})
    assert page.status_code == 404
    assert page.mimetype == "text/html"
    text = page.get_data(as_text=True)
    assert "Попросіть у відправника нове" in text and "Ask the sender for a new one" in text
    assert client.get("/shared/" + "a" * 32).mimetype == "application/problem+json"
