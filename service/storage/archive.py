"""Issued documents: their files, records, seals' rows and audit events (it stores; it does
not render, seal or sign: that is `service.issuing`)."""

from __future__ import annotations

import hashlib
import logging
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import Connection, Row, Select, Table, bindparam, func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from service.choices import MEDIA_TYPES
from service.errors import DocumentBytesMissingError, NotFoundError
from service.i18n import N_
from service.principal import Principal
from service.storage.audit import record_event
from service.storage.cases import CaseView
from service.storage.crypto import DataCipher
from service.storage.database import Database
from service.storage.files import DocumentFileStore, FileStoreError
from service.storage.models import (
    DocumentRecord,
    DocumentSealRecord,
    DocumentShare,
    row_values,
    utc_now,
)
from service.storage.plans import PlanStore
from service.storage.verification import DocumentGoneError, NewSeal, VerificationStore

log = logging.getLogger(__name__)


class DocumentNotFoundError(NotFoundError):
    """No document has this id (or the caller may not see it)."""

    slug = "document-not-found"
    title = N_("Unknown document")
    detail = N_("There is no document with this id.")


@dataclass(frozen=True)
class StoredDocument:
    """The metadata of an issued document."""

    id: str
    case_id: str | None
    template_id: str
    template_version: str
    lang: str
    format: str
    media_type: str
    input_sha256: str
    sha256: str
    size: int
    render_date: date
    filename: str
    created_by: str
    created_at: datetime
    subject: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """The metadata as JSON-ready data."""
        return {
            "id": self.id,
            "case_id": self.case_id,
            "template": self.template_id,
            "version": self.template_version,
            "lang": self.lang,
            "format": self.format,
            "media_type": self.media_type,
            "input_sha256": self.input_sha256,
            "sha256": self.sha256,
            "size": self.size,
            "render_date": self.render_date.isoformat(),
            "filename": self.filename,
            "created_by": self.created_by,
            "created_at": self.created_at.isoformat(),
        }


@dataclass(frozen=True)
class NewDocument:
    """A rendered document to record: what it was made from and its unsigned bytes' facts."""

    template_id: str
    template_version: str
    lang: str
    format: str  # its media type is the format's (service.choices)
    render_date: date
    input_sha256: str
    filename: str
    subject: str
    unsigned_sha256: str
    unsigned_size: int
    # Facts a person confirmed where the data could not decide them (field paths only:
    # "child.birth_place.occupation_confirmed"), kept in the audit with the document.
    confirmed: tuple[str, ...] = ()


DOCUMENT_TABLE = cast(Table, DocumentRecord.__table__)
DOCUMENT_INSERT = insert(DOCUMENT_TABLE)


def _previous_lookup(*, in_case: bool, by_organisation: bool) -> Select[Any]:
    """The earliest unrevoked document from an input hash, in a case or none, of one owner."""
    return (
        select(*DocumentRecord.__table__.columns)
        .outerjoin(DocumentSealRecord, DocumentSealRecord.document_id == DocumentRecord.id)
        .where(
            DocumentRecord.input_sha256 == bindparam("input_sha256"),
            DocumentRecord.case_id == bindparam("case_id")
            if in_case
            else DocumentRecord.case_id.is_(None),
            DocumentSealRecord.revoked_at.is_(None),  # a revoked document is not served
            DocumentRecord.organisation_id == bindparam("owner")
            if by_organisation
            else DocumentRecord.created_by == bindparam("owner"),
        )
        .order_by(DocumentRecord.created_at)
        .limit(1)
    )


# Built once, as plain rows rather than ORM objects: every render and repeat looks up
# first, and building the statement cost more than running it.
PREVIOUS_LOOKUP = {
    (in_case, by_organisation): _previous_lookup(in_case=in_case, by_organisation=by_organisation)
    for in_case in (False, True)
    for by_organisation in (False, True)
}


