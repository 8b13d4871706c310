"""Organisations given by reference: `{"institution_id": "..."}` becomes the directory's entry.

A pure function over the JSON of a document's data (no Flask, no database): the caller
passes `lookup`, which knows the organisation's directory. It runs before the data is
hashed and validated, so a document prints, and is identified by, the institution as
it is when the document is made.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from service.errors import DataValidationError
from service.i18n import N_

REFERENCE_KEY = "institution_id"
UNKNOWN_INSTITUTION = N_("There is no institution with this id in the directory.")

InstitutionLookup = Callable[[str], Mapping[str, Any] | None]


def is_reference(value: Any) -> bool:
    """Whether a JSON value is an organisation given only by its institution's id."""
    return (
        isinstance(value, Mapping) and len(value) == 1 and isinstance(value.get(REFERENCE_KEY), str)
    )


def _names_an_institution(data: Any) -> bool:
    """Whether any object in the data has an `institution_id` key (without copying it)."""
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, Mapping):
            if REFERENCE_KEY in value:
                return True
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return False


def resolve_institution_references(data: Any, lookup: InstitutionLookup) -> Any:
    """Replace every `{"institution_id": id}` alone by the institution (a new object;
    data that names no institution by id comes back as it is).

    The replacement holds `institution_id`, `name`, the corrections the institution has
    (`name_dative`, `name_genitive`, `name_en`; absent when not corrected, so the
    document derives them) and `address`. Unknown ids raise one DataValidationError
    naming each (`court.institution_id`).
    """
    if not _names_an_institution(data):
        return data
    errors: dict[str, list[str]] = {}
    found: dict[str, Mapping[str, Any] | None] = {}

    def resolve(value: Any, path: str) -> Any:
        if is_reference(value):
            institution_id = value[REFERENCE_KEY]
            if institution_id not in found:
                found[institution_id] = lookup(institution_id)
            entry = found[institution_id]
            if entry is None:
                errors[f"{path}{REFERENCE_KEY}"] = [UNKNOWN_INSTITUTION]
                return dict(value)
            return {REFERENCE_KEY: institution_id, **dict(entry)}
        if isinstance(value, Mapping):
            return {key: resolve(item, f"{path}{key}.") for key, item in value.items()}
        if isinstance(value, list):
            return [resolve(item, f"{path}{index}.") for index, item in enumerate(value)]
        return value

    resolved = resolve(data, "")
    if errors:
        raise DataValidationError(errors)
    return resolved
