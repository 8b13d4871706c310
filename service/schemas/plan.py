"""A change to one step of a case's plan (PATCH .../plan/steps/<step>).

Each part is optional here; `service.planning.steps.apply_step_change` merges it over
what was recorded and checks what the new status needs (a filing date, a decision date,
a reason).
"""

from __future__ import annotations

from marshmallow import fields

from service.i18n import N_
from service.schemas.base import BaseSchema
from service.schemas.common import OrganisationSchema, UkrainianBirthCertificateSchema
from service.schemas.fields import ChoiceField, TextField

CHANGE_STATUSES = ("pending", "prepared", "filed", "decided", "done", "not_needed")
OUTCOMES = ("granted", "refused")


class FiledSchema(BaseSchema):
    """Where and when the document was handed in."""

    filed_date = fields.Date(data_key="date", metadata={"example": "2026-11-20"})
    where = TextField(max_length=300, metadata={"example": "Шевченківський районний суд"})
    reference = TextField(max_length=100, metadata={"example": "вх. № 1234"})


class DecidedSchema(BaseSchema):
    """The answer, and what it gives the next documents."""

    decided_date = fields.Date(data_key="date", metadata={"example": "2026-12-04"})
    number = TextField(max_length=100, metadata={"example": "214"})
    outcome = ChoiceField(OUTCOMES, error=N_("Choose granted or refused."))
    court = fields.Nested(
        OrganisationSchema, metadata={"description": "birth_fact: the court that decided"}
    )
    case_number = TextField(
        max_length=50, metadata={"description": "birth_fact: the court's case number"}
    )
    certificate = fields.Nested(
        UkrainianBirthCertificateSchema,
        metadata={"description": "birth_registration: the birth certificate issued"},
    )
    authority = TextField(
        max_length=300,
        metadata={"description": "war_affected_status: the service that granted the status"},
    )


class StepChangeSchema(BaseSchema):
    """Body of a step change: a new status and what it records."""

    status = ChoiceField(
        CHANGE_STATUSES, error=N_("Choose one of the listed statuses."), load_default=None
    )
    filed = fields.Nested(FiledSchema)
    decided = fields.Nested(DecidedSchema)
    not_needed_reason = TextField(max_length=1000)
