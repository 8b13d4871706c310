"""Data of the custody.* documents: custody of returned children and family reunification.

Ages are judged on the document's own date (the application, consent or handover date),
or today when the date is left out, with `service.ukrainian.age_on`.

Decisions recorded here (see the tests in tests/unit/test_custody_rules.py):

- War-affected status (CMU Resolution 268): a parent or other legal representative
  applies for the child, or the child applies alone from 14 (leave `applicant` out). A
  person of 18 or older applies alone (the status is also granted to a person who was a
  child when it happened, so this is only a warning). An applicant must be 18 or older,
  except a parent, who may act for the child from 14 (Family Code, article 156).
  Exactly one circumstance is given, the gravest: a list is refused with a clear error.
- Guardianship (Family Code, article 243): guardianship (опіка) under 14, curatorship
  (піклування) from 14 to 18, chosen from the child's age on the application date and
  never sent by the client (an unknown `kind` field is refused).
- Handover act: no official form was found; dates must follow each other (deportation,
  return, handover), the receiving person must be a parent, guardian or other legal
  representative, and the handover time is HH:MM.
- Accompanying-adult consent (Civil Code, article 313; CMU Resolution 57): one or two
  consenting parents (or a guardian); the accompanying adult is 18 or older on the
  consent date; the trip starts on or after the consent date and ends on or after it
  starts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import date, time
from typing import Any

from marshmallow import ValidationError, fields, pre_load, validate, validates_schema

from service.i18n import N_
from service.schemas.base import BaseSchema, LocalizedTextField, is_future
from service.schemas.common import (
    AddressSchema,
    ApplicantSchema,
    ChildSchema,
    ContactsMixin,
    CountryField,
    IdentityDocumentSchema,
    LegalRepresentativeSchema,
    OrganisationSchema,
    PersonSchema,
    PlaceSchema,
    SignatorySchema,
    UkrainianBirthCertificateSchema,
)
from service.schemas.fields import ChoiceField, NameField, PhoneField, TextField
from service.ukrainian import age_on

ADULT_AGE = 18
PARENT_MIN_AGE = 14  # Family Code, article 156: a minor parent acts for the child from 14
CHILD_APPLIES_ALONE_AGE = 14
CURATORSHIP_AGE = 14  # Family Code, article 243
PARENT_RELATIONS = ("mother", "father")
ADULT_DOCUMENT_KINDS = ("id_card", "booklet_passport", "foreign_passport", "other")

MSG_CHOOSE_KIND = N_("Choose one of the listed kinds.")
MSG_FUTURE = N_("The date cannot be in the future.")
MSG_BEFORE_BIRTH = N_("The date is before the child's birth.")
MSG_REPRESENTATIVE_AGE = N_(
    "The person must be 18 or older on the document's date; a parent may act for the "
    "child from the age of 14 (Family Code of Ukraine, article 156)."
)
MSG_ADULT_AGE = N_("The person must be 18 or older on the document's date.")
MSG_ADULT_DOCUMENT = N_("Give an identity document of an adult: an ID card or a passport.")


# --- Small helpers ------------------------------------------------------------------


def age_or_none(birth_date: date | None, on_date: date) -> int | None:
    """Full years on a date, or None when the date is missing or before the birth."""
    if birth_date is None or on_date < birth_date:
        return None
    return age_on(birth_date, on_date)


def document_date(data: Mapping[str, Any], key: str) -> date:
    """The date the document's ages are judged on: its own date, else today."""
    value: date | None = data.get(key)
    return value or date.today()


def representative_age_error(person: Mapping[str, Any], on_date: date) -> str | None:
    """An adult acts for a child; a parent may from 14 (Family Code, article 156)."""
    age = age_or_none(person.get("birth_date"), on_date)
    if age is None:
        return MSG_REPRESENTATIVE_AGE
    minimum = PARENT_MIN_AGE if person.get("relation") in PARENT_RELATIONS else ADULT_AGE
    return MSG_REPRESENTATIVE_AGE if age < minimum else None


