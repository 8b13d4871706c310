"""Data of the medical.* documents: referrals to health care and consent to it.

Each referral names the person referred (`child`, or `patient` in the antenatal
referral), the receiving facility, and the referring organisation with the person who
signs for it. The age that decides who consents (or whether a legal representative is
needed) is counted on `referral_date`, or today when it is left out. What must be true of
the person for a referral to apply at all (a child; a pregnant woman; a consenting adult
who is a legal representative) is checked by the premises in `service.documents.medical`,
not here: a false premise refuses the document, a missing field is an error.
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
# Vaccines of the Vaccination Calendar of Ukraine (Ministry of Health Order 595 of 16.09.2011,
# as amended by Order 396 of 05.03.2025 from 01.01.2026: 11 infections), by the infection they
# prevent; the names printed are in the message catalogs. Pneumococcal vaccine is not one of
# them: a dose given elsewhere may be recorded in the history, and a doctor may be asked for
# it as another vaccine (`other_vaccines`), never as a gap in the calendar.
VACCINES = ("hepatitis_b", "bcg", "dtap", "dt", "ipv", "hib", "mmr", "hpv")
NOT_IN_CALENDAR = ("pcv",)
HISTORY_VACCINES = (*VACCINES, *NOT_IN_CALENDAR, "other")
# Age limits of catch-up vaccination as the Calendar's catch-up chapter is reported (its text
# was not read: docs/legal/medical.catch_up_vaccination_referral.toml, calendar_catch_up), so
# they warn and never refuse: no Hib from 5 years, no whole-cell pertussis from 7; HPV is one
# dose for girls of 12 and 13.
HIB_UNTIL_AGE = 5
PERTUSSIS_UNTIL_AGE = 7
HPV_AGES = (12, 13)
VACCINATION_SOURCES = ("ukrainian_record", "occupation_record", "parent_statement", "unknown")

ADULT_AGE = 18
# Medical care (and psychological intervention): under 14 the legal representative
# consents (Fundamentals of Health Care Law art. 43), from 14 the person (Civil Code
# art. 284 part 3).
MEDICAL_CONSENT_AGE = 14
# Vaccination: under 15 the parents or other legal representatives consent (Law on the
# protection of the population against infectious diseases, art. 12); from 14 the child's
# own consent is needed too (Civil Code art. 284 part 3), so at 14 both consent, and from
# 15 the child alone.
VACCINATION_CONSENT_AGE = 15
# Who is a child's legal representative (Civil Code art. 242): the parents, the guardian,
# or another person a law names. A grandparent, an adult sibling, another relative or a
# person raising the child is one only once appointed guardian (then: "guardian").
LEGAL_REPRESENTATIVE_RELATIONS = ("mother", "father", "guardian", "legal_representative")
# Naegele's rule: the due date is 280 days after the first day of the last period.
PREGNANCY_DAYS = 280
LONGEST_PREGNANCY_DAYS = 43 * 7 - 1  # 42 weeks and 6 days
DUE_DATE_TOLERANCE_DAYS = 14
GESTATIONAL_AGE_TOLERANCE_WEEKS = 2

Consenting = Literal["child", "legal_representative"]

# An e-referral number: 16 digits in four groups (the eHealth central component's
# generator); the letters the eHealth numbers use besides digits are only those that look
# alike in Latin and Cyrillic (A E H K M P T X), so those are accepted and no others.
_E_REFERRAL_CHARACTER = "[0-9AEHKMPTX]"
_E_REFERRAL = re.compile(f"{_E_REFERRAL_CHARACTER}{{4}}(?:-?{_E_REFERRAL_CHARACTER}{{4}}){{3}}")
_E_REFERRAL_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212]+")
# Cyrillic letters typed on a Ukrainian keyboard that look like the Latin ones of a number.
_CYRILLIC_LOOKALIKES = str.maketrans("АЕКМНРТХ", "AEKMHPTX")


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
    """An electronic referral's number in the eHealth system: 0000-0000-0000-0000."""

    default_metadata: ClassVar[dict[str, Any]] = {
        "description": "Number of the e-referral: 16 digits in groups of 4 (of letters, only "
        "A E H K M P T X)",
        "example": "8830-3875-8474-6820",
        "pattern": "^[0-9AEHKMPTX]{4}-[0-9AEHKMPTX]{4}-[0-9AEHKMPTX]{4}-[0-9AEHKMPTX]{4}$",
    }

    def normalise(self, value: str) -> str:
        """Return the number in capitals, grouped by dashes, or raise a ValidationError."""
        text = _E_REFERRAL_SEPARATORS.sub("-", value.strip().upper())
        text = text.translate(_CYRILLIC_LOOKALIKES)
        if not _E_REFERRAL.fullmatch(text):
            raise ValidationError(
                N_(
                    "Enter the e-referral number as 16 digits in four groups of four, "
                    "e.g. 8830-3875-8474-6820."
                )
            )
        compact = text.replace("-", "")
        return "-".join(compact[index : index + 4] for index in range(0, 16, 4))


