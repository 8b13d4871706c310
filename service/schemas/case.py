"""A case: one family, entered once, in the same shapes as the templates' data.

A case may be incomplete (it is filled in over days), so it is loaded with `partial`:
every field that is present is checked, none is required. What a document still lacks
is told when the document is made from the case.
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
from service.schemas.common import ChildSchema, LegalRepresentativeSchema, ParentSchema
from service.schemas.situation import MSG_RETURN_BEFORE_BIRTH, SituationSchema
from service.verification.rules import ERASURE_REASONS

MAX_CHILDREN = 20
CHILD_ID_PATTERN = r"^[a-z0-9]{6,32}$"


class CaseChildSchema(ChildSchema):
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


class CaseMotherSchema(ParentSchema):
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
    father = fields.Nested(ParentSchema)
    applicant = fields.Nested(LegalRepresentativeSchema)
    legal_representative = fields.Nested(LegalRepresentativeSchema)
    circumstances = LocalizedTextField(max_length=4000)
    template_data = fields.Dict(
        keys=fields.String(validate=validate.Length(max=100)),
        values=fields.Dict(),
        metadata={"description": "Data only some documents need, keyed by template id"},
    )


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
