"""What a request may carry: text without NUL, control characters or unpaired surrogates,
and numbers of a bounded size.

One guard for every route, before a view or the database sees the request
(`init_app`): PostgreSQL refuses a NUL in text, a lone surrogate has no UTF-8 form,
other control characters are nothing a person types, and Python refuses to read an
integer of thousands of digits. So:

- a path parameter (an id) holding such a character names nothing: the view gets it
  with each one replaced by U+FFFD, as Werkzeug already does for bytes that are not
  UTF-8, and answers its own "not found" (the 404 of its kind, a page or a problem);
- a query string or a form holding one is refused as a 422 naming the parameter;
- a JSON body is read by `load_json`, which refuses both (422, each field named).

TAB, LF and CR pass: free text may hold lines, and the schemas refuse them where a
value is one line.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask, request

from service.errors import DataValidationError
from service.i18n import N_, Message

# C0 controls but TAB, LF and CR; DEL; C1 controls; surrogates (paired ones are joined
# into one character by every decoder, so one found here is unpaired).
REFUSED_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
# 18 digits fit a 64-bit integer with room; no field takes more, and reading thousands
# is what Python refuses (its int-str limit) and takes quadratic time for.
MAX_INTEGER_DIGITS = 18
# A body of a million bad strings is told about its first hundred.
MAX_REPORTED = 100
# The pages' forms; a multipart body is a file upload, read (and size-checked) by its view.
FORM_TYPE = "application/x-www-form-urlencoded"

REFUSED_TEXT = N_(
    "This value holds a character that is not allowed "
    "(NUL, a control character or an unpaired surrogate)."
)
REFUSED_NUMBER = N_("This number is too large: at most %(digits)s digits.")


class OversizedNumber(str):
    """A JSON number too large to read; `load_json` reports it where it stands."""


def holds_refused_character(text: str) -> bool:
    """Whether text holds a NUL, another control character (but TAB, LF, CR) or a surrogate."""
    return REFUSED_CHARACTER.search(text) is not None


def shown(text: str) -> str:
    """Text safe to echo in an answer: each refused character written as an escape."""
    return REFUSED_CHARACTER.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def read_integer(text: str) -> int | OversizedNumber:
    """Read a JSON integer, unless it has more digits than any field takes."""
    if len(text.lstrip("-")) > MAX_INTEGER_DIGITS:
        return OversizedNumber(text)
    return int(text)


def read_float(text: str) -> float | OversizedNumber:
    """Read a JSON fraction, unless it is beyond what a float holds (1e999)."""
    value = float(text)
    return value if math.isfinite(value) else OversizedNumber(text)


def refuse_constant(name: str) -> None:
    """NaN and Infinity are not JSON (Python's reader takes them unless told not to)."""
    raise ValueError(name)


def load_json(
    text: str,
    object_pairs_hook: Callable[[list[tuple[str, Any]]], Any],
    *,
    prefix: str = "",
    relative_to: str | None = None,
) -> Any:
    """Parse JSON text; raise DataValidationError naming each refused string or number.

    Each is named by its path under `prefix`; within the key `relative_to`, relative to
    it (the render request names the fields of its `data` as the template's checks do).
    Syntax errors are the caller's (json.JSONDecodeError, ValueError for NaN).
    """
    value = json.loads(
        text,
        object_pairs_hook=object_pairs_hook,
        parse_int=read_integer,
        parse_float=read_float,
        parse_constant=refuse_constant,
    )
    errors = find_refused_json(value, prefix)
    if relative_to is not None:
        errors = {path.removeprefix(f"{relative_to}."): texts for path, texts in errors.items()}
    if errors:
        raise DataValidationError(errors)
    return value


def find_refused_json(value: Any, prefix: str = "") -> dict[str, list[str]]:
    """Map the path of each refused string, key or number of a parsed body to its message."""
    errors: dict[str, list[str]] = {}
    stack: list[tuple[Any, str]] = [(value, prefix)]
    while stack and len(errors) < MAX_REPORTED:
        item, path = stack.pop()
        if isinstance(item, OversizedNumber):
            errors[path or "_schema"] = [Message(REFUSED_NUMBER, digits=MAX_INTEGER_DIGITS)]
        elif isinstance(item, str):
            if holds_refused_character(item):
                errors[path or "_schema"] = [REFUSED_TEXT]
        elif isinstance(item, dict):
            for key, child in reversed(item.items()):
                child_path = f"{path}.{shown(key)}" if path else shown(key)
                if holds_refused_character(key):
                    errors[child_path] = [REFUSED_TEXT]
                else:
                    stack.append((child, child_path))
        elif isinstance(item, list):
            stack.extend(
                (child, f"{path}.{index}" if path else str(index))
                for index, child in reversed(list(enumerate(item)))
            )
    return errors


def find_refused_fields(pairs: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """Map each query or form parameter whose name or value holds a refused character."""
    errors: dict[str, list[str]] = {}
    for name, value in pairs:
        if holds_refused_character(name) or holds_refused_character(value):
            errors.setdefault(shown(name), [REFUSED_TEXT])
            if len(errors) == MAX_REPORTED:
                break
    return errors


def check_request() -> None:
    """Neutralise refused characters in path parameters; refuse them in the query or a form."""
    if request.routing_exception is not None:
        return  # an unknown address or method answers as such
    if request.view_args:
        for name, value in request.view_args.items():
            if isinstance(value, str) and holds_refused_character(value):
                request.view_args[name] = REFUSED_CHARACTER.sub("\ufffd", value)
    pairs = list(request.args.items(multi=True))
    if request.mimetype == FORM_TYPE:
        pairs += request.form.items(multi=True)
    errors = find_refused_fields(pairs)
    if errors:
        raise DataValidationError(errors)


def init_app(app: Flask) -> None:
    """Check every request before any other part of the application reads it."""
    app.before_request(check_request)
