"""A packet from the plan on the case page: whom it is for, the documents their plans list
(the ready ones chosen), and documents told apart: the list and a document's own page."""

from __future__ import annotations

import copy
import io
import json
import re
import time
import zipfile

import pytest
from flask import Flask
from flask.testing import FlaskClient

from service.casework import change_step, refresh_plan
from service.documents import get_template
from service.principal import Principal
from service.storage import CaseView
from tests.storage.conftest import family_case
from tests.web.conftest import csrf

BIRTH_FACT = "identity.birth_fact_court_application"
REGISTRATION = "identity.birth_registration_application"
ID_CARD = "identity.id_card_application"
SON = "Петренко Андрій Іванович"
DAUGHTER = "Петренко Марія Іванівна"


def our_organisation(web_app: Flask) -> str:
    """The organisation of the signed-in caseworker."""
    with web_app.extensions["storage"].database.engine.connect() as connection:
        found = connection.exec_driver_sql(
            "SELECT organisation_id FROM users WHERE email = 'olena@example.org'"
        ).scalar()
    return str(found)


def son_and_daughter(web_app: Flask) -> CaseView:
    """A son of 15 with a Ukrainian birth certificate, a daughter born under occupation.

    The daughter's court application is ready; her birth registration waits for it; the
    son's ID card still lacks data. No other document is in their plans.
    """
    data = family_case(copy.deepcopy(get_template(BIRTH_FACT).load_example()))
    son, daughter = data["children"]
    son.update(birth_date="2011-03-14", situation={"documents": ["ua_birth_certificate"]})
    daughter["birth_date"] = "2017-07-02"
    storage = web_app.extensions["storage"]
    principal = Principal(id="test", role="caseworker", organisation_id=our_organisation(web_app))
    case = storage.cases.create(data, principal=principal)
    refresh_plan(storage, case)
    return case


def packet_section(page: str) -> str:
    """The packet part of the case page."""
    start = page.index('<section id="packet"')
    return page[start : page.index("</section>", start)]


def checkbox(section: str, name: str, value: str) -> str:
    """The whole <input> of a checkbox of the packet form."""
    found = re.search(
        rf'<input type="checkbox"[^>]*name="{name}" value="{re.escape(value)}"[^>]*>', section
    )
    assert found, f"no {name}={value} offered"
    return found.group(0)


def offered(section: str) -> list[str]:
    """The template ids the packet form offers."""
    return re.findall(r'name="documents" value="([^"]+)"', section)


@pytest.fixture(scope="module")
def family(web_app: Flask) -> CaseView:
    """The case of the son and the daughter (made once: packets render documents)."""
    return son_and_daughter(web_app)


def test_the_form_offers_the_chosen_childrens_plan_with_the_ready_documents_chosen(
    caseworker: FlaskClient, family: CaseView
) -> None:
    son, daughter = (child["id"] for child in family.data["children"])
    section = packet_section(caseworker.get(f"/cases/{family.id}").get_data(as_text=True))
    # Whom: each child, chosen; the mother has no step of her own and is not offered.
    assert "checked" in checkbox(section, "child_ids", son)
    assert "checked" in checkbox(section, "child_ids", daughter)
    assert 'value="mother"' not in section
    # What: the documents of their plans, nothing else (no guardianship, no referral).
    assert offered(section) == [ID_CARD, BIRTH_FACT, REGISTRATION]  # in the plans' order
    assert "checked" in checkbox(section, "documents", BIRTH_FACT)
    assert "checked" not in checkbox(section, "documents", REGISTRATION)
    assert "checked" not in checkbox(section, "documents", ID_CARD)
    # Beside each document, whose plan lists it and whether it can be made now.
    assert f"{DAUGHTER}: можна скласти" in section
    assert f'{SON}: <a href="#step-{son}-id_card">поки не можна скласти</a>' in section
    assert f'<a href="#step-{daughter}-birth_registration">' in section
    assert "Для кого" in section


def test_a_packet_of_the_preselected_choice_holds_the_daughters_court_application(
    caseworker: FlaskClient, family: CaseView
) -> None:
    son, daughter = (child["id"] for child in family.data["children"])
    page = caseworker.get(f"/cases/{family.id}").get_data(as_text=True)
    choice = {
        "_csrf_token": csrf(page),
        "children_chosen": "1",
        "child_ids": [son, daughter],
        "documents": [BIRTH_FACT],
        "langs": ["uk"],
        "formats": ["pdf"],
    }
    started = caseworker.post(f"/cases/{family.id}/packet/job", data=choice)
    assert started.status_code == 202
    progress_url = started.get_json()["progress_url"]
    deadline = time.monotonic() + 120
    while (job := caseworker.get(progress_url).get_json())["state"] not in ("done", "failed"):
        assert time.monotonic() < deadline, job
        time.sleep(0.1)
    # The page waits for the job, then posts the form, which finds the document stored.
    assert job == {"state": "done", "done": 1, "failed": 0, "total": 1}, "the son has none"
    packet = caseworker.post(f"/cases/{family.id}/packet", data=choice)
    assert packet.mimetype == "application/zip", packet.get_data(as_text=True)[:300]
    manifest = json.loads(zipfile.ZipFile(io.BytesIO(packet.data)).read("manifest.json"))
    made = [(f["template"], f["child_id"]) for f in manifest["files"] if f["template"]]
    assert made == [(BIRTH_FACT, daughter)]


