"""Marshmallow fields: what each loads, which msgid it rejects with, what apispec shows."""

from __future__ import annotations

import re
from typing import Any

import pytest
from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from marshmallow import Schema, ValidationError, validate
from marshmallow.fields import Field, List

import service.schemas.case
import service.schemas.institutions
import service.schemas.jobs
import service.schemas.requests  # noqa: F401 - the schemas that no template imports
from service.documents import list_templates
from service.schemas.common import CountryField
from service.schemas.fields import (
    BookletPassportField,
    IdCardNumberField,
    KatottgField,
    NameField,
    PhoneField,
    PostalCodeField,
    RnokppField,
    TextField,
    UkrainianField,
    UnzrField,
)


class PersonSchema(Schema):
    surname = NameField(required=True)
    patronymic = NameField(load_default=None, metadata={"example": "Іванович"})
    rnokpp = RnokppField(load_default=None)
    unzr = UnzrField(load_default=None)
    id_card = IdCardNumberField(load_default=None)
    passport = BookletPassportField(load_default=None)
    phone = PhoneField(load_default=None)
    postal_code = PostalCodeField(load_default=None)
    katottg = KatottgField(load_default=None)
    settlement = TextField(required=True, max_length=20)
    notes = TextField(multiline=True, load_default=None)


ONLY_LETTERS = "A name may contain only letters, apostrophes, hyphens, spaces and dots."
VALID = {"surname": "Петренко", "settlement": "м. Маріуполь"}


def load(**values: Any) -> dict[str, Any]:
    result: dict[str, Any] = PersonSchema().load({**VALID, **values})
    return result


def errors(**values: Any) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        PersonSchema().load({**VALID, **values})
    messages = caught.value.messages
    assert isinstance(messages, dict)
    return messages


@pytest.mark.parametrize(
    ("field", "value", "loaded"),
    [
        ("surname", "  Обʼєдкова ", "Обʼєдкова"),
        ("surname", "Мар'янчук", "Марʼянчук"),
        ("rnokpp", " 175 901 3776 ", "1759013776"),
        ("unzr", "2015061501234", "20150615-01234"),
        ("id_card", "000 123 456", "000123456"),
        ("passport", "kb 123456", "КВ123456"),
        ("phone", "050 123 45 67", "+380501234567"),
        ("phone", "+7 (978) 123-45-67", "+79781234567"),
        ("postal_code", " 01001 ", "01001"),
        ("katottg", "уа71020010000037786", "UA71020010000037786"),
        ("settlement", "  м.   Маріуполь ", "м. Маріуполь"),
        ("notes", "рядок 1\r\nрядок  2", "рядок 1\nрядок 2"),
    ],
)
def test_loads_the_canonical_form(field: str, value: str, loaded: str) -> None:
    assert load(**{field: value})[field] == loaded


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("surname", "Іван2", ONLY_LETTERS),
        ("surname", "", "Enter a name."),
        ("surname", "Я" * 101, "A name can be at most 100 characters long."),
        ("rnokpp", "1759013770", "The RNOKPP check digit does not match."),
        ("unzr", "20000101-00018", "The UNZR check digit does not match."),
        ("id_card", "12345678", "The ID card number must be 9 digits."),
        ("passport", "ЫЭ123456", "The passport series cannot contain the letters Ы, Ъ, Э or Ё."),
        ("phone", "+380 50 123 456", "Enter a Ukrainian phone number as +380 and 9 digits."),
        ("postal_code", "00123", "A postal code cannot start with 00."),
        ("katottg", "UA123", "The KATOTTG code must be UA followed by 17 digits."),
        ("settlement", "x" * 21, "The text is too long."),
        ("settlement", "   ", "This field cannot be empty."),
        ("settlement", "a\nb", "Line breaks are not allowed here."),
    ],
)
def test_rejects_with_a_msgid(field: str, value: str, message: str) -> None:
    assert errors(**{field: value}) == {field: [message]}


@pytest.mark.parametrize("value", [12, 1759013776, ["Петренко"], {"uk": "x"}, True, b"bytes"])
@pytest.mark.parametrize("field", ["surname", "rnokpp", "phone", "settlement"])
def test_rejects_what_is_not_text(field: str, value: object) -> None:
    assert errors(**{field: value}) == {field: ["Enter the value as text."]}


@pytest.mark.parametrize("field", ["patronymic", "rnokpp", "unzr", "phone", "katottg", "notes"])
def test_null_optional_value_loads_as_none(field: str) -> None:
    assert load(**{field: None})[field] is None


