"""Erasure and export: a person's data, once erased, is nowhere the service keeps anything.

A marker person (a child with a made-up name no other test uses) gets a case, documents
in both formats, preview images, a share link, a packet job, a caseworker's note naming
them; the test proves the marker is found everywhere the service keeps data (the
positive control: the search can see it), erases, and searches again, byte for byte,
the database (every column of every row, decrypted where encrypted), every file under
the service's folder (decrypted, and each document's text read out: DOCX XML, PDF text)
and every log line: 0 hits. Run on SQLite with the file store and on PostgreSQL with the
database store.
"""

from __future__ import annotations

import io
import json
import logging
import random
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from PIL import Image, PngImagePlugin
from sqlalchemy import select

from service.logs import JsonLineFormatter
from service.principal import SYSTEM
from service.rendering import page_images
from service.rendering.page_images import RENDERER_VERSION
from service.storage.crypto import KeyConfigurationError
from service.storage.models import Base
from service.ukrainian import transliterate
from tests.jobs.helpers import wait_for_job
from tests.storage.conftest import family_case

BIRTH_FACT = "identity.birth_fact_court_application"
LETTERS = "бвгдклмнпрстфхчш"


class LogLines(logging.Handler):
    """Every log record of the service, formatted as it is written, with its extras."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(JsonLineFormatter())
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record) + repr(record.__dict__))


@pytest.fixture
def service_logs() -> Iterator[LogLines]:
    """Capture what the service logs during a test."""
    handler = LogLines()
    logger = logging.getLogger("service")
    previous = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    yield handler
    logger.removeHandler(handler)
    logger.setLevel(previous)


def marker_name() -> tuple[str, str]:
    """A surname no one has (Cyrillic, 9 letters), and its Latin spelling."""
    rng = random.Random()  # noqa: S311 - a test marker, not a secret
    surname = "Зор" + "".join(rng.choice(LETTERS) for _ in range(4)) + "ук"
    return surname, transliterate(surname)


def readable(content: bytes) -> list[bytes]:
    """What a stored value or file says: itself, and a document's text (DOCX XML, PDF)."""
    found = [content]
    if content.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            found += [archive.read(name) for name in archive.namelist()]
    elif content.startswith(b"%PDF"):
        with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
            pdf.write(content)
            pdf.flush()
            text = subprocess.run(
                ["pdftotext", "-q", pdf.name, "-"], capture_output=True, check=False, timeout=60
            ).stdout
        found.append(text)
    return found


def expand(value: Any, app: Flask) -> list[bytes]:
    """A value as bytes to search: text as UTF-8, JSON as written, bytes raw and decrypted."""
    if value is None:
        return []
    if isinstance(value, bytes | memoryview):
        raw = bytes(value)
        try:
            plain = app.extensions["storage"].cipher.decrypt(raw)
        except (KeyConfigurationError, ValueError):
            return [raw]
        return [raw, *readable(plain)]
    if isinstance(value, dict | list):
        return [json.dumps(value, ensure_ascii=False).encode()]
    return [str(value).encode()]


def places_holding(app: Flask, words: tuple[str, ...]) -> list[str]:
    """Every place the service keeps data that holds one of `words` (byte for byte)."""
    # As written in UTF-8, lowercased (file names), and as JSON escapes ("\\u0417...").
    forms = {form for word in words for form in (word, word.lower())}
    needles = [form.encode() for form in forms] + [
        json.dumps(form)[1:-1].encode() for form in forms
    ]
    hits: list[str] = []
    storage = app.extensions["storage"]
    with storage.database.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            for row in connection.execute(select(table)):
                for column, value in row._mapping.items():
                    if any(n in text for text in expand(value, app) for n in needles):
                        hits.append(f"{table.name}.{column}")
    for path in Path(app.config["VAR_DIR"]).rglob("*"):
        if path.is_file() and any(
            n in text for text in expand(path.read_bytes(), app) for n in needles
        ):
            hits.append(str(path))
    return hits


def marker_case(client: FlaskClient, example: dict[str, Any], surname: str) -> dict[str, Any]:
    """A case whose first child is the marker person (the second child is not)."""
    data = family_case(example)
    data["children"][0] = {**data["children"][0], "surname": surname, "given_name": "Ярема"}
    response = client.post("/api/v1/cases", json={"data": data})
    assert response.status_code == 201, response.get_json()
    case: dict[str, Any] = response.get_json()
    return case


