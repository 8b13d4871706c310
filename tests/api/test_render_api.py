"""The render and validate API through the test client: status, headers, problem bodies."""

from __future__ import annotations

import json
from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.conftest import BIRTH_FACT
from tests.readback import docx_text, pdf_text

PROBLEM = "application/problem+json"


def render_body(data: dict[str, Any], lang: str = "uk", fmt: str = "pdf") -> dict[str, Any]:
    """A render request body."""
    return {"template": BIRTH_FACT, "lang": lang, "format": fmt, "data": data}


def assert_problem(response: Any, status: int) -> dict[str, Any]:
    """Check the common shape of a problem+json answer and return its body."""
    assert response.status_code == status
    assert response.mimetype == PROBLEM
    body: dict[str, Any] = response.get_json(force=True)
    assert body["status"] == status
    assert body["type"].startswith("/problems/")
    assert body["title"] and body["detail"]
    assert body["instance"] == response.request.path
    assert body["request_id"] == response.headers["X-Request-Id"]
    assert set(body["i18n"]) == {"uk", "en"}
    assert body["i18n"]["uk"]["title"] != body["i18n"]["en"]["title"]
    return body


@pytest.mark.parametrize(
    ("fmt", "mimetype"),
    [
        ("pdf", "application/pdf"),
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ],
)
def test_render_answers_with_the_file_and_its_headers(
    client: FlaskClient, birth_fact_example: dict[str, Any], fmt: str, mimetype: str
) -> None:
    response = client.post("/api/v1/render", json=render_body(birth_fact_example, "uk-en", fmt))
    assert response.status_code == 200
    assert response.mimetype == mimetype
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="birth-fact-court-application_petrenko-andrii_uk-en.{fmt}"'
    )
    assert len(response.headers["X-Document-Id"]) == 32
    import hashlib

    assert response.headers["X-Content-SHA256"] == hashlib.sha256(response.data).hexdigest()
    text = pdf_text(response.data) if fmt == "pdf" else docx_text(response.data)
    assert "Петренка Андрія Івановича" in text
    assert "Petrenko Andrii Ivanovych" in text


def test_render_defaults_to_ukrainian_pdf(
    client: FlaskClient, birth_fact_example: dict[str, Any]
) -> None:
    response = client.post(
        "/api/v1/render", json={"template": BIRTH_FACT, "data": birth_fact_example}
    )
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert "ЗАЯВА" in pdf_text(response.data)


def test_validate_accepts_the_example(
    client: FlaskClient, birth_fact_example: dict[str, Any]
) -> None:
    response = client.post("/api/v1/validate", json=render_body(birth_fact_example))
    assert response.status_code == 200
    assert response.get_json() == {"valid": True, "warnings": []}


def test_validate_reports_a_warning_without_blocking_the_render(
    client: FlaskClient, birth_fact_example: dict[str, Any]
) -> None:
    birth_fact_example["applicant"]["birth_date"] = "1989-04-13"  # RNOKPP encodes 12.04.1989
    response = client.post("/api/v1/validate", json=render_body(birth_fact_example))
    assert response.status_code == 200
    body = response.get_json()
    assert body["valid"] is True
    assert [w["path"] for w in body["warnings"]] == ["applicant.rnokpp"]
    assert "12.04.1989" in body["warnings"][0]["message"]["uk"]
    assert "RNOKPP" in body["warnings"][0]["message"]["en"]
    assert client.post("/api/v1/render", json=render_body(birth_fact_example)).status_code == 200


def test_validate_reports_every_error_at_once_keyed_by_path(
    client: FlaskClient, birth_fact_example: dict[str, Any]
) -> None:
    birth_fact_example["child"]["birth_date"] = "2016-02-30"
    birth_fact_example["applicant"]["rnokpp"] = "3260912341"
    del birth_fact_example["court"]
    birth_fact_example["child"]["nickname"] = "x"
    response = client.post("/api/v1/validate", json=render_body(birth_fact_example))
    body = assert_problem(response, 422)
    assert set(body["errors"]) == {
        "child.birth_date",
        "applicant.rnokpp",
        "court",
        "child.nickname",
    }
    for messages in body["errors"].values():
        for message in messages:
            assert set(message) == {"uk", "en"}
            assert message["uk"] != message["en"]
    assert body["errors"]["court"][0]["uk"] == "Обов’язкове поле не заповнено."


def test_render_with_invalid_data_is_a_422_and_no_file(
    client: FlaskClient, birth_fact_example: dict[str, Any]
) -> None:
    birth_fact_example["child"]["birth_date"] = "2030-01-01"
    response = client.post("/api/v1/render", json=render_body(birth_fact_example))
    body = assert_problem(response, 422)
    assert "child.birth_date" in body["errors"]
    assert "Content-Disposition" not in response.headers


