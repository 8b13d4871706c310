"""The API held to its generated OpenAPI document by a fuzzer (schemathesis).

Every operation gets generated requests, valid (positive) and invalid (negative). No
answer may be a 5xx; every answer must match the document (status, content type,
headers, body); a request the document allows must not be refused for breaking the
document; and one the document refuses must not be served (so the document is no
stricter than the server either).

The server tells two kinds of 422 apart (`service.api.openapi`): `validation-error`
says the request breaks the document, and is a failure here for positive data;
`rule-violation` says it fits the document but breaks a rule of the data that JSON
Schema cannot state (a check digit, a date in the future, a field that another
requires, a name of letters), which the document lists as a 422 of its own. Random ids
name nothing, so 404 (and 409/410 where documented) are accepted too.

It runs on SQLite and on PostgreSQL, which refuses what SQLite stores (a NUL in text).
Now and then a generated path parameter, query parameter or JSON string gets a character
no field takes (a NUL, a control character, in a body a lone surrogate: the generator
makes none of these by itself), and every path and query parameter of every operation
is sent with one too (`test_refused_characters_in_addresses_answer_by_the_document`).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from service.api import api_blueprint
from service.api.openapi import breaks_the_document, build_openapi
from service.health import health_blueprint
from service.public import verification_pages

JSON = "application/json"
# Statuses that positive data may get: nothing by that id, or a state that forbids it.
NOT_THERE = {404, 409, 410}
RULE_VIOLATION = "/problems/rule-violation"


def routes_only() -> Flask:
    """The service's routes without its parts: all the document is generated from."""
    app = Flask(__name__)
    for blueprint in (health_blueprint, api_blueprint, verification_pages):
        app.register_blueprint(blueprint)
    return app


def positive_data_is_accepted(
    ctx: object, response: schemathesis.Response, case: schemathesis.Case
) -> None:
    """A request the document allows is served, or refused only for a rule beyond it."""
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive:
        return
    status = response.status_code
    if status < 400 or status in NOT_THERE:
        return
    problem = json.loads(response.content) if response.content else {}
    if status == 422 and problem.get("type") == RULE_VIOLATION:
        return
    errors = {  # those that say the request broke the document
        path: stated
        for path, texts in problem.get("errors", {}).items()
        if (stated := [text["en"] for text in texts if breaks_the_document(iter([text["en"]]))])
    }
    if errors and all(whole_float(case.body, path) for path in errors):
        return
    raise AssertionError(
        f"The document allows this request, but the server answered {status} "
        f"{problem.get('type')}: {errors or problem.get('detail')}"
    )


def whole_float(body: Any, path: str) -> bool:
    """Whether the body holds a number like 27.0 at an error's path (in `data`, or itself).

    JSON Schema counts 27.0 as the integer 27, and schemathesis sends it for `integer`;
    the one strict integer of the schemas (a gestational age in weeks) takes 27 only.
    The document cannot state that, so such a refusal is not counted against it.
    """
    for root in (body, body.get("data") if isinstance(body, dict) else None):
        value = root
        for key in path.split("."):
            if isinstance(value, dict):
                value = value.get(key)
            elif isinstance(value, list) and key.isdigit() and int(key) < len(value):
                value = value[int(key)]
            else:
                value = None
        if isinstance(value, float) and value.is_integer():
            return True
    return False


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    positive_data_is_accepted,
    negative_data_rejection,
]


# Characters no field takes (service.inputs). A lone surrogate has no UTF-8 form, so it
# cannot be put in an address; in a JSON body it travels as an escape (\ud800).
IN_ADDRESSES = ("\x00", "\x01", "\x1b", "\x7f", "\x85", "\x9f")
IN_BODIES = (*IN_ADDRESSES, "\ud800", "\udfff")
Place = tuple[str | int, ...]


