"""PAdES signatures with the organisation's certificate, and their validation (no Flask here).

Signing appends an incremental update to the PDF, so the signed file starts with the
unsigned bytes unchanged: a fresh render of the same input must equal that prefix,
which is how reproducibility is checked after signing. Without a timestamp server the
signature is deterministic too (signing time fixed from the render date, the file
identifier from the content, RSA PKCS#1 v1.5), so the same input gives the same signed
bytes; with one, the store keeps the signed file and serves it for repeats.

The PKCS#12 file holds the signing key, its certificate and the chain. `flask --app
wsgi keys init` makes a self-signed development one under var/ (root + signing
certificate); production configures its own (PAPERWORK_SIGNING_P12 and _PASSWORD).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from service.errors import ServiceError
from service.i18n import N_

log = logging.getLogger(__name__)

DEVELOPMENT_ORGANISATION = "Paperwork service (development)"


class SigningConfigurationError(ServiceError):
    """The signing certificate is missing or cannot be opened."""

    slug = "signing-not-configured"
    title = N_("Documents cannot be signed")
    detail = N_("The service has no usable signing certificate. Tell its administrators.")


@dataclass(frozen=True)
class SigningSettings:
    """Where the organisation's certificate is, and an optional timestamp server."""

    p12_path: Path
    password: str | None = None
    timestamp_url: str | None = None
    trust_roots_path: Path | None = None


def signing_settings(config: Mapping[str, Any]) -> SigningSettings:
    """The signing settings of an application's config (the PKCS#12 under VAR_DIR by default)."""
    return SigningSettings(
        p12_path=config["SIGNING_P12"] or Path(config["VAR_DIR"]) / "signing.p12",
        password=config["SIGNING_P12_PASSWORD"],
        timestamp_url=config["SIGNING_TSA_URL"],
        trust_roots_path=config["SIGNING_TRUST_ROOTS"],
    )


@dataclass(frozen=True)
class SignatureCheck:
    """What validating the signature of a PDF found."""

    readable: bool
    signed: bool = False
    intact: bool = False
    trusted: bool = False
    whole_file: bool = False
    signed_at: datetime | None = None

    @property
    def valid(self) -> bool:
        """Intact, by a certificate we trust, and nothing added to the file after it."""
        return self.signed and self.intact and self.trusted and self.whole_file

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {
            "readable": self.readable,
            "present": self.signed,
            "intact": self.intact,
            "trusted": self.trusted,
            "covers_whole_file": self.whole_file,
            "valid": self.valid,
        }


