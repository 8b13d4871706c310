"""Issued documents: render once, store the bytes, record the metadata and the audit event."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from service.access.principal import Principal
from service.documents import DOCUMENT_LANGUAGES, DocumentPipeline, get_template
from service.documents.pipeline import MEDIA_TYPES, RenderedDocument, hash_input
from service.errors import NotFoundError
from service.i18n import N_
from service.rendering.pool import RenderPool
from service.schemas.base import Warning
from service.storage.audit import record_event
from service.storage.cases import CaseView
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
        renderer: RenderPool,
    ) -> None:
        self.database = database
        self.files = files
        self.cipher = cipher
        self.pipeline = pipeline
        self.renderer = renderer

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

    def find_previous(
        self, input_sha256: str, *, case_id: str | None, principal: Principal
    ) -> StoredDocument | None:
        """An earlier document of the caller's, made from the identical input, with its file."""
        query = select(DocumentRecord).where(
            DocumentRecord.input_sha256 == input_sha256, DocumentRecord.case_id == case_id
        )
        if principal.organisation_id:
            query = query.where(DocumentRecord.organisation_id == principal.organisation_id)
        else:
            query = query.where(DocumentRecord.created_by == principal.id)
        with self.database.session() as session:
            record = session.scalars(query.order_by(DocumentRecord.created_at).limit(1)).first()
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
        principal: Principal,
        case: CaseView | None = None,
        today: date | None = None,
    ) -> IssuedDocument:
        """Render (or reuse) a document, store its file, then commit its record and audit event.

        The file is durable before the record commits, so an interruption leaves at most
        an unreferenced file, never a record without its file.
        """
        spec = get_template(template_id)
        render_date = today or date.today()
        case_id = case.id if case else None
        if lang in DOCUMENT_LANGUAGES and fmt in MEDIA_TYPES:
            input_sha256 = hash_input(spec, data, lang, fmt, render_date)
            previous = self.find_previous(input_sha256, case_id=case_id, principal=principal)
            if previous is not None:
                with self.database.session() as session:
                    record_event(
                        session,
                        "document_reused",
                        principal.id,
                        case_id=case_id,
                        document_id=previous.id,
                        template=spec.id,
                        sha256=previous.sha256,
                    )
                return IssuedDocument(previous, self.files.load(previous.sha256), True, [])
        validated = self.pipeline.validate(template_id, data)
        document = self.renderer.render_one((template_id, data, lang, fmt, render_date))
        metadata = self.store(document, principal=principal, case=case)
        return IssuedDocument(metadata, document.content, False, validated.warnings)

    def store(
        self, document: RenderedDocument, *, principal: Principal, case: CaseView | None
    ) -> StoredDocument:
        """Save a rendered document's file, then commit its record and audit event."""
        spec = get_template(document.template_id)
        sha256 = self.files.save(document.content)
        record = DocumentRecord(
            id=uuid.uuid4().hex,
            case_id=case.id if case else None,
            organisation_id=case.organisation_id if case else principal.organisation_id,
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
            created_by=principal.id,
            created_at=utc_now(),
        )
        with self.database.session() as session:
            session.add(record)
            record_event(
                session,
                "document_rendered",
                principal.id,
                case_id=record.case_id,
                document_id=record.id,
                template=spec.id,
                version=spec.version,
                lang=document.lang,
                format=document.format,
                input_sha256=document.input_sha256,
                sha256=sha256,
            )
        log.info(
            "document stored",
            extra={
                "stage": "store",
                "template": spec.id,
                "document_id": record.id,
                "sha256": sha256,
            },
        )
        return self._metadata(record)

    def get(self, document_id: str, principal: Principal) -> StoredDocument:
        """Read the metadata of a document the caller may see, or raise DocumentNotFoundError."""
        with self.database.session() as session:
            record = session.get(DocumentRecord, document_id)
            if record is None or not principal.may_see(record.organisation_id):
                raise DocumentNotFoundError()
            return self._metadata(record)

    def list_for_case(self, case_id: str, principal: Principal) -> list[StoredDocument]:
        """Every document made from a case the caller may see, oldest first."""
        with self.database.session() as session:
            records = session.scalars(
                select(DocumentRecord)
                .where(DocumentRecord.case_id == case_id)
                .order_by(DocumentRecord.created_at)
            )
            return [self._metadata(r) for r in records if principal.may_see(r.organisation_id)]

    def download(self, document_id: str, principal: Principal) -> tuple[StoredDocument, bytes]:
        """Read a document's bytes and record the download."""
        metadata = self.get(document_id, principal)
        content = self.files.load(metadata.sha256)
        with self.database.session() as session:
            record_event(
                session,
                "document_downloaded",
                principal.id,
                case_id=metadata.case_id,
                document_id=metadata.id,
                sha256=metadata.sha256,
            )
        return metadata, content