def adult_document_error(person: Mapping[str, Any]) -> str | None:
    """An adult is identified by an ID card or a passport, not a birth certificate."""
    document = person.get("id_document")
    if document and document.get("kind") not in ADULT_DOCUMENT_KINDS:
        return MSG_ADULT_DOCUMENT
    return None


def check_document_date(
    errors: dict[str, Any], key: str, value: date | None, birth_date: date | None
) -> None:
    """A document's own date: not in the future, not before the child's birth."""
    if value is None:
        return
    if is_future(value):
        errors[key] = [MSG_FUTURE]
    elif birth_date is not None and value < birth_date:
        errors[key] = [MSG_BEFORE_BIRTH]


def add_error(errors: dict[str, Any], path: tuple[str, ...], message: str) -> None:
    """Put a message at a nested path of an error dict: ("child", "birth_date")."""
    node = errors
    for key in path[:-1]:
        node = node.setdefault(key, {})
    node.setdefault(path[-1], []).append(message)


class SingleChoiceField(ChoiceField):
    """One value of a list of choices; a list of several is refused with its own message."""

    def __init__(self, choices: tuple[str, ...], *, many_error: str, **kwargs: Any) -> None:
        super().__init__(choices, **kwargs)
        self.many_error = many_error

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        if isinstance(value, list | tuple | set | dict):
            raise ValidationError(self.many_error)
        return super()._deserialize(value, attr, data, **kwargs)


CLOCK_TIME = re.compile(r"^([01]?[0-9]|2[0-3]):([0-5][0-9])$")


class ClockTimeField(fields.Field[time]):
    """A time of day as HH:MM (24-hour clock), loaded as a `datetime.time`."""

    default_error_messages = {  # noqa: RUF012 - marshmallow's own class-level convention
        "invalid": N_("Enter the time as HH:MM, e.g. 14:30."),
    }

    def __init__(self, **kwargs: Any) -> None:
        metadata = {
            "type": "string",
            "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$",
            "example": "14:30",
            **(kwargs.pop("metadata", None) or {}),
        }
        super().__init__(metadata=metadata, **kwargs)

    def _deserialize(
        self, value: Any, attr: str | None, data: Mapping[str, Any] | None, **kwargs: Any
    ) -> time:
        match = CLOCK_TIME.match(value.strip()) if isinstance(value, str) else None
        if match is None:
            raise self.make_error("invalid")
        return time(int(match.group(1)), int(match.group(2)))

    def _serialize(self, value: time | None, attr: str | None, obj: Any, **kwargs: Any) -> Any:
        return None if value is None else f"{value.hour:02d}:{value.minute:02d}"


class AttachmentSchema(BaseSchema):
    """An attached document: a kind of the document's list, described when "other"."""

    KINDS: tuple[str, ...] = ("other",)

    description = LocalizedTextField(load_default=None, max_length=500, multiline=False)

    other_needs_details = ("kind", "description", N_("Describe this attachment."))


class CustodyChildSchema(ChildSchema):
    """The child, with a document if one exists (birth certificate, ID card)."""

    id_document = fields.Nested(IdentityDocumentSchema, load_default=None)


# --- custody.war_affected_status_application -----------------------------------------

STATUS_CIRCUMSTANCES = (
    "injury",
    "physical_violence",
    "sexual_violence",
    "psychological_violence",
    "abduction_or_captivity",
    "deportation_or_forced_displacement",
    "involvement_in_armed_formations",
    "death_or_missing_parent",
    "loss_of_parental_care",
)
MSG_ONE_CIRCUMSTANCE = N_(
    "Choose one circumstance only: the one with the gravest effect on the child's "
    "health and development; describe the others in circumstance_details."
)

STATUS_ATTACHMENT_KINDS = (
    "child_birth_certificate",
    "child_passport",
    "applicant_id_document",
    "relationship_document",
    "idp_certificate",
    "medical_documents",
    "criminal_proceedings_extract",
    "return_documents",
    "parent_death_or_missing_documents",
    "psychological_assessment",
    "other",
)


