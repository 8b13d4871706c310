"""Data of the medical.* documents: referrals to health care and consent to it.

Each referral names the person referred (`child`, or `patient` in the antenatal
referral), the receiving facility, and the referring organisation with the person who
signs for it. The age that decides who consents (or whether a legal representative is
needed) is counted on `referral_date`, or today when it is left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import date, timedelta
from typing import Any, ClassVar, Literal

from marshmallow import ValidationError, fields, validate, validates_schema

from service.i18n import N_
from service.schemas.base import BaseSchema, LocalizedTextField, is_future
from service.schemas.common import (
    AddressSchema,
    IdentityDocumentSchema,
    LegalRepresentativeSchema,
    OrganisationSchema,
    PersonSchema,
    SignatorySchema,
)
from service.schemas.fields import ChoiceField, TextField, UkrainianField
from service.ukrainian import age_on

URGENCIES = ("routine", "urgent", "emergency")
REFERRAL_KINDS = ("consultation", "diagnostics", "hospitalisation")
PSYCHOLOGICAL_REASONS = (
    "deportation",
    "captivity_of_parent",
    "loss_of_parent",
    "violence",
    "displacement",
    "other",
)
# Vaccines of the Ukrainian calendar (Ministry of Health Order 595 of 16.09.2011), by the
# infection they prevent; the names printed are in the message catalogs.
VACCINES = ("hepatitis_b", "bcg", "dtap", "dt", "ipv", "hib", "pcv", "mmr", "hpv")
HISTORY_VACCINES = (*VACCINES, "other")
VACCINATION_SOURCES = ("ukrainian_record", "occupation_record", "parent_statement", "unknown")

ADULT_AGE = 18
# Medical care (and psychological intervention): under 14 the legal representative
# consents (Fundamentals of Health Care Law art. 43), from 14 the person (Civil Code art. 284).
MEDICAL_CONSENT_AGE = 14
# Vaccination: under 15 the parents or other legal representatives consent (Law on the
# protection of the population against infectious diseases, art. 12); from 15 Civil Code
# art. 284 leaves consent to the child.
VACCINATION_CONSENT_AGE = 15
# Naegele's rule: the due date is 280 days after the first day of the last period.
PREGNANCY_DAYS = 280
LONGEST_PREGNANCY_DAYS = 43 * 7 - 1  # 42 weeks and 6 days
DUE_DATE_TOLERANCE_DAYS = 14
GESTATIONAL_AGE_TOLERANCE_WEEKS = 2

Consenting = Literal["child", "legal_representative"]

_E_REFERRAL = re.compile(r"[0-9A-Z]{4}(?:-?[0-9A-Z]{4}){3}")
_E_REFERRAL_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212]+")
# Cyrillic letters typed on a Ukrainian keyboard that look like the Latin ones of a number.
_CYRILLIC_LOOKALIKES = str.maketrans("АВЕІКМНОРСТХ", "ABEIKMHOPCTX")


def consenting_party(birth_date: date, on_date: date, consent_age: int) -> Consenting:
    """Tell who consents to care: the child from `consent_age`, else the representative."""
    return "child" if age_on(birth_date, on_date) >= consent_age else "legal_representative"


def referral_day(data: Mapping[str, Any], today: date | None = None) -> date:
    """The date a referral is judged on: its own date, or today."""
    value: date | None = data.get("referral_date")
    return value or today or date.today()


def add_error(errors: dict[Any, Any], path: str | tuple[str | int, ...], message: str) -> None:
    """Put a message at a (nested) path of a marshmallow error dict."""
    keys = tuple(path.split(".")) if isinstance(path, str) else path
    level = errors
    for key in keys[:-1]:
        level = level.setdefault(key, {})
    level.setdefault(keys[-1], []).append(message)


class EReferralNumberField(UkrainianField):
    """An electronic referral's number in the eHealth system: XXXX-XXXX-XXXX-XXXX."""

    default_metadata: ClassVar[dict[str, Any]] = {
        "description": "Number of the e-referral: 16 Latin letters or digits in groups of 4",
        "example": "2A4K-7M3P-91XT-06HC",
        "pattern": "^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$",
    }

    def normalise(self, value: str) -> str:
        """Return the number in capitals, grouped by dashes, or raise a ValidationError."""
        text = _E_REFERRAL_SEPARATORS.sub("-", value.strip().upper())
        text = text.translate(_CYRILLIC_LOOKALIKES)
        if not _E_REFERRAL.fullmatch(text):
            raise ValidationError(
                N_(
                    "Enter the e-referral number as 16 Latin letters or digits in four groups: "
                    "XXXX-XXXX-XXXX-XXXX."
                )
            )
        compact = text.replace("-", "")
        return "-".join(compact[index : index + 4] for index in range(0, 16, 4))


