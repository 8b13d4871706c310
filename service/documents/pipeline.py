"""The rendering pipeline: validate, build the context, render, hash (no Flask here).

The API, the CLI and background jobs all call `DocumentPipeline`; each stage is logged
with template id and hashes only, never a child's data.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from marshmallow import ValidationError

from service.choices import DOCUMENT_LANGUAGES, FORMATS, MEDIA_TYPES
from service.documents.catalog import get_template, list_templates
from service.documents.context import build_context
from service.documents.premises import check_premises, confirmations_in
from service.documents.spec import TemplateSpec
from service.errors import DataValidationError
from service.i18n import LANGUAGES, N_
from service.rendering.docx import DocxRenderer
from service.rendering.pdf import PdfRenderer
from service.schemas.base import (
    UNTRANSLATED,
    Warning,
    collect_warnings,
    find_untranslated,
    flatten_errors,
)
from service.ukrainian import transliterate
from service.verification.seal import DocumentSeal, describe_seal

log = logging.getLogger(__name__)

# The HTML a PDF is made from, with its print CSS inlined: a preview, not a stored document.
PREVIEW_FORMAT = "html"
PREVIEW_MEDIA_TYPE = "text/html; charset=utf-8"
PRINT_CSS = "print.css"


@dataclass(frozen=True)
class ValidatedData:
    """Data that passed a template's schema, and the warnings found in it."""

    data: dict[str, Any]
    warnings: list[Warning] = field(default_factory=list)


@dataclass(frozen=True)
class RenderedDocument:
    """The bytes of one rendered document and what identifies them."""

    content: bytes
    template_id: str
    version: str
    lang: str
    format: str
    filename: str
    input_sha256: str
    render_date: date
    warnings: list[Warning]
    seal: DocumentSeal | None = None
    confirmed: tuple[str, ...] = ()  # paths of the facts a person confirmed
    subject: str = ""  # whom the document is about, "Петренко Андрій Іванович"

    @property
    def media_type(self) -> str:
        """The document's Content-Type."""
        return MEDIA_TYPES[self.format]

    @property
    def sha256(self) -> str:
        """The SHA-256 of the document's bytes, in hex."""
        return hashlib.sha256(self.content).hexdigest()


def document_subject(data: Mapping[str, Any]) -> str:
    """Whom a document is about: the child's (or the patient's) full name in Ukrainian."""
    person = data.get("child") or data.get("patient") or {}
    parts = (person.get("surname"), person.get("given_name"), person.get("patronymic"))
    return " ".join(part for part in parts if part)


def build_filename(spec: TemplateSpec, data: Mapping[str, Any], lang: str, fmt: str) -> str:
    """Build an ASCII-safe file name: document, child's transliterated name, language."""
    person = data.get("child") or data.get("patient") or {}
    name = transliterate(f"{person.get('surname', '')} {person.get('given_name', '')}")
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60]
    parts = [spec.filename_stem, slug, lang] if slug else [spec.filename_stem, lang]
    return "_".join(parts) + f".{fmt}"


WARM_UP_TEMPLATE = "identity.birth_fact_court_application"
WARM_UP_SEAL = DocumentSeal("WARM-UPWA-RMUP", "https://example.invalid/verify/WARM-UPWA-RMUP", "-")


