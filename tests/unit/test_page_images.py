"""PDF pages as PNG images: one per page, at the asked resolution, and a clear error otherwise."""

from __future__ import annotations

import io
import struct

import pytest
from pypdf import PdfWriter

from service.rendering.page_images import (
    PREVIEW_DPI,
    PageImageError,
    count_pages,
    render_page_images,
)

A4 = (595.28, 841.89)  # points
A5_LANDSCAPE = (595.28, 419.53)


def make_pdf(*sizes: tuple[float, float]) -> bytes:
    """A PDF of blank pages of the given sizes in points."""
    writer = PdfWriter()
    for width, height in sizes:
        writer.add_blank_page(width=width, height=height)
    stream = io.BytesIO()
    writer.write(stream)
    return stream.getvalue()


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    assert png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def test_each_page_becomes_a_png_of_its_size_at_the_preview_resolution() -> None:
    pdf = make_pdf(A4, A4, A5_LANDSCAPE)
    images = render_page_images(pdf, dpi=PREVIEW_DPI)
    assert len(images) == count_pages(pdf) == 3
    assert all(image.startswith(b"\x89PNG\r\n\x1a\n") for image in images)
    width, height = png_size(images[0])
    assert 890 <= width <= 920, "an A4 page about 900 px wide"
    assert height == pytest.approx(width * A4[1] / A4[0], abs=2)
    assert png_size(images[1]) == (width, height)
    assert png_size(images[2]) == (width, pytest.approx(A5_LANDSCAPE[1] * PREVIEW_DPI / 72, abs=1))


def test_the_resolution_is_the_one_asked_for() -> None:
    (image,) = render_page_images(make_pdf(A4), dpi=72)
    assert png_size(image) == (595, 842) or png_size(image) == (596, 842)


@pytest.mark.parametrize("broken", [b"", b"%PDF-1.7\nnot a pdf", b"\x89PNG\r\n\x1a\n"])
def test_what_is_not_a_pdf_raises_a_page_image_error(broken: bytes) -> None:
    with pytest.raises(PageImageError):
        render_page_images(broken)
    with pytest.raises(PageImageError):
        count_pages(broken)
