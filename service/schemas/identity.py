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
from service.schemas.fields import ChoiceField, PhoneField, TextField
from service.ukrainian import UkrainianDataError, age_on
from service.ukrainian.occupation import occupation_of

EVIDENCE_KINDS = (
    "medical_birth_record",
    "occupation_birth_certificate",
    "witness_statement",
    "photo_or_video",
    "other",
)


class EvidenceSchema(BaseSchema):
    """One piece of evidence of the birth, listed in the application and attached."""

    kind = ChoiceField(
        EVIDENCE_KINDS,
        error=N_("Choose one of the listed kinds."),
        required=True,
    )
    description = LocalizedTextField(load_default=None, max_length=500)

    other_needs_details = ("kind", "description", N_("Describe this piece of evidence."))


class BirthFactCourtApplicationSchema(BaseSchema):
    """Application to a court to establish the fact of birth on the occupied territory."""

    court = fields.Nested(OrganisationSchema, required=True)
    applicant = fields.Nested(ApplicantSchema, required=True)
    child = fields.Nested(ChildSchema, required=True)
    mother = fields.Nested(ParentSchema, load_default=None)
    father = fields.Nested(ParentSchema, load_default=None)
    interested_party = fields.Nested(
        OrganisationSchema,
        required=True,
        metadata={"description": "The civil-registration (DRATS) department"},
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
        """Apply the rules of article 317 of the Civil Procedure Code to the case."""
        errors: dict[str, Any] = {}
        relation = data["applicant"]["relation"]
        if (
            not data.get("mother")
            and not data.get("father")
            and relation not in ("mother", "father")
        ):
            errors["mother"] = [N_("Give at least one parent of the child.")]
        kinds = {item["kind"] for item in data["evidence"]}
        if data.get("occupation_birth_certificate") and "occupation_birth_certificate" not in kinds:
            errors["evidence"] = [
                N_("List the certificate issued by the occupying authorities as evidence too.")
            ]
        application_date: date | None = data.get("application_date")
        if application_date and application_date < data["child"]["birth_date"]:
            errors["application_date"] = [N_("The application cannot predate the child's birth.")]
        if application_date and is_future(application_date):
            errors["application_date"] = [N_("The date cannot be in the future.")]
        if errors:
            raise ValidationError(errors)


# --- Shared by the applications to an authority below --------------------------------

LEGAL_REPRESENTATIVE_RELATIONS = ("mother", "father", "guardian", "legal_representative")
RELATIVE_RELATIONS = ("grandparent", "adult_sibling", "other_relative")


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


def add_error(errors: dict[str, Any], path: str, message: str) -> None:
    """Add a message at a dotted path of a marshmallow error dict."""
    *parents, leaf = path.split(".")
    node: dict[Any, Any] = errors
    for name in parents:
        node = node.setdefault(int(name) if name.isdigit() else name, {})
    node.setdefault(leaf, []).append(message)


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

FATHER_BASES = ("marriage", "joint_application")


class CourtDecisionSchema(BaseSchema):
    """A court decision establishing the fact of birth (identity.birth_fact_court_application)."""

    court = fields.Nested(OrganisationSchema, required=True)
    decision_date = fields.Date(required=True, metadata={"example": "2026-12-04"})
    case_number = TextField(required=True, max_length=50, metadata={"example": "761/45872/26"})

    @validates_schema(skip_on_field_errors=True)
    def check_date(self, data: Mapping[str, Any], **kwargs: Any) -> None:
        """Reject a decision dated in the future."""
        if data.get("decision_date") and is_future(data["decision_date"]):
            raise ValidationError(N_("The date cannot be in the future."), "decision_date")


class MedicalBirthCertificateSchema(BaseSchema):
    """The medical certificate of birth (form No. 103/o) issued by a healthcare facility."""

    number = TextField(required=True, max_length=30, metadata={"example": "1234"})
    issue_date = fields.Date(required=True, metadata={"example": "2026-10-03"})
    facility = fields.Nested(OrganisationSchema, required=True)

    @validates_schema(skip_on_field_errors=True)
    def check_date(self, data: Mapping[str, Any], **kwargs: Any) -> None:
        """Reject a certificate dated in the future."""
        if data.get("issue_date") and is_future(data["issue_date"]):
            raise ValidationError(N_("The date cannot be in the future."), "issue_date")


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
    """Application to a civil-registration (DRATS) department to register a birth."""

    registry_office = fields.Nested(
        OrganisationSchema,
        required=True,
        metadata={"description": "The civil-registration (DRATS) department"},
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
    circumstances = LocalizedTextField(
        load_default=None,
        max_length=4000,
        metadata={"description": "Why someone other than a parent applies, if so; more to say"},
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
        child = data["child"]
        if (
            data.get("medical_certificate")
            and occupation_of(child["birth_place"], child["birth_date"]).occupied
        ):
            yield (
                "medical_certificate",
                N_(
                    "The child was born on the temporarily occupied territory: a medical"
                    " certificate issued there is not valid in Ukraine, and the birth is"
                    " registered on a court decision establishing the fact of birth."
                ),
                {},
            )
        applicant = data["applicant"]
        if applicant["relation"] not in ("mother", "father") and not data.get("circumstances"):
            yield (
                "circumstances",
                N_("Explain why the parents cannot register the birth themselves."),
                {},
            )
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
    """One document attached to the application."""

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


class IdCardApplicationSchema(BaseSchema):
    """Application of a child aged 14 to 17 for a first passport of a citizen of Ukraine."""

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
    legal_representative = fields.Nested(LegalRepresentativeSchema, required=True)
    attachments = fields.List(
        fields.Nested(AttachmentSchema),
        required=True,
        validate=validate.Length(
            min=1, max=20, error=N_("List between 1 and 20 attached documents.")
        ),
    )
    application_date = fields.Date(load_default=None, metadata={"description": "Today if left out"})

    @validates_schema(skip_on_field_errors=True)
    def check_case(self, data: Mapping[str, Any], **kwargs: Any) -> None:
        """Apply the rules of the passport procedure (CMU Resolution 302) to the case."""
        errors: dict[str, Any] = {}
        child = data["child"]
        check_application_date(data, errors, child["birth_date"])
        if "application_date" not in errors:
            age = age_on(child["birth_date"], judgement_date(data))
            if age < PASSPORT_AGE:
                add_error(
                    errors,
                    "child.birth_date",
                    N_("A passport is issued from the age of 14: the child is younger."),
                )
            elif age >= ADULT_AGE:
                add_error(
                    errors,
                    "child.birth_date",
                    N_("The person is 18 or older and applies on their own, not with this form."),
                )
        if child.get("citizenship") != "UA":
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
        representative = data["legal_representative"]
        if representative["relation"] not in LEGAL_REPRESENTATIVE_RELATIONS:
            add_error(
                errors,
                "legal_representative.relation",
                N_("Only a parent, a guardian or another legal representative can consent."),
            )
        if not representative.get("id_document"):
            add_error(
                errors,
                "legal_representative.id_document",
                N_("Give the legal representative's identity document."),
            )
        if "birth_certificate" not in {item["kind"] for item in data["attachments"]}:
            add_error(
                errors,
                "attachments",
                N_("List the child's birth certificate among the attachments."),
            )
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
        kinds = {item["kind"] for item in data["attachments"]}
        if data["legal_representative"]["relation"] == "guardian" and (
            "guardianship_decision" not in kinds
        ):
            yield (
                "attachments",
                N_("A guardian shows the decision on guardianship: list it among the attachments."),
                {},
            )


# --- identity.idp_registration_application --------------------------------------------

MAX_CHILDREN_IN_APPLICATION = 20


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


class IdpRegistrationApplicationSchema(BaseSchema):
    """Application to register a child (and siblings) as internally displaced persons."""

    authority = fields.Nested(
        OrganisationSchema,
        required=True,
        metadata={"description": "The social-protection unit or administrative centre"},
    )
    applicant = fields.Nested(IdentifiedApplicantSchema, required=True)
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
        metadata={"description": "The child came without parents; a relative applies"},
    )
    registered_address = fields.Nested(
        AddressSchema,
        required=True,
        metadata={"description": "The registered address in the area left"},
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
        """Apply the rules of the Law on internally displaced persons, article 4, to the case."""
        errors: dict[str, Any] = {}
        children = [("child", data["child"])] + [
            (f"other_children.{index}", child) for index, child in enumerate(data["other_children"])
        ]
        latest_birth = max(child["birth_date"] for _, child in children)
        check_application_date(data, errors, latest_birth)
        if "application_date" not in errors:
            on_date = judgement_date(data)
            for path, child in children:
                if age_on(child["birth_date"], on_date) >= ADULT_AGE:
                    add_error(
                        errors,
                        f"{path}.birth_date",
                        N_("The person is 18 or older and applies on their own."),
                    )
        if "application_date" not in errors:
            actual = occupation_of(data["actual_address"], judgement_date(data))
            if actual.occupied:
                add_error(
                    errors,
                    "actual_address",
                    N_(
                        "The actual address is on the temporarily occupied territory: it must"
                        " be on the territory controlled by Ukraine."
                    ),
                )
        relation = data["applicant"]["relation"]
        alone = data["arrived_without_parents"]
        if relation in ("mother", "father") and alone:
            add_error(
                errors,
                "arrived_without_parents",
                N_("A parent applies, so the child did not arrive without parents."),
            )
        elif relation not in LEGAL_REPRESENTATIVE_RELATIONS and not (
            alone and relation in RELATIVE_RELATIONS
        ):
            add_error(
                errors,
                "applicant.relation",
                N_(
                    "A parent or another legal representative applies; a relative only for a"
                    " child who arrived without parents."
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