class PatientSchema(PersonSchema):
    """The person referred: identity, an identity document and address when known."""

    id_document = fields.Nested(IdentityDocumentSchema, load_default=None)
    address = fields.Nested(AddressSchema, load_default=None)


class DecisionSchema(BaseSchema):
    """A decision of an authority: who decided, when, and its number."""

    authority = TextField(
        required=True,
        max_length=300,
        metadata={"description": "Who decided: the Service for Children's Affairs"},
    )
    decision_date = fields.Date(required=True, data_key="date")
    number = TextField(required=True, max_length=50, metadata={"example": "312"})

    @validates_schema(skip_on_field_errors=False)  # with the format errors: all at once
    def check_date(self, data: Mapping[str, Any], **kwargs: Any) -> None:
        """A decision is not dated in the future."""
        if data.get("decision_date") and is_future(data["decision_date"]):
            raise ValidationError(N_("The date cannot be in the future."), "date")


class WarAffectedStatusSchema(DecisionSchema):
    """The decision that granted the status of a child affected by the war."""


class GuardianAppointmentSchema(DecisionSchema):
    """The decision appointing the guardian (curator): what proves a guardian's authority."""

    authority = TextField(
        required=True,
        max_length=300,
        metadata={
            "description": "Who appointed the guardian: the guardianship authority (e.g. a "
            "district administration or a council's executive committee) or a court"
        },
    )


class MedicalRepresentativeSchema(LegalRepresentativeSchema):
    """The adult with the child: a parent, a guardian with the decision, or a relative."""

    appointment = fields.Nested(
        GuardianAppointmentSchema,
        load_default=None,
        metadata={"description": "The decision appointing the guardian: required for a guardian"},
    )

    @validates_schema(skip_on_field_errors=True)
    def check_appointment(self, data: Mapping[str, Any], **kwargs: Any) -> None:
        """A guardian names the decision that appointed them; nobody else has one."""
        if data.get("relation") == "guardian" and not data.get("appointment"):
            raise ValidationError(
                N_(
                    "Give the decision appointing the guardian: the authority, the date and "
                    "the number."
                ),
                "appointment",
            )
        if data.get("appointment") and data.get("relation") != "guardian":
            raise ValidationError(
                N_("Only a guardian has a decision of appointment: choose the relation guardian."),
                "relation",
            )


