"""Bodies of the verification routes: revocation, shares with partners, expiring links."""

from __future__ import annotations

from marshmallow import fields, validate

from service.i18n import N_
from service.schemas.base import BaseSchema
from service.verification.rules import DEFAULT_LINK_DAYS, MAX_LINK_DAYS, REVOCATION_REASONS


class RevokeRequestSchema(BaseSchema):
    """Body of POST /api/v1/documents/{id}/revoke.

    The reason is one of a fixed list, so the public verification page can show it
    without risk of personal data; a free-text note stays private (encrypted).
    """

    reason = fields.String(
        required=True,
        validate=validate.OneOf(
            tuple(REVOCATION_REASONS), error=N_("Choose one of the offered values.")
        ),
        metadata={"enum": list(REVOCATION_REASONS)},
    )
    note = fields.String(
        load_default=None,
        validate=validate.Length(max=500),
        metadata={"description": "Private: shown only to those who may see the document"},
    )


class ShareRequestSchema(BaseSchema):
    """Body of POST /api/v1/documents/{id}/shares."""

    organisation_id = fields.String(required=True, validate=validate.Length(min=1, max=32))


class LinkRequestSchema(BaseSchema):
    """Body of POST /api/v1/documents/{id}/links."""

    days = fields.Integer(
        load_default=DEFAULT_LINK_DAYS,
        validate=validate.Range(min=1, max=MAX_LINK_DAYS, error=N_("A link lasts 1 to 90 days.")),
    )
