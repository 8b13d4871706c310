"""Inputs that once crashed the service (issue 28), on SQLite and on PostgreSQL.

A NUL, another control character or a lone surrogate is refused before it reaches the
database: in a path id it names nothing (the 404 of that kind of object), in a query
string, a JSON body or a form it is a 422 naming the field, in Ukrainian and English.
An integer of thousands of digits is a 422 too. Never a 500.
"""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from service.documents import get_template
from tests.conftest import BIRTH_FACT, client_as
from tests.web.conftest import PASSWORD, csrf, family_fields, sign_in

# Percent-encoded as a client sends them: NUL, SOH, ESC, DEL, NEL (C1), and a NUL at the
# end of an id that is hex otherwise.
IN_PATHS = ["%00", "%01", "%1B", "%7F", "%C2%85", "0123456789abcdef0123456789abcde%00"]
# In JSON text, as escapes: NUL, a lone high and a lone low surrogate, ESC, NEL.
IN_JSON = ["\\u0000", "\\ud800", "\\udfff", "\\u001b", "\\u0085"]
HUGE = "9" * 5000
REFUSED_EN = (
    "This value holds a character that is not allowed "
    "(NUL, a control character or an unpaired surrogate)."
)


@pytest.fixture(scope="module")
def made(backend_app: Flask) -> dict[str, str]:
    """A case and a document on the backend, for routes whose second id is the hostile one."""
    caseworker = client_as(backend_app, "caseworker")
    case = caseworker.post("/api/v1/cases", json={"data": {}})
    assert case.status_code == 201, case.get_data(as_text=True)
    example = get_template(BIRTH_FACT).load_example()
    document = caseworker.post(
        "/api/v1/render",
        json={"template": BIRTH_FACT, "lang": "uk", "format": "docx", "data": example},
    )
    assert document.status_code == 200, document.get_data(as_text=True)[:300]
    return {"case": case.get_json()["id"], "document": document.headers["X-Document-Id"]}


def assert_refused(response: Any, *fields: str) -> dict[str, Any]:
    """A 422 problem that names each field, with its message in Ukrainian and English."""
    assert response.status_code == 422, response.get_data(as_text=True)[:500]
    assert response.mimetype == "application/problem+json"
    problem: dict[str, Any] = json.loads(response.get_data())  # valid UTF-8, valid JSON
    assert problem["type"] in ("/problems/rule-violation", "/problems/validation-error")
    for field in fields:
        assert field in problem["errors"], problem["errors"]
        for message in problem["errors"][field]:
            assert set(message) == {"uk", "en"} and message["uk"] != message["en"], message
    return problem


@pytest.mark.parametrize("value", IN_PATHS)
@pytest.mark.parametrize(
    ("request_line", "kind", "body"),
    [
        ("get /api/v1/cases/{}", "case", None),
        ("patch /api/v1/cases/{}", "case", {"data": {}}),
        ("get /api/v1/cases/{}/plan", "case", None),
        ("post /api/v1/cases/{}/packet", "case", {"documents": [BIRTH_FACT]}),
        ("get /api/v1/documents/{}", "document", None),
        ("get /api/v1/documents/{}/file", "document", None),
        ("get /api/v1/documents/{}/verification", "document", None),
        ("post /api/v1/documents/{}/links", "document", {"days": 7}),
        ("get /api/v1/jobs/{}", "job", None),
        ("get /api/v1/institutions/{}", "institution", None),
        ("patch /api/v1/institutions/{}", "institution", {}),
        ("get /api/v1/templates/{}", "template", None),
        ("get /api/v1/verify/{}", "verification-code", None),
        ("get /shared/{}", "link", None),
    ],
)
def test_a_control_character_in_a_path_id_is_not_found(
    backend_app: Flask, request_line: str, kind: str, body: Any, value: str
) -> None:
    method, path = request_line.split()
    response = getattr(client_as(backend_app, "admin"), method)(path.format(value), json=body)
    assert response.status_code == 404, response.get_data(as_text=True)[:500]
    assert response.get_json()["type"] == f"/problems/{kind}-not-found"