class DocumentArchive:
    """Stores issued documents, and finds an identical earlier one to serve again."""

    def __init__(
        self,
        database: Database,
        files: DocumentFileStore,
        cipher: DataCipher,
        *,
        verification: VerificationStore | None = None,
        plans: PlanStore | None = None,
    ) -> None:
        self.database = database
        self.files = files
        self.cipher = cipher
        self.verification = verification
        self.plans = plans
        self._lookups_with_content = {
            key: files.with_content(lookup) for key, lookup in PREVIOUS_LOOKUP.items()
        }

    def _metadata(self, record: DocumentRecord | Row[Any]) -> StoredDocument:
        return StoredDocument(
            id=record.id,
            case_id=record.case_id,
            template_id=record.template_id,
            template_version=record.template_version,
            lang=record.lang,
            format=record.format,
            media_type=record.media_type,
            input_sha256=record.input_sha256,
            sha256=record.sha256,
            size=record.size,
            render_date=record.render_date,
            filename=self.cipher.decrypt(record.filename_encrypted).decode(),
            created_by=record.created_by,
            created_at=record.created_at,
            subject=self.cipher.decrypt(record.subject_encrypted).decode()
            if record.subject_encrypted
            else None,
        )

    def find_previous(
        self, input_sha256: str, *, case_id: str | None, principal: Principal
    ) -> StoredDocument | None:
        """An earlier document of the caller's, made from the identical input, with its file."""
        with self.database.statements() as connection:
            record = self._previous(connection, input_sha256, case_id=case_id, principal=principal)
            if record is None or not self.files.exists(record.sha256, connection=connection):
                return None
        return self._metadata(record)

    def _previous(
        self,
        connection: Connection,
        input_sha256: str,
        *,
        case_id: str | None,
        principal: Principal,
        with_content: bool = False,
    ) -> Row[Any] | None:
        lookups = self._lookups_with_content if with_content else PREVIOUS_LOOKUP
        query = lookups[case_id is not None, bool(principal.organisation_id)]
        owner = principal.organisation_id or principal.id
        return connection.execute(
            query, {"input_sha256": input_sha256, "case_id": case_id, "owner": owner}
        ).first()

    def reuse(
        self,
        input_sha256: str,
        *,
        principal: Principal,
        case: CaseView | None,
        child_id: str | None,
    ) -> tuple[StoredDocument, bytes] | None:
        """Serve an identical earlier document again: its bytes, audited (None: there is none).

        A document from a case for a pending step of its plan makes the step prepared.
        """
        case_id = case.id if case else None
        # Reads need no transaction, and the audit row alone is one statement: each
        # commits by itself, which spares a repeat the BEGIN and COMMIT round trips. The
        # database store reads the bytes with the record.
        with self.database.statements() as connection:
            record = self._previous(
                connection, input_sha256, case_id=case_id, principal=principal, with_content=True
            )
            if record is None:
                return None
            try:  # reading the bytes is the check that they are there
                content = self.files.content_of(record, connection=connection)
            except FileStoreError:
                return None  # made again, and stored again
            previous = self._metadata(record)
            if case is None or self.plans is None:
                self._record_reuse(connection, principal, previous)
        if case is not None and self.plans is not None:
            with self.database.connection() as transaction:  # the step with its audit row
                self._record_reuse(transaction, principal, previous)
                self._record_step(transaction, case, child_id, previous.template_id, previous.id)
        return previous, content

    @staticmethod
    def _record_reuse(
        connection: Connection, principal: Principal, previous: StoredDocument
    ) -> None:
        record_event(
            connection,
            "document_reused",
            principal.id,
            case_id=previous.case_id,
            document_id=previous.id,
            template=previous.template_id,
            sha256=previous.sha256,
        )

    def record(
        self,
        document: NewDocument,
        content: bytes,
        *,
        principal: Principal,
        case: CaseView | None,
        child_id: str | None = None,
        seal: NewSeal | None = None,
    ) -> tuple[StoredDocument, bytes, bool]:
        """Save a document's file, then commit its record, seal and audit event in one go.

        The file is durable before the record commits, so an interruption leaves at most
        an unreferenced file, never a record without its file. Two identical requests
        racing each other make the same code; the second finds the first's record and
        gets that back (with its bytes, and True: served from the store).
        """
        joined = self.files.joins_transactions
        sha256 = hashlib.sha256(content).hexdigest() if joined else self.files.save(content)
        organisation_id = case.organisation_id if case else principal.organisation_id
        record = DocumentRecord(
            id=uuid.uuid4().hex,
            case_id=case.id if case else None,
            organisation_id=organisation_id,
            template_id=document.template_id,
            template_version=document.template_version,
            lang=document.lang,
            format=document.format,
            media_type=MEDIA_TYPES[document.format],
            input_sha256=document.input_sha256,
            sha256=sha256,
            size=len(content),
            render_date=document.render_date,
            filename_encrypted=self.cipher.encrypt(document.filename.encode()),
            subject_encrypted=self.cipher.encrypt(document.subject.encode())
            if document.subject
            else None,
            created_by=principal.id,
            created_at=utc_now(),
        )
        try:
            # Plain INSERTs: the ORM's unit of work cost more than the three statements.
            with self.database.connection() as connection:
                if joined:  # the bytes commit with their record, or neither does
                    self.files.save(content, connection=connection)
                connection.execute(DOCUMENT_INSERT, row_values(record))
                if seal is not None and self.verification is not None:
                    self.verification.record(
                        connection,
                        document_id=record.id,
                        document=document,
                        seal=seal,
                        sha256=sha256,
                    )
                record_event(
                    connection,
                    "document_rendered",
                    principal.id,
                    case_id=record.case_id,
                    document_id=record.id,
                    template=document.template_id,
                    version=document.template_version,
                    lang=document.lang,
                    format=document.format,
                    input_sha256=document.input_sha256,
                    sha256=sha256,
                    unsigned_sha256=document.unsigned_sha256,
                    code=seal.code if seal else None,
                    **({"confirmed": list(document.confirmed)} if document.confirmed else {}),
                )
                self._record_step(connection, case, child_id, document.template_id, record.id)
        except IntegrityError:
            previous = self.find_previous(
                document.input_sha256, case_id=record.case_id, principal=principal
            )
            if previous is None:
                raise
            return previous, self.read_bytes(previous), True
        log.info(
            "document stored",
            extra={
                "stage": "store",
                "template": document.template_id,
                "document_id": record.id,
                "sha256": sha256,
            },
        )
        return self._metadata(record), content, False

    def _record_step(
        self,
        connection: Connection,
        case: CaseView | None,
        child_id: str | None,
        template_id: str,
        document_id: str,
    ) -> None:
        """Mark the plan's step of this document prepared (in the document's transaction)."""
        if case is None or self.plans is None:
            return
        self.plans.record_document(
            connection,
            case_id=case.id,
            child_id=child_id,
            template_id=template_id,
            document_id=document_id,
        )

    def get(self, document_id: str, principal: Principal) -> StoredDocument:
        """Read the metadata of a document the caller may see, or raise DocumentNotFoundError."""
        with self.database.session() as session:
            record = session.get(DocumentRecord, document_id)
            if record is None or not (
                principal.may_see(record.organisation_id)
                or self._share_of(session, record.id, principal) is not None
            ):
                raise DocumentNotFoundError()
            return self._metadata(record)

    def _share_of(self, session: Session, document_id: str, principal: Principal) -> str | None:
        """The id of the active share of a document with a partner's organisation, if any."""
        if principal.role != "partner" or principal.organisation_id is None:
            return None
        share: str | None = session.scalars(
            select(DocumentShare.id).where(
                DocumentShare.document_id == document_id,
                DocumentShare.organisation_id == principal.organisation_id,
                DocumentShare.revoked_at.is_(None),
            )
        ).first()
        return share

    def list_shared(
        self, principal: Principal, *, page: int = 1, per_page: int = 20
    ) -> tuple[list[StoredDocument], int]:
        """One page of the documents shared with the caller's organisation, newest share
        first, and how many there are in all."""
        if principal.organisation_id is None:
            return [], 0
        shared = (
            select(DocumentRecord)
            .join(DocumentShare, DocumentShare.document_id == DocumentRecord.id)
            .where(
                DocumentShare.organisation_id == principal.organisation_id,
                DocumentShare.revoked_at.is_(None),
            )
        )
        with self.database.session() as session:
            total = session.scalar(select(func.count()).select_from(shared.subquery())) or 0
            records = session.scalars(
                shared.order_by(DocumentShare.created_at.desc(), DocumentRecord.id)
                .limit(per_page)
                .offset((page - 1) * per_page)
            )
            return [self._metadata(record) for record in records], total

    def list_for_case(self, case_id: str, principal: Principal) -> list[StoredDocument]:
        """Every document made from a case the caller may see, oldest first."""
        with self.database.session() as session:
            records = session.scalars(
                select(DocumentRecord)
                .where(DocumentRecord.case_id == case_id)
                .order_by(DocumentRecord.created_at)
            )
            return [self._metadata(r) for r in records if principal.may_see(r.organisation_id)]

    def count(self) -> int:
        """How many documents are stored."""
        with self.database.statements() as connection:
            return int(connection.scalar(select(func.count()).select_from(DocumentRecord)) or 0)

    def stored_hashes(self) -> list[str]:
        """The SHA-256 of every stored document's bytes (each once)."""
        with self.database.connection() as connection:
            return list(
                connection.scalars(select(DocumentRecord.sha256).distinct().order_by("sha256"))
            )

    def read_bytes(self, metadata: StoredDocument) -> bytes:
        """A stored document's bytes; a 503 naming the document when they cannot be read."""
        try:
            return self.files.load(metadata.sha256)
        except FileStoreError as error:
            log.error(
                "document bytes unreadable",
                extra={
                    "stage": "store",
                    "document_id": metadata.id,
                    "sha256": metadata.sha256,
                    "reason": str(error),
                },
            )
            raise DocumentBytesMissingError(document_id=metadata.id) from None

    def download(self, document_id: str, principal: Principal) -> tuple[StoredDocument, bytes]:
        """Read a document's bytes and record the download."""
        metadata = self.get(document_id, principal)
        if principal.role == "partner" and self.verification is not None:
            seal = self.verification.get(metadata.id)
            if seal is not None and seal.revoked:
                raise DocumentGoneError()
        content = self.read_bytes(metadata)
        with self.database.session() as session:
            share_id = self._share_of(session, metadata.id, principal)
            record_event(
                session,
                "document_downloaded",
                principal.id,
                case_id=metadata.case_id,
                document_id=metadata.id,
                sha256=metadata.sha256,
                **({"share_id": share_id} if share_id else {}),
            )
        return metadata, content
