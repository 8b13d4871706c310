"""Shared parts of every template's data: person, place, address, organisation, parties."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

from babel import Locale
from marshmallow import ValidationError, fields, validate, validates_schema

from service.i18n import N_
from service.schemas.base import BaseSchema, is_future
from service.schemas.fields import (
    KatottgField,
    NameField,
    PhoneField,
    PostalCodeField,
    RnokppField,
    TextField,
    UnzrField,
)
from service.ukrainian import UkrainianDataError, parse_rnokpp, parse_unzr

SEXES = ("male", "female")
STATELESS = "stateless"
EARLIEST_BIRTH_DATE = date(1900, 1, 1)


def _country_codes() -> frozenset[str]:
    codes = (str(code) for code in Locale("en").territories)
    return frozenset(code for code in codes if code.isalpha() and len(code) == 2)


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
        if code not in _country_codes():
            raise self.make_error("country")
        return code


class PersonSchema(BaseSchema):
    """A person as every template names them."""

    surname = NameField(required=True, metadata={"example": "Петренко"})
    given_name = NameField(required=True, metadata={"example": "Андрій"})
    patronymic = NameField(load_default=None, metadata={"example": "Іванович"})
    sex = fields.String(
        required=True,
        validate=validate.OneOf(SEXES, error=N_("Choose male or female.")),
        metadata={"enum": list(SEXES)},
    )
    birth_date = fields.Date(required=True, metadata={"example": "2016-03-14"})
    citizenship = CountryField(load_default=None, allow_stateless=True)
    rnokpp = RnokppField(load_default=None)
    unzr = UnzrField(load_default=None)

    @validates_schema(skip_on_field_errors=True)
    def check_dates(self, data: Mapping[str, Any], **kwargs: Any) -> None:
        """Reject birth dates in the future and UNZR numbers of another birth date."""
        birth_date = data["birth_date"]
        if is_future(birth_date):
            raise ValidationError(N_("The date cannot be in the future."), "birth_date")
        if birth_date < EARLIEST_BIRTH_DATE:
            raise ValidationError(N_("The date is too far in the past."), "birth_date")
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


class PlaceSchema(BaseSchema):
    """A settlement and the units it lies in; `occupied` marks the occupied territory."""

    country = CountryField(load_default="UA")
    oblast = TextField(load_default=None, max_length=100, metadata={"example": "Донецька область"})
    raion = TextField(
        load_default=None, max_length=100, metadata={"example": "Маріупольський район"}
    )
    hromada = TextField(
        load_default=None, max_length=100, metadata={"example": "Маріупольська міська громада"}
    )
    settlement = TextField(required=True, max_length=100, metadata={"example": "м. Маріуполь"})
    katottg = KatottgField(load_default=None)
    occupied = fields.Boolean(
        load_default=False,
        metadata={"description": "On the temporarily occupied territory of Ukraine"},
    )


class AddressSchema(PlaceSchema):
    """A postal address: a place plus street, building and apartment."""

    postal_code = PostalCodeField(load_default=None)
    street = TextField(load_default=None, max_length=150, metadata={"example": "вул. Соборна"})
    building = TextField(load_default=None, max_length=20, metadata={"example": "12"})
    apartment = TextField(load_default=None, max_length=20, metadata={"example": "5"})


class OrganisationSchema(BaseSchema):
    """A court, an authority or a facility: its name in Ukrainian and (optionally) English."""

    name = TextField(required=True, max_length=300)
    name_en = TextField(load_default=None, max_length=300)
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


class ApplicantSchema(PersonSchema, ContactsMixin):
    """Whoever files the document, and how they are related to the child."""

    relation = fields.String(
        required=True,
        validate=validate.OneOf(
            APPLICANT_RELATIONS, error=N_("Choose one of the listed relations.")
        ),
        metadata={"enum": list(APPLICANT_RELATIONS)},
    )

    @validates_schema(skip_on_field_errors=True)
    def check_relation_sex(self, data: Mapping[str, Any], **kwargs: Any) -> None:
        """Reject a mother recorded as male or a father as female."""
        expected = {"mother": "female", "father": "male"}.get(data["relation"])
        if expected and data["sex"] != expected:
            raise ValidationError(
                N_("The relation does not match the applicant's sex."), "relation"
            )