@pytest.mark.parametrize("value", IN_PATHS[:3])
@pytest.mark.parametrize(
    ("request_line", "kind"),
    [
        ("delete /api/v1/documents/{document}/links/{value}", "share"),
        ("delete /api/v1/documents/{document}/shares/{value}", "share"),
        ("patch /api/v1/cases/{case}/plan/steps/{value}", "step"),
    ],
)
def test_a_control_character_in_a_second_id_is_not_found(
    backend_app: Flask, made: dict[str, str], request_line: str, kind: str, value: str
) -> None:
    method, path = request_line.split()
    client = client_as(backend_app, "caseworker")
    response = getattr(client, method)(path.format(value=value, **made), json={"status": "filed"})
    assert response.status_code == 404, response.get_data(as_text=True)[:500]
    assert response.get_json()["type"] == f"/problems/{kind}-not-found"
    unknown = path.format(value=uuid.uuid4().hex, **made)  # as any id that names nothing
    assert getattr(client, method)(unknown, json={"status": "filed"}).get_json() | {
        "instance": "",
        "request_id": "",
    } == response.get_json() | {"instance": "", "request_id": ""}


@pytest.mark.parametrize("value", ["%00", "%1B", "%C2%9F", "a%00b"])
@pytest.mark.parametrize(
    ("role", "address", "parameter"),
    [
        ("caseworker", "/api/v1/plan?template={}", "template"),
        ("caseworker", "/api/v1/plan?status={}", "status"),
        ("caseworker", "/api/v1/institutions?q={}", "q"),
        ("caseworker", "/api/v1/cases?surname={}", "surname"),
        ("caseworker", "/api/v1/places?q=%D0%BC.{}", "q"),
        ("admin", "/api/v1/audit?case_id={}", "case_id"),
        ("partner", "/api/v1/shared?page={}", "page"),
        ("admin", "/healthz?probe={}", "probe"),
    ],
)
def test_a_control_character_in_a_query_string_is_422_naming_the_parameter(
    backend_app: Flask, role: str, address: str, parameter: str, value: str
) -> None:
    response = client_as(backend_app, role).get(address.format(value))
    problem = assert_refused(response, parameter)
    assert problem["errors"][parameter][0]["en"] == REFUSED_EN


def test_a_control_character_in_a_query_parameter_name_is_422_naming_it_escaped(
    backend_app: Flask,
) -> None:
    response = client_as(backend_app, "admin").get("/api/v1/templates?a%00b=1")
    assert_refused(response, "a\\u0000b")


@pytest.mark.parametrize(
    ("address", "parameter"),
    [
        ("/api/v1/cases?page=" + HUGE, "page"),
        ("/api/v1/institutions?per_page=-" + HUGE, "per_page"),
        ("/api/v1/audit?offset=" + HUGE, "offset"),
        ("/api/v1/plan?page=" + HUGE, "page"),
    ],
)
def test_a_huge_integer_in_a_query_string_is_422(
    backend_app: Flask, address: str, parameter: str
) -> None:
    assert_refused(client_as(backend_app, "admin").get(address), parameter)


def render_body(data: str) -> str:
    return f'{{"template": "{BIRTH_FACT}", "lang": "uk", "format": "pdf", "data": {data}}}'


def with_circumstances(value: str) -> str:
    """The court application's example as JSON text, its circumstances the escape `value`."""
    example = get_template(BIRTH_FACT).load_example()
    example["circumstances"] = "CIRCUMSTANCES"
    return json.dumps(example).replace('"CIRCUMSTANCES"', f'"{value}"')


def json_bodies(value: str) -> list[tuple[str, str, str, str]]:
    """(role, address, JSON text, field) with a hostile string escape `value` in one field."""
    example = with_circumstances(value)
    return [
        (
            "system",
            "/api/v1/render",
            render_body(example),
            "circumstances",
        ),
        (
            "system",
            "/api/v1/validate",
            render_body(example),
            "circumstances",
        ),
        ("system", "/api/v1/render", f'{{"template": "{value}", "data": {{}}}}', "template"),
        ("system", "/api/v1/validate", render_body(f'"{value}"'), "data"),
        (
            "caseworker",
            "/api/v1/jobs",
            f'{{"kind": "packet", "case_id": "{value}", "documents": ["{BIRTH_FACT}"]}}',
            "case_id",
        ),
        (
            "caseworker",
            "/api/v1/jobs",
            f'{{"kind": "packet", "case_id": "0", "documents": ["a{value}"]}}',
            "documents.0",
        ),
        (
            "caseworker",
            "/api/v1/institutions",
            f'{{"kind": "court", "name": {{"uk": "Суд{value}"}}}}',
            "name.uk",
        ),
        (
            "caseworker",
            "/api/v1/cases",
            f'{{"data": {{"child": {{"surname": "Ткач{value}"}}}}}}',
            "data.child.surname",
        ),
        ("caseworker", "/api/v1/cases/0/documents", f'{{"template": "{value}"}}', "template"),
        ("caseworker", "/api/v1/cases", f'{{"data": {{"{value}": 1}}}}', "data." + value),
    ]


