"""A caseworker's everyday list: my cases and search, a printable checklist, case notes,
revocation asked twice, Latin names on English pages, and the small fixes of issue 29."""

from __future__ import annotations

import copy
import html
import io
import json
import re
import zipfile
from datetime import date, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from service.casework import change_step, refresh_plan
from service.documents import get_template
from service.principal import Principal
from service.storage import CaseView
from service.storage.audit import list_events
from service.storage.models import CaseNoteRecord
from tests.conftest import BIRTH_FACT
from tests.web.conftest import PASSWORD, child_fields, csrf, sign_in

ENGLISH = {"Accept-Language": "en"}


def principal_of(app: Flask, email: str = "olena@example.org") -> Principal:
    """The principal of a registered person."""
    principal = app.extensions["users"].authenticate(email, PASSWORD)
    assert isinstance(principal, Principal)
    return principal


def colleague(app: Flask) -> FlaskClient:
    """A second caseworker of Olena's organisation, signed in."""
    users = app.extensions["users"]
    if users.find("maria@example.org") is None:
        ours = principal_of(app).organisation_id
        users.create_user(
            email="maria@example.org", password=PASSWORD, role="caseworker", organisation_id=ours
        )
    return sign_in(app, "maria@example.org")


def make_case(
    app: Flask, surname: str, email: str = "olena@example.org", **situation: Any
) -> CaseView:
    """A case of one child (born under occupation: the plan has the court application)."""
    child = {
        "surname": surname,
        "given_name": "Софія",
        "sex": "female",
        "birth_date": "2017-05-04",
        "birth_place": {"settlement": "м. Донецьк", "oblast": "Донецька область"},
        "situation": {"documents": ["occupation_birth_certificate"], **situation},
    }
    storage = app.extensions["storage"]
    case: CaseView = storage.cases.create({"children": [child]}, principal=principal_of(app, email))
    refresh_plan(storage, case)
    return case


def issue_for_case(app: Flask, case: CaseView) -> str:
    """A PDF of the case's first child, made by its author; the document's id."""
    data = copy.deepcopy(get_template(BIRTH_FACT).load_example())
    child_id = case.data["children"][0]["id"]
    issued = app.extensions["issuer"].issue(
        BIRTH_FACT,
        data,
        "uk",
        "pdf",
        principal=principal_of(app, "olena@example.org"),
        case=case,
        child_id=child_id,
    )
    return str(issued.metadata.id)


def listed_numbers(page: str) -> list[str]:
    """The case numbers in the list of cases."""
    return re.findall(r'<td class="nowrap">(\d{4}-\d{4})</td>', page)


# My cases and search -----------------------------------------------------------------------


def test_my_cases_keeps_the_cases_i_opened(web_app: Flask, caseworker: FlaskClient) -> None:
    mine = make_case(web_app, "Мельник")
    maria = colleague(web_app)
    theirs = make_case(web_app, "Коваль", "maria@example.org")
    everyone = caseworker.get("/cases").get_data(as_text=True)
    assert mine.number in listed_numbers(everyone) and theirs.number in listed_numbers(everyone)
    own = caseworker.get("/cases?mine=1").get_data(as_text=True)
    assert mine.number in listed_numbers(own) and theirs.number not in listed_numbers(own)
    assert 'aria-current="page">Мої справи</a>' in own
    assert theirs.number in listed_numbers(maria.get("/cases?mine=1").get_data(as_text=True))
    # The filter stays while searching, and the search stays while switching.
    assert 'name="mine" value="1"' in own
    searched = caseworker.get("/cases?mine=1&q=Коваль").get_data(as_text=True)
    assert listed_numbers(searched) == []
    assert "/cases?q=%D0%9A%D0%BE%D0%B2%D0%B0%D0%BB%D1%8C" in searched  # "all cases" keeps q


