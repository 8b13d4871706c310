"""Data of the custody.* documents: custody of returned children and family reunification.

Ages are judged on the document's own date (the application, consent or handover date),
or today when the date is left out, with `service.ukrainian.age_on`; a trip's age limits
on its first day. What must be true of the child for a document to apply at all (under
18, under 16 for a trip abroad, ...) is a premise (`service/documents/custody.py`): a
false one refuses the document (422 not-applicable), it is not a field error here.

Decisions recorded here (see the tests in tests/unit/test_custody_rules.py and the
sources in docs/legal/custody.*.toml):

- War-affected status (CMU Resolution 268): a parent or other legal representative
  applies for the child, or the child applies alone from 14 (leave `applicant` out). An
  applicant must be 18 or older, except a parent, who may act for the child from 14
  (Family Code, article 156). An applicant who is not a parent attaches the document
  proving the authority or the kinship. Exactly one circumstance is given, the gravest:
  a list is refused with a clear error. An extract from the Unified Register of
  Pre-trial Investigations is one accepted proof, never required; when attached, it
  names the proceedings' number and date of entry.
- Guardianship (Family Code, article 243): guardianship (опіка) under 14, curatorship
  (піклування) from 14 to 18, chosen from the child's age on the application date and
  never sent by the client (an unknown `kind` field is refused). The decision that gave
  the child the status of an orphan or of a child deprived of parental care is
  `status_decision`.
- Handover act: dates must follow each other (handover not before the return), the
  receiving person must be a parent, guardian or other legal representative and names
  the document proving it (`authority_document`), the accompanying person names what
  entitles them (`authorisation`), and the handover time is HH:MM.
- Accompanying-adult consent (Civil Code, article 313; CMU Resolutions 57 and 1167): one
  or two consenting parents (or a guardian); the kind of trip (`trip_kind`) decides the
  wording and who certifies it (`certification`: a notary, or under martial law the
  guardianship authority for one parent's consent; a group trip's consent is approved by
  the children's service, never a notary); the accompanying adult is 18 or older on the
  trip's first day; the trip starts on or after the consent date and ends on or after
  it starts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import date, time
from typing import Any

from marshmallow import (
    ValidationError,
    fields,
    post_load,
    pre_load,
    validate,
    validates_schema,
)

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
from service.ukrainian import UkrainianDataError, age_on, parse_birth_certificate

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


ERDR_NUMBER = re.compile(r"^\d{17}$")
MSG_ERDR_NUMBER = N_(
    "A criminal proceedings number of the Unified Register of Pre-trial Investigations has "
    "17 digits."
)


class ProceedingsNumberField(TextField):
    """The number of criminal proceedings in the Unified Register of Pre-trial Investigations."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        text = "".join(str(super()._deserialize(value, attr, data, **kwargs)).split())
        if not ERDR_NUMBER.match(text):
            raise ValidationError(MSG_ERDR_NUMBER)
        return text


class StatusAttachmentSchema(AttachmentSchema):
    """A document attached to the application for the status."""

    kind = ChoiceField(
        STATUS_ATTACHMENT_KINDS,
        error=MSG_CHOOSE_KIND,
        required=True,
    )
    proceedings_number = ProceedingsNumberField(
        load_default=None,
        max_length=30,
        metadata={
            "description": "Extract from the Unified Register of Pre-trial Investigations: "
            "the criminal proceedings' number (17 digits)",
            "example": "12022230000000456",
        },
    )
    proceedings_date = fields.Date(
        load_default=None,
        metadata={
            "description": "Extract from the Unified Register of Pre-trial Investigations: "
            "the date the proceedings were entered in the register"
        },
    )

    @validates_schema(skip_on_field_errors=True)
    def check_attachment(self, data: Mapping[str, Any], **kwargs: Any) -> None:
        """An extract names its proceedings (number, date); an authority document says which."""
        errors: dict[str, Any] = {}
        if data["kind"] == "relationship_document" and not data.get("description"):
            errors["description"] = [
                N_(
                    "Say which document proves the authority or the kinship, e.g. the decision "
                    "appointing the guardian, or the birth certificates that show the kinship."
                )
            ]
        extract = data["kind"] == "criminal_proceedings_extract"
        for key in ("proceedings_number", "proceedings_date"):
            if extract and not data.get(key):
                errors[key] = [
                    N_(
                        "Give the number of the criminal proceedings and the date they were "
                        "entered in the register: the extract is identified by them."
                    )
                ]
            elif not extract and data.get(key):
                errors[key] = [N_("Only an extract from the register names criminal proceedings.")]
        if data.get("proceedings_date") and is_future(data["proceedings_date"]):
            errors["proceedings_date"] = [MSG_FUTURE]
        if errors:
            raise ValidationError(errors)


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
            if message := representative_age_error(applicant, on_date):
                add_error(errors, ("applicant", "birth_date"), message)
            kinds = {item["kind"] for item in data["attachments"]}
            if (
                applicant["relation"] not in PARENT_RELATIONS
                and "relationship_document" not in kinds
            ):
                errors["attachments"] = [
                    N_(
                        "The applicant is not a parent of the child: attach the document that "
                        "proves the applicant's authority or kinship (relationship_document) "
                        "and say in its description which document it is."
                    )
                ]
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


