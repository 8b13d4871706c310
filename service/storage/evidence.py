"""Evidence files of a case: scans and photos attached to the case or to one person of it.

The bytes are kept as a document's are: in the document store (files under DOCUMENTS_DIR
or the database's `document_blobs`), addressed by their SHA-256 and encrypted with the
data key; the file's name and its caption are encrypted in the row. Bytes are shared by
address, so a file is deleted only when no document and no evidence row points at it
(`unused_hashes`). Thumbnails are preview images under `pages/` like a document's, and
go with the bytes.

Which document lists which evidence (`document_evidence`) is written when the document
is made: a partner who receives the document may fetch the evidence it lists, nothing
else. The audit trail names evidence by id, hash, size and type, never by its name or
caption.
"""

from __future__ import annotations

import json
import logging
import shutil
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, delete, insert, select

from service.errors import DocumentBytesMissingError, NotFoundError
from service.i18n import N_
from service.principal import Principal
from service.storage.audit import record_event
from service.storage.crypto import DataCipher
from service.storage.database import Database
from service.storage.files import PAGE_IMAGES_FOLDER, DocumentFileStore, FileStoreError
from service.storage.models import (
    DocumentBlob,
    DocumentEvidence,
    DocumentRecord,
    EvidenceRecord,
    utc_now,
)

log = logging.getLogger(__name__)


class EvidenceNotFoundError(NotFoundError):
    """No evidence has this id on this case (or the caller may not see it)."""

    slug = "evidence-not-found"
    title = N_("Unknown evidence")
    detail = N_("There is no evidence file with this id.")


@dataclass(frozen=True)
class NewEvidence:
    """What an upload is found to be, and what the caseworker said of it."""

    person: str | None
    kind: str
    media_type: str
    pages: int
    filename: str
    description: dict[str, str] | None  # {"uk": ..., "en": ...}


@dataclass(frozen=True)
class StoredEvidence:
    """A stored evidence file's metadata (its name and caption decrypted)."""

    id: str
    case_id: str
    organisation_id: str | None
    person: str | None
    kind: str
    media_type: str
    sha256: str
    size: int
    pages: int
    filename: str
    description: dict[str, str] | None
    created_by: str
    created_at: datetime

    def as_dict(self) -> dict[str, Any]:
        """The metadata as JSON-ready data."""
        return {
            "id": self.id,
            "case_id": self.case_id,
            "person": self.person,
            "kind": self.kind,
            "media_type": self.media_type,
            "sha256": self.sha256,
            "size": self.size,
            "pages": self.pages,
            "filename": self.filename,
            "description": self.description,
            "created_by": self.created_by,
            "created_at": self.created_at.isoformat(),
        }


def unused_hashes(connection: Connection, hashes: Iterable[str]) -> set[str]:
    """Of these SHA-256, those no document and no evidence file points at any more."""
    wanted = set(hashes)
    if not wanted:
        return set()
    used = set(
        connection.scalars(select(DocumentRecord.sha256).where(DocumentRecord.sha256.in_(wanted)))
    )
    used |= set(
        connection.scalars(select(EvidenceRecord.sha256).where(EvidenceRecord.sha256.in_(wanted)))
    )
    return wanted - used