class StatusAttachmentSchema(AttachmentSchema):
    """A document attached to the application for the status."""

    kind = ChoiceField(
        STATUS_ATTACHMENT_KINDS,
        error=MSG_CHOOSE_KIND,
        required=True,
    )


class StatusChildSchema(CustodyChildSchema, ContactsMixin):
    """The child: where the child lives decides which service considers the application."""


class WarAffectedStatusApplicationSchema(BaseSchema):
    """Application for the status of a child affected by hostilities and armed conflicts."""

    authority = fields.Nested(
        OrganisationSchema,
        required=True,
        metadata={"description": "The Service for Children's Affairs at the child's residence"},
    )
    applicant = fields.Nested(
        LegalRepresentativeSchema,
        load_default=None,
        metadata={"description": "Leave out when the child (14 or older) applies alone"},
    )
    child = fields.Nested(StatusChildSchema, required=True)
    circumstance = SingleChoiceField(
        STATUS_CIRCUMSTANCES,
        many_error=MSG_ONE_CIRCUMSTANCE,
        required=True,
        metadata={"description": "The one circumstance with the gravest effect on the child"},
    )
    circumstance_details = LocalizedTextField(
        required=True,
        max_length=4000,
        metadata={"description": "When, where and how it happened; other circumstances"},
    )
    personal_data_consent = fields.Boolean(
        required=True,
        metadata={"description": "Consent to the processing of personal data: must be true"},
    )
    attachments = fields.List(
        fields.Nested(StatusAttachmentSchema),
        required=True,
        validate=validate.Length(min=1, max=30, error=N_("List between 1 and 30 attachments.")),
    )
    application_date = fields.Date(load_default=None, metadata={"description": "Today if left out"})

    @pre_load
    def refuse_several_circumstances(self, data: Any, **kwargs: Any) -> Any:
        """Answer `circumstances` (a list, say) with the rule rather than "Unknown field"."""
        if isinstance(data, Mapping) and "circumstances" in data:
            raise ValidationError(MSG_ONE_CIRCUMSTANCE, "circumstances")
        return data

    @validates_schema(skip_on_field_errors=True)
    def check_application(self, data: Mapping[str, Any], **kwargs: Any) -> None:
        """Who may apply, the consent, and the date (CMU Resolution 268)."""
        errors: dict[str, Any] = {}
        on_date = document_date(data, "application_date")
        child = data["child"]
        child_age = age_or_none(child["birth_date"], on_date)
        applicant = data.get("applicant")
        if applicant is None and child_age is not None and child_age < CHILD_APPLIES_ALONE_AGE:
            errors["applicant"] = [
                N_(
                    "A child under 14 cannot apply alone: give the parent or other legal "
                    "representative who applies."
                )
            ]
        if applicant is not None:
            if child_age is not None and child_age >= ADULT_AGE:
                errors["applicant"] = [
                    N_("A person aged 18 or older applies in person: leave out the applicant.")
                ]
            elif message := representative_age_error(applicant, on_date):
                add_error(errors, ("applicant", "birth_date"), message)
        if data["personal_data_consent"] is not True:
            errors["personal_data_consent"] = [
                N_(
                    "The application cannot be considered without consent to the "
                    "processing of personal data."
                )
            ]
        check_document_date(
            errors, "application_date", data.get("application_date"), child["birth_date"]
        )
        if errors:
            raise ValidationError(errors)

    def find_warnings(
        self, data: Mapping[str, Any]
    ) -> Iterator[tuple[str, str, dict[str, object]]]:
        """Warn about an adult applicant for the status."""
        age = age_or_none(data["child"]["birth_date"], document_date(data, "application_date"))
        if age is not None and age >= ADULT_AGE:
            yield (
                "child.birth_date",
                N_(
                    "The person is 18 or older: the status is granted only for what happened "
                    "before the 18th birthday; say when it happened in the details."
                ),
                {},
            )