ESCORT_AUTHORISATION_KINDS = ("power_of_attorney", "assignment", "order", "other")
AUTHORITY_DOCUMENT_KINDS = ("birth_certificate", "appointment_decision", "other")
# Which documents prove which representative's authority (Civil Code, article 242).
AUTHORITY_DOCUMENTS_BY_RELATION = {
    "mother": ("birth_certificate", "other"),
    "father": ("birth_certificate", "other"),
    "guardian": ("appointment_decision", "other"),
    "legal_representative": ("appointment_decision", "other"),
}


class EscortAuthorisationSchema(BaseSchema):
    """What entitles the accompanying person to bring the child and hand the child over."""

    kind = ChoiceField(
        ESCORT_AUTHORISATION_KINDS,
        error=MSG_CHOOSE_KIND,
        required=True,
        metadata={"description": "Power of attorney, assignment, order, or another document"},
    )
    number = TextField(load_default=None, max_length=50, metadata={"example": "58"})
    date = fields.Date(required=True, metadata={"description": "The date of the document"})
    description = LocalizedTextField(
        load_default=None,
        max_length=300,
        multiline=False,
        metadata={
            "description": 'Which document, when the kind is "other"; or who issued it',
            "example": "видана Благодійною організацією «Шлях додому»",
        },
    )

    other_needs_details = (
        "kind",
        "description",
        N_("Say which document entitles the accompanying person."),
    )

    @validates_schema(skip_on_field_errors=True)
    def check_date(self, data: Mapping[str, Any], **kwargs: Any) -> None:
        """A document of the past."""
        if is_future(data["date"]):
            raise ValidationError(MSG_FUTURE, "date")


class AccompanyingPersonSchema(PersonSchema):
    """The person who brought the child back, the organisation they act for, and on what basis."""

    id_document = fields.Nested(IdentityDocumentSchema, required=True)
    organisation = fields.Nested(OrganisationSchema, load_default=None)
    authorisation = fields.Nested(
        EscortAuthorisationSchema,
        required=True,
        metadata={"description": "The document that entitles the person to accompany the child"},
    )
    phone = PhoneField(load_default=None)