def test_a_birth_before_the_occupation_is_refused_as_not_applicable_and_no_file(
    client: FlaskClient, birth_fact_example: dict[str, Any]
) -> None:
    """A son born in Donetsk in 2011: no court may be told he was born under occupation."""
    birth_fact_example["child"]["birth_date"] = "2011-03-14"
    birth_fact_example["occupation_birth_certificate"]["issue_date"] = "2011-03-21"
    response = client.post("/api/v1/render", json=render_body(birth_fact_example))
    body = assert_problem(response, 422)
    assert body["type"] == "/problems/not-applicable"
    [refusal] = body["refusals"]
    assert refusal["person"] == {"path": "child", "name": "Петренко Андрій Іванович"}
    assert "14.03.2011" in refusal["fact"]["uk"] and "14 March 2011" in refusal["fact"]["en"]
    assert "07.04.2014" in refusal["fact"]["uk"]
    assert "317" in refusal["rule"]["uk"] and "317" in refusal["rule"]["en"]
    assert refusal["fact"]["uk"] != refusal["fact"]["en"]
    assert "Content-Disposition" not in response.headers


def test_problem_language_follows_accept_language(client: FlaskClient) -> None:
    response = client.post(
        "/api/v1/render",
        json=render_body({}),
        headers={"Accept-Language": "en-GB,en;q=0.9"},
    )
    body = assert_problem(response, 422)
    assert body["title"] == "The data is not valid"
    assert response.headers["Content-Language"] == "en"
    ukrainian = client.post("/api/v1/render", json=render_body({}))
    assert ukrainian.get_json()["title"] == "Дані не пройшли перевірку"


def test_unknown_template_is_404(client: FlaskClient, birth_fact_example: dict[str, Any]) -> None:
    body = {"template": "identity.nope", "data": birth_fact_example}
    problem = assert_problem(client.post("/api/v1/render", json=body), 404)
    assert problem["type"] == "/problems/template-not-found"
    assert_problem(client.get("/api/v1/templates/../../etc/passwd"), 404)


def test_malformed_json_is_400(client: FlaskClient) -> None:
    response = client.post("/api/v1/render", data=b'{"template": ', content_type="application/json")
    assert assert_problem(response, 400)["type"] == "/problems/malformed-request"


def test_duplicate_keys_are_400(client: FlaskClient) -> None:
    response = client.post(
        "/api/v1/render",
        data=b'{"template": "a", "template": "b", "data": {}}',
        content_type="application/json",
    )
    body = assert_problem(response, 400)
    assert "duplicate" in body["i18n"]["en"]["detail"]


def test_invalid_utf8_is_400(client: FlaskClient) -> None:
    response = client.post(
        "/api/v1/render", data=b'{"template": "\xff"}', content_type="application/json"
    )
    assert_problem(response, 400)


def test_body_over_the_limit_is_413(client: FlaskClient) -> None:
    oversized = json.dumps({"template": BIRTH_FACT, "data": {"x": "я" * (1024 * 1024)}})
    response = client.post("/api/v1/render", data=oversized, content_type="application/json")
    body = assert_problem(response, 413)
    assert "1048576" in body["detail"]


def test_body_that_is_not_json_is_415(client: FlaskClient) -> None:
    response = client.post(
        "/api/v1/render", data="template=x", content_type="application/x-www-form-urlencoded"
    )
    assert_problem(response, 415)


def test_wrong_method_is_405_with_allow(client: FlaskClient) -> None:
    response = client.get("/api/v1/render")
    assert_problem(response, 405)
    assert "POST" in response.headers["Allow"]


def test_unknown_route_is_404_problem(client: FlaskClient) -> None:
    assert_problem(client.get("/api/v1/nothing-here"), 404)


def test_bad_lang_and_format_are_422(
    client: FlaskClient, birth_fact_example: dict[str, Any]
) -> None:
    body = {"template": BIRTH_FACT, "lang": "ru", "format": "odt", "data": birth_fact_example}
    problem = assert_problem(client.post("/api/v1/render", json=body), 422)
    assert set(problem["errors"]) == {"lang", "format"}


def test_healthz(client: FlaskClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_request_id_is_kept_when_sane_and_replaced_when_not(client: FlaskClient) -> None:
    kept = client.get("/healthz", headers={"X-Request-Id": "abc12345-trace"})
    assert kept.headers["X-Request-Id"] == "abc12345-trace"
    replaced = client.get("/healthz", headers={"X-Request-Id": "<script>"})
    assert replaced.headers["X-Request-Id"] != "<script>"


def test_validate_warns_of_ukrainian_only_text_for_an_english_document(
    client: FlaskClient, birth_fact_example: dict[str, Any]
) -> None:
    birth_fact_example["circumstances"] = "Родина виїхала через третю країну."
    english = client.post("/api/v1/validate", json=render_body(birth_fact_example, lang="uk-en"))
    warnings = {item["path"]: item["message"] for item in english.get_json()["warnings"]}
    assert "circumstances.en" in warnings["circumstances"]["en"]
    assert "лише українською" in warnings["circumstances"]["uk"]
    ukrainian = client.post("/api/v1/validate", json=render_body(birth_fact_example, lang="uk"))
    assert "circumstances" not in {item["path"] for item in ukrainian.get_json()["warnings"]}


def test_validate_refuses_a_false_premise_as_render_does(
    client: FlaskClient, birth_fact_example: dict[str, Any]
) -> None:
    birth_fact_example["child"]["birth_date"] = "2011-03-14"
    birth_fact_example["occupation_birth_certificate"]["issue_date"] = "2011-03-21"
    response = client.post("/api/v1/validate", json=render_body(birth_fact_example))
    body = assert_problem(response, 422)
    assert body["type"] == "/problems/not-applicable"
    assert body["refusals"][0]["person"]["path"] == "child"
