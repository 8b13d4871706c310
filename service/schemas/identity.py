"""Data of the identity.* documents: restoring a child's identity documents."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema

from service.i18n import N_
from service.schemas.base import BaseSchema, LocalizedTextField, is_future
from service.schemas.common import (
    APPLICANT_RELATIONS,
    AddressSchema,
    ApplicantSchema,
    ChildSchema,
    IdentityDocumentSchema,
    LegalRepresentativeSchema,
    OccupationBirthCertificateSchema,
    OrganisationSchema,
    ParentSchema,
    UkrainianBirthCertificateSchema,
)
from service.schemas.fields import ChoiceField, NameField, PhoneField, TextField
from service.ukrainian import UkrainianDataError
from service.ukrainian.occupation import occupation_of

EVIDENCE_KINDS = (
    "medical_birth_record",
    "occupation_birth_certificate",
    "witness_statement",
    "photo_or_video",
    "other",
)
WITNESS_TESTIMONIES = ("written", "summon")
FATHER_BASES = ("marriage", "joint_application")
LEGAL_REPRESENTATIVE_RELATIONS = ("mother", "father", "guardian", "legal_representative")
RELATIVE_RELATIONS = ("grandparent", "adult_sibling", "other_relative")
ADULT_DOCUMENTS = ("id_card", "booklet_passport", "travel_passport", "foreign_passport", "other")


def add_error(errors: dict[str, Any], path: str, message: str) -> None:
    """Add a message at a dotted path of a marshmallow error dict."""
    *parents, leaf = path.split(".")
    node: dict[Any, Any] = errors
    for name in parents:
        node = node.setdefault(int(name) if name.isdigit() else name, {})
    node.setdefault(leaf, []).append(message)


def check_not_future(data: Mapping[str, Any], key: str) -> None:
    """Reject a date in the future at `key`."""
    if data.get(key) and is_future(data[key]):
        raise ValidationError(N_("The date cannot be in the future."), key)


class WitnessSchema(BaseSchema):
    """A witness of the birth: who, where the court reaches them, and how they testify."""

    surname = NameField(required=True, metadata={"example": "Коваль"})
    given_name = NameField(required=True, metadata={"example": "Марія"})
    patronymic = NameField(load_default=None, metadata={"example": "Петрівна"})
    address = fields.Nested(
        AddressSchema,
        required=True,
        metadata={"description": "The witness's place of residence (stay)"},
    )
    testimony = ChoiceField(
        WITNESS_TESTIMONIES,
        error=N_("Choose one of the listed kinds."),
        required=True,
        metadata={
            "description": "written: the witness's testimony in writing (a statement of the"
            " witness) is attached; summon: the court is asked to summon and hear the witness"
        },
    )
    signature_notarised = fields.Boolean(
        load_default=False,
        metadata={"description": "The witness's signature on the written statement is notarised"},
    )

    @validates_schema(skip_on_field_errors=True)
    def check_testimony(self, data: Mapping[str, Any], **kwargs: Any) -> None:
        """A notarised signature belongs to a written statement only."""
        if data.get("signature_notarised") and data.get("testimony") == "summon":
            raise ValidationError(
                N_("Only a written statement has a signature to notarise."), "signature_notarised"
            )


class EvidenceSchema(BaseSchema):
    """One piece of evidence of the birth, listed in the application and attached."""

    kind = ChoiceField(
        EVIDENCE_KINDS,
        error=N_("Choose one of the listed kinds."),
        required=True,
    )
    description = LocalizedTextField(load_default=None, max_length=500)
    witness = fields.Nested(
        WitnessSchema,
        load_default=None,
        metadata={"description": "Required for a witness (kind witness_statement)"},
    )

    evidence_id = fields.String(
        load_default=None,
        validate=validate.Length(max=32),
        metadata={
            "description": "The case's evidence file (scan or photo) this item is: filled from"
            " the case's evidence, whose files a packet prints as annexes"
        },
    )
    evidence_pages = fields.Integer(
        load_default=None,
        validate=validate.Range(min=1, max=999),
        metadata={"description": "The number of pages of the evidence file"},
    )

    other_needs_details = ("kind", "description", N_("Describe this piece of evidence."))

    @validates_schema(skip_on_field_errors=True)
    def check_witness(self, data: Mapping[str, Any], **kwargs: Any) -> None:
        """A witness is named, with an address and the form of the testimony."""
        if data.get("kind") == "witness_statement" and not data.get("witness"):
            raise ValidationError(
                N_(
                    "Name the witness, give the witness's address, and say whether the"
                    " testimony is written or the court is asked to summon the witness."
                ),
                "witness",
            )


class MarriageCertificateSchema(BaseSchema):
    """The parents' marriage certificate: the ground for recording the father."""

    series = TextField(load_default=None, max_length=20, metadata={"example": "I-НО"})
    number = TextField(required=True, max_length=20, metadata={"example": "104583"})
    issued_by = TextField(required=True, max_length=300)
    issue_date = fields.Date(required=True, metadata={"example": "2012-06-16"})
    issued_by_occupation_authorities = fields.Boolean(
        load_default=False,
        metadata={
            "description": "Issued by the occupying authorities: void in Ukraine (the marriage"
            " must first be established in court)"
        },
    )

    @validates_schema(skip_on_field_errors=True)
    def check_date(self, data: Mapping[str, Any], **kwargs: Any) -> None:
        """Reject a certificate dated in the future."""
        check_not_future(data, "issue_date")


