"""Shared parts of every template's data: person, place, address, organisation, parties."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

from babel import Locale
from marshmallow import ValidationError, fields, post_load, validates_schema

from service.i18n import N_, Message
from service.schemas.base import BaseSchema, LocalizedTextField, is_future
from service.schemas.fields import (
    ChoiceField,
    EdrpouField,
    KatottgField,
    NameField,
    PhoneField,
    PostalCodeField,
    RnokppField,
    TextField,
    UnzrField,
)
from service.ukrainian import (
    InvalidIdentifierError,
    UkrainianDataError,
    check_booklet_passport,
    check_id_card_number,
    parse_birth_certificate,
    parse_occupation_birth_certificate,
    parse_rnokpp,
    parse_unzr,
)
from service.ukrainian.codifier import Place, find_place, find_places, similar_places
from service.ukrainian.institutions import derive_institution_forms

SEXES = ("male", "female")
TRAVEL_PASSPORT = re.compile(r"[A-Z]{2}\d{6}")
STATELESS = "stateless"
EARLIEST_BIRTH_DATE = date(1900, 1, 1)


# Two-letter codes CLDR knows that name no country: groupings, pseudo-locales and
# territories ISO 3166-1 only reserves (XK, Kosovo, is user-assigned and stays).
NOT_COUNTRIES = frozenset(
    {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "AC", "CP", "CQ", "DG", "EA", "IC", "TA"}
)


@functools.cache
def country_codes() -> frozenset[str]:
    """Every ISO 3166-1 alpha-2 code a country field takes."""
    codes = (str(code) for code in Locale("en").territories)
    return frozenset(
        code for code in codes if code.isalpha() and len(code) == 2 and code not in NOT_COUNTRIES
    )


class CountryField(fields.String):
    """An ISO 3166-1 alpha-2 country code (upper case), e.g. UA."""

    default_error_messages = {  # noqa: RUF012 - marshmallow's own class-level convention
        "country": N_("Enter a two-letter country code, e.g. UA."),
    }

    def __init__(self, *, allow_stateless: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("metadata", {"description": "ISO 3166-1 alpha-2 code", "example": "UA"})
        super().__init__(**kwargs)
        self.allow_stateless = allow_stateless

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        text = super()._deserialize(value, attr, data, **kwargs).strip()
        if self.allow_stateless and text.lower() == STATELESS:
            return STATELESS
        code = text.upper()
        if code not in country_codes():
            raise self.make_error("country")
        return code


def check_birth_date(value: date) -> None:
    """Refuse a birth date in the future or before anyone living was born."""
    if is_future(value):
        raise ValidationError(N_("The date cannot be in the future."))
    if value < EARLIEST_BIRTH_DATE:
        raise ValidationError(N_("The date is too far in the past."))


def check_not_future(value: date) -> None:
    """Refuse a date in the future (an issue date, as a field: with the other errors)."""
    if is_future(value):
        raise ValidationError(N_("The date cannot be in the future."))


class PersonSchema(BaseSchema):
    """A person as every template names them."""

    surname = NameField(required=True, metadata={"example": "Петренко"})
    given_name = NameField(required=True, metadata={"example": "Андрій"})
    patronymic = NameField(load_default=None, metadata={"example": "Іванович"})
    sex = ChoiceField(
        SEXES,
        error=N_("Choose male or female."),
        required=True,
    )
    # Checked as a field, so a date in the future is told with the form's other errors.
    birth_date = fields.Date(
        required=True, validate=check_birth_date, metadata={"example": "2016-03-14"}
    )
    citizenship = CountryField(load_default=None, allow_stateless=True)
    rnokpp = RnokppField(load_default=None)
    unzr = UnzrField(load_default=None)

    @validates_schema(skip_on_field_errors=True)
    def check_dates(self, data: Mapping[str, Any], **kwargs: Any) -> None:
        """Reject UNZR numbers of another birth date."""
        birth_date = data.get("birth_date")
        if birth_date is None:  # only when loading a partial case
            return
        if data.get("unzr") and parse_unzr(data["unzr"]).birth_date != birth_date:
            raise ValidationError(
                N_("The UNZR record number encodes a different birth date."), "unzr"
            )

    def find_warnings(
        self, data: Mapping[str, Any]
    ) -> Iterator[tuple[str, str, dict[str, object]]]:
        """Warn when the RNOKPP encodes another birth date or sex than the person's."""
        if not data.get("rnokpp"):
            return
        try:
            info = parse_rnokpp(data["rnokpp"])
        except UkrainianDataError:
            return
        if info.birth_date != data.get("birth_date"):
            yield (
                "rnokpp",
                N_("The RNOKPP encodes the birth date %(date)s, which differs from the person's."),
                {"date": info.birth_date.strftime("%d.%m.%Y")},
            )
        if data.get("sex") and info.sex != data["sex"]:
            yield "rnokpp", N_("The RNOKPP encodes a different sex than the person's."), {}


