"""Envelopes of the HTTP API: what a client sends around a template's data."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from service.choices import DOCUMENT_LANGUAGES, FORMATS
from service.i18n import N_
from service.schemas.base import BaseSchema
from service.schemas.fields import ChoiceField

RENDER_FORMATS = (*FORMATS, "html")


class RenderRequestSchema(Schema):
    """A render or validate request: which template, language and format, and the data."""

    template = fields.String(
        required=True,
        validate=validate.Length(max=100),
        metadata={"example": "identity.birth_fact_court_application"},
    )
    lang = ChoiceField(
        DOCUMENT_LANGUAGES,
        error=N_("Choose uk, en or uk-en."),
        load_default="uk",
    )
    format = fields.String(
        load_default="pdf",
        validate=validate.OneOf(RENDER_FORMATS, error=N_("Choose pdf, docx or html.")),
        metadata={
            "enum": list(RENDER_FORMATS),
            "description": "html: the document's HTML with its print CSS (a preview, not stored)",
        },
    )
    data = fields.Dict(
        required=True,
        metadata={"description": "The template's data; see GET /api/v1/templates/{id}"},
    )


class WarningSchema(Schema):
    """A warning: a field path and its message in each language."""

    path = fields.String()
    message = fields.Dict(keys=fields.String(), values=fields.String())


class ValidateResponseSchema(Schema):
    """The answer to a successful validation."""

    valid = fields.Boolean()
    warnings = fields.List(fields.Nested(WarningSchema))


class TemplateSummarySchema(Schema):
    """One template in the catalog list."""

    id = fields.String()
    title = fields.Dict(keys=fields.String(), values=fields.String())
    version = fields.String()
    languages = fields.List(fields.String())
    formats = fields.List(fields.String())
    legal_basis = fields.Dict(keys=fields.String(), values=fields.String())


class TemplateDetailSchema(TemplateSummarySchema):
    """One template with the JSON Schema of its data and a complete example."""

    data_schema = fields.Dict(
        data_key="schema", metadata={"description": "JSON Schema (2020-12) of `data`"}
    )
    example = fields.Dict()


class TemplateListSchema(Schema):
    """The catalog."""

    templates = fields.List(fields.Nested(TemplateSummarySchema))


class ProblemSchema(Schema):
    """An RFC 9457 problem: the only error shape of the API."""

    type = fields.String()
    title = fields.String()
    status = fields.Integer()
    detail = fields.String()
    instance = fields.String()
    request_id = fields.String()
    i18n = fields.Dict()
    errors = fields.Dict(metadata={"description": "Field path -> list of messages, each {uk, en}"})
    warnings = fields.List(fields.Nested(WarningSchema))
    checks = fields.Dict(
        keys=fields.String(),
        values=fields.String(),
        metadata={"description": "not-ready: each part's state"},
    )


class PageQuerySchema(Schema):
    """Which page of a list, and how long a page is."""

    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=100000))
    per_page = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


class PlaceQuerySchema(BaseSchema):
    """Query of GET /api/v1/places: the beginning of a settlement's name."""

    q = fields.String(
        required=True,
        validate=validate.Length(min=2, max=100),
        metadata={"description": "The beginning of the name, with its type if known: м. Марі"},
    )
    limit = fields.Integer(load_default=20, validate=validate.Range(min=1, max=50))
