"""Every template x language x format: the example and a hostile example render and read back."""

from __future__ import annotations

from typing import Any

import pytest

from service.documents import DocumentPipeline, TemplateSpec, list_templates
from service.ukrainian import transliterate
from tests.hostile import HOSTILE_TEXT, MODIFIER_APOSTROPHE, make_hostile_everywhere
from tests.readback import docx_text, normalise_space, pdf_text

TEMPLATES = list_templates()
COMBINATIONS = [
    pytest.param(spec, lang, fmt, id=f"{spec.id}-{lang}-{fmt}")
    for spec in TEMPLATES
    for lang in ("uk", "en", "uk-en")
    for fmt in ("pdf", "docx")
]


def person_concerned(data: dict[str, Any]) -> dict[str, Any]:
    """The child (or the patient) the document is about."""
    person: dict[str, Any] = data.get("child") or data["patient"]
    return person


def read_back(content: bytes, fmt: str) -> str:
    """The document's text with whitespace normalised."""
    return pdf_text(content) if fmt == "pdf" else normalise_space(docx_text(content))


def squash(text: str) -> str:
    """Drop all whitespace (PDF lines wrap anywhere)."""
    return "".join(text.split())


@pytest.mark.parametrize("spec", [pytest.param(s, id=s.id) for s in TEMPLATES])
def test_example_is_valid_without_warnings(pipeline: DocumentPipeline, spec: TemplateSpec) -> None:
    validated = pipeline.validate(spec.id, spec.load_example())
    assert validated.warnings == []


@pytest.mark.parametrize(("spec", "lang", "fmt"), COMBINATIONS)
def test_example_renders_with_the_childs_name(
    pipeline: DocumentPipeline, spec: TemplateSpec, lang: str, fmt: str
) -> None:
    example = spec.load_example()
    document = pipeline.render(spec.id, example, lang, fmt)
    text = squash(read_back(document.content, fmt))
    person = person_concerned(example)
    if lang in ("uk", "uk-en"):
        assert squash(person["given_name"]) in text
    if lang in ("en", "uk-en"):
        assert squash(transliterate(person["surname"])) in text
        assert squash(transliterate(person["given_name"])) in text


@pytest.mark.parametrize(("spec", "lang", "fmt"), COMBINATIONS)
def test_hostile_example_renders_literally(
    pipeline: DocumentPipeline, spec: TemplateSpec, lang: str, fmt: str
) -> None:
    hostile = make_hostile_everywhere(spec.schema(), spec.load_example())
    document = pipeline.render(spec.id, hostile, lang, fmt)
    text = squash(read_back(document.content, fmt))
    assert squash(HOSTILE_TEXT) in text
    if lang != "en":
        assert f"Мар{MODIFIER_APOSTROPHE}яненко" in text
