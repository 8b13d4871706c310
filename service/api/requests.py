"""Reading JSON request bodies strictly: media type, size, syntax, duplicate keys, depth,
and what no field takes (a NUL, a control character, a lone surrogate, a huge number)."""

from __future__ import annotations

from functools import cache
from typing import Any

from flask import Request, current_app
from marshmallow import Schema, ValidationError

from service.errors import (
    DataValidationError,
    MalformedRequestError,
    PayloadTooLargeError,
    UnsupportedMediaTypeError,
)
from service.i18n import N_
from service.inputs import load_json
from service.schemas.base import flatten_errors

MAX_JSON_DEPTH = 32


class DuplicateKeyError(ValueError):
    """A JSON object has the same key twice (which copy wins is ambiguous)."""


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise DuplicateKeyError(key)
        result[key] = value
    return result


def _depth(value: Any) -> int:
    """Measure nesting depth without recursion (a hostile body could be very deep)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        deepest = max(deepest, level)
        if isinstance(item, dict):
            stack.extend((child, level + 1) for child in item.values())
        elif isinstance(item, list):
            stack.extend((child, level + 1) for child in item)
    return deepest


def parse_json(text: str, *, prefix: str = "", relative_to: str | None = None) -> Any:
    """Parse JSON text strictly: a duplicate key is a DuplicateKeyError, NaN a ValueError.

    A refused string or number is a DataValidationError naming it (`service.inputs`).
    """
    return load_json(text, _reject_duplicates, prefix=prefix, relative_to=relative_to)


def read_json(request: Request, *, relative_to: str | None = None) -> Any:
    """Parse the body as JSON, or raise the matching 400, 413, 415 or 422 problem.

    A field within the key `relative_to` is named relative to it in a 422.
    """
    if request.mimetype != "application/json" and not request.mimetype.endswith("+json"):
        raise UnsupportedMediaTypeError()
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    if request.content_length is not None and request.content_length > limit:
        raise PayloadTooLargeError(limit=limit)
    raw = request.get_data(cache=True)
    if len(raw) > limit:
        raise PayloadTooLargeError(limit=limit)
    try:
        text = raw.decode("utf-8")
        body = parse_json(text, relative_to=relative_to)
    except UnicodeDecodeError:
        raise MalformedRequestError(N_("The request body is not valid UTF-8.")) from None
    except DuplicateKeyError:
        raise MalformedRequestError(N_("A JSON object in the body has a duplicate key.")) from None
    except (ValueError, RecursionError):  # json.JSONDecodeError, NaN or Infinity
        raise MalformedRequestError() from None
    if _depth(body) > MAX_JSON_DEPTH:
        raise MalformedRequestError(N_("The JSON body is nested too deeply."))
    return body


@cache
def _instance(schema: type[Schema]) -> Schema:
    """One instance per schema class: building one cost more than loading a body with it
    (marshmallow 4 keeps no state between loads, so threads may share it)."""
    return schema()


def load_query(request: Request, schema: type[Schema]) -> dict[str, Any]:
    """Load the query string with a marshmallow schema (422 with every error)."""
    try:
        loaded: dict[str, Any] = _instance(schema).load(request.args.to_dict())
    except ValidationError as error:
        raise DataValidationError(flatten_errors(error.messages)) from None
    return loaded


def load_body(
    request: Request, schema: type[Schema], *, relative_to: str | None = None
) -> dict[str, Any]:
    """Read the JSON body and load it with a marshmallow schema (422 with every error)."""
    body = read_json(request, relative_to=relative_to)
    if not isinstance(body, dict):
        raise DataValidationError({"_schema": [N_("Send the request body as a JSON object.")]})
    try:
        loaded: dict[str, Any] = _instance(schema).load(body)
    except ValidationError as error:
        raise DataValidationError(flatten_errors(error.messages)) from None
    return loaded