# The regions of Ukraine as the Constitution (article 133) names them, written as a place
# field takes them: offered while typing, so documents spell them one way.
OBLASTS = (
    "Автономна Республіка Крим",
    "Вінницька область",
    "Волинська область",
    "Дніпропетровська область",
    "Донецька область",
    "Житомирська область",
    "Закарпатська область",
    "Запорізька область",
    "Івано-Франківська область",
    "Київська область",
    "Кіровоградська область",
    "Луганська область",
    "Львівська область",
    "Миколаївська область",
    "Одеська область",
    "Полтавська область",
    "Рівненська область",
    "Сумська область",
    "Тернопільська область",
    "Харківська область",
    "Херсонська область",
    "Хмельницька область",
    "Черкаська область",
    "Чернівецька область",
    "Чернігівська область",
    "м. Київ",
    "м. Севастополь",
)


MAX_CANDIDATES = 8
AMBIGUOUS_PLACE = N_(
    "Several places of Ukraine have this name: give the KATOTTG code of the one meant"
    " (katottg), or its oblast and raion. %(candidates)s"
)
UNKNOWN_PLACE = N_(
    "No settlement of Ukraine has this name in the KATOTTG codifier. Check the spelling,"
    " or give the place's KATOTTG code (katottg).%(suggestions)s"
)
UNKNOWN_CODE = N_("No settlement or territorial community of Ukraine has this KATOTTG code.")
SETTLEMENT_NEEDED = N_("Give the settlement, or its KATOTTG code (katottg).")


def list_candidates(places: list[Place]) -> dict[str, str]:
    """Name candidate places with their codes, in Ukrainian and in English."""
    shown = places[:MAX_CANDIDATES]
    more = len(places) - len(shown)
    texts = {}
    for lang in ("uk", "en"):
        lines = [
            f"{place.katottg}: {place.line if lang == 'uk' else place.line_en}" for place in shown
        ]
        if more:
            lines.append(f"+{more}")
        texts[lang] = "; ".join(lines)
    return texts


