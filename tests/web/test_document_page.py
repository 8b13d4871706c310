"""A document's page: its code, an expiring link shown once, sharing, revocation."""

from __future__ import annotations

import copy
import re

from flask import Flask
from flask.testing import FlaskClient

from service.documents import get_template
from service.principal import Principal
from tests.conftest import BIRTH_FACT
from tests.web.conftest import PASSWORD, csrf, sign_in

LINK = re.compile(r'id="new-link"[^>]*value="([^"]+)"')


def issue_document(app: Flask, email: str, court: str) -> str:
    """A stored PDF made by a signed-in person (as the case page would); its id."""
    principal = app.extensions["users"].authenticate(email, PASSWORD)
    assert isinstance(principal, Principal)
    data = copy.deepcopy(get_template(BIRTH_FACT).load_example())
    data["court"]["name"] = court
    issued = app.extensions["issuer"].issue(BIRTH_FACT, data, "uk", "pdf", principal=principal)
    return issued.metadata.id


def test_the_page_shows_the_code_and_makes_a_link_shown_once(
    web_app: Flask, caseworker: FlaskClient
) -> None:
    document_id = issue_document(web_app, "olena@example.org", "Суд №1")
    page = caseworker.get(f"/documents/{document_id}").get_data(as_text=True)
    code = re.search(r'<strong class="code">([0-9A-Z-]{14})</strong>', page)
    assert code, page
    public = web_app.test_client().get(f"/verify/{code.group(1)}")
    assert public.status_code == 200
    assert "Петренко" not in page.split("<main")[0]  # nothing personal in the head
    made = caseworker.post(
        f"/documents/{document_id}/links", data={"_csrf_token": csrf(page), "days": "30"}
    )
    assert made.status_code == 302
    shown = caseworker.get(made.headers["Location"]).get_data(as_text=True)
    link = LINK.search(shown)
    assert link, "the new link is not shown"
    address = link.group(1).split("://", 1)[1].split("/", 1)[1]
    download = web_app.test_client().get(f"/{address}")
    assert download.status_code == 200 and download.data.startswith(b"%PDF-")
    again = caseworker.get(f"/documents/{document_id}").get_data(as_text=True)
    assert not LINK.search(again), "a link's address is shown only once"
    link_id = re.search(rf"/documents/{document_id}/links/([0-9a-f]{{32}})/end", again)
    assert link_id
    ended = caseworker.post(link_id.group(0), data={"_csrf_token": csrf(again)})
    assert ended.status_code == 302
    assert web_app.test_client().get(f"/{address}").status_code == 410


def test_share_with_an_organisation_then_stop(web_app: Flask, caseworker: FlaskClient) -> None:
    document_id = issue_document(web_app, "olena@example.org", "Суд №2")
    page = caseworker.get(f"/documents/{document_id}").get_data(as_text=True)
    other = re.search(r'<option value="([0-9a-f]{32})">Інші</option>', page)
    assert other, "the other organisation is not offered"
    shared = caseworker.post(
        f"/documents/{document_id}/shares",
        data={"_csrf_token": csrf(page), "organisation_id": other.group(1)},
    )
    after = caseworker.get(shared.headers["Location"]).get_data(as_text=True)
    assert "Доступ до документа надано." in after
    stop = f"/documents/{document_id}/shares/{other.group(1)}/end"
    assert stop in after
    stopped = caseworker.post(stop, data={"_csrf_token": csrf(after)})
    final = caseworker.get(stopped.headers["Location"]).get_data(as_text=True)
    assert stop not in final


def test_only_the_author_revokes_and_the_page_then_says_why(web_app: Flask) -> None:
    document_id = issue_document(web_app, "olena@example.org", "Суд №3")
    olena = sign_in(web_app)
    page = olena.get(f"/documents/{document_id}").get_data(as_text=True)
    bad = olena.post(
        f"/documents/{document_id}/revoke", data={"_csrf_token": csrf(page), "reason": "whim"}
    )
    assert bad.status_code == 422
    revoked = olena.post(
        f"/documents/{document_id}/revoke",
        data={
            "_csrf_token": csrf(page),
            "reason": "issued_in_error",
            "note": "не той суд",
            "confirmed": "yes",  # from the page that asks again
        },
    )
    after = olena.get(revoked.headers["Location"]).get_data(as_text=True)
    assert "Документ відкликано." in after and "видано помилково" in after.lower()
    assert "не той суд" in after
    assert 'action="/documents/' + document_id + '/links"' not in after  # no new links


