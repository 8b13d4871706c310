"""Evidence files: upload (type from the bytes, size limit), storage at rest, the court
application's attachments, the packet's labelled annexes, sharing with a partner, deletion
and the audit trail, on SQLite (file store) and PostgreSQL (database store)."""

from __future__ import annotations

import hashlib
import io
import json
import re
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from PIL import Image, PngImagePlugin
from pypdf import PdfReader
from sqlalchemy import select

from service.storage.models import DocumentBlob
from tests.conftest import client_as
from tests.storage.conftest import family_case

BIRTH_FACT = "identity.birth_fact_court_application"


def jpeg(size: tuple[int, int] = (640, 480), colour: str = "red") -> bytes:
    """A real small JPEG photo."""
    stream = io.BytesIO()
    Image.new("RGB", size, colour).save(stream, format="JPEG", quality=80)
    return stream.getvalue()


def png(text: str = "", size: tuple[int, int] = (300, 400)) -> bytes:
    """A real small PNG scan (with a text chunk, if given)."""
    stream = io.BytesIO()
    info = PngImagePlugin.PngInfo()
    if text:
        info.add_text("Comment", text)
    Image.new("L", size, 200).save(stream, format="PNG", pnginfo=info)
    return stream.getvalue()


def pdf(pages: int = 2) -> bytes:
    """A real small PDF of `pages` pages (Pillow writes it)."""
    images = [Image.new("RGB", (595, 842), colour) for colour in ("white", "yellow", "blue")]
    stream = io.BytesIO()
    images[0].save(stream, format="PDF", save_all=True, append_images=images[1:pages])
    return stream.getvalue()


