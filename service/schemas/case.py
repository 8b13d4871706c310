"""A case: one family, each person entered once, in the same shapes as the templates' data.

A case may be incomplete (it is filled in over days), so it is loaded with `partial`:
every field that is present is checked, none is required. What a document still lacks
is told when the document is made from the case.

The adults are `mother`, `father` and `people` (relatives, an escort, a guardian); the
roles `applicant` and `legal_representative` point at one of them (`{"person":
"mother"}`): see service/schemas/people.py, which also brings old cases over.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date
from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema

from service.choices import DOCUMENT_LANGUAGES, FORMATS
from service.errors import DataValidationError
from service.i18n import N_
from service.schemas.base import BaseSchema, LocalizedTextField, flatten_errors, is_future
from service.schemas.common import (
    AddressSchema,
    ChildSchema,
    IdentityDocumentSchema,
    OccupationBirthCertificateSchema,
    ParentSchema,
    PersonSchema,
    UkrainianBirthCertificateSchema,
)
from service.schemas.custody import PARENT_CARE_STATUSES, AuthorityDocumentSchema
from service.schemas.fields import ChoiceField, PhoneField
from service.schemas.identity import IDP_RELATIONS
from service.schemas.medical import GuardianAppointmentSchema
from service.schemas.people import PARENTS, UNKNOWN_PERSON, people_references, upgrade_case_data
from service.schemas.situation import MSG_RETURN_BEFORE_BIRTH, SituationSchema
from service.verification.rules import ERASURE_REASONS

MAX_CHILDREN = 20
MAX_PEOPLE = 20
CHILD_ID_PATTERN = r"^[a-z0-9]{6,32}$"
# How an adult of `people` is related to the children (a parent is `mother` or `father`).
PERSON_RELATIONS = tuple(
    relation for relation in (*IDP_RELATIONS, "not_related") if relation not in ("self", *PARENTS)
)


class ContactsSchema(BaseSchema):
    """Where a person lives and is reached, and the document that identifies them."""

    address = fields.Nested(AddressSchema)
    phone = PhoneField(load_default=None)
    email = fields.Email(
        load_default=None,
        error_messages={"invalid": N_("Enter a valid e-mail address.")},
        metadata={"example": "o.petrenko@example.com"},
    )
    id_document = fields.Nested(IdentityDocumentSchema)


class CaseChildSchema(ContactsSchema, ChildSchema):
    """A child of the case, with a stable id the server assigns if none is given."""

    id = fields.String(
        load_default=None,
        validate=validate.Regexp(
            CHILD_ID_PATTERN, error=N_("A child id is 6 to 32 lowercase letters or digits.")
        ),
        metadata={"readOnly": False, "example": "c4f1a9e2b7d3"},
    )
    situation = fields.Nested(
        SituationSchema,
        metadata={"description": "How the child returned: the facts the plan is made from"},
    )
    birth_certificate = fields.Nested(
        UkrainianBirthCertificateSchema,
        metadata={"description": "The child's Ukrainian birth certificate, if there is one"},
    )
    occupation_birth_certificate = fields.Nested(
        OccupationBirthCertificateSchema,
        metadata={"description": "A birth certificate issued by the occupying authorities"},
    )

    # Not skipped on other fields' errors: a form reports every error at once.
    @validates_schema(skip_on_field_errors=False)
    def check_return_after_birth(self, data: Mapping[str, Any], **kwargs: Any) -> None:
        """A child returns after being born."""
        returned_on = (data.get("situation") or {}).get("returned_on")
        birth_date = data.get("birth_date")
        if not isinstance(returned_on, date) or not isinstance(birth_date, date):
            return
        if returned_on < birth_date and not is_future(returned_on):  # a future one is told so
            raise ValidationError({"situation": {"returned_on": [MSG_RETURN_BEFORE_BIRTH]}})


class CaseParentSchema(ContactsSchema, ParentSchema):
    """A parent of the children: the person, how they are reached, and why they are away."""

    status = ChoiceField(
        PARENT_CARE_STATUSES,
        error=N_("Choose one of the listed kinds."),
        load_default=None,
        metadata={"description": "Why the parent does not care for the child (guardianship)"},
    )
    details = LocalizedTextField(
        max_length=1000,
        metadata={"description": "The document that proves it (death certificate, court ...)"},
    )


class CasePersonSchema(ContactsSchema, PersonSchema):
    """An adult of the case other than a parent: a relative, an escort, a guardian."""

    id = fields.String(
        load_default=None,
        validate=validate.Regexp(
            CHILD_ID_PATTERN, error=N_("A person's id is 6 to 32 lowercase letters or digits.")
        ),
        metadata={"example": "person1"},
    )
    relation = ChoiceField(
        PERSON_RELATIONS,
        error=N_("Choose one of the listed relations."),
        load_default=None,
        metadata={"description": "How the person is related to the children"},
    )


class RoleSchema(BaseSchema):
    """A role of the case: which person holds it (mother, father or an id of people)."""

    person = fields.String(
        required=True,
        validate=validate.Length(max=32),
        metadata={"description": "mother, father, or the id of one of people", "example": "mother"},
    )


class RepresentativeRoleSchema(RoleSchema):
    """The legal representative: a person of the case, and the papers of the role."""

    authority_document = fields.Nested(
        AuthorityDocumentSchema,
        metadata={"description": "The document proving the authority (the handover act)"},
    )
    appointment = fields.Nested(
        GuardianAppointmentSchema,
        metadata={"description": "The decision appointing a guardian (medical referrals)"},
    )


class CaseMotherSchema(CaseParentSchema):
    """The mother of the case's children; whether she is pregnant decides a prenatal step."""

    pregnant = fields.Boolean()
    expected_due_date = fields.Date(metadata={"example": "2027-03-01"})

    @validates_schema(skip_on_field_errors=False)  # with the format errors: all at once
    def check_pregnancy(self, data: Mapping[str, Any], **kwargs: Any) -> None:
        """An expected due date belongs to a pregnancy."""
        if data.get("expected_due_date") and data.get("pregnant") is False:
            raise ValidationError(
                N_("An expected due date is given only for a pregnant woman."),
                "expected_due_date",
            )


