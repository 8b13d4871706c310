"""Stored PDFs are tagged: a screen reader finds the title, the paragraphs and the tables
in reading order, in the document's language; still PDF/A-3b, still signed."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from pypdf.generic import ArrayObject, DictionaryObject

from service.documents import DocumentPipeline, get_template
from tests.conftest import client_as
from tests.readback import pdf_reader
from tests.verify.conftest import issue
from tests.verify.test_signed_pdfs import validate

# The side-by-side document is a Ukrainian document with its English translation beside
# it: its language is Ukrainian (a PDF has one /Lang; WeasyPrint does not tag each cell's).
LANGUAGES = {"uk": "uk", "en": "en", "uk-en": "uk"}
DAYS = {"uk": 5, "en": 6, "uk-en": 7}


def structure(content: bytes) -> tuple[DictionaryObject, list[str]]:
    """The document catalog and its structure elements' types in reading (tree) order."""
    root = pdf_reader(content).trailer["/Root"]
    types: list[str] = []

    def walk(node: Any) -> None:
        node = node.get_object()
        if isinstance(node, ArrayObject):
            for kid in node:
                walk(kid)
        elif isinstance(node, DictionaryObject):
            if "/S" in node:
                types.append(str(node["/S"]))
            if "/K" in node:
                walk(node["/K"])

    walk(root["/StructTreeRoot"]["/K"])
    return root, types


@pytest.mark.parametrize("lang", ["uk", "en", "uk-en"])
def test_a_stored_pdf_is_tagged_in_its_language_and_still_pdfa_and_signed(
    app: Flask, lang: str
) -> None:
    content = issue(client_as(app, "caseworker"), DAYS[lang], lang=lang).data
    root, types = structure(content)
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712 - a pypdf BooleanObject
    assert root["/Lang"] == LANGUAGES[lang]
    assert types[0] == "/Document"
    # The title is a heading, the text paragraphs after it; tables keep rows and cells.
    assert "/H1" in types and "/P" in types[types.index("/H1") :]
    assert {"/Table", "/TR", "/TD"} <= set(types)
    assert types.count("/H1") == (2 if lang == "uk-en" else 1)
    # Every page's content is reachable from the tree (the parent tree), in tree order.
    reader = pdf_reader(content)
    assert all("/StructParents" in page for page in reader.pages)
    xmp = reader.xmp_metadata
    assert xmp is not None
    assert (xmp.pdfaid_part, xmp.pdfaid_conformance) == ("3", "B")  # type: ignore[attr-defined]
    assert validate(app, content).bottom_line  # type: ignore[attr-defined]


def test_a_table_of_labelled_rows_has_header_cells(pipeline: DocumentPipeline) -> None:
    template = "medical.referral"
    example = get_template(template).load_example()
    _root, types = structure(pipeline.render(template, example, "en", "pdf").content)
    assert {"/Table", "/TR", "/TH", "/TD"} <= set(types), sorted(set(types))
