"""Each person once on the case form: the roles are a choice of the case's people.

The form asks the mother, the father and the other adults (`people`) once; the applicant
and the legal representative are a select of them ("the applicant is the mother"). An
adult added to `people` gets an id when the form is drawn, so a role can name them in
the same save. The IDP application's other children are ticked from the case's children.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from service.i18n import N_
from service.schemas.people import PARENTS, ROLES, find_person
from service.web.forms import FormField, FormGroup, field_label

PEOPLE = "people"
PERSON_PREFIX = "person"
IDP = "identity.idp_registration_application"
NO_ONE_YET = N_("(not named yet)")


def name_of(person: Any) -> str:
    """A person's name as typed (surname, given name, patronymic), or ""."""
    if not isinstance(person, Mapping):
        return ""
    return " ".join(
        str(person[key]) for key in ("surname", "given_name", "patronymic") if person.get(key)
    )


def with_person_ids(values: Mapping[str, Any], size: int) -> dict[str, Any]:
    """The form's values with an id for each of `size` adults of people (new ones get one)."""
    filled = copy.deepcopy(dict(values))
    people = [p if isinstance(p, dict) else {} for p in filled.get(PEOPLE) or []]
    while len(people) < size:
        people.append({})
    taken = {p.get("id") for p in people}
    number = 1
    for person in people:
        if not person.get("id"):
            while f"{PERSON_PREFIX}{number}" in taken:
                number += 1
            person["id"] = f"{PERSON_PREFIX}{number}"
            taken.add(person["id"])
    if people:
        filled[PEOPLE] = people
    return filled


def role_choices(
    values: Mapping[str, Any], translate: Callable[[str], str]
) -> list[tuple[str, str]]:
    """Whom a role may name: the mother, the father, each adult of people (with names)."""
    choices = []
    for parent in PARENTS:
        name = name_of(values.get(parent))
        label = field_label(parent, translate)
        choices.append((parent, f"{label}: {name}" if name else label))
    for index, person in enumerate(values.get(PEOPLE) or []):
        if isinstance(person, Mapping) and person.get("id"):
            label = translate(N_("Other person %(number)s")).replace("%(number)s", str(index + 1))
            name = name_of(person) or translate(NO_ONE_YET)
            choices.append((str(person["id"]), f"{label}: {name}"))
    return choices


def offer_people(
    items: Sequence[FormField | FormGroup],
    values: Mapping[str, Any],
    translate: Callable[[str], str],
) -> None:
    """Make each role's `person` a select of the case's people."""
    choices = role_choices(values, translate)
    for item in items:
        if isinstance(item, FormGroup) and item.path in ROLES:
            for inner in item.items:
                if isinstance(inner, FormField) and inner.path == f"{item.path}.person":
                    inner.kind = "select"
                    inner.label = translate(N_("Who it is"))
                    inner.choices = choices
                    inner.max_length = None


def drop_blank_people(data: dict[str, Any]) -> dict[str, Any]:
    """Posted data without the adults of people that have nothing but the id the form gave."""
    named = {value.get("person") for role in ROLES if isinstance(value := data.get(role), Mapping)}
    people = [
        person
        for person in data.get(PEOPLE) or []
        if isinstance(person, Mapping) and (set(person) - {"id"} or person.get("id") in named)
    ]
    if people:
        data[PEOPLE] = people
    else:
        data.pop(PEOPLE, None)
    return data


def other_children_field(
    case_data: Mapping[str, Any],
    values: Mapping[str, Any],
    errors: Mapping[str, list[str]],
    translate: Callable[[str], str],
) -> FormField:
    """The IDP application's other children: ticked from the case's children, not retyped."""
    chosen = [item for item in values.get("other_children") or [] if isinstance(item, str)]
    children = [
        (str(child["id"]), name_of(child) or translate(NO_ONE_YET))
        for child in case_data.get("children") or []
        if child.get("id")
    ]
    return FormField(
        "other_children",
        translate(N_("Brothers and sisters registered in the same application")),
        "checkboxes",
        False,
        chosen,
        list(errors.get("other_children", [])),
        children,
        hint=translate(
            N_(
                "Their details are taken from the case. The application's own child is left"
                " out of the list by itself."
            )
        ),
    )


__all__ = [
    "IDP",
    "drop_blank_people",
    "offer_people",
    "other_children_field",
    "role_choices",
    "with_person_ids",
]


CERTIFICATES = ("birth_certificate", "occupation_birth_certificate")
REPRESENTATIVE_PAPERS = ("authority_document", "appointment")


def case_form_path(
    case_data: Mapping[str, Any], template_id: str, person: str, path: str
) -> str | None:
    """Where on the case form a document's missing field is filled in, or None (the
    document's own data page): the child's, the mother's, or the person a role names."""
    head, _, rest = path.partition(".")
    if head in ("child", "patient"):
        return f"mother.{rest}" if person == "mother" else _child_path(case_data, person, rest)
    if head in CERTIFICATES:  # the ID card application's certificate is the child's
        return _child_path(case_data, person, path)
    if head in ROLES:
        return _role_path(case_data, head, rest)
    if head == "other_children":
        chosen = ((case_data.get("template_data") or {}).get(template_id) or {}).get(head) or []
        listed = [item for item in chosen if isinstance(item, str) and item != person]
        index_text, _, tail = rest.partition(".")
        if index_text.isdigit() and int(index_text) < len(listed):
            return _child_path(case_data, listed[int(index_text)], tail)
        return None
    return path if head in ("mother", "father", "circumstances") else None


def _child_path(case_data: Mapping[str, Any], child_id: Any, tail: str) -> str:
    children = [child.get("id") for child in case_data.get("children") or []]
    index = children.index(child_id) if child_id in children else 0
    return ".".join(part for part in (f"children.{index}", tail) if part)


def _role_path(case_data: Mapping[str, Any], role: str, rest: str) -> str:
    """A role's field: the role's own papers, else the field of the person it names."""
    value = case_data.get(role)
    found = find_person(case_data, value.get("person")) if isinstance(value, Mapping) else None
    field = rest.split(".", 1)[0]
    if field in REPRESENTATIVE_PAPERS:
        return f"{role}.{rest}"
    if not rest or found is None or (field == "relation" and found[0] in PARENTS):
        return f"{role}.person"
    return f"{found[0]}.{rest}"
