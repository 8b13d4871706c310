"""Marshmallow fields for Ukrainian data: each checks and normalises one kind of value.

A field accepts what a caseworker types (spaces, dashes, look-alike Latin letters) and
loads the canonical form from `service.ukrainian`; errors are English msgids. A blank
value of a field with a pattern (an RNOKPP, a postal code) is refused as not fitting it,
like any other value that does not, so the API takes what its OpenAPI document states
(the caseworker pages leave blank fields out of what they send). A blank value of a
field without one loads as None where the field allows None (an optional patronymic
left empty), and is an error otherwise. `metadata` (description, example, pattern,
maxLength) feeds apispec; the pattern describes the canonical form a field loads.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from marshmallow import ValidationError, fields, validate

from service.i18n import N_, Message
from service.ukrainian import (
    UkrainianDataError,
    check_booklet_passport,
    check_edrpou,
    check_id_card_number,
    check_postal_code,
    normalise_katottg,
    normalise_name,
    normalise_text,
    parse_phone,
    parse_rnokpp,
    parse_unzr,
)

NAME_MAX_LENGTH = 100


class ChoiceField(fields.String):
    """One value of a fixed list, which the JSON Schema lists as `enum`."""

    def __init__(
        self,
        choices: tuple[str, ...],
        *,
        error: str = N_("Choose one of the listed values."),
        **kwargs: Any,
    ) -> None:
        metadata = {"enum": list(choices), **(kwargs.pop("metadata", None) or {})}
        super().__init__(validate=validate.OneOf(choices, error=error), metadata=metadata, **kwargs)


class UkrainianField(fields.String):
    """A string field whose value one `service.ukrainian` function checks and normalises."""

    default_error_messages = {  # noqa: RUF012 - marshmallow's own class-level convention
        "invalid": N_("Enter the value as text."),
    }
    default_metadata: ClassVar[dict[str, Any]] = {}

    def __init__(self, **kwargs: Any) -> None:
        kwargs["metadata"] = {**self.default_metadata, **(kwargs.get("metadata") or {})}
        super().__init__(**kwargs)
        # Runs before marshmallow's own None check, so a blank optional value loads as None.
        self.pre_load = [self._blank_to_none, *self.pre_load]

    def _blank_to_none(self, value: Any) -> Any:
        # A field with a pattern states what it takes, and "" is not that: it is refused
        # as a value that does not fit (the client sends null or leaves the key out).
        if "pattern" in self.metadata:
            return value
        if self.allow_none and isinstance(value, str) and not value.strip():
            return None
        return value

    def normalise(self, value: str) -> str:
        """Return the canonical form of `value` or raise UkrainianDataError."""
        raise NotImplementedError

    def _deserialize(
        self, value: Any, attr: str | None, data: Mapping[str, Any] | None, **kwargs: Any
    ) -> str:
        if not isinstance(value, str):
            raise self.make_error("invalid")
        try:
            return self.normalise(value)
        except UkrainianDataError as error:
            message = Message(error.message, **error.params) if error.params else error.message
            raise ValidationError(message) from error


class NameField(UkrainianField):
    """A personal name: NFC, the apostrophe stored as U+02BC, at most 100 characters.

    Each part (between spaces and hyphens) is in Cyrillic or in Latin letters
    (`service.ukrainian.normalise_name` says what else is refused).
    """

    default_metadata: ClassVar[dict[str, Any]] = {
        "description": "A personal name: Cyrillic or Latin letters (each part of a double "
        "name in one alphabet), apostrophe, hyphen, space, dot",
        "example": "Марʼяна",
        "maxLength": NAME_MAX_LENGTH,
    }

    def normalise(self, value: str) -> str:
        """Return the normalised name or raise a ValidationError."""
        name = normalise_name(value)
        if len(name) > NAME_MAX_LENGTH:
            raise ValidationError(N_("A name can be at most 100 characters long."))
        return name


class TextField(UkrainianField):
    """Free text: NFC, single spaces, trimmed; line breaks only when `multiline`."""

    def __init__(self, *, multiline: bool = False, max_length: int = 1000, **kwargs: Any) -> None:
        metadata = {"maxLength": max_length, **(kwargs.pop("metadata", None) or {})}
        super().__init__(metadata=metadata, **kwargs)
        self.multiline = multiline
        self.max_length = max_length

    def normalise(self, value: str) -> str:
        """Return the normalised text or raise a ValidationError."""
        text = normalise_text(value, multiline=self.multiline)
        if not text:
            raise ValidationError(N_("This field cannot be empty."))
        if len(text) > self.max_length:
            raise ValidationError(N_("The text is too long."))
        return text


class RnokppField(UkrainianField):
    """An RNOKPP (tax number), loaded as its 10 digits."""

    default_metadata: ClassVar[dict[str, Any]] = {
        "description": "RNOKPP (individual tax number): 10 digits with a check digit",
        "example": "3652504575",
        "pattern": "^[0-9]{10}$",
    }

    def normalise(self, value: str) -> str:
        """Return the 10 digits or raise UkrainianDataError."""
        return parse_rnokpp(value).number


class UnzrField(UkrainianField):
    """A UNZR (Demographic Register record number), loaded as YYYYMMDD-NNNNC."""

    default_metadata: ClassVar[dict[str, Any]] = {
        "description": "UNZR: birth date YYYYMMDD, a dash, serial NNNN and a check digit",
        "example": "20150615-01234",
        "pattern": "^[0-9]{8}-[0-9]{5}$",
    }

    def normalise(self, value: str) -> str:
        """Return YYYYMMDD-NNNNC or raise UkrainianDataError."""
        return parse_unzr(value).number


class IdCardNumberField(UkrainianField):
    """The number of an ID card (passport card): 9 digits."""

    default_metadata: ClassVar[dict[str, Any]] = {
        "description": "ID card (passport card) number: 9 digits",
        "example": "000123456",
        "pattern": "^[0-9]{9}$",
    }

    def normalise(self, value: str) -> str:
        """Return the 9 digits or raise UkrainianDataError."""
        return check_id_card_number(value)


class BookletPassportField(UkrainianField):
    """A booklet passport's series and number, loaded as two Cyrillic capitals and 6 digits."""

    default_metadata: ClassVar[dict[str, Any]] = {
        "description": "Booklet passport: series of two Cyrillic capitals and 6 digits",
        "example": "КВ123456",
        "pattern": "^[А-ЩЬЮЯҐЄІЇ]{2}[0-9]{6}$",
    }

    def normalise(self, value: str) -> str:
        """Return series and number or raise UkrainianDataError."""
        return check_booklet_passport(value)