# --- custody.child_handover_act ------------------------------------------------------

ROUTE_ORIGINS = ("tot", "russian_federation", "belarus", "other")
ORIGIN_COUNTRIES = {"russian_federation": "RU", "belarus": "BY"}
HANDOVER_RELATIONS = ("mother", "father", "guardian", "legal_representative")


class EventSchema(BaseSchema):
    """Where and when something happened."""

    place = fields.Nested(PlaceSchema, required=True)
    date = fields.Date(required=True)

    @validates_schema(skip_on_field_errors=True)
    def check_date(self, data: Mapping[str, Any], **kwargs: Any) -> None:
        """An event of the past."""
        if is_future(data["date"]):
            raise ValidationError(MSG_FUTURE, "date")


class RouteSchema(BaseSchema):
    """Where the child came back from, and the third country crossed on the way."""

    from_ = ChoiceField(
        ROUTE_ORIGINS,
        required=True,
        data_key="from",
    )
    from_details = LocalizedTextField(
        load_default=None,
        max_length=300,
        multiline=False,
        metadata={"description": 'Where from, when `from` is "other"'},
    )
    through = CountryField(
        load_default=None,
        metadata={"description": "A third country crossed on the way (ISO code)", "example": "PL"},
    )
    border_crossing = LocalizedTextField(
        load_default=None,
        max_length=300,
        multiline=False,
        metadata={"description": "The border crossing point", "example": "«Ягодин – Дорогуськ»"},
    )

    @validates_schema(skip_on_field_errors=True)
    def check_route(self, data: Mapping[str, Any], **kwargs: Any) -> None:
        """ "Other" needs a description; a third country is neither Ukraine nor the origin."""
        errors: dict[str, Any] = {}
        if data["from_"] == "other" and not data.get("from_details"):
            errors["from_details"] = [N_("Say where the child returned from.")]
        through = data.get("through")
        if through == "UA" or (through and through == ORIGIN_COUNTRIES.get(data["from_"])):
            errors["through"] = [
                N_("A third country is neither Ukraine nor the country the child returned from.")
            ]
        if errors:
            raise ValidationError(errors)


class AccompanyingPersonSchema(PersonSchema):
    """The person who brought the child back, and the organisation they act for."""

    id_document = fields.Nested(IdentityDocumentSchema, required=True)
    organisation = fields.Nested(OrganisationSchema, load_default=None)
    phone = PhoneField(load_default=None)


class ReceivingRepresentativeSchema(LegalRepresentativeSchema):
    """The parent, guardian or other legal representative who receives the child."""

    relation = ChoiceField(
        HANDOVER_RELATIONS,
        error=N_(
            "A child is handed over only to a parent, a guardian or another legal representative."
        ),
        required=True,
    )
    id_document = fields.Nested(IdentityDocumentSchema, required=True)


class OfficerSchema(SignatorySchema):
    """The officer of the Service for Children's Affairs present at the handover."""

    organisation = fields.Nested(OrganisationSchema, required=True)


class HandoverSchema(BaseSchema):
    """Where, on what day and at what time the child was handed over."""

    place = fields.Nested(AddressSchema, required=True)
    date = fields.Date(required=True)
    time = ClockTimeField(required=True)

    @validates_schema(skip_on_field_errors=True)
    def check_date(self, data: Mapping[str, Any], **kwargs: Any) -> None:
        """A handover of the past or today."""
        if is_future(data["date"]):
            raise ValidationError(MSG_FUTURE, "date")


