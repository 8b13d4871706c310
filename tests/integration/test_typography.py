"""No printed line ends on "№", "м.", "вул." or another word that must keep with the next.

Every template's example is rendered to PDF in each language and read back line by line
with poppler's `pdftotext`, in reading order (each column of the side-by-side layout on
its own lines), as a clerk reads the page.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

import pytest

from service.documents import DocumentPipeline, TemplateSpec, list_templates

# A line must not end on these: the number, the name or the year belongs with them. (A
# table's "№" column header stands alone on its line, and that is no line end.)
DANGLING = re.compile(
    r"\S\s(№|No\.|м\.|с\.|вул\.|просп\.|пров\.|бульв\.|ст\.|п\.|ч\.|обл\.|р-н|смт|с-ще)$"
)
# Nor may a line start with what belongs to the line before ("р." after a year).
STRANDED = re.compile(r"^(р\.|року)(?:\s|$)")


def pdf_lines(content: bytes) -> list[str]:
    """The PDF's text lines in reading order (columns apart)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(content)
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(path), "-"],
            capture_output=True,
            check=True,
            text=True,
        ).stdout
    return [line.strip() for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize("lang", ["uk", "en", "uk-en"])
@pytest.mark.parametrize("spec", [pytest.param(s, id=s.id) for s in list_templates()])
def test_no_line_ends_on_a_word_that_keeps_with_the_next(
    pipeline: DocumentPipeline, spec: TemplateSpec, lang: str
) -> None:
    document = pipeline.render(spec.id, spec.load_example(), lang, "pdf")
    lines = pdf_lines(document.content)
    assert len(lines) > 20, "the PDF was read"
    dangling = [line for line in lines if DANGLING.search(line)]
    stranded = [line for line in lines if STRANDED.search(line)]
    assert not dangling, f"lines ending on a word that keeps with the next: {dangling}"
    assert not stranded, f"lines starting with what belongs to the line before: {stranded}"