class PhoneField(UkrainianField):
    """A phone number, loaded in E.164 form; `parse_phone` tells whether it is foreign."""

    default_metadata: ClassVar[dict[str, Any]] = {
        "description": "Phone number: +380 and 9 digits, or a foreign number with its code",
        "example": "+380501234567",
        "pattern": r"^\+[1-9][0-9]{7,14}$",
    }

    def normalise(self, value: str) -> str:
        """Return the E.164 form or raise UkrainianDataError."""
        return parse_phone(value).e164


class PostalCodeField(UkrainianField):
    """A Ukrainian postal code: 5 digits, not starting with 00."""

    default_metadata: ClassVar[dict[str, Any]] = {
        "description": "Ukrainian postal code: 5 digits, not starting with 00",
        "example": "01001",
        "pattern": "^(0[1-9]|[1-9][0-9])[0-9]{3}$",
    }

    def normalise(self, value: str) -> str:
        """Return the 5 digits or raise UkrainianDataError."""
        return check_postal_code(value)


class KatottgField(UkrainianField):
    """A KATOTTG settlement code, loaded as UA and 17 digits."""

    default_metadata: ClassVar[dict[str, Any]] = {
        "description": "KATOTTG code of a settlement: UA and 17 digits",
        "example": "UA71020010000037786",
        "pattern": "^UA[0-9]{17}$",
    }

    def normalise(self, value: str) -> str:
        """Return UA and 17 digits or raise UkrainianDataError."""
        return normalise_katottg(value)


class EdrpouField(UkrainianField):
    """A legal entity's ЄДРПОУ code, loaded as its 8 digits."""

    default_metadata: ClassVar[dict[str, Any]] = {
        "description": "ЄДРПОУ code of a legal entity: 8 digits with a check digit",
        "example": "02894527",
        "pattern": "^[0-9]{8}$",
    }

    def normalise(self, value: str) -> str:
        """Return the 8 digits or raise UkrainianDataError."""
        return check_edrpou(value)
