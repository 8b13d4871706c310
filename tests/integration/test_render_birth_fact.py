"""The court application rendered for real (docxtpl, WeasyPrint) and read back."""

from __future__ import annotations

from typing import Any

import pytest
from fontTools.ttLib import TTFont

from service.config import PROJECT_ROOT
from service.documents import DocumentPipeline, get_template
from tests.conftest import BIRTH_FACT
from tests.hostile import (
    HOSTILE_TEXT,
    MODIFIER_APOSTROPHE,
    make_hostile,
    make_long_names,
)
from tests.readback import docx_text, normalise_space, pdf_fonts, pdf_reader, pdf_text

UKRAINIAN = [
    "ЗАЯВА",
    "про встановлення факту народження особи на тимчасово окупованій території України",
    "Петренко Андрій Іванович народився 14 березня 2016 р.",
    "Встановити факт народження Петренка Андрія Івановича",  # genitive
    "Я, Петренко Оксана Миколаївна, є матір’ю дитини.",
    "м. Донецьк, Донецька міська територіальна громада, Донецький район, Донецька область, Україна",
    "РНОКПП 3260912340",
    "Свідоцтво про народження, видане окупаційними органами (Україною не визнається)",
    "I-ДН № 654321",
    "20 листопада 2026 р.",
    "Оксана ПЕТРЕНКО",
    "Цивільний процесуальний кодекс України, стаття 317 (у чинній редакції)",
]
ENGLISH = [
    "APPLICATION",
    "to establish the fact of birth of a person on the temporarily occupied territory of Ukraine",
    "Petrenko Andrii Ivanovych (Петренко Андрій Іванович) was born on 14 March 2016",
    "(Петренко Андрій Іванович)",
    "city of Donetsk, Donetska City Hromada, Donetskyi Raion, Donetsk Oblast, Ukraine",
    "I, Petrenko Oksana Mykolaivna, am the child's mother.",
    "Shevchenkivskyi District Court of Kyiv",
    "20 November 2026",
    "Oksana PETRENKO",
]
EXPECTED = {"uk": UKRAINIAN, "en": ENGLISH, "uk-en": UKRAINIAN + ENGLISH}


def squash(text: str) -> str:
    """Drop all whitespace."""
    return "".join(text.split())


def read_back(content: bytes, fmt: str) -> str:
    """Read a document's text, whitespace normalised."""
    return pdf_text(content) if fmt == "pdf" else normalise_space(docx_text(content))


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
@pytest.mark.parametrize("lang", ["uk", "en", "uk-en"])
def test_example_reads_back_in_every_language(
    pipeline: DocumentPipeline, birth_fact_example: dict[str, Any], lang: str, fmt: str
) -> None:
    document = pipeline.render(BIRTH_FACT, birth_fact_example, lang, fmt)
    text = read_back(document.content, fmt)
    for expected in EXPECTED[lang]:
        # A PDF line may wrap after the hyphen of a series ("I-" / "ДН № 654321").
        found = expected in text or (fmt == "pdf" and squash(expected) in squash(text))
        assert found, f"{expected!r} missing from the {lang} {fmt}"
    if lang == "uk":
        assert "Petrenko" not in text, "the Ukrainian version must not fall back to English"
    if lang == "en":
        assert "ЗАЯВА" not in text and "ПРОШУ" not in text


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
@pytest.mark.parametrize("lang", ["uk", "en", "uk-en"])
def test_hostile_values_print_literally(
    pipeline: DocumentPipeline, birth_fact_example: dict[str, Any], lang: str, fmt: str
) -> None:
    document = pipeline.render(BIRTH_FACT, make_hostile(birth_fact_example), lang, fmt)
    text = read_back(document.content, fmt)
    # A PDF line may wrap anywhere in the long value; compare without whitespace.
    assert squash(HOSTILE_TEXT) in squash(text)
    assert "{{7*7}}" in squash(text) and "49" not in squash(text)
    if lang != "en":
        assert f"Мар{MODIFIER_APOSTROPHE}яненко-Зав{MODIFIER_APOSTROPHE}ялов" in text
    if lang != "uk":
        assert "Marianenko-Zavialov Marian Yurievych" in text


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_a_200_character_name_renders_whole(
    pipeline: DocumentPipeline, birth_fact_example: dict[str, Any], fmt: str
) -> None:
    data = make_long_names(birth_fact_example)
    child = data["child"]
    full_name = f"{child['surname']} {child['given_name']} {child['patronymic']}"
    assert len(full_name) >= 195
    document = pipeline.render(BIRTH_FACT, data, "uk", fmt)
    text = read_back(document.content, fmt)
    # PDF layout may break the long surname at its hyphen; the letters must all be there.
    assert child["given_name"] in text.replace(" ", "")
    assert child["surname"].split("-")[0] in text.replace(" ", "")