class PlaceSchema(BaseSchema):
    """A place: in Ukraine picked by its KATOTTG code (or names that fit one code), abroad typed.

    For Ukraine the settlement, city district, territorial community, raion and oblast
    are derived from the code; names given without a code are resolved to it, and names
    that fit no place or several are refused with the candidates. Whether the place was
    occupied is never told: it is derived from the place and the day that matters
    (`service.ukrainian.occupation`); `occupation_confirmed` records a person's answer
    where the official list cannot decide.
    """

    settlement = TextField(
        load_default=None,
        max_length=100,
        metadata={
            "example": "м. Маріуполь",
            "description": "Required unless katottg is given; in Ukraine derived from it",
            "needed": True,  # a form marks it: a person names the place by it
        },
    )
    hromada = TextField(
        load_default=None,
        max_length=100,
        metadata={"example": "Маріупольська міська територіальна громада"},
    )
    raion = TextField(
        load_default=None, max_length=100, metadata={"example": "Маріупольський район"}
    )
    oblast = TextField(load_default=None, max_length=100, metadata={"example": "Донецька область"})
    katottg = KatottgField(load_default=None)
    district = TextField(
        load_default=None,
        max_length=100,
        metadata={"description": "A city district, derived from katottg"},
    )
    country = CountryField(load_default="UA")
    occupation_confirmed = fields.Boolean(
        load_default=None,
        allow_none=True,
        metadata={
            "description": "A person's answer, where the official list of occupied territories"
            " cannot decide (a community occupied in part, a date known by month): whether the"
            " place was under occupation on the day that matters (the birth, the departure)"
        },
    )
    occupied = fields.Boolean(
        load_default=None,
        allow_none=True,
        load_only=True,
        metadata={
            "deprecated": True,
            "description": "Ignored: occupation is derived from the place and the date."
            " Accepted until the next release",
        },
    )

    @validates_schema(skip_on_field_errors=True)
    def check_place(self, data: Mapping[str, Any], **kwargs: Any) -> None:
        """Require a place of Ukraine that one KATOTTG code names; abroad, a settlement."""
        if data.get("country", "UA") != "UA":
            if not data.get("settlement") and not kwargs.get("partial"):
                raise ValidationError(N_("Give the settlement."), "settlement")
            return
        if data.get("katottg"):
            if find_place(data["katottg"]) is None:
                raise ValidationError(UNKNOWN_CODE, "katottg")
            return
        if not data.get("settlement"):
            if kwargs.get("partial"):  # a stored case's place, not finished yet
                return
            raise ValidationError(SETTLEMENT_NEEDED, "settlement")
        candidates = self.candidates(data)
        if len(candidates) > 1:
            raise ValidationError(
                Message(AMBIGUOUS_PLACE, candidates=list_candidates(candidates)), "settlement"
            )
        if not candidates:
            suggestions = similar_places(data["settlement"], MAX_CANDIDATES)
            listed = list_candidates(suggestions) if suggestions else {"uk": "", "en": ""}
            shown = {lang: f" {text}" if text else "" for lang, text in listed.items()}
            raise ValidationError(Message(UNKNOWN_PLACE, suggestions=shown), "settlement")

    @staticmethod
    def candidates(data: Mapping[str, Any]) -> list[Place]:
        """The places of Ukraine whose names fit the data's."""
        return find_places(
            data["settlement"],
            hromada=data.get("hromada"),
            raion=data.get("raion"),
            oblast=data.get("oblast"),
        )

    @post_load
    def derive_names(self, data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        """Fill a Ukrainian place's code and official names; drop the ignored `occupied`."""
        data.pop("occupied", None)
        if data.get("country", "UA") != "UA":
            return data
        place = find_place(data["katottg"]) if data.get("katottg") else None
        if place is None and data.get("settlement"):
            found = self.candidates(data)
            place = found[0] if len(found) == 1 else None
        if place is not None:
            data.update(
                katottg=place.katottg,
                settlement=place.settlement,
                district=place.district,
                hromada=place.hromada,
                raion=place.raion,
                oblast=place.oblast,
            )
        return data


class AddressSchema(PlaceSchema):
    """A postal address: a place plus street, building and apartment."""

    postal_code = PostalCodeField(load_default=None)
    street = TextField(load_default=None, max_length=150, metadata={"example": "вул. Соборна"})
    building = TextField(load_default=None, max_length=20, metadata={"example": "12"})
    apartment = TextField(load_default=None, max_length=20, metadata={"example": "5"})


NAME_NEEDS_REVIEW = N_(
    "Check how documents will write this name: the rules could not derive all of its "
    "forms. Give the dative (name_dative) and the English name (name_en) to correct them."
)


class OrganisationSchema(BaseSchema):
    """A court, an authority or a facility: its Ukrainian name; the other forms are derived.

    The dative, genitive and English names are derived from `name`; each of the
    `name_*` fields, when given, overrides what is derived (`name_dative` is accepted for
    one release for the clients that still send it). `institution_id` records which
    directory entry the name came from.
    """

    institution_id = TextField(
        load_default=None,
        max_length=64,
        metadata={"description": "The institution of the directory this name was taken from"},
    )
    name = TextField(
        required=True,
        max_length=300,
        metadata={"example": "Шевченківський районний суд міста Києва"},
    )
    name_dative = TextField(
        load_default=None,
        max_length=300,
        metadata={
            "description": "Deprecated override of the derived dative ('to whom'); "
            "accepted until the next release"
        },
    )
    name_genitive = TextField(
        load_default=None,
        max_length=300,
        metadata={"description": "Override of the derived genitive ('of whom')"},
    )
    name_en = TextField(
        load_default=None,
        max_length=300,
        metadata={"description": "Override of the derived English name"},
    )
    edrpou = EdrpouField(load_default=None)

    def find_warnings(
        self, data: Mapping[str, Any]
    ) -> Iterator[tuple[str, str, dict[str, object]]]:
        """Warn when the rules could not derive every form of the name and none was given."""
        forms = derive_institution_forms(data["name"])
        if not forms.needs_review:
            return
        dative_unsure = forms.dative == forms.uk and not data.get("name_dative")
        if dative_unsure or not data.get("name_en"):
            yield "name", NAME_NEEDS_REVIEW, {}

    address = fields.Nested(AddressSchema, load_default=None)


class ChildSchema(PersonSchema):
    """The child the paperwork is about."""

    birth_place = fields.Nested(PlaceSchema, required=True)


class ContactsMixin(BaseSchema):
    """Where an adult can be reached."""

    address = fields.Nested(AddressSchema, required=True)
    phone = PhoneField(load_default=None)
    email = fields.Email(
        load_default=None,
        error_messages={"invalid": N_("Enter a valid e-mail address.")},
        metadata={"example": "o.petrenko@example.com"},
    )


class ParentSchema(PersonSchema):
    """A parent of the child; citizenship as an ISO code or "stateless"."""


APPLICANT_RELATIONS = (
    "mother",
    "father",
    "grandparent",
    "adult_sibling",
    "other_relative",
    "guardian",
    "caregiver",
    "legal_representative",
)


class ApplicantSchema(ContactsMixin, PersonSchema):
    """Whoever files the document, and how they are related to the child."""

    relation = ChoiceField(
        APPLICANT_RELATIONS,
        error=N_("Choose one of the listed relations."),
        required=True,
    )

    @validates_schema(skip_on_field_errors=True)
    def check_relation_sex(self, data: Mapping[str, Any], **kwargs: Any) -> None:
        """Reject a mother recorded as male or a father as female."""
        expected = {"mother": "female", "father": "male"}.get(data.get("relation", ""))
        if expected and data.get("sex", expected) != expected:
            raise ValidationError(
                N_("The relation does not match the applicant's sex."), "relation"
            )


ID_DOCUMENT_KINDS = (
    "id_card",
    "booklet_passport",
    "birth_certificate",
    "travel_passport",
    "foreign_passport",
    "occupation_birth_certificate",
    "other",
)


class IdentityDocumentSchema(BaseSchema):
    """A document that identifies a person; series and number are checked by its kind.

    A birth certificate issued by the occupying authorities is its own kind and is never
    accepted as a Ukrainian `birth_certificate`.
    """

    kind = ChoiceField(
        ID_DOCUMENT_KINDS,
        error=N_("Choose one of the listed kinds."),
        required=True,
    )
    series = TextField(load_default=None, max_length=20, metadata={"example": "I-ЖС"})
    number = TextField(required=True, max_length=30, metadata={"example": "123456"})
    issued_by = TextField(load_default=None, max_length=300)
    issue_date = fields.Date(load_default=None, validate=check_not_future)

    @validates_schema(skip_on_field_errors=True)
    def check_number(self, data: Mapping[str, Any], **kwargs: Any) -> None:
        """Check series and number by the document's kind."""
        if "kind" not in data or "number" not in data:  # only when loading a partial case
            return
        try:
            canonical_document(data)
        except UkrainianDataError as error:
            raise ValidationError(error.message, "number") from error
        if data.get("issue_date") and is_future(data["issue_date"]):
            raise ValidationError(N_("The date cannot be in the future."), "issue_date")

    @post_load
    def normalise(self, data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        """Store series and number in their canonical form."""
        if "kind" in data and "number" in data:
            data["series"], data["number"] = canonical_document(data)
        return data


def canonical_document(data: Mapping[str, Any]) -> tuple[str | None, str]:
    """Check a document's series and number by kind and return them canonical."""
    kind, series, number = data["kind"], data.get("series"), data["number"]
    if kind == "id_card":
        return None, check_id_card_number(number)
    if kind == "booklet_passport":
        canonical = check_booklet_passport(f"{series or ''}{number}")
        return canonical[:2], canonical[2:]
    if kind == "birth_certificate":
        certificate = parse_birth_certificate(series or "", number)
        return certificate.series, certificate.number
    if kind == "travel_passport":
        canonical = re.sub(r"[\s№-]", "", f"{series or ''}{number}").upper()
        if not TRAVEL_PASSPORT.fullmatch(canonical):
            raise InvalidIdentifierError(
                N_("A travel passport number is two Latin letters and 6 digits, e.g. FA123456.")
            )
        return canonical[:2], canonical[2:]
    if kind == "occupation_birth_certificate":
        foreign = parse_occupation_birth_certificate(series or "", number)
        return foreign.series, foreign.number
    return series, number


class BirthCertificateSchema(BaseSchema):
    """Series, number and issue of a birth certificate, checked by `parse_certificate`."""

    series = TextField(required=True, max_length=20, metadata={"example": "I-ЖС"})
    number = TextField(required=True, max_length=20, metadata={"example": "123456"})
    issued_by = TextField(load_default=None, max_length=300)
    issue_date = fields.Date(load_default=None, validate=check_not_future)

    @validates_schema(skip_on_field_errors=True)
    def check_certificate(self, data: Mapping[str, Any], **kwargs: Any) -> None:
        """Check the series and number, and that the certificate is not issued in the future."""
        if "series" not in data or "number" not in data:  # only when loading a partial case
            return
        try:
            self.parse_certificate(data["series"], data["number"])
        except UkrainianDataError as error:
            raise ValidationError(error.message, "series") from error
        if data.get("issue_date") and is_future(data["issue_date"]):
            raise ValidationError(N_("The date cannot be in the future."), "issue_date")

    @post_load
    def normalise(self, data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        """Store the series and number in their canonical form."""
        if "series" not in data or "number" not in data:
            return data
        certificate = self.parse_certificate(data["series"], data["number"])
        data["series"], data["number"] = certificate.series, certificate.number
        return data

    def parse_certificate(self, series: str, number: str) -> Any:
        """Check series and number; raise UkrainianDataError when wrong."""
        raise NotImplementedError


class UkrainianBirthCertificateSchema(BirthCertificateSchema):
    """A Ukrainian birth certificate (one issued by the occupying authorities is refused)."""

    def parse_certificate(self, series: str, number: str) -> Any:
        """Check a Ukrainian series (Roman numeral, two Ukrainian letters) and number."""
        return parse_birth_certificate(series, number)


class OccupationBirthCertificateSchema(BirthCertificateSchema):
    """A birth certificate issued by the occupying authorities (not recognised by Ukraine)."""

    series = TextField(required=True, max_length=20, metadata={"example": "I-ДН"})
    issued_by = TextField(required=True, max_length=300)
    issue_date = fields.Date(required=True)

    def parse_certificate(self, series: str, number: str) -> Any:
        """Check a series and number of the Russian format."""
        return parse_occupation_birth_certificate(series, number)


class SignatorySchema(BaseSchema):
    """An official who signs: name, sex (for grammar) and position in both languages."""

    surname = NameField(required=True)
    given_name = NameField(required=True)
    patronymic = NameField(load_default=None)
    sex = ChoiceField(
        SEXES,
        error=N_("Choose male or female."),
        required=True,
    )
    position = LocalizedTextField(required=True, max_length=200, multiline=False)


class LegalRepresentativeSchema(ApplicantSchema):
    """A parent, guardian or other legal representative, with an identity document."""

    id_document = fields.Nested(IdentityDocumentSchema, load_default=None)
