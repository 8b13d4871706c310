"""The case form in parts: a progress list, required marks that mean what they say, and a
document's own data checked by that document's rules when it is saved."""

from __future__ import annotations

import html
import re

from flask.testing import FlaskClient

from service.schemas.case import CaseSchema
from service.web.forms import still_needed
from tests.web.conftest import child_fields, csrf, family_fields

BIRTH_FACT = "identity.birth_fact_court_application"
MARKED = re.compile(r'<label for="f-([\w-]+)">[^<]*<span class="required">')


def save_case(client: FlaskClient, fields: dict[str, str]) -> tuple[str, str]:
    """Post the new-case form; the case's address and the page it leads to."""
    page = client.get("/cases/new").get_data(as_text=True)
    response = client.post("/cases/new", data={"_csrf_token": csrf(page), **fields})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    location = response.headers["Location"]
    return location, client.get(location).get_data(as_text=True)


def progress_list(page: str) -> str:
    """The text of the form's list of parts."""
    found = re.search(r'<nav class="form-parts".*?</nav>', page, re.S)
    assert found, "the case form lists its parts"
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", found.group(0))).split())


def test_a_started_part_says_after_saving_what_documents_still_need(
    caseworker: FlaskClient,
) -> None:
    # An adult other than the parents (a grandmother who applies) is a person of the case.
    fields = child_fields() | {"people.0.surname": "Ткач", "people.0.given_name": "Олена"}
    case_url, case_page = save_case(caseworker, fields)
    # Saved, and told (not silently) what the person still lacks, in words.
    assert "Справу збережено." in case_page
    assert "Для документів ще потрібно:" in case_page
    assert "Інша особа 1 › Дата народження" in case_page
    assert "Інша особа 1 › Стать" in case_page
    assert "people.0.birth_date" not in case_page
    form = caseworker.get(f"{case_url}/edit").get_data(as_text=True)
    parts = progress_list(form)
    assert "Інша особа 1: Олена Ткач (бракує 2 полів)" in parts
    assert "Дитина 1: Мар'яна Ткач (заповнено)" in parts.replace("ʼ", "'")
    assert "Мати (не заповнено)" in parts


def test_required_marks_are_exactly_what_a_started_part_needs(caseworker: FlaskClient) -> None:
    # Start every part with one name and nothing else: what the form marks with * must be
    # what saving then reports as still needed, no more and no less.
    started = {f"{part}.surname": "Ткач" for part in ("children.0", "mother", "father", "people.0")}
    case_url, _ = save_case(caseworker, started)
    form = caseworker.get(f"{case_url}/edit").get_data(as_text=True)
    marked = {found.replace("-", ".") for found in MARKED.findall(form)}
    data = {
        "children": [{"surname": "Ткач"}],
        **{part: {"surname": "Ткач"} for part in ("mother", "father")},
        "people": [{"id": "person1", "surname": "Ткач"}],
    }
    needed = set(still_needed(CaseSchema(), data))
    unmarked_needed = needed - marked - nested_groups(needed, marked)
    assert not unmarked_needed, f"needed but not marked: {sorted(unmarked_needed)}"
    empty_marked = {
        path
        for path in marked
        if (
            (path.split(".")[0] in {"mother", "father"} and path.count(".") == 1)
            or (path.startswith("people.0.") and path.count(".") == 2)
        )
        and not path.endswith(".surname")
    }
    assert empty_marked <= needed, f"marked but not needed: {sorted(empty_marked - needed)}"
    # The mark's meaning is said in words, on the page and to a screen reader.
    assert "Потрібне для документів" in form
    assert '<span class="visually-hidden">(потрібне для документів)</span>' in form


def nested_groups(needed: set[str], marked: set[str]) -> set[str]:
    """Needed paths that are whole groups (an address), whose own fields carry the marks."""
    return {path for path in needed if any(mark.startswith(path + ".") for mark in marked)}


def test_document_data_is_checked_by_the_documents_rules_when_saved(
    caseworker: FlaskClient,
) -> None:
    # The occupiers' certificate is the child's: typed once, on the case form.
    fields = family_fields() | {
        "children.0.occupation_birth_certificate.series": "I-ДН",
        "children.0.occupation_birth_certificate.number": "654321",
        "children.0.occupation_birth_certificate.issued_by": "так званий відділ ЗАГС м. Донецька",
        "children.0.occupation_birth_certificate.issue_date": "2016-03-21",
    }
    case_url, _ = save_case(caseworker, fields)
    data_url = f"{case_url}/data/{BIRTH_FACT}"
    page = caseworker.get(data_url).get_data(as_text=True)
    document_data = {
        "_csrf_token": csrf(page),
        "court.name": "Шевченківський районний суд міста Києва",
        "interested_party.name": "Шевченківський відділ ДРАЦС",
        "evidence.0.kind": "medical_birth_record",
        "evidence.0.description.uk": "Довідка пологового будинку",
    }
    refused = caseworker.post(data_url, data=document_data)
    assert refused.status_code == 422
    shown = refused.get_data(as_text=True)
    # The message generation gives, beside the evidence, and everything typed kept.
    assert "Зазначте свідоцтво, видане окупаційними органами, також серед доказів." in shown
    assert "Довідка пологового будинку" in shown
    saved_data = caseworker.get(f"{data_url}").get_data(as_text=True)
    assert "Довідка пологового будинку" not in saved_data, "nothing is saved with an error"
    document_data["evidence.1.kind"] = "occupation_birth_certificate"
    accepted = caseworker.post(data_url, data=document_data)
    assert accepted.status_code == 302, accepted.get_data(as_text=True)[:500]


def test_document_data_page_says_what_the_case_itself_still_lacks(
    caseworker: FlaskClient,
) -> None:
    case_url, _ = save_case(caseworker, child_fields())
    page = caseworker.get(f"{case_url}/data/{BIRTH_FACT}").get_data(as_text=True)
    assert "У самій справі ще бракує того, що потрібно цьому документу:" in page
    assert "Заявник" in page
    assert 'aria-required="true"' in page, "required fields of this form say so"
