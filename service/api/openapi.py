"""The OpenAPI 3.1 document, generated from what each view declares.

`build_openapi(app)` walks `app.url_map`; every view that carries a `@declare(...)`
contract (`service.api.contract`) becomes an operation: its body, query and answers
from the marshmallow schemas it names, its path parameters from the route, and the
errors every such route shares added here (401 and 403 behind a token, 429 outside
the health checks, 400/413/415 for a JSON body, 422 and 500 everywhere: a query
parameter with a NUL is refused on every route).
Every error is `application/problem+json`.

Where a view loads its body in two steps, the document states the second step too:
the render and validate requests are a `oneOf` of one request per template, told apart
by `template`, whose `data` is that template's schema; a case's `data` is the case
schema with nothing required (a case is filled in over days), and its merge patch also
takes null to remove a field; a packet job requires `case_id` and `documents`, a bulk
render `template` and `cases`.

What JSON Schema cannot state is told apart in the answer instead: a request that
breaks the document (a type, a required or unknown key, a length, a range, a choice,
a pattern) is refused as `/problems/validation-error`; one that fits the document but
breaks a rule of the data (a check digit, a date in the future, a field that another
field requires, a name of letters) as `/problems/rule-violation`
(`service.api.problems`). The fuzzer (`tests/security/test_schemathesis.py`) fails
when data the document allows gets the first.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Callable, Iterator
from typing import Any

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import Flask
from marshmallow import Schema, fields, validate
from werkzeug.routing import Rule

from service.access.guard import ALLOWED_ROLES_ATTRIBUTE, PUBLIC
from service.api.contract import (
    CASE_CREATE,
    CASE_PATCH,
    DATABASE_UNAVAILABLE,
    INSTITUTION_PATCH,
    JOB_REQUEST,
    JSON,
    RENDER_REQUEST,
    Answer,
    Contract,
    Problem,
    contract_of,
)
from service.api.jobs import BULK_FIELDS, PACKET_FIELDS
from service.documents import list_templates
from service.documents.describe import build_apispec, schema_name_resolver
from service.errors import PROBLEM_CONTENT_TYPE
from service.schemas.case import CaseSchema
from service.schemas.institutions import InstitutionSchema
from service.schemas.jobs import REQUIRED_BY_KIND, JobRequestSchema
from service.schemas.requests import ProblemSchema, RenderRequestSchema

API_VERSION = "1.0.0"
TITLE = "Paperwork for returned children: render API"
REF = "#/components/schemas/"
METHODS = ("get", "post", "put", "patch", "delete")
# Paths the rate limits skip (service.access.limits.UNLIMITED_PATHS; a test holds them equal).
NOT_RATE_LIMITED = ("/healthz", "/readyz")

RULE_VIOLATION = (
    "`/problems/validation-error`: the request breaks this document (each field named "
    "under `errors`); `/problems/rule-violation`: it fits this document but breaks a rule "
    "of the data that a schema cannot state (a check digit, a date, a field that another "
    "requires), each named under `errors`. Text holding a NUL, a control character (but "
    "TAB, LF and CR) or an unpaired surrogate, and a number of more than 18 digits, are "
    "refused so on every route (service.inputs)"
)
REFUSED_QUERY = (
    "`/problems/rule-violation`: a query parameter holds a NUL, a control character or an "
    "unpaired surrogate (named under `errors`)"
)


def build_openapi(app: Flask) -> dict[str, Any]:
    """Build the application's OpenAPI document (once per application)."""
    document: dict[str, Any] | None = app.extensions.get("openapi")
    if document is None:
        document = make_openapi(app)
        app.extensions["openapi"] = document
    return document


