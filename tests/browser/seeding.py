"""The realistic case the page tests walk: seeded through the application's own API.

Shared by the accessibility scan and the walk that looks for program keys on pages: one
served application, people of each role, two children of the seed family with a court
application made and shared, an institution, a packet and a plan step recorded.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.serving import make_server

from service.documents.catalog import get_template
from tests.conftest import build_test_app

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "seed_family.json"
PASSWORD = "correct horse battery staple"
BIRTH_FACT = "identity.birth_fact_court_application"
PARTNER = "Шевченківський районний суд міста Києва"
CASEWORKER_EMAIL = "olena@example.org"
PARTNER_EMAIL = "court@example.org"
ADMIN_EMAIL = "admin@example.org"


@dataclass
class Site:
    """The served application and what the pages show."""

    base: str
    app: Flask
    case_id: str
    document_id: str
    code: str
    institution_id: str


def caseworker_client(app: Flask, organisation: str) -> FlaskClient:
    """A test client with a caseworker token of the organisation."""
    token = app.extensions["access"].create_token(
        role="caseworker", name="page-seed", organisation_id=organisation
    )
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token[1]}"
    return client


def seeded_case(app: Flask, organisation: str, partner: str) -> tuple[str, str, str, str]:
    """A case of two children with a document shared with the partner; return the ids."""
    client = caseworker_client(app, organisation)
    family = json.loads(SEED.read_text(encoding="utf-8"))
    # Артем and Софія, both born under occupation: the court application is for each.
    family["children"] = [family["children"][5], family["children"][4]]
    example = get_template(BIRTH_FACT).load_example()
    family["template_data"][BIRTH_FACT] = {
        key: example[key] for key in ("court", "interested_party", "evidence")
    }
    created = client.post("/api/v1/cases", json={"data": family})
    assert created.status_code == 201, created.get_data(as_text=True)[:500]
    case = created.get_json()
    child = case["data"]["children"][0]["id"]
    made = client.post(
        f"/api/v1/cases/{case['id']}/documents",
        json={"template": BIRTH_FACT, "child_id": child, "lang": "uk-en", "format": "pdf"},
    )
    assert made.status_code == 201, made.get_data(as_text=True)[:500]
    document = made.get_json()
    shared = client.post(
        f"/api/v1/documents/{document['id']}/shares", json={"organisation_id": partner}
    )
    assert shared.status_code == 201, shared.get_data(as_text=True)[:300]
    institutions = client.get("/api/v1/institutions?per_page=1").get_json()
    items = institutions.get("items") or institutions.get("institutions") or []
    institution = items[0]["id"] if items else ""
    seal = client.get(f"/api/v1/documents/{document['id']}/verification").get_json()
    return case["id"], document["id"], seal["code"], institution


def add_casework(app: Flask, organisation: str, case_id: str) -> str:
    """An institution, a packet and a recorded plan step on the case; the institution's id."""
    client = caseworker_client(app, organisation)
    made = client.post(
        "/api/v1/institutions",
        json={"kind": "children_service", "name": "Служба у справах дітей Київської міської ради"},
    )
    assert made.status_code == 201, made.get_data(as_text=True)[:300]
    packet = client.post(
        f"/api/v1/cases/{case_id}/packet",
        json={"documents": [BIRTH_FACT], "langs": ["uk"], "formats": ["pdf"]},
    )
    assert packet.status_code == 200, packet.get_data(as_text=True)[:300]
    plan = client.get(f"/api/v1/cases/{case_id}/plan").get_json()
    steps = [step for person in plan["people"] for step in person["steps"]]
    filed = client.patch(
        f"/api/v1/cases/{case_id}/plan/steps/{steps[0]['key']}",
        json={"status": "filed", "filed": {"date": "2026-11-20", "where": PARTNER}},
    )
    assert filed.status_code == 200, filed.get_data(as_text=True)[:300]
    return str(made.get_json()["id"])


@contextmanager
def served_site(var_dir: Path, *, casework: bool = False) -> Iterator[Site]:
    """The application on a free loopback port, a caseworker, an admin, a partner, a case."""
    app = build_test_app(var_dir, SESSION_COOKIE_SECURE=True)
    access = app.extensions["access"]
    users = app.extensions["users"]
    office = access.create_organisation("Офіс Уповноваженого")
    partner = access.create_organisation(PARTNER)
    users.create_user(
        email=CASEWORKER_EMAIL, password=PASSWORD, role="caseworker", organisation_id=office
    )
    users.create_user(
        email=PARTNER_EMAIL, password=PASSWORD, role="partner", organisation_id=partner
    )
    users.create_user(email=ADMIN_EMAIL, password=PASSWORD, role="admin", organisation_id=None)
    case_id, document_id, code, institution_id = seeded_case(app, office, partner)
    if casework:
        institution_id = add_casework(app, office, case_id)
    http = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    try:
        yield Site(
            f"http://127.0.0.1:{http.server_port}", app, case_id, document_id, code, institution_id
        )
    finally:
        http.shutdown()
        thread.join(timeout=10)


def sign_in(page: Any, base: str, email: str) -> None:
    """Sign in through the form."""
    page.goto(f"{base}/login")
    page.locator("#email").fill(email)
    page.locator("#password").fill(PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(re.compile(r"/(cases|shared)"))
