"""`templates lint` passes on every template, and catches what it is for."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from flask import Flask

from service.config import PROJECT_ROOT
from service.documents import TemplateSpec, list_templates
from service.documents.lint import find_missing_glyphs, find_split_tags, lint_template


@pytest.mark.parametrize("spec", [pytest.param(s, id=s.id) for s in list_templates()])
def test_every_template_is_clean(app: Flask, spec: TemplateSpec) -> None:
    problems = lint_template(
        spec,
        app.config["TEMPLATES_DOCX_DIR"],
        app.config["TEMPLATES_PDF_DIR"],
        app.extensions["document_pipeline"].pdf.render_html,
        [spec.load_example()],
        sources_dir=PROJECT_ROOT / "docs" / "legal",
    )
    assert [problem.as_dict() for problem in problems] == []


def test_a_tag_split_across_word_runs_is_found(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("{{ c.child.na")  # Word split the run when someone edited the tag
    paragraph.add_run("me }}")
    document.add_paragraph().add_run("{{ c.child.name }}")
    path = tmp_path / "split.docx"
    document.save(path)
    found = list(find_split_tags(path))
    assert found == ["word/document.xml: {{ c.child.name }}"]


def test_a_character_without_a_glyph_is_found() -> None:
    fonts = PROJECT_ROOT / "templates_pdf" / "fonts"
    assert find_missing_glyphs("<p>Мар&#700;яна ґ Ї № — «»</p>", fonts) == set()
    assert find_missing_glyphs("<p>Мар’яна 漢 \U0001f600</p>", fonts) == {"漢", "\U0001f600"}