class PatientSchema(PersonSchema):
    """The person referred: identity, an identity document and address when known."""

    id_document = fields.Nested(IdentityDocumentSchema, load_default=None)
    address = fields.Nested(AddressSchema, load_default=None)


class WarAffectedStatusSchema(BaseSchema):
    """The decision that granted the status of a child affected by the war."""

    authority = TextField(
        required=True,
        max_length=300,
        metadata={"description": "Who decided: the Service for Children's Affairs"},
    )
    decision_date = fields.Date(required=True, data_key="date")
    number = TextField(required=True, max_length=50, metadata={"example": "312"})


class PsychologicalReasonSchema(BaseSchema):
    """Why psychological support is needed: the gravest circumstance, and details."""

    kind = ChoiceField(
        PSYCHOLOGICAL_REASONS,
        error=N_("Choose one of the listed reasons."),
        required=True,
    )
    details = LocalizedTextField(load_default=None, max_length=2000)

    other_needs_details = ("kind", "details", N_("Describe the reason for the referral."))


class VaccinationRecordSchema(BaseSchema):
    """One known vaccination: vaccine, date (if known) and where the record comes from."""

    vaccine = ChoiceField(
        HISTORY_VACCINES,
        error=N_("Choose one of the listed vaccines."),
        required=True,
    )
    vaccination_date = fields.Date(load_default=None, data_key="date")
    source = ChoiceField(
        VACCINATION_SOURCES,
        error=N_("Choose one of the listed sources."),
        required=True,
    )
    details = LocalizedTextField(
        load_default=None,
        max_length=300,
        multiline=False,
        metadata={"description": "Product, dose, batch: as the record gives them"},
    )

    other_needs_details = ("vaccine", "details", N_("Name the vaccine."))


class ReferralBaseSchema(BaseSchema):
    """What every referral has: where to, from whom, when."""

    person_key: ClassVar[str] = "child"

    receiving_facility = fields.Nested(
        OrganisationSchema,
        required=True,
        metadata={"description": "The facility the person is referred to"},
    )
    specialist = LocalizedTextField(
        load_default=None,
        max_length=200,
        multiline=False,
        metadata={"description": "The specialist or department, e.g. a paediatric neurologist"},
    )
    referring_organisation = fields.Nested(OrganisationSchema, required=True)
    referring_person = fields.Nested(
        SignatorySchema,
        required=True,
        metadata={"description": "Who issues and signs the referral"},
    )
    referral_date = fields.Date(load_default=None, metadata={"description": "Today if left out"})

    @validates_schema(skip_on_field_errors=True)
    def check_referral(self, data: Mapping[str, Any], **kwargs: Any) -> None:
        """Apply the document's rules; every broken rule is reported at its field."""
        errors: dict[Any, Any] = {}
        referral_date: date | None = data.get("referral_date")
        person = data[self.person_key]
        if referral_date and is_future(referral_date):
            add_error(errors, "referral_date", N_("The date cannot be in the future."))
        elif referral_date and referral_date < person["birth_date"]:
            add_error(
                errors,
                "referral_date",
                N_("The referral cannot predate the birth of the person referred."),
            )
        else:
            self.check_rules(data, referral_day(data), errors)
        if errors:
            raise ValidationError(errors)

    def check_rules(self, data: Mapping[str, Any], on_date: date, errors: dict[Any, Any]) -> None:
        """Add the errors of this document's own rules, judged on `on_date`."""


def check_consent(
    data: Mapping[str, Any], on_date: date, consent_age: int, errors: dict[Any, Any]
) -> None:
    """Require the legal representative when the child is too young to consent alone."""
    party = consenting_party(data["child"]["birth_date"], on_date, consent_age)
    if party == "legal_representative" and not data.get("legal_representative"):
        message = (
            N_(
                "A child under 15 is vaccinated with the consent of a legal representative: "
                "give one."
            )
            if consent_age == VACCINATION_CONSENT_AGE
            else N_(
                "A child under 14 receives care with the consent of a legal representative: "
                "give one."
            )
        )
        add_error(errors, "legal_representative", message)


