"""English a foreign reader can read: no Cyrillic outside an original's parentheses, no "№".

Every template's example is rendered in `en` (PDF and DOCX) and `uk-en` (the English
column of the DOCX and of the HTML the PDF is printed from). Cyrillic may stand only
inside parentheses, where a person's or a body's original name is given beside its
English; "№" may not stand anywhere.
"""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import docx
import pytest

from service.documents import DocumentPipeline, TemplateSpec, list_templates
from tests.readback import docx_text, normalise_space, pdf_text

TEMPLATES = [pytest.param(spec, id=spec.id) for spec in list_templates()]
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
INNERMOST_PARENTHESES = re.compile(r"\([^()]*\)")
# What an English document would show if a common noun were transliterated, not translated.
TRANSLITERATED_TERMS = re.compile(
    r"\b(raionn\w*|misk\w+|oblasn\w*|viddil\w*|sluzhb\w*|likarn\w*|upravlinn\w*|tsentr\w*|"
    r"derzhavn\w*|komunaln\w*|pidpryiemstv\w*|tsyviln\w*|reiestratsi\w*|vul\.|prosp\.|"
    r"tak zvan\w*|ZAHS|hromadia\w*|sud|rada|rady)\b",
    re.IGNORECASE,
)


def outside_parentheses(text: str) -> str:
    """The text with every parenthesis (innermost first) taken out."""
    while True:
        shorter = INNERMOST_PARENTHESES.sub(" ", text)
        if shorter == text:
            return text
        text = shorter


def foreign_script_problems(text: str) -> list[str]:
    """Snippets of Cyrillic outside parentheses, of "№", and of transliterated terms."""
    text = normalise_space(text)
    problems = [text[max(0, m.start() - 30) : m.end() + 30] for m in re.finditer("№", text)]
    bare = normalise_space(outside_parentheses(text))
    for pattern in (CYRILLIC, TRANSLITERATED_TERMS):
        problems += [bare[max(0, m.start() - 40) : m.end() + 40] for m in pattern.finditer(bare)]
    return problems


def english_column_of_docx(content: bytes) -> str:
    """The English cells of a side-by-side DOCX (the second cell of each two-cell row)."""
    document = docx.Document(io.BytesIO(content))
    cells = [
        row.cells[1].text for table in document.tables for row in table.rows if len(row.cells) == 2
    ]
    assert cells, "a side-by-side document has two cells a row"
    return "\n".join(cells)


class EnglishCells(HTMLParser):
    """Collect the text of the elements marked lang="en" in a side-by-side HTML document."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth or ("lang", "en") in attrs:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.parts.append(data)


def english_column_of_html(html: str) -> str:
    """The English cells of a side-by-side HTML document."""
    parser = EnglishCells()
    parser.feed(re.sub(r"<(br|img|meta|link)\b[^>]*>", " ", html))
    assert parser.parts, "a side-by-side document marks its English cells"
    return " ".join(parser.parts)


def test_the_check_sees_what_a_reader_would() -> None:
    assert foreign_script_problems("Petrenko Ivan (Петренко Іван), born 2 July 1988") == []
    assert foreign_script_problems("issued by X (відділ (ДРАЦС) м. Києва)") == []
    assert foreign_script_problems("series I-ЖС 123456")
    assert foreign_script_problems("certificate No. 5 (№ 5)")
    assert foreign_script_problems("Shevchenkivskyi raionnyi sud mista Kyieva")


@pytest.mark.parametrize("spec", TEMPLATES)
def test_english_pdf_and_docx_print_no_cyrillic(
    pipeline: DocumentPipeline, spec: TemplateSpec
) -> None:
    example = spec.load_example()
    pdf = pipeline.render(spec.id, example, "en", "pdf").content
    docx_bytes = pipeline.render(spec.id, example, "en", "docx").content
    assert foreign_script_problems(pdf_text(pdf)) == []
    assert foreign_script_problems(docx_text(docx_bytes)) == []


@pytest.mark.parametrize("spec", TEMPLATES)
def test_english_column_of_side_by_side_prints_no_cyrillic(
    pipeline: DocumentPipeline, spec: TemplateSpec
) -> None:
    example = spec.load_example()
    docx_bytes = pipeline.render(spec.id, example, "uk-en", "docx").content
    html, _ = pipeline.render_preview(spec.id, example, "uk-en")
    assert foreign_script_problems(english_column_of_docx(docx_bytes)) == []
    assert foreign_script_problems(english_column_of_html(html)) == []