def test_a_choice_outside_the_chosen_childrens_plans_is_refused_on_the_page(
    caseworker: FlaskClient, family: CaseView
) -> None:
    son = family.data["children"][0]["id"]
    page = caseworker.get(f"/cases/{family.id}").get_data(as_text=True)
    token = csrf(page)
    only_son = {"_csrf_token": token, "children_chosen": "1", "child_ids": [son]}
    refused = caseworker.post(
        f"/cases/{family.id}/packet", data={**only_son, "documents": [BIRTH_FACT]}
    )
    assert refused.status_code == 302
    section = packet_section(caseworker.get(refused.headers["Location"]).get_data(as_text=True))
    assert "Жоден з обраних документів не входить до плану" in section
    assert "documents" not in section.split("<form")[0], "no field name is shown"
    nobody = caseworker.post(
        f"/cases/{family.id}/packet",
        data={"_csrf_token": token, "children_chosen": "1", "documents": [BIRTH_FACT]},
    )
    section = packet_section(caseworker.get(nobody.headers["Location"]).get_data(as_text=True))
    assert "Оберіть принаймні одну особу." in section
    job = caseworker.post(
        f"/cases/{family.id}/packet/job", data={**only_son, "documents": [BIRTH_FACT]}
    )
    assert job.status_code == 422 and job.get_json() == {"started": False}


def test_a_case_without_a_plan_offers_no_packet(caseworker: FlaskClient, web_app: Flask) -> None:
    storage = web_app.extensions["storage"]
    principal = Principal(id="test", role="caseworker", organisation_id=our_organisation(web_app))
    case = storage.cases.create({"children": [{"surname": "Ткач"}]}, principal=principal)
    section = packet_section(caseworker.get(f"/cases/{case.id}").get_data(as_text=True))
    assert "<form" not in section
    assert "У плані ще немає жодного документа" in section


def test_the_document_list_and_a_documents_page_tell_whom_and_which_case(
    caseworker: FlaskClient, family: CaseView
) -> None:
    _son, daughter = (child["id"] for child in family.data["children"])
    page = caseworker.get(f"/cases/{family.id}").get_data(as_text=True)
    choice = {"_csrf_token": csrf(page), "child_ids": [daughter], "documents": [BIRTH_FACT]}
    for lang in ("uk", "en"):
        made = caseworker.post(
            f"/cases/{family.id}/packet", data={**choice, "langs": [lang], "formats": ["docx"]}
        )
        assert made.mimetype == "application/zip", made.get_data(as_text=True)[:300]
    page = caseworker.get(f"/cases/{family.id}").get_data(as_text=True)
    table = page[page.index('<table class="list documents">') : page.index("</table>")]
    header = re.findall(r'<th scope="col">([^<]*)</th>', table)
    assert header == ["Про кого", "Документ", "Мова", "Формат", "Створено", "Відкрити"]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]
    cells = [re.findall(r"<td>(.*?)</td>", row, re.S) for row in rows]
    title = get_template(BIRTH_FACT).titles()["uk"]
    docx = [row for row in cells if row[3] == "DOCX"]
    assert {row[2] for row in docx} == {"українська", "англійська"}, "told apart by language"
    for row in docx:
        assert row[0] == DAUGHTER and title in row[1]
        assert re.fullmatch(r"\d\d\.\d\d\.\d{4} \d\d:\d\d EES?T", row[4]), row[4]
    document = re.search(r'<a href="(/documents/[0-9a-f]+)">', table)
    assert document
    shown = caseworker.get(document.group(1)).get_data(as_text=True)
    assert f"<dt>Про кого</dt><dd>{DAUGHTER}</dd>" in shown
    number = family.number or ""
    assert f'<a href="/cases/{family.id}">Справа {number}</a>' in shown
    caseworker.get("/language/en")
    english = caseworker.get(document.group(1)).get_data(as_text=True)
    assert f"<dt>Whom it is about</dt><dd>{DAUGHTER}</dd>" in english
    assert f'<a href="/cases/{family.id}">Case {number}</a>' in english
    listed = caseworker.get(f"/cases/{family.id}").get_data(as_text=True)
    assert '<th scope="col">Whom it is about</th>' in listed
    caseworker.get("/language/uk")


def test_a_document_filed_for_one_child_stays_chosen_for_the_other(
    caseworker: FlaskClient, web_app: Flask
) -> None:
    """Both children born under occupation; the son's court application is filed already."""
    storage = web_app.extensions["storage"]
    principal = Principal(id="test", role="caseworker", organisation_id=our_organisation(web_app))
    data = family_case(copy.deepcopy(get_template(BIRTH_FACT).load_example()))
    case = storage.cases.create(data, principal=principal)
    refresh_plan(storage, case)
    son, daughter = (child["id"] for child in case.data["children"])
    filed = {"status": "filed", "filed": {"date": "2026-11-20", "where": "суд"}}
    change_step(storage, case, f"{son}.birth_fact", filed, principal=principal)
    section = packet_section(caseworker.get(f"/cases/{case.id}").get_data(as_text=True))
    assert "checked" in checkbox(section, "documents", BIRTH_FACT)
    assert f'{SON}: <a href="#step-{son}-birth_fact">подано</a>' in section
    assert f"{DAUGHTER}: можна скласти" in section
    assert f'data-ready="{daughter}" data-blocked=""' in section
    # The daughter's court application filed too: nothing of it is left to hand in.
    change_step(storage, case, f"{daughter}.birth_fact", filed, principal=principal)
    section = packet_section(caseworker.get(f"/cases/{case.id}").get_data(as_text=True))
    assert "checked" not in checkbox(section, "documents", BIRTH_FACT)
