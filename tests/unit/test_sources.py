"""Legal sources: what a document cites is found in its text, and each citation has a source."""

from __future__ import annotations

from pathlib import Path

from service.documents.sources import (
    SourceProblem,
    check_sources,
    cited_act_numbers,
    cited_articles,
)

COMPLETE = """
template = "x.y"

[[source]]
key = "cpc_317"
act = "Цивільний процесуальний кодекс України"
act_en = "Civil Procedure Code of Ukraine"
number = "1618-IV"
provision = "статті 315, 317–319"
cites = ["ст. 317"]
edition = "чинна редакція"
in_force_checked = "2026-12-07"
read = "secondary"
note = "read through a ministry page"
supports = "which court hears it"

[[source]]
key = "cmu_302"
act = "постанова Кабінету Міністрів України від 25 березня 2015 р. № 302"
act_en = "CMU Resolution No. 302"
number = "302"
provision = "пункт 3"
cites = ["№ 302"]
edition = "ред. 2020"
in_force_checked = "2026-12-07"
read = "full"
quote = "…"
supports = "who applies"
"""


def test_articles_and_act_numbers_are_found_in_running_text() -> None:
    text = (
        "Відповідно до статті 317 Цивільного процесуального кодексу України; статті 315,"
        " 317–319; статтею 30-1 Закону; постанова Кабінету Міністрів України від 25"
        "\u00a0березня 2015 р. №\u00a0302; Закону України № 2345-IX; наказ № 52/5."
        " Свідоцтво серія І-ЖС № 123456; справа № 761/45872/26."
    )
    assert cited_articles(text) == {"315", "317", "318", "319", "30-1"}
    assert cited_act_numbers(text) == {"302", "2345-IX", "52/5"}


def problems(tmp_path: Path, text: str, toml: str = COMPLETE) -> list[SourceProblem]:
    (tmp_path / "x.y.toml").write_text(toml, encoding="utf-8")
    return list(check_sources("x.y", tmp_path, text))


def test_a_document_whose_citations_all_have_sources_passes(tmp_path: Path) -> None:
    text = "на підставі статей 315, 317–319 ЦПК; постанова від 25 березня 2015 р. № 302"
    assert problems(tmp_path, text) == []


def test_an_article_or_act_without_a_source_is_named(tmp_path: Path) -> None:
    text = "стаття 175 ЦПК; Закон України від 8 липня 2011 р. № 3674-VI"
    found = {problem.detail for problem in problems(tmp_path, text)}
    assert found == {
        "the document cites article 175 without a source",
        "the document names act № 3674-VI without a source",
    }


def test_a_document_without_sources_or_with_an_incomplete_one_fails(tmp_path: Path) -> None:
    assert [p.kind for p in check_sources("none.here", tmp_path, "")] == ["missing-sources"]
    unread = COMPLETE.replace('note = "read through a ministry page"\n', "")
    assert SourceProblem("source-field", "cpc_317: say in a note what could not be read") in (
        problems(tmp_path, "", unread)
    )
    unquoted = COMPLETE.replace('quote = "…"\n', "")
    assert SourceProblem("source-field", "cmu_302: quote the words relied on") in problems(
        tmp_path, "", unquoted
    )
