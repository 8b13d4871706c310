"""Organisation fields of the case and document forms offer the directory of institutions.

Each organisation (a court, an authority, a facility) gets a select of the directory
beside its typed fields, and the directory's names while typing the name; a body not in
the directory is typed as before. A choice is kept as a reference (`{"institution_id"}`)
that becomes the institution, as the directory has it, when a document is made.

A court, a registry office or a children's service typed on a document's data page is
added to the directory when the page is saved (and the page then refers to it), so the
next case offers it. Other organisations (who issued a certificate, a hospital, an
interested party) may be bodies of the occupiers and are never added.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from service.documents.references import REFERENCE_KEY, resolve_institution_references
from service.i18n import N_
from service.web.forms import FormField, FormGroup

DIRECTORY_LIST = "institutions"
# The organisation fields whose name says what kind of public body they hold.
REMEMBERED_KINDS = {
    "court": "court",
    "registry_office": "civil_registry",
    "children_service": "children_service",
}
# What of a typed organisation the directory keeps.
REMEMBERED_FIELDS = ("name", "name_dative", "name_genitive", "name_en", "edrpou")

# Add an institution (kind and fields) to the directory: its id, and whether it is new.
AddInstitution = Callable[[dict[str, Any]], tuple[str, bool] | None]


def offer_institutions(
    items: Sequence[FormField | FormGroup],
    choices: Sequence[tuple[str, str]],
    translate: Callable[[str], str],
) -> None:
    """Make each organisation's `institution_id` a select of the directory, and offer the
    directory's names while typing its name (typing a body not in it still works)."""
    for item in items:
        if not isinstance(item, FormGroup):
            continue
        offer_institutions(item.items, choices, translate)
        paths = {inner.path for inner in item.items if isinstance(inner, FormField)}
        if f"{item.path}.{REFERENCE_KEY}" not in paths:
            continue
        for inner in item.items:
            if not isinstance(inner, FormField):
                continue
            if inner.path.endswith(f".{REFERENCE_KEY}"):
                inner.kind = "select"
                inner.label = translate(N_("Choose from the directory (or type below)"))
                inner.choices = list(choices)
                inner.max_length = None
            elif inner.path.endswith(".name") and choices:
                inner.suggestions = DIRECTORY_LIST


def link_institutions(value: Any, choices: Sequence[tuple[str, str]]) -> Any:
    """Turn organisations chosen from the directory into references (`{"institution_id"}`).

    A choice in the select wins over what is typed beside it: the document then prints
    the institution as the directory has it when it is made. A typed name that is
    exactly one institution's name, with nothing else typed, is taken as that one too.
    """
    if isinstance(value, list):
        return [link_institutions(item, choices) for item in value]
    if not isinstance(value, dict):
        return value
    linked = {key: link_institutions(item, choices) for key, item in value.items()}
    if linked.get(REFERENCE_KEY):
        return {REFERENCE_KEY: linked[REFERENCE_KEY]}
    if set(linked) == {"name"}:
        same = [institution_id for institution_id, name in choices if name == linked["name"]]
        if len(same) == 1:
            return {REFERENCE_KEY: same[0]}
    return linked


def resolve_for_check(
    values: dict[str, Any], lookup: Callable[[str], Mapping[str, Any] | None] | None
) -> dict[str, Any]:
    """The values with their references resolved, to check them as a document would."""
    if lookup is None:
        return values
    resolved: dict[str, Any] = resolve_institution_references(values, lookup)
    return resolved


def typed_institutions(value: Any, key: str = "") -> Iterator[tuple[dict[str, Any], str]]:
    """Each organisation typed (not chosen) under a field of a known kind, with its kind."""
    if isinstance(value, list):
        for item in value:
            yield from typed_institutions(item, key)
    elif isinstance(value, dict):
        kind = REMEMBERED_KINDS.get(key)
        if kind and value.get("name") and not value.get(REFERENCE_KEY):
            yield value, kind
            return
        for inner_key, item in value.items():
            yield from typed_institutions(item, inner_key)


def remember_institutions(values: dict[str, Any], add: AddInstitution) -> list[str]:
    """Add the courts, registry offices and children's services typed here to the directory.

    A body the directory lacks is added and the field then refers to it; one it already
    has (the same name in any letter case) is left as typed. Returns the added names.
    """
    added = []
    for entry, kind in list(typed_institutions(values)):
        fields = {key: entry[key] for key in REMEMBERED_FIELDS if entry.get(key)}
        result = add({"kind": kind, **fields})
        if result is None or not result[1]:
            continue
        added.append(fields["name"])
        if set(entry) <= {*REMEMBERED_FIELDS, REFERENCE_KEY}:  # nothing the directory lacks
            entry.clear()
            entry[REFERENCE_KEY] = result[0]
    return added
