"""Evidence files (scans and photos): their type told from the bytes, thumbnails, annex pages.

What an upload claims (its name, its Content-Type) is never trusted: the first bytes say
what it is (a PDF, a JPEG or a PNG), and the file must then open as that (PDFium reads
the PDF, Pillow decodes the image). HEIC photos (iPhones) are recognised and refused with
a message saying how to send them: Pillow, which the service already has, cannot read
them, and no converter written in Python alone exists.

A thumbnail is a small PNG of the first page; the pages a packet prints are JPEG images
of each page (a PDF rasterised by PDFium, a photo turned upright by its EXIF tag), so
what is printed is pictures only: no script, form or font of the uploaded file reaches
the packet, which stays PDF/A. Imports no Flask.
"""

from __future__ import annotations

import base64
import io
import logging
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import jinja2
import pypdfium2
from PIL import Image, ImageOps, UnidentifiedImageError

from service.errors import DataValidationError
from service.i18n import N_, Message, gettext

if TYPE_CHECKING:
    from service.rendering.pdf import PdfRenderer

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
MEDIA_TYPES = (PDF, JPEG, PNG)
EXTENSIONS = {PDF: "pdf", JPEG: "jpg", PNG: "png"}
# Brands of the ISO base media file format (`ftyp` box) that HEIF/HEIC photos carry.
HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1", b"avif"}
MAX_PAGES = 30  # a longer PDF is not one piece of evidence: split it
MAX_PIXELS = 60_000_000  # a 60-megapixel photo; larger is refused, not decoded
THUMBNAIL_PIXELS = 240  # the longer side of a thumbnail
ANNEX_PIXELS = 1600  # the longer side of a page image in a packet (A4 at about 140 dpi)
ANNEX_DPI = 140
# Part of each cached thumbnail's address: raise it when thumbnails would come out otherwise.
THUMBNAIL_RENDERER = "evidence-thumb-240-1"

NOT_ACCEPTED = N_("Send a PDF, a JPEG or a PNG file: this file is none of them.")
HEIC_REFUSED = N_(
    "HEIC photos (from an iPhone) cannot be read here. Send the photo as JPEG: on the iPhone,"
    " Settings › Camera › Formats › Most Compatible, or share it as JPEG."
)
UNREADABLE = N_("The file is damaged or cannot be read as a %(kind)s.")
TOO_MANY_PAGES = N_("A PDF of evidence may have at most %(limit)s pages: split it.")
TOO_MANY_PIXELS = N_("The image is too large (over %(limit)s megapixels): send a smaller one.")
EMPTY = N_("The file is empty.")

log = logging.getLogger(__name__)
_PDFIUM = threading.Lock()  # PDFium is not safe to call from two threads at once


@dataclass(frozen=True)
class CheckedFile:
    """An evidence file's type as found in its bytes, and its number of pages."""

    media_type: str
    pages: int


def refuse(message: str, **params: object) -> DataValidationError:
    """A 422 about the uploaded file (the field `file`)."""
    return DataValidationError({"file": [Message(message, **params) if params else message]})


def sniff_media_type(content: bytes) -> str:
    """The type the bytes are (PDF, JPEG or PNG); a 422 for anything else, HEIC named."""
    if not content:
        raise refuse(EMPTY)
    head = content[:1024]
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head[4:8] == b"ftyp" and (
        head[8:12] in HEIF_BRANDS or any(head[i : i + 4] in HEIF_BRANDS for i in range(16, 64, 4))
    ):
        raise refuse(HEIC_REFUSED)
    raise refuse(NOT_ACCEPTED)


def check_evidence_file(content: bytes) -> CheckedFile:
    """Tell the file's type from its bytes and check that it opens as that type."""
    media_type = sniff_media_type(content)
    if media_type == PDF:
        return CheckedFile(PDF, _pdf_pages(content))
    _open_image(content, media_type)
    return CheckedFile(media_type, 1)


def _pdf_pages(content: bytes) -> int:
    with _PDFIUM:
        try:
            document = pypdfium2.PdfDocument(content)
        except pypdfium2.PdfiumError:
            raise refuse(UNREADABLE, kind="PDF") from None
        try:
            pages = len(document)
        finally:
            document.close()
    if pages < 1:
        raise refuse(UNREADABLE, kind="PDF")
    if pages > MAX_PAGES:
        raise refuse(TOO_MANY_PAGES, limit=MAX_PAGES)
    return pages


def _open_image(content: bytes, media_type: str) -> Image.Image:
    """Decode an image fully (a truncated or bomb-sized one is refused), upright."""
    kind = "JPEG" if media_type == JPEG else "PNG"
    try:
        image = Image.open(io.BytesIO(content), formats=[kind])
        width, height = image.size
        if width * height > MAX_PIXELS:
            raise refuse(TOO_MANY_PIXELS, limit=MAX_PIXELS // 1_000_000)
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise refuse(UNREADABLE, kind=kind) from None
    upright = ImageOps.exif_transpose(image)
    return upright if upright is not None else image


def _flatten(image: Image.Image) -> Image.Image:
    """An RGB image on white (transparency and palettes as a printer shows them)."""
    if image.mode in ("RGBA", "LA", "P", "PA"):
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, "white")
        background.paste(image, mask=image.getchannel("A"))
        return background
    return image.convert("RGB") if image.mode != "RGB" else image


