"""Data of the identity.* documents: restoring a child's identity documents."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema

from service.i18n import N_
from service.schemas.base import BaseSchema, LocalizedTextField, is_future
from service.schemas.common import (
    ApplicantSchema,
    ChildSchema,
    OccupationBirthCertificateSchema,
    OrganisationSchema,
    ParentSchema,
)

EVIDENCE_KINDS = (
    "medical_birth_record",
    "occupation_birth_certificate",
    "witness_statement",
    "photo_or_video",
    "other",
)


class EvidenceSchema(BaseSchema):
    """One piece of evidence of the birth, listed in the application and attached."""

    kind = fields.String(
        required=True,
        validate=validate.OneOf(EVIDENCE_KINDS, error=N_("Choose one of the listed kinds.")),
        metadata={"enum": list(EVIDENCE_KINDS)},
    )
    description = LocalizedTextField(load_default=None, max_length=500)

    @validates_schema(skip_on_field_errors=True)
    def check_description(self, data: Mapping[str, Any], **kwargs: Any) -> None:
        """Require a description for evidence of kind "other"."""
        if data["kind"] == "other" and not data.get("description"):
            raise ValidationError(N_("Describe this piece of evidence."), "description")


class BirthFactCourtApplicationSchema(BaseSchema):
    """Application to a court to establish the fact of birth on the occupied territory."""

    court = fields.Nested(OrganisationSchema, required=True)
    applicant = fields.Nested(ApplicantSchema, required=True)
    child = fields.Nested(ChildSchema, required=True)
    mother = fields.Nested(ParentSchema, load_default=None)
    father = fields.Nested(ParentSchema, load_default=None)
    interested_party = fields.Nested(
        OrganisationSchema,
        required=True,
        metadata={"description": "The civil-registration (DRATS) department"},
    )
    occupation_birth_certificate = fields.Nested(
        OccupationBirthCertificateSchema, load_default=None
    )
    evidence = fields.List(
        fields.Nested(EvidenceSchema),
        required=True,
        validate=validate.Length(
            min=1, max=30, error=N_("List between 1 and 30 pieces of evidence.")
        ),
    )
    circumstances = LocalizedTextField(
        load_default=None,
        max_length=4000,
        metadata={
            "description": "Why the birth could not be registered in Ukraine, if more to say"
        },
    )
    application_date = fields.Date(load_default=None, metadata={"description": "Today if left out"})

    @validates_schema(skip_on_field_errors=True)
    def check_case(self, data: Mapping[str, Any], **kwargs: Any) -> None:
        """Apply the rules of article 317 of the Civil Procedure Code to the case."""
        errors: dict[str, Any] = {}
        if not data["child"]["birth_place"]["occupied"]:
            only_occupied = N_(
                "This application is only for births on the temporarily occupied territory."
            )
            errors["child"] = {"birth_place": {"occupied": [only_occupied]}}
        relation = data["applicant"]["relation"]
        if (
            not data.get("mother")
            and not data.get("father")
            and relation not in ("mother", "father")
        ):
            errors["mother"] = [N_("Give at least one parent of the child.")]
        kinds = {item["kind"] for item in data["evidence"]}
        if data.get("occupation_birth_certificate") and "occupation_birth_certificate" not in kinds:
            errors["evidence"] = [
                N_("List the certificate issued by the occupying authorities as evidence too.")
            ]
        application_date: date | None = data.get("application_date")
        if application_date and application_date < data["child"]["birth_date"]:
            errors["application_date"] = [N_("The application cannot predate the child's birth.")]
        if application_date and is_future(application_date):
            errors["application_date"] = [N_("The date cannot be in the future.")]
        if errors:
            raise ValidationError(errors)
