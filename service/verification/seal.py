"""What a stored document prints about its own verification: code, address, QR, issuer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import segno


@dataclass(frozen=True)
class DocumentSeal:
    """Decided before rendering, so the PDF can print it: same input, same seal, same bytes."""

    code: str
    url: str
    issuer: str


def build_qr(url: str) -> segno.QRCode:
    """The QR code of an address (error correction M at least: a stamp or a fold may cover it)."""
    return segno.make(url, error="m", micro=False)


def build_qr_data_uri(url: str) -> str:
    """A QR code of an address as a PNG `data:` URL, 4 pixels a module.

    A PNG, not an SVG: WeasyPrint draws an SVG's path again on every page (about 100 ms
    a document), while a PNG is one image that every page shows. Printed without
    smoothing (`image-rendering: pixelated`), its modules stay sharp.
    """
    uri: str = build_qr(url).png_data_uri(scale=4, border=0)
    return uri


def describe_seal(seal: DocumentSeal | None, *, with_qr: bool = True) -> dict[str, Any] | None:
    """Give a template the seal to print (None: an unregistered document, e.g. the CLI's).

    Without `with_qr` (formats that print no QR code, such as DOCX) the image is not
    made: drawing it takes about 4 ms, more than a DOCX render itself.
    """
    if seal is None:
        return None
    return {
        "code": seal.code,
        "url": seal.url,
        "issuer": seal.issuer,
        "qr": build_qr_data_uri(seal.url) if with_qr else None,
    }
