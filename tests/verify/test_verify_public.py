"""The public verification page and API: genuine, revoked, unknown; by code and by file."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from tests.conftest import client_as
from tests.verify.conftest import BIRTH_FACT, OUR_ORGANISATION, PERSONAL, example, issue


def seal_of(client: FlaskClient, document_id: str) -> dict[str, object]:
    body: dict[str, object] = client.get(f"/api/v1/documents/{document_id}/verification").get_json()
    return body


def upload(client: FlaskClient, content: bytes) -> dict[str, object]:
    response = client.post(
        "/api/v1/verify",
        data={"file": (io.BytesIO(content), "document.pdf")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    body: dict[str, object] = response.get_json()
    return body


def assert_nothing_personal(text: str) -> None:
    for secret in PERSONAL:
        assert secret not in text, f"{secret!r} shown publicly"


def test_a_genuine_document_by_code_on_the_page_and_in_the_api(app: Flask) -> None:
    caseworker = client_as(app, "caseworker")
    response = issue(caseworker, 11)
    code = str(seal_of(caseworker, response.headers["X-Document-Id"])["code"])
    public = client_as(app, None)
    answer = public.get(f"/api/v1/verify/{code}")
    assert answer.status_code == 200
    body = answer.get_json()
    assert body["genuine"] is True and body["revoked"] is False
    assert body["template"] == BIRTH_FACT and body["issuer"] == OUR_ORGANISATION
    assert body["sha256"] == response.headers["X-Content-SHA256"]
    assert body["signed"] is True and body["issued"]
    assert_nothing_personal(answer.get_data(as_text=True))
    # As a person types it: lower case, spaces, O for 0.
    typed = code.lower().replace("-", " ").replace("0", "o")
    assert public.get(f"/api/v1/verify/{typed}").get_json()["code"] == code
    page = public.get(f"/verify/{code}")
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    assert "Справжній документ" in html and "Genuine document" in html
    assert body["sha256"] in html and OUR_ORGANISATION in html
    assert "default-src 'none'" in page.headers["Content-Security-Policy"]
    assert_nothing_personal(html)
    form = public.get("/verify", query_string={"code": typed})
    assert form.status_code == 303 and form.headers["Location"].endswith(f"/verify/{code}")


def test_an_unknown_code_is_not_genuine(app: Flask) -> None:
    public = client_as(app, None)
    answer = public.get("/api/v1/verify/ZZZZ-ZZZZ-ZZZZ")
    assert answer.status_code == 404
    assert answer.mimetype == "application/problem+json"
    assert answer.get_json()["type"] == "/problems/verification-code-not-found"
    page = public.get("/verify/ZZZZ-ZZZZ-ZZZZ")
    assert page.status_code == 404
    assert "Документа з таким кодом не видавали" in page.get_data(as_text=True)
    assert public.get("/verify/not-a-code-at-all").status_code == 404
    assert public.get("/verify").status_code == 200


def test_revocation_by_the_author_shows_on_the_page_without_the_private_note(
    app: Flask,
) -> None:
    caseworker = client_as(app, "caseworker")
    response = issue(caseworker, 12)
    document_id = response.headers["X-Document-Id"]
    code = str(seal_of(caseworker, document_id)["code"])
    note = "Петренко Андрій: дата народження виправлена"
    revoked = caseworker.post(
        f"/api/v1/documents/{document_id}/revoke",
        json={"reason": "issued_in_error", "note": note},
    )
    assert revoked.status_code == 200, revoked.get_json()
    assert revoked.get_json()["revoked"] is True
    again = caseworker.post(f"/api/v1/documents/{document_id}/revoke", json={"reason": "withdrawn"})
    assert again.status_code == 409
    public = client_as(app, None)
    body = public.get(f"/api/v1/verify/{code}").get_json()
    assert (body["genuine"], body["revoked"], body["revocation_reason"]) == (
        False,
        True,
        "issued_in_error",
    )
    html = public.get(f"/verify/{code}").get_data(as_text=True)
    assert "Цей документ відкликано" in html and "This document was revoked" in html
    assert "видано помилково" in html and "issued in error" in html
    assert_nothing_personal(html)
    # The note is for those who may see the document, and never in the audit trail.
    assert seal_of(caseworker, document_id)["revocation_note"] == note
    events = client_as(app, "admin").get("/api/v1/audit", query_string={"limit": 1000})
    (event,) = [
        e
        for e in events.get_json()["events"]
        if e["action"] == "document_revoked" and e["document_id"] == document_id
    ]
    assert event["details"]["reason"] == "issued_in_error" and event["details"]["note_given"]
    assert_nothing_personal(json.dumps(event, ensure_ascii=False))
    # A revoked document is never served again for the same input: a new one is made.
    repeat = issue(caseworker, 12)
    assert repeat.headers["X-Served-From-Store"] == "false"
    assert repeat.headers["X-Document-Id"] != document_id
    assert seal_of(caseworker, repeat.headers["X-Document-Id"])["code"] != code


def test_only_the_author_or_an_admin_may_revoke(app: Flask) -> None:
    caseworker = client_as(app, "caseworker")
    document_id = issue(caseworker, 13).headers["X-Document-Id"]
    access = app.extensions["access"]
    ours = next(o["id"] for o in access.list_organisations() if o["name"] == OUR_ORGANISATION)
    _, token = access.create_token(role="caseworker", name="colleague", organisation_id=ours)
    colleague = app.test_client()
    colleague.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    body = {"reason": "superseded"}
    refused = colleague.post(f"/api/v1/documents/{document_id}/revoke", json=body)
    assert refused.status_code == 403
    assert refused.get_json()["type"] == "/problems/revocation-forbidden"
    other = client_as(app, "other_caseworker")
    assert other.post(f"/api/v1/documents/{document_id}/revoke", json=body).status_code == 404
    invalid = caseworker.post(f"/api/v1/documents/{document_id}/revoke", json={"reason": "x"})
    assert invalid.status_code == 422 and "reason" in invalid.get_json()["errors"]
    admin = client_as(app, "admin")
    assert admin.post(f"/api/v1/documents/{document_id}/revoke", json=body).status_code == 200


def test_an_uploaded_pdf_is_genuine_until_a_byte_changes_or_it_is_revoked(app: Flask) -> None:
    caseworker = client_as(app, "caseworker")
    response = issue(caseworker, 14)
    public = client_as(app, None)
    genuine = upload(public, response.data)
    assert genuine["genuine"] is True and genuine["reason"] is None
    assert genuine["signature"] == {
        "readable": True,
        "present": True,
        "intact": True,
        "trusted": True,
        "covers_whole_file": True,
        "valid": True,
    }
    document = genuine["document"]
    assert isinstance(document, dict) and document["sha256"] == response.headers["X-Content-SHA256"]
    assert_nothing_personal(json.dumps(genuine, ensure_ascii=False))
    tampered = bytearray(response.data)
    tampered[len(tampered) // 3] ^= 0x01
    changed = upload(public, bytes(tampered))
    assert changed["genuine"] is False
    assert changed["reason"] in ("signature_invalid", "not_a_pdf")
    appended = upload(public, response.data + b"\n% appended after signing\n")
    assert appended["genuine"] is False
    document_id = response.headers["X-Document-Id"]
    caseworker.post(f"/api/v1/documents/{document_id}/revoke", json={"reason": "superseded"})
    revoked = upload(public, response.data)
    assert (revoked["genuine"], revoked["reason"]) == (False, "revoked")


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"not a pdf at all", "not_a_pdf"), (b"%PDF-1.7\n garbage", "not_a_pdf")],
)
def test_an_upload_that_is_not_our_pdf_is_not_genuine(
    app: Flask, content: bytes, reason: str
) -> None:
    answer = upload(client_as(app, None), content)
    assert (answer["genuine"], answer["reason"], answer["document"]) == (False, reason, None)


def test_an_unsigned_pdf_is_not_genuine(app: Flask) -> None:
    unsigned = app.extensions["document_pipeline"].render(BIRTH_FACT, example(15), "uk", "pdf")
    answer = upload(client_as(app, None), unsigned.content)
    assert (answer["genuine"], answer["reason"]) == (False, "not_signed")


def test_a_pdf_signed_with_another_certificate_is_not_genuine(app: Flask, tmp_path: Path) -> None:
    from service.verification import (
        DocumentSigner,
        SigningSettings,
        create_development_identity,
    )

    create_development_identity(tmp_path / "other.p12")
    stranger = DocumentSigner(SigningSettings(tmp_path / "other.p12"))
    unsigned = app.extensions["document_pipeline"].render(BIRTH_FACT, example(16), "uk", "pdf")
    forged = stranger.sign(unsigned.content, stranger.signing_time(unsigned.render_date), reason="")
    answer = upload(client_as(app, None), forged)
    assert (answer["genuine"], answer["reason"]) == (False, "signature_invalid")
    assert answer["signature"]["intact"] and not answer["signature"]["trusted"]  # type: ignore[index]


def test_the_upload_route_wants_a_file(app: Flask) -> None:
    public = client_as(app, None)
    assert public.post("/api/v1/verify", json={"file": "x"}).status_code == 415
    missing = public.post("/api/v1/verify", data={}, content_type="multipart/form-data")
    assert missing.status_code == 422 and "file" in missing.get_json()["errors"]


def check_on_the_page(app: Flask, content: bytes | None) -> tuple[int, str]:
    """Upload a file with the public page's form, as a court would; the status and the page."""
    # Encoded in memory: the test client would spool a large body to a temporary file
    # and leave it open when the service refuses the body unread.
    files = {"file": FileStorage(io.BytesIO(content), "received.pdf")} if content else {}
    boundary, body = encode_multipart(MultiDict(files))
    response = app.test_client().post(
        "/verify/file", data=body, content_type=f"multipart/form-data; boundary={boundary}"
    )
    return response.status_code, response.get_data(as_text=True)