def pdf_text(content: bytes) -> str:
    """The text of a PDF, as pdftotext reads it."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(content)
        file.flush()
        return subprocess.run(
            ["pdftotext", "-layout", file.name, "-"],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout


BOUNDARY = "evidence-test-boundary-7f3a"


def upload(
    client: FlaskClient,
    case: dict[str, Any],
    content: bytes,
    *,
    filename: str = "scan.pdf",
    content_type: str = "application/octet-stream",
    **fields: str,
) -> Any:
    """POST an evidence file as a browser or a client sends it (multipart, written out
    here so a large body stays in memory on the client's side)."""
    parts = [
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    parts.append(
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
        f"Content-Type: {content_type}\r\n\r\n".encode()
        + content
        + b"\r\n"
    )
    body = b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()
    return client.post(
        f"{case['url']}/evidence",
        data=body,
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
    )


@pytest.fixture
def case(storage_client: FlaskClient, birth_fact_example: dict[str, Any]) -> dict[str, Any]:
    """A family of two children, both born under occupation."""
    response = storage_client.post("/api/v1/cases", json={"data": family_case(birth_fact_example)})
    assert response.status_code == 201, response.get_json()
    created: dict[str, Any] = response.get_json()
    return created


@pytest.fixture
def small_limit(storage_app: Flask) -> Iterator[int]:
    """An evidence limit of half a megabyte for one test."""
    before = storage_app.config["EVIDENCE_MAX_BYTES"]
    storage_app.config["EVIDENCE_MAX_BYTES"] = 512 * 1024
    yield 512 * 1024
    storage_app.config["EVIDENCE_MAX_BYTES"] = before


def stored_at_rest(app: Flask, sha256: str) -> bytes:
    """The bytes as they lie in the store (a file, or a database row)."""
    storage = app.extensions["storage"]
    if storage.files.joins_transactions:
        with storage.database.engine.connect() as connection:
            return bytes(
                connection.scalar(select(DocumentBlob.content).where(DocumentBlob.sha256 == sha256))
            )
    return bytes(storage.files.path_of(sha256).read_bytes())


def test_each_type_is_told_from_its_bytes_stored_encrypted_and_read_back(
    storage_app: Flask, storage_client: FlaskClient, case: dict[str, Any]
) -> None:
    child_id = case["data"]["children"][0]["id"]
    sent = {
        "pdf": pdf(2),
        "jpeg": jpeg(),
        "png": png(),
    }
    # Names and Content-Types that lie: the bytes decide.
    made = {
        "pdf": upload(storage_client, case, sent["pdf"], filename="photo.jpg",
                      content_type="image/jpeg", kind="occupation_birth_certificate",
                      person=child_id),
        "jpeg": upload(storage_client, case, sent["jpeg"], filename="scan.png",
                       content_type="image/png", kind="medical_birth_record",
                       description="Довідка пологового будинку"),
        "png": upload(storage_client, case, sent["png"], filename="../../x/doc.pdf",
                      content_type="application/pdf", kind="photo_or_video"),
    }  # fmt: skip
    for response in made.values():
        assert response.status_code == 201, response.get_json()
    bodies = {name: response.get_json() for name, response in made.items()}
    assert bodies["pdf"]["media_type"] == "application/pdf" and bodies["pdf"]["pages"] == 2
    assert bodies["jpeg"]["media_type"] == "image/jpeg" and bodies["jpeg"]["pages"] == 1
    assert bodies["png"]["media_type"] == "image/png"
    assert bodies["png"]["filename"] == "doc.pdf"  # no folders kept
    assert bodies["pdf"]["person"] == child_id and bodies["jpeg"]["person"] is None
    assert bodies["jpeg"]["description"] == {"uk": "Довідка пологового будинку"}

    listed = storage_client.get(f"{case['url']}/evidence").get_json()["evidence"]
    assert [item["id"] for item in listed] == [bodies[n]["id"] for n in ("pdf", "jpeg", "png")]
    for name, body in bodies.items():
        file = storage_client.get(body["download_url"])
        assert file.status_code == 200 and file.data == sent[name]
        assert file.mimetype == body["media_type"]
        assert file.headers["X-Content-Type-Options"] == "nosniff"
        at_rest = stored_at_rest(storage_app, body["sha256"])
        assert at_rest.startswith(b"PWE1") and sent[name][:64] not in at_rest
    # Another organisation sees nothing of it.
    other = client_as(storage_app, "other_caseworker")
    assert other.get(f"{case['url']}/evidence").status_code == 404
    assert other.get(bodies["pdf"]["download_url"]).status_code == 404


def test_a_file_that_is_not_what_it_claims_is_refused_with_every_error_at_once(
    storage_client: FlaskClient, case: dict[str, Any]
) -> None:
    html = b"<html><script>alert(1)</script></html>"
    spoofed = upload(storage_client, case, html, filename="photo.jpg", content_type="image/jpeg",
                     kind="nonsense", person="nobody")  # fmt: skip
    assert spoofed.status_code == 422
    errors = spoofed.get_json()["errors"]
    assert set(errors) == {"file", "kind", "person"}
    assert "PDF, a JPEG or a PNG" in errors["file"][0]["en"]
    assert "PDF, JPEG або PNG" in errors["file"][0]["uk"]
    # A JPEG's first bytes and then nothing a decoder can read.
    broken = upload(storage_client, case, b"\xff\xd8\xff\xe0" + b"\0" * 200, kind="other",
                    description="Фото")  # fmt: skip
    assert broken.status_code == 422
    assert "cannot be read as a JPEG" in broken.get_json()["errors"]["file"][0]["en"]
    heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic" + b"\0" * 100
    refused = upload(storage_client, case, heic, filename="IMG_0001.HEIC", kind="photo_or_video")
    assert refused.status_code == 422
    message = refused.get_json()["errors"]["file"][0]
    assert "HEIC" in message["en"] and "JPEG" in message["en"]
    assert "HEIC" in message["uk"] and "iPhone" in message["uk"]
    # "Other evidence" needs a caption; JSON is not an upload.
    other = upload(storage_client, case, png(), kind="other")
    assert other.get_json()["errors"] == {
        "description": [other.get_json()["errors"]["description"][0]]
    }
    as_json = storage_client.post(f"{case['url']}/evidence", json={"kind": "other"})
    assert as_json.status_code == 415
    assert storage_client.get(f"{case['url']}/evidence").get_json()["evidence"] == []


def test_a_file_over_the_limit_is_refused_with_a_413_problem(
    storage_client: FlaskClient, case: dict[str, Any], small_limit: int
) -> None:
    noise = Image.frombytes("L", (800, 800), bytes(range(256)) * (800 * 800 // 256 + 1))
    stream = io.BytesIO()
    noise.save(stream, format="PNG", compress_level=0)
    big = stream.getvalue()
    assert len(big) > small_limit
    response = upload(storage_client, case, big, kind="photo_or_video")
    assert response.status_code == 413
    assert response.mimetype == "application/problem+json"
    problem = response.get_json()
    assert problem["type"].endswith("evidence-too-large")
    assert "0.5 МБ" in problem["detail"]  # said in the caller's language (Ukrainian first)
    # Just over the limit, within the multipart framing's room: refused as well.
    edge = png() + b"\0" * (small_limit - len(png()) + 10)
    assert upload(storage_client, case, edge, kind="photo_or_video").status_code == 413
    # A body far over it is refused before it is read.
    huge = upload(storage_client, case, b"%PDF-" + b"\0" * (small_limit * 3), kind="other")
    assert huge.status_code == 413
    assert storage_client.get(f"{case['url']}/evidence").get_json()["evidence"] == []


def attach_family_evidence(client: FlaskClient, case: dict[str, Any]) -> dict[str, Any]:
    """The first child's maternity record (JPEG) and occupiers' certificate (2-page PDF),
    and a family photo (PNG)."""
    child_id = case["data"]["children"][0]["id"]
    record = upload(client, case, jpeg(), filename="record.jpg", kind="medical_birth_record",
                    person=child_id, description="Довідка ф. 103/о",
                    description_en="Form 103/o")  # fmt: skip
    certificate = upload(client, case, pdf(2), kind="occupation_birth_certificate",
                         person=child_id)  # fmt: skip
    photo = upload(client, case, png(), filename="family.png", kind="photo_or_video",
                   description="Мати з новонародженою",
                   description_en="The mother with the baby")  # fmt: skip
    for response in (record, certificate, photo):
        assert response.status_code == 201, response.get_json()
    return {
        "record": record.get_json(),
        "certificate": certificate.get_json(),
        "photo": photo.get_json(),
    }


def test_the_court_application_lists_the_evidence_and_the_packet_prints_it_as_annexes(
    storage_app: Flask, storage_client: FlaskClient, case: dict[str, Any]
) -> None:
    evidence = attach_family_evidence(storage_client, case)
    child_id = case["data"]["children"][0]["id"]
    made = storage_client.post(
        f"{case['url']}/documents",
        json={"template": BIRTH_FACT, "format": "pdf", "lang": "uk", "child_id": child_id},
    )
    assert made.status_code == 201, made.get_json()
    text = " ".join(pdf_text(storage_client.get(made.get_json()["download_url"]).data).split())
    assert "Медичний документ" in text or "Довідка ф. 103/о" in text
    assert "Довідка ф. 103/о (додаток 1, аркушів: 1)" in text
    assert "(додаток 2, аркушів: 2)" in text
    assert "Мати з новонародженою (додаток 3, аркушів: 1)" in text
    # The typed witnesses stay, after the files.
    assert "Коваль Марія Петрівна" in text
    # The English one, in English.
    english = storage_client.post(
        f"{case['url']}/documents",
        json={"template": BIRTH_FACT, "format": "pdf", "lang": "en", "child_id": child_id},
    )
    english_text = " ".join(
        pdf_text(storage_client.get(english.get_json()["download_url"]).data).split()
    )
    assert "Form 103/o (Annex 1, pages: 1)" in english_text

    packet = storage_client.post(
        f"{case['url']}/packet",
        json={"documents": [BIRTH_FACT], "child_ids": [child_id], "langs": ["uk"],
              "formats": ["pdf", "docx"]},
    )  # fmt: skip
    assert packet.status_code == 200, packet.get_data(as_text=True)[:500]
    archive = zipfile.ZipFile(io.BytesIO(packet.data))
    manifest = json.loads(archive.read("manifest.json"))
    annex_entries = [entry for entry in manifest["files"] if entry.get("annexes_of")]
    assert len(annex_entries) == 1  # the PDF and the DOCX share their annexes
    assert [e["evidence_id"] for e in annex_entries[0]["evidence"]] == [
        evidence[name]["id"] for name in ("record", "certificate", "photo")
    ]
    annexes = archive.read(annex_entries[0]["path"])
    reader = PdfReader(io.BytesIO(annexes))
    assert len(reader.pages) == 1 + 2 + 1
    labels = [" ".join(page.extract_text().split()) for page in reader.pages]
    assert labels[0].startswith("Додаток 1 — ")
    assert labels[1].startswith("Додаток 2, аркуш 1 з 2") and labels[2].startswith(
        "Додаток 2, аркуш 2 з 2"
    )
    assert labels[3].startswith("Додаток 3 — ") and "Мати з новонародженою" in labels[3]
    metadata = reader.xmp_metadata
    assert metadata is not None and "pdfaid" in str(metadata.rdf_root.toxml())
    # Each page shows the picture: the page has an image.
    assert all(page.images for page in reader.pages)
    # packet.pdf: the application, then its annexes, bookmarked under it.
    merged = PdfReader(io.BytesIO(archive.read("packet.pdf")))
    application_pages = len(PdfReader(io.BytesIO(archive.read(
        next(e["path"] for e in manifest["files"] if e["format"] == "pdf" and e["template"])
    ))).pages)  # fmt: skip
    assert len(merged.pages) == application_pages + 4
    assert "Додаток 1" in merged.pages[application_pages].extract_text()
    outline = merged.outline
    assert outline[0].title.startswith("Заява про встановлення факту народження")
    assert outline[1][0].title == "Додатки"


def test_a_partner_gets_the_evidence_only_with_the_document_that_lists_it(
    storage_app: Flask, storage_client: FlaskClient, case: dict[str, Any]
) -> None:
    evidence = attach_family_evidence(storage_client, case)
    first, second = (child["id"] for child in case["data"]["children"])
    # The second child's own file: listed by the second child's application only.
    own = upload(storage_client, case, pdf(1), kind="occupation_birth_certificate", person=second)
    assert own.status_code == 201
    made = storage_client.post(
        f"{case['url']}/documents",
        json={"template": BIRTH_FACT, "format": "pdf", "lang": "uk", "child_id": first},
    )
    document_id = made.get_json()["id"]
    partner = client_as(storage_app, "partner")
    assert partner.get(f"/api/v1/documents/{document_id}/evidence").status_code == 404
    assert partner.get(f"{case['url']}/evidence").status_code == 403
    with storage_app.app_context():
        organisations = storage_app.extensions["access"].list_organisations()
    partner_org = next(o["id"] for o in organisations if "партнер" in o["name"])
    shared = storage_client.post(
        f"/api/v1/documents/{document_id}/shares", json={"organisation_id": partner_org}
    )
    assert shared.status_code == 201, shared.get_json()
    listed = partner.get(f"/api/v1/documents/{document_id}/evidence")
    assert listed.status_code == 200
    items = listed.get_json()["evidence"]
    assert [(item["annex"], item["id"]) for item in items] == [
        (1, evidence["record"]["id"]),
        (2, evidence["certificate"]["id"]),
        (3, evidence["photo"]["id"]),
    ]
    file = partner.get(items[1]["download_url"])
    assert file.status_code == 200
    assert hashlib.sha256(file.data).hexdigest() == evidence["certificate"]["sha256"]
    # Not the second child's file, nor any file by the case's address.
    not_listed = f"/api/v1/documents/{document_id}/evidence/{own.get_json()['id']}/file"
    assert partner.get(not_listed).status_code == 404
    assert partner.get(evidence["photo"]["download_url"]).status_code == 403
    # Revoked sharing: nothing more.
    unshared = storage_client.delete(f"/api/v1/documents/{document_id}/shares/{partner_org}")
    assert unshared.status_code in (200, 204)
    assert partner.get(items[1]["download_url"]).status_code == 404


def test_deleting_evidence_removes_its_bytes_and_the_audit_names_no_one(
    storage_app: Flask,
    storage_client: FlaskClient,
    storage_admin: FlaskClient,
    case: dict[str, Any],
) -> None:
    marker = "Зорянська-Свідоцтво"
    # Bytes no other test sends (the same bytes are stored once, and stay while used).
    unique = png(text=case["id"])
    body = upload(storage_client, case, unique, filename=f"{marker}.png", kind="other",
                  description=marker).get_json()  # fmt: skip
    storage = storage_app.extensions["storage"]
    assert storage.files.exists(body["sha256"])
    assert storage_client.delete(f"{case['url']}/evidence/{body['id']}").status_code == 204
    assert storage_client.get(body["download_url"]).status_code == 404
    assert not storage.files.exists(body["sha256"])
    events = storage_admin.get("/api/v1/audit", query_string={"case_id": case["id"]}).get_json()[
        "events"
    ]
    added = next(e for e in events if e["action"] == "evidence_added")
    assert added["details"]["sha256"] == body["sha256"]
    assert added["details"]["size"] == body["size"]
    assert added["details"]["media_type"] == "image/png"
    assert any(e["action"] == "evidence_deleted" for e in events)
    assert marker not in json.dumps(events, ensure_ascii=False)
    assert re.search(r"\\u04", json.dumps(events)) is None  # no Cyrillic at all