@pytest.mark.parametrize("field", ["patronymic", "notes"])
@pytest.mark.parametrize("blank", ["", "   "])
def test_blank_optional_value_without_a_pattern_loads_as_none(field: str, blank: str) -> None:
    assert load(**{field: blank})[field] is None


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("rnokpp", "The RNOKPP must be 10 digits."),
        ("unzr", "The UNZR must be 8 digits of the birth date, a dash and 5 digits."),
        ("id_card", "The ID card number must be 9 digits."),
        (
            "passport",
            "The passport series and number must be two Cyrillic letters and 6 digits.",
        ),
        ("phone", "Enter a phone number as +380 and 9 digits, or with another country code."),
        ("postal_code", "The postal code must be 5 digits."),
        ("katottg", "The KATOTTG code must be UA followed by 17 digits."),
    ],
)
@pytest.mark.parametrize("blank", ["", "   "])
def test_blank_value_of_a_field_with_a_pattern_is_refused_as_not_fitting_it(
    field: str, message: str, blank: str
) -> None:
    """The OpenAPI pattern does not take "", so neither does the field (null does)."""
    assert errors(**{field: blank}) == {field: [message]}
    assert not re.search(PersonSchema().fields[field].metadata["pattern"], blank)


def test_missing_optional_value_loads_its_default() -> None:
    assert load()["rnokpp"] is None


def test_required_value_cannot_be_null() -> None:
    assert "surname" in errors(surname=None)


def test_dump_writes_the_value() -> None:
    dumped = PersonSchema().dump({"surname": "Петренко", "phone": "+380501234567"})
    assert dumped == {"surname": "Петренко", "phone": "+380501234567"}


def test_caller_metadata_overrides_the_defaults() -> None:
    field = PersonSchema().fields["patronymic"]
    assert field.metadata["example"] == "Іванович"
    assert field.metadata["maxLength"] == 100


def openapi_properties() -> dict[str, dict[str, Any]]:
    spec = APISpec("test", "1", "3.0.3", plugins=[MarshmallowPlugin()])
    spec.components.schema("Person", schema=PersonSchema)
    properties: dict[str, dict[str, Any]] = spec.to_dict()["components"]["schemas"]["Person"][
        "properties"
    ]
    return properties


def test_openapi_shows_a_string_with_example_and_pattern() -> None:
    properties = openapi_properties()
    for name in ("rnokpp", "unzr", "id_card", "passport", "phone", "postal_code", "katottg"):
        assert properties[name]["type"] == "string"
        assert properties[name]["example"]
        assert properties[name]["pattern"].startswith("^")
    assert properties["surname"]["maxLength"] == 100
    assert properties["settlement"]["maxLength"] == 20


@pytest.mark.parametrize(
    "field_class",
    [
        RnokppField,
        UnzrField,
        IdCardNumberField,
        BookletPassportField,
        PhoneField,
        PostalCodeField,
        KatottgField,
    ],
)
def test_each_example_loads_to_itself_and_matches_its_pattern(
    field_class: type[UkrainianField],
) -> None:
    field = field_class()
    example = field.metadata["example"]
    assert field.deserialize(example) == example
    assert re.fullmatch(field.metadata["pattern"], example)


class NationalitySchema(Schema):
    citizenship = CountryField(load_default=None, allow_stateless=True)
    country = CountryField(load_default="UA")


@pytest.mark.parametrize(
    ("field", "value", "loaded"),
    [("country", "ua", "UA"), ("country", " pl ", "PL"), ("citizenship", "Stateless", "stateless")],
)
def test_a_country_field_loads_an_upper_case_code(field: str, value: str, loaded: str) -> None:
    assert NationalitySchema().load({field: value})[field] == loaded


@pytest.mark.parametrize("value", ["EU", "UN", "ZZ", "XA", "XX", "UKR", "stateless"])
def test_a_country_field_takes_only_countries(value: str) -> None:
    # Groupings (EU, UN), unknown and pseudo regions are no one's country of residence.
    with pytest.raises(ValidationError) as error:
        NationalitySchema().load({"country": value})
    assert error.value.messages == {"country": ["Enter a two-letter country code, e.g. UA."]}


def schemas_of_the_service() -> list[type[Schema]]:
    """Every marshmallow schema of the service: each template's and the shared ones."""
    found: list[type[Schema]] = [template.schema for template in list_templates()]
    stack = list(Schema.__subclasses__())
    while stack:
        schema = stack.pop()
        stack.extend(schema.__subclasses__())
        if schema.__module__.startswith("service."):
            found.append(schema)
    return found


def patterned_fields() -> dict[str, Field[Any]]:
    """Every field of every schema whose value the OpenAPI document states as a pattern."""
    found: dict[str, Field[Any]] = {}
    for schema in schemas_of_the_service():
        for name, declared in schema().fields.items():
            field = declared
            while isinstance(field, List):
                field = field.inner
            regexps = [v for v in field.validators if isinstance(v, validate.Regexp)]
            if "pattern" in field.metadata or regexps:
                found[f"{schema.__name__}.{name}"] = field
    return found


def test_every_field_with_a_pattern_refuses_an_empty_string() -> None:
    fields = patterned_fields()
    names = {type(field).__name__ for field in fields.values()}
    assert {"PostalCodeField", "UnzrField", "KatottgField", "RnokppField", "String"} <= names
    for where, field in fields.items():
        for blank in ("", " "):
            with pytest.raises(ValidationError):
                field.deserialize(blank)
            pattern = field.metadata.get("pattern")
            assert pattern is None or not re.search(pattern, blank), where
