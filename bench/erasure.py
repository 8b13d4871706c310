"""Erasing a case with 50 documents (issue 28: under 1 s), on SQLite with the file store and
on PostgreSQL with the database store.

`measure_erasure()` is for bench/bench_render.py to report; run this file to see it
alone. Each round makes a case of 20 children (born under occupation), 50 of its
documents through the API (40 DOCX, 10 signed PDFs), preview images of 5 PDFs and a
download link of each PDF; then times `DataEraser.erase_case`: the one transaction, and
the deletion of the files and previews after it.
"""

from __future__ import annotations

import itertools
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cryptography.fernet import Fernet

from bench.caseload import postgres_database
from service import create_app
from service.documents import get_template
from service.principal import Principal
from service.rendering.page_images import RENDERER_VERSION, render_page_images
from service.verification import create_development_identity, signing_settings

BIRTH_FACT = "identity.birth_fact_court_application"
DOCUMENTS = 50
PDFS = 10
ROUNDS = 3


def build_app(database_url: str | None, var_dir: Path) -> Any:
    """An application on a database of its own, with a signing certificate."""
    app = create_app(
        {
            "TESTING": True,
            "VAR_DIR": var_dir,
            "DATABASE_URL": database_url or f"sqlite:///{var_dir / 'bench.sqlite3'}",
            "DOCUMENTS_DIR": var_dir / "documents",
            "DATA_KEYS": Fernet.generate_key().decode(),
            "RATE_LIMIT": "1000000 per minute",
            "SECRET_KEY": "bench",
        }
    )
    app.extensions["storage"].database.upgrade()
    if not app.config["SIGNING_P12"]:
        create_development_identity(signing_settings(app.config).p12_path)
    return app


def family_of_twenty(round_number: int) -> dict[str, Any]:
    """20 children born in Donetsk under occupation (the court application applies to each)."""
    example = get_template(BIRTH_FACT).load_example()
    situation = {"documents": ["occupation_birth_certificate"]}
    names = ("Андрій", "Марія", "Олег", "Ірина", "Богдан")
    children = [
        {
            **example["child"],
            "id": f"r{round_number}child{n:04d}",
            "given_name": names[n % len(names)],
            "birth_date": (date(2015, 1, 10) + timedelta(days=97 * n)).isoformat(),
            "situation": situation,
        }
        for n in range(20)
    ]
    mother_keys = ("surname", "given_name", "patronymic", "sex", "birth_date", "rnokpp")
    return {
        "children": children,
        "mother": {
            key: example["applicant"][key] for key in mother_keys if key in example["applicant"]
        },
        "applicant": example["applicant"],
        "template_data": {
            BIRTH_FACT: {key: example[key] for key in ("court", "interested_party", "evidence")}
        },
    }


def seed_round(app: Any, client: Any, principal: Principal, round_number: int) -> str:
    """A case with DOCUMENTS documents, previews and links; its id."""
    storage = app.extensions["storage"]
    case = storage.cases.create(family_of_twenty(round_number), principal=principal)
    child_ids = [child["id"] for child in case.data["children"]]
    made: list[dict[str, Any]] = []
    for fmt, lang, child_id in itertools.product(("docx", "pdf"), ("uk", "en", "uk-en"), child_ids):
        wanted = DOCUMENTS - PDFS if fmt == "docx" else PDFS
        if sum(1 for document in made if document["format"] == fmt) >= wanted:
            continue
        response = client.post(
            f"/api/v1/cases/{case.id}/documents",
            json={"template": BIRTH_FACT, "child_id": child_id, "lang": lang, "format": fmt},
        )
        if response.status_code == 201:
            made.append(response.get_json())
    pdfs = [document for document in made if document["format"] == "pdf"]
    images = storage.page_images(RENDERER_VERSION)
    for document in pdfs[:5]:
        content = storage.files.load(document["sha256"])
        images.ensure(document["sha256"], lambda content=content: render_page_images(content))
    for document in pdfs:
        client.post(f"/api/v1/documents/{document['id']}/links", json={})
    if len(made) != DOCUMENTS:
        raise RuntimeError(f"made {len(made)} documents, not {DOCUMENTS}")
    return str(case.id)


def measure_backend(database_url: str | None, var_dir: Path) -> dict[str, Any]:
    """Time the erasure of a 50-document case, ROUNDS times."""
    app = build_app(database_url, var_dir)
    access = app.extensions["access"]
    organisation = access.create_organisation("Bench")
    token = access.create_token(role="caseworker", name="bench", organisation_id=organisation)[1]
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    principal = Principal(id="bench", role="caseworker", organisation_id=organisation)
    admin = Principal(id="bench-admin", role="admin", organisation_id=None)
    storage = app.extensions["storage"]
    timings = []
    for round_number in range(ROUNDS):
        case_id = seed_round(app, client, principal, round_number)
        start = time.perf_counter()
        report = storage.erasure.erase_case(case_id, principal=admin, reason="opened_in_error")
        timings.append((time.perf_counter() - start) * 1000)
        if report.documents != DOCUMENTS:
            raise RuntimeError(f"erased {report.documents} documents, not {DOCUMENTS}")
    storage.database.dispose()
    return {
        "store": storage.document_store,
        "median_ms": statistics.median(timings),
        "slowest_ms": max(timings),
    }


def measure_erasure() -> dict[str, dict[str, Any]]:
    """The erasure on SQLite (file store) and, where it answers, PostgreSQL (database store)."""
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        results["SQLite"] = measure_backend(None, Path(folder))
    admin_url = os.environ.get(
        "PAPERWORK_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres"
    )
    try:
        with postgres_database(admin_url) as url, tempfile.TemporaryDirectory() as folder:
            results["PostgreSQL"] = measure_backend(url, Path(folder))
    except Exception as error:
        print(f"PostgreSQL not measured: {error}", file=sys.stderr)
    return results


if __name__ == "__main__":
    print(json.dumps(measure_erasure(), indent=2))
