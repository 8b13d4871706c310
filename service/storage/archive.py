"""Issued documents: render once, store the bytes, record the metadata and the audit event."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from service.documents import DocumentPipeline, get_template
from service.documents.pipeline import MEDIA_TYPES, RenderedDocument, hash_input
from service.errors import NotFoundError
from service.i18n import N_
from service.schemas.base import Warning
from service.storage.audit import record_event
from service.storage.crypto import DataCipher
from service.storage.database import Database
from service.storage.files import DocumentFileStore
from service.storage.models import DocumentRecord, utc_now

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
class IssuedDocument:
    """An issued document with its bytes, whether it was served from the store, and warnings."""

    metadata: StoredDocument
    content: bytes
    reused: bool
    warnings: list[Warning]


class DocumentArchive:
    """Renders through the pipeline, or serves an identical earlier render from the store."""

    def __init__(
        self,
        database: Database,
        files: DocumentFileStore,
        cipher: DataCipher,
        pipeline: DocumentPipeline,
    ) -> None:
        self.database = database
        self.files = files
        self.cipher = cipher
        self.pipeline = pipeline

    def _metadata(self, record: DocumentRecord) -> StoredDocument:
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
        )

    def find_previous(self, input_sha256: str, case_id: str | None) -> StoredDocument | None:
        """An earlier document made from the identical input, if its file is still stored."""
        with self.database.session() as session:
            record = session.scalars(
                select(DocumentRecord)
                .where(
                    DocumentRecord.input_sha256 == input_sha256, DocumentRecord.case_id == case_id
                )
                .order_by(DocumentRecord.created_at)
                .limit(1)
            ).first()
            if record is None or not self.files.exists(record.sha256):
                return None
            return self._metadata(record)

    def issue(
        self,
        template_id: str,
        data: Any,
        lang: str,
        fmt: str,
        *,
        actor: str,
        case_id: str | None = None,
        today: date | None = None,
    ) -> IssuedDocument:
        """Render (or reuse) a document, store its file, then commit its record and audit event.

        The file is durable before the record commits, so an interruption leaves at most
        an unreferenced file, never a record without its file.
        """
        spec = get_template(template_id)
        render_date = today or date.today()
        if lang in ("uk", "en", "uk-en") and fmt in MEDIA_TYPES:
            previous = self.find_previous(hash_input(spec, data, lang, fmt, render_date), case_id)
            if previous is not None:
                with self.database.session() as session:
                    record_event(
                        session,
                        "document_reused",
                        actor,
                        case_id=case_id,
                        document_id=previous.id,
                        template=spec.id,
                        sha256=previous.sha256,
                    )
                return IssuedDocument(previous, self.files.load(previous.sha256), True, [])
        document = self.pipeline.render(template_id, data, lang, fmt, today=render_date)
        return IssuedDocument(
            self.store(document, actor=actor, case_id=case_id),
            document.content,
            False,
            document.warnings,
        )

    def store(
        self, document: RenderedDocument, *, actor: str, case_id: str | None
    ) -> StoredDocument:
        """Save a rendered document's file, then commit its record and audit event."""
        spec = get_template(document.template_id)
        sha256 = self.files.save(document.content)
        record = DocumentRecord(
            id=uuid.uuid4().hex,
            case_id=case_id,
            template_id=spec.id,
            template_version=spec.version,
            lang=document.lang,
            format=document.format,
            media_type=document.media_type,
            input_sha256=document.input_sha256,
            sha256=sha256,
            size=len(document.content),
            render_date=document.render_date,
            filename_encrypted=self.cipher.encrypt(document.filename.encode()),
            created_by=actor,
            created_at=utc_now(),
        )
        with self.database.session() as session:
            session.add(record)
            record_event(
                session,
                "document_rendered",
                actor,
                case_id=case_id,
                document_id=record.id,
                template=spec.id,
                version=spec.version,
                lang=document.lang,
                format=document.format,
                input_sha256=document.input_sha256,
                sha256=sha256,
            )
        return self._metadata(record)

    def get(self, document_id: str) -> StoredDocument:
        """Read a document's metadata, or raise DocumentNotFoundError."""
        with self.database.session() as session:
            record = session.get(DocumentRecord, document_id)
            if record is None:
                raise DocumentNotFoundError()
            return self._metadata(record)

    def list_for_case(self, case_id: str) -> list[StoredDocument]:
        """Every document made from a case, oldest first."""
        with self.database.session() as session:
            records = session.scalars(
                select(DocumentRecord)
                .where(DocumentRecord.case_id == case_id)
                .order_by(DocumentRecord.created_at)
            )
            return [self._metadata(record) for record in records]

    def download(self, document_id: str, *, actor: str) -> tuple[StoredDocument, bytes]:
        """Read a document's bytes and record the download."""
        metadata = self.get(document_id)
        content = self.files.load(metadata.sha256)
        with self.database.session() as session:
            record_event(
                session,
                "document_downloaded",
                actor,
                case_id=metadata.case_id,
                document_id=metadata.id,
                sha256=metadata.sha256,
            )
        return metadata, content
