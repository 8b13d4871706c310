"""What a caseworker says of an evidence file as it is sent: its kind, whom it is about,
its caption (the file itself is checked from its bytes: `service/rendering/evidence.py`)."""

from __future__ import annotations

from marshmallow import fields, validate

from service.i18n import N_
from service.schemas.base import BaseSchema
from service.schemas.fields import ChoiceField, TextField

# The kinds of a court application's evidence that a file can be (a witness is named in
# the application, not uploaded).
EVIDENCE_FILE_KINDS = (
    "medical_birth_record",
    "occupation_birth_certificate",
    "photo_or_video",
    "other",
)
CASE = "case"  # the person of evidence about the whole family


class EvidenceUploadSchema(BaseSchema):
    """The form fields beside the file of POST /cases/{id}/evidence."""

    kind = ChoiceField(
        EVIDENCE_FILE_KINDS,
        error=N_("Choose one of the listed kinds."),
        required=True,
        metadata={"description": "What the file is, as a court application lists it"},
    )
    person = fields.String(
        load_default=CASE,
        validate=validate.Length(min=1, max=32),
        metadata={
            "description": "Whom it is about: a child's id, mother, father, applicant or"
            " legal_representative; case (the default) for the whole family"
        },
    )
    description = TextField(
        load_default=None,
        max_length=500,
        metadata={"description": "A caption in Ukrainian (required for kind other)"},
    )
    description_en = TextField(
        load_default=None,
        max_length=500,
        metadata={"description": "The caption in English, for English documents"},
    )

    other_needs_details = ("kind", "description", N_("Describe this piece of evidence."))
