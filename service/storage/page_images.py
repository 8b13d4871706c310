"""Preview images of stored PDFs, kept with the document files and encrypted like them.

A page image shows a child's personal data as plainly as the PDF does, so it is stored as
the PDF is: encrypted with the data key, written under a temporary name, fsynced and
renamed (`files.write_durably`). Images are addressed by the document's SHA-256, the
renderer's version and the page number:

    <documents>/pages/<renderer>/<ab>/<sha256>/<n>.png   (encrypted, n from 1)
    <documents>/pages/<renderer>/<ab>/<sha256>/pages.json (page sizes; written last)

`pages.json` is written after every image, so a set of images is complete exactly when it
exists. Deleting a document's file (`LocalFileStore.delete`, as the retention purge does)
deletes its images too. This module stores; it does not render: the caller passes the
function that makes the images (`service/rendering/page_images.py`).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from service.storage.crypto import DataCipher, KeyConfigurationError
from service.storage.files import PAGE_IMAGES_FOLDER, FileStoreError, write_durably

MANIFEST = "pages.json"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PageSet:
    """The page images of one document: how many, and the pixel size of each."""

    sizes: tuple[tuple[int, int], ...]

    @property
    def count(self) -> int:
        """The number of pages."""
        return len(self.sizes)


class PageImageCache:
    """Encrypted preview images of stored documents, one folder per document and renderer."""

    def __init__(self, root: Path, cipher: DataCipher, renderer: str) -> None:
        self.root = root / PAGE_IMAGES_FOLDER / renderer
        self.cipher = cipher

    def folder_of(self, sha256: str) -> Path:
        """The folder of a document's images."""
        if len(sha256) != 64 or not all(c in "0123456789abcdef" for c in sha256):
            raise FileStoreError("not a SHA-256")
        return self.root / sha256[:2] / sha256

    def pages(self, sha256: str) -> PageSet | None:
        """The complete set of a document's images, or None if not (yet) stored."""
        try:
            manifest = json.loads((self.folder_of(sha256) / MANIFEST).read_text("ascii"))
        except (FileNotFoundError, ValueError):
            return None
        return PageSet(tuple((int(w), int(h)) for w, h in manifest["sizes"]))

    def load(self, sha256: str, number: int) -> bytes | None:
        """The PNG of page `number` (from 1), or None if it is not stored (or unreadable)."""
        if number < 1:
            return None
        try:
            return self.cipher.decrypt((self.folder_of(sha256) / f"{number}.png").read_bytes())
        except FileNotFoundError:
            return None
        except KeyConfigurationError:  # its key was rotated out, or the file is damaged
            log.warning("page image unreadable", extra={"sha256": sha256, "page": number})
            self.discard(sha256)
            return None

    def discard(self, sha256: str) -> None:
        """Forget a document's images (the list first, so none is served from a partial set)."""
        folder = self.folder_of(sha256)
        (folder / MANIFEST).unlink(missing_ok=True)
        for image in folder.glob("*.png"):
            image.unlink(missing_ok=True)

    def save(self, sha256: str, images: list[bytes]) -> PageSet:
        """Store a document's PNG images durably, then the list of their sizes; return the set."""
        folder = self.folder_of(sha256)
        sizes = [png_size(png) for png in images]
        for number, png in enumerate(images, start=1):
            write_durably(folder / f"{number}.png", self.cipher.encrypt(png))
        write_durably(folder / MANIFEST, json.dumps({"sizes": sizes}).encode("ascii"))
        return PageSet(tuple(sizes))

    def ensure(self, sha256: str, make: Callable[[], list[bytes]]) -> PageSet:
        """The stored set of a document's images, made by `make` and stored on first use."""
        stored = self.pages(sha256)
        if stored is not None:
            return stored
        made = self.save(sha256, make())
        log.info("page images stored", extra={"stage": "page_images", "sha256": sha256})
        return made


def png_size(png: bytes) -> tuple[int, int]:
    """The width and height of a PNG, from its header (IHDR, the first chunk)."""
    if png[:8] != PNG_SIGNATURE or png[12:16] != b"IHDR":
        raise ValueError("not a PNG")
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
