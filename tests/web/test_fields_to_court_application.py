"""How much a caseworker types to get the daughter's court application (issue 29).

The issue's family: a mother, a son of 15 back from occupied Donetsk with a Ukrainian
birth certificate, and a daughter of 9 born there under occupation with only the
occupiers' certificate. Before each person was held once, her court application took 63
typed fields (the mother typed as mother, as applicant and as legal representative).
This test fills the pages as a caseworker would, counts every field filled in (a tick or
a choice counts as one), and makes the document.
"""

from __future__ import annotations

import re

from flask.testing import FlaskClient

from tests.web.conftest import csrf

BEFORE = 63
BIRTH_FACT = "identity.birth_fact_court_application"

MOTHER = {
    "mother.surname": "Ткач",
    "mother.given_name": "Олена",
    "mother.patronymic": "Іванівна",
    "mother.sex": "female",
    "mother.birth_date": "1990-01-01",
    "mother.rnokpp": "3287300123",
    "mother.address.settlement": "м. Київ",
    "mother.address.street": "вул. Соборна",
    "mother.address.building": "12",
    "applicant.person": "mother",  # the applicant is the mother: a choice, not her again
}
SON = {
    "children.0.surname": "Ткач",
    "children.0.given_name": "Андрій",
    "children.0.sex": "male",
    "children.0.birth_date": "2011-03-02",
    "children.0.birth_place.settlement": "м. Донецьк",
    "children.0.situation.left_from.settlement": "м. Донецьк",
    "children.0.situation.left_on": "2026-09-20",
    "children.0.situation.documents~ua_birth_certificate": "true",
    "children.0.situation.with": "parent",
}
DAUGHTER = {
    "children.1.surname": "Ткач",
    "children.1.given_name": "Марія",
    "children.1.sex": "female",
    "children.1.birth_date": "2017-04-15",
    "children.1.birth_place.settlement": "м. Донецьк",
    "children.1.situation.left_from.settlement": "м. Донецьк",
    "children.1.situation.left_on": "2026-09-20",
    "children.1.situation.documents~occupation_birth_certificate": "true",
    "children.1.situation.with": "parent",
}
# What only the court application asks: the court and the registry office. Its evidence
# (the occupiers' certificate) is taken from her situation.
COURT_DATA = {
    "court.name": "Шевченківський районний суд міста Києва",
    "interested_party.name": "Шевченківський відділ державної реєстрації актів цивільного стану",
}


def test_the_daughters_court_application_takes_at_most_half_the_fields(
    caseworker: FlaskClient,
) -> None:
    typed = {**MOTHER, **SON, **DAUGHTER}
    page = caseworker.get("/cases/new").get_data(as_text=True)
    response = caseworker.post("/cases/new", data={**typed, "_csrf_token": csrf(page)})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    case_id = response.headers["Location"].rsplit("/", 1)[-1]
    address = f"/cases/{case_id}/data/{BIRTH_FACT}"
    page = caseworker.get(address).get_data(as_text=True)
    response = caseworker.post(address, data={**COURT_DATA, "_csrf_token": csrf(page)})
    errors = re.findall(r'class="error"[^>]*>([^<]+)<', response.get_data(as_text=True))
    assert response.status_code == 302, errors
    typed |= COURT_DATA

    page = caseworker.get(f"/cases/{case_id}").get_data(as_text=True)
    daughter = re.search(r'<li id="step-(\w+)-birth_fact" class="step status-pending', page)
    assert daughter, "the daughter's court application is not in her plan"
    step = page[daughter.start() : page.index("</li>", daughter.start())]
    assert 'class="missing"' not in step, step
    assert BIRTH_FACT in step  # ready: the step offers to make the document

    response = caseworker.post(
        f"/cases/{case_id}/documents",
        data={
            "template": BIRTH_FACT,
            "child_id": daughter.group(1),
            "lang": "uk",
            "format": "docx",
            "_csrf_token": csrf(page),
        },
    )
    assert response.status_code == 302
    page = caseworker.get(f"/cases/{case_id}").get_data(as_text=True)
    assert f'id="step-{daughter.group(1)}-birth_fact" class="step status-prepared' in page
    assert len(typed) <= BEFORE // 2, f"{len(typed)} fields filled in"
    assert len(typed) == 30  # the count today; fewer is better, more is a regression