class ChildHandoverActSchema(BaseSchema):
    """Act of handing a returned child over to the legal representative."""

    act_number = TextField(load_default=None, max_length=30, metadata={"example": "17"})
    child = fields.Nested(CustodyChildSchema, required=True)
    deportation = fields.Nested(
        EventSchema,
        required=True,
        metadata={"description": "Where in Ukraine and when the child was deported or displaced"},
    )
    return_ = fields.Nested(
        EventSchema,
        required=True,
        data_key="return",
        metadata={"description": "Where in Ukraine and when the child came back"},
    )
    route = fields.Nested(RouteSchema, required=True)
    accompanying_person = fields.Nested(AccompanyingPersonSchema, required=True)
    legal_representative = fields.Nested(ReceivingRepresentativeSchema, required=True)
    officer = fields.Nested(OfficerSchema, required=True)
    handover = fields.Nested(HandoverSchema, required=True)
    condition_notes = LocalizedTextField(
        required=True,
        max_length=2000,
        metadata={"description": "The child's state of health and condition at the handover"},
    )
    documents_and_belongings = LocalizedTextField(load_default=None, max_length=2000)

    @validates_schema(skip_on_field_errors=True)
    def check_act(self, data: Mapping[str, Any], **kwargs: Any) -> None:
        """Dates in order, places in Ukraine, and who may give and receive the child."""
        errors: dict[str, Any] = {}
        child = data["child"]
        deported, returned, handover = data["deportation"], data["return_"], data["handover"]
        on_date: date = handover["date"]
        if deported["date"] < child["birth_date"]:
            add_error(errors, ("deportation", "date"), MSG_BEFORE_BIRTH)
        if returned["date"] < deported["date"]:
            add_error(
                errors, ("return", "date"), N_("The return cannot be earlier than the deportation.")
            )
        if on_date < returned["date"]:
            add_error(
                errors,
                ("handover", "date"),
                N_("The handover cannot be earlier than the child's return."),
            )
        for key, place in (("deportation", deported["place"]), ("return", returned["place"])):
            if place["country"] != "UA":
                add_error(errors, (key, "place", "country"), N_("Give a place in Ukraine."))
        child_age = age_or_none(child["birth_date"], on_date)
        if child_age is not None and child_age >= ADULT_AGE:
            add_error(
                errors,
                ("child", "birth_date"),
                N_("The child is 18 or older on the date of the act."),
            )
        accompanying = data["accompanying_person"]
        accompanying_age = age_or_none(accompanying["birth_date"], on_date)
        if accompanying_age is None or accompanying_age < ADULT_AGE:
            add_error(errors, ("accompanying_person", "birth_date"), MSG_ADULT_AGE)
        representative = data["legal_representative"]
        if message := representative_age_error(representative, on_date):
            add_error(errors, ("legal_representative", "birth_date"), message)
        for key, person in (
            ("accompanying_person", accompanying),
            ("legal_representative", representative),
        ):
            if message := adult_document_error(person):
                add_error(errors, (key, "id_document", "kind"), message)
        if errors:
            raise ValidationError(errors)


# --- custody.guardianship_application ------------------------------------------------

GUARDIAN_RELATIONS = (
    "grandparent",
    "adult_sibling",
    "aunt_or_uncle",
    "other_relative",
    "not_related",
)
PARENT_CARE_STATUSES = (
    "deceased",
    "missing",
    "deprived_of_parental_rights",
    "in_captivity",
    "absent",
    "other",
)
GUARDIANSHIP_ATTACHMENT_KINDS = (
    "applicant_id_document",
    "health_certificate",
    "no_criminal_record_certificate",
    "income_certificate",
    "home_inspection_report",
    "family_members_consent",
    "marriage_certificate",
    "training_certificate",
    "child_birth_certificate",
    "parental_care_documents",
    "other",
)


class GuardianshipAttachmentSchema(AttachmentSchema):
    """A document attached to the application for guardianship."""

    kind = ChoiceField(
        GUARDIANSHIP_ATTACHMENT_KINDS,
        error=MSG_CHOOSE_KIND,
        required=True,
    )


class CandidateGuardianSchema(ApplicantSchema):
    """The person who asks to be appointed guardian (curator)."""

    relation = ChoiceField(
        GUARDIAN_RELATIONS,
        error=N_("Choose one of the listed relations."),
        required=True,
    )
    id_document = fields.Nested(IdentityDocumentSchema, required=True)


