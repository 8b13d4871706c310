"""A PDF's pages as PNG images, for a preview that needs no PDF viewer (imports no Flask).

PDFium (pypdfium2) rasterises each page; Pillow, which WeasyPrint already brings, writes
the PNG. PDFium is not safe to call from two threads at once, so renders take a lock;
the web process renders previews rarely (once per document, then they are cached).
"""

from __future__ import annotations

import io
import logging
import threading
import time

import pypdfium2

PREVIEW_DPI = 110  # an A4 page 909 px wide: body text 11-12 pt stays legible
# Part of each cached image's address: raise it when the images would come out differently
# (dpi, colour, renderer upgrade), so old cached images are no longer served.
RENDERER_VERSION = "pdfium-110dpi-gray-1"
MAX_PAGES = 50  # our documents have 1-4 pages; a preview of more is not a preview

log = logging.getLogger(__name__)
_PDFIUM = threading.Lock()


class PageImageError(RuntimeError):
    """A PDF's pages could not be made into images (a broken or unreadable PDF)."""


def count_pages(pdf: bytes) -> int:
    """Return the number of pages of a PDF, or raise PageImageError."""
    with _PDFIUM:
        document = _open(pdf)
        try:
            return len(document)
        finally:
            document.close()


def render_page_images(pdf: bytes, *, dpi: int = PREVIEW_DPI) -> list[bytes]:
    """Render each page of a PDF to PNG bytes at `dpi`, in grey (documents are black on white)."""
    started = time.perf_counter()
    images: list[bytes] = []
    with _PDFIUM:
        document = _open(pdf)
        try:
            if len(document) > MAX_PAGES:
                raise PageImageError("too many pages for a preview")
            for index in range(len(document)):
                page = document[index]
                try:
                    bitmap = page.render(scale=dpi / 72, grayscale=True, may_draw_forms=False)
                    image = bitmap.to_pil()
                    bitmap.close()
                finally:
                    page.close()
                stream = io.BytesIO()
                image.save(stream, format="PNG", compress_level=6)
                images.append(stream.getvalue())
        except pypdfium2.PdfiumError as error:
            raise PageImageError("a page could not be rendered") from error
        finally:
            document.close()
    log.info(
        "page images rendered",
        extra={
            "stage": "page_images",
            "pages": len(images),
            "duration_ms": round((time.perf_counter() - started) * 1000, 1),
        },
    )
    return images


def _open(pdf: bytes) -> pypdfium2.PdfDocument:
    try:
        return pypdfium2.PdfDocument(pdf)
    except pypdfium2.PdfiumError as error:
        raise PageImageError("not a readable PDF") from error
