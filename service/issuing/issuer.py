"""Issuing: a request for documents becomes stored, sealed, signed documents.

For each document: hash the input once, serve an identical earlier document again if
there is one, else decide its seal, render it in the pool, sign it (a PDF), store it
and audit it. One document (the API, the pages) and many (packets, jobs) take the same
path, so "reuse or render, then store" is written here once.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

from service.choices import DOCUMENT_LANGUAGES, MEDIA_TYPES
from service.documents import DocumentPipeline, RenderedDocument, ValidatedData, get_template
from service.documents.from_case import listed_evidence
from service.issuing.checks import DocumentChecks
from service.issuing.job import DocumentRequest, RenderJob
from service.issuing.packets import PacketBuilder
from service.issuing.pool import RenderPool
from service.principal import Principal
from service.schemas.base import Warning
from service.storage import Storage, StoredDocument
from service.storage.archive import NewDocument
from service.storage.cases import CaseView
from service.storage.purpose_keys import VERIFICATION_CODES
from service.storage.verification import NewSeal
from service.verification import DocumentSeal, DocumentSigner, derive_code, derive_series

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IssuedDocument:
    """An issued document with its bytes, whether it was served from the store, and warnings."""

    metadata: StoredDocument
    content: bytes
    reused: bool
    warnings: list[Warning]


def reuse_scope(case_id: str | None, principal: Principal) -> str:
    """Who shares reuse of identical renders (as `DocumentArchive.find_previous` does)."""
    owner = (
        f"org:{principal.organisation_id}" if principal.organisation_id else f"actor:{principal.id}"
    )
    return f"{case_id or '-'}|{owner}"


class DocumentIssuer:
    """The one caller of the render pool and of the document store's writes."""

    def __init__(
        self,
        storage: Storage,
        pipeline: DocumentPipeline,
        pool: RenderPool,
        *,
        signer: DocumentSigner | None,
        public_url: str,
        issuer_name: str | None = None,
    ) -> None:
        self.storage = storage
        self.pipeline = pipeline
        self.pool = pool
        self.signer = signer  # None: documents are neither sealed nor signed
        self.public_url = public_url.rstrip("/")
        self.issuer_name = issuer_name
        self.packets = PacketBuilder(self)

    def using(self, pool: RenderPool) -> DocumentIssuer:
        """The same issuer rendering in another pool (a job thread's, say)."""
        return DocumentIssuer(
            self.storage,
            self.pipeline,
            pool,
            signer=self.signer,
            public_url=self.public_url,
            issuer_name=self.issuer_name,
        )

    def validate(self, template_id: str, data: Any, lang: str | None = None) -> ValidatedData:
        """Check data against a template's schema (every error at once), before any render."""
        return self.pipeline.validate(template_id, data, lang)

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
        child_id: str | None = None,
    ) -> IssuedDocument:
        """Serve an identical earlier document, or render, seal, sign, store and audit one.

        A document from a case for a pending step of its plan makes the step prepared.
        """
        request = DocumentRequest(template_id, data, lang, fmt, child_id)
        return self.issue_many([request], principal=principal, case=case, today=today)[0]

    def issue_many(
        self,
        requests: Sequence[DocumentRequest],
        *,
        principal: Principal,
        case: CaseView | None = None,
        today: date | None = None,
    ) -> list[IssuedDocument]:
        """Issue every document, rendering those not in the store in parallel; in order."""
        render_date = today or date.today()
        issued: dict[int, IssuedDocument] = {}
        pending: list[tuple[int, RenderJob]] = []
        for index, request in enumerate(requests):
            spec = get_template(request.template_id)
            input_sha256 = None
            if request.lang in DOCUMENT_LANGUAGES and request.format in MEDIA_TYPES:
                input_sha256 = spec.hash_input(
                    request.data, request.lang, request.format, render_date
                )
                reused = self.storage.archive.reuse(
                    input_sha256, principal=principal, case=case, child_id=request.child_id
                )
                if reused is not None:
                    issued[index] = IssuedDocument(reused[0], reused[1], True, [])
                    continue
            # The render validates (in the worker) and brings the warnings back.
            seal = self._prepare_seal(input_sha256, principal, case) if input_sha256 else None
            job = RenderJob(
                spec.id, request.data, request.lang, request.format, render_date, input_sha256, seal
            )
            pending.append((index, job))
        rendered = self.pool.render_many(job for _, job in pending)
        for (index, _job), document in zip(pending, rendered, strict=True):
            issued[index] = self._store(
                document, principal=principal, case=case, child_id=requests[index].child_id
            )
        if case is not None:
            for index, request in enumerate(requests):
                # Which evidence files the document lists: a partner given the document
                # may fetch those (a reused document lists the same: its input is the same).
                listed = listed_evidence(request.data)
                if listed:
                    self.storage.evidence.link(issued[index].metadata.id, listed)
        return [issued[index] for index in range(len(requests))]

    @cached_property
    def checks(self) -> DocumentChecks | None:
        """Checks of codes and files against the seals (None: documents are not sealed)."""
        verification = self.storage.verification
        if self.signer is None or verification is None:
            return None
        return DocumentChecks(verification, self.signer)

    @property
    def _signer(self) -> DocumentSigner | None:
        return self.signer if self.storage.verification is not None else None

    def _prepare_seal(
        self, input_sha256: str, principal: Principal, case: CaseView | None
    ) -> DocumentSeal | None:
        """Decide the code, address and issuer a new document prints (before it renders)."""
        signer = self._signer
        verification = self.storage.verification
        if signer is None or verification is None:
            return None
        series = self._series(input_sha256, principal, case)
        organisation_id = case.organisation_id if case else principal.organisation_id
        generation, organisation = verification.seal_facts(series, organisation_id)
        issuer = organisation or self.issuer_name or signer.organisation_name
        code = derive_code(self._code_key, series, generation)
        return DocumentSeal(code=code, url=f"{self.public_url}/verify/{code}", issuer=issuer)

    @cached_property
    def _code_key(self) -> bytes:
        return self.storage.purpose_keys.get(VERIFICATION_CODES)

    def _series(self, input_sha256: str, principal: Principal, case: CaseView | None) -> str:
        scope = reuse_scope(case.id if case else None, principal)
        return derive_series(self._code_key, input_sha256, scope)

    def _store(
        self,
        document: RenderedDocument,
        *,
        principal: Principal,
        case: CaseView | None,
        child_id: str | None,
    ) -> IssuedDocument:
        """Seal and sign a rendered document, then store and audit it.

        A PDF is signed here, in the calling process, after its render: the signed file
        starts with the rendered bytes.
        """
        seal, content = self._seal(document, principal, case)
        stored, content, reused = self.storage.archive.record(
            NewDocument(
                template_id=document.template_id,
                template_version=document.version,
                lang=document.lang,
                format=document.format,
                render_date=document.render_date,
                input_sha256=document.input_sha256,
                filename=document.filename,
                subject=document.subject,
                unsigned_sha256=document.sha256,
                unsigned_size=len(document.content),
                confirmed=document.confirmed,
            ),
            content,
            principal=principal,
            case=case,
            child_id=child_id,
            seal=seal,
        )
        return IssuedDocument(stored, content, reused, [] if reused else document.warnings)

    def _seal(
        self, document: RenderedDocument, principal: Principal, case: CaseView | None
    ) -> tuple[NewSeal | None, bytes]:
        """The seal of a document to record, and its bytes to store (a PDF signed)."""
        signer = self._signer
        if signer is None:
            return None, document.content
        seal = document.seal
        if seal is None:
            # A render without its seal: the PDF prints no code, but it is still signed
            # and registered, so a check by upload finds it.
            log.warning("document rendered without its seal", extra={"stage": "seal"})
            seal = self._prepare_seal(document.input_sha256, principal, case)
            if seal is None:
                return None, document.content
        series = self._series(document.input_sha256, principal, case)
        if document.format != "pdf":
            return NewSeal(seal.code, series, seal.issuer, seal.url, None), document.content
        signed = signer.sign(
            document.content,
            signer.signing_time(document.render_date),
            reason=f"{seal.issuer}; {seal.url}",
        )
        log.info("document signed", extra={"stage": "sign", "template": document.template_id})
        return NewSeal(seal.code, series, seal.issuer, seal.url, signer.certificate_sha256), signed
