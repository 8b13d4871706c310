"""The naive ways, for comparison: a new DocxTemplate per render, WeasyPrint with defaults,
LibreOffice converting our DOCX, and the re-zip floor of a DOCX."""

from __future__ import annotations

import io
import logging
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import jinja2
from docxtpl import DocxTemplate
from weasyprint import CSS, HTML
from weasyprint.pdf import fonts
from weasyprint.text.fonts import FontConfiguration

from service.rendering.pdf import PDF_TAGS, PDF_VARIANT


def rezip(content: bytes) -> bytes:
    """Read every member of a DOCX and write them into a new deflated ZIP (the floor)."""
    source = zipfile.ZipFile(io.BytesIO(content))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info.filename))
    return output.getvalue()


def render_docx_naive(template: Path, context: Mapping[str, Any]) -> bytes:
    """A new DocxTemplate per render (autoescaped), saved to bytes."""
    document = DocxTemplate(template)
    environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    document.render(dict(context), jinja_env=environment, autoescape=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def render_pdf_naive(html: str, templates_dir: Path, css: Path) -> bytes:
    """WeasyPrint as documented: a new FontConfiguration and stylesheet per render."""
    font_config = FontConfiguration()
    stylesheet = CSS(filename=str(css), font_config=font_config)
    pdf: bytes = HTML(string=html, base_url=f"{templates_dir}/").write_pdf(
        stylesheets=[stylesheet], font_config=font_config
    )
    return pdf


def render_pdf_plain(html: str, templates_dir: Path) -> bytes:
    """WeasyPrint alone on a self-contained HTML (its CSS inlined), asked for the same kind
    of file the service makes: tagged PDF/A-3b (`HTML(...).write_pdf(pdf_variant, pdf_tags)`).
    """
    pdf: bytes = HTML(string=html, base_url=f"{templates_dir}/").write_pdf(
        pdf_variant=PDF_VARIANT, pdf_tags=PDF_TAGS
    )
    return pdf


@contextmanager
def fonttools_subsetting() -> Iterator[None]:
    """Make WeasyPrint subset fonts with fontTools, as it does without libharfbuzz-subset."""
    saved = fonts.harfbuzz_subset
    fonts.harfbuzz_subset = None
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    try:
        yield
    finally:
        fonts.harfbuzz_subset = saved


def libreoffice() -> str | None:
    """The soffice program, if LibreOffice is installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


class LibreOfficeConverter:
    """`soffice --headless --convert-to pdf`, a new process per document (as services do)."""

    def __init__(self, program: str) -> None:
        self.program = program
        self.folder = Path(tempfile.mkdtemp(prefix="bench-lo-"))
        self.profile = (self.folder / "profile").as_uri()

    def convert(self, docx: bytes) -> bytes:
        """Convert one DOCX to PDF bytes."""
        source = self.folder / "document.docx"
        source.write_bytes(docx)
        subprocess.run(
            [
                self.program,
                f"-env:UserInstallation={self.profile}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(self.folder),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        return (self.folder / "document.pdf").read_bytes()