class GuardianshipChildSchema(CustodyChildSchema):
    """The child, and where the child lives now if known."""

    address = fields.Nested(AddressSchema, load_default=None)


class ParentCareSchema(BaseSchema):
    """Why one parent does not care for the child: dead, missing, deprived of rights..."""

    status = ChoiceField(
        PARENT_CARE_STATUSES,
        required=True,
    )
    surname = NameField(load_default=None)
    given_name = NameField(load_default=None)
    patronymic = NameField(load_default=None)
    details = LocalizedTextField(
        load_default=None,
        max_length=1000,
        metadata={"description": "The document that proves it (death certificate, court ...)"},
    )

    @validates_schema(skip_on_field_errors=True)
    def check_parent(self, data: Mapping[str, Any], **kwargs: Any) -> None:
        """A parent is named unless nothing is known; "other" is explained."""
        errors: dict[str, Any] = {}
        if data["status"] != "absent":
            for key in ("surname", "given_name"):
                if not data.get(key):
                    errors[key] = [
                        N_('Give the parent\'s name, or choose "absent" when it is not known.')
                    ]
        if data["status"] == "other" and not data.get("details"):
            errors["details"] = [N_("Explain why this parent does not care for the child.")]
        if errors:
            raise ValidationError(errors)


def guardianship_kind(birth_date: date, on_date: date) -> str | None:
    """Guardianship under 14, curatorship from 14 to 18 (Family Code, article 243)."""
    age = age_or_none(birth_date, on_date)
    if age is None or age >= ADULT_AGE:
        return None
    return "guardianship" if age < CURATORSHIP_AGE else "curatorship"


class GuardianshipApplicationSchema(BaseSchema):
    """Application to establish guardianship (curatorship) over a child."""

    authority = fields.Nested(
        OrganisationSchema,
        required=True,
        metadata={"description": "The Service for Children's Affairs (guardianship authority)"},
    )
    applicant = fields.Nested(CandidateGuardianSchema, required=True)
    child = fields.Nested(GuardianshipChildSchema, required=True)
    mother = fields.Nested(ParentCareSchema, required=True)
    father = fields.Nested(ParentCareSchema, required=True)
    circumstances = LocalizedTextField(
        load_default=None,
        max_length=4000,
        metadata={"description": "How the child came to be without parental care"},
    )
    attachments = fields.List(
        fields.Nested(GuardianshipAttachmentSchema),
        required=True,
        validate=validate.Length(min=1, max=30, error=N_("List between 1 and 30 attachments.")),
    )
    application_date = fields.Date(load_default=None, metadata={"description": "Today if left out"})

    @validates_schema(skip_on_field_errors=True)
    def check_application(self, data: Mapping[str, Any], **kwargs: Any) -> None:
        """The child is under 18; the candidate is an adult with an adult's document."""
        errors: dict[str, Any] = {}
        on_date = document_date(data, "application_date")
        birth_date = data["child"]["birth_date"]
        age = age_or_none(birth_date, on_date)
        if age is not None and age >= ADULT_AGE:
            add_error(
                errors,
                ("child", "birth_date"),
                N_(
                    "The child is 18 or older on the application date: guardianship and "
                    "curatorship are established only over children."
                ),
            )
        applicant = data["applicant"]
        applicant_age = age_or_none(applicant["birth_date"], on_date)
        if applicant_age is None or applicant_age < ADULT_AGE:
            add_error(
                errors,
                ("applicant", "birth_date"),
                N_("A guardian or curator must be 18 or older on the application date."),
            )
        if message := adult_document_error(applicant):
            add_error(errors, ("applicant", "id_document", "kind"), message)
        check_document_date(errors, "application_date", data.get("application_date"), birth_date)
        if errors:
            raise ValidationError(errors)

    def find_warnings(
        self, data: Mapping[str, Any]
    ) -> Iterator[tuple[str, str, dict[str, object]]]:
        """Warn about certificates the guardianship authority will ask for."""
        kinds = {item["kind"] for item in data["attachments"]}
        if "health_certificate" not in kinds:
            yield (
                "attachments",
                N_("The guardianship authority also needs the applicant's health certificate."),
                {},
            )
        if "no_criminal_record_certificate" not in kinds:
            yield (
                "attachments",
                N_("The guardianship authority also needs a certificate of no criminal record."),
                {},
            )
        if data["applicant"]["relation"] == "not_related" and "training_certificate" not in kinds:
            yield (
                "attachments",
                N_(
                    "A candidate who is not a relative of the child also needs the "
                    "certificate of training for candidate guardians."
                ),
                {},
            )


