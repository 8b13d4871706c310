"""Case packets: each chosen person's documents from the plan, in each language and format.

A packet is made per person from that person's plan (`casework.select_packet`), never as
every template times every child: a court application only for the child it is true of.

The ZIP holds the documents, `manifest.json` (path, template, version, language, format,
SHA-256 of each file) and, when PDFs are asked for, `packet.pdf`: all PDFs merged with
a bookmark per document. Renders run in parallel in the render pool; each document is
stored and audited like any other, and identical earlier renders are reused.

A document that lists the case's evidence files (a court application's attachments) is
followed by its annexes: each file's pages as images on PDF/A pages labelled "Додаток 1"
/ "Annex 1" in the document's language, numbered as the document lists them. They are
in `annexes/` beside the document, and in `packet.pdf` right after it.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from pypdf import PdfReader, PdfWriter

from service.documents import get_template
from service.documents.from_case import CASE_EVIDENCE, build_person_data, listed_evidence
from service.documents.identity import describe_evidence
from service.documents.premises import NotApplicableError
from service.errors import DataValidationError
from service.i18n import Message
from service.issuing.job import DocumentRequest
from service.principal import Principal
from service.rendering.docx import FIXED_ZIP_TIME
from service.rendering.evidence import AnnexFile, AnnexJob
from service.storage.archive import StoredDocument
from service.storage.audit import record_event
from service.storage.cases import CaseView

if TYPE_CHECKING:
    from service.issuing.issuer import DocumentIssuer

AS_GIVEN = "%(text)s"  # a message already in each language
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
    child_id: str | None  # the person: a child's id, or "mother"
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
        pairs: Sequence[tuple[str, str]],
        langs: Sequence[str],
        formats: Sequence[str],
        outcomes: Outcomes | None = None,
    ) -> list[_Item]:
        """Every (document, person, language, format), with data checked up front."""
        lookup = self.storage.institutions.lookup_for(principal, case.organisation_id)
        case_data = {**case.data, CASE_EVIDENCE: self.storage.evidence.case_entries(case.id)}
        errors: dict[str, list[str]] = {}
        items: list[_Item] = []
        for template_id, person in pairs:
            spec = get_template(template_id)
            try:
                data = build_person_data(
                    spec.id, case_data, person, lookup=lookup, outcomes=outcomes
                )
                self.issuer.validate(spec.id, data)
            except DataValidationError as error:
                for path, messages in error.errors.items():
                    errors.setdefault(f"{spec.id}[{person}].{path}", []).extend(messages)
                continue
            except NotApplicableError as refusal:
                for item in refusal.extra_members()["refusals"]:
                    fact = Message(AS_GIVEN, text=item["fact"])
                    errors.setdefault(f"{spec.id}[{person}]", []).append(fact)
                continue
            items.extend(
                _Item(spec.id, person, lang, fmt, data) for lang in langs for fmt in formats
            )
        if errors:
            raise DataValidationError(errors)
        return items

    def build(
        self,
        case_id: str,
        *,
        pairs: Sequence[tuple[str, str]],
        langs: Sequence[str],
        formats: Sequence[str],
        principal: Principal,
        left_out: Sequence[Mapping[str, str]] = (),
        today: date | None = None,
        outcomes: Outcomes | None = None,
    ) -> Packet:
        """Render (or reuse), store and pack the documents of one case.

        `pairs` are the (template id, person) of the packet, each from that person's plan
        (`casework.select_packet`); `left_out` what was asked for but is in no plan, for
        the manifest. `outcomes` gives what the case's decided steps add to a document:
        (template id, child id) -> data.
        """
        case = self.storage.cases.get(case_id, principal)
        items = self._plan(
            case, principal, pairs=pairs, langs=langs, formats=formats, outcomes=outcomes
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
        annexes = self._annexes(case.id, items)
        packet = assemble_packet(
            case.id,
            items,
            [document.metadata for document in issued],
            [document.content for document in issued],
            left_out=left_out,
            annexes=annexes,
        )
        with self.storage.database.session() as session:
            record_event(
                session,
                "packet_built",
                principal.id,
                case_id=case.id,
                documents=len(items),
                rendered=sum(not document.reused for document in issued),
                annexes=len(annexes),
                sha256=packet.sha256,
            )
        return packet

    def _annexes(self, case_id: str, items: Sequence[_Item]) -> dict[int, Annexes]:
        """The annexes of each item that lists evidence files (by item index), rendered
        once per language and list of files."""
        wanted: dict[tuple[str, tuple[str, ...]], list[int]] = {}
        for index, item in enumerate(items):
            listed = listed_evidence(item.data)
            if listed:
                key = (item.lang, tuple(evidence_id for evidence_id, _ in listed))
                wanted.setdefault(key, []).append(index)
        if not wanted:
            return {}
        stored = {item.id: item for item in self.storage.evidence.list_for_case(case_id)}
        jobs: list[AnnexJob] = []
        listings: list[tuple[dict[str, Any], ...]] = []
        for (lang, ids), indexes in wanted.items():
            described = {
                entry["evidence_id"]: entry
                for entry in items[indexes[0]].data["evidence"]
                if isinstance(entry.get("evidence_id"), str)
            }
            # Numbered as the document lists them (a file deleted meanwhile leaves a gap).
            numbered = [(n, stored[i]) for n, i in enumerate(ids, start=1) if i in stored]
            jobs.append(
                AnnexJob(
                    lang,
                    [
                        AnnexFile(
                            number=number,
                            titles={
                                one: describe_evidence(described[evidence.id], one)
                                for one in ("uk", "en")
                            },
                            media_type=evidence.media_type,
                            content=self.storage.evidence.read_bytes(evidence),
                        )
                        for number, evidence in numbered
                    ],
                )
            )
            listings.append(
                tuple(
                    {"annex": number, "evidence_id": evidence.id, "sha256": evidence.sha256}
                    for number, evidence in numbered
                )
            )
        rendered = self.issuer.pool.render_annexes(jobs)
        annexes: dict[int, Annexes] = {}
        for indexes, listing, content in zip(wanted.values(), listings, rendered, strict=True):
            for index in indexes:
                annexes[index] = Annexes(content, listing)
        return annexes


@dataclass(frozen=True)
class Annexes:
    """A document's annexes: the PDF of their pages, and which evidence each one is."""

    content: bytes
    evidence: tuple[dict[str, Any], ...]