def urgency_field() -> fields.String:
    """How soon the person must be seen."""
    return ChoiceField(
        URGENCIES,
        error=N_("Choose routine, urgent or emergency."),
        required=True,
    )


def referral_kind_field(**kwargs: Any) -> fields.String:
    """What the person is referred for."""
    return fields.String(
        validate=validate.OneOf(
            REFERRAL_KINDS, error=N_("Choose consultation, diagnostics or hospitalisation.")
        ),
        metadata={"enum": list(REFERRAL_KINDS)},
        **kwargs,
    )


class ChildReferralSchema(ReferralBaseSchema):
    """A child's referral to a facility or specialist: what Order 586 asks for."""

    child = fields.Nested(PatientSchema, required=True)
    legal_representative = fields.Nested(LegalRepresentativeSchema, load_default=None)
    urgency = urgency_field()
    e_referral_number = EReferralNumberField(load_default=None)
    no_family_doctor_declaration = fields.Boolean(
        load_default=False,
        metadata={"description": "The child has no declaration with a family doctor"},
    )


class ReferralSchema(ChildReferralSchema):
    """Referral of a child to a health-care facility (Ministry of Health Order 586)."""

    kind = referral_kind_field(required=True)
    reason = LocalizedTextField(required=True, max_length=2000)

    def find_warnings(
        self, data: Mapping[str, Any]
    ) -> Iterator[tuple[str, str, dict[str, object]]]:
        """Warn when a child under 14 comes without a legal representative."""
        party = consenting_party(
            data["child"]["birth_date"], referral_day(data), MEDICAL_CONSENT_AGE
        )
        if party == "legal_representative" and not data.get("legal_representative"):
            yield (
                "legal_representative",
                N_("A child under 14 needs a legal representative to consent to care."),
                {},
            )


class PsychologicalSupportReferralSchema(ChildReferralSchema):
    """Referral for psychological support, with consent to the intervention."""

    kind = referral_kind_field(load_default="consultation")
    reason = fields.Nested(PsychologicalReasonSchema, required=True)
    war_affected_status = fields.Nested(
        WarAffectedStatusSchema,
        load_default=None,
        metadata={"description": "The decision granting the status of a war-affected child"},
    )

    def check_rules(self, data: Mapping[str, Any], on_date: date, errors: dict[Any, Any]) -> None:
        """Consent by age; a status decision after the birth and not after the referral."""
        check_consent(data, on_date, MEDICAL_CONSENT_AGE, errors)
        status = data.get("war_affected_status")
        if status:
            decided = status["decision_date"]
            if decided < data["child"]["birth_date"]:
                add_error(
                    errors,
                    "war_affected_status.date",
                    N_("The decision cannot predate the child's birth."),
                )
            elif decided > on_date:
                add_error(
                    errors,
                    "war_affected_status.date",
                    N_("The decision cannot postdate the referral."),
                )