@pytest.mark.parametrize("value", IN_JSON)
def test_a_control_character_or_lone_surrogate_in_json_is_422_naming_the_field(
    backend_app: Flask, value: str
) -> None:
    for role, address, body, field in json_bodies(value):
        response = client_as(backend_app, role).post(
            address, data=body, content_type="application/json"
        )
        problem = assert_refused(response, field)
        assert problem["errors"][field][0]["en"] == REFUSED_EN, (address, problem)


@pytest.mark.parametrize("value", IN_JSON[:2])
def test_a_json_lines_bulk_render_names_the_line_and_field(backend_app: Flask, value: str) -> None:
    example = json.dumps(get_template(BIRTH_FACT).load_example())
    second = with_circumstances(value)
    response = client_as(backend_app, "system").post(
        f"/api/v1/jobs?template={BIRTH_FACT}&lang=uk&format=pdf",
        data=f"{example}\n{second}\n",
        content_type="application/x-ndjson",
    )
    assert_refused(response, "cases.1.circumstances")


@pytest.mark.parametrize(
    ("role", "address", "body", "field"),
    [
        (
            "system",
            "/api/v1/validate",
            render_body('{"child": {"surname": ' + HUGE + "}}"),
            "child.surname",
        ),
        ("system", "/api/v1/render", render_body('{"x": -' + HUGE + "}"), "x"),
        ("system", "/api/v1/render", render_body('{"x": 1' + "0" * 400 + ".5}"), "x"),
        ("system", "/api/v1/render", render_body(HUGE), "data"),
        ("caseworker", "/api/v1/jobs", '{"kind": "packet", "case_id": ' + HUGE + "}", "case_id"),
        ("caseworker", "/api/v1/institutions", '{"name": ' + HUGE + "}", "name"),
        (
            "caseworker",
            "/api/v1/cases",
            '{"data": {"children": [' + HUGE + "]}}",
            "data.children.0",
        ),
        ("caseworker", "/api/v1/cases/0/documents", '{"child_id": ' + HUGE + "}", "child_id"),
    ],
)
def test_an_integer_of_thousands_of_digits_is_422(
    backend_app: Flask, role: str, address: str, body: str, field: str
) -> None:
    response = client_as(backend_app, role).post(
        address, data=body, content_type="application/json", headers={"Accept-Language": "en"}
    )
    problem = assert_refused(response, field)
    assert problem["errors"][field][0]["en"] == "This number is too large: at most 18 digits."
    assert problem["errors"][field][0]["uk"] == "Число завелике: щонайбільше 18 цифр."