def test_pdf_embeds_its_fonts_and_has_a_glyph_for_every_character(
    pipeline: DocumentPipeline, birth_fact_example: dict[str, Any]
) -> None:
    document = pipeline.render(BIRTH_FACT, make_hostile(birth_fact_example), "uk-en", "pdf")
    fonts = pdf_fonts(document.content)
    assert fonts, "no fonts found"
    assert all(fonts.values()), f"fonts not embedded: {fonts}"
    assert all("Document-Serif" in name for name in fonts)
    text = pdf_text(document.content)
    assert "\ufffd" not in text
    shipped = TTFont(PROJECT_ROOT / "templates_pdf/fonts/LiberationSerif-Regular.ttf")
    cmap = shipped.getBestCmap()
    missing = {char for char in text if not char.isspace() and ord(char) not in cmap}
    assert not missing, f"characters without a glyph: {missing}"


def test_pdf_is_a4_with_title_metadata_and_page_numbers(
    pipeline: DocumentPipeline, birth_fact_example: dict[str, Any]
) -> None:
    document = pipeline.render(BIRTH_FACT, birth_fact_example, "uk", "pdf")
    reader = pdf_reader(document.content)
    width, height = (float(value) for value in reader.pages[0].mediabox[2:])
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297)
    assert reader.metadata is not None
    assert reader.metadata.title.startswith("Заява про встановлення факту народження")
    assert "Петренко" not in (reader.metadata.title or ""), "no child's data in metadata"
    pages = len(reader.pages)
    assert pages >= 2
    assert f"1 / {pages}" in normalise_space(reader.pages[0].extract_text())
    # No program text on a filed paper: the form's version is in the metadata only
    # (and on the verification page), never printed, nor the template id.
    text = pdf_text(document.content)
    version = get_template(BIRTH_FACT).version
    assert "Версія бланка" not in text and version not in text
    assert "identity.birth_fact_court_application" not in text
    assert reader.metadata["/Keywords"] == f"{BIRTH_FACT} {version}"


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_same_input_gives_the_same_bytes(
    pipeline: DocumentPipeline, birth_fact_example: dict[str, Any], fmt: str
) -> None:
    first = pipeline.render(BIRTH_FACT, birth_fact_example, "uk-en", fmt)
    second = pipeline.render(BIRTH_FACT, birth_fact_example, "uk-en", fmt)
    assert first.content == second.content
    assert first.sha256 == second.sha256


def test_docx_uk_en_has_two_columns_ukrainian_left(
    pipeline: DocumentPipeline, birth_fact_example: dict[str, Any]
) -> None:
    import io

    import docx

    document = pipeline.render(BIRTH_FACT, birth_fact_example, "uk-en", "docx")
    table = docx.Document(io.BytesIO(document.content)).tables[0]
    assert len(table.columns) == 2
    for row in table.rows:
        left, right = (cell.text for cell in row.cells)
        if "ЗАЯВА" in left:
            assert "APPLICATION" in right
            break
    else:
        pytest.fail("no title row")


def test_filename_is_ascii_and_transliterated(
    pipeline: DocumentPipeline, birth_fact_example: dict[str, Any]
) -> None:
    document = pipeline.render(BIRTH_FACT, birth_fact_example, "uk", "docx")
    assert document.filename == "birth-fact-court-application_petrenko-andrii_uk.docx"
    assert document.filename.isascii()
