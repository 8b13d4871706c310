"""Checking a document we issued: by its verification code, or by its file.

The store keeps the seals; here is decided what a code or an uploaded file proves (our
signature, on record, not revoked) and what anyone may learn of a seal (nothing personal).
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from service.documents import get_template
from service.errors import NotFoundError
from service.i18n import LANGUAGES
from service.storage.verification import SealView, VerificationCodeNotFoundError, VerificationStore
from service.verification import DocumentSigner, SignatureCheck, normalise_code

log = logging.getLogger(__name__)


class DocumentChecks:
    """Finds seals by the code a person typed, and tells whether a file is genuine."""

    def __init__(self, store: VerificationStore, signer: DocumentSigner) -> None:
        self.store = store
        self.signer = signer

    def find(self, typed_code: str) -> SealView:
        """The seal of a code as a person typed it, or VerificationCodeNotFoundError."""
        code = normalise_code(typed_code)
        if code is None:
            raise VerificationCodeNotFoundError()
        return self.store.find(code)

    def verify_file(self, content: bytes) -> dict[str, Any]:
        """Tell whether an uploaded file is a genuine, unrevoked document of ours, and why not.

        A PDF must carry our valid signature and be on record; a DOCX (never signed)
        must be on record byte for byte.
        """
        sha256 = hashlib.sha256(content).hexdigest()
        check: SignatureCheck = self.signer.check(content)
        seal = self.store.find_file(sha256)
        if seal is not None and seal.format == "docx":
            # A DOCX carries no signature: the stored SHA-256 of these very bytes proves it.
            reason: str | None = "revoked" if seal.revoked else None
        elif not check.readable:
            reason = "not_a_pdf"
        elif not check.signed:
            reason = "not_signed"
        elif not check.valid:
            reason = "signature_invalid"
        elif seal is None:
            reason = "unknown_document"
        elif seal.revoked:
            reason = "revoked"
        else:
            reason = None
        log.info(
            "file verified",
            extra={"stage": "verify", "sha256": sha256, "outcome": reason or "genuine"},
        )
        return {
            "genuine": reason is None,
            "reason": reason,
            "sha256": sha256,
            "signature": check.as_dict(),
            "document": present_seal(seal) if seal else None,
        }


def present_seal(seal: SealView) -> dict[str, Any]:
    """What anyone with the code may learn of a document: nothing personal."""
    try:
        titles: dict[str, str] = dict(get_template(seal.template_id).titles())
    except NotFoundError:
        titles = {lang: seal.template_id for lang in LANGUAGES}
    return {
        "code": seal.code,
        "genuine": not seal.revoked,
        "revoked": seal.revoked,
        "revoked_at": seal.revoked_at.isoformat() if seal.revoked_at else None,
        "revocation_reason": seal.revocation_reason,
        "template": seal.template_id,
        "template_title": titles,
        "version": seal.template_version,
        "lang": seal.lang,
        "format": seal.format,
        "issued": seal.render_date.isoformat(),
        "issuer": seal.issuer,
        "sha256": seal.sha256,
        "signed": seal.certificate_sha256 is not None,
        "verify_url": seal.verify_url,
    }