def make_openapi(app: Flask) -> dict[str, Any]:
    """Generate the OpenAPI document from the contracts of the application's views."""
    spec = build_apispec(TITLE, API_VERSION)
    spec.components.schema("Problem", schema=ProblemSchema)
    add_render_requests(spec)
    add_job_requests(spec)
    spec.components.schema("Case", schema=CaseSchema)
    spec.components.schema("Institution", schema=InstitutionSchema)
    paths: dict[str, dict[str, Any]] = {}
    parameters: dict[str, list[dict[str, Any]]] = {}
    for rule in sorted(app.url_map.iter_rules(), key=lambda rule: rule.rule):
        view = app.view_functions.get(rule.endpoint)
        contract = contract_of(view)
        if contract is None:
            continue
        path = openapi_path(rule)
        parameters[path] = [path_parameter(name) for name in sorted(rule.arguments)]
        roles: frozenset[str] = getattr(view, ALLOWED_ROLES_ATTRIBUTE, frozenset({PUBLIC}))
        for method in sorted(method.lower() for method in rule.methods or ()):
            if method in METHODS:
                operation = build_operation(
                    rule, view, contract, path, protected=PUBLIC not in roles
                )
                paths.setdefault(path, {})[method] = operation
    for path in sorted(paths):
        spec.path(path=path, parameters=parameters[path] or None, operations=paths[path])
    document = spec.to_dict()
    schemas = document["components"]["schemas"]
    schemas[CASE_CREATE] = data_envelope(derive(schemas, "Case", "Draft", drop_required))
    schemas[CASE_PATCH] = data_envelope(derive(schemas, "CaseDraft", "Patch", nullable))
    schemas[INSTITUTION_PATCH] = {
        "description": "A JSON merge patch of an institution: null clears a correction",
        "allOf": [{"$ref": REF + derive(schemas, "Institution", "Merge", nullable)}],
    }
    for operations in document["paths"].values():
        for method in METHODS:
            for parameter in operations.get(method, {}).get("parameters", ()):
                drop_null(parameter["schema"])
    document["components"]["securitySchemes"] = {
        "bearer": {"type": "http", "scheme": "bearer", "description": "flask tokens create"}
    }
    return document


def openapi_path(rule: Rule) -> str:
    """Write a Flask route the OpenAPI way: /cases/<case_id> as /cases/{case_id}."""
    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule)


def path_parameter(name: str) -> dict[str, Any]:
    """A path parameter: any text (an unknown one is a 404)."""
    return {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}


def build_operation(
    rule: Rule, view: Any, contract: Contract, path: str, *, protected: bool
) -> dict[str, Any]:
    """One operation: summary, body, query, answers, and every error it may answer."""
    doc = (view.__doc__ or "").strip().splitlines()
    operation: dict[str, Any] = {
        "operationId": rule.endpoint,
        "summary": doc[0] if doc else rule.endpoint,
        "security": [{"bearer": []}] if protected else [],
    }
    if contract.description:
        operation["description"] = contract.description
    if contract.body is not None:
        operation["requestBody"] = {
            "required": True,
            "content": {contract.body_media_type: {"schema": contract.body}},
        }
    if contract.query is not None:
        operation["parameters"] = [{"in": "query", "schema": contract.query}]
    responses: dict[str, Any] = {}
    for answer in contract.answers:
        add_answer(responses, answer)
    for problem in (*contract.problems, *shared_problems(contract, path, protected=protected)):
        add_problem(responses, problem)
    operation["responses"] = dict(sorted(responses.items()))
    return operation


def shared_problems(contract: Contract, path: str, *, protected: bool) -> list[Problem]:
    """The errors a route answers because of what it is: behind a token, with a body, ..."""
    problems = []
    if protected:
        problems += [
            Problem(401, "No valid token"),
            Problem(403, "The token's role may not do this"),
            DATABASE_UNAVAILABLE,
        ]
    if path not in NOT_RATE_LIMITED:
        problems.append(Problem(429, "Too many requests; see Retry-After"))
    if contract.body is not None and contract.body_media_type == JSON:
        problems += [
            Problem(400, "Malformed JSON, a duplicate key, or nested too deeply"),
            Problem(413, "Body over the size limit"),
            Problem(415, "Body is not JSON"),
        ]
    if contract.body is not None or contract.query is not None:
        problems.append(Problem(422, "Invalid data, each field named. " + RULE_VIOLATION))
    else:
        problems.append(Problem(422, REFUSED_QUERY))
    problems.append(Problem(500, "Internal error (nothing internal disclosed)"))
    return problems


def add_answer(responses: dict[str, Any], answer: Answer) -> None:
    """Add a successful answer (its media types side by side under one status)."""
    response = responses.setdefault(str(answer.status), {"description": answer.description})
    if answer.schema is not None:
        content = response.setdefault("content", {})
        for media_type in answer.media_types:
            content[media_type] = {"schema": answer.schema}
    if answer.headers:
        response["headers"] = {name: {"schema": {"type": "string"}} for name in answer.headers}