def make_everything(
    app: Flask, client: FlaskClient, case: dict[str, Any], child_id: str
) -> list[dict[str, Any]]:
    """Documents (PDF and DOCX), preview images, a link and a packet job of the marker."""
    documents = []
    for fmt in ("pdf", "docx"):
        response = client.post(
            f"{case['url']}/documents",
            json={"template": BIRTH_FACT, "format": fmt, "lang": "uk-en", "child_id": child_id},
        )
        assert response.status_code == 201, response.get_json()
        documents.append(response.get_json())
    # An evidence file of the marker child: its name, caption and bytes hold the marker.
    surname = case["data"]["children"][0]["surname"]
    scan = io.BytesIO()
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", f"{surname} {transliterate(surname)}")
    Image.new("L", (200, 280), 220).save(scan, format="PNG", pnginfo=info)
    evidence = client.post(
        f"{case['url']}/evidence",
        data={
            "file": (io.BytesIO(scan.getvalue()), f"{surname}.png", "image/png"),
            "kind": "occupation_birth_certificate",
            "person": child_id,
            "description": f"Фото {surname}",
        },
        content_type="multipart/form-data",
    )
    assert evidence.status_code == 201, evidence.get_json()
    storage = app.extensions["storage"]
    pdf = storage.files.load(documents[0]["sha256"])
    storage.page_images(RENDERER_VERSION).ensure(
        documents[0]["sha256"], lambda: page_images.render_page_images(pdf)
    )
    link = client.post(f"/api/v1/documents/{documents[0]['id']}/links", json={})
    assert link.status_code == 201
    documents[0]["link"] = link.get_json()["url"]
    job = client.post(
        "/api/v1/jobs",
        json={
            "kind": "packet",
            "case_id": case["id"],
            "documents": [BIRTH_FACT],
            "child_ids": [child_id],
            "langs": ["en"],
            "formats": ["docx"],
        },
    )
    assert job.status_code == 202, job.get_json()
    assert wait_for_job(client, job.headers["Location"])["state"] == "done"
    # A caseworker's note that names the marker person (free text, encrypted).
    marker = case["data"]["children"][0]["surname"]
    storage.notes.add(case["id"], f"Дзвонили щодо {marker}", principal=SYSTEM)
    return documents


def test_an_erased_case_leaves_no_byte_of_its_people_anywhere(
    storage_app: Flask,
    storage_client: FlaskClient,
    storage_admin: FlaskClient,
    birth_fact_example: dict[str, Any],
    service_logs: LogLines,
) -> None:
    surname, latin = marker_name()
    case = marker_case(storage_client, birth_fact_example, surname)
    child_id = case["data"]["children"][0]["id"]
    documents = make_everything(storage_app, storage_client, case, child_id)
    verification = storage_client.get(f"/api/v1/documents/{documents[0]['id']}/verification")
    code = verification.get_json()["code"]
    held = places_holding(storage_app, (surname, latin))
    # The control: the search sees the marker in the case, the documents and their files.
    assert "cases.data_encrypted" in held and "documents.subject_encrypted" in held
    assert "evidence.description_encrypted" in held and "evidence.filename_encrypted" in held
    assert "case_notes.text_encrypted" in held
    assert any(place.startswith(("document_blobs", "/")) for place in held), held

    assert storage_client.delete(f"{case['url']}?reason=consent_withdrawn").status_code == 403
    erased = storage_admin.delete(f"{case['url']}?reason=consent_withdrawn")
    assert erased.status_code == 200, erased.get_json()
    counts = erased.get_json()["erased"]
    assert counts["cases"] == 1 and counts["documents"] >= 2 and counts["jobs"] == 1
    assert counts["evidence"] == 1

    assert places_holding(storage_app, (surname, latin)) == []
    assert not any(surname in line or latin in line for line in service_logs.lines)
    assert storage_client.get(case["url"]).status_code == 404
    for document in documents:
        assert storage_client.get(f"/api/v1/documents/{document['id']}").status_code == 404
        folder = storage_app.extensions["storage"].page_images(RENDERER_VERSION)
        assert not folder.folder_of(document["sha256"]).exists()
    assert storage_client.get(documents[0]["link"].split("8000", 1)[1]).status_code in (404, 410)
    # The seal stays, and says the document was withdrawn, naming no one.
    page = storage_client.get(f"/verify/{code}")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "withdrawn at the request of the person it concerns" in text
    assert "відкликано на прохання особи" in text
    assert surname not in text and "Genuine document" not in text
    events = storage_admin.get("/api/v1/audit", query_string={"limit": 1000}).get_json()["events"]
    erasure = [e for e in events if e["action"] == "case_erased" and e["case_id"] == case["id"]]
    assert erasure and erasure[0]["details"]["reason"] == "consent_withdrawn"


