"""With a timestamp server configured, signatures carry an RFC 3161 timestamp (PAdES B-T).

The timestamp server is a real HTTP server on 127.0.0.1 that answers with pyHanko's
test time-stamping authority.
"""

from __future__ import annotations

import asyncio
import io
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from asn1crypto import tsp
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.keys import (
    load_certs_from_pemder,
    load_certs_from_pemder_data,
    load_private_key_from_pemder_data,
)
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.timestamps import DummyTimeStamper
from pyhanko.sign.validation import async_validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from tests.conftest import build_test_app, client_as
from tests.verify.conftest import BIRTH_FACT, example, issue


def make_tsa() -> tuple[DummyTimeStamper, bytes]:
    """A self-signed time-stamping authority; returns it and its certificate (PEM)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test TSA")])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=30))
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .sign(key, hashes.SHA256())
    )
    pem = certificate.public_bytes(serialization.Encoding.PEM)
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    (asn1_certificate,) = load_certs_from_pemder_data(pem)
    stamper = DummyTimeStamper(
        tsa_cert=asn1_certificate, tsa_key=load_private_key_from_pemder_data(key_pem, None)
    )
    return stamper, pem


@pytest.fixture
def tsa() -> Iterator[tuple[str, list[int], bytes]]:
    """A timestamp server at 127.0.0.1: its URL, a request counter, its certificate."""
    stamper, pem = make_tsa()
    requests: list[int] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            answer = stamper.request_tsa_response(tsp.TimeStampReq.load(body)).dump()
            requests.append(len(body))
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *_args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", requests, pem
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def test_a_configured_timestamp_server_stamps_signatures_and_repeats_come_from_the_store(
    tmp_path: Path, tsa: tuple[str, list[int], bytes]
) -> None:
    url, requests, tsa_pem = tsa
    app = build_test_app(tmp_path, SIGNING_TSA_URL=url, RENDER_WORKERS=0)
    client = client_as(app, "caseworker")
    first = issue(client, 31)
    assert len(requests) == 1
    roots = list(load_certs_from_pemder([str(tmp_path / "signing-root.pem")]))
    context = ValidationContext(trust_roots=roots)
    ts_context = ValidationContext(trust_roots=list(load_certs_from_pemder_data(tsa_pem)))
    signature = PdfFileReader(io.BytesIO(first.data)).embedded_signatures[-1]
    status = asyncio.run(
        async_validate_pdf_signature(
            signature, signer_validation_context=context, ts_validation_context=ts_context
        )
    )
    assert status.bottom_line
    assert status.timestamp_validity is not None and status.timestamp_validity.trusted
    # A timestamped signature differs each time: the store serves the signed file it kept.
    second = issue(client, 31)
    assert second.headers["X-Served-From-Store"] == "true" and second.data == first.data
    assert len(requests) == 1
    answer = client_as(app, None).post(
        "/api/v1/verify",
        data={"file": (io.BytesIO(first.data), "document.pdf")},
        content_type="multipart/form-data",
    )
    assert answer.get_json()["genuine"] is True
    app.extensions["storage"].database.dispose()


def test_a_timestamp_server_that_does_not_answer_is_a_503(tmp_path: Path) -> None:
    closed = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    url = f"http://127.0.0.1:{closed.server_address[1]}/"
    closed.server_close()  # nothing listens there any more
    app = build_test_app(tmp_path, SIGNING_TSA_URL=url, RENDER_WORKERS=0)
    response = client_as(app, "caseworker").post(
        "/api/v1/render",
        json={"template": BIRTH_FACT, "format": "pdf", "data": example(30)},
    )
    assert response.status_code == 503
    assert response.get_json()["type"] == "/problems/timestamp-unavailable"
    assert response.headers["Retry-After"] == "60"
    app.extensions["storage"].database.dispose()
