"""Key rotation that ends (issue 28): rotate, re-encrypt (stopped and resumed), retire.

On SQLite and PostgreSQL, with document bytes in files and in the database. The keys live
in a key file, as `keys init` makes it; after each change of the keys the application is
built anew, as a restart of every process would.
"""

from __future__ import annotations

import copy
import io
import json
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
import pytest
from click.testing import Result
from flask import Flask
from PIL import Image
from sqlalchemy import select

from service import create_app
from service.documents import get_template
from service.principal import SYSTEM
from service.storage.crypto import DataCipher, ensure_key_file, generate_key, key_id, read_keys
from service.storage.files import LocalFileStore, write_durably
from service.storage.key_rotation import (
    LEGACY,
    Reencryption,
    count_usage,
    encrypted_files,
    encrypted_tables,
)
from tests.conftest import BIRTH_FACT, POSTGRES_ADMIN_URL, build_test_app, client_as
from tests.jobs.helpers import wait_for_job
from tests.storage.conftest import family_case
from tests.verify.conftest import OUR_ORGANISATION, organisation_id
from tests.web.conftest import PASSWORD, sign_in

SURNAME_QUERIES = ("Петренко", "petrenko", "Петр")
NOTE = "Петренко Андрій: мати просила дзвонити ввечері"  # a case note, encrypted


@dataclass
class Service:
    """The service on one database and store, restarted after each change of its keys."""

    settings: dict[str, Any]
    app: Flask
    apps: list[Flask] = field(default_factory=list)

    def restart(self) -> Flask:
        """Build the application anew from the same settings (it reads the key file again)."""
        tokens = self.app.config["TEST_TOKENS"]
        self.app = create_app(self.settings)
        self.app.config["TEST_TOKENS"] = tokens
        self.apps.append(self.app)
        return self.app

    def cli(self, *args: str) -> Result:
        """Run a command of `flask --app wsgi` against the running application."""
        return self.app.test_cli_runner().invoke(args=list(args), catch_exceptions=False)

    @property
    def key_file(self) -> Path:
        """The key file."""
        path: Path = self.settings["DATA_KEY_FILE"]
        return path

    def key_ids(self) -> list[str]:
        """The ids of the keys in the key file, newest first."""
        return [key_id(key) for key in read_keys(None, self.key_file)]


@pytest.fixture
def fresh_postgres() -> Iterator[str]:
    """A database of its own on the PostgreSQL server (a rotation touches every row)."""
    name = f"paperwork_keys_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    yield f"{POSTGRES_ADMIN_URL.rsplit('/', 1)[0]}/{name}"
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as connection:
        connection.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,)
        )
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')


@pytest.fixture(
    params=[
        ("sqlite", "filesystem"),
        ("sqlite", "database"),
        pytest.param(("postgresql", "filesystem"), marks=pytest.mark.postgres),
        pytest.param(("postgresql", "database"), marks=pytest.mark.postgres),
    ],
    ids="-".join,
)
def service(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Service]:
    """The service with its keys in a key file, on one database and one document store."""
    backend, store = request.param
    url = request.getfixturevalue("fresh_postgres") if backend == "postgresql" else None
    key_file = tmp_path / "data.key"
    ensure_key_file(key_file)
    settings = {
        "TESTING": True,
        "VAR_DIR": tmp_path,
        "DATABASE_URL": url or f"sqlite:///{tmp_path / 'test.sqlite3'}",
        "DOCUMENTS_DIR": tmp_path / "documents",
        "DATA_KEYS": None,
        "DATA_KEY_FILE": key_file,
        "DOCUMENT_STORE": store,
        "RENDER_WORKERS": 0,
        "RATE_LIMIT": "100000 per minute",
        "LOGIN_RATE_LIMIT": "100000 per minute",
        "SECRET_KEY": "test-secret-key-rotation",
        "SESSION_COOKIE_SECURE": False,
        "WEBHOOK_SECRET": "test-webhook-secret",
        "WEBHOOK_MAX_ATTEMPTS": 1,
    }
    app = build_test_app(tmp_path, url, **settings)
    running = Service(settings, app, [app])
    yield running
    for each in running.apps:
        each.extensions["jobs"].shutdown()
        each.extensions["storage"].database.dispose()