class CostsSchema(BaseSchema):
    """The applicant's preliminary estimate of the legal costs of the case."""

    amount = fields.Decimal(
        required=True,
        places=2,
        metadata={"description": "In hryvnias, not negative", "example": "1200.00"},
    )
    description = LocalizedTextField(
        required=True,
        max_length=500,
        metadata={"description": "What the costs are for (legal aid, travel of a witness, ...)"},
    )

    @validates_schema(skip_on_field_errors=True)
    def check_amount(self, data: Mapping[str, Any], **kwargs: Any) -> None:
        """Reject a negative amount (a schema check: a Range would put a Decimal in the schema)."""
        if data.get("amount") is not None and data["amount"] < 0:
            raise ValidationError(N_("The amount cannot be negative."), "amount")


class CourtApplicantSchema(ApplicantSchema):
    """The applicant to the court: identified by RNOKPP or, without one, by passport."""

    id_document = fields.Nested(
        IdentityDocumentSchema,
        load_default=None,
        metadata={"description": "Required when the applicant has no RNOKPP"},
    )


class BirthFactCourtApplicationSchema(BaseSchema):
    """Application to a court to establish the fact of birth on the occupied territory."""

    court = fields.Nested(OrganisationSchema, required=True)
    applicant = fields.Nested(CourtApplicantSchema, required=True)
    child = fields.Nested(ChildSchema, required=True)
    mother = fields.Nested(ParentSchema, load_default=None)
    father = fields.Nested(ParentSchema, load_default=None)
    father_basis = ChoiceField(
        FATHER_BASES,
        error=N_("Choose one of the listed kinds."),
        load_default=None,
        metadata={
            "description": "On what the father's data rest: the parents' marriage or their"
            " joint application"
        },
    )
    marriage_certificate = fields.Nested(
        MarriageCertificateSchema,
        load_default=None,
        metadata={"description": "When father_basis is marriage: its series, number and issuer"},
    )
    e_cabinet = fields.Boolean(
        load_default=None,
        allow_none=True,
        metadata={
            "description": "Whether the applicant has an electronic cabinet in the Unified"
            " Judicial Information and Telecommunication System"
        },
    )
    lives_with_child = fields.Boolean(
        load_default=None,
        allow_none=True,
        metadata={
            "description": "For a grandparent, an adult sibling or another relative who applies:"
            " the child lives with the applicant, who is a member of the child's family"
        },
    )
    interested_party = fields.Nested(
        OrganisationSchema,
        required=True,
        metadata={"description": "The civil-registration (DRATS) department, with its ЄДРПОУ"},
    )
    occupation_birth_certificate = fields.Nested(
        OccupationBirthCertificateSchema, load_default=None
    )
    evidence = fields.List(
        fields.Nested(EvidenceSchema),
        required=True,
        validate=validate.Length(
            min=1, max=30, error=N_("List between 1 and 30 pieces of evidence.")
        ),
    )
    originals_location = LocalizedTextField(
        load_default=None,
        max_length=500,
        metadata={
            "description": "Where the originals of the written evidence are, when not with the"
            " applicant"
        },
    )
    expected_costs = fields.Nested(
        CostsSchema,
        load_default=None,
        metadata={"description": "The estimate of legal costs; left out: none expected"},
    )
    circumstances = LocalizedTextField(
        load_default=None,
        max_length=4000,
        metadata={
            "description": "Why the birth could not be registered in Ukraine, if more to say"
        },
    )
    application_date = fields.Date(load_default=None, metadata={"description": "Today if left out"})

    @validates_schema(skip_on_field_errors=True)
    def check_case(self, data: Mapping[str, Any], **kwargs: Any) -> None:
        """Check the parties, the father's ground and the dates of the application."""
        errors: dict[str, Any] = {}
        applicant = data["applicant"]
        relation = applicant["relation"]
        if (
            not data.get("mother")
            and not data.get("father")
            and relation not in ("mother", "father")
        ):
            errors["mother"] = [N_("Give at least one parent of the child.")]
        if not applicant.get("rnokpp") and not applicant.get("id_document"):
            add_error(
                errors,
                "applicant.id_document",
                N_(
                    "Give the applicant's RNOKPP or, without one, the series and number of the"
                    " passport."
                ),
            )
        document = applicant.get("id_document")
        if document and document["kind"] not in ADULT_DOCUMENTS:
            add_error(
                errors,
                "applicant.id_document.kind",
                N_("Give the applicant's passport or another identity document of an adult."),
            )
        father = data.get("father") or (applicant if relation == "father" else None)
        if data.get("father_basis") and not father:
            add_error(errors, "father", N_("Give the child's father."))
        kinds = {item["kind"] for item in data["evidence"]}
        if data.get("occupation_birth_certificate") and "occupation_birth_certificate" not in kinds:
            errors["evidence"] = [
                N_("List the certificate issued by the occupying authorities as evidence too.")
            ]
        check_application_date(data, errors, data["child"]["birth_date"])
        if errors:
            raise ValidationError(errors)

    def find_warnings(
        self, data: Mapping[str, Any]
    ) -> Iterator[tuple[str, str, dict[str, object]]]:
        """Warn of what a court may return the application for."""
        if not data["interested_party"].get("edrpou"):
            yield (
                "interested_party.edrpou",
                N_(
                    "Give the interested party's EDRPOU code: the court asks for it of a legal"
                    " entity registered in Ukraine."
                ),
                {},
            )
        if data.get("e_cabinet") is None:
            yield (
                "e_cabinet",
                N_(
                    "Say whether the applicant has an electronic cabinet in the court's system:"
                    " left out, the application states that the applicant has none."
                ),
                {},
            )
        father = data.get("father") or (
            data["applicant"] if data["applicant"]["relation"] == "father" else None
        )
        if father and not data.get("father_basis"):
            yield (
                "father_basis",
                N_(
                    "Say on what the father's data rest: with the parents' marriage, the"
                    " marriage certificate is attached."
                ),
                {},
            )
        yield from marriage_certificate_warnings(data)
        yield from occupation_marriage_warning(data)