# --- custody.accompanying_adult_consent ----------------------------------------------

CONSENTING_RELATIONS = ("mother", "father", "guardian")


class ConsentingParentSchema(PersonSchema, ContactsMixin):
    """A parent (or guardian) who consents, with an identity document and address."""

    relation = ChoiceField(
        CONSENTING_RELATIONS,
        error=N_("Choose one of the listed relations."),
        required=True,
    )
    id_document = fields.Nested(IdentityDocumentSchema, required=True)

    @validates_schema(skip_on_field_errors=True)
    def check_relation_sex(self, data: Mapping[str, Any], **kwargs: Any) -> None:
        """Reject a mother recorded as male or a father as female."""
        expected = {"mother": "female", "father": "male"}.get(data["relation"])
        if expected and data["sex"] != expected:
            raise ValidationError(
                N_("The relation does not match the applicant's sex."), "relation"
            )


class ConsentChildSchema(PersonSchema):
    """The child: name, birth date and the Ukrainian birth certificate."""

    birth_place = fields.Nested(PlaceSchema, load_default=None)
    birth_certificate = fields.Nested(UkrainianBirthCertificateSchema, required=True)
    travel_document = fields.Nested(
        IdentityDocumentSchema,
        load_default=None,
        metadata={
            "description": "Another document of the child, e.g. a passport for travel abroad"
        },
    )


class AccompanyingAdultSchema(PersonSchema):
    """The adult the parents trust with the child."""

    id_document = fields.Nested(IdentityDocumentSchema, required=True)
    relation_to_child = LocalizedTextField(
        load_default=None,
        max_length=300,
        multiline=False,
        metadata={"description": "Who the adult is to the child", "example": "бабуся"},
    )
    address = fields.Nested(AddressSchema, load_default=None)
    phone = PhoneField(load_default=None)


class DestinationSchema(BaseSchema):
    """Where the child travels: one or more countries and, if known, the place."""

    countries = fields.List(
        CountryField(),
        required=True,
        validate=validate.Length(min=1, max=10, error=N_("List between 1 and 10 countries.")),
    )
    place = LocalizedTextField(load_default=None, max_length=500, multiline=False)

    @validates_schema(skip_on_field_errors=True)
    def check_countries(self, data: Mapping[str, Any], **kwargs: Any) -> None:
        """Each country once."""
        if len(set(data["countries"])) != len(data["countries"]):
            raise ValidationError(N_("A country is listed more than once."), "countries")


class PeriodSchema(BaseSchema):
    """The first and the last day of the trip, both included."""

    from_ = fields.Date(required=True, data_key="from")
    to = fields.Date(required=True)

    @validates_schema(skip_on_field_errors=True)
    def check_period(self, data: Mapping[str, Any], **kwargs: Any) -> None:
        """The period ends on or after its first day."""
        if data["to"] < data["from_"]:
            raise ValidationError(N_("The period cannot end before it begins."), "to")