@dataclass
class Made:
    """What was made before the rotation, and what a user saw of it."""

    case_id: str
    case: dict[str, Any]
    documents: dict[str, bytes]  # id -> bytes as downloaded
    preview: tuple[str, bytes]  # document id, page 1's PNG
    revoked: str
    note: str
    code: str
    link: str
    job: dict[str, Any]
    evidence: tuple[str, bytes, str, bytes] = ("", b"", "", b"")  # url, bytes, thumbnail


def attach_evidence(app: Flask, case_id: str) -> tuple[str, bytes, str, bytes]:
    """A scan attached to the case, and its thumbnail as the case page shows it."""
    scan = io.BytesIO()
    Image.new("RGB", (300, 420), "white").save(scan, format="JPEG")
    posted = client_as(app, "caseworker").post(
        f"/api/v1/cases/{case_id}/evidence",
        data={"file": (io.BytesIO(scan.getvalue()), "scan.jpg", "image/jpeg"), "kind": "other",
              "description": "Довідка"},
        content_type="multipart/form-data",
    )  # fmt: skip
    assert posted.status_code == 201, posted.get_json()
    evidence = posted.get_json()
    thumbnail = f"/cases/{case_id}/evidence/{evidence['id']}/thumbnail.png"
    shown = sign_in(app).get(thumbnail)
    assert shown.status_code == 200 and shown.data.startswith(b"\x89PNG")
    return evidence["download_url"], scan.getvalue(), thumbnail, shown.data


def make_everything(app: Flask) -> Made:
    """A case with a plan step recorded, documents with a preview, a job, a revoked seal
    with a note, a share link: everything that is encrypted."""
    client = client_as(app, "caseworker")
    example = copy.deepcopy(get_template(BIRTH_FACT).load_example())
    created = client.post("/api/v1/cases", json={"data": family_case(example)})
    assert created.status_code == 201, created.get_json()
    case = created.get_json()
    first = case["data"]["children"][0]["id"]
    step = client.patch(
        f"/api/v1/cases/{case['id']}/plan/steps/{first}.birth_fact",
        json={"status": "filed", "filed": {"date": "2026-11-20", "where": "Суд"}},
    )
    assert step.status_code == 200, step.get_json()
    documents = {}
    for fmt in ("pdf", "docx"):
        made = client.post(
            f"/api/v1/cases/{case['id']}/documents",
            json={"template": BIRTH_FACT, "child_id": first, "lang": "uk", "format": fmt},
        )
        assert made.status_code == 201, made.get_json()
        documents[made.get_json()["id"]] = client.get(made.get_json()["download_url"]).data
    pdf_id = next(iter(documents))
    # A document made through /render (no case): revoked with a note that names someone.
    rendered = client.post(
        "/api/v1/render",
        json={"template": BIRTH_FACT, "lang": "uk", "format": "pdf", "data": example},
    )
    assert rendered.status_code == 200
    revoked = rendered.headers["X-Document-Id"]
    documents[revoked] = rendered.data
    note = "Петренко Андрій: дата народження виправлена"
    answer = client.post(
        f"/api/v1/documents/{revoked}/revoke", json={"reason": "issued_in_error", "note": note}
    )
    assert answer.status_code == 200, answer.get_json()
    link = client.post(f"/api/v1/documents/{pdf_id}/links", json={}).get_json()["url"]
    code = client.get(f"/api/v1/documents/{pdf_id}/verification").get_json()["code"]
    # The preview of the PDF, as a signed-in caseworker sees it.
    app.extensions["users"].create_user(
        email="olena@example.org",
        password=PASSWORD,
        role="caseworker",
        organisation_id=organisation_id(app, OUR_ORGANISATION),
    )
    page = sign_in(app).get(f"/documents/{pdf_id}/pages/1.png")
    assert page.status_code == 200 and page.data.startswith(b"\x89PNG")
    # A background job whose request (and webhook address) are stored encrypted.
    system = client_as(app, "system")
    data = copy.deepcopy(example)
    data["court"]["name"] += " (робота у фоні)"
    posted = system.post(
        "/api/v1/jobs",
        json={
            "kind": "bulk_render",
            "template": BIRTH_FACT,
            "format": "docx",
            "cases": [data],
            "webhook_url": "http://127.0.0.1:9/hook",
        },
    )
    assert posted.status_code == 202, posted.get_json()
    job = wait_for_job(system, posted.headers["Location"])
    assert job["state"] == "done", job
    evidence = attach_evidence(app, case["id"])
    app.extensions["storage"].notes.add(case["id"], NOTE, principal=SYSTEM)
    return Made(
        case["id"], case, documents, (pdf_id, page.data), revoked, note, code, link, job, evidence
    )