def test_search_finds_a_case_by_its_number_whole_or_short(
    web_app: Flask, caseworker: FlaskClient
) -> None:
    case = make_case(web_app, "Бондар")
    assert case.number
    year, sequence = case.number.split("-")
    for typed in (case.number, f" {case.number} ", f"{year}-{int(sequence)}", str(int(sequence))):
        page = caseworker.get("/cases", query_string={"q": typed}).get_data(as_text=True)
        assert listed_numbers(page) == [case.number], typed
    nowhere = caseworker.get("/cases", query_string={"q": "1999-0001"}).get_data(as_text=True)
    assert listed_numbers(nowhere) == [] and "Знайдено справ: 0" in nowhere
    # The other organisation's caseworker does not find it.
    ivan = sign_in(web_app, "ivan@example.org")
    other = ivan.get("/cases", query_string={"q": case.number}).get_data(as_text=True)
    assert case.number not in listed_numbers(other)


def test_search_finds_a_case_by_surname_in_either_spelling(
    web_app: Flask, caseworker: FlaskClient
) -> None:
    case = make_case(web_app, "Гнатюк")
    for typed in ("Гнатюк", "hnatiuk", "Гнат"):
        page = caseworker.get("/cases", query_string={"q": typed}).get_data(as_text=True)
        assert case.number in listed_numbers(page), typed


def test_search_finds_a_case_by_a_documents_verification_code(
    web_app: Flask, caseworker: FlaskClient
) -> None:
    case = make_case(web_app, "Савчук")
    other = make_case(web_app, "Савчук")
    document_id = issue_for_case(web_app, case)
    seal = web_app.extensions["storage"].verification.get(document_id)
    assert seal is not None
    for typed in (seal.code, seal.code.lower(), seal.code.replace("-", " ")):
        page = caseworker.get("/cases", query_string={"q": typed}).get_data(as_text=True)
        assert listed_numbers(page) == [case.number], typed
    assert other.number not in listed_numbers(page)
    ivan = sign_in(web_app, "ivan@example.org")
    theirs = ivan.get("/cases", query_string={"q": seal.code}).get_data(as_text=True)
    assert listed_numbers(theirs) == []


# The printable checklist -------------------------------------------------------------------


def test_a_child_has_a_printable_checklist_of_their_steps(
    web_app: Flask, caseworker: FlaskClient
) -> None:
    case = make_case(web_app, "Левченко", circumstances=["deportation"])
    child_id = case.data["children"][0]["id"]
    # The status application filed 40 days ago: its decision is due 30 days after filing.
    storage = web_app.extensions["storage"]
    status = next(s for s in storage.plans.steps(case.id) if s.rule == "war_affected_status")
    filed = date.today() - timedelta(days=40)
    change = {"status": "filed", "filed": {"date": filed.isoformat()}}
    change_step(storage, case, status.key, change, principal=principal_of(web_app))
    due = (filed + timedelta(days=30)).strftime("%d.%m.%Y")
    case_page = caseworker.get(f"/cases/{case.id}").get_data(as_text=True)
    address = f"/cases/{case.id}/checklist/{child_id}"
    assert f'href="{address}"' in case_page
    page = caseworker.get(address)
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "<h1>Перелік кроків: Левченко Софія</h1>" in text
    assert case.number in text and "04.05.2017" in text
    title = get_template(BIRTH_FACT).titles()["uk"]
    assert title in text  # the court application, the first step of a child born there
    assert "Ще бракує" in text and "Заява" in text  # what it still needs, by name
    assert re.search(rf"Прострочено з</dt><dd class=\"error\">{due}</dd>", text)  # when due
    assert get_template("custody.war_affected_status_application").titles()["uk"] in text
    assert "#f-" not in text and "children.0" not in text  # words, not the form's paths
    english = caseworker.get(address, headers=ENGLISH).get_data(as_text=True)
    assert "Checklist: Левченко Софія (Levchenko Sofiia)" in english
    assert get_template(BIRTH_FACT).titles()["en"] in english
    # The print style hides the pages' navigation and the links.
    with caseworker.get("/static/web/app.css") as response:
        css = response.get_data(as_text=True)
    assert "@media print" in css and ".no-print" in css
    assert caseworker.get(f"/cases/{case.id}/checklist/nobody00").status_code == 404
    ivan = sign_in(web_app, "ivan@example.org")
    assert ivan.get(address).status_code == 404


# Case notes --------------------------------------------------------------------------------


def add_note(client: FlaskClient, case_id: str, text: str) -> Any:
    page = client.get(f"/cases/{case_id}").get_data(as_text=True)
    return client.post(f"/cases/{case_id}/notes", data={"_csrf_token": csrf(page), "text": text})