def test_another_organisation_cannot_open_the_page(web_app: Flask) -> None:
    document_id = issue_document(web_app, "olena@example.org", "Суд №4")
    ivan = sign_in(web_app, "ivan@example.org")
    assert ivan.get(f"/documents/{document_id}").status_code == 404
    page = ivan.get("/cases").get_data(as_text=True)
    refused = ivan.post(
        f"/documents/{document_id}/revoke",
        data={"_csrf_token": csrf(page), "reason": "withdrawn"},
    )
    assert refused.status_code == 404


def test_a_partner_signs_in_to_the_documents_shared_with_them(web_app: Flask) -> None:
    theirs = next(
        o["id"] for o in web_app.extensions["access"].list_organisations() if o["name"] == "Інші"
    )
    web_app.extensions["users"].create_user(
        email="court@example.org", password=PASSWORD, role="partner", organisation_id=theirs
    )
    document_id = issue_document(web_app, "olena@example.org", "Суд №5")
    olena = sign_in(web_app)
    page = olena.get(f"/documents/{document_id}").get_data(as_text=True)
    olena.post(
        f"/documents/{document_id}/shares",
        data={"_csrf_token": csrf(page), "organisation_id": theirs},
    )

    court = web_app.test_client()
    login = court.get("/login").get_data(as_text=True)
    signed = court.post(
        "/login",
        data={"email": "court@example.org", "password": PASSWORD, "_csrf_token": csrf(login)},
    )
    assert signed.status_code == 302
    start = court.get(signed.headers["Location"])
    assert start.status_code == 302 and start.headers["Location"] == "/shared"
    listing = court.get("/shared").get_data(as_text=True)
    assert "Заява про встановлення факту народження" in listing
    # whom each document is about and who issued it, so that rows can be told apart
    assert "Петренко Андрій Іванович" in listing
    seal = web_app.extensions["storage"].verification.get(document_id)
    assert seal is not None and seal.issuer in listing
    download = f"/documents/{document_id}/download"
    assert download in listing
    assert court.get(download).data.startswith(b"%PDF-")
    assert court.get("/cases").headers["Location"] == "/"  # no cases for partners
    assert "Сторінка 1 з 1" in listing
    beyond = court.get("/shared", query_string={"page": 3})  # a link older than the list
    assert beyond.status_code == 302 and beyond.headers["Location"] == "/shared?page=1"

    olena.post(
        f"/documents/{document_id}/revoke",
        data={"_csrf_token": csrf(page), "reason": "superseded", "confirmed": "yes"},
    )
    after = court.get("/shared").get_data(as_text=True)
    assert "(відкликано)" in after and download not in after
    assert court.get(download).status_code == 410


def test_every_document_of_a_case_is_shared_at_once(
    web_app: Flask, caseworker: FlaskClient
) -> None:
    principal = web_app.extensions["users"].authenticate("olena@example.org", PASSWORD)
    storage = web_app.extensions["storage"]
    case = storage.cases.create(
        {"children": [{"surname": "Кравець", "given_name": "Оля"}]}, principal=principal
    )
    data = copy.deepcopy(get_template(BIRTH_FACT).load_example())
    made = [
        web_app.extensions["issuer"].issue(
            BIRTH_FACT, data, lang, "pdf", principal=principal, case=case
        )
        for lang in ("uk", "en")
    ]
    page = caseworker.get(f"/cases/{case.id}").get_data(as_text=True)
    other = re.search(r'<option value="([0-9a-f]{32})">Інші</option>', page)
    assert other and f'action="/cases/{case.id}/shares"' in page
    shared = caseworker.post(
        f"/cases/{case.id}/shares",
        data={"_csrf_token": csrf(page), "organisation_id": other.group(1)},
    )
    after = caseworker.get(shared.headers["Location"]).get_data(as_text=True)
    assert "Надано доступ до документів: 2." in after
    for issued in made:
        shares = storage.verification.list_shares(issued.metadata.id)
        assert [s["organisation_id"] for s in shares if s["kind"] == "organisation"] == [
            other.group(1)
        ]
