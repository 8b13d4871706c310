"""Stored PDFs are PDF/A-3b, carry a QR code and a typable code, and are PAdES-signed."""

from __future__ import annotations

import asyncio
import io
import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from flask import Flask
from pyhanko.keys import load_certs_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import async_validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from service.config import PROJECT_ROOT
from service.documents import DocumentPipeline, TemplateSpec, list_templates
from service.verification import DocumentSeal
from service.verification.seal import build_qr
from tests.conftest import client_as
from tests.readback import docx_text, pdf_reader, pdf_text
from tests.verify.conftest import (
    BIRTH_FACT,
    OUR_ORGANISATION,
    PERSONAL,
    example,
    issue,
    qr_modules_on_page,
)

CODE = re.compile(r"\b[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}\b")


def validate(app: Flask, content: bytes) -> object:
    """pyHanko's validation of the last signature, against the development trust root."""
    root = Path(app.config["VAR_DIR"]) / "signing-root.pem"
    context = ValidationContext(trust_roots=list(load_certs_from_pemder([str(root)])))
    signature = PdfFileReader(io.BytesIO(content)).embedded_signatures[-1]
    return asyncio.run(async_validate_pdf_signature(signature, context))


def test_stored_pdf_is_pdfa_3b_with_title_language_and_issuer_and_passes_qpdf(
    app: Flask, tmp_path: Path
) -> None:
    content = issue(client_as(app, "caseworker"), 1).data
    reader = pdf_reader(content)
    xmp = reader.xmp_metadata
    assert xmp is not None
    assert (xmp.pdfaid_part, xmp.pdfaid_conformance) == ("3", "B")  # type: ignore[attr-defined]
    assert xmp.dc_title["x-default"].startswith("Заява про встановлення факту народження")
    assert xmp.dc_creator == [OUR_ORGANISATION]
    info = reader.metadata
    assert info is not None and info.author == OUR_ORGANISATION
    assert reader.trailer["/Root"]["/Lang"] == "uk"
    assert reader.trailer["/Root"]["/OutputIntents"][0].get_object()["/S"] == "/GTS_PDFA1"
    metadata = repr(dict(info)) + xmp.stream.get_data().decode()
    for secret in PERSONAL:
        assert secret not in metadata, f"{secret!r} in the PDF's metadata"
    path = tmp_path / "signed.pdf"
    path.write_bytes(content)
    check = subprocess.run(
        ["qpdf", "--check", str(path)], capture_output=True, text=True, check=False
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert "No syntax or stream encoding errors" in check.stdout


def test_signature_validates_against_the_development_root_and_one_changed_byte_fails(
    app: Flask,
) -> None:
    content = issue(client_as(app, "caseworker"), 2).data
    status = validate(app, content)
    assert status.bottom_line  # type: ignore[attr-defined]
    assert status.intact and status.valid and status.trusted  # type: ignore[attr-defined]
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE  # type: ignore[attr-defined]
    tampered = bytearray(content)
    position = content.index(b"/Producer")
    tampered[position + 2] ^= 0x01  # one byte of the signed content
    broken = validate(app, bytes(tampered))
    assert not broken.intact and not broken.bottom_line  # type: ignore[attr-defined]


def test_unsigned_content_equals_a_fresh_render_and_a_repeat_gets_the_stored_signed_file(
    app: Flask, pipeline: DocumentPipeline
) -> None:
    client = client_as(app, "caseworker")
    first = issue(client, 3, lang="uk-en")
    second = issue(client, 3, lang="uk-en")
    assert second.headers["X-Served-From-Store"] == "true"
    assert second.data == first.data
    document_id = first.headers["X-Document-Id"]
    sealed = client.get(f"/api/v1/documents/{document_id}/verification").get_json()
    assert sealed["sha256"] == first.headers["X-Content-SHA256"] != sealed["unsigned_sha256"]
    fresh = pipeline.render(
        BIRTH_FACT,
        example(3),
        "uk-en",
        "pdf",
        today=date.fromisoformat(sealed["issued"]),
        seal=DocumentSeal(sealed["code"], sealed["verify_url"], sealed["issuer"]),
    )
    assert fresh.sha256 == sealed["unsigned_sha256"]
    assert first.data[: sealed["unsigned_size"]] == fresh.content
    # Signing is deterministic too: the same rendered bytes sign to the same file.
    signer = app.extensions["signer"]
    again = signer.sign(fresh.content, signer.signing_time(fresh.render_date), reason="x")
    assert again == signer.sign(fresh.content, signer.signing_time(fresh.render_date), reason="x")


def test_signing_the_same_pdf_by_another_clock_gives_the_same_file(
    app: Flask, pipeline: DocumentPipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pyHanko dated its update by the clock: two signatures a second apart differed."""
    import tzlocal

    fresh = pipeline.render(BIRTH_FACT, example(3), "uk", "pdf", today=date.today())
    signer = app.extensions["signer"]
    signing_time = signer.signing_time(fresh.render_date)
    signed = []
    # The clock's "now" as pyHanko reads it: the same moment, 26 hours apart on the dial.
    for zone in ("Pacific/Kiritimati", "Etc/GMT+12"):
        monkeypatch.setattr(tzlocal, "get_localzone", lambda zone=zone: ZoneInfo(zone))
        signed.append(signer.sign(fresh.content, signing_time, reason="x"))
    assert signed[0] == signed[1]


def test_the_code_and_the_qr_are_on_every_page_and_the_docx_is_registered_too(
    app: Flask, tmp_path: Path
) -> None:
    client = client_as(app, "caseworker")
    response = issue(client, 4, lang="uk-en")
    sealed = client.get(
        f"/api/v1/documents/{response.headers['X-Document-Id']}/verification"
    ).get_json()
    reader = pdf_reader(response.data)
    for page in reader.pages:
        text = page.extract_text()
        assert sealed["code"] in text and sealed["verify_url"] in text
        assert "Перевірити справжність документа" in text and "Check that this document" in text
    # The QR code, read back from the printed page, is the verification address.
    expected = [[int(dark) for dark in row] for row in build_qr(sealed["verify_url"]).matrix]
    for page_number in (1, len(reader.pages)):
        read = qr_modules_on_page(response.data, page_number, len(expected), tmp_path)
        assert read == expected
    docx = issue(client, 4, fmt="docx")
    registered = client.get(f"/api/v1/documents/{docx.headers['X-Document-Id']}/verification")
    assert registered.get_json()["signed"] is False
    assert registered.get_json()["sha256"] == docx.headers["X-Content-SHA256"]
    # The DOCX prints its own code and address in the footer, and checks by upload.
    docx_code = registered.get_json()["code"]
    footer = docx_text(docx.data)
    assert f"код: {docx_code}" in footer and registered.get_json()["verify_url"] in footer
    checked = client.post(
        "/api/v1/verify",
        data={"file": (io.BytesIO(docx.data), "document.docx")},
        content_type="multipart/form-data",
    ).get_json()
    assert checked["genuine"] is True and checked["document"]["code"] == docx_code
    changed = docx.data[:-1] + bytes([docx.data[-1] ^ 1])
    forged = client.post(
        "/api/v1/verify",
        data={"file": (io.BytesIO(changed), "document.docx")},
        content_type="multipart/form-data",
    ).get_json()
    assert forged["genuine"] is False


def test_a_docx_without_a_seal_prints_no_verification_line(pipeline: DocumentPipeline) -> None:
    document = pipeline.render(BIRTH_FACT, example(5), "uk", "docx")
    text = docx_text(document.content)
    assert not CODE.search(text) and "справжність" not in text
    assert "Версія бланка" not in text  # no program text on a filed paper


@pytest.mark.parametrize("spec", [pytest.param(s, id=s.id) for s in list_templates()])
def test_every_template_prints_the_verification_code_and_address(
    pipeline: DocumentPipeline, spec: TemplateSpec
) -> None:
    seal = DocumentSeal("7KQ2-M9TD-X4BN", "http://127.0.0.1:8000/verify/7KQ2-M9TD-X4BN", "Офіс")
    document = pipeline.render(spec.id, spec.load_example(), "uk", "pdf", seal=seal)
    text = pdf_text(document.content)
    assert "код: 7KQ2-M9TD-X4BN" in text
    assert "http://127.0.0.1:8000/verify/7KQ2-M9TD-X4BN" in text
    pages = len(pdf_reader(document.content).pages)
    assert text.count("7KQ2-M9TD-X4BN") == 2 * pages  # in the address and alone, every page


def test_a_render_without_a_seal_prints_no_code(pipeline: DocumentPipeline) -> None:
    document = pipeline.render(BIRTH_FACT, example(5), "uk", "pdf")
    assert not CODE.search(pdf_text(document.content))


def test_keys_init_makes_the_development_certificate_once(tmp_path: Path) -> None:
    def keys_init() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "flask", "--app", "wsgi", "keys", "init"],
            cwd=PROJECT_ROOT,
            env={"PATH": "/usr/bin:/bin", "PAPERWORK_VAR_DIR": str(tmp_path)},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    made = keys_init()
    assert made.returncode == 0, made.stderr
    assert "created" in made.stderr and "signing.p12" in made.stderr
    p12 = tmp_path / "signing.p12"
    assert p12.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "signing-root.pem").read_text().startswith("-----BEGIN CERTIFICATE")
    first = p12.read_bytes()
    kept = keys_init()
    assert kept.returncode == 0 and "kept" in kept.stderr
    assert p12.read_bytes() == first