def assemble_packet(
    case_id: str,
    items: Sequence[_Item],
    documents: Sequence[StoredDocument],
    contents: Sequence[bytes],
    *,
    left_out: Sequence[Mapping[str, str]] = (),
    annexes: Mapping[int, Annexes] | None = None,
) -> Packet:
    """Write the ZIP: documents, their annexes, manifest.json and the merged, bookmarked
    packet.pdf (each document followed by its annexes).

    The manifest names what was asked for but left out (in no chosen person's plan).
    """
    annexes = annexes or {}
    files = []
    written: set[str] = set()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for index, (item, document, content) in enumerate(
            zip(items, documents, contents, strict=True)
        ):
            path = f"documents/{document.filename}"
            _write(archive, path, content)
            annex = annexes.get(index)
            if annex is not None:
                annex_path = f"annexes/{document.filename.rsplit('.', 1)[0]}.annexes.pdf"
                if annex_path not in written:
                    written.add(annex_path)
                    _write(archive, annex_path, annex.content)
                    files.append(
                        {
                            "path": annex_path,
                            "template": None,
                            "version": None,
                            "lang": document.lang,
                            "format": "pdf",
                            "sha256": hashlib.sha256(annex.content).hexdigest(),
                            "document_id": None,
                            "child_id": item.child_id,
                            "annexes_of": document.id,
                            "evidence": list(annex.evidence),
                        }
                    )
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
        pdfs = [
            (d, c, annexes[i].content if i in annexes else None)
            for i, (d, c) in enumerate(zip(documents, contents, strict=True))
            if d.format == "pdf"
        ]
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
        manifest = {"case_id": case_id, "files": files, "left_out": [dict(x) for x in left_out]}
        _write(
            archive, "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2).encode()
        )
    return Packet(buffer.getvalue(), f"packet_{case_id[:8]}.zip", manifest)


def _write(archive: zipfile.ZipFile, path: str, content: bytes) -> None:
    info = zipfile.ZipInfo(path, date_time=FIXED_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, content)


ANNEXES_BOOKMARK = {"uk": "Додатки", "en": "Annexes"}


def merge_pdfs(documents: Sequence[tuple[StoredDocument, bytes, bytes | None]]) -> bytes:
    """Merge PDFs into one, with a bookmark per document (title, language), each followed
    by its annexes (bookmarked under it), if any."""
    writer = PdfWriter()
    for document, content, annexes in documents:
        first_page = len(writer.pages)
        writer.append(PdfReader(io.BytesIO(content)), import_outline=False)
        lang = "uk" if document.lang != "en" else "en"
        title = get_template(document.template_id).titles()[lang]
        parent = writer.add_outline_item(title=f"{title} ({document.lang})", page_number=first_page)
        if annexes is not None:
            annex_page = len(writer.pages)
            writer.append(PdfReader(io.BytesIO(annexes)), import_outline=False)
            writer.add_outline_item(
                title=ANNEXES_BOOKMARK[lang], page_number=annex_page, parent=parent
            )
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