def marriage_certificate_warnings(
    data: Mapping[str, Any],
) -> Iterator[tuple[str, str, dict[str, object]]]:
    """Warn when the father rests on the marriage but its certificate is not described."""
    if data.get("father_basis") == "marriage" and not data.get("marriage_certificate"):
        yield (
            "marriage_certificate",
            N_("Give the parents' marriage certificate: the father's data rest on it."),
            {},
        )


def occupation_marriage_warning(
    data: Mapping[str, Any],
) -> Iterator[tuple[str, str, dict[str, object]]]:
    """Warn that a marriage certificate of the occupying authorities is void."""
    certificate = data.get("marriage_certificate")
    if certificate and certificate["issued_by_occupation_authorities"]:
        yield (
            "marriage_certificate.issued_by_occupation_authorities",
            N_(
                "A marriage certificate issued by the occupying authorities is void in Ukraine:"
                " the marriage must first be established in court, or the father recorded on"
                " another ground."
            ),
            {},
        )


# --- Shared by the applications to an authority below --------------------------------


def judgement_date(data: Mapping[str, Any]) -> date:
    """The date a document's rules judge by: its application date, else today."""
    application_date: date | None = data.get("application_date")
    return application_date or date.today()


def check_application_date(
    data: Mapping[str, Any], errors: dict[str, Any], not_before: date | None
) -> None:
    """Reject an application date in the future or before the child's birth."""
    application_date: date | None = data.get("application_date")
    if application_date is None:
        return
    if is_future(application_date):
        errors["application_date"] = [N_("The date cannot be in the future.")]
    elif not_before and application_date < not_before:
        errors["application_date"] = [N_("The application cannot predate the child's birth.")]


def check_not_before(
    errors: dict[str, Any], path: str, value: date | None, earliest: date, message: str
) -> None:
    """Add `message` at `path` when `value` lies before `earliest`."""
    if value is not None and value < earliest:
        add_error(errors, path, message)


BEFORE_BIRTH = N_("The date cannot be before the child's birth.")


class IdentifiedApplicantSchema(ApplicantSchema):
    """An applicant who shows an identity document to the authority."""

    id_document = fields.Nested(IdentityDocumentSchema, required=True)


# --- identity.birth_registration_application ------------------------------------------