class AuthorityDocumentSchema(BaseSchema):
    """The document that proves the receiver is the child's legal representative."""

    kind = ChoiceField(
        AUTHORITY_DOCUMENT_KINDS,
        error=MSG_CHOOSE_KIND,
        required=True,
        metadata={
            "description": "A parent: the child's birth certificate; a guardian: the decision "
            "appointing the guardian (curator); another document: other"
        },
    )
    series = TextField(
        load_default=None,
        max_length=20,
        metadata={"description": "Birth certificate: its series", "example": "I-ЖС"},
    )
    number = TextField(
        load_default=None,
        max_length=50,
        metadata={"description": "The certificate's or the decision's number", "example": "417293"},
    )
    date = fields.Date(load_default=None, metadata={"description": "Decision: its date"})
    issued_by = fields.Nested(
        OrganisationSchema,
        load_default=None,
        metadata={"description": "Decision: the body that took it"},
    )
    description = LocalizedTextField(
        load_default=None,
        max_length=300,
        multiline=False,
        metadata={"description": 'Which document, when the kind is "other"'},
    )

    other_needs_details = ("kind", "description", N_("Say which document proves the authority."))

    @validates_schema(skip_on_field_errors=True)
    def check_document(self, data: Mapping[str, Any], **kwargs: Any) -> None:
        """A birth certificate has a valid series and number; a decision its body, date, number."""
        errors: dict[str, Any] = {}
        kind = data.get("kind")  # absent only when a case is loaded partially
        if kind == "birth_certificate":
            for key in ("series", "number"):
                if not data.get(key):
                    errors[key] = [N_("Give the series and number of the birth certificate.")]
            if not errors:
                try:
                    parse_birth_certificate(data["series"], data["number"])
                except UkrainianDataError as error:
                    errors["series"] = [error.message]
        elif kind == "appointment_decision":
            message = N_("Give the body that took the decision, its date and its number.")
            for key in ("issued_by", "date", "number"):
                if not data.get(key):
                    errors[key] = [message]
        if data.get("date") and is_future(data["date"]):
            errors["date"] = [MSG_FUTURE]
        if errors:
            raise ValidationError(errors)

    @post_load
    def normalise(self, data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        """A birth certificate's series and number in their canonical form."""
        if data.get("kind") == "birth_certificate" and data.get("series") and data.get("number"):
            certificate = parse_birth_certificate(data["series"], data["number"])
            data["series"], data["number"] = certificate.series, certificate.number
        return data


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
    authority_document = fields.Nested(
        AuthorityDocumentSchema,
        required=True,
        metadata={
            "description": "The document proving the authority of the legal representative "
            "(Civil Code of Ukraine, article 242)"
        },
    )

    @validates_schema(skip_on_field_errors=True)
    def check_authority_document(self, data: Mapping[str, Any], **kwargs: Any) -> None:
        """A parent shows the child's birth certificate; a guardian the appointment decision."""
        allowed = AUTHORITY_DOCUMENTS_BY_RELATION[data["relation"]]
        if data["authority_document"]["kind"] not in allowed:
            raise ValidationError(
                {
                    "kind": [
                        N_(
                            "A parent proves the authority by the child's birth certificate, a "
                            "guardian (curator) by the decision appointing them."
                        )
                    ]
                },
                "authority_document",
            )


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
        if on_date < returned["date"]:
            add_error(
                errors,
                ("handover", "date"),
                N_("The handover cannot be earlier than the child's return."),
            )
        for key, place in (("deportation", deported["place"]), ("return", returned["place"])):
            if place["country"] != "UA":
                add_error(errors, (key, "place", "country"), N_("Give a place in Ukraine."))
        accompanying = data["accompanying_person"]
        if accompanying["authorisation"]["date"] > on_date:
            add_error(
                errors,
                ("accompanying_person", "authorisation", "date"),
                N_("The document is dated after the handover."),
            )
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
    "kinship_documents",
    "narcologist_psychiatrist_certificates",
    "no_criminal_record_certificate",
    "health_certificate",
    "income_certificate",
    "housing_document",
    "family_members_consent",
    "marriage_certificate",
    "training_certificate",
    "child_birth_certificate",
    "status_decision",
    "parental_care_documents",
    "other",
)
RELATIVES = ("grandparent", "adult_sibling", "aunt_or_uncle", "other_relative")
CHILD_STATUSES = ("orphan", "deprived_of_parental_care")


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


