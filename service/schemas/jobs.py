"""Envelopes of the jobs API: a packet of a case, or a bulk render of many data objects."""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema

from service.choices import DOCUMENT_LANGUAGES, FORMATS
from service.i18n import N_
from service.schemas.base import BaseSchema
from service.schemas.case import PACKET_DOCUMENTS, PACKET_PEOPLE
from service.schemas.fields import ChoiceField

JOB_KINDS = ("packet", "bulk_render")
MAX_BULK_CASES = 500
REQUIRED_BY_KIND = {"packet": ("case_id",), "bulk_render": ("template", "cases")}


def _langs() -> fields.String:
    return fields.String(
        validate=validate.OneOf(DOCUMENT_LANGUAGES, error=N_("Choose uk, en or uk-en."))
    )


def _formats() -> fields.String:
    return fields.String(validate=validate.OneOf(FORMATS, error=N_("Choose pdf or docx.")))


class JobRequestSchema(BaseSchema):
    """Body of POST /api/v1/jobs (JSON Lines uploads become the same shape)."""

    kind = ChoiceField(
        JOB_KINDS,
        error=N_("Choose packet or bulk_render."),
        required=True,
    )
    case_id = fields.String(
        validate=validate.Length(max=32), metadata={"description": "packet: the case"}
    )
    documents = fields.List(
        fields.String(validate=validate.Length(max=100)),
        validate=validate.Length(min=1, max=24, error=N_("Choose between 1 and 24 documents.")),
        load_default=None,
        metadata={"description": f"packet: {PACKET_DOCUMENTS}"},
    )
    langs = fields.List(
        _langs(), load_default=lambda: ["uk"], validate=validate.Length(min=1, max=3)
    )
    formats = fields.List(
        _formats(), load_default=lambda: ["pdf"], validate=validate.Length(min=1, max=2)
    )
    child_ids = fields.List(
        fields.String(validate=validate.Length(max=32)),
        load_default=None,
        validate=validate.Length(min=1, max=20),
        metadata={"description": f"packet: {PACKET_PEOPLE}"},
    )
    template = fields.String(
        validate=validate.Length(max=100), metadata={"description": "bulk_render: template id"}
    )
    lang = fields.String(
        load_default="uk",
        validate=validate.OneOf(DOCUMENT_LANGUAGES, error=N_("Choose uk, en or uk-en.")),
    )
    format = fields.String(
        load_default="pdf", validate=validate.OneOf(FORMATS, error=N_("Choose pdf or docx."))
    )
    cases = fields.List(
        fields.Dict(),
        validate=validate.Length(
            min=1, max=MAX_BULK_CASES, error=N_("Send between 1 and 500 data objects.")
        ),
        metadata={"description": "bulk_render: one template data object per document"},
    )
    webhook_url = fields.String(
        load_default=None,
        validate=validate.Length(max=2000),
        metadata={"description": "Told by a signed POST when the job finishes"},
    )

    @validates_schema
    def require_by_kind(self, data: dict[str, Any], **_kwargs: Any) -> None:
        """A packet names a case; a bulk render a template and data objects."""
        missing = [
            name for name in REQUIRED_BY_KIND.get(data.get("kind", ""), ()) if not data.get(name)
        ]
        if missing:
            raise ValidationError(
                {name: [N_("Missing data for required field.")] for name in missing}
            )


class BulkUploadQuerySchema(BaseSchema):
    """Query of a JSON Lines upload to POST /api/v1/jobs: what to render each line with."""

    template = fields.String(required=True, validate=validate.Length(max=100))
    lang = fields.String(
        load_default="uk",
        validate=validate.OneOf(DOCUMENT_LANGUAGES, error=N_("Choose uk, en or uk-en.")),
    )
    format = fields.String(
        load_default="pdf", validate=validate.OneOf(FORMATS, error=N_("Choose pdf or docx."))
    )
    webhook_url = fields.String(load_default=None, validate=validate.Length(max=2000))
