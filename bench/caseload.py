"""The plan's speed: the caseload of 1,000 cases (goal under 300 ms) and the plan of a case
of 20 children (goal under 20 ms), as the API serves them, on SQLite and PostgreSQL.

`measure_caseload()` seeds 1,000 cases (1 to 3 children each, some past a due date) in a
temporary SQLite database and, when `BENCH_POSTGRES_URL` names a PostgreSQL server (e.g.
postgresql://postgres@127.0.0.1:5432/postgres), in a temporary database there too, then
times GET /api/v1/plan (first page, overdue only, one step, a later page) and GET
/api/v1/cases/{id}/plan of a 20-child case, and that case's page with 48 documents made
from it (goal under 150 ms). Times are in-process (the Flask test client:
the server's work without a network). Run this file to print them.
"""

from __future__ import annotations

import copy
import itertools
import json
import os
import re
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cryptography.fernet import Fernet

from service import create_app
from service.casework import refresh_plan
from service.documents import get_template
from service.principal import Principal
from service.verification import create_development_identity, signing_settings

CASES = 1000
DOCUMENTS_ON_CASE = 48
BIRTH_FACT = "identity.birth_fact_court_application"
REPEATS = 15
PASSWORD = "bench password 12345"  # noqa: S105 - a throwaway user of a temporary database
SEED = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "seed_family.json"


def family(index: int, today: date) -> dict[str, Any]:
    """A family of 1 to 3 children; every third has a child past 14 (an overdue ID card)."""
    example = get_template("identity.birth_fact_court_application").load_example()
    children = []
    for number in range(1 + index % 3):
        child = copy.deepcopy(example["child"])
        child["given_name"] = ["Марія", "Іван", "Олена"][number]
        if number == 1 and index % 3 == 2:
            born = today.replace(year=today.year - 14) - timedelta(days=index % 200)
            child["birth_date"] = born.isoformat()
            child["situation"] = {
                "came_from": "russia",
                "documents": ["ua_birth_certificate"],
                "circumstances": ["deportation"],
                "with": "parent",
            }
        else:
            child["situation"] = {  # born in Donetsk in 2016: under occupation, derived
                "left_from": {"settlement": "м. Донецьк"},
                "left_on": "2026-08-20",
                "documents": ["occupation_birth_certificate"],
                "with": "parent",
                "health": ["missed_vaccinations"] if index % 4 == 0 else [],
            }
        children.append(child)
    return {
        "children": children,
        "applicant": example["applicant"],
        "circumstances": example["circumstances"],
    }


def timed(call: Callable[[], Any]) -> dict[str, float]:
    """Median and worst of REPEATS calls, in milliseconds (one warm-up first)."""
    call()
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return {"median_ms": round(statistics.median(times), 1), "max_ms": round(max(times), 1)}


@contextmanager
def postgres_database(admin_url: str) -> Iterator[str]:
    """A fresh database on the server, dropped afterwards."""
    import psycopg  # noqa: PLC0415 - only when PostgreSQL is measured

    name = f"paperwork_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{admin_url.rsplit('/', 1)[0]}/{name}"
    finally:
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
                (name,),
            )
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')


def signed_in_page(app: Any, organisation: str, url: str) -> Callable[[], Any]:
    """A page as a signed-in caseworker of the organisation gets it."""
    email = f"bench-{uuid.uuid4().hex[:8]}@example.org"
    app.extensions["users"].create_user(
        email=email,
        password=PASSWORD,
        role="caseworker",
        organisation_id=organisation,
    )
    client = app.test_client()
    login = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="_csrf_token" value="([^"]+)"', login)
    assert token is not None
    client.post(
        "/login",
        data={"email": email, "password": PASSWORD, "_csrf_token": token.group(1)},
    )

    def call() -> Any:
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        return response

    return call