class AccompanyingAdultConsentSchema(BaseSchema):
    """Consent of the parent(s) to a child travelling with another adult."""

    parents = fields.List(
        fields.Nested(ConsentingParentSchema),
        required=True,
        validate=validate.Length(
            min=1, max=2, error=N_("Give one or two consenting parents or a guardian.")
        ),
    )
    sole_consent_reason = LocalizedTextField(
        load_default=None,
        max_length=1000,
        metadata={"description": "Why the other parent's consent is not needed"},
    )
    child = fields.Nested(ConsentChildSchema, required=True)
    accompanying_adult = fields.Nested(AccompanyingAdultSchema, required=True)
    purpose = LocalizedTextField(required=True, max_length=1000)
    destination = fields.Nested(DestinationSchema, required=True)
    period = fields.Nested(PeriodSchema, required=True)
    consent_date = fields.Date(load_default=None, metadata={"description": "Today if left out"})
    place_of_signing = TextField(load_default=None, max_length=100, metadata={"example": "м. Київ"})

    @validates_schema(skip_on_field_errors=True)
    def check_consent(self, data: Mapping[str, Any], **kwargs: Any) -> None:
        """Who consents, the ages on the consent date, and the period."""
        errors: dict[str, Any] = {}
        on_date = document_date(data, "consent_date")
        parents = data["parents"]
        for index, parent in enumerate(parents):
            if message := representative_age_error(parent, on_date):
                add_error(errors, ("parents", str(index), "birth_date"), message)
            if message := adult_document_error(parent):
                add_error(errors, ("parents", str(index), "id_document", "kind"), message)
        relations = [parent["relation"] for parent in parents]
        if len(parents) == 2 and relations[0] == relations[1] and relations[0] in PARENT_RELATIONS:
            add_error(
                errors,
                ("parents", "1", "relation"),
                N_("Two consenting parents cannot both be the mother or both be the father."),
            )
        if len(parents) == 2 and data.get("sole_consent_reason"):
            errors["sole_consent_reason"] = [
                N_("Both parents consent: leave out the reason for a sole consent.")
            ]
        child = data["child"]
        child_age = age_or_none(child["birth_date"], on_date)
        if child_age is not None and child_age >= ADULT_AGE:
            add_error(
                errors,
                ("child", "birth_date"),
                N_("The child is 18 or older on the consent date: no consent is needed."),
            )
        adult = data["accompanying_adult"]
        adult_age = age_or_none(adult["birth_date"], on_date)
        if adult_age is None or adult_age < ADULT_AGE:
            add_error(errors, ("accompanying_adult", "birth_date"), MSG_ADULT_AGE)
        elif any(same_person(adult, parent) for parent in parents):
            errors["accompanying_adult"] = [
                N_(
                    "The accompanying adult is one of the consenting parents: this consent "
                    "is for another adult."
                )
            ]
        if message := adult_document_error(adult):
            add_error(errors, ("accompanying_adult", "id_document", "kind"), message)
        consent_date: date | None = data.get("consent_date")
        check_document_date(errors, "consent_date", consent_date, child["birth_date"])
        if data["period"]["from_"] < on_date:
            add_error(
                errors,
                ("period", "from"),
                N_("The trip cannot begin before the date of the consent."),
            )
        if errors:
            raise ValidationError(errors)

    def find_warnings(
        self, data: Mapping[str, Any]
    ) -> Iterator[tuple[str, str, dict[str, object]]]:
        """Warn when one parent consents to a trip abroad without saying why."""
        parents = data["parents"]
        abroad = any(country != "UA" for country in data["destination"]["countries"])
        if (
            abroad
            and len(parents) == 1
            and parents[0]["relation"] in PARENT_RELATIONS
            and not data.get("sole_consent_reason")
        ):
            yield (
                "sole_consent_reason",
                N_(
                    "Only one parent consents: give the reason the other parent's consent "
                    "is not needed, or the border guards may not let the child leave."
                ),
                {},
            )


def same_person(one: Mapping[str, Any], other: Mapping[str, Any]) -> bool:
    """Tell whether two records name the same person (name and birth date)."""
    return all(one.get(key) == other.get(key) for key in ("surname", "given_name", "birth_date"))
