"""The compiled DOCX path: the same bytes as a new DocxTemplate per render, for every template.

Templates are parsed, patched and compiled once per version (the file's SHA-256); a
render only runs Jinja on the XML. These tests hold it to docxtpl's own output, with
the examples and with hostile data, and show that an edited template file is picked up.
"""

from __future__ import annotations

import shutil
import zipfile
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest

from service.documents import DOCUMENT_LANGUAGES, DocumentPipeline, list_templates
from service.documents.context import build_context
from service.documents.pipeline import describe_document
from service.documents.spec import TemplateSpec
from service.rendering.docx import DocxRenderer, deflate_member, normalise_zip, write_zip
from tests.hostile import HOSTILE_TEXT, make_hostile_everywhere
from tests.readback import docx_text

TEMPLATES = list_templates()


def context_of(pipeline: DocumentPipeline, spec: TemplateSpec, data: Any, lang: str) -> Any:
    validated = pipeline.validate(spec.id, data)
    return build_context(
        validated.data,
        lang,
        spec.describe,
        document=describe_document(spec, lang),
        today=date(2026, 3, 2),
    )


@pytest.mark.parametrize("spec", TEMPLATES, ids=lambda spec: spec.id)
def test_compiled_render_is_byte_identical_to_docxtpl(
    pipeline: DocumentPipeline, spec: TemplateSpec
) -> None:
    example = spec.load_example()
    for data in (example, make_hostile_everywhere(spec.schema(), example)):
        for lang in DOCUMENT_LANGUAGES:
            context = context_of(pipeline, spec, data, lang)
            fast = pipeline.docx.render_docx(spec.docx_template, context)
            naive = pipeline.docx.render_docx_naive(spec.docx_template, context)
            assert fast == naive, (spec.id, lang)
    assert HOSTILE_TEXT.split("<b>")[0].strip() in docx_text(fast)


def test_an_edited_template_file_is_compiled_again(
    pipeline: DocumentPipeline, tmp_path: Path
) -> None:
    spec = TEMPLATES[0]
    templates = tmp_path / "templates_docx"
    templates.mkdir()
    path = templates / spec.docx_template
    shutil.copy(pipeline.docx.templates_dir / spec.docx_template, path)
    renderer = DocxRenderer(templates)
    context = context_of(pipeline, spec, spec.load_example(), "uk")
    before = docx_text(renderer.render_docx(spec.docx_template, context))
    assert renderer.compiled(path) is renderer.compiled(path)  # compiled once

    with zipfile.ZipFile(path) as source:
        members = {info.filename: source.read(info.filename) for info in source.infolist()}
    body = members["word/document.xml"].decode("utf-8")
    added = "<w:body><w:p><w:r><w:t>ЗМІНЕНО</w:t></w:r></w:p>"
    members["word/document.xml"] = body.replace("<w:body>", added, 1).encode("utf-8")
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for name, content in members.items():
            target.writestr(name, content)
    path.write_bytes(buffer.getvalue())

    after = docx_text(renderer.render_docx(spec.docx_template, context))
    assert "ЗМІНЕНО" not in before
    assert "ЗМІНЕНО" in after


def test_the_zip_writer_matches_zipfile() -> None:
    members = [("a.xml", b"<a/>" * 100), ("word/document.xml", "текст".encode() * 50)]
    ours = write_zip([deflate_member(name, content) for name, content in members])
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for name, content in members:
            target.writestr(name, content)
    assert ours == normalise_zip(buffer.getvalue())
    assert zipfile.ZipFile(BytesIO(ours)).testzip() is None