def make_documents(client: Any, case_id: str, child_ids: list[str]) -> int:
    """Make DOCUMENTS_ON_CASE documents of a case through the API (DOCX first: quick to make)."""
    made = 0
    for fmt, lang in itertools.product(("docx", "pdf"), ("uk", "uk-en", "en")):
        for child_id in child_ids:
            response = client.post(
                f"/api/v1/cases/{case_id}/documents",
                json={"template": BIRTH_FACT, "child_id": child_id, "lang": lang, "format": fmt},
            )
            made += response.status_code == 201
            if made == DOCUMENTS_ON_CASE:
                return made
    return made


def measure_backend(database_url: str | None, var_dir: Path) -> dict[str, Any]:
    """Seed the cases on one database and time the caseload and a 20-child plan."""
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
    storage = app.extensions["storage"]
    storage.database.upgrade()
    if not app.config["SIGNING_P12"]:  # the development certificate, as keys init makes it
        create_development_identity(signing_settings(app.config).p12_path)
    access = app.extensions["access"]
    organisation = access.create_organisation("Bench")
    token = access.create_token(role="caseworker", name="bench", organisation_id=organisation)[1]
    principal = Principal(id="bench", role="caseworker", organisation_id=organisation)
    today = date.today()
    start = time.perf_counter()
    for index in range(CASES):
        case = storage.cases.create(family(index, today), principal=principal)
        refresh_plan(storage, case, today=today)
    seeded_s = time.perf_counter() - start
    big = family(0, today)
    big["children"] = [
        {**copy.deepcopy(family(2, today)["children"][n % 3]), "given_name": f"Дитина{n}"}
        for n in range(20)
    ]
    if SEED.exists():  # the seed family's situations, repeated to 20 children
        seed_children = json.loads(SEED.read_text(encoding="utf-8"))["children"]
        big["children"] = [
            {key: value for key, value in seed_children[n % len(seed_children)].items()}
            | {"id": f"child{n:04d}x"}
            for n in range(20)
        ]
    example = get_template(BIRTH_FACT).load_example()
    big["template_data"] = {
        BIRTH_FACT: {key: example[key] for key in ("court", "interested_party", "evidence")}
    }
    twenty = storage.cases.create(big, principal=principal)
    refresh_plan(storage, twenty, today=today)
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    documents = make_documents(
        client, twenty.id, [child["id"] for child in twenty.data["children"]]
    )

    def get(url: str) -> Callable[[], Any]:
        def call() -> Any:
            response = client.get(url)
            assert response.status_code == 200, response.get_data(as_text=True)[:500]
            return response.get_json()

        return call

    total = get("/api/v1/plan?per_page=1")()["total"]
    results = {
        "cases": CASES,
        "next_steps": total,
        "seeding_s": round(seeded_s, 1),
        "caseload_first_page": timed(get("/api/v1/plan?per_page=20")),
        "caseload_overdue": timed(get("/api/v1/plan?status=overdue&per_page=20")),
        "caseload_one_step": timed(
            get("/api/v1/plan?template=identity.birth_fact_court_application&per_page=20")
        ),
        "caseload_page_50": timed(get("/api/v1/plan?page=50&per_page=20")),
        "plan_20_children": timed(get(f"/api/v1/cases/{twenty.id}/plan")),
        "caseload_page_html": timed(signed_in_page(app, organisation, "/plan")),
        "case_page_20_children_html": timed(
            signed_in_page(app, organisation, f"/cases/{twenty.id}")
        ),
        "case_page_documents": documents,
    }
    storage.database.dispose()
    return results


def measure_caseload() -> dict[str, Any]:
    """Time the caseload and a 20-child plan on SQLite and, if configured, PostgreSQL."""
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as folder:
        results["sqlite"] = measure_backend(None, Path(folder))
    admin_url = os.environ.get("BENCH_POSTGRES_URL")
    if admin_url:
        with tempfile.TemporaryDirectory() as folder, postgres_database(admin_url) as url:
            results["postgresql"] = measure_backend(url, Path(folder))
    return results


if __name__ == "__main__":
    print(json.dumps(measure_caseload(), indent=2))