def found_by_surname(app: Flask) -> set[str]:
    """The ids of the cases each spelling of the surname finds (the same for every one)."""
    client = client_as(app, "caseworker")
    found = []
    for query in SURNAME_QUERIES:
        answer = client.get("/api/v1/cases", query_string={"surname": query, "per_page": 100})
        assert answer.status_code == 200
        found.append({case["id"] for case in answer.get_json()["cases"]})
    assert all(each == found[0] for each in found), found
    return found[0]


def assert_everything_reads(app: Flask, made: Made) -> None:
    """What a user sees is what they saw before: cases, files, preview, codes, link, job."""
    client = client_as(app, "caseworker")
    case = client.get(f"/api/v1/cases/{made.case_id}")
    assert case.status_code == 200 and case.get_json()["data"] == made.case["data"]
    plan = client.get(f"/api/v1/cases/{made.case_id}/plan").get_json()
    assert "2026-11-20" in str(plan), "the recorded step is read back"
    for document_id, content in made.documents.items():
        download = client.get(f"/api/v1/documents/{document_id}/file")
        assert download.status_code == 200 and download.data == content, document_id
        assert client.get(f"/api/v1/documents/{document_id}").status_code == 200
    pdf_id, png = made.preview
    page = sign_in(app).get(f"/documents/{pdf_id}/pages/1.png")
    assert page.status_code == 200 and page.data == png
    public = client_as(app, None)
    verified = public.get(f"/api/v1/verify/{made.code}").get_json()
    assert verified["genuine"] is True
    seal = client.get(f"/api/v1/documents/{made.revoked}/verification").get_json()
    assert seal["revoked"] is True and seal["revocation_note"] == made.note
    shared = public.get(made.link[made.link.index("/shared/") :])
    assert shared.status_code == 200 and shared.data == made.documents[pdf_id]
    job = client_as(app, "system").get(made.job["url"])
    assert job.status_code == 200 and job.get_json()["results"] == made.job["results"]
    url, scan, thumbnail, png = made.evidence
    assert client.get(url).data == scan
    assert sign_in(app).get(thumbnail).data == png
    notes = app.extensions["storage"].notes.list_for_case(made.case_id, SYSTEM)
    assert [note.text for note in notes] == [NOTE]


def assert_nothing_needs(app: Flask, old: str) -> None:
    """Every stored value and file opens with the keys configured now, none with `old`."""
    storage = app.extensions["storage"]
    usage = count_usage(storage.database, storage.documents_dir)
    assert usage.of(old) == (0, 0) and usage.of(LEGACY) == (0, 0)
    cipher = storage.cipher
    with storage.database.connection() as connection:
        for spec in encrypted_tables():
            for column in spec.columns:
                for value in connection.scalars(select(column).where(column.is_not(None))):
                    cipher.decrypt(bytes(value))
    files = list(encrypted_files(storage.documents_dir))
    assert any("pages" in path.parts for path in files), "the preview images are counted"
    for path in files:
        cipher.decrypt(path.read_bytes())


def keys_listed(service: Service) -> dict[str, Any]:
    """`keys list` as JSON."""
    result = service.cli("keys", "list")
    assert result.exit_code == 0, result.output
    listed: dict[str, Any] = json.loads(result.stdout)
    return listed