def is_legal_representative(representative: Mapping[str, Any] | None) -> bool:
    """Whether the adult named is the child's legal representative (parent or guardian)."""
    return representative is not None and (
        representative.get("relation") in LEGAL_REPRESENTATIVE_RELATIONS
    )


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
    """What every referral has: where to, from whom, when, under which number."""

    person_key: ClassVar[str] = "child"
    # Under this age the representative consents, so one must be given (None: nobody signs).
    consent_age: ClassVar[int | None] = None

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
    referring_organisation = fields.Nested(
        OrganisationSchema,
        required=True,
        metadata={"description": "The referring facility, with its ЄДРПОУ code (edrpou)"},
    )
    referring_person = fields.Nested(
        SignatorySchema,
        required=True,
        metadata={"description": "Who issues and signs the referral"},
    )
    referral_date = fields.Date(load_default=None, metadata={"description": "Today if left out"})
    registration_number = TextField(
        load_default=None,
        max_length=30,
        multiline=False,
        metadata={
            "description": "The referral's registration number at the referring facility "
            "(DSTU 4163:2020 lists it among a document's requisites); a blank to fill in by "
            "hand is printed when left out",
            "example": "145",
        },
    )

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
            on_date = referral_day(data)
            self.check_representative(data, on_date, errors)
            self.check_rules(data, on_date, errors)
        if errors:
            raise ValidationError(errors)

    def check_representative(
        self, data: Mapping[str, Any], on_date: date, errors: dict[Any, Any]
    ) -> None:
        """Require a representative under the consent age; date a guardian's appointment."""
        person = data[self.person_key]
        representative = data.get("legal_representative")
        if self.consent_age is not None and not representative:
            party = consenting_party(person["birth_date"], on_date, self.consent_age)
            if party == "legal_representative":
                add_error(errors, "legal_representative", REPRESENTATIVE_NEEDED[self.consent_age])
        appointment = (representative or {}).get("appointment")
        if appointment:
            path = "legal_representative.appointment.date"
            if appointment["decision_date"] < person["birth_date"]:
                add_error(errors, path, N_("The decision cannot predate the child's birth."))
            elif appointment["decision_date"] > on_date:
                add_error(errors, path, N_("The decision cannot postdate the referral."))

    def check_rules(self, data: Mapping[str, Any], on_date: date, errors: dict[Any, Any]) -> None:
        """Add the errors of this document's own rules, judged on `on_date`."""

    def find_warnings(
        self, data: Mapping[str, Any]
    ) -> Iterator[tuple[str, str, dict[str, object]]]:
        """Warn when the letterhead would lack the referring facility's ЄДРПОУ code."""
        if not data["referring_organisation"].get("edrpou"):
            yield (
                "referring_organisation.edrpou",
                N_("Give the referring facility's ЄДРПОУ code: the letterhead prints it."),
                {},
            )


REPRESENTATIVE_NEEDED = {
    MEDICAL_CONSENT_AGE: N_(
        "A child under 14 receives care with the consent of a legal representative: give one."
    ),
    VACCINATION_CONSENT_AGE: N_(
        "A child under 15 is vaccinated with the consent of a legal representative: give one."
    ),
}


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
    legal_representative = fields.Nested(MedicalRepresentativeSchema, load_default=None)
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
        """Warn when a child under 14 comes without a legal representative to consent."""
        yield from super().find_warnings(data)
        party = consenting_party(
            data["child"]["birth_date"], referral_day(data), MEDICAL_CONSENT_AGE
        )
        if party != "legal_representative":
            return
        representative = data.get("legal_representative")
        if not representative:
            yield (
                "legal_representative",
                N_("A child under 14 needs a legal representative to consent to care."),
                {},
            )
        elif not is_legal_representative(representative):
            yield (
                "legal_representative.relation",
                N_(
                    "The adult with the child is not a parent or guardian: the receiving "
                    "facility needs a legal representative's consent for a child under 14."
                ),
                {},
            )


class PsychologicalSupportReferralSchema(ChildReferralSchema):
    """Referral for psychological support, with consent to the intervention."""

    consent_age: ClassVar[int | None] = MEDICAL_CONSENT_AGE

    kind = referral_kind_field(load_default="consultation")
    reason = fields.Nested(PsychologicalReasonSchema, required=True)
    war_affected_status = fields.Nested(
        WarAffectedStatusSchema,
        load_default=None,
        metadata={"description": "The decision granting the status of a war-affected child"},
    )

    def check_rules(self, data: Mapping[str, Any], on_date: date, errors: dict[Any, Any]) -> None:
        """A status decision after the birth and not after the referral."""
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
    """Referral of a pregnant woman for antenatal care (Standards "Normal pregnancy")."""

    person_key: ClassVar[str] = "patient"
    consent_age: ClassVar[int | None] = MEDICAL_CONSENT_AGE

    patient = fields.Nested(PatientSchema, required=True)
    legal_representative = fields.Nested(
        MedicalRepresentativeSchema,
        load_default=None,
        metadata={
            "description": "Required when the patient is under 14 (the representative "
            "consents); optional from 14, when she consents herself"
        },
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
            "Russian documents (printed once, in the known history)"
        },
    )

    def check_rules(self, data: Mapping[str, Any], on_date: date, errors: dict[Any, Any]) -> None:
        """A gestational age or a last period, neither after the referral nor before the birth."""
        patient = data["patient"]
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
            elif period < patient["birth_date"]:
                add_error(
                    errors,
                    "last_menstrual_period",
                    N_("The last period cannot predate the patient's birth."),
                )


