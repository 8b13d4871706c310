"""Verification of issued documents: seals, revocation, shares with partners, expiring links.

A seal is what a document's code tells anyone who has the code or the file: template,
issue date, issuing organisation, SHA-256, revoked or not. It holds no personal data
and outlives a purge of the case. Revocation takes a reason from a fixed list (shown
publicly) and an optional note (encrypted, shown only to those who may see the
document), so no name can reach the public page or the audit trail.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cached_property
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import Connection, Table, bindparam, func, insert, select
from sqlalchemy.orm import Session

from service.errors import DataValidationError, NotFoundError, ServiceError
from service.i18n import N_
from service.principal import Principal
from service.storage.audit import record_event
from service.storage.crypto import DataCipher
from service.storage.database import Database
from service.storage.files import DocumentFileStore
from service.storage.models import (
    DocumentRecord,
    DocumentSealRecord,
    DocumentShare,
    Organisation,
    ShareLink,
    row_values,
    utc_now,
)

if TYPE_CHECKING:
    from service.storage.archive import NewDocument

log = logging.getLogger(__name__)

LINK_TOKEN = re.compile(r"[0-9a-f]{32}\.[A-Za-z0-9_-]{43}")


class VerificationCodeNotFoundError(NotFoundError):
    """No document has this verification code."""

    slug = "verification-code-not-found"
    title = N_("Unknown verification code")
    detail = N_("No document was issued with this code. Check the code printed on the document.")


class RevocationForbiddenError(ServiceError):
    """Only the document's author or an admin may revoke it."""

    status = 403
    slug = "revocation-forbidden"
    title = N_("Not allowed")
    detail = N_("Only the author of a document or an admin may revoke it.")


class DocumentRevokedError(ServiceError):
    """The document was revoked: it cannot be shared again."""

    status = 409
    slug = "document-revoked"
    title = N_("The document was revoked")
    detail = N_("A revoked document cannot be revoked, shared or linked again.")


class DocumentGoneError(ServiceError):
    """A revoked document, or an expired or revoked link: gone for good."""

    status = 410
    slug = "document-gone"
    title = N_("No longer available")
    detail = N_("This link has expired or was revoked, or the document was revoked.")


class ShareNotFoundError(NotFoundError):
    """No share or link with this id for this document."""

    slug = "share-not-found"
    title = N_("Unknown share")
    detail = N_("This document has no such share or link.")


class SealNotFoundError(NotFoundError):
    """A document stored before verification existed has no seal to revoke."""

    slug = "seal-not-found"
    title = N_("Not verifiable")
    detail = N_("This document was stored before verification codes existed.")


class LinkNotFoundError(NotFoundError):
    """A link token that we did not make."""

    slug = "link-not-found"
    title = N_("Unknown link")
    detail = N_("This link is not valid. Ask the sender for a new one.")


@dataclass(frozen=True)
class SealView:
    """A document's seal as stored."""

    document_id: str
    code: str
    template_id: str
    template_version: str
    lang: str
    format: str
    render_date: date
    issuer: str
    verify_url: str
    sha256: str
    unsigned_sha256: str
    unsigned_size: int
    certificate_sha256: str | None
    revoked_at: datetime | None
    revocation_reason: str | None

    @property
    def revoked(self) -> bool:
        """Whether the document was revoked."""
        return self.revoked_at is not None


def _view(record: DocumentSealRecord) -> SealView:
    return SealView(
        document_id=record.document_id,
        code=record.code,
        template_id=record.template_id,
        template_version=record.template_version,
        lang=record.lang,
        format=record.format,
        render_date=record.render_date,
        issuer=record.issuer,
        verify_url=record.verify_url,
        sha256=record.sha256,
        unsigned_sha256=record.unsigned_sha256,
        unsigned_size=record.unsigned_size,
        certificate_sha256=record.certificate_sha256,
        revoked_at=record.revoked_at,
        revocation_reason=record.revocation_reason,
    )


