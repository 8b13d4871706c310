"""Hostile input is never evaluated, never fetched, never a 500: rendered literally or refused."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from pypdf import PdfReader

from service.config import PROJECT_ROOT
from service.rendering.fetcher import ForbiddenResourceError, TemplateAssetFetcher
from tests.conftest import BIRTH_FACT, client_as
from tests.readback import docx_text, pdf_text

TEMPLATES_PDF = PROJECT_ROOT / "templates_pdf"
MARKUP = (
    '<link rel="attachment" href="file:///etc/passwd"><img src="http://127.0.0.1:9/x.png">'
    "<style>@import url(http://127.0.0.1:9/x.css);</style>{% raw %}{{ config }}"
)


def render(app: Flask, data: dict[str, Any], fmt: str = "pdf") -> Any:
    return client_as(app, "system").post(
        "/api/v1/render", json={"template": BIRTH_FACT, "lang": "uk", "format": fmt, "data": data}
    )


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_markup_and_template_syntax_print_literally(
    app: Flask, birth_fact_example: dict[str, Any], fmt: str
) -> None:
    birth_fact_example["circumstances"] = MARKUP
    response = render(app, birth_fact_example, fmt)
    assert response.status_code == 200
    text = pdf_text(response.data) if fmt == "pdf" else docx_text(response.data)
    assert "".join(MARKUP.split()) in "".join(text.split())
    if fmt == "pdf":
        catalog = PdfReader(io.BytesIO(response.data)).trailer["/Root"]
        assert "/EmbeddedFiles" not in catalog.get("/Names", {})
        assert b"root:" not in response.data


def test_the_fetcher_serves_template_assets_only() -> None:
    fetcher = TemplateAssetFetcher(TEMPLATES_PDF)
    font = (TEMPLATES_PDF / "fonts" / "LiberationSerif-Regular.ttf").as_uri()
    assert fetcher.fetch(font).read(4) == b"\x00\x01\x00\x00"
    assert fetcher.fetch("data:text/plain,hello").read() == b"hello"
    for url in (
        "http://127.0.0.1:9/x.css",
        "https://example.org/x.png",
        "file:///etc/passwd",
        (TEMPLATES_PDF / ".." / "pyproject.toml").as_uri(),
        "ftp://127.0.0.1/x",
        "file://remote-host/etc/passwd",
    ):
        with pytest.raises(ForbiddenResourceError):
            fetcher.fetch(url)


def test_weasyprint_never_embeds_or_fetches_what_a_document_asks_for(tmp_path: Path) -> None:
    from weasyprint import HTML

    secret = tmp_path / "secret.txt"
    secret.write_text("do not embed me")
    html = (
        f'<link rel="attachment" href="{secret.as_uri()}">'
        f'<img src="{secret.as_uri()}"><img src="http://127.0.0.1:9/x.png"><p>ok</p>'
    )
    pdf = HTML(string=html, url_fetcher=TemplateAssetFetcher(TEMPLATES_PDF)).write_pdf()
    assert b"do not embed me" not in pdf
    catalog = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    assert "/EmbeddedFiles" not in catalog.get("/Names", {})


@pytest.mark.parametrize(
    "template_id",
    [
        "../../etc/passwd",
        "identity/../../../etc/passwd",
        "%2e%2e%2fetc",
        "identity.birth_fact_court_application.docx",
        "IDENTITY.BIRTH_FACT_COURT_APPLICATION",
        "\u0000",
        "a" * 5000,
    ],
)
def test_template_ids_are_looked_up_never_opened(app: Flask, template_id: str) -> None:
    client = client_as(app, "system")
    response = client.post("/api/v1/render", json={"template": template_id, "data": {}})
    assert response.status_code in (404, 422)
    assert response.mimetype == "application/problem+json"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("surname", "Петр\u0000енко"),
        ("surname", "Петр\u0007енко"),
        ("given_name", "Андрій\u202e"),
        ("given_name", "Андрій\u200b"),
        ("surname", "<script>"),
        ("surname", "{{ 7*7 }}"),
    ],
)
def test_control_characters_and_markup_in_names_are_422_naming_the_field(
    app: Flask, birth_fact_example: dict[str, Any], field: str, value: str
) -> None:
    birth_fact_example["child"][field] = value
    response = render(app, birth_fact_example)
    assert response.status_code == 422
    assert f"child.{field}" in response.get_json()["errors"]


@pytest.mark.parametrize(
    ("path", "value", "said"),
    [
        (
            "child.surname",
            "Шевчeнко",  # a Latin e among Cyrillic letters
            (
                "“Шевчeнко” mixes Latin and Cyrillic letters (Latin here: e).",
                "«Шевчeнко» поєднує латинські та кириличні літери (латинські тут: e).",
            ),
        ),
        (
            "child.given_name",
            "Ｉｖａｎ",
            (
                "full-width or half-width characters (Ｉ, ｖ, ａ, ｎ)",
                "повноширинні або напівширинні символи (Ｉ, ｖ, ａ, ｎ)",
            ),
        ),
        (
            "child.given_name",
            "А" + "\u0301" * 50 + "ндрій",
            (
                "The letter А in the name carries more than two accents or marks.",
                "Літера А в імені чи прізвищі має понад два наголоси або діакритичні знаки.",
            ),
        ),
        (
            "father.patronymic",
            "Сергійович\u2028Петренко",
            (
                "line or paragraph separator",
                "розділювач рядків або абзаців",
            ),
        ),
        (
            "court.address.postal_code",
            "",
            (
                "The postal code must be 5 digits.",
                "Поштовий індекс має складатися з 5 цифр.",
            ),
        ),
        (
            "child.unzr",
            "",
            (
                "The UNZR must be 8 digits of the birth date, a dash and 5 digits.",
                "УНЗР",
            ),
        ),
        (
            "child.birth_place.katottg",
            "",
            (
                "The KATOTTG code must be UA followed by 17 digits.",
                "КАТОТТГ",
            ),
        ),
    ],
)
def test_what_a_document_cannot_print_is_422_naming_the_field_in_both_languages(
    app: Flask,
    birth_fact_example: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
    *,
    path: str,
    value: str,
    said: tuple[str, str],
) -> None:
    """The four kinds of name SECURITY.md refuses, and "" where a pattern is stated."""
    *parents, key = path.split(".")
    target = birth_fact_example
    for parent in parents:
        target = target[parent]
    target[key] = value
    capsys.readouterr()
    response = client_as(app, "system").post(
        "/api/v1/validate", json={"template": BIRTH_FACT, "data": birth_fact_example}
    )
    assert response.status_code == 422
    problem = response.get_json()
    assert set(problem["errors"]) == {path}
    [message] = problem["errors"][path]
    assert said[0] in message["en"]
    assert said[1] in message["uk"]
    logs = capsys.readouterr().err
    assert response.headers["X-Request-Id"] in logs  # the request is logged ...
    if value:  # ... but the user's own letters only come back to them
        assert value not in logs


def test_nfd_input_is_stored_and_printed_as_nfc(
    app: Flask, birth_fact_example: dict[str, Any]
) -> None:
    birth_fact_example["child"]["given_name"] = unicodedata.normalize("NFD", "Йосип")
    assert birth_fact_example["child"]["given_name"] != "Йосип"
    response = render(app, birth_fact_example, "docx")
    assert response.status_code == 200
    assert "Петренко Йосип Іванович" in docx_text(response.data)


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        (b'{"template": "x", "data": {}', "application/json", 400),
        (b'{"template": "x", "template": "y", "data": {}}', "application/json", 400),
        (b'{"template": "\xc3\x28"}', "application/json", 400),
        (b"\xef\xbb\xbf{}", "application/json", 400),
        (b"template=x", "application/x-www-form-urlencoded", 415),
        (b"<xml/>", "text/xml", 415),
        (b"", "application/json", 400),
        (b"[]", "application/json", 422),
        (b"null", "application/json", 422),
        (b'{"template": 1, "data": []}', "application/json", 422),
    ],
)
def test_broken_bodies_get_a_clear_4xx(
    app: Flask, body: bytes, content_type: str, status: int
) -> None:
    response = client_as(app, "system").post(
        "/api/v1/validate", data=body, content_type=content_type
    )
    assert response.status_code == status
    assert response.mimetype == "application/problem+json"