class CaseSchema(BaseSchema):
    """The data of one case."""

    children = fields.List(
        fields.Nested(CaseChildSchema),
        validate=validate.Length(max=MAX_CHILDREN, error=N_("A case holds at most 20 children.")),
    )
    mother = fields.Nested(CaseMotherSchema)
    father = fields.Nested(CaseParentSchema)
    people = fields.List(
        fields.Nested(CasePersonSchema),
        validate=validate.Length(max=MAX_PEOPLE, error=N_("A case holds at most 20 people.")),
        metadata={"description": "Adults other than the parents: relatives, an escort, a guardian"},
    )
    applicant = fields.Nested(
        RoleSchema, metadata={"description": 'Who applies: {"person": "mother"}, ...'}
    )
    legal_representative = fields.Nested(
        RepresentativeRoleSchema,
        metadata={"description": 'The children\'s legal representative: {"person": "mother"}'},
    )
    circumstances = LocalizedTextField(max_length=4000)
    template_data = fields.Dict(
        keys=fields.String(validate=validate.Length(max=100)),
        values=fields.Dict(),
        metadata={"description": "Data only some documents need, keyed by template id"},
    )

    @validates_schema(skip_on_field_errors=True)
    def check_roles(self, data: Mapping[str, Any], **kwargs: Any) -> None:
        """Each role names a person the case has."""
        ids = {person.get("id") for person in data.get("people") or []}
        errors = {
            role: {"person": [UNKNOWN_PERSON]}
            for role, ref in people_references(data)
            if not (ref in PARENTS and data.get(ref) is not None) and ref not in ids
        }
        if errors:
            raise ValidationError(errors)


class CaseCreateSchema(BaseSchema):
    """Body of POST /api/v1/cases."""

    data = fields.Dict(required=True)


MAX_PACKET_TEMPLATES = 24