def test_a_rotated_key_is_retired_once_everything_is_reencrypted(service: Service) -> None:
    made = make_everything(service.app)
    assert found_by_surname(service.app) == {made.case_id}
    (old,) = service.key_ids()

    rotated = service.cli("keys", "rotate")
    assert rotated.exit_code == 0, rotated.output
    new, again = service.key_ids()
    assert again == old and new != old and "keys reencrypt" in rotated.stderr
    app = service.restart()
    # Right after the rotation: everything reads, and search still finds the case.
    assert_everything_reads(app, made)
    assert found_by_surname(app) == {made.case_id}
    later = client_as(app, "caseworker").post(
        "/api/v1/cases", json={"data": family_case(get_template(BIRTH_FACT).load_example())}
    )
    assert later.status_code == 201
    both = {made.case_id, later.get_json()["id"]}
    assert found_by_surname(app) == both, "cases indexed under either key are found"
    listed = keys_listed(service)
    assert [(k["id"], k["encrypts_new_values"]) for k in listed["keys"]] == [
        (new, True),
        (old, False),
    ]
    assert listed["keys"][1]["values"] > 0 and listed["keys"][1]["files"] > 0
    refused = service.cli("keys", "retire", old)
    assert refused.exit_code == 1 and "still needed" in refused.stderr
    assert service.key_ids() == [new, old], "nothing was removed"

    # Re-encryption stopped after three batches (as a process stopped between two).
    storage = app.extensions["storage"]
    before = count_usage(storage.database, storage.documents_dir).of(old)
    run = Reencryption(storage.database, storage.documents_dir, storage.cipher, batch_size=1)
    batches = run.batches()
    for _ in range(3):
        next(batches)
    batches.close()
    during = count_usage(storage.database, storage.documents_dir).of(old)
    assert 0 < sum(during) < sum(before)
    assert found_by_surname(app) == both
    assert_everything_reads(app, made)

    resumed = service.cli("keys", "reencrypt", "--batch-size", "2")
    assert resumed.exit_code == 0, resumed.output
    summary = json.loads(resumed.stdout)
    assert summary["key"] == new and summary["to_reencrypt"] == 0
    assert summary["older_keys_still_used_by"] == {old: {"values": 0, "files": 0}}
    done = sum(run.report.rewritten.values()) + sum(summary["rewritten"].values())
    assert done == sum(before), "each value and file rewritten once, the stopped run's kept"
    assert summary["rewritten"]["files"] > 0
    assert "re-encrypting" in resumed.stderr and f"nothing needs {old}" in resumed.stderr
    assert found_by_surname(app) == both
    nothing_left = service.cli("keys", "reencrypt")
    assert nothing_left.exit_code == 0
    assert json.loads(nothing_left.stdout)["rewritten"] == {}

    retired = service.cli("keys", "retire", old[:8])
    assert retired.exit_code == 0, retired.output
    assert service.key_ids() == [new]
    app = service.restart()
    assert_everything_reads(app, made)
    assert found_by_surname(app) == both
    assert_nothing_needs(app, old)
    # A new document is sealed with a code that verifies.
    issued = client_as(app, "caseworker").post(
        "/api/v1/render",
        json={"template": BIRTH_FACT, "lang": "uk", "format": "docx", "data": later_data()},
    )
    assert issued.status_code == 200
    fresh = client_as(app, "caseworker").get(
        f"/api/v1/documents/{issued.headers['X-Document-Id']}/verification"
    )
    assert (
        client_as(app, None).get(f"/api/v1/verify/{fresh.get_json()['code']}").get_json()["genuine"]
    )


def later_data() -> dict[str, Any]:
    """The court application's example, made new (a document no one made before)."""
    data = copy.deepcopy(get_template(BIRTH_FACT).load_example())
    data["court"]["name"] += " (після зміни ключа)"
    return data


@pytest.fixture
def small(tmp_path: Path) -> Iterator[Service]:
    """The service on SQLite with files, its keys in a key file (no documents made)."""
    key_file = tmp_path / "data.key"
    ensure_key_file(key_file)
    settings = {
        "TESTING": True,
        "VAR_DIR": tmp_path,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'test.sqlite3'}",
        "DOCUMENTS_DIR": tmp_path / "documents",
        "DATA_KEYS": None,
        "DATA_KEY_FILE": key_file,
        "RENDER_WORKERS": 0,
        "SECRET_KEY": "test-secret-key-rotation",
    }
    app = build_test_app(tmp_path, **settings)
    running = Service(settings, app, [app])
    yield running
    for each in running.apps:
        each.extensions["storage"].database.dispose()


def new_case(app: Flask) -> str:
    """A case of the example family; its id."""
    data = family_case(get_template(BIRTH_FACT).load_example())
    created = client_as(app, "caseworker").post("/api/v1/cases", json={"data": data})
    assert created.status_code == 201
    case_id: str = created.get_json()["id"]
    return case_id