def test_erasing_one_child_keeps_the_family_and_forgets_the_child(
    storage_app: Flask,
    storage_client: FlaskClient,
    storage_admin: FlaskClient,
    birth_fact_example: dict[str, Any],
) -> None:
    surname, latin = marker_name()
    case = marker_case(storage_client, birth_fact_example, surname)
    child_id, sibling_id = (child["id"] for child in case["data"]["children"])
    make_everything(storage_app, storage_client, case, child_id)
    assert places_holding(storage_app, (surname, latin))

    url = f"{case['url']}/people/{child_id}?reason=request_of_person"
    assert storage_admin.delete(f"{case['url']}/people/nobody1?reason=duplicate").status_code == 404
    assert storage_admin.delete(f"{case['url']}/people/{child_id}").status_code == 422
    erased = storage_admin.delete(url)
    assert erased.status_code == 200, erased.get_json()
    body = erased.get_json()
    assert [child["id"] for child in body["case"]["data"]["children"]] == [sibling_id]
    assert body["erased"]["people"] == 1 and body["erased"]["documents"] >= 2
    assert body["erased"]["evidence"] == 1

    assert places_holding(storage_app, (surname, latin)) == []
    remaining = storage_client.get(case["url"]).get_json()
    assert remaining["documents"] == [] and remaining["data"]["mother"]
    plan = storage_client.get(f"{case['url']}/plan").get_json()
    assert child_id not in json.dumps(plan)
    # The family goes on: the sibling's court application can be made again.
    again = storage_client.post(
        f"{case['url']}/documents",
        json={"template": BIRTH_FACT, "format": "docx", "child_id": sibling_id},
    )
    assert again.status_code == 201, again.get_json()
    mother = storage_admin.delete(f"{case['url']}/people/mother?reason=request_of_person")
    assert mother.status_code == 200 and "mother" not in mother.get_json()["case"]["data"]


def test_an_export_holds_the_case_its_plan_and_its_documents(
    storage_client: FlaskClient,
    storage_admin: FlaskClient,
    storage_app: Flask,
    birth_fact_example: dict[str, Any],
) -> None:
    surname, _latin = marker_name()
    case = marker_case(storage_client, birth_fact_example, surname)
    child_id, sibling_id = (child["id"] for child in case["data"]["children"])
    documents = make_everything(storage_app, storage_client, case, child_id)

    response = storage_client.get(f"{case['url']}/export")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        held = json.loads(archive.read("export.json"))
        assert held["case"]["data"]["children"][0]["surname"] == surname
        assert {step["person"] for step in held["plan"]} >= {child_id, sibling_id}
        assert held["jobs"] and held["jobs"][0]["request"]["case_id"] == case["id"]
        assert any(event["action"] == "case_created" for event in held["audit"])
        for document in documents:
            listed = next(d for d in held["documents"] if d["id"] == document["id"])
            assert listed["links"] if document.get("link") else True
            stored = archive.read(listed["file"])
            assert storage_client.get(document["download_url"]).data == stored
        (evidence,) = held["evidence"]
        assert evidence["filename"] == f"{surname}.png" and evidence["person"] == child_id
        assert archive.read(evidence["file"]).startswith(b"\x89PNG")

    person = storage_client.get(f"{case['url']}/people/{sibling_id}/export")
    assert person.status_code == 200
    with zipfile.ZipFile(io.BytesIO(person.data)) as archive:
        held = json.loads(archive.read("export.json"))
        assert held["case"]["data"]["id"] == sibling_id
        assert surname not in json.dumps(held["case"], ensure_ascii=False)
        assert {step["person"] for step in held["plan"]} == {sibling_id}
        assert held["documents"] == [] and len(held["other_documents_of_the_case"]) >= 2
        assert held["evidence"] == []
    assert storage_client.get(f"{case['url']}/people/nobody1/export").status_code == 404
    other = storage_app.test_client()
    token = storage_app.config["TEST_TOKENS"]["other_caseworker"]
    other.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    assert other.get(f"{case['url']}/export").status_code == 404
