"""A stored document's preview: its pages as images made on the server, so no PDF viewer is needed.

The first view of a PDF renders its pages (`service/rendering/page_images.py`) and stores
them beside the document's file, encrypted (`service/storage/page_images.py`); later views
and each image request read them from there. A DOCX has no page images: the page offers
its download. An image that cannot be made (a broken or unreadable stored file) leaves
the download link and a note, never a broken page.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from flask import current_app

from service.i18n import N_
from service.principal import Principal
from service.rendering.page_images import RENDERER_VERSION, PageImageError, render_page_images
from service.storage import (
    DocumentNotFoundError,
    KeyConfigurationError,
    PageImageCache,
    PageSet,
    Storage,
    StoredDocument,
)
from service.storage.files import FileStoreError

NO_IMAGES_FOR_DOCX = N_(
    "A DOCX document is not shown as page images: download it to open it in a word processor."
)
NO_IMAGES_MADE = N_("The pages could not be shown here. Download the PDF to read the document.")
# What can go wrong making images of a stored file: a PDF PDFium cannot read, a stored
# file missing or not matching its hash, one no configured key decrypts, a full disk.
PREVIEW_FAULTS = (PageImageError, FileStoreError, KeyConfigurationError, OSError)
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Preview:
    """What the page shows of a document: its page images, or why there are none."""

    document: StoredDocument
    pages: PageSet | None
    note: str | None  # a msgid, when there are no page images


def storage() -> Storage:
    """The application's storage."""
    store: Storage = current_app.extensions["storage"]
    return store


def page_cache() -> PageImageCache:
    """The stored page images of the current renderer."""
    return storage().page_images(RENDERER_VERSION)


def build_preview(document: StoredDocument) -> Preview:
    """A document's preview: its page images (rendered and stored on first use), or a note."""
    if document.format != "pdf":
        return Preview(document, None, NO_IMAGES_FOR_DOCX)
    try:
        pages = page_cache().ensure(
            document.sha256, lambda: render_page_images(storage().files.load(document.sha256))
        )
    except PREVIEW_FAULTS as error:
        log.warning(
            "page images not made",
            extra={"document_id": document.id, "exception": type(error).__name__},
        )
        return Preview(document, None, NO_IMAGES_MADE)
    return Preview(document, pages, None)


def find_preview(document_id: str | None, principal: Principal) -> Preview | None:
    """The preview of a document named in an address, if the caller may see it (else none)."""
    if not document_id:
        return None
    try:
        return build_preview(storage().archive.get(document_id, principal))
    except DocumentNotFoundError:
        return None


def load_page_image(document: StoredDocument, number: int) -> bytes | None:
    """The PNG of one page of a document the caller may see, made if not yet stored."""
    if document.format != "pdf" or number < 1:
        return None
    cache = page_cache()
    png = cache.load(document.sha256, number)
    if png is None and build_preview(document).pages is not None:
        png = cache.load(document.sha256, number)
    return png