def page_images(content: bytes, media_type: str, *, longest: int, dpi: int) -> list[Image.Image]:
    """Each page of an evidence file as an upright RGB image, its longer side at most `longest`."""
    if media_type != PDF:
        image = _flatten(_open_image(content, media_type))
        image.thumbnail((longest, longest), Image.Resampling.LANCZOS)
        return [image]
    images = []
    with _PDFIUM:
        document = pypdfium2.PdfDocument(content)
        try:
            for index in range(min(len(document), MAX_PAGES)):
                page = document[index]
                try:
                    width, height = page.get_size()
                    scale = min(dpi / 72, longest / max(width, height, 1))
                    bitmap = page.render(scale=scale, may_draw_forms=False)
                    image = bitmap.to_pil().convert("RGB")
                    bitmap.close()
                finally:
                    page.close()
                images.append(image)
        finally:
            document.close()
    return images


def render_thumbnail(content: bytes, media_type: str) -> bytes:
    """A small PNG of the first page of an evidence file."""
    first = page_images(content, media_type, longest=THUMBNAIL_PIXELS, dpi=72)[0]
    stream = io.BytesIO()
    first.save(stream, format="PNG", optimize=True)
    return stream.getvalue()


def render_annex_images(content: bytes, media_type: str) -> list[bytes]:
    """Each page of an evidence file as JPEG bytes, for the pages a packet prints."""
    started = time.perf_counter()
    found = []
    for image in page_images(content, media_type, longest=ANNEX_PIXELS, dpi=ANNEX_DPI):
        stream = io.BytesIO()
        image.save(stream, format="JPEG", quality=85, optimize=True)
        found.append(stream.getvalue())
    log.info(
        "annex images rendered",
        extra={
            "stage": "annex_images",
            "pages": len(found),
            "duration_ms": round((time.perf_counter() - started) * 1000, 1),
        },
    )
    return found


# --- Annexes: the pages a packet prints after the document that lists the evidence -------

ANNEX = N_("Annex %(number)s")
ANNEX_PAGE = N_("page %(page)s of %(pages)s")
ANNEX_CSS = """
@page { size: A4; margin: 12mm 12mm 12mm 12mm; @bottom-right { content: none; } }
html { font-size: 10pt; }
.annex-page { break-after: page; height: 271mm; display: flex; flex-direction: column; }
.annex-page:last-child { break-after: auto; }
.annex-label { margin: 0 0 3mm; font-weight: bold; }
.annex-label .annex-title { font-weight: normal; }
.annex-image { flex: 1; min-height: 0; display: flex; align-items: flex-start;
  justify-content: center; }
.annex-image img { max-width: 100%; max-height: 255mm; object-fit: contain; }
"""
ANNEX_HTML = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined).from_string(
    """<!DOCTYPE html>
<html lang="{{ html_lang }}"><head><meta charset="utf-8"><title>{{ title }}</title>
<meta name="generator" content="paperwork-service"></head>
<body>
{% for page in pages %}<section class="annex-page">
<p class="annex-label">{{ page.label }} <span class="annex-title">— {{ page.title }}</span></p>
<div class="annex-image">
<img src="data:image/jpeg;base64,{{ page.image }}" alt="{{ page.label }}"></div>
</section>
{% endfor %}</body></html>
"""
)


@dataclass(frozen=True)
class AnnexFile:
    """One piece of evidence as an annex: its number, its title by language, its bytes."""

    number: int
    titles: Mapping[str, str]  # "uk", "en"
    media_type: str
    content: bytes


@dataclass(frozen=True)
class AnnexJob:
    """The annexes of one document, in the document's language ("uk", "en" or "uk-en")."""

    lang: str
    annexes: Sequence[AnnexFile]


def annex_label(number: int, lang: str, page: int, pages: int) -> str:
    """ "Додаток 1, аркуш 1 з 2" / "Annex 1, page 1 of 2" (both, for a bilingual document)."""
    parts = []
    for one in ("uk", "en") if lang == "uk-en" else (lang,):
        label = gettext(ANNEX, one, number=number)
        if pages > 1:
            label += ", " + gettext(ANNEX_PAGE, one, page=page, pages=pages)
        parts.append(label)
    return " / ".join(parts)


def build_annex_html(job: AnnexJob) -> str:
    """The HTML of a document's annexes: each page of each file, labelled, as an image."""
    pages = []
    for annex in job.annexes:
        images = render_annex_images(annex.content, annex.media_type)
        title = " / ".join(
            annex.titles[one] for one in (("uk", "en") if job.lang == "uk-en" else (job.lang,))
        )
        for number, image in enumerate(images, start=1):
            pages.append(
                {
                    "label": annex_label(annex.number, job.lang, number, len(images)),
                    "title": title,
                    "image": base64.b64encode(image).decode("ascii"),
                }
            )
    first = job.lang.split("-")[0]
    return ANNEX_HTML.render(
        html_lang=first,
        title=gettext(N_("Annexes"), first),
        pages=pages,
    )


def render_annex_pdf(renderer: PdfRenderer, job: AnnexJob) -> bytes:
    """A PDF/A of a document's annexes, each page labelled "Додаток N" / "Annex N"."""
    return renderer.render_html_pdf(build_annex_html(job), css=ANNEX_CSS)