def test_notes_are_kept_encrypted_shown_on_the_case_and_audited_without_their_text(
    web_app: Flask, caseworker: FlaskClient
) -> None:
    case = make_case(web_app, "Ярошенко")
    secret = "Мати просила дзвонити після 18:00 <b>&</b>"
    kept = add_note(caseworker, case.id, secret)
    assert kept.status_code == 302 and kept.headers["Location"].endswith("#notes")
    page = caseworker.get(f"/cases/{case.id}").get_data(as_text=True)
    assert html.escape(secret, quote=False) in page and "<b>&</b>" not in page
    assert "Нотатку збережено." in page
    storage = web_app.extensions["storage"]
    with storage.database.session() as session:
        stored = session.scalars(
            select(CaseNoteRecord).where(CaseNoteRecord.case_id == case.id)
        ).all()
        assert len(stored) == 1 and "Мати".encode() not in stored[0].text_encrypted
        events = list_events(session, case_id=case.id, limit=50)
    added = [event for event in events if event["action"] == "note_added"]
    assert added and "Мати" not in json.dumps(added, ensure_ascii=False)
    assert "додано нотатку" in page  # the case's history names the event
    # Another organisation neither reads nor adds.
    ivan = sign_in(web_app, "ivan@example.org")
    assert add_note(ivan, case.id, "чуже").status_code == 404


def test_an_empty_or_too_long_note_is_refused_beside_the_field_keeping_the_text(
    web_app: Flask, caseworker: FlaskClient
) -> None:
    case = make_case(web_app, "Пономаренко")
    empty = add_note(caseworker, case.id, "   \n ")
    assert empty.status_code == 422
    assert 'id="e-note-text">Спершу напишіть нотатку.</p>' in empty.get_data(as_text=True)
    long = add_note(caseworker, case.id, "ж" * 4001)
    text = long.get_data(as_text=True)
    assert long.status_code == 422 and "щонайбільше 4000 символів" in text
    assert "ж" * 4001 in text  # nothing typed is lost
    assert web_app.extensions["storage"].notes.list_for_case(case.id, principal_of(web_app)) == []


def test_only_the_author_deletes_a_note(web_app: Flask, caseworker: FlaskClient) -> None:
    case = make_case(web_app, "Остапенко")
    add_note(caseworker, case.id, "перша нотатка")
    notes = web_app.extensions["storage"].notes
    (note,) = notes.list_for_case(case.id, principal_of(web_app))
    maria = colleague(web_app)
    page = maria.get(f"/cases/{case.id}").get_data(as_text=True)
    address = f"/cases/{case.id}/notes/{note.id}/delete"
    assert "перша нотатка" in page and address not in page  # she reads it, no button
    assert maria.post(address, data={"_csrf_token": csrf(page)}).status_code == 404
    own = caseworker.get(f"/cases/{case.id}").get_data(as_text=True)
    assert address in own
    deleted = caseworker.post(address, data={"_csrf_token": csrf(own)})
    assert deleted.status_code == 302
    after = caseworker.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "перша нотатка" not in after and "Нотаток ще немає." in after


def test_notes_go_with_the_case_into_the_export_and_out_with_an_erasure(
    web_app: Flask, caseworker: FlaskClient
) -> None:
    case = make_case(web_app, "Тимошенко")
    add_note(caseworker, case.id, "Тимошенко Софія: школа №5")
    add_note(caseworker, case.id, "загальна нотатка")
    exported = caseworker.get(f"/cases/{case.id}/export")
    with zipfile.ZipFile(io.BytesIO(exported.data)) as archive:
        held = json.loads(archive.read("export.json"))
    assert sorted(note["text"] for note in held["notes"]) == [
        "Тимошенко Софія: школа №5",
        "загальна нотатка",
    ]
    child_id = case.data["children"][0]["id"]
    person = caseworker.get(f"/cases/{case.id}/export?person={child_id}")
    with zipfile.ZipFile(io.BytesIO(person.data)) as archive:
        held = json.loads(archive.read("export.json"))
    assert [note["text"] for note in held["notes"]] == ["Тимошенко Софія: школа №5"]
    assert len(held["other_notes_of_the_case"]) == 1
    storage = web_app.extensions["storage"]
    admin = Principal("admin-test", "admin", None)
    storage.erasure.erase_person(case.id, child_id, principal=admin, reason="request_of_person")
    assert storage.notes.list_for_case(case.id, admin) == []