def string_places(value: Any, place: Place = ()) -> Iterator[Place]:
    """Where the strings of a generated value are: a path of keys and indexes to each."""
    if isinstance(value, str):
        yield place
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from string_places(child, (*place, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from string_places(child, (*place, index))


def put_character(value: Any, place: Place, character: str) -> Any:
    """A copy of the value with the character put into the middle of the string at `place`."""
    if not place:
        middle = len(value) // 2
        return value[:middle] + character + value[middle:]
    copied = copy.copy(value)
    copied[place[0]] = put_character(value[place[0]], place[1:], character)
    return copied


def sprinkled(characters: tuple[str, ...]) -> Any:
    """A flatmap hook: the value as generated, or one time in four with a refused character.

    A form upload (multipart) is text on the wire like an address, so a lone surrogate,
    which has no UTF-8 form, goes into JSON bodies only.
    """

    def hook(ctx: object, value: Any) -> st.SearchStrategy[Any]:
        places = list(string_places(value))
        if not places:
            return st.just(value)
        allowed = characters if sends_json(ctx) else IN_ADDRESSES
        return st.tuples(st.integers(0, 3), st.sampled_from(places), st.sampled_from(allowed)).map(
            lambda drawn: value if drawn[0] else put_character(value, drawn[1], drawn[2])
        )

    return hook


def sends_json(ctx: object) -> bool:
    """Whether the operation being generated takes a JSON body (else a form or nothing)."""
    operation = getattr(ctx, "operation", None)
    bodies = getattr(operation, "body", None) or []
    return not any("multipart" in getattr(body, "media_type", "") for body in bodies)


def load_schema(*, phases: list[str]) -> schemathesis.BaseSchema:
    """The document as schemathesis reads it: valid and invalid data, in the phases named."""
    schema = schemathesis.openapi.from_dict(build_openapi(routes_only()))
    schema.hook("flatmap_path_parameters")(sprinkled(IN_ADDRESSES))
    schema.hook("flatmap_query")(sprinkled(IN_ADDRESSES))
    schema.hook("flatmap_body")(sprinkled(IN_BODIES))
    # Every request carries an admin's token (call_and_check), so a negative case that
    # drops or mangles the Authorization header would be served and wrongly counted as
    # accepted negative data; tokens and roles are tested in tests/security/test_access.py.
    schema.config.generation.update(
        modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE], with_security_parameters=False
    )
    schema.config.phases.update(phases=phases)
    return schema


# The coverage phase sends every boundary the document states (page 100000 and 100001,
# a string at its maxLength and one past it, each enum value, each required key left
# out); for the render request, one per template, it would run for minutes, so the
# render and validate bodies get the fuzzing phase alone.
TEMPLATE_DATA = "^/api/v1/(render|validate)$"
every_other = load_schema(phases=["examples", "coverage", "fuzzing"]).exclude(
    path_regex=TEMPLATE_DATA
)
template_data = load_schema(phases=["examples", "fuzzing"]).include(path_regex=TEMPLATE_DATA)
# Bounded so that the fuzzer adds about two minutes to `make test` on both databases.
BOUNDS = {
    "deadline": None,
    "suppress_health_check": list(HealthCheck),
    "database": None,
    "phases": [Phase.explicit, Phase.generate],
}


def call_and_check(case: schemathesis.Case, app: Flask) -> None:
    """Send the case as an admin (who may call every operation) and run every check."""
    token = app.config["TEST_TOKENS"]["admin"]
    case.call_and_validate(app=app, headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)


@every_other.parametrize()
@settings(max_examples=10, **BOUNDS)
def test_api_conforms_to_its_openapi_document(case: schemathesis.Case, backend_app: Flask) -> None:
    call_and_check(case, backend_app)


@template_data.parametrize()
@settings(max_examples=30, **BOUNDS)
def test_render_and_validate_conform_to_the_openapi_document(
    case: schemathesis.Case, backend_app: Flask
) -> None:
    call_and_check(case, backend_app)


DOCUMENT = schemathesis.openapi.from_dict(build_openapi(routes_only()))
OPERATIONS = sorted(
    (path, method.upper())
    for path, operations in DOCUMENT.raw_schema["paths"].items()
    for method in operations
    if method != "parameters"
)
# What a required query parameter is, when another one carries the refused character.
PLAIN_QUERY = {"q": "м. Київ", "template": "identity.birth_fact_court_application"}


@pytest.mark.parametrize(
    ("path", "method"), OPERATIONS, ids=[f"{method} {path}" for path, method in OPERATIONS]
)
def test_refused_characters_in_addresses_answer_by_the_document(
    backend_app: Flask, path: str, method: str
) -> None:
    """Each path and query parameter with a NUL, an ESC and a C1 control; a JSON body with a
    lone surrogate and a NUL."""
    operation = DOCUMENT[path][method]
    raw = operation.definition.raw
    names = [
        (parameter["in"], parameter["name"])
        for parameter in [
            *DOCUMENT.raw_schema["paths"][path].get("parameters", ()),
            *raw.get("parameters", ()),
        ]
        if parameter["in"] in ("path", "query")
    ]
    path_names = [name for where, name in names if where == "path"]
    required = {
        parameter["name"]: PLAIN_QUERY.get(parameter["name"], "1")
        for parameter in raw.get("parameters", ())
        if parameter["in"] == "query" and parameter.get("required")
    }
    for where, name in names:
        for character in ("\x00", "\x1b", "\x85"):
            hostile = f"0123abcd{character}"
            path_parameters = {other: "0123abcd" for other in path_names}
            query = dict(required)
            (path_parameters if where == "path" else query)[name] = hostile
            case = operation.Case(path_parameters=path_parameters, query=query or None)
            call_and_check(case, backend_app)
    if JSON in raw.get("requestBody", {}).get("content", {}):
        for character in ("\ud800", "\x00"):
            case = operation.Case(
                path_parameters={name: "0123abcd" for name in path_names},
                query=required or None,
                body={"data": {"note": f"a{character}"}, f"key{character}": 1},
                media_type=JSON,
            )
            call_and_check(case, backend_app)


def test_the_fuzzer_finds_a_cap_the_document_leaves_out(app: Flask) -> None:
    document = copy.deepcopy(build_openapi(routes_only()))
    for parameter in document["paths"]["/api/v1/cases"]["get"]["parameters"]:
        parameter["schema"].pop("maximum", None)  # the server still caps page and per_page
    operation = schemathesis.openapi.from_dict(document)["/api/v1/cases"]["GET"]
    found: list[str] = []

    @settings(max_examples=60, **BOUNDS)
    @given(operation.as_strategy(generation_mode=GenerationMode.POSITIVE))
    def send(case: schemathesis.Case) -> None:
        try:
            call_and_check(case, app)
        except FailureGroup as failure:
            found.append(str(failure))

    send()
    assert found, "the fuzzer missed a cap that the document leaves out"
    assert "validation-error" in found[0] and "page" in found[0]