class CourtDecisionSchema(BaseSchema):
    """A court decision establishing the fact of birth (identity.birth_fact_court_application)."""

    court = fields.Nested(OrganisationSchema, required=True)
    decision_date = fields.Date(required=True, metadata={"example": "2026-12-04"})
    case_number = TextField(required=True, max_length=50, metadata={"example": "761/45872/26"})
    copy_issued = fields.Date(
        load_default=None,
        metadata={"description": "When the court issued the copy that is shown, if known"},
    )

    @validates_schema(skip_on_field_errors=True)
    def check_date(self, data: Mapping[str, Any], **kwargs: Any) -> None:
        """Reject a decision dated in the future, and a copy issued before the decision."""
        check_not_future(data, "decision_date")
        check_not_future(data, "copy_issued")
        if data.get("copy_issued") and data["copy_issued"] < data["decision_date"]:
            raise ValidationError(
                N_("The copy cannot be issued before the decision."), "copy_issued"
            )


class MedicalBirthCertificateSchema(BaseSchema):
    """The medical certificate of birth (form No. 103/o) issued by a healthcare facility."""

    number = TextField(required=True, max_length=30, metadata={"example": "1234"})
    issue_date = fields.Date(required=True, metadata={"example": "2026-10-03"})
    facility = fields.Nested(OrganisationSchema, required=True)

    @validates_schema(skip_on_field_errors=True)
    def check_date(self, data: Mapping[str, Any], **kwargs: Any) -> None:
        """Reject a certificate dated in the future."""
        check_not_future(data, "issue_date")


class RegisteredParentSchema(ParentSchema):
    """A parent as the birth record names them: with residence and identity document."""

    address = fields.Nested(AddressSchema, load_default=None)
    id_document = fields.Nested(IdentityDocumentSchema, load_default=None)


def same_person(one: Mapping[str, Any], other: Mapping[str, Any]) -> bool:
    """Tell whether two records name the same person (surname, given name, birth date)."""
    keys = ("surname", "given_name", "birth_date")
    return all(one.get(key) == other.get(key) for key in keys)


def check_birth_basis(data: Mapping[str, Any], errors: dict[str, Any]) -> None:
    """Require exactly one basis of the registration, dated after the birth."""
    birth_date: date = data["child"]["birth_date"]
    decision, certificate = data.get("court_decision"), data.get("medical_certificate")
    if decision and certificate:
        add_error(
            errors,
            "medical_certificate",
            N_("Give either the court decision or the medical certificate of birth, not both."),
        )
    elif not decision and not certificate:
        add_error(
            errors,
            "court_decision",
            N_(
                "Give the court decision establishing the fact of birth, or the medical"
                " certificate of birth."
            ),
        )
    if decision:
        check_not_before(
            errors,
            "court_decision.decision_date",
            decision["decision_date"],
            birth_date,
            BEFORE_BIRTH,
        )
    if certificate:
        check_not_before(
            errors,
            "medical_certificate.issue_date",
            certificate["issue_date"],
            birth_date,
            BEFORE_BIRTH,
        )


def stated_parents(data: Mapping[str, Any]) -> tuple[Any, Any]:
    """The child's mother and father: as given, or the applicant who is one of them."""
    applicant = data["applicant"]
    relation = applicant["relation"]
    mother = data.get("mother") or (applicant if relation == "mother" else None)
    father = data.get("father") or (applicant if relation == "father" else None)
    return mother, father


def check_registered_parents(data: Mapping[str, Any], errors: dict[str, Any]) -> None:
    """Require the mother, the grounds to record the father, and parents born before the child."""
    birth_date: date = data["child"]["birth_date"]
    relation = data["applicant"]["relation"]
    mother, father = stated_parents(data)
    if mother is None:
        add_error(errors, "mother", N_("Give the child's mother."))
    if father and not data.get("father_basis"):
        add_error(
            errors,
            "father_basis",
            N_("Say on what grounds the father is recorded: marriage or joint application."),
        )
    if data.get("father_basis") and not father:
        add_error(errors, "father", N_("Give the child's father."))
    for key, parent in (("mother", data.get("mother")), ("father", data.get("father"))):
        if parent:
            check_not_before(
                errors,
                f"{key}.birth_date",
                birth_date,
                parent["birth_date"],
                N_("A parent cannot be born after the child."),
            )
    if relation in ("mother", "father"):
        check_not_before(
            errors,
            "applicant.birth_date",
            birth_date,
            data["applicant"]["birth_date"],
            N_("A parent cannot be born after the child."),
        )