# Revocation asked twice --------------------------------------------------------------------


def test_revoking_asks_again_and_only_the_confirmation_revokes(
    web_app: Flask, caseworker: FlaskClient
) -> None:
    case = make_case(web_app, "Кравчук")
    document_id = issue_for_case(web_app, case)
    verification = web_app.extensions["storage"].verification
    page = caseworker.get(f"/documents/{document_id}").get_data(as_text=True)
    assert "Відкликати…" in page
    asked = caseworker.post(
        f"/documents/{document_id}/revoke",
        data={"_csrf_token": csrf(page), "reason": "issued_in_error", "note": "не той суд"},
    )
    assert asked.status_code == 200
    text = asked.get_data(as_text=True)
    assert "Це не можна скасувати." in text and "видано помилково" in text.lower()
    assert "не той суд" in text and 'name="confirmed" value="yes"' in text
    assert f'href="/documents/{document_id}#revoke">Ні, залишити чинним</a>' in text
    seal = verification.get(document_id)
    assert seal is not None and not seal.revoked  # nothing happened yet
    assert seal.code in text
    confirmed = caseworker.post(
        f"/documents/{document_id}/revoke",
        data={
            "_csrf_token": csrf(text),
            "reason": "issued_in_error",
            "note": "не той суд",
            "confirmed": "yes",
        },
    )
    assert confirmed.status_code == 302
    seal = verification.get(document_id)
    assert seal is not None and seal.revoked
    assert verification.revocation_note(document_id) == "не той суд"
    # Asked again on a revoked one: refused, not asked.
    again = caseworker.post(
        f"/documents/{document_id}/revoke",
        data={"_csrf_token": csrf(text), "reason": "superseded"},
    )
    assert again.status_code == 409


def test_only_those_who_may_revoke_are_asked(web_app: Flask, caseworker: FlaskClient) -> None:
    case = make_case(web_app, "Федоренко")
    document_id = issue_for_case(web_app, case)
    maria = colleague(web_app)  # sees the document, is not its author
    page = maria.get(f"/documents/{document_id}").get_data(as_text=True)
    refused = maria.post(
        f"/documents/{document_id}/revoke",
        data={"_csrf_token": csrf(page), "reason": "withdrawn"},
    )
    assert refused.status_code == 403


# Latin beside the Cyrillic on English pages ------------------------------------------------


def test_english_pages_show_childrens_names_in_latin_beside_the_cyrillic(
    web_app: Flask, caseworker: FlaskClient
) -> None:
    case = make_case(web_app, "Шевчук")
    for address in ("/cases", f"/cases/{case.id}", "/plan"):
        english = caseworker.get(address, headers=ENGLISH).get_data(as_text=True)
        assert "Шевчук Софія (Shevchuk Sofiia)" in english, address
        ukrainian = caseworker.get(address).get_data(as_text=True)
        assert "Shevchuk" not in ukrainian, address


def test_the_partners_list_and_the_public_page_give_the_latin_spelling(web_app: Flask) -> None:
    theirs = next(
        o["id"] for o in web_app.extensions["access"].list_organisations() if o["name"] == "Інші"
    )
    users = web_app.extensions["users"]
    if users.find("judge@example.org") is None:
        users.create_user(
            email="judge@example.org", password=PASSWORD, role="partner", organisation_id=theirs
        )
    case = make_case(web_app, "Литвин")
    document_id = issue_for_case(web_app, case)
    verification = web_app.extensions["storage"].verification
    verification.share(document_id, theirs, principal_of(web_app))
    judge = sign_in(web_app, "judge@example.org")
    listing = judge.get("/shared", headers=ENGLISH).get_data(as_text=True)
    seal = verification.get(document_id)
    assert seal is not None
    document = web_app.extensions["storage"].archive.get(document_id, principal_of(web_app))
    assert document.subject and f"{document.subject} (" in listing
    assert "Petrenko Andrii Ivanovych" in listing  # the example's child, by KMU 55
    assert "(Ofis)" in listing  # the issuing organisation ("Офіс")
    public = web_app.test_client().get(f"/verify/{seal.code}").get_data(as_text=True)
    assert re.search(r'<td>Офіс<br><span class="en" lang="en">Ofis</span></td>', public)