@dataclass(frozen=True)
class LinkedFile:
    """A document downloaded through a link."""

    document_id: str
    media_type: str
    filename: str
    sha256: str
    content: bytes


# Built once: every new document asks both before it renders.
SEAL_GENERATION = (
    select(func.count())
    .select_from(DocumentSealRecord)
    .where(DocumentSealRecord.series == bindparam("series"))
)
ORGANISATION_NAME = select(Organisation.name).where(Organisation.id == bindparam("id"))
SEAL_INSERT = insert(cast(Table, DocumentSealRecord.__table__))


@dataclass(frozen=True)
class NewSeal:
    """The seal of a document being stored: its code, series, issuer, address, certificate."""

    code: str
    series: str
    issuer: str
    url: str
    certificate_sha256: str | None


class VerificationStore:
    """Seals, revocations, shares and links, in the application's database."""

    def __init__(
        self,
        database: Database,
        cipher: DataCipher,
        files: Callable[[], DocumentFileStore],
        *,
        public_url: str,
        link_key: Callable[[], bytes] | None = None,
    ) -> None:
        self.database = database
        self.cipher = cipher
        self._files = files
        self.public_url = public_url.rstrip("/")  # where links and codes are opened
        # The key of link tokens (`PurposeKeys`: it outlives a rotation of the data key),
        # read when first needed; without one, derived from the first data key.
        self._read_link_key = link_key or (lambda: cipher.derive_key("share-links"))

    @cached_property
    def _link_key(self) -> bytes:
        return self._read_link_key()

    # Seals -----------------------------------------------------------------------------

    def seal_facts(self, series: str, organisation_id: str | None) -> tuple[int, str | None]:
        """How many seals a series has so far, and the name of the issuing organisation."""
        with self.database.connection() as connection:
            generation = connection.scalar(SEAL_GENERATION, {"series": series})
            organisation = (
                connection.scalar(ORGANISATION_NAME, {"id": organisation_id})
                if organisation_id
                else None
            )
        return generation or 0, organisation

    def record(
        self,
        connection: Connection,
        *,
        document_id: str,
        document: NewDocument,
        seal: NewSeal,
        sha256: str,
    ) -> None:
        """Add a document's seal (in the caller's transaction, with the document's record)."""
        connection.execute(
            SEAL_INSERT,
            row_values(
                DocumentSealRecord(
                    document_id=document_id,
                    code=seal.code,
                    series=seal.series,
                    template_id=document.template_id,
                    template_version=document.template_version,
                    lang=document.lang,
                    format=document.format,
                    render_date=document.render_date,
                    issuer=seal.issuer[:300],
                    verify_url=seal.url[:300],
                    sha256=sha256,
                    unsigned_sha256=document.unsigned_sha256,
                    unsigned_size=document.unsigned_size,
                    certificate_sha256=seal.certificate_sha256,
                    created_at=utc_now(),
                )
            ),
        )

    def find(self, code: str) -> SealView:
        """The seal of a code (as printed: normalised), or VerificationCodeNotFoundError."""
        with self.database.session() as session:
            record = session.scalars(
                select(DocumentSealRecord).where(DocumentSealRecord.code == code)
            ).first()
            if record is None:
                raise VerificationCodeNotFoundError()
            return _view(record)

    def get(self, document_id: str) -> SealView | None:
        """The seal of a document (None for documents stored before seals existed)."""
        with self.database.session() as session:
            record = session.get(DocumentSealRecord, document_id)
            return _view(record) if record else None

    def revocation_note(self, document_id: str) -> str | None:
        """The private note of a revocation (for those who may see the document)."""
        with self.database.session() as session:
            record = session.get(DocumentSealRecord, document_id)
            if record is None or record.revocation_note_encrypted is None:
                return None
            return self.cipher.decrypt(record.revocation_note_encrypted).decode()

    def find_file(self, sha256: str) -> SealView | None:
        """The first seal of a stored file with this SHA-256 (None: no such file of ours)."""
        with self.database.session() as session:
            record = session.scalars(
                select(DocumentSealRecord)
                .where(DocumentSealRecord.sha256 == sha256)
                .order_by(DocumentSealRecord.created_at)
            ).first()
            return _view(record) if record else None

    # Revocation ------------------------------------------------------------------------

    def revoke(
        self,
        document_id: str,
        created_by: str,
        principal: Principal,
        *,
        reason: str,
        note: str | None,
    ) -> SealView:
        """Revoke a document (its author or an admin), with a reason; audited."""
        if not (principal.sees_everything or created_by == principal.id):
            raise RevocationForbiddenError()
        with self.database.session() as session:
            record = session.get(DocumentSealRecord, document_id)
            if record is None:
                raise SealNotFoundError()
            if record.revoked_at is not None:
                raise DocumentRevokedError()
            record.revoked_at = utc_now()
            record.revoked_by = principal.id
            record.revocation_reason = reason
            if note:
                record.revocation_note_encrypted = self.cipher.encrypt(note.encode())
            record_event(
                session,
                "document_revoked",
                principal.id,
                case_id=self._case_of(session, document_id),
                document_id=document_id,
                reason=reason,
                note_given=bool(note),
                sha256=record.sha256,
                code=record.code,
            )
            return _view(record)

    def _case_of(self, session: Session, document_id: str) -> str | None:
        document = session.get(DocumentRecord, document_id)
        return document.case_id if document else None

    def ensure_not_revoked(self, document_id: str) -> None:
        """Raise DocumentRevokedError for a revoked document."""
        seal = self.get(document_id)
        if seal is not None and seal.revoked:
            raise DocumentRevokedError()

    # Shares with partner organisations -------------------------------------------------

    def share(
        self, document_id: str, organisation_id: str, principal: Principal
    ) -> tuple[dict[str, Any], bool]:
        """Share a document with an organisation's partners; tell whether the share is new."""
        self.ensure_not_revoked(document_id)
        with self.database.session() as session:
            if session.get(Organisation, organisation_id) is None:
                raise DataValidationError(
                    {"organisation_id": [N_("There is no organisation with this id.")]}
                )
            share = session.scalars(
                select(DocumentShare).where(
                    DocumentShare.document_id == document_id,
                    DocumentShare.organisation_id == organisation_id,
                )
            ).first()
            made = share is None or share.revoked_at is not None
            if share is None:
                share = DocumentShare(
                    id=uuid.uuid4().hex,
                    document_id=document_id,
                    organisation_id=organisation_id,
                    created_by=principal.id,
                    created_at=utc_now(),
                )
                session.add(share)
            elif share.revoked_at is not None:
                share.revoked_at = None
                share.created_by = principal.id
                share.created_at = utc_now()
            if made:
                record_event(
                    session,
                    "document_shared",
                    principal.id,
                    case_id=self._case_of(session, document_id),
                    document_id=document_id,
                    share_id=share.id,
                    organisation_id=organisation_id,
                )
            return _share_dict(share), made

    def unshare(self, document_id: str, organisation_id: str, principal: Principal) -> None:
        """Stop sharing a document with an organisation; audited."""
        with self.database.session() as session:
            share = session.scalars(
                select(DocumentShare).where(
                    DocumentShare.document_id == document_id,
                    DocumentShare.organisation_id == organisation_id,
                    DocumentShare.revoked_at.is_(None),
                )
            ).first()
            if share is None:
                raise ShareNotFoundError()
            share.revoked_at = utc_now()
            record_event(
                session,
                "share_revoked",
                principal.id,
                case_id=self._case_of(session, document_id),
                document_id=document_id,
                share_id=share.id,
                organisation_id=organisation_id,
            )

    def list_shares(self, document_id: str) -> list[dict[str, Any]]:
        """A document's shares and links (active and ended), for those who may see it."""
        with self.database.session() as session:
            shares = session.scalars(
                select(DocumentShare)
                .where(DocumentShare.document_id == document_id)
                .order_by(DocumentShare.created_at)
            )
            links = session.scalars(
                select(ShareLink)
                .where(ShareLink.document_id == document_id)
                .order_by(ShareLink.created_at)
            )
            return [
                *(_share_dict(share) for share in shares),
                *(_link_dict(link) for link in links),
            ]

    # Expiring links --------------------------------------------------------------------

    def create_link(
        self, document_id: str, principal: Principal, *, days: int
    ) -> tuple[dict[str, Any], str]:
        """Make an expiring download link; return it and its token (shown only now)."""
        self.ensure_not_revoked(document_id)
        now = utc_now()
        link = ShareLink(
            id=uuid.uuid4().hex,
            document_id=document_id,
            created_by=principal.id,
            created_at=now,
            expires_at=now + timedelta(days=days),
        )
        with self.database.session() as session:
            session.add(link)
            record_event(
                session,
                "link_created",
                principal.id,
                case_id=self._case_of(session, document_id),
                document_id=document_id,
                link_id=link.id,
                expires_at=link.expires_at.isoformat(),
            )
        return _link_dict(link), self._token(link.id)

    def revoke_link(self, document_id: str, link_id: str, principal: Principal) -> None:
        """End a link before it expires; audited."""
        with self.database.session() as session:
            link = session.get(ShareLink, link_id)
            if link is None or link.document_id != document_id or link.revoked_at is not None:
                raise ShareNotFoundError()
            link.revoked_at = utc_now()
            record_event(
                session,
                "link_revoked",
                principal.id,
                case_id=self._case_of(session, document_id),
                document_id=document_id,
                link_id=link.id,
            )

    def _token(self, link_id: str) -> str:
        mac = hmac.new(self._link_key, f"link:{link_id}".encode(), hashlib.sha256).digest()
        return f"{link_id}.{base64.urlsafe_b64encode(mac).decode().rstrip('=')}"

    def download_by_link(self, token: str) -> LinkedFile:
        """The document of a valid link, its download audited; 404 unknown, 410 ended."""
        if LINK_TOKEN.fullmatch(token) is None:
            raise LinkNotFoundError()
        link_id, _, _ = token.partition(".")
        if not hmac.compare_digest(self._token(link_id), token):
            raise LinkNotFoundError()
        with self.database.session() as session:
            link = session.get(ShareLink, link_id)
            if link is None:
                raise LinkNotFoundError()
            seal = session.get(DocumentSealRecord, link.document_id)
            if (
                link.revoked_at is not None
                or link.expires_at <= utc_now()
                or (seal is not None and seal.revoked_at is not None)
            ):
                raise DocumentGoneError()
            document = session.get(DocumentRecord, link.document_id)
            if document is None:
                raise DocumentGoneError()
            content = self._files().load(document.sha256)
            record_event(
                session,
                "document_downloaded",
                f"link:{link.id}",
                case_id=document.case_id,
                document_id=document.id,
                link_id=link.id,
                sha256=document.sha256,
            )
            return LinkedFile(
                document_id=document.id,
                media_type=document.media_type,
                filename=self.cipher.decrypt(document.filename_encrypted).decode(),
                sha256=document.sha256,
                content=content,
            )


def _share_dict(share: DocumentShare) -> dict[str, Any]:
    return {
        "kind": "organisation",
        "id": share.id,
        "organisation_id": share.organisation_id,
        "created_by": share.created_by,
        "created_at": share.created_at.isoformat(),
        "revoked_at": share.revoked_at.isoformat() if share.revoked_at else None,
    }


def _link_dict(link: ShareLink) -> dict[str, Any]:
    return {
        "kind": "link",
        "id": link.id,
        "created_by": link.created_by,
        "created_at": link.created_at.isoformat(),
        "expires_at": link.expires_at.isoformat(),
        "revoked_at": link.revoked_at.isoformat() if link.revoked_at else None,
    }