def due_date_from_period(period: date) -> date:
    """The expected due date: 280 days after the first day of the last period."""
    return period + timedelta(days=PREGNANCY_DAYS)


def check_missing_vaccine(value: str) -> None:
    """One vaccine of the calendar; pneumococcal vaccine is named as not in it."""
    if value in NOT_IN_CALENDAR:
        raise ValidationError(
            N_(
                "Pneumococcal vaccination is not one of the mandatory vaccinations of the "
                "Vaccination Calendar of Ukraine: name it under other vaccines (other_vaccines), "
                "not as a missing calendar vaccination."
            )
        )
    if value not in VACCINES:
        raise ValidationError(N_("Choose one of the listed vaccines."))


class CatchUpVaccinationReferralSchema(ReferralBaseSchema):
    """Referral for catch-up vaccination by the Ukrainian calendar, with consent."""

    consent_age: ClassVar[int | None] = VACCINATION_CONSENT_AGE

    child = fields.Nested(PatientSchema, required=True)
    legal_representative = fields.Nested(MedicalRepresentativeSchema, load_default=None)
    vaccination_history = fields.List(
        fields.Nested(VaccinationRecordSchema),
        load_default=list,
        validate=validate.Length(max=60, error=N_("List at most 60 vaccinations.")),
    )
    missing_vaccines = fields.List(
        fields.String(validate=check_missing_vaccine, metadata={"enum": list(VACCINES)}),
        required=True,
        validate=validate.Length(min=1, error=N_("List at least one missing vaccine.")),
        metadata={"description": "Vaccinations of the calendar the child still needs"},
    )
    other_vaccines = fields.List(
        LocalizedTextField(max_length=200, multiline=False),
        load_default=list,
        validate=validate.Length(max=5, error=N_("List at most 5 other vaccines.")),
        metadata={
            "description": "Vaccinations outside the calendar the doctor is asked to consider, "
            "e.g. against pneumococcal disease"
        },
    )

    def check_rules(self, data: Mapping[str, Any], on_date: date, errors: dict[Any, Any]) -> None:
        """History dates between the birth and the referral; no repeats."""
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

    def find_warnings(
        self, data: Mapping[str, Any]
    ) -> Iterator[tuple[str, str, dict[str, object]]]:
        """Warn of a vaccine the calendar, as reported, does not give at the child's age."""
        yield from super().find_warnings(data)
        child = data["child"]
        age = age_on(child["birth_date"], referral_day(data))
        missing = data["missing_vaccines"]
        for index, vaccine in enumerate(missing):
            path = f"missing_vaccines.{index}"
            if vaccine == "hib" and age >= HIB_UNTIL_AGE:
                yield (
                    path,
                    N_(
                        "As reported, the calendar gives no catch-up vaccination against Hib "
                        "infection from the age of 5; the child is %(age)s. Check with the doctor."
                    ),
                    {"age": age},
                )
            elif vaccine == "dtap" and age >= PERTUSSIS_UNTIL_AGE:
                yield (
                    path,
                    N_(
                        "As reported, whole-cell pertussis vaccine is not used from the age of 7; "
                        "the child is %(age)s: list diphtheria and tetanus (dt) instead."
                    ),
                    {"age": age},
                )
            elif vaccine == "hpv" and (child["sex"] != "female" or age not in HPV_AGES):
                yield (
                    path,
                    N_(
                        "The calendar gives HPV vaccination to girls aged 12 and 13 (one dose); "
                        "check whether this child is to have it."
                    ),
                    {},
                )