def test_a_court_checks_the_file_it_received_on_the_public_page(app: Flask) -> None:
    caseworker = client_as(app, "caseworker")
    issued = issue(caseworker, 20)
    content = issued.data
    page = app.test_client().get("/verify").get_data(as_text=True)
    assert 'action="/verify/file"' in page and 'type="file"' in page
    status, genuine = check_on_the_page(app, content)
    assert status == 200
    assert "Цей файл — виданий нами документ, без змін, і його не відкликано" in genuine
    assert "This file is a document we issued, unchanged, and it is not revoked" in genuine
    assert OUR_ORGANISATION in genuine
    assert_nothing_personal(genuine)
    changed = bytearray(content)
    changed[content.index(b"/Producer") + 2] ^= 0x01
    status, forged = check_on_the_page(app, bytes(changed))
    assert status == 200 and "do not rely on it" in forged and OUR_ORGANISATION not in forged
    _status, text = check_on_the_page(app, b"hello")
    assert "neither a signed PDF nor a DOCX file that we issued" in text
    status, empty = check_on_the_page(app, None)
    assert status == 422 and "Choose the file first" in empty
    too_big = b"%PDF-" + b"0" * (app.config["MAX_CONTENT_LENGTH"] + 10)
    status, large = check_on_the_page(app, too_big)
    assert status == 413 and "larger than any document" in large
    document_id = issued.headers["X-Document-Id"]
    revoked = caseworker.post(
        f"/api/v1/documents/{document_id}/revoke", json={"reason": "superseded"}
    )
    assert revoked.status_code == 200
    _status, after = check_on_the_page(app, content)
    assert "unchanged, but it was revoked" in after and "replaced by a newer document" in after