class StatusDecisionSchema(BaseSchema):
    """The decision that gave the child the status of an orphan or of a child deprived of care."""

    status = ChoiceField(
        CHILD_STATUSES,
        error=MSG_CHOOSE_KIND,
        required=True,
        metadata={"description": "An orphan, or a child deprived of parental care"},
    )
    body = fields.Nested(
        OrganisationSchema,
        required=True,
        metadata={
            "description": "The body that took the decision (district or military "
            "administration, executive body of the council)",
            "example": {"name": "Виконавчий комітет Житомирської міської ради"},
        },
    )
    date = fields.Date(required=True)
    number = TextField(required=True, max_length=50, metadata={"example": "1187"})


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
    status_decision = fields.Nested(
        StatusDecisionSchema,
        load_default=None,
        metadata={
            "description": "The decision granting the child the status of an orphan or of a "
            "child deprived of parental care: needed unless both parents have died"
        },
    )
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
        """The candidate is an adult with an adult's document; the status decision fits."""
        errors: dict[str, Any] = {}
        on_date = document_date(data, "application_date")
        birth_date = data["child"]["birth_date"]
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
        decision = data.get("status_decision")
        if decision is not None:
            if decision["date"] > on_date:
                add_error(
                    errors,
                    ("status_decision", "date"),
                    N_("The decision is dated after the application."),
                )
            elif decision["date"] < birth_date:
                add_error(errors, ("status_decision", "date"), MSG_BEFORE_BIRTH)
            if decision["status"] == "orphan" and not both_parents_died(data):
                add_error(
                    errors,
                    ("status_decision", "status"),
                    N_(
                        "A child with a parent who has not died is not an orphan: the status "
                        "is that of a child deprived of parental care."
                    ),
                )
        if errors:
            raise ValidationError(errors)

    def find_warnings(
        self, data: Mapping[str, Any]
    ) -> Iterator[tuple[str, str, dict[str, object]]]:
        """Warn about documents the guardianship authority will ask the candidate for.

        A relative, while martial law lasts, brings the simplified list (kinship, the
        narcologist's and psychiatrist's certificates, the criminal-record certificate);
        anyone else the general list (health report, criminal record, training).
        """
        kinds = {item["kind"] for item in data["attachments"]}
        if data["applicant"]["relation"] in RELATIVES:
            wanted = {
                "kinship_documents": N_(
                    "The guardianship authority also needs the documents proving the "
                    "applicant's kinship with the child."
                ),
                "narcologist_psychiatrist_certificates": N_(
                    "The guardianship authority also needs certificates from a narcologist and "
                    "a psychiatrist that the applicant is not on their registers."
                ),
            }
        else:
            wanted = {
                "health_certificate": N_(
                    "The guardianship authority also needs the applicant's health certificate."
                ),
                "training_certificate": N_(
                    "A candidate who is not a relative of the child also needs the "
                    "certificate of training for candidate guardians."
                ),
            }
        wanted["no_criminal_record_certificate"] = N_(
            "The guardianship authority also needs a certificate of no criminal record."
        )
        for kind, message in wanted.items():
            if kind not in kinds:
                yield ("attachments", message, {})


def both_parents_died(data: Mapping[str, Any]) -> bool:
    """Both parents have died: the child is an orphan."""
    return bool(data["mother"]["status"] == data["father"]["status"] == "deceased")


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


TRIP_KINDS = ("abroad", "within_ukraine", "group_recreation_abroad")
CERTIFICATIONS = ("notary", "guardianship_authority")


class GroupTripSchema(BaseSchema):
    """An organised group of children going abroad for recreation and rest (CMU Resolution 1167)."""

    organiser = fields.Nested(
        OrganisationSchema,
        required=True,
        metadata={"description": "The organisation that organises the group's trip"},
    )


