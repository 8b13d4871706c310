"""Each person of a case once: the roles point at people, and old cases are brought over.

A case holds its adults once: `mother`, `father`, and `people` (relatives, an escort, a
guardian: each with an `id` and a `relation` to the children). The roles a document
names are references: `applicant` and `legal_representative` are `{"person": "mother"}`,
`{"person": "father"}` or `{"person": "<an id of people>"}`, plus what belongs to the
role alone (the legal representative's authority document, a guardian's appointment).

Cases stored before (version 1) held the applicant and the legal representative as
whole persons, often the mother typed three times. `upgrade_case_data` turns that shape
into this one (a person already in the case is merged into, not repeated); it runs on
every read of a stored case and on every case the API receives, so old clients go on
working. Pure functions of JSON data: no schema is loaded here.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from service.errors import DataValidationError
from service.i18n import N_

PARENTS = ("mother", "father")
ROLES = ("applicant", "legal_representative")
# What belongs to a role, not to the person who holds it.
ROLE_FIELDS: dict[str, tuple[str, ...]] = {
    "applicant": (),
    "legal_representative": ("authority_document", "appointment"),
}
# What a parent's record holds that is no part of the person a role names.
PARENT_ONLY = ("pregnant", "expected_due_date", "status", "details")
# The fields that tell two records apart: a record differing in one is another person.
IDENTITY = ("surname", "given_name", "patronymic", "sex", "birth_date", "rnokpp", "unzr")
PERSON_ID_PREFIX = "person"

ROLE_WITH_DETAILS = N_(
    "The role names a person of the case: change that person's details under mother, father"
    " or people. To name someone else, send person null with the new person's details."
)
UNKNOWN_PERSON = N_("The case has no such person: choose the mother, the father or one of people.")


def find_person(data: Mapping[str, Any], ref: Any) -> tuple[str, dict[str, Any]] | None:
    """The form path and the record of the person a reference names, or None."""
    if not isinstance(ref, str):
        return None
    if ref in PARENTS:
        person = data.get(ref)
        return (ref, person) if isinstance(person, dict) else None
    for index, person in enumerate(data.get("people") or []):
        if isinstance(person, dict) and person.get("id") == ref:
            return f"people.{index}", person
    return None


def role_person_path(data: Mapping[str, Any], role: str) -> str | None:
    """The form path of the person who holds a role ("mother", "people.1"), or None."""
    value = data.get(role)
    found = find_person(data, value.get("person")) if isinstance(value, Mapping) else None
    return found[0] if found else None


def resolve_role(data: Mapping[str, Any], role: str) -> dict[str, Any] | None:
    """A role as the documents take it: the person's details, the relation, the role's own."""
    value = data.get(role)
    if not isinstance(value, Mapping):
        return None
    if "person" not in value:  # not upgraded (never stored so): as given
        return dict(value)
    found = find_person(data, value.get("person"))
    if found is None:
        return None
    path, person = found
    resolved = {
        key: copy.deepcopy(item)
        for key, item in person.items()
        if key not in ("id", *PARENT_ONLY) and item is not None
    }
    if path in PARENTS:
        resolved["relation"] = path
    resolved.update({key: copy.deepcopy(value[key]) for key in ROLE_FIELDS[role] if key in value})
    return resolved


def resolve_roles(data: Mapping[str, Any]) -> dict[str, Any]:
    """A case's data with each role filled with its person (a role naming no one is left out)."""
    resolved = dict(data)
    for role in ROLES:
        person = resolve_role(data, role)
        if person is None:
            resolved.pop(role, None)
        else:
            resolved[role] = person
    return resolved


def _compatible(one: Mapping[str, Any], other: Mapping[str, Any]) -> bool:
    """Whether two records can be one person: no field both give differs."""
    return all(one[key] == other[key] for key in one.keys() & other.keys() if key != "id")


def _same_name(one: Mapping[str, Any], other: Mapping[str, Any]) -> bool:
    return all(one.get(key) == other.get(key) for key in ("surname", "given_name", "birth_date"))


def _new_person_id(data: Mapping[str, Any]) -> str:
    people = data.get("people") or []
    taken = {str(person.get("id")) for person in people if isinstance(person, dict)}
    number = 1
    while f"{PERSON_ID_PREFIX}{number}" in taken:
        number += 1
    return f"{PERSON_ID_PREFIX}{number}"


