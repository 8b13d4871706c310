"""Case packets: every chosen document for every child, language and format, in one ZIP.

The ZIP holds the documents, `manifest.json` (path, template, version, language, format,
SHA-256 of each file) and, when PDFs are asked for, `packet.pdf`: all PDFs merged with
a bookmark per document. Renders run in parallel in the render pool; each document is
stored and audited like any other, and identical earlier renders are reused.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from pypdf import PdfReader, PdfWriter

from service.documents import get_template
from service.documents.from_case import build_template_data
from service.errors import DataValidationError
from service.issuing.job import DocumentRequest
from service.principal import Principal
from service.rendering.docx import FIXED_ZIP_TIME
from service.storage.archive import StoredDocument
from service.storage.audit import record_event
from service.storage.cases import CaseView

if TYPE_CHECKING:
    from service.issuing.issuer import DocumentIssuer

# (template id, child id) -> what the case's decided steps give that document
Outcomes = Callable[[str, str | None], dict[str, Any]]


@dataclass(frozen=True)
class Packet:
    """A built packet: the ZIP bytes and what it holds."""

    content: bytes
    filename: str
    manifest: dict[str, Any]

    @property
    def sha256(self) -> str:
        """The SHA-256 of the ZIP."""
        return hashlib.sha256(self.content).hexdigest()


@dataclass(frozen=True)
class _Item:
    template_id: str
    child_id: str | None
    lang: str
    fmt: str
    data: dict[str, Any]


class PacketBuilder:
    """Builds packets from cases."""

    def __init__(self, issuer: DocumentIssuer) -> None:
        self.issuer = issuer
        self.storage = issuer.storage

    def _plan(
        self,
        case: CaseView,
        principal: Principal,
        *,
        templates: Sequence[str],
        langs: Sequence[str],
        formats: Sequence[str],
        child_ids: Sequence[str] | None,
        outcomes: Outcomes | None = None,
    ) -> list[_Item]:
        """Every (document, child, language, format), with data checked up front."""
        case_data = case.data
        lookup = self.storage.institutions.lookup_for(principal, case.organisation_id)
        children = [child["id"] for child in case_data.get("children", [])]
        chosen: list[str | None] = list(child_ids) if child_ids else (list(children) or [None])
        errors: dict[str, list[str]] = {}
        items: list[_Item] = []
        for template_id in templates:
            spec = get_template(template_id)
            for child_id in chosen:
                try:
                    data = build_template_data(
                        spec,
                        case_data,
                        child_id,
                        None,
                        lookup=lookup,
                        outcomes=outcomes(spec.id, child_id) if outcomes else None,
                    )
                    self.issuer.validate(spec.id, data)
                except DataValidationError as error:
                    prefix = f"{spec.id}[{child_id}]" if child_id else spec.id
                    for path, messages in error.errors.items():
                        errors.setdefault(f"{prefix}.{path}", []).extend(messages)
                    continue
                items.extend(
                    _Item(spec.id, child_id, lang, fmt, data) for lang in langs for fmt in formats
                )
        if errors:
            raise DataValidationError(errors)
        return items

    def build(
        self,
        case_id: str,
        *,
        templates: Sequence[str],
        langs: Sequence[str],
        formats: Sequence[str],
        child_ids: Sequence[str] | None,
        principal: Principal,
        today: date | None = None,
        outcomes: Outcomes | None = None,
    ) -> Packet:
        """Render (or reuse), store and pack the documents of one case.

        `outcomes` gives what the case's decided steps add to a document: (template id,
        child id) -> data.
        """
        case = self.storage.cases.get(case_id, principal)
        items = self._plan(
            case,
            principal,
            templates=templates,
            langs=langs,
            formats=formats,
            child_ids=child_ids,
            outcomes=outcomes,
        )
        issued = self.issuer.issue_many(
            [
                DocumentRequest(item.template_id, item.data, item.lang, item.fmt, item.child_id)
                for item in items
            ],
            principal=principal,
            case=case,
            today=today,
        )
        packet = assemble_packet(
            case.id,
            items,
            [document.metadata for document in issued],
            [document.content for document in issued],
        )
        with self.storage.database.session() as session:
            record_event(
                session,
                "packet_built",
                principal.id,
                case_id=case.id,
                documents=len(items),
                rendered=sum(not document.reused for document in issued),
                sha256=packet.sha256,
            )
        return packet


def assemble_packet(
    case_id: str,
    items: Sequence[_Item],
    documents: Sequence[StoredDocument],
    contents: Sequence[bytes],
) -> Packet:
    """Write the ZIP: documents, manifest.json and the merged, bookmarked packet.pdf."""
    files = []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for item, document, content in zip(items, documents, contents, strict=True):
            path = f"documents/{document.filename}"
            _write(archive, path, content)
            files.append(
                {
                    "path": path,
                    "template": document.template_id,
                    "version": document.template_version,
                    "lang": document.lang,
                    "format": document.format,
                    "sha256": document.sha256,
                    "document_id": document.id,
                    "child_id": item.child_id,
                }
            )
        pdfs = [(d, c) for d, c in zip(documents, contents, strict=True) if d.format == "pdf"]
        if pdfs:
            merged = merge_pdfs(pdfs)
            _write(archive, "packet.pdf", merged)
            files.append(
                {
                    "path": "packet.pdf",
                    "template": None,
                    "version": None,
                    "lang": None,
                    "format": "pdf",
                    "sha256": hashlib.sha256(merged).hexdigest(),
                    "document_id": None,
                    "child_id": None,
                }
            )
        manifest = {"case_id": case_id, "files": files}
        _write(
            archive, "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2).encode()
        )
    return Packet(buffer.getvalue(), f"packet_{case_id[:8]}.zip", manifest)


def _write(archive: zipfile.ZipFile, path: str, content: bytes) -> None:
    info = zipfile.ZipInfo(path, date_time=FIXED_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, content)


def merge_pdfs(documents: Sequence[tuple[StoredDocument, bytes]]) -> bytes:
    """Merge PDFs into one, with a bookmark per document (title, language)."""
    writer = PdfWriter()
    for document, content in documents:
        first_page = len(writer.pages)
        writer.append(PdfReader(io.BytesIO(content)), import_outline=False)
        title = get_template(document.template_id).titles()["uk" if document.lang != "en" else "en"]
        writer.add_outline_item(title=f"{title} ({document.lang})", page_number=first_page)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