# The small fixes ---------------------------------------------------------------------------


def test_a_new_empty_child_is_not_marked_filled(caseworker: FlaskClient) -> None:
    page = caseworker.get("/cases/new").get_data(as_text=True)
    assert 'href="#g-children-0">Дитина 1</a> <span class="state">(не заповнено)</span>' in page
    added = caseworker.post(
        "/cases/new",
        data={"_csrf_token": csrf(page), "_action": "add_child", **child_fields()},
    ).get_data(as_text=True)
    assert 'href="#g-children-1">Дитина 2</a> <span class="state">(не заповнено)</span>' in added


def test_every_error_of_the_form_is_told_at_once(caseworker: FlaskClient) -> None:
    page = caseworker.get("/cases/new").get_data(as_text=True)
    fields = child_fields() | {
        "children.0.birth_date": "2030-01-01",
        "children.0.rnokpp": "12345",
        "mother.surname": "Ткач",
        "mother.birth_date": "2031-02-02",
        "mother.id_document.kind": "id_card",
        "mother.id_document.number": "x",
        "mother.id_document.issue_date": "2032-03-03",
    }
    response = caseworker.post("/cases/new", data={"_csrf_token": csrf(page), **fields})
    text = response.get_data(as_text=True)
    assert response.status_code == 422
    errors = dict(re.findall(r'<p class="error" id="e-f-([a-z0-9_-]+)">([^<]+)</p>', text))
    assert "майбутньому" in errors["children-0-birth_date"]
    assert "children-0-rnokpp" in errors  # the format error, at the same time
    assert "майбутньому" in errors["mother-birth_date"]
    if "mother-id_document-issue_date" in errors:  # where the case form asks for it
        assert "майбутньому" in errors["mother-id_document-issue_date"]


def test_the_add_button_of_a_list_says_what_it_adds(
    web_app: Flask, caseworker: FlaskClient
) -> None:
    case = make_case(web_app, "Романенко")
    page = caseworker.get(f"/cases/{case.id}/data/{BIRTH_FACT}").get_data(as_text=True)
    buttons = re.findall(r'value="add:([a-z_.]+)"[^>]*>([^<]+)</button>', page)
    assert buttons, "no add button on the form"
    assert ("evidence", "Додати: Доказ 2") in buttons
    assert not any(label.strip() == "Додати ще" for _path, label in buttons)


def test_a_new_download_link_is_shown_at_the_top_of_the_page(
    web_app: Flask, caseworker: FlaskClient
) -> None:
    case = make_case(web_app, "Бойко")
    document_id = issue_for_case(web_app, case)
    page = caseworker.get(f"/documents/{document_id}").get_data(as_text=True)
    made = caseworker.post(
        f"/documents/{document_id}/links", data={"_csrf_token": csrf(page), "days": "7"}
    )
    shown = caseworker.get(made.headers["Location"]).get_data(as_text=True)
    main = shown.split('<main id="main"', 1)[1]
    assert main.index('id="new-link"') < main.index("<dl")  # above the document's details
    assert main.index('class="notice new-link"') < main.index('id="verification"')


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_citizenship_is_chosen_from_countries_ukraine_first(
    caseworker: FlaskClient, lang: str
) -> None:
    page = caseworker.get("/cases/new", headers={"Accept-Language": lang}).get_data(as_text=True)
    select_html = re.search(r'<select id="f-mother-citizenship"[^>]*>(.*?)</select>', page, re.S)
    assert select_html
    first = re.findall(r'<option value="([^"]*)"', select_html.group(1))[:2]
    assert first == ["", "UA"]
    fields = child_fields() | {"children.0.citizenship": "UA"}
    saved = caseworker.post("/cases/new", data={"_csrf_token": csrf(page), **fields})
    assert saved.status_code == 302
    again = caseworker.get(saved.headers["Location"].replace("/cases/", "/cases/", 1) + "/edit")
    assert re.search(
        r'<option value="UA" selected>(Україна|Ukraine)</option>', again.get_data(as_text=True)
    )