def _place(data: dict[str, Any], person: dict[str, Any], relation: Any) -> str:
    """Where an old role's person goes: merged into a parent or one of people, else new."""
    if relation in PARENTS:
        parent = data.get(relation)
        if not isinstance(parent, dict):
            data[relation] = person
            return str(relation)
        if _compatible(parent, person):
            parent.update({key: item for key, item in person.items() if key not in parent})
            return str(relation)
    people = data.setdefault("people", [])
    for existing in people:
        if (
            isinstance(existing, dict)
            and _same_name(existing, person)
            and _compatible(existing, {**person, "relation": relation})
        ):
            existing.update({key: item for key, item in person.items() if key not in existing})
            if relation and not existing.get("relation"):
                existing["relation"] = relation
            return str(existing.get("id"))
    new_id = _new_person_id(data)
    entry = {"id": new_id, **person}
    if relation:
        entry["relation"] = relation
    people.append(entry)
    return new_id


def upgrade_case_data(data: Any) -> Any:
    """Bring case data of the old shape (whole persons in the roles) to the people shape.

    A role given as a person (no `person` key) becomes a reference: to the mother or the
    father when its relation says so and nothing the two records both give differs, to one
    of `people` of the same name, or to a new entry of `people`. Data of the new shape
    comes back unchanged; anything else (not an object) is left for the schema to refuse.
    """
    if not isinstance(data, Mapping):
        return data
    upgraded = copy.deepcopy(dict(data))
    for role in ROLES:
        value = upgraded.get(role)
        if not isinstance(value, dict):
            continue
        if "person" in value:
            extra = set(value) - {"person", *ROLE_FIELDS[role]}
            if extra:
                raise DataValidationError({f"data.{role}": [ROLE_WITH_DETAILS]})
            continue
        if not isinstance(upgraded.get("people", []), list):
            continue  # no place for the person: the schema refuses both
        own = {key: value.pop(key) for key in ROLE_FIELDS[role] if key in value}
        relation = value.pop("relation", None)
        person = {key: item for key, item in value.items() if item is not None}
        if not person and relation is None:
            upgraded[role] = own or None
            if not own:
                upgraded.pop(role)
            continue
        upgraded[role] = {"person": _place(upgraded, person, relation), **own}
    _children_by_id(upgraded)
    return upgraded


def _children_by_id(data: dict[str, Any]) -> None:
    """Other children typed into a document's data (the IDP application) become the case's.

    Each is named by the id of the case's child of the same name and birth date; one the
    case lacks joins its children (with no situation told, the plan gives it no steps).
    """
    template_data = data.get("template_data")
    if not isinstance(template_data, dict):
        return  # left for the schema to refuse
    for values in template_data.values():
        listed = values.get("other_children") if isinstance(values, dict) else None
        if not isinstance(listed, list) or all(isinstance(item, str) for item in listed):
            continue
        children = data.setdefault("children", [])
        if not isinstance(children, list):
            return
        ids: list[Any] = []
        for item in listed:
            if not isinstance(item, dict):
                ids.append(item)
                continue
            same = next((c for c in children if isinstance(c, dict) and _same_name(c, item)), None)
            if same is None or not same.get("id"):
                taken = {str(c.get("id")) for c in children if isinstance(c, dict)}
                number = 1
                while f"sibling{number}" in taken:
                    number += 1
                same = {"id": f"sibling{number}", **item}
                children.append(same)
            ids.append(same["id"])
        values["other_children"] = ids


def people_references(data: Mapping[str, Any]) -> list[tuple[str, Any]]:
    """Every (role, reference) of a case's data, to check that each names a person."""
    return [
        (role, value.get("person"))
        for role in ROLES
        if isinstance(value := data.get(role), Mapping) and "person" in value
    ]


def drop_person(data: Mapping[str, Any], ref: str) -> dict[str, Any]:
    """A case's data without one adult (a parent or one of people) and the roles naming them."""
    remaining = dict(data)
    if ref in PARENTS:
        remaining.pop(ref, None)
    else:
        remaining["people"] = [
            person
            for person in remaining.get("people") or []
            if not (isinstance(person, dict) and person.get("id") == ref)
        ]
        if not remaining["people"]:
            remaining.pop("people")
    for role in ROLES:
        value = remaining.get(role)
        if isinstance(value, Mapping) and value.get("person") == ref:
            remaining.pop(role)
    return remaining


__all__ = [
    "PARENTS",
    "ROLES",
    "UNKNOWN_PERSON",
    "drop_person",
    "find_person",
    "people_references",
    "resolve_role",
    "resolve_roles",
    "role_person_path",
    "upgrade_case_data",
]