def test_with_keys_in_the_environment_the_commands_say_what_to_set(small: Service) -> None:
    (old,) = small.key_ids()
    small.settings["DATA_KEYS"] = small.key_file.read_text().strip()
    app = small.restart()
    case_id = new_case(app)
    rotated = small.cli("keys", "rotate")
    assert rotated.exit_code == 0 and "PAPERWORK_DATA_KEYS is set" in rotated.stderr
    setting = re.fullmatch(r"PAPERWORK_DATA_KEYS=(\S+)\n", rotated.stdout)
    assert setting is not None
    assert small.key_ids() == [old], "the key file is left alone"
    small.settings["DATA_KEYS"] = setting.group(1)
    app = small.restart()
    new = app.extensions["storage"].cipher.key_ids[0]
    assert app.extensions["storage"].cipher.key_ids == [new, old]
    assert found_by_surname(app) == {case_id}
    assert small.cli("keys", "reencrypt").exit_code == 0
    retired = small.cli("keys", "retire", old)
    assert retired.exit_code == 0
    assert retired.stdout == f"PAPERWORK_DATA_KEYS={setting.group(1).split(',')[0]}\n"
    small.settings["DATA_KEYS"] = retired.stdout.strip().split("=", 1)[1]
    app = small.restart()
    assert found_by_surname(app) == {case_id}
    case = client_as(app, "caseworker").get(f"/api/v1/cases/{case_id}")
    assert case.status_code == 200


def test_retire_refuses_the_key_in_use_and_an_unknown_id(small: Service) -> None:
    (only,) = small.key_ids()
    newest = small.cli("keys", "retire", only)
    assert newest.exit_code == 1 and "encrypts new values" in newest.stderr
    unknown = small.cli("keys", "retire", "0123456789abcdef")
    assert unknown.exit_code == 2 and "no configured key" in unknown.output
    assert small.key_ids() == [only]


def test_a_case_changed_while_it_is_reencrypted_keeps_the_change(small: Service) -> None:
    case_id = new_case(small.app)
    assert small.cli("keys", "rotate").exit_code == 0
    app = small.restart()
    storage = app.extensions["storage"]
    (cases,) = [spec for spec in encrypted_tables() if spec.table.name == "cases"]
    with storage.database.connection() as connection:
        read = connection.execute(select(*cases.key, *cases.columns)).one()  # the run reads it
    changed = client_as(app, "caseworker").patch(
        f"/api/v1/cases/{case_id}", json={"data": {"mother": {"surname": "Коваленко"}}}
    )
    assert changed.status_code == 200  # a caseworker saves it meanwhile
    run = Reencryption(storage.database, storage.documents_dir, storage.cipher)
    with storage.database.connection() as connection:
        run._row(connection, cases, read)  # ... and the run writes what it read
    assert run.report.changed_meanwhile == 1 and not run.report.rewritten
    case = client_as(app, "caseworker").get(f"/api/v1/cases/{case_id}").get_json()
    assert case["data"]["mother"]["surname"] == "Коваленко"
    found = client_as(app, "caseworker").get("/api/v1/cases", query_string={"surname": "Коваленко"})
    assert [each["id"] for each in found.get_json()["cases"]] == [case_id]


def test_what_no_configured_key_opens_is_named_and_the_run_fails(small: Service) -> None:
    new_case(small.app)
    storage = small.app.extensions["storage"]
    stranger = DataCipher([generate_key()])
    lost = storage.documents_dir / "pages" / "r0" / "ab" / ("ab" + "0" * 62) / "1.png"
    lost.parent.mkdir(parents=True)
    lost.write_bytes(stranger.encrypt(b"\x89PNG an image whose key is lost"))
    assert small.cli("keys", "rotate").exit_code == 0
    small.restart()
    result = small.cli("keys", "reencrypt")
    assert result.exit_code == 1 and "could not be re-encrypted" in result.stderr
    summary = json.loads(result.stdout)
    assert summary["unreadable"] == [lost.relative_to(storage.documents_dir).as_posix()]
    assert summary["rewritten"]["cases.data_encrypted"] == 1
    listed = keys_listed(small)
    assert [k["configured"] for k in listed["keys"] if "configured" in k] == [False]


def test_a_file_deleted_while_it_is_reencrypted_is_not_brought_back(tmp_path: Path) -> None:
    cipher = DataCipher([generate_key()])
    files = LocalFileStore(tmp_path, cipher)
    sha256 = files.save(b"a document of a purged case")
    path = files.path_of(sha256)
    seen = path.stat()
    files.delete(sha256)  # the purge, between the run's read and its write
    assert (
        write_durably(path, cipher.encrypt(b"a document of a purged case"), replacing=seen) is False
    )
    assert not path.exists() and not list(path.parent.iterdir())