def add_problem(responses: dict[str, Any], problem: Problem) -> None:
    """Add an error answer as problem+json; a status declared twice names both causes."""
    response = responses.get(str(problem.status))
    if response is None:
        responses[str(problem.status)] = {
            "description": problem.description,
            "content": {PROBLEM_CONTENT_TYPE: {"schema": "Problem"}},
        }
        return
    if problem.description not in response["description"]:
        response["description"] += "; " + problem.description
    response.setdefault("content", {})[PROBLEM_CONTENT_TYPE] = {"schema": "Problem"}


def add_render_requests(spec: APISpec) -> None:
    """The render request: one variant per template, `template` telling which, `data` its schema."""
    envelope = json_schema_of(spec, RenderRequestSchema)
    variants, mapping = [], {}
    for template in list_templates():
        data_name = schema_name_resolver(template.schema)
        spec.components.schema(data_name, schema=template.schema)
        variant = copy.deepcopy(envelope)
        variant["properties"]["template"] = {"type": "string", "const": template.id}
        variant["properties"]["data"] = {
            "$ref": REF + data_name,
            "description": f"The data of {template.id}",
        }
        variant["title"] = template.id
        variant["examples"] = [{"template": template.id, "data": template.load_example()}]
        name = f"{data_name}Request"
        spec.components.schema(name, variant)
        variants.append({"$ref": REF + name})
        mapping[template.id] = REF + name
    spec.components.schema(
        RENDER_REQUEST,
        {
            "description": "Which template, language and format, and the template's data",
            "oneOf": variants,
            "discriminator": {"propertyName": "template", "mapping": mapping},
        },
    )


def add_job_requests(spec: APISpec) -> None:
    """The job request: a packet of a case, or a bulk render of data objects, by `kind`."""
    job = json_schema_of(spec, JobRequestSchema)
    variants, mapping = [], {}
    for kind, names in (("packet", PACKET_FIELDS), ("bulk_render", BULK_FIELDS)):
        properties: dict[str, dict[str, Any]] = {"kind": {"type": "string", "const": kind}}
        for name in (*names, "webhook_url"):
            properties[name] = copy.deepcopy(job["properties"][name])
        for name in REQUIRED_BY_KIND[kind]:
            if properties[name].get("type") == "string":  # an empty one counts as missing
                properties[name]["minLength"] = 1
        name = "PacketJobRequest" if kind == "packet" else "BulkRenderJobRequest"
        spec.components.schema(
            name,
            {
                "type": "object",
                "properties": properties,
                "required": ["kind", *REQUIRED_BY_KIND[kind]],
                "additionalProperties": False,
            },
        )
        variants.append({"$ref": REF + name})
        mapping[kind] = REF + name
    spec.components.schema(
        JOB_REQUEST,
        {"oneOf": variants, "discriminator": {"propertyName": "kind", "mapping": mapping}},
    )


def json_schema_of(spec: APISpec, schema: type[Schema]) -> dict[str, Any]:
    """The JSON Schema apispec makes of a marshmallow schema (nested ones as components)."""
    plugin = spec.plugins[0]
    assert isinstance(plugin, MarshmallowPlugin) and plugin.converter  # noqa: S101 - build_apispec adds it
    # apispec's converter is untyped
    converted: dict[str, Any] = plugin.converter.schema2jsonschema(schema)  # type: ignore[no-untyped-call]
    return converted


def data_envelope(name: str) -> dict[str, Any]:
    """A body {"data": <name>}: the only key, required."""
    return {
        "type": "object",
        "properties": {"data": {"$ref": REF + name}},
        "required": ["data"],
        "additionalProperties": False,
    }


def derive(schemas: dict[str, Any], name: str, suffix: str, change: Change) -> str:
    """Copy a component, and the components it refers to, under `suffix`, changed by `change`.

    `change` changes one component and names the refs within it to follow.
    """
    new = name + suffix
    if new in schemas:
        return new
    schemas[new] = {}  # a placeholder, so a schema that refers to itself ends
    schema = copy.deepcopy(schemas[name])
    for node in change(schema):
        _rename_refs(node, lambda target: derive(schemas, target, suffix, change))
    schemas[new] = schema
    return new


Change = Callable[[dict[str, Any]], list[Any]]


def _rename_refs(node: Any, rename: Callable[[str], str]) -> None:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(REF):
            node["$ref"] = REF + rename(ref.removeprefix(REF))
        for value in node.values():
            _rename_refs(value, rename)
    elif isinstance(node, list):
        for item in node:
            _rename_refs(item, rename)


