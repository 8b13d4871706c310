"""Everything that touches pyHanko, imported only when a document is signed or checked.

Importing pyHanko takes about 0.3 s, so `signing` loads this module on first use, as
the PDF renderer does with WeasyPrint.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import logging
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from datetime import UTC, datetime
from typing import Any

from asn1crypto import cms
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from pyhanko.keys import load_certs_from_pemder_data
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.metadata.model import DocumentMetadata
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes
from pyhanko.sign.timestamps import HTTPTimeStamper, TimestampRequestError
from pyhanko.sign.validation import async_validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from service.errors import ServiceUnavailableError
from service.i18n import N_

log = logging.getLogger(__name__)

SIGNATURE_FIELD = "Signature"
# Room for the signature, in hex digits (two a byte). Without a timestamp a 2-certificate
# chain and an RSA-4096 signature need about 4 KiB; a timestamp token with its TSA's
# chain adds up to about 6 KiB. A fixed size spares pyHanko's estimate, which signs once
# more (and asks the timestamp server twice).
RESERVED_HEX_DIGITS = 12288
RESERVED_HEX_DIGITS_WITH_TIMESTAMP = 32768


class TimestampUnavailableError(ServiceUnavailableError):
    """The configured timestamp server did not answer (or answered nonsense)."""

    slug = "timestamp-unavailable"
    title = N_("The timestamp server is not answering")
    detail = N_("The document could not be signed with a timestamp. Try again in a minute.")
    retry_after = 60


class CachedKeySigner(signers.SimpleSigner):
    """pyHanko's SimpleSigner with the key kept parsed and the CMS container kept as a template.

    pyHanko parses the private key again for every signature (40 ms), and builds the CMS
    container object by object with asn1crypto (8 ms). For a PAdES B-B signature with an
    RSA key everything in the container but the document digest and the signature value
    is the same every time, so it is built once (`CmsTemplate`) and filled in.
    """

    private_key: Any = None
    _cms_template: CmsTemplate | None = None
    _cms_template_checked = False

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        """Sign with the parsed RSA key (PKCS#1 v1.5: deterministic); else as pyHanko does."""
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm)
        try:
            algorithm = mechanism.signature_algo
        except ValueError:
            algorithm = mechanism["algorithm"].native
        key = self.private_key
        if isinstance(key, rsa.RSAPrivateKey) and algorithm == "rsassa_pkcs1v15":
            hash_algorithm = getattr(hashes, digest_algorithm.upper())()
            signature: bytes = key.sign(data, padding.PKCS1v15(), hash_algorithm)
            return signature
        return super().sign_raw(data, digest_algorithm)

    async def async_sign(  # noqa: PLR0917 - pyHanko's own signature
        self,
        data_digest: bytes,
        digest_algorithm: str,
        dry_run: bool = False,
        use_pades: bool = False,
        timestamper: Any = None,
        signed_attr_settings: PdfCMSSignedAttributes | None = None,
        is_pdf_sig: bool = True,
        encap_content_info: Any = None,
    ) -> cms.ContentInfo:
        """The CMS container of a digest: from the template when it applies, else pyHanko's."""
        plain = (
            not dry_run
            and use_pades
            and is_pdf_sig
            and timestamper is None
            and encap_content_info is None
            and digest_algorithm == TEMPLATE_DIGEST
            and isinstance(self.private_key, rsa.RSAPrivateKey)
            and (signed_attr_settings is None or _only_signing_time(signed_attr_settings))
        )
        if plain and not self._cms_template_checked:
            self._cms_template = await CmsTemplate.build(self)
            self._cms_template_checked = True
        if plain and self._cms_template is not None:
            return cms.ContentInfo.load(self._cms_template.fill(data_digest, self.private_key))
        return await super().async_sign(
            data_digest,
            digest_algorithm,
            dry_run=dry_run,
            use_pades=use_pades,
            timestamper=timestamper,
            signed_attr_settings=signed_attr_settings,
            is_pdf_sig=is_pdf_sig,
            encap_content_info=encap_content_info,
        )

    async def pyhanko_sign(self, data_digest: bytes, signing_time: datetime) -> bytes:
        """pyHanko's own PAdES container of a digest (the template's source and reference)."""
        container = await super().async_sign(
            data_digest,
            TEMPLATE_DIGEST,
            use_pades=True,
            signed_attr_settings=PdfCMSSignedAttributes(signing_time=signing_time),
        )
        der: bytes = container.dump()
        return der


