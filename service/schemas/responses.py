"""Shapes of the HTTP API's answers, as the OpenAPI document states them.

The views build their answers from the stores' `as_dict`; these schemas only describe
them (nothing loads with them). An answer may gain members later, so each allows more
than it lists; what it lists is there.
"""

from __future__ import annotations

from marshmallow import INCLUDE, Schema, fields

from service.choices import DOCUMENT_LANGUAGES, FORMATS
from service.schemas.fields import ChoiceField
from service.schemas.institutions import INSTITUTION_KINDS


class AnswerSchema(Schema):
    """An answer: members it lists, and perhaps more."""

    class Meta:
        unknown = INCLUDE


def _text(description: str | None = None) -> fields.String:
    return fields.String(
        required=True, metadata={"description": description} if description else {}
    )


def _optional_text(description: str | None = None) -> fields.String:
    return fields.String(
        allow_none=True, metadata={"description": description} if description else {}
    )


class LanguagesSchema(AnswerSchema):
    """A text in Ukrainian and English."""

    uk = _text()
    en = _text()


class DocumentSchema(AnswerSchema):
    """A stored document's metadata (never its data)."""

    id = _text()
    case_id = _optional_text("The case it was made from, if any")
    template = _text()
    version = _text("The template's version")
    lang = ChoiceField(DOCUMENT_LANGUAGES, required=True)
    format = ChoiceField(FORMATS, required=True)
    media_type = _text()
    input_sha256 = _text("SHA-256 of what determines the document")
    sha256 = _text("SHA-256 of the file")
    size = fields.Integer(required=True)
    render_date = fields.Date(required=True)
    filename = _text()
    created_by = _text("The token or user that issued it")
    created_at = fields.DateTime(required=True)
    url = fields.String(metadata={"description": "This metadata"})
    download_url = fields.String(metadata={"description": "The file"})


class CaseAnswerSchema(AnswerSchema):
    """A case: its number, its data, and the documents made from it."""

    id = _text()
    number = _optional_text("The organisation's case number of the year: 2026-0047")
    data = fields.Dict(required=True, metadata={"description": "The case's data (see Case)"})
    created_at = fields.DateTime(required=True)
    updated_at = fields.DateTime(required=True)
    created_by = _text()
    url = _text()
    documents = fields.List(fields.Nested(DocumentSchema))


class PageSchema(AnswerSchema):
    """Which page of a list this is."""

    page = fields.Integer(required=True)
    per_page = fields.Integer(required=True)
    total = fields.Integer(required=True)


class CaseListSchema(PageSchema):
    """One page of cases, newest change first."""

    cases = fields.List(fields.Nested(CaseAnswerSchema), required=True)


class AuditSchema(AnswerSchema):
    """Events of the audit trail: who did what to which case or document, and when."""

    events = fields.List(fields.Dict(), required=True)


class SharedListSchema(PageSchema):
    """One page of documents shared with the caller's organisation."""

    documents = fields.List(fields.Nested(DocumentSchema), required=True)


class JobSchema(AnswerSchema):
    """A background job: its state, its progress and each document's result."""

    id = _text()
    kind = ChoiceField(("packet", "bulk_render"), required=True)
    state = ChoiceField(("queued", "running", "done", "failed"), required=True)
    case_id = _optional_text()
    total = fields.Integer(required=True)
    done = fields.Integer(required=True)
    failed = fields.Integer(required=True)
    results = fields.List(fields.Dict(), required=True)
    webhook = fields.Dict(allow_none=True)
    created_at = fields.DateTime(required=True)
    started_at = fields.DateTime(allow_none=True)
    finished_at = fields.DateTime(allow_none=True)
    url = _text()


class InstitutionFormsSchema(AnswerSchema):
    """An institution's name as documents print it."""

    uk = _text()
    dative = _text()
    genitive = _text()
    en = _text()


class InstitutionAnswerSchema(AnswerSchema):
    """An institution: what was entered, the forms documents print, what is derived."""

    id = _text()
    organisation_id = _optional_text()
    kind = ChoiceField(INSTITUTION_KINDS, required=True)
    name = _text()
    name_dative = _optional_text()
    name_genitive = _optional_text()
    name_en = _optional_text()
    address = fields.Dict(allow_none=True)
    forms = fields.Nested(
        InstitutionFormsSchema,
        required=True,
        metadata={"description": "The corrections where given, else the derived forms"},
    )
    derived = fields.Nested(
        InstitutionFormsSchema,
        required=True,
        metadata={"description": "What the rules derive from `name`"},
    )
    needs_review = fields.Boolean(
        required=True,
        metadata={"description": "The rules were unsure and not every form is corrected"},
    )
    created_at = fields.DateTime()
    created_by = fields.String()
    updated_at = fields.DateTime()
    updated_by = fields.String()
    url = fields.String()