class PrenatalCareReferralSchema(ReferralBaseSchema):
    """Referral of a pregnant woman for antenatal care (standard "Normal pregnancy")."""

    person_key: ClassVar[str] = "patient"

    patient = fields.Nested(PatientSchema, required=True)
    legal_representative = fields.Nested(
        LegalRepresentativeSchema,
        load_default=None,
        metadata={"description": "Required when the patient is under 18"},
    )
    gestational_age_weeks = fields.Integer(
        load_default=None,
        strict=True,
        validate=validate.Range(
            min=1, max=42, error=N_("Enter a gestational age from 1 to 42 weeks.")
        ),
    )
    last_menstrual_period = fields.Date(
        load_default=None, metadata={"description": "First day of the last menstrual period"}
    )
    expected_due_date = fields.Date(
        load_default=None,
        metadata={"description": "Computed from the last menstrual period if left out"},
    )
    known_history = LocalizedTextField(
        load_default=None,
        max_length=4000,
        metadata={"description": "Previous pregnancies, illnesses, allergies, examinations"},
    )
    urgency = urgency_field()
    denied_care_without_russian_documents = fields.Boolean(
        load_default=False,
        metadata={
            "description": "She was refused care on the occupied territory for lack of "
            "Russian documents"
        },
    )

    def check_rules(self, data: Mapping[str, Any], on_date: date, errors: dict[Any, Any]) -> None:
        """A woman; a gestational age or a last period; a representative for a minor."""
        patient = data["patient"]
        if patient["sex"] != "female":
            add_error(
                errors,
                "patient.sex",
                N_("An antenatal care referral is only for a woman: check the sex."),
            )
        weeks = data.get("gestational_age_weeks")
        period: date | None = data.get("last_menstrual_period")
        if weeks is None and period is None:
            add_error(
                errors,
                "gestational_age_weeks",
                N_("Give the gestational age in weeks or the first day of the last period."),
            )
        if period is not None:
            if period > on_date:
                add_error(
                    errors,
                    "last_menstrual_period",
                    N_("The last period cannot begin after the referral date."),
                )
            elif (on_date - period).days > LONGEST_PREGNANCY_DAYS:
                add_error(
                    errors,
                    "last_menstrual_period",
                    N_("The last period began more than 42 weeks before the referral date."),
                )
            elif period < patient["birth_date"]:
                add_error(
                    errors,
                    "last_menstrual_period",
                    N_("The last period cannot predate the patient's birth."),
                )
        if age_on(patient["birth_date"], on_date) < ADULT_AGE and not data.get(
            "legal_representative"
        ):
            add_error(
                errors,
                "legal_representative",
                N_("The patient is under 18: give her legal representative."),
            )

    def find_warnings(
        self, data: Mapping[str, Any]
    ) -> Iterator[tuple[str, str, dict[str, object]]]:
        """Warn when the due date or gestational age disagree with the last period."""
        period: date | None = data.get("last_menstrual_period")
        if period is None:
            return
        computed = due_date_from_period(period)
        given: date | None = data.get("expected_due_date")
        if given and abs((given - computed).days) > DUE_DATE_TOLERANCE_DAYS:
            yield (
                "expected_due_date",
                N_(
                    "The expected due date differs by more than 14 days from the one computed "
                    "from the last period, %(date)s."
                ),
                {"date": computed.strftime("%d.%m.%Y")},
            )
        weeks = data.get("gestational_age_weeks")
        computed_weeks = (referral_day(data) - period).days // 7
        if weeks is not None and abs(weeks - computed_weeks) > GESTATIONAL_AGE_TOLERANCE_WEEKS:
            yield (
                "gestational_age_weeks",
                N_(
                    "The gestational age differs by more than 2 weeks from the one computed "
                    "from the last period, %(weeks)s full weeks."
                ),
                {"weeks": computed_weeks},
            )


def due_date_from_period(period: date) -> date:
    """The expected due date: 280 days after the first day of the last period."""
    return period + timedelta(days=PREGNANCY_DAYS)


class CatchUpVaccinationReferralSchema(ReferralBaseSchema):
    """Referral for catch-up vaccination by the Ukrainian calendar, with consent."""

    child = fields.Nested(PatientSchema, required=True)
    legal_representative = fields.Nested(LegalRepresentativeSchema, load_default=None)
    vaccination_history = fields.List(
        fields.Nested(VaccinationRecordSchema),
        load_default=list,
        validate=validate.Length(max=60, error=N_("List at most 60 vaccinations.")),
    )
    missing_vaccines = fields.List(
        fields.String(
            validate=validate.OneOf(VACCINES, error=N_("Choose one of the listed vaccines."))
        ),
        required=True,
        validate=validate.Length(min=1, error=N_("List at least one missing vaccine.")),
        metadata={"description": "Vaccines of the calendar the child still needs"},
    )

    def check_rules(self, data: Mapping[str, Any], on_date: date, errors: dict[Any, Any]) -> None:
        """Consent by age; history dates between the birth and the referral; no repeats."""
        check_consent(data, on_date, VACCINATION_CONSENT_AGE, errors)
        birth_date = data["child"]["birth_date"]
        for index, record in enumerate(data["vaccination_history"]):
            given: date | None = record.get("vaccination_date")
            if given is None:
                continue
            path = ("vaccination_history", index, "date")
            if given < birth_date:
                add_error(errors, path, N_("The vaccination cannot predate the child's birth."))
            elif given > on_date:
                add_error(errors, path, N_("The vaccination cannot postdate the referral."))
        missing = data["missing_vaccines"]
        if len(set(missing)) != len(missing):
            add_error(errors, "missing_vaccines", N_("List each missing vaccine once."))