class DocumentSigner:
    """Signs PDFs with one PKCS#12 identity (loaded once, on first use) and checks signatures."""

    def __init__(self, settings: SigningSettings) -> None:
        self.settings = settings
        self._lock = threading.Lock()
        self._signer: Any = None
        self._trust_roots: list[Any] | None = None
        self._not_before: datetime | None = None
        self._organisation = DEVELOPMENT_ORGANISATION
        self.certificate_sha256: str | None = None

    def _load(self) -> Any:
        with self._lock:
            if self._signer is None:
                self._signer = self._open_identity()
            return self._signer

    def _open_identity(self) -> Any:
        backend = _backend()
        path = self.settings.p12_path
        password = self.settings.password.encode() if self.settings.password else None
        try:
            data = path.read_bytes()
            key, certificate, chain = pkcs12.load_key_and_certificates(data, password)
        except (OSError, ValueError) as error:
            log.error("signing certificate unusable", extra={"exception": type(error).__name__})
            raise SigningConfigurationError() from None
        if key is None or certificate is None:
            log.error("signing certificate has no key", extra={"stage": "sign"})
            raise SigningConfigurationError()
        signer = backend.load_signer(data, password, key)
        self._not_before = certificate.not_valid_before_utc
        subject = certificate.subject
        names = subject.get_attributes_for_oid(
            NameOID.ORGANIZATION_NAME
        ) or subject.get_attributes_for_oid(NameOID.COMMON_NAME)
        if names:
            self._organisation = str(names[0].value)
        self.certificate_sha256 = certificate.fingerprint(hashes.SHA256()).hex()
        self._trust_roots = self._load_trust_roots([certificate, *chain])
        return signer

    def _load_trust_roots(self, certificates: list[x509.Certificate]) -> list[Any]:
        """The configured trust roots, else the self-signed certificates of the chain."""
        if self.settings.trust_roots_path is not None:
            try:
                pem = self.settings.trust_roots_path.read_bytes()
                configured: list[Any] = _backend().load_certificates(pem)
            except (OSError, ValueError):
                raise SigningConfigurationError() from None
            return configured
        der = serialization.Encoding.DER
        return [
            loaded
            for root in certificates
            if root.issuer == root.subject
            for loaded in _backend().load_certificates(root.public_bytes(der))
        ]

    @property
    def organisation_name(self) -> str:
        """The certificate holder (O, else CN): the issuer of documents of no organisation."""
        self._load()
        return self._organisation

    def trust_roots(self) -> list[Any]:
        """The certificates a signature must chain to (asn1crypto objects, for pyHanko)."""
        self._load()
        return list(self._trust_roots or [])

    def signing_time(self, render_date: date) -> datetime:
        """A fixed signing time: midnight UTC of the render date (not before the certificate)."""
        self._load()
        moment = datetime(render_date.year, render_date.month, render_date.day, tzinfo=UTC)
        if self._not_before is not None and moment < self._not_before:
            moment = self._not_before + timedelta(seconds=1)
        return moment

    def sign(self, content: bytes, signing_time: datetime, *, reason: str) -> bytes:
        """Sign a PDF (PAdES B-B, or B-T with a timestamp server); the input stays a prefix."""
        signed: bytes = _backend().sign_pdf(
            self._load(),
            content,
            signing_time=signing_time,
            reason=reason,
            timestamp_url=self.settings.timestamp_url,
        )
        return signed

    def check(self, content: bytes) -> SignatureCheck:
        """Validate the signature of a PDF against our trust roots; never raises on bad input."""
        if not content.startswith(b"%PDF-"):
            return SignatureCheck(readable=False)
        found = _backend().validate_pdf(content, self.trust_roots())
        return SignatureCheck(**found)


def _backend() -> Any:
    """The pyHanko part (imported on first use: it takes 0.3 s)."""
    from service.verification import _pyhanko  # noqa: PLC0415 - see the docstring

    return _pyhanko


def create_development_identity(path: Path, password: str | None = None) -> bool:
    """Make a self-signed development root and signing certificate in a PKCS#12 file, once.

    Also writes the root as PEM beside it (`<name>-root.pem`), for partners to trust.
    Returns whether a new identity was made.
    """
    if path.exists():
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    now = datetime.now(UTC).replace(microsecond=0)
    root_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    signing_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    root_name = _name("Paperwork development root")
    signing_name = _name("Paperwork document signing (development)")
    root = (
        x509.CertificateBuilder()
        .subject_name(root_name)
        .issuer_name(root_name)
        .public_key(root_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(certificates=True), critical=True)
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(root_key.public_key()), critical=False
        )
        .sign(root_key, hashes.SHA256())
    )
    certificate = (
        x509.CertificateBuilder()
        .subject_name(signing_name)
        .issuer_name(root_name)
        .public_key(signing_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=3 * 365))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(certificates=False), critical=True)
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(signing_key.public_key()), critical=False
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()),
            critical=False,
        )
        .sign(root_key, hashes.SHA256())
    )
    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(password.encode())
        if password
        else serialization.NoEncryption()
    )
    bundle = pkcs12.serialize_key_and_certificates(
        b"paperwork-signing", signing_key, certificate, [root], encryption
    )
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as stream:
        stream.write(bundle)
    root_pem = path.with_name(f"{path.stem}-root.pem")
    root_pem.write_bytes(root.public_bytes(serialization.Encoding.PEM))
    return True


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, DEVELOPMENT_ORGANISATION),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "UA"),
        ]
    )


def _key_usage(*, certificates: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=not certificates,
        content_commitment=not certificates,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=certificates,
        crl_sign=certificates,
        encipher_only=False,
        decipher_only=False,
    )