class EvidenceStore:
    """Add, list, read and delete a case's evidence files; link them to documents."""

    def __init__(
        self,
        database: Database,
        cipher: DataCipher,
        files: Callable[[], DocumentFileStore],
        documents_dir: Path,
    ) -> None:
        self.database = database
        self.cipher = cipher
        self._files = files
        self.documents_dir = documents_dir

    def add(
        self,
        case_id: str,
        organisation_id: str | None,
        new: NewEvidence,
        content: bytes,
        *,
        principal: Principal,
    ) -> StoredEvidence:
        """Store an evidence file's bytes and its record (checked by the caller); audited."""
        files = self._files()
        sha256 = None if files.joins_transactions else files.save(content)
        record = EvidenceRecord(
            id=uuid.uuid4().hex,
            case_id=case_id,
            organisation_id=organisation_id,
            person=new.person,
            kind=new.kind,
            media_type=new.media_type,
            size=len(content),
            pages=new.pages,
            filename_encrypted=self.cipher.encrypt(new.filename.encode()),
            description_encrypted=self.cipher.encrypt(
                json.dumps(new.description, ensure_ascii=False).encode()
            )
            if new.description
            else None,
            created_by=principal.id,
            created_at=utc_now(),
        )
        with self.database.connection() as connection:
            record.sha256 = sha256 or files.save(content, connection)
            connection.execute(
                insert(EvidenceRecord),
                {column.key: getattr(record, column.key) for column in record.__table__.columns},
            )
            record_event(
                connection,
                "evidence_added",
                principal.id,
                case_id=case_id,
                evidence_id=record.id,
                sha256=record.sha256,
                size=record.size,
                media_type=record.media_type,
                pages=record.pages,
                kind=record.kind,
                person="case" if new.person is None else _person_kind(new.person),
            )
        return self._view(record)

    def list_for_case(self, case_id: str) -> list[StoredEvidence]:
        """A case's evidence files, oldest first (the order a document lists them in)."""
        with self.database.session() as session:
            records = session.scalars(
                select(EvidenceRecord)
                .where(EvidenceRecord.case_id == case_id)
                .order_by(EvidenceRecord.created_at, EvidenceRecord.id)
            )
            return [self._view(record) for record in records]

    def case_entries(self, case_id: str) -> list[dict[str, Any]]:
        """A case's evidence as documents list it: id, person, kind, caption, pages."""
        return [
            {
                "id": item.id,
                "person": item.person,
                "kind": item.kind,
                "description": item.description,
                "pages": item.pages,
            }
            for item in self.list_for_case(case_id)
        ]

    def get(self, case_id: str, evidence_id: str) -> StoredEvidence:
        """One evidence file of a case, or EvidenceNotFoundError."""
        with self.database.session() as session:
            record = session.get(EvidenceRecord, evidence_id)
            if record is None or record.case_id != case_id:
                raise EvidenceNotFoundError()
            return self._view(record)

    def read_bytes(self, evidence: StoredEvidence) -> bytes:
        """An evidence file's bytes; a 503 naming it when they cannot be read."""
        try:
            return self._files().load(evidence.sha256)
        except FileStoreError as error:
            log.error(
                "evidence bytes unreadable",
                extra={"evidence_id": evidence.id, "sha256": evidence.sha256, "reason": str(error)},
            )
            raise DocumentBytesMissingError(document_id=evidence.id) from None

    def download(
        self, evidence: StoredEvidence, principal: Principal, *, document_id: str | None = None
    ) -> bytes:
        """Read an evidence file's bytes and record the download (and the document it came
        with, for a partner)."""
        content = self.read_bytes(evidence)
        with self.database.connection() as connection:
            record_event(
                connection,
                "evidence_downloaded",
                principal.id,
                case_id=evidence.case_id,
                document_id=document_id,
                evidence_id=evidence.id,
                sha256=evidence.sha256,
            )
        return content

    def delete(self, evidence: StoredEvidence, *, principal: Principal) -> None:
        """Delete an evidence file's record, and its bytes and thumbnails if nothing else
        points at them; audited. Documents that listed it keep what they printed."""
        with self.database.connection() as connection:
            connection.execute(
                delete(DocumentEvidence).where(DocumentEvidence.evidence_id == evidence.id)
            )
            connection.execute(delete(EvidenceRecord).where(EvidenceRecord.id == evidence.id))
            unused = unused_hashes(connection, [evidence.sha256])
            connection.execute(delete(DocumentBlob).where(DocumentBlob.sha256.in_(unused)))
            record_event(
                connection,
                "evidence_deleted",
                principal.id,
                case_id=evidence.case_id,
                evidence_id=evidence.id,
                sha256=evidence.sha256,
                size=evidence.size,
                media_type=evidence.media_type,
            )
        self.delete_files(unused)

    def delete_files(self, hashes: Iterable[str]) -> None:
        """Delete the bytes (file store) and thumbnails of hashes nothing points at (best
        effort: what fails is left to the sweep of unreferenced files)."""
        files = self._files()
        for sha256 in hashes:
            try:
                if not files.joins_transactions:
                    files.delete(sha256)
                for folder in (self.documents_dir / PAGE_IMAGES_FOLDER).glob(
                    f"*/{sha256[:2]}/{sha256}"
                ):
                    shutil.rmtree(folder)
            except OSError as error:
                log.warning(
                    "evidence file not deleted yet",
                    extra={"sha256": sha256, "error": type(error).__name__},
                )

    def link(self, document_id: str, listed: Sequence[tuple[str, int]]) -> None:
        """Record that a document lists these evidence files ((id, annex number) each);
        ids no longer on record are skipped."""
        if not listed:
            return
        with self.database.connection() as connection:
            known = set(
                connection.scalars(
                    select(EvidenceRecord.id).where(
                        EvidenceRecord.id.in_([evidence_id for evidence_id, _ in listed])
                    )
                )
            )
            already = set(
                connection.scalars(
                    select(DocumentEvidence.evidence_id).where(
                        DocumentEvidence.document_id == document_id
                    )
                )
            )
            rows = [
                {"document_id": document_id, "evidence_id": evidence_id, "annex": annex}
                for evidence_id, annex in listed
                if evidence_id in known and evidence_id not in already
            ]
            if rows:
                connection.execute(insert(DocumentEvidence), rows)

    def listed_in(self, document_id: str) -> list[tuple[int, StoredEvidence]]:
        """The evidence a document lists, with its annex number, in annex order."""
        with self.database.session() as session:
            rows = session.execute(
                select(DocumentEvidence.annex, EvidenceRecord)
                .join(EvidenceRecord, EvidenceRecord.id == DocumentEvidence.evidence_id)
                .where(DocumentEvidence.document_id == document_id)
                .order_by(DocumentEvidence.annex)
            ).all()
            return [(annex, self._view(record)) for annex, record in rows]

    def stored_hashes(self) -> list[str]:
        """The SHA-256 of every evidence file's bytes (each once)."""
        with self.database.statements() as connection:
            return list(
                connection.scalars(select(EvidenceRecord.sha256).distinct().order_by("sha256"))
            )

    def _view(self, record: EvidenceRecord) -> StoredEvidence:
        return StoredEvidence(
            id=record.id,
            case_id=record.case_id,
            organisation_id=record.organisation_id,
            person=record.person,
            kind=record.kind,
            media_type=record.media_type,
            sha256=record.sha256,
            size=record.size,
            pages=record.pages,
            filename=self.cipher.decrypt(record.filename_encrypted).decode(),
            description=json.loads(self.cipher.decrypt(record.description_encrypted))
            if record.description_encrypted
            else None,
            created_by=record.created_by,
            created_at=record.created_at,
        )


ADULTS = ("mother", "father", "applicant", "legal_representative")


def _person_kind(person: str) -> str:
    """What the audit says of whom a file is about: an adult's role, or "child" (an id of
    a child is an id too, but the role is what a reader of the trail needs)."""
    return person if person in ADULTS else "child"