TEMPLATE_DIGEST = "sha256"


def _only_signing_time(settings: PdfCMSSignedAttributes) -> bool:
    """Whether signed attribute settings add nothing but the time (which PAdES leaves out)."""
    return settings.cades_signed_attrs is None and settings.adobe_revinfo_attr is None


@dataclass(frozen=True)
class CmsTemplate:
    """A signer's PAdES container with the places of the digest and of the signature value."""

    der: bytes
    digest_at: int
    attributes_at: int
    attributes_length: int
    signature_at: int
    signature_length: int

    @classmethod
    async def build(cls, signer: CachedKeySigner) -> CmsTemplate | None:
        """Make the template from two pyHanko containers; None when they differ elsewhere.

        The two differ in digest and signing time: if anything but the digest and the
        signature value changes (another pyHanko version adding an attribute, say),
        there is no template and pyHanko builds every container.
        """
        first_digest = hashlib.sha256(b"paperwork cms template 1").digest()
        second_digest = hashlib.sha256(b"paperwork cms template 2").digest()
        first = await signer.pyhanko_sign(first_digest, datetime(2020, 1, 1, tzinfo=UTC))
        second = await signer.pyhanko_sign(second_digest, datetime(2030, 6, 15, tzinfo=UTC))
        template = cls.locate(first, first_digest)
        if template is None or template.fill(second_digest, signer.private_key) != second:
            log.warning("cms template not usable: pyhanko builds each", extra={"stage": "sign"})
            return None
        return template

    @classmethod
    def locate(cls, der: bytes, digest: bytes) -> CmsTemplate | None:
        """Find the digest, the signed attributes and the signature value in a container."""
        signer_info = cms.ContentInfo.load(der)["content"]["signer_infos"][0]
        attributes = signer_info["signed_attrs"].dump()
        signature = signer_info["signature"].native
        places = [der.find(digest), der.find(attributes), der.find(signature)]
        unique = all(der.count(part) == 1 for part in (digest, attributes, signature))
        if not unique or min(places) < 0:
            return None
        return cls(der, places[0], places[1], len(attributes), places[2], len(signature))

    def fill(self, digest: bytes, key: rsa.RSAPrivateKey) -> bytes:
        """The container of another digest, signed with the key (RSA PKCS#1 v1.5, SHA-256)."""
        der = bytearray(self.der)
        der[self.digest_at : self.digest_at + len(digest)] = digest
        attributes = der[self.attributes_at : self.attributes_at + self.attributes_length]
        attributes[0] = SET_TAG  # signed as a SET OF, stored as [0] IMPLICIT (RFC 5652 5.4)
        signature = key.sign(bytes(attributes), padding.PKCS1v15(), hashes.SHA256())
        if len(signature) != self.signature_length:
            raise ValueError("signature length changed")
        der[self.signature_at : self.signature_at + len(signature)] = signature
        return bytes(der)


SET_TAG = 0x31