PACKET_DOCUMENTS = (
    "Template ids. Each is made for every chosen person whose plan has a step for it (not"
    " marked not needed); the others are listed in the manifest's `left_out`. Omitted: the"
    " documents the chosen people's plans mark ready and still to be handed in (a step"
    " pending or prepared, nothing missing, nothing to wait for), as the case page"
    " preselects them; a 422 when none is ready."
)
PACKET_PEOPLE = (
    "Whom the packet is for: children's ids, and `mother` for her own steps. Omitted:"
    " every child and the mother."
)


class PacketRequestSchema(BaseSchema):
    """Body of POST /api/v1/cases/<id>/packet: whom, which documents, languages, formats."""

    documents = fields.List(
        fields.String(validate=validate.Length(max=100)),
        load_default=None,
        validate=validate.Length(
            min=1, max=MAX_PACKET_TEMPLATES, error=N_("Choose between 1 and 24 documents.")
        ),
        metadata={"description": PACKET_DOCUMENTS},
    )
    langs = fields.List(
        fields.String(
            validate=validate.OneOf(DOCUMENT_LANGUAGES, error=N_("Choose uk, en or uk-en."))
        ),
        load_default=lambda: ["uk"],
        validate=validate.Length(min=1, max=3),
    )
    formats = fields.List(
        fields.String(validate=validate.OneOf(FORMATS, error=N_("Choose pdf or docx."))),
        load_default=lambda: ["pdf"],
        validate=validate.Length(min=1, max=2),
    )
    child_ids = fields.List(
        fields.String(validate=validate.Length(max=32)),
        load_default=None,
        validate=validate.Length(min=1, max=20),
        metadata={"description": PACKET_PEOPLE},
    )


class CaseDocumentRequestSchema(BaseSchema):
    """Body of POST /api/v1/cases/<id>/documents."""

    template = fields.String(required=True, validate=validate.Length(max=100))
    lang = fields.String(
        load_default="uk",
        validate=validate.OneOf(DOCUMENT_LANGUAGES, error=N_("Choose uk, en or uk-en.")),
    )
    format = fields.String(
        load_default="pdf",
        validate=validate.OneOf(FORMATS, error=N_("Choose pdf or docx.")),
    )
    child_id = fields.String(load_default=None, validate=validate.Length(max=32))
    data = fields.Dict(load_default=None)


def load_case_data(data: Any) -> dict[str, Any]:
    """Check case data (every present field, none required) and return it JSON-ready."""
    if not isinstance(data, Mapping):
        raise DataValidationError({"data": [N_("Send the data as a JSON object.")]})
    data = upgrade_case_data(data)
    people = data.get("people")
    if isinstance(people, list):  # an id given now, so a role can name a new person
        taken = {str(p.get("id")) for p in people if isinstance(p, Mapping)}
        for person in people:
            if isinstance(person, dict) and not person.get("id"):
                person["id"] = next(
                    f"person{n}" for n in range(1, len(people) + 2) if f"person{n}" not in taken
                )
                taken.add(person["id"])
    schema = CaseSchema()
    try:
        loaded = schema.load(data, partial=True)
    except ValidationError as error:
        raise DataValidationError(flatten_errors(error.messages, "data.")) from None
    for child in loaded.get("children", []):
        child["id"] = child.get("id") or uuid.uuid4().hex[:12]
    ids = [child["id"] for child in loaded.get("children", [])]
    if len(ids) != len(set(ids)):
        raise DataValidationError({"data.children": [N_("Two children have the same id.")]})
    person_ids = [person["id"] for person in loaded.get("people", [])]
    if len(person_ids) != len(set(person_ids)) or set(person_ids) & {*ids, *PARENTS}:
        raise DataValidationError({"data.people": [N_("Two people have the same id.")]})
    clean: dict[str, Any] = _drop_empty(schema.dump(loaded))
    return clean


def _drop_empty(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _drop_empty(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [_drop_empty(item) for item in value]
    return value


class ErasureQuerySchema(BaseSchema):
    """Query of an erasure: why the data is erased (a fixed list: no free text is kept)."""

    reason = fields.String(
        required=True,
        validate=validate.OneOf(
            tuple(ERASURE_REASONS), error=N_("Choose one of the offered values.")
        ),
        metadata={"enum": list(ERASURE_REASONS)},
    )
