"""`"format": "html"`: the document's HTML with its print CSS, the PDF's preview; not stored."""

from __future__ import annotations

import copy
from typing import Any

from flask import Flask

from tests.conftest import BIRTH_FACT, client_as
from tests.hostile import HOSTILE_TEXT, make_hostile


def render(app: Flask, data: dict[str, Any], role: str = "system", lang: str = "uk") -> Any:
    body = {"template": BIRTH_FACT, "lang": lang, "format": "html", "data": data}
    return client_as(app, role).post("/api/v1/render", json=body)


def test_html_is_the_escaped_document_with_its_css_and_a_strict_policy(
    app: Flask, birth_fact_example: dict[str, Any]
) -> None:
    response = render(app, make_hostile(birth_fact_example))
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert response.mimetype == "text/html"
    assert response.headers["Content-Security-Policy"] == (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    )
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    html = response.get_data(as_text=True)
    assert "<style>" in html
    assert "@page" in html  # the print stylesheet, inlined
    assert "<b>bold</b>" not in html
    assert "<img src=http://127.0.0.1:9/x>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert "{{ 7*7 }}" in html
    assert "49" not in html.split("</style>")[1]
    assert HOSTILE_TEXT[:4] in html


def test_html_is_not_a_stored_document(app: Flask, birth_fact_example: dict[str, Any]) -> None:
    data = copy.deepcopy(birth_fact_example)
    data["court"]["name"] += " (попередній перегляд)"
    response = render(app, data, role="caseworker")
    assert response.status_code == 200
    assert "X-Document-Id" not in response.headers
    events = client_as(app, "admin").get("/api/v1/audit?limit=1000").get_json()["events"]
    rendered = [e for e in events if e["action"] == "document_rendered"]
    again = render(app, data, role="caseworker")
    assert again.status_code == 200
    events = client_as(app, "admin").get("/api/v1/audit?limit=1000").get_json()["events"]
    assert [e for e in events if e["action"] == "document_rendered"] == rendered


def test_invalid_data_is_a_422_for_html_too(app: Flask, birth_fact_example: dict[str, Any]) -> None:
    data = copy.deepcopy(birth_fact_example)
    del data["court"]
    response = render(app, data)
    assert response.status_code == 422
    assert "court" in response.get_json()["errors"]


def test_an_unknown_format_names_html_among_the_choices(
    app: Flask, birth_fact_example: dict[str, Any]
) -> None:
    body = {"template": BIRTH_FACT, "format": "odt", "data": birth_fact_example}
    response = client_as(app, "system").post("/api/v1/render", json=body)
    assert response.status_code == 422
    assert "html" in response.get_json()["errors"]["format"][0]["en"]