class BirthRegistrationApplicationSchema(BaseSchema):
    """Information for the officer who forms the application to register a birth."""

    registry_office = fields.Nested(
        OrganisationSchema,
        required=True,
        metadata={"description": "The civil-registration (DRATS) department the family goes to"},
    )
    applicant = fields.Nested(IdentifiedApplicantSchema, required=True)
    child = fields.Nested(ChildSchema, required=True)
    court_decision = fields.Nested(
        CourtDecisionSchema,
        load_default=None,
        metadata={
            "description": "The decision establishing the fact of birth; or give"
            " medical_certificate"
        },
    )
    medical_certificate = fields.Nested(
        MedicalBirthCertificateSchema,
        load_default=None,
        metadata={"description": "The medical certificate of birth; or give court_decision"},
    )
    mother = fields.Nested(
        RegisteredParentSchema,
        load_default=None,
        metadata={"description": "Required unless the applicant is the mother"},
    )
    father = fields.Nested(
        RegisteredParentSchema,
        load_default=None,
        metadata={"description": "Left out when the father is not recorded, or is the applicant"},
    )
    father_basis = fields.String(
        load_default=None,
        validate=validate.OneOf(FATHER_BASES, error=N_("Choose one of the listed kinds.")),
        metadata={
            "enum": list(FATHER_BASES),
            "description": "Why the father is recorded: the parents' marriage or their joint"
            " application",
        },
    )
    marriage_certificate = fields.Nested(
        MarriageCertificateSchema,
        load_default=None,
        metadata={"description": "When father_basis is marriage: its series, number and issuer"},
    )
    parents_cannot_register_reason = LocalizedTextField(
        load_default=None,
        max_length=1000,
        metadata={"description": "Required when the applicant is not a parent"},
    )
    circumstances = LocalizedTextField(
        load_default=None,
        max_length=4000,
        metadata={"description": "More to say, if anything"},
    )
    application_date = fields.Date(load_default=None, metadata={"description": "Today if left out"})

    @validates_schema(skip_on_field_errors=True)
    def check_case(self, data: Mapping[str, Any], **kwargs: Any) -> None:
        """Apply the rules of the Law on civil status acts, article 13, to the case."""
        errors: dict[str, Any] = {}
        birth_date: date = data["child"]["birth_date"]
        check_birth_basis(data, errors)
        check_registered_parents(data, errors)
        check_application_date(data, errors, birth_date)
        if data["applicant"]["relation"] not in ("mother", "father") and not data.get(
            "parents_cannot_register_reason"
        ):
            add_error(
                errors,
                "parents_cannot_register_reason",
                N_("Say why the parents cannot register the birth themselves."),
            )
        application_date = data.get("application_date")
        if application_date and "application_date" not in errors:
            for key, field in (
                ("court_decision", "decision_date"),
                ("medical_certificate", "issue_date"),
            ):
                if data.get(key) and application_date < data[key][field]:
                    add_error(
                        errors,
                        "application_date",
                        N_("The application cannot predate the document it is based on."),
                    )
        if errors:
            raise ValidationError(errors)

    def find_warnings(
        self, data: Mapping[str, Any]
    ) -> Iterator[tuple[str, str, dict[str, object]]]:
        """Warn of likely mistakes that should not block the document."""
        yield from marriage_certificate_warnings(data)
        applicant = data["applicant"]
        for key in ("mother", "father"):
            if (
                applicant["relation"] == key
                and data.get(key)
                and not same_person(applicant, data[key])
            ):
                yield (
                    f"{key}.surname",
                    N_("The applicant is recorded as this parent, but the data differ."),
                    {},
                )


# --- identity.id_card_application -----------------------------------------------------

PASSPORT_AGE = 14
ADULT_AGE = 18
ATTACHMENT_KINDS = (
    "birth_certificate",
    "parents_passports",
    "legal_representative_passport",
    "residence_proof",
    "rnokpp_certificate",
    "guardianship_decision",
    "idp_certificate",
    "other",
)


RUSSIAN_SERIES_MESSAGE = N_(
    "The series has Russian letters: record the certificate as one issued"
    " by the occupying authorities."
)
OCCUPATION_CERTIFICATE_REFUSED = N_(
    "A certificate issued by the occupying authorities cannot be used: the birth must first"
    " be registered in Ukraine."
)
OCCUPATION_REGISTRY = re.compile(r"\bЗАГС", re.IGNORECASE)


class PassportBirthCertificateSchema(UkrainianBirthCertificateSchema):
    """The child's Ukrainian birth certificate; one of the occupying authorities is refused."""

    def parse_certificate(self, series: str, number: str) -> Any:
        """Check a Ukrainian series and number, refusing a Russian-format series."""
        try:
            return super().parse_certificate(series, number)
        except UkrainianDataError as error:
            if error.message == RUSSIAN_SERIES_MESSAGE:
                raise UkrainianDataError(OCCUPATION_CERTIFICATE_REFUSED) from None
            raise

    def find_warnings(
        self, data: Mapping[str, Any]
    ) -> Iterator[tuple[str, str, dict[str, object]]]:
        """Warn when the issuer looks like a registry office of the occupying authorities."""
        if OCCUPATION_REGISTRY.search(data.get("issued_by") or ""):
            yield (
                "issued_by",
                N_(
                    "The issuer looks like a registry office (ZAGS) of the occupying"
                    " authorities: such a certificate cannot be used."
                ),
                {},
            )


