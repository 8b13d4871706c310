"""Open rendered documents and read them back as a person (or a court clerk) would."""

from __future__ import annotations

import io
import re

import docx
import pypdf


def docx_text(content: bytes) -> str:
    """All text of a DOCX: paragraphs, table cells, headers and footers."""
    document = docx.Document(io.BytesIO(content))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.append(cell.text)
    for section in document.sections:
        parts.extend(paragraph.text for paragraph in section.footer.paragraphs)
    return "\n".join(parts)


def pdf_reader(content: bytes) -> pypdf.PdfReader:
    """Open PDF bytes."""
    return pypdf.PdfReader(io.BytesIO(content))


def pdf_text(content: bytes) -> str:
    """All text of a PDF, lines joined by spaces (layout breaks lines anywhere)."""
    reader = pdf_reader(content)
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    return normalise_space(text)


def normalise_space(text: str) -> str:
    """Collapse every run of whitespace (including no-break spaces) to one space."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def pdf_fonts(content: bytes) -> dict[str, bool]:
    """Map each font used in a PDF to whether its font program is embedded."""
    fonts: dict[str, bool] = {}
    for page in pdf_reader(content).pages:
        resources = page["/Resources"]
        for font_ref in resources.get("/Font", {}).values():
            font = font_ref.get_object()
            descriptors = [font.get("/FontDescriptor")]
            for descendant in font.get("/DescendantFonts", []):
                descriptors.append(descendant.get_object().get("/FontDescriptor"))
            embedded = any(
                d is not None
                and any(key in d.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3"))
                for d in descriptors
            )
            fonts[str(font["/BaseFont"])] = embedded
    return fonts