class DocumentPipeline:
    """Validates data and renders documents of the catalog."""

    def __init__(self, templates_docx_dir: Path, templates_pdf_dir: Path) -> None:
        self.docx = DocxRenderer(templates_docx_dir)
        self.pdf = PdfRenderer(templates_pdf_dir)
        self._print_css: str | None = None

    def warm_up(self) -> None:
        """Render an example as PDF and DOCX and compile every template, before any request.

        A process's first PDF loads fonts and WeasyPrint's lazy parts (about 0.2 s more
        than the next), and each template's first use compiles it (45 ms a DOCX, 10 ms
        its HTML): render processes do all this before they take work, so none of it
        lands on a request or makes a packet slower.
        """
        spec = get_template(WARM_UP_TEMPLATE)
        for fmt in ("pdf", "docx"):
            self.render(spec.id, spec.load_example(), "uk", fmt, seal=WARM_UP_SEAL)
        templates = list_templates()
        for each in templates:
            self.pdf.prepare(each.html_template)
            self.docx.prepare(each.docx_template)
        log.info("templates compiled", extra={"stage": "warm_up", "templates": len(templates)})

    def validate(self, template_id: str, data: Any, lang: str | None = None) -> ValidatedData:
        """Load data with the template's schema, then check the document's premises.

        Every schema error at once (422), or the facts a person must confirm (422), or the
        premises that are false for the person (422 not-applicable), or data and warnings;
        for an English document (`lang` en or uk-en), a warning for each free text given in
        Ukrainian only.
        """
        spec = get_template(template_id)
        schema = spec.data_schema()
        if not isinstance(data, Mapping):
            raise DataValidationError({"data": [N_("Send the data as a JSON object.")]})
        try:
            loaded: dict[str, Any] = schema.load(data)
        except ValidationError as error:
            errors = flatten_errors(error.messages)
            errors.update(confirmations_in(spec.premises, error.valid_data))
            raise DataValidationError(errors) from None
        check_premises(spec.id, spec.premises, loaded)
        warnings = collect_warnings(schema, loaded)
        if lang is not None and "en" in lang.split("-"):
            warnings += [
                Warning(path, UNTRANSLATED, {"field": path})
                for path in find_untranslated(schema, loaded)
            ]
        return ValidatedData(loaded, warnings)

    def render(
        self,
        template_id: str,
        data: Any,
        lang: str,
        fmt: str,
        *,
        today: date | None = None,
        seal: DocumentSeal | None = None,
        input_sha256: str | None = None,
    ) -> RenderedDocument:
        """Validate, build the context and render one document to bytes.

        A stored document has a `seal` (verification code, address, issuer), decided
        before rendering so that the PDF prints it; the CLI's documents have none. The
        issuer passes the `input_sha256` it already computed; without it, it is computed here.
        """
        spec = get_template(template_id)
        check_choice(lang, DOCUMENT_LANGUAGES, "lang")
        check_choice(fmt, FORMATS, "format")
        validated = self.validate(template_id, data, lang)
        render_date = today or date.today()
        input_sha256 = input_sha256 or spec.hash_input(data, lang, fmt, render_date)
        log.info(
            "document validated",
            extra={"stage": "validate", "template": spec.id, "input_sha256": input_sha256},
        )
        context = build_context(
            validated.data,
            lang,
            spec.describe,
            document=describe_document(
                spec, lang, seal=seal, issued=render_date, with_qr=fmt == "pdf"
            ),
            today=render_date,
        )
        if fmt == "pdf":
            content = self.pdf.render_pdf(spec.html_template, context)
        else:
            content = self.docx.render_docx(spec.docx_template, context)
        document = RenderedDocument(
            content=content,
            template_id=spec.id,
            version=spec.version,
            lang=lang,
            format=fmt,
            filename=build_filename(spec, validated.data, lang, fmt),
            subject=document_subject(validated.data),
            input_sha256=input_sha256,
            render_date=render_date,
            warnings=validated.warnings,
            seal=seal,
            confirmed=tuple(find_confirmations(validated.data)),
        )
        log.info(
            "document rendered",
            extra={
                "stage": "render",
                "template": spec.id,
                "format": fmt,
                "lang": lang,
                "bytes": len(content),
                "sha256": document.sha256,
            },
        )
        return document

    def render_preview(
        self, template_id: str, data: Any, lang: str, *, today: date | None = None
    ) -> tuple[str, ValidatedData]:
        """Validate and render a document's HTML with its print CSS inlined (no WeasyPrint)."""
        spec = get_template(template_id)
        check_choice(lang, DOCUMENT_LANGUAGES, "lang")
        validated = self.validate(template_id, data, lang)
        context = build_context(
            validated.data,
            lang,
            spec.describe,
            document=describe_document(spec, lang),
            today=today or date.today(),
        )
        html = self.pdf.render_html(spec.html_template, context)
        if self._print_css is None:
            css = (self.pdf.templates_dir / PRINT_CSS).read_text(encoding="utf-8")
            self._print_css = css.replace("</", "<\\/")
        log.info("preview rendered", extra={"stage": "render_html", "template": spec.id})
        return inline_style(html, self._print_css), validated


def find_confirmations(data: Any, prefix: str = "") -> Iterator[str]:
    """The paths of the facts a person confirmed in a document's data (places' occupation)."""
    if isinstance(data, Mapping):
        if data.get("occupation_confirmed") is not None:
            yield f"{prefix}occupation_confirmed"
        for key, value in data.items():
            yield from find_confirmations(value, f"{prefix}{key}.")
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from find_confirmations(item, f"{prefix}{index}.")


def inline_style(html: str, css: str) -> str:
    """Put a stylesheet (our own, trusted) into the head of an HTML document."""
    return html.replace("</head>", f"<style>\n{css}</style>\n</head>", 1)


def describe_document(
    spec: TemplateSpec,
    lang: str,
    *,
    seal: DocumentSeal | None = None,
    issued: date | None = None,
    with_qr: bool = True,
) -> dict[str, Any]:
    """Give the template what it prints about the document itself (title, legal basis).

    The template's version goes into the PDF's metadata, not onto the page: a filed paper
    shows no program text (the verification page and the stored record name the version).

    Also what goes into the PDF's metadata (issuer, date; never a person's data) and the
    verification block of a stored document (`verification`, None when not stored).
    """
    titles = spec.titles()
    shown = [titles[one] for one in LANGUAGES if one in lang.split("-")]
    return {
        "id": spec.id,
        "version": spec.version,
        "title": " / ".join(shown),
        "legal_basis": spec.legal_bases(),
        "issued": issued.isoformat() if issued else None,
        "issuer": seal.issuer if seal else None,
        "verification": describe_seal(seal, with_qr=with_qr),
    }


def check_choice(value: Any, choices: tuple[str, ...], name: str) -> None:
    """Reject a language or format the catalog does not offer."""
    if value not in choices:
        raise DataValidationError({name: [N_("Choose one of the offered values.")]})