class AttachmentSchema(BaseSchema):
    """One more original to show (the usual ones are listed from the data)."""

    kind = ChoiceField(
        ATTACHMENT_KINDS,
        error=N_("Choose one of the listed kinds."),
        required=True,
    )
    description = LocalizedTextField(load_default=None, max_length=500)

    other_needs_details = ("kind", "description", N_("Describe this document."))


class PassportChildSchema(ChildSchema):
    """The child who applies for the passport: with residence and contacts."""

    address = fields.Nested(AddressSchema, required=True)
    phone = PhoneField(load_default=None)
    email = fields.Email(
        load_default=None, error_messages={"invalid": N_("Enter a valid e-mail address.")}
    )


class CitizenParentSchema(BaseSchema):
    """A parent who was a citizen of Ukraine at the child's birth, and the document showing it."""

    parent = ChoiceField(("mother", "father"), error=N_("Choose mother or father."), required=True)
    surname = NameField(required=True)
    given_name = NameField(required=True)
    patronymic = NameField(load_default=None)
    id_document = fields.Nested(IdentityDocumentSchema, required=True)


class IdpCertificateSchema(BaseSchema):
    """The certificate of registration as an internally displaced person."""

    number = TextField(required=True, max_length=30, metadata={"example": "1203-5001234567"})
    issue_date = fields.Date(required=True, metadata={"example": "2026-09-12"})

    @validates_schema(skip_on_field_errors=True)
    def check_date(self, data: Mapping[str, Any], **kwargs: Any) -> None:
        """Reject a certificate dated in the future."""
        check_not_future(data, "issue_date")


class IdCardApplicationSchema(BaseSchema):
    """Information for a child's first passport (ID card) at 14 to 17, for the officer."""

    authority = fields.Nested(
        OrganisationSchema,
        required=True,
        metadata={"description": "A State Migration Service unit or an administrative centre"},
    )
    child = fields.Nested(PassportChildSchema, required=True)
    rnokpp_refused = fields.Boolean(
        load_default=False,
        metadata={"description": "The child refused an RNOKPP on religious grounds"},
    )
    birth_certificate = fields.Nested(PassportBirthCertificateSchema, required=True)
    citizen_parents = fields.List(
        fields.Nested(CitizenParentSchema),
        load_default=list,
        validate=validate.Length(max=2, error=N_("List at most two parents.")),
        metadata={
            "description": "The parents (or one) who were citizens of Ukraine at the birth, with"
            " the documents showing it; left out: the legal representative's, if a parent"
        },
    )
    idp_certificate = fields.Nested(
        IdpCertificateSchema,
        load_default=None,
        metadata={"description": "For an internally displaced child"},
    )
    legal_representative = fields.Nested(LegalRepresentativeSchema, load_default=None)
    attachments = fields.List(
        fields.Nested(AttachmentSchema),
        load_default=list,
        validate=validate.Length(max=20, error=N_("List at most 20 documents.")),
        metadata={"description": "More originals to show, beyond those the data name"},
    )
    application_date = fields.Date(load_default=None, metadata={"description": "Today if left out"})

    @validates_schema(skip_on_field_errors=True)
    def check_case(self, data: Mapping[str, Any], **kwargs: Any) -> None:
        """Check the data of the passport procedure (CMU Resolution 302) for consistency."""
        errors: dict[str, Any] = {}
        child = data["child"]
        check_application_date(data, errors, child["birth_date"])
        if child.get("citizenship") is None:
            add_error(
                errors,
                "child.citizenship",
                N_("A passport of a citizen of Ukraine is issued only to a citizen of Ukraine."),
            )
        if child.get("rnokpp") and data["rnokpp_refused"]:
            add_error(
                errors,
                "rnokpp_refused",
                N_("Give either the RNOKPP or the refusal of one, not both."),
            )
        check_not_before(
            errors,
            "birth_certificate.issue_date",
            data["birth_certificate"].get("issue_date"),
            child["birth_date"],
            BEFORE_BIRTH,
        )
        representative = data.get("legal_representative")
        if representative and representative["relation"] not in LEGAL_REPRESENTATIVE_RELATIONS:
            add_error(
                errors,
                "legal_representative.relation",
                N_("Only a parent, a guardian or another legal representative can be named here."),
            )
        if representative and not representative.get("id_document"):
            add_error(
                errors,
                "legal_representative.id_document",
                N_("Give the legal representative's identity document."),
            )
        parents = [item["parent"] for item in data["citizen_parents"]]
        if len(parents) != len(set(parents)):
            add_error(errors, "citizen_parents", N_("Name each parent once."))
        if errors:
            raise ValidationError(errors)

    def find_warnings(
        self, data: Mapping[str, Any]
    ) -> Iterator[tuple[str, str, dict[str, object]]]:
        """Warn of likely mistakes that should not block the document."""
        if not data["child"].get("rnokpp") and not data["rnokpp_refused"]:
            yield (
                "child.rnokpp",
                N_(
                    "No RNOKPP is given: give it, or record the child's refusal of one on"
                    " religious grounds."
                ),
                {},
            )
        if not citizen_parents(data):
            yield (
                "citizen_parents",
                N_(
                    "Give the document of a parent who was a citizen of Ukraine at the child's"
                    " birth: the officer checks the child's citizenship by it."
                ),
                {},
            )


