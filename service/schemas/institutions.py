"""The directory of institutions: public bodies an organisation enters once (no personal data)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from marshmallow import ValidationError, fields, validate

from service.errors import DataValidationError
from service.i18n import N_
from service.schemas.base import BaseSchema, flatten_errors
from service.schemas.common import AddressSchema
from service.schemas.fields import ChoiceField, EdrpouField, TextField

INSTITUTION_KINDS = (
    "court",
    "civil_registry",
    "children_service",
    "admin_service_centre",
    "migration_service",
    "social_protection",
    "medical_facility",
    "notary",
    "council",
    "other",
)
NAME_MAX_LENGTH = 300


class InstitutionSchema(BaseSchema):
    """An institution: its kind, Ukrainian name, corrections of the derived forms, address."""

    kind = ChoiceField(
        INSTITUTION_KINDS, required=True, error=N_("Choose one of the listed kinds.")
    )
    name = TextField(
        required=True,
        max_length=NAME_MAX_LENGTH,
        metadata={
            "description": "The Ukrainian name in the nominative",
            "example": "Шевченківський районний суд міста Києва",
        },
    )
    name_dative = TextField(
        load_default=None,
        max_length=NAME_MAX_LENGTH,
        metadata={"description": "Correction of the derived dative ('to whom'); null: derived"},
    )
    name_genitive = TextField(
        load_default=None,
        max_length=NAME_MAX_LENGTH,
        metadata={"description": "Correction of the derived genitive ('of whom'); null: derived"},
    )
    name_en = TextField(
        load_default=None,
        max_length=NAME_MAX_LENGTH,
        metadata={"description": "Correction of the derived English name; null: derived"},
    )
    edrpou = EdrpouField(load_default=None)
    address = fields.Nested(AddressSchema, load_default=None)


class InstitutionCreateSchema(InstitutionSchema):
    """Body of POST /api/v1/institutions (an admin names the organisation)."""

    organisation_id = fields.String(
        load_default=None,
        validate=validate.Length(max=32),
        metadata={"description": "The organisation (admins only; others add to their own)"},
    )


class InstitutionListQuerySchema(BaseSchema):
    """Query of GET /api/v1/institutions: a page, a search in the name, a kind."""

    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=100000))
    per_page = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))
    q = fields.String(load_default=None, validate=validate.Length(max=100))
    kind = ChoiceField(
        INSTITUTION_KINDS, load_default=None, error=N_("Choose one of the listed kinds.")
    )


def load_institution(data: Any, prefix: str = "") -> dict[str, Any]:
    """Check an institution's fields (422 naming each bad field) and return them JSON-ready."""
    if not isinstance(data, Mapping):
        raise DataValidationError({"_schema": [N_("Send the request body as a JSON object.")]})
    schema = InstitutionSchema()
    try:
        loaded = schema.load(data)
    except ValidationError as error:
        raise DataValidationError(flatten_errors(error.messages, prefix)) from None
    dumped: dict[str, Any] = schema.dump(loaded)
    if dumped.get("address"):
        dumped["address"] = {k: v for k, v in dumped["address"].items() if v is not None}
    return dumped
