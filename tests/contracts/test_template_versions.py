"""A template's files may not change under a version already given to stored documents."""

from __future__ import annotations

import shutil
from pathlib import Path

from flask import Flask

from service.documents import list_templates
from service.documents.fingerprints import changed_without_new_version, unrecorded

RAISE_THE_VERSION = (
    "These templates changed under a version stored documents already name: raise their "
    "version in the catalog, then run `flask --app wsgi templates fingerprints --record`."
)


def test_no_template_changed_without_a_new_version(app: Flask) -> None:
    docx_dir, pdf_dir = app.config["TEMPLATES_DOCX_DIR"], app.config["TEMPLATES_PDF_DIR"]
    assert changed_without_new_version(docx_dir, pdf_dir) == [], RAISE_THE_VERSION
    assert unrecorded(docx_dir, pdf_dir) == [], (
        "run `flask --app wsgi templates fingerprints --record`"
    )


def copy_templates(app: Flask, tmp_path: Path) -> tuple[Path, Path]:
    """A copy of both template folders to change."""
    docx_dir = Path(shutil.copytree(app.config["TEMPLATES_DOCX_DIR"], tmp_path / "docx"))
    pdf_dir = Path(shutil.copytree(app.config["TEMPLATES_PDF_DIR"], tmp_path / "pdf"))
    return docx_dir, pdf_dir


def test_a_changed_stylesheet_concerns_every_template(app: Flask, tmp_path: Path) -> None:
    docx_dir, pdf_dir = copy_templates(app, tmp_path)
    with (pdf_dir / "print.css").open("a", encoding="utf-8") as css:
        css.write("\nh1 { color: red; }\n")
    changed = changed_without_new_version(docx_dir, pdf_dir)
    assert sorted(changed) == sorted(spec.id for spec in list_templates())


def test_a_changed_document_template_concerns_that_template_only(
    app: Flask, tmp_path: Path
) -> None:
    docx_dir, pdf_dir = copy_templates(app, tmp_path)
    html = pdf_dir / "medical.referral.html"
    html.write_text(html.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    docx = docx_dir / "custody.child_handover_act.docx"
    docx.write_bytes(docx.read_bytes() + b"\0")
    changed = changed_without_new_version(docx_dir, pdf_dir)
    assert sorted(changed) == ["custody.child_handover_act", "medical.referral"]


def test_a_familys_partial_concerns_that_familys_templates_only(app: Flask, tmp_path: Path) -> None:
    docx_dir, pdf_dir = copy_templates(app, tmp_path)
    partial = pdf_dir / "_medical.html"
    partial.write_text(partial.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    changed = changed_without_new_version(docx_dir, pdf_dir)
    assert sorted(changed) == sorted(
        spec.id for spec in list_templates() if spec.id.startswith("medical.")
    )