def citizen_parents(data: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The parents whose documents show the child's citizenship: as given, or the representative."""
    if data.get("citizen_parents"):
        return list(data["citizen_parents"])
    representative = data.get("legal_representative")
    if (
        representative
        and representative["relation"] in ("mother", "father")
        and representative.get("id_document")
    ):
        return [{**representative, "parent": representative["relation"]}]
    return []


# --- identity.idp_registration_application --------------------------------------------

MAX_CHILDREN_IN_APPLICATION = 20
# "self": a child of 14 to 17 applies in person. The relatives who may apply for a child
# under 14 who arrived without a legal representative, and lives in their family.
IDP_RELATIVES = ("grandparent", "great_grandparent", "adult_sibling", "aunt_or_uncle", "stepparent")
IDP_RELATIONS = (
    *(relation for relation in APPLICANT_RELATIONS if relation != "other_relative"),
    "great_grandparent",
    "aunt_or_uncle",
    "stepparent",
    "self",
)


class DisplacedChildSchema(ChildSchema):
    """A child registered as displaced, with a Ukrainian or an occupation-issued certificate."""

    birth_certificate = fields.Nested(UkrainianBirthCertificateSchema, load_default=None)
    occupation_birth_certificate = fields.Nested(
        OccupationBirthCertificateSchema, load_default=None
    )

    @validates_schema(skip_on_field_errors=True)
    def check_certificate(self, data: Mapping[str, Any], **kwargs: Any) -> None:
        """Require exactly one birth certificate, issued after the birth."""
        ukrainian, occupation = (
            data.get("birth_certificate"),
            data.get("occupation_birth_certificate"),
        )
        if ukrainian and occupation:
            raise ValidationError(
                N_(
                    "Give either the Ukrainian certificate or the one issued by the occupying"
                    " authorities, not both."
                ),
                "occupation_birth_certificate",
            )
        if not ukrainian and not occupation:
            raise ValidationError(
                N_(
                    "Give the child's birth certificate: a Ukrainian one, or one issued by the"
                    " occupying authorities."
                ),
                "birth_certificate",
            )
        for key, certificate in (
            ("birth_certificate", ukrainian),
            ("occupation_birth_certificate", occupation),
        ):
            issued = certificate.get("issue_date") if certificate else None
            if issued and data.get("birth_date") and issued < data["birth_date"]:
                raise ValidationError({key: {"issue_date": [BEFORE_BIRTH]}})

    def find_warnings(
        self, data: Mapping[str, Any]
    ) -> Iterator[tuple[str, str, dict[str, object]]]:
        """Warn that the occupiers' certificate proves neither identity nor citizenship."""
        if data.get("occupation_birth_certificate"):
            yield (
                "occupation_birth_certificate",
                N_(
                    "A birth certificate issued by the occupying authorities proves neither the"
                    " child's identity nor citizenship; the registration may be refused. First"
                    " establish the fact of birth in court (art. 317 CPC) and register the birth"
                    " with a civil registration office."
                ),
                {},
            )


class IdpApplicantSchema(IdentifiedApplicantSchema):
    """Who applies: a child of 14 to 17 in person, a legal representative, or a listed relative."""

    relation = ChoiceField(
        IDP_RELATIONS,
        error=N_("Choose one of the listed relations."),
        required=True,
        metadata={
            "description": "self: the child (14 to 17) applies in person; a grandparent,"
            " great-grandparent, adult sibling, aunt or uncle, stepfather or stepmother only for"
            " a child under 14 who arrived without a legal representative"
        },
    )


class IdpRegistrationApplicationSchema(BaseSchema):
    """Information for the application to register a child (and siblings) as displaced."""

    authority = fields.Nested(
        OrganisationSchema,
        required=True,
        metadata={"description": "The social-protection unit or administrative centre"},
    )
    applicant = fields.Nested(IdpApplicantSchema, required=True)
    child = fields.Nested(DisplacedChildSchema, required=True)
    other_children = fields.List(
        fields.Nested(DisplacedChildSchema),
        load_default=list,
        validate=validate.Length(
            max=MAX_CHILDREN_IN_APPLICATION - 1,
            error=N_("List at most 19 other children (20 in all)."),
        ),
        metadata={"description": "Brothers and sisters registered in the same application"},
    )
    arrived_without_parents = fields.Boolean(
        load_default=False,
        metadata={
            "description": "The child came without a parent or other legal representative; a"
            " relative applies"
        },
    )
    child_lives_with_applicant = fields.Boolean(
        load_default=None,
        allow_none=True,
        metadata={"description": "For a relative who applies: the child lives in their family"},
    )
    registered_address = fields.Nested(
        AddressSchema,
        required=True,
        metadata={"description": "The registered address in the area left"},
    )
    residence_proof = LocalizedTextField(
        load_default=None,
        max_length=500,
        metadata={"description": "A document proving residence in the area left, if there is one"},
    )
    actual_address = fields.Nested(
        AddressSchema,
        required=True,
        metadata={"description": "Where the child actually lives now"},
    )
    arrival_date = fields.Date(
        load_default=None,
        metadata={"description": "When the child arrived on the government-controlled territory"},
    )
    application_date = fields.Date(load_default=None, metadata={"description": "Today if left out"})

    @validates_schema(skip_on_field_errors=True)
    def check_case(self, data: Mapping[str, Any], **kwargs: Any) -> None:
        """Check who applies and the dates (the ages are the document's premises)."""
        errors: dict[str, Any] = {}
        children = [data["child"], *data["other_children"]]
        latest_birth = max(child["birth_date"] for child in children)
        check_application_date(data, errors, latest_birth)
        applicant = data["applicant"]
        relation = applicant["relation"]
        alone = data["arrived_without_parents"]
        if relation in ("mother", "father") and alone:
            add_error(
                errors,
                "arrived_without_parents",
                N_("A parent applies, so the child did not arrive without parents."),
            )
        elif relation == "self":
            if not same_person(applicant, data["child"]):
                add_error(
                    errors,
                    "applicant",
                    N_("A child who applies in person is the child of the application."),
                )
            if data["other_children"]:
                add_error(
                    errors,
                    "other_children",
                    N_("A child who applies in person applies for no one else."),
                )
        elif relation in IDP_RELATIVES:
            if not alone:
                add_error(
                    errors,
                    "applicant.relation",
                    N_(
                        "A parent or another legal representative applies; a relative only for a"
                        " child who arrived without parents."
                    ),
                )
            elif data.get("child_lives_with_applicant") is None:
                add_error(
                    errors,
                    "child_lives_with_applicant",
                    N_("Say whether the child lives in the applicant's family."),
                )
        elif relation not in LEGAL_REPRESENTATIVE_RELATIONS:
            add_error(
                errors,
                "applicant.relation",
                N_(
                    "A parent or another legal representative applies; for a child under 14 who"
                    " arrived without one, a grandparent, great-grandparent, adult brother or"
                    " sister, aunt, uncle, stepfather or stepmother in whose family the child"
                    " lives."
                ),
            )
        arrival: date | None = data.get("arrival_date")
        if arrival and is_future(arrival):
            add_error(errors, "arrival_date", N_("The date cannot be in the future."))
        elif arrival and data.get("application_date") and arrival > data["application_date"]:
            add_error(
                errors, "arrival_date", N_("The arrival cannot be later than the application.")
            )
        if errors:
            raise ValidationError(errors)

    def find_warnings(
        self, data: Mapping[str, Any]
    ) -> Iterator[tuple[str, str, dict[str, object]]]:
        """Warn of likely mistakes that should not block the document."""
        left_on = data.get("arrival_date") or judgement_date(data)
        if occupation_of(data["registered_address"], left_on).status == "not_occupied":
            yield (
                "registered_address",
                N_(
                    "The registered address was not on the temporarily occupied territory when"
                    " the child left: check that it lies in an area of hostilities on the"
                    " official list."
                ),
                {},
            )
        if not data["applicant"].get("rnokpp"):
            yield (
                "applicant.rnokpp",
                N_(
                    "No RNOKPP is given for the applicant: the authority asks for it unless the"
                    " applicant refused one on religious grounds."
                ),
                {},
            )
