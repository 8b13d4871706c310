"""DOCX rendering with docxtpl (no Flask here)."""

from __future__ import annotations

import io
import logging
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2
from docxtpl import DocxTemplate

log = logging.getLogger(__name__)

# Zip entries carry a timestamp; a fixed one makes the same input give the same bytes.
FIXED_ZIP_TIME = (2020, 1, 1, 0, 0, 0)


class DocxRenderer:
    """Renders the .docx templates of templates_docx/ with autoescape and strict variables."""

    def __init__(self, templates_dir: Path) -> None:
        self.templates_dir = templates_dir.resolve()

    @staticmethod
    def build_environment() -> jinja2.Environment:
        """Build the Jinja environment docxtpl renders with: escaped and strict."""
        return jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)

    def render_docx(self, template_name: str, context: Mapping[str, Any]) -> bytes:
        """Render a document to DOCX bytes; the same input gives the same bytes."""
        template = DocxTemplate(self.templates_dir / template_name)
        template.render(dict(context), jinja_env=self.build_environment(), autoescape=True)
        buffer = io.BytesIO()
        template.save(buffer)
        log.info("docx rendered", extra={"stage": "save_docx"})
        return normalise_zip(buffer.getvalue())


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps and a stable member order."""
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, source.read(info.filename))
    return output.getvalue()