class InstitutionListSchema(PageSchema):
    """One page of institutions, by name."""

    institutions = fields.List(fields.Nested(InstitutionAnswerSchema), required=True)


class MissingFieldSchema(AnswerSchema):
    """A field a step's document still lacks."""

    field = _text()
    messages = fields.Nested(LanguagesSchema, required=True)


class PlanStepSchema(AnswerSchema):
    """One step of a person's plan."""

    key = _text("<person>.<rule>: stable")
    person = _text("A child's id, or `mother`")
    rule = fields.String()
    template = _text()
    family = fields.String()
    reason = fields.Nested(LanguagesSchema)
    legal_basis = fields.Nested(LanguagesSchema)
    after = fields.List(
        fields.String(), metadata={"description": "Keys of the steps this one waits for"}
    )
    ready = fields.Boolean(required=True, metadata={"description": "Its document can be made now"})
    missing = fields.List(fields.Nested(MissingFieldSchema), required=True)
    status = _text()
    filed = fields.Dict(allow_none=True)
    decided = fields.Dict(allow_none=True)
    not_needed_reason = _optional_text()
    document_ids = fields.List(fields.String())
    due = fields.Date(allow_none=True)
    due_basis = fields.Nested(LanguagesSchema, allow_none=True)
    overdue = fields.Boolean(required=True)
    applies = fields.Boolean(
        metadata={"description": "false: the rules no longer ask for it; kept for its progress"}
    )


class PersonStepsSchema(AnswerSchema):
    """One person's steps, in order."""

    person = _text()
    steps = fields.List(fields.Nested(PlanStepSchema), required=True)


class PlanSchema(AnswerSchema):
    """A case's plan: each child's (and the mother's) steps in order."""

    case_id = _text()
    today = fields.Date(required=True)
    people = fields.List(fields.Nested(PersonStepsSchema), required=True)


class CaseloadItemSchema(AnswerSchema):
    """A person's next step in the caseload: ids, status and dates, no names."""

    case_id = _text()
    case_url = fields.String()
    plan_url = fields.String()
    person = _text()
    key = _text()
    rule = fields.String()
    template = _text()
    status = _text()
    ready = fields.Boolean()
    missing = fields.List(fields.String())
    due = fields.Date(allow_none=True)
    overdue = fields.Boolean(required=True)


class CaseloadSchema(PageSchema):
    """One page of next steps, overdue first, then by due date."""

    items = fields.List(fields.Nested(CaseloadItemSchema), required=True)


class SealSchema(AnswerSchema):
    """What anyone may know of an issued document: nothing personal."""

    code = _text()
    genuine = fields.Boolean(required=True)
    revoked = fields.Boolean(required=True)
    revoked_at = fields.DateTime(allow_none=True)
    revocation_reason = _optional_text()
    template = _text()
    template_title = fields.Nested(LanguagesSchema)
    version = fields.String()


class FileCheckSchema(AnswerSchema):
    """Whether a file is a document we issued, unchanged and not revoked."""

    genuine = fields.Boolean(required=True)
    sha256 = _text("SHA-256 of the file sent")
    reason = _optional_text("Why it is not genuine: revoked, unknown_document, ...")
    document = fields.Dict(allow_none=True, metadata={"description": "Its seal, if on record"})


class DocumentSealSchema(AnswerSchema):
    """A document's seal as its readers see it (`sealed: false` when it has none)."""

    document_id = _text()
    sealed = fields.Boolean(required=True)


class ShareListSchema(AnswerSchema):
    """A document's shares with organisations, and its links."""

    shares = fields.List(fields.Dict(), required=True)


class LinkSchema(AnswerSchema):
    """An expiring public download link."""

    url = _text("The address to hand on; shown once")


class HealthSchema(AnswerSchema):
    """The process serves requests, or every part is ready."""

    status = _text()
    checks = fields.Dict(keys=fields.String(), values=fields.String())


class PlaceAnswerSchema(AnswerSchema):
    """A place of Ukraine by the KATOTTG codifier, with the units it lies in."""

    katottg = _text("KATOTTG code: give it as a place's `katottg`")
    settlement = _optional_text("м. Донецьк; null for a territorial community")
    district = _optional_text("A city district")
    hromada = _optional_text()
    raion = _optional_text()
    oblast = _optional_text("null for Kyiv and Sevastopol")
    line = fields.Nested(LanguagesSchema, required=True)


class PlaceListSchema(AnswerSchema):
    """Places whose names begin with what was typed, exact names first."""

    places = fields.List(fields.Nested(PlaceAnswerSchema), required=True)