def drop_null(schema: dict[str, Any]) -> None:
    """A query parameter is absent or text: it is never null."""
    if isinstance(schema.get("type"), list):
        schema["type"] = [kind for kind in schema["type"] if kind != "null"]
        if len(schema["type"]) == 1:
            schema["type"] = schema["type"][0]
    if "default" in schema and schema["default"] is None:
        del schema["default"]
    if "enum" in schema:
        schema["enum"] = [value for value in schema["enum"] if value is not None]


def drop_required(schema: dict[str, Any]) -> list[Any]:
    """Nothing required, at any depth: marshmallow's `partial=True` reaches nested schemas."""
    schema.pop("required", None)
    return [schema]


def nullable(schema: dict[str, Any]) -> list[Any]:
    """A JSON merge patch: a key that may be left out may be null, which removes it.

    Objects merge key by key, so a nested object is a patch too; a list replaces the
    whole list, so what a list holds is checked as it is (its refs are not followed).
    """
    required = set(schema.pop("required", ()))
    properties: dict[str, Any] = schema.get("properties", {})
    merged = []
    for name, value in properties.items():
        for node in (value, *value.get("anyOf", ()), *value.get("allOf", ())):
            if "$ref" in node:
                merged.append(node)
        if name not in required:
            properties[name] = {"anyOf": [value, {"type": "null"}]}
    return merged


# What a field's messages mean that JSON Schema states too: its type, required, null.
STATED_ERRORS = ("required", "null", "invalid", "type", "unknown", "too_long")
STATED_VALIDATORS = (
    validate.Length,
    validate.Range,
    validate.OneOf,
    validate.Regexp,
    validate.Equal,
)
# Said by the views of a body of the wrong shape: not a JSON object, no file sent.
WRONG_SHAPE = (
    "Send the request body as a JSON object.",
    "Send the data as a JSON object.",
    "Send the PDF in the field file.",
)


def breaks_the_document(messages: Iterator[str]) -> bool:
    """Tell whether any message is one the document states: a type, a limit, a choice, ..."""
    stated, patterns = stated_messages()
    return any(
        message in stated or any(pattern.fullmatch(message) for pattern in patterns)
        for message in messages
    )


@functools.cache
def stated_messages() -> tuple[frozenset[str], tuple[re.Pattern[str], ...]]:
    """Every message a breach of what the document states gives, and templates of more.

    They come from the schemas the document is made of: their fields' type, required
    and null messages and those of marshmallow's declarative validators (length, range,
    choice, pattern, equality), all of which apispec writes into the document.
    """
    roots = [template.schema for template in list_templates()]
    roots += [schema for schema in _subclasses(Schema) if schema.__module__.startswith("service.")]
    messages: set[str] = set(WRONG_SHAPE)
    templates: set[str] = set()
    for field in _fields_of(roots):
        messages.update(
            str(field.error_messages[key]) for key in STATED_ERRORS if key in field.error_messages
        )
        for validator in field.validators:
            if isinstance(validator, STATED_VALIDATORS):
                templates.update(_validator_messages(validator))
    messages.update(str(message) for message in Schema().error_messages.values())
    patterns = tuple(
        re.compile(re.sub(r"\\\{[^}]*\\\}", ".+", re.escape(text))) for text in templates
    )
    return frozenset(messages | templates), patterns


def _subclasses(cls: type[Schema]) -> Iterator[type[Schema]]:
    for subclass in cls.__subclasses__():
        yield subclass
        yield from _subclasses(subclass)


def _validator_messages(validator: validate.Validator) -> list[str]:
    custom = getattr(validator, "error", None)
    if custom:
        return [str(custom)]
    names = ("default_message", "message_min", "message_max", "message_all", "message_equal")
    return [str(getattr(validator, name)) for name in names if hasattr(validator, name)]


def _fields_of(roots: list[type[Schema]]) -> Iterator[fields.Field[Any]]:
    seen: set[type[Schema]] = set()
    stack: list[Any] = [root() for root in roots]
    while stack:
        item = stack.pop()
        if isinstance(item, Schema):
            if type(item) in seen:
                continue
            seen.add(type(item))
            stack.extend(item.fields.values())
            continue
        yield item
        if isinstance(item, fields.Nested) and isinstance(item.schema, Schema):
            stack.append(item.schema)
        elif isinstance(item, fields.List):
            stack.append(item.inner)
        elif isinstance(item, fields.Dict) and item.value_field is not None:
            stack.append(item.value_field)
