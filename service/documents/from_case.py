"""Build a template's data from a case: the chosen child, the family, the overrides."""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import Any

from marshmallow import Schema, fields, validate

from service.documents.catalog import get_template
from service.documents.references import (
    InstitutionLookup,
    is_reference,
    resolve_institution_references,
)
from service.documents.spec import TemplateSpec
from service.errors import DataValidationError
from service.i18n import N_
from service.schemas.people import resolve_roles


def deep_merge(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """Merge two JSON objects; the override wins, objects merge, lists are replaced.

    An institution given by reference replaces the object (it names another body).
    """
    merged = copy.deepcopy(dict(base))
    for key, value in override.items():
        if (
            isinstance(value, Mapping)
            and isinstance(merged.get(key), Mapping)
            and not is_reference(value)
        ):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def merge_outcomes(base: Mapping[str, Any], outcomes: Mapping[str, Any]) -> dict[str, Any]:
    """Merge what decided steps give over a document's data; null removes a key."""
    merged = copy.deepcopy(dict(base))
    for key, value in outcomes.items():
        if value is None:
            merged.pop(key, None)
        elif isinstance(value, Mapping):
            current = merged.get(key)
            merged[key] = merge_outcomes(current if isinstance(current, Mapping) else {}, value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def prune_to_schema(schema: Schema, data: Any) -> Any:
    """Keep only what a schema declares, recursively: case data is wider than a template's."""
    if not isinstance(data, Mapping):
        return data
    pruned: dict[str, Any] = {}
    for name, field in schema.fields.items():
        key = field.data_key or name
        if key not in data:
            continue
        value = data[key]
        if isinstance(field, fields.Nested) and isinstance(field.schema, Schema):
            pruned[key] = prune_to_schema(field.schema, value)
        elif isinstance(field, fields.List) and isinstance(field.inner, fields.Nested):
            inner = field.inner.schema
            pruned[name] = (
                [prune_to_schema(inner, item) for item in value]
                if isinstance(value, list)
                else value
            )
        else:
            pruned[name] = value
    return pruned


# Where the builders find the case's evidence files (not part of the stored case data: the
# caller adds them, `casework.document_case_data`): [{"id", "person", "kind",
# "description", "pages"}], in the order a document lists them.
CASE_EVIDENCE = "case_evidence"
# Evidence typed in for a document that no file can stand for (a witness to summon).
TYPED_ONLY_KINDS = ("witness_statement",)


def evidence_of(case_data: Mapping[str, Any], child_id: str | None) -> list[dict[str, Any]]:
    """The case's evidence files a child's document lists: the child's own, then the
    whole case's, in the order they were attached."""
    return [
        item
        for item in case_data.get(CASE_EVIDENCE) or []
        if item.get("person") is None or (child_id is not None and item["person"] == child_id)
    ]


def with_case_evidence(
    schema: Schema, data: dict[str, Any], case_data: Mapping[str, Any], child_id: str | None
) -> dict[str, Any]:
    """A document's evidence list drawn from the case's evidence files, when it has one.

    A template whose `evidence` items can name a file (`evidence_id`) lists the files of
    the child and of the whole case, numbered as annexes in that order; of what was typed
    in for the document, only what no file stands for (a witness) follows them. Without
    files the typed list stays as it is.
    """
    field = schema.fields.get("evidence")
    if not (
        isinstance(field, fields.List)
        and isinstance(field.inner, fields.Nested)
        and isinstance(field.inner.schema, Schema)
        and "evidence_id" in field.inner.schema.fields
    ):
        return data
    files = evidence_of(case_data, child_id)
    if not files:
        return data
    listed: list[dict[str, Any]] = [
        {
            "kind": item["kind"],
            "evidence_id": item["id"],
            "evidence_pages": item["pages"],
            **({"description": item["description"]} if item.get("description") else {}),
        }
        for item in files
    ]
    typed = [
        item
        for item in data.get("evidence") or []
        if isinstance(item, Mapping) and item.get("kind") in TYPED_ONLY_KINDS
    ]
    return {**data, "evidence": listed + typed}


def listed_evidence(data: Mapping[str, Any]) -> list[tuple[str, int]]:
    """The evidence files a document's data lists: (evidence id, annex number) each."""
    found: list[tuple[str, int]] = []
    for item in data.get("evidence") or [] if isinstance(data, Mapping) else []:
        if isinstance(item, Mapping) and isinstance(item.get("evidence_id"), str):
            found.append((item["evidence_id"], len(found) + 1))
    return found


def choose_child(case_data: Mapping[str, Any], child_id: str | None) -> dict[str, Any] | None:
    """Pick the child a document is about; one child needs no id, several do."""
    children: list[dict[str, Any]] = list(case_data.get("children") or [])
    if child_id is None:
        if len(children) > 1:
            raise DataValidationError(
                {"child_id": [N_("The case has several children: choose one.")]}
            )
        return children[0] if children else None
    for child in children:
        if child.get("id") == child_id:
            return child
    raise DataValidationError({"child_id": [N_("The case has no child with this id.")]})


MOTHER = "mother"  # the person of the mother's own documents (the prenatal referral)
# A child's certificates, which some documents take beside the child, not in it.
CERTIFICATES = ("birth_certificate", "occupation_birth_certificate")
# Whose address a child's is, when the case does not give the child one: a child lives
# with the legal representative (or the applicant, or the mother).
HOUSEHOLD = ("legal_representative", "applicant", "mother")


def child_as_document_person(
    case_data: Mapping[str, Any], child: Mapping[str, Any]
) -> dict[str, Any]:
    """A case's child as a document names them: the household's address if none is given."""
    person = {key: value for key, value in child.items() if key not in ("id", "situation")}
    if "address" not in person:
        for key in HOUSEHOLD:
            address = (case_data.get(key) or {}).get("address")
            if address:
                person["address"] = copy.deepcopy(address)
                break
    return person


def evidence_at_hand(schema: Schema, child: Mapping[str, Any]) -> list[dict[str, str]]:
    """The papers of the child's situation that a document lists as evidence by kind (the
    medical record of the birth, the occupiers' certificate): its first items, not typed."""
    field = schema.fields.get("evidence")
    inner = field.inner if isinstance(field, fields.List) else None
    kind = inner.schema.fields.get("kind") if isinstance(inner, fields.Nested) else None
    kinds = next(
        (v.choices for v in getattr(kind, "validators", ()) if isinstance(v, validate.OneOf)),
        (),
    )
    documents = (child.get("situation") or {}).get("documents") or []
    return [{"kind": document} for document in documents if document in kinds]


def other_children(
    case_data: Mapping[str, Any], chosen: Any, child_id: str | None
) -> list[dict[str, Any]]:
    """The children a document lists beside its own: the case's, named by id (a child given
    in full, as before the case held them, stays as given), without the document's child."""
    by_id = {child.get("id"): child for child in case_data.get("children") or []}
    listed: list[dict[str, Any]] = []
    for item in chosen if isinstance(chosen, list) else []:
        if isinstance(item, Mapping):
            listed.append(dict(item))
        elif item in by_id and item != child_id:
            listed.append(child_as_document_person(case_data, by_id[item]))
    return listed


def build_template_data(
    spec: TemplateSpec,
    case_data: Mapping[str, Any],
    child_id: str | None,
    overrides: Mapping[str, Any] | None,
    *,
    lookup: InstitutionLookup | None = None,
    outcomes: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Make a template's data from a case; the request's `data` wins over the case.

    `outcomes` is what the case's decided steps give this document (a court decision, a
    new birth certificate): over the case's people, under the document's own data; a
    null there removes what the case had (the occupiers' certificate, once replaced).
    With `lookup` (the directory of the case's organisation), an organisation given as
    `{"institution_id": ...}` alone becomes that institution.
    """
    schema = spec.data_schema()
    person_key = "patient" if "patient" in schema.fields else "child"
    case_data = resolve_roles(case_data)
    base: dict[str, Any] = {
        key: value for key, value in case_data.items() if key in schema.fields and key != "children"
    }
    child = choose_child(case_data, child_id)
    if child is not None:
        base[person_key] = child_as_document_person(case_data, child)
        for key in CERTIFICATES:  # an ID card application takes the certificate beside the child
            if key in schema.fields and key in child:
                base[key] = child[key]
        evidence = evidence_at_hand(schema, child)
        if evidence:
            base["evidence"] = evidence
    base = prune_to_schema(schema, base)
    extras = dict((case_data.get("template_data") or {}).get(spec.id) or {})
    if "other_children" in schema.fields and "other_children" in extras:
        extras["other_children"] = other_children(
            case_data, extras["other_children"], child.get("id") if child else None
        )
    base = merge_outcomes(base, prune_to_schema(schema, outcomes or {}))
    data = with_case_evidence(schema, deep_merge(base, extras), case_data, child_id)
    data = deep_merge(data, overrides or {})
    return resolve_institution_references(data, lookup) if lookup is not None else data


def build_step_data(
    template_id: str,
    case_data: Mapping[str, Any],
    child_id: str | None,
    overrides: Mapping[str, Any] | None,
    *,
    lookup: InstitutionLookup | None = None,
    outcomes: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Make a step's template data from the case; `child_id` None: the mother is the patient.

    A child's document is `build_template_data` itself. The mother's (the prenatal
    referral) names her `patient`, takes her expected due date, and not the children's
    legal representative.
    """
    spec = get_template(template_id)
    case_data = resolve_roles(case_data)
    if child_id is not None:
        return build_template_data(
            spec, case_data, child_id, overrides, lookup=lookup, outcomes=outcomes
        )
    mother = dict(case_data.get("mother") or {})
    as_case = {
        key: value
        for key, value in case_data.items()
        if key not in ("children", "mother", "legal_representative")
    }
    as_case["children"] = [{**mother, "id": MOTHER}]
    if mother.get("expected_due_date") is not None:
        as_case["expected_due_date"] = mother["expected_due_date"]
    return build_template_data(spec, as_case, MOTHER, overrides, lookup=lookup, outcomes=outcomes)


def build_person_data(
    template_id: str,
    case_data: Mapping[str, Any],
    person: str,
    *,
    lookup: InstitutionLookup | None,
    outcomes: Callable[[str, str | None], Mapping[str, Any]] | None,
) -> dict[str, Any]:
    """A document's data for one person of a packet: a child's id, or "mother"."""
    child_id = None if person == MOTHER else person
    given = outcomes(template_id, child_id) if outcomes and child_id else None
    return build_step_data(template_id, case_data, child_id, None, lookup=lookup, outcomes=given)
