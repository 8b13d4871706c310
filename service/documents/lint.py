"""Template lint: what breaks a template before a user sees it (no Flask here).

For every template it finds Jinja tags split across Word runs (Word splits runs when a
lawyer edits, and docxtpl then sees broken tags), variables and attribute paths the
context does not provide, and characters the embedded font has no glyph for.
"""

from __future__ import annotations

import html
import re
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from docxtpl import DocxTemplate
from fontTools.ttLib import TTFont
from jinja2 import meta, nodes
from lxml import etree

from service.choices import DOCUMENT_LANGUAGES
from service.documents.context import build_context
from service.documents.pipeline import describe_document
from service.documents.sources import check_sources, sources_path
from service.documents.spec import TemplateSpec

WORD_NAMESPACE = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEMPLATE_GLOBALS = {"langs", "bilingual", "lang", "document"}
JINJA_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
TAG_START = re.compile(r"\{[{%#]")
LANGUAGE_CONTEXT = "c"


@dataclass(frozen=True)
class LintProblem:
    """One problem in one template file."""

    template: str
    file: str
    kind: str
    detail: str

    def as_dict(self) -> dict[str, str]:
        """The problem as a JSON-ready dict."""
        return asdict(self)


def find_split_tags(docx_path: Path) -> Iterator[str]:
    """Yield each Jinja tag of a .docx whose text is spread over more than one run."""
    with zipfile.ZipFile(docx_path) as archive:
        parts = [
            n
            for n in archive.namelist()
            if re.match(r"word/(document|header\d*|footer\d*)\.xml$", n)
        ]
        for part in parts:
            root = etree.fromstring(archive.read(part))
            for paragraph in root.iter(f"{WORD_NAMESPACE}p"):
                texts = [node.text or "" for node in paragraph.iter(f"{WORD_NAMESPACE}t")]
                boundaries, position = set(), 0
                for text in texts[:-1]:
                    position += len(text)
                    boundaries.add(position)
                joined = "".join(texts)
                for match in JINJA_TAG.finditer(joined):
                    if any(match.start() < edge < match.end() for edge in boundaries):
                        yield f"{part}: {match.group(0)[:80]}"
                leftover = JINJA_TAG.sub("", joined)
                for match in TAG_START.finditer(leftover):
                    yield f"{part}: unclosed {leftover[match.start() : match.start() + 40]}"


def _attribute_chains(tree: nodes.Template) -> set[tuple[str, ...]]:
    """Every chain c.a.b... read in a template (the language context's paths)."""
    chains: set[tuple[str, ...]] = set()
    for node in tree.find_all(nodes.Getattr):
        path: list[str] = []
        current: nodes.Node = node
        while isinstance(current, nodes.Getattr):
            path.append(current.attr)
            current = current.node
        if isinstance(current, nodes.Name) and current.name == LANGUAGE_CONTEXT:
            chains.add(tuple(reversed(path)))
    # Keep the longest chains only: c.a.b also covers c.a.
    return {
        chain
        for chain in chains
        if not any(o[: len(chain)] == chain and o != chain for o in chains)
    }


def _missing_path(context: Mapping[str, Any], chain: tuple[str, ...]) -> str | None:
    value: Any = context
    for depth, name in enumerate(chain):
        if value is None:
            return None  # optional data left out: the template guards it with an `if`
        if isinstance(value, Mapping):
            if name not in value:
                return ".".join((LANGUAGE_CONTEXT, *chain[: depth + 1]))
            value = value[name]
        elif isinstance(value, str | list) and name in ("upper", "lower", "splitlines"):
            return None
        else:
            return None
    return None


def check_variables(source: str, contexts: list[dict[str, Any]]) -> Iterator[str]:
    """Yield variables and `c.` paths a template reads that its context does not provide."""
    environment = jinja2.Environment(autoescape=True)
    tree = environment.parse(source)
    imported = {node.target for node in tree.find_all(nodes.Import)}
    for name in sorted(meta.find_undeclared_variables(tree) - TEMPLATE_GLOBALS - imported):
        yield f"undefined variable {name!r}"
    for chain in sorted(_attribute_chains(tree)):
        for context in contexts:
            missing = _missing_path(context, chain)
            if missing:
                yield f"the context has no {missing}"
                break


def docx_template_source(docx_path: Path) -> str:
    """The Jinja source docxtpl builds from a .docx body (tags cleaned of Word XML)."""
    template = DocxTemplate(docx_path)
    template.init_docx()
    source: str = template.patch_xml(template.get_xml())
    return source


@cache
def font_characters(fonts_dir: Path) -> frozenset[int]:
    """Code points the regular face of the shipped font can draw."""
    covered: set[int] = set()
    for path in fonts_dir.glob("*-Regular.ttf"):
        covered |= set(TTFont(path).getBestCmap())
    return frozenset(covered)


def find_missing_glyphs(html_text: str, fonts_dir: Path) -> set[str]:
    """Characters of a rendered HTML document that the shipped font lacks."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", html_text))
    covered = font_characters(fonts_dir)
    return {char for char in text if not char.isspace() and ord(char) not in covered}


def lint_template(
    spec: TemplateSpec,
    docx_dir: Path,
    pdf_dir: Path,
    render_html: Any,
    samples: list[Mapping[str, Any]],
    *,
    sources_dir: Path | None = None,
) -> list[LintProblem]:
    """Lint one template's DOCX and HTML files against contexts built from sample data.

    With `sources_dir`, also the document's legal sources: complete, and covering every
    article and act number its Ukrainian text prints (service/documents/sources.py).
    """
    problems: list[LintProblem] = []
    loaded = [spec.schema().load(sample) for sample in samples]
    contexts = [
        build_context(
            data, lang, spec.describe, document=describe_document(spec, lang), today=date.today()
        )
        for data in loaded
        for lang in DOCUMENT_LANGUAGES
    ]
    language_contexts = [language for context in contexts for language in context["langs"]]
    docx_path = docx_dir / spec.docx_template
    html_path = pdf_dir / spec.html_template
    for path in (docx_path, html_path):
        if not path.is_file():
            problems.append(LintProblem(spec.id, path.name, "missing-file", "no such template"))
    if docx_path.is_file():
        for detail in find_split_tags(docx_path):
            problems.append(LintProblem(spec.id, docx_path.name, "split-tag", detail))
        for detail in check_variables(docx_template_source(docx_path), language_contexts):
            problems.append(LintProblem(spec.id, docx_path.name, "variable", detail))
    if html_path.is_file():
        source = html_path.read_text(encoding="utf-8")
        for detail in check_variables(source, language_contexts):
            problems.append(LintProblem(spec.id, html_path.name, "variable", detail))
        for context in contexts:
            missing = find_missing_glyphs(
                render_html(spec.html_template, context), pdf_dir / "fonts"
            )
            if missing:
                detail = "no glyph for " + " ".join(f"U+{ord(c):04X}" for c in sorted(missing))
                problems.append(LintProblem(spec.id, html_path.name, "glyph", detail))
                break
        if sources_dir is not None:
            uk = next(context for context in contexts if context["lang"] == "uk")
            text = html.unescape(re.sub(r"<[^>]+>", " ", render_html(spec.html_template, uk)))
            for problem in check_sources(spec.id, sources_dir, text):
                name = sources_path(sources_dir, spec.id).name
                problems.append(LintProblem(spec.id, name, problem.kind, problem.detail))
    return problems