class AccompanyingAdultConsentSchema(BaseSchema):
    """Consent of the parent(s) to a child travelling with another adult."""

    trip_kind = ChoiceField(
        TRIP_KINDS,
        error=MSG_CHOOSE_KIND,
        required=True,
        metadata={
            "description": "abroad: an individual trip abroad; within_ukraine: a trip in "
            "Ukraine of a child under 14; group_recreation_abroad: an organised group of "
            "children going abroad for recreation and rest"
        },
    )
    certification = ChoiceField(
        CERTIFICATIONS,
        error=MSG_CHOOSE_KIND,
        load_default=None,
        metadata={
            "description": "Who certifies the consent: a notary, or (martial law, one "
            "parent's consent to a trip abroad) the guardianship authority; none for a "
            "group trip, whose consent the children's service approves"
        },
    )
    children_service = fields.Nested(
        OrganisationSchema,
        load_default=None,
        metadata={
            "description": "The Service for Children's Affairs that certifies the consent "
            "(guardianship authority) or approves it (group trip)"
        },
    )
    group = fields.Nested(
        GroupTripSchema,
        load_default=None,
        metadata={"description": "The organised group: for group_recreation_abroad"},
    )
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
        """Who consents, the adult's age on departure, the period, and the kind of trip."""
        errors: dict[str, Any] = {}
        on_date = document_date(data, "consent_date")
        departure: date = data["period"]["from_"]
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
        adult = data["accompanying_adult"]
        adult_age = age_or_none(adult["birth_date"], departure)
        if adult_age is None or adult_age < ADULT_AGE:
            add_error(
                errors,
                ("accompanying_adult", "birth_date"),
                N_("The accompanying adult must be 18 or older on the first day of the trip."),
            )
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
        if departure < on_date:
            add_error(
                errors,
                ("period", "from"),
                N_("The trip cannot begin before the date of the consent."),
            )
        check_trip_kind(data, errors)
        if errors:
            raise ValidationError(errors)

    def find_warnings(
        self, data: Mapping[str, Any]
    ) -> Iterator[tuple[str, str, dict[str, object]]]:
        """Warn when one parent's notarised consent to a trip abroad gives no reason."""
        parents = data["parents"]
        if (
            data["trip_kind"] == "abroad"
            and data.get("certification") == "notary"
            and len(parents) == 1
            and parents[0]["relation"] in PARENT_RELATIONS
            and not data.get("sole_consent_reason")
        ):
            yield (
                "sole_consent_reason",
                N_(
                    "Only one parent consents before a notary: give the reason the other "
                    "parent's consent is not needed, or have the consent certified by the "
                    "guardianship authority (martial law), or the border guards may not let "
                    "the child leave."
                ),
                {},
            )
        if data["trip_kind"] != "within_ukraine" and "guardian" in {p["relation"] for p in parents}:
            yield (
                "parents",
                N_(
                    "A child in the care of a guardian leaves Ukraine with a person the guardian "
                    "authorises only with the written approval of the guardianship authority or "
                    "the military administration naming the state of destination: obtain it "
                    "as well."
                ),
                {},
            )


def check_trip_kind(data: Mapping[str, Any], errors: dict[str, Any]) -> None:
    """The destination, the certification and the group fit the kind of trip."""
    kind = data["trip_kind"]
    certification = data.get("certification")
    countries = data["destination"]["countries"]
    consenting_parents = [p for p in data["parents"] if p["relation"] in PARENT_RELATIONS]
    if kind == "within_ukraine":
        if countries != ["UA"]:
            add_error(
                errors,
                ("destination", "countries"),
                N_('A trip within Ukraine has the destination ["UA"].'),
            )
        if not data["destination"].get("place"):
            add_error(
                errors,
                ("destination", "place"),
                N_("Give the place of destination in Ukraine."),
            )
        if certification == "guardianship_authority":
            errors["certification"] = [
                N_(
                    "The guardianship authority certifies one parent's consent to a trip "
                    "abroad under martial law; for a trip within Ukraine choose a notary or none."
                )
            ]
    elif "UA" in countries:
        add_error(
            errors,
            ("destination", "countries"),
            N_("A trip abroad lists the countries of destination, not Ukraine."),
        )
    if kind == "abroad":
        if certification is None:
            errors["certification"] = [
                N_(
                    "Say who certifies the consent to a trip abroad: a notary, or the "
                    "guardianship authority (one parent's consent under martial law)."
                )
            ]
        elif certification == "guardianship_authority" and (
            len(data["parents"]) != 1 or len(consenting_parents) != 1
        ):
            errors["certification"] = [
                N_(
                    "The guardianship authority certifies the consent of one parent; the "
                    "consent of both parents is certified by a notary."
                )
            ]
    if kind == "group_recreation_abroad":
        if certification is not None:
            errors["certification"] = [
                N_(
                    "A consent to an organised group trip is approved by the children's "
                    "service, not certified by a notary: leave out the certification."
                )
            ]
        if data.get("group") is None:
            errors["group"] = [N_("Give the organiser of the group's trip.")]
    elif data.get("group") is not None:
        errors["group"] = [N_("Only an organised group trip has a group.")]


def same_person(one: Mapping[str, Any], other: Mapping[str, Any]) -> bool:
    """Tell whether two records name the same person (name and birth date)."""
    return all(one.get(key) == other.get(key) for key in ("surname", "given_name", "birth_date"))