def test_a_link_of_too_many_days_is_422(backend_app: Flask, made: dict[str, str]) -> None:
    client = client_as(backend_app, "caseworker")
    for days in (10**17, 10**30):
        response = client.post(f"/api/v1/documents/{made['document']}/links", json={"days": days})
        assert_refused(response, "days")


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_not_json(backend_app: Flask, constant: str) -> None:
    response = client_as(backend_app, "system").post(
        "/api/v1/validate",
        data=render_body('{"x": ' + constant + "}"),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.get_json()["type"] == "/problems/malformed-request"


def test_tabs_and_line_breaks_in_free_text_pass(backend_app: Flask) -> None:
    example = get_template(BIRTH_FACT).load_example()
    example["circumstances"] = "Перший рядок;\r\nдругий\tрядок.\nТретій."
    response = client_as(backend_app, "system").post(
        "/api/v1/validate", json={"template": BIRTH_FACT, "lang": "uk", "data": example}
    )
    assert response.status_code == 200, response.get_data(as_text=True)[:500]


@pytest.fixture(scope="module")
def caseworker_pages(backend_app: Flask) -> FlaskClient:
    """A caseworker signed in to the pages, of the API caseworker's organisation."""
    access, users = backend_app.extensions["access"], backend_app.extensions["users"]
    email = f"pages-{uuid.uuid4().hex[:8]}@example.org"
    organisation = access.authenticate(backend_app.config["TEST_TOKENS"]["caseworker"])
    assert organisation is not None
    users.create_user(
        email=email,
        password=PASSWORD,
        role="caseworker",
        organisation_id=organisation.organisation_id,
    )
    return sign_in(backend_app, email)


PAGE = {"Accept": "text/html"}


@pytest.mark.parametrize("value", ["%00", "%1B", "%C2%85"])
@pytest.mark.parametrize(
    "path",
    [
        "/cases/{}",
        "/cases/{}/edit",
        "/cases/{}/data/" + BIRTH_FACT,
        "/documents/{}",
        "/documents/{}/pdf",
        "/documents/{}/pages/1.png",
        "/jobs/{}",
        "/institutions/{}",
    ],
)
def test_a_page_of_a_control_character_id_is_a_404_page(
    caseworker_pages: FlaskClient, path: str, value: str
) -> None:
    response = caseworker_pages.get(path.format(value), headers=PAGE)
    assert response.status_code == 404
    assert response.mimetype == "text/html"


@pytest.mark.parametrize(
    "address",
    ["/cases?q=%00", "/institutions?q=a%00", "/plan?template=%00", "/places?q=%D0%BC%1B"],
)
def test_a_page_with_a_control_character_in_its_query_is_a_422_page(
    caseworker_pages: FlaskClient, address: str
) -> None:
    response = caseworker_pages.get(address, headers=PAGE)
    assert response.status_code == 422
    assert response.mimetype == "text/html"


@pytest.mark.parametrize("value", ["Ткач\x00", "\x1b[31mТкач", "Ткач\x85"])
@pytest.mark.parametrize("field", ["children.0.surname", "applicant.rnokpp", "mother.birth_date"])
def test_a_form_value_with_a_control_character_is_a_422_page_naming_the_field(
    caseworker_pages: FlaskClient, field: str, value: str
) -> None:
    token = csrf(caseworker_pages.get("/cases/new").get_data(as_text=True))
    response = caseworker_pages.post(
        "/cases/new",
        data={**family_fields(), field: value, "_csrf_token": token},
        headers={**PAGE, "Accept-Language": "en"},
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert field in page and "not allowed" in page


def test_a_sign_in_with_a_nul_is_a_422_page(backend_app: Flask) -> None:
    client = backend_app.test_client()
    token = csrf(client.get("/login").get_data(as_text=True))
    response = client.post(
        "/login",
        data={"email": "a\x00@example.org", "password": "x", "_csrf_token": token},
        headers={**PAGE, "Accept-Language": "uk"},
    )
    assert response.status_code == 422
    assert "email" in response.get_data(as_text=True)


def test_a_form_may_hold_line_breaks_and_tabs(
    caseworker_pages: FlaskClient, backend_app: Flask
) -> None:
    token = csrf(caseworker_pages.get("/cases/new").get_data(as_text=True))
    fields = family_fields() | {"applicant.address.settlement": "м. Київ\t", "_csrf_token": token}
    response = caseworker_pages.post("/cases/new", data=fields, headers=PAGE)
    assert response.status_code == 302, response.get_data(as_text=True)[:500]


@pytest.mark.parametrize("days", [HUGE, "²", "-7", "7\x00"])
def test_a_link_of_a_number_of_days_no_one_offered_is_a_link_of_the_default_days(
    caseworker_pages: FlaskClient, made: dict[str, str], days: str
) -> None:
    address = f"/documents/{made['document']}"
    token = csrf(caseworker_pages.get(address).get_data(as_text=True))
    response = caseworker_pages.post(
        f"{address}/links", data={"days": days, "_csrf_token": token}, headers=PAGE
    )
    assert response.status_code == (422 if "\x00" in days else 302)


@pytest.mark.parametrize(
    "extra",
    [
        {"children.².surname": "Ткач"},
        {"children.1" + "0" * 5000 + ".surname": "Ткач"},
        {"children.20000.surname": "Ткач"},
        {"_action": "remove_child:" + HUGE},
        {"_action": "remove_child:²"},
    ],
    ids=["superscript", "thousands-of-digits", "far-index", "remove-huge", "remove-superscript"],
)
def test_a_form_field_name_of_no_list_item_is_ignored_quickly(
    caseworker_pages: FlaskClient, extra: dict[str, str]
) -> None:
    token = csrf(caseworker_pages.get("/cases/new").get_data(as_text=True))
    started = time.perf_counter()
    response = caseworker_pages.post(
        "/cases/new", data={**family_fields(), **extra, "_csrf_token": token}, headers=PAGE
    )
    assert response.status_code in (200, 302), response.get_data(as_text=True)[:300]
    assert time.perf_counter() - started < 5  # 20,000 blank children took a minute