class FixedTimePdfSigner(signers.PdfSigner):
    """A PdfSigner whose signing time is given, so identical input signs identically."""

    def __init__(self, *args: Any, signing_time: datetime, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fixed_signing_time = signing_time

    def init_signing_session(self, pdf_out: Any, existing_fields_only: bool = False) -> Any:
        """pyHanko's session, with our signing time instead of the clock's."""
        session = super().init_signing_session(pdf_out, existing_fields_only=existing_fields_only)
        session.system_time = self.fixed_signing_time
        return session


@dataclass
class FixedTimeMetadata(DocumentMetadata):
    """Document metadata whose modification time is the signing time, not the clock's.

    pyHanko sets the modification date (the info dictionary's and the XMP's) to "now"
    when it writes: two signatures of the same PDF a second apart differed.
    """

    fixed_time: datetime | None = None

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "last_modified" and value == "now" and self.fixed_time is not None:
            value = self.fixed_time
        super().__setattr__(name, value)


def with_fixed_modification_time(writer: IncrementalPdfFileWriter, moment: datetime) -> None:
    """Make the writer date its update `moment` (the signing time)."""
    current = writer.document_meta
    values = {field.name: getattr(current, field.name) for field in dataclass_fields(current)}
    writer._meta = FixedTimeMetadata(**values, fixed_time=moment)


def load_signer(p12: bytes, password: bytes | None, key: Any) -> CachedKeySigner:
    """A signer of a PKCS#12 file's key and chain, with the key already parsed."""
    # load_pkcs12_data builds a plain SimpleSigner whatever class it is called on.
    loaded = signers.SimpleSigner.load_pkcs12_data(p12, other_certs=[], passphrase=password)
    signer = CachedKeySigner(
        signing_cert=loaded.signing_cert,
        signing_key=loaded.signing_key,
        cert_registry=loaded.cert_registry,
    )
    signer.private_key = key
    return signer


def load_certificates(data: bytes) -> list[Any]:
    """Certificates (PEM or DER) as pyHanko's validator wants them."""
    return list(load_certs_from_pemder_data(data))


def sign_pdf(
    signer: CachedKeySigner,
    content: bytes,
    *,
    signing_time: datetime,
    reason: str,
    timestamp_url: str | None,
) -> bytes:
    """Append a PAdES signature to a PDF: the input bytes stay the signed file's prefix."""
    writer = IncrementalPdfFileWriter(io.BytesIO(content))
    first_id = writer.document_id[0]
    second_id = hashlib.sha256(b"signed:" + content).digest()[:16]
    # pyHanko draws the second half of the file identifier at random; derive it instead.
    writer._document_id = generic.ArrayObject(
        [generic.ByteStringObject(first_id), generic.ByteStringObject(second_id)]
    )
    with_fixed_modification_time(writer, signing_time)
    metadata = signers.PdfSignatureMetadata(
        field_name=SIGNATURE_FIELD,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
    )
    timestamper = HTTPTimeStamper(timestamp_url, timeout=10) if timestamp_url else None
    pdf_signer = FixedTimePdfSigner(
        metadata, signer, timestamper=timestamper, signing_time=signing_time
    )
    reserved = RESERVED_HEX_DIGITS_WITH_TIMESTAMP if timestamper else RESERVED_HEX_DIGITS
    try:
        output = pdf_signer.sign_pdf(writer, bytes_reserved=reserved)
    except TimestampRequestError:
        log.error("timestamp server failed", extra={"stage": "sign"})
        raise TimestampUnavailableError() from None
    signed: bytes = output.getvalue()
    return signed


def validate_pdf(content: bytes, trust_roots: list[Any]) -> dict[str, Any]:
    """Validate the last signature of a PDF; a hostile file may break the parser anywhere."""
    try:
        reader = PdfFileReader(io.BytesIO(content), strict=False)
        signatures = reader.embedded_regular_signatures
    except Exception as error:  # any failure to parse means "not a PDF we can read"
        log.info("pdf unreadable", extra={"exception": type(error).__name__})
        return {"readable": False}
    if not signatures:
        return {"readable": True, "signed": False}
    context = ValidationContext(trust_roots=trust_roots, allow_fetching=False)
    try:
        status = asyncio.run(async_validate_pdf_signature(signatures[-1], context))
    except Exception as error:  # a broken signature dictionary is an invalid signature
        log.info("signature unreadable", extra={"exception": type(error).__name__})
        return {"readable": True, "signed": True}
    return {
        "readable": True,
        "signed": True,
        "intact": bool(status.intact and status.valid),
        "trusted": bool(status.trusted),
        "whole_file": status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        "signed_at": status.signer_reported_dt,
    }
