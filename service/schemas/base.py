"""The base schema, bilingual free text, and warnings that do not block a render.

Errors stop a document (marshmallow `ValidationError`, keyed by field path). Warnings
(an RNOKPP whose encoded birth date differs from the person's, say) are found after a
successful load by `collect_warnings`, which walks the nested schemas so every warning
carries its full path (`child.rnokpp`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar

from marshmallow import RAISE, Schema, ValidationError, fields, validates_schema

from service.i18n import N_
from service.ukrainian import normalise_text

# marshmallow's own messages, marked here so the catalogs translate them too.
MARSHMALLOW_MESSAGES = (
    N_("Missing data for required field."),
    N_("Unknown field."),
    N_("Field may not be null."),
    N_("Not a valid date."),
    N_("Not a valid string."),
    N_("Not a valid boolean."),
    N_("Not a valid integer."),
    N_("Not a valid mapping type."),
    N_("Not a valid list."),
    N_("Invalid input type."),
    N_("Invalid value."),
    N_("Not a valid email address."),
    N_("Longer than maximum length {max}."),
    N_("Shorter than minimum length {min}."),
    N_("Length must be between {min} and {max}."),
    N_("Must be one of: {choices}."),
)


@dataclass(frozen=True)
class Warning:
    """A problem the caseworker should see that does not stop a render."""

    path: str
    message: str
    params: dict[str, object] = field(default_factory=dict)


class BaseSchema(Schema):
    """Rejects unknown fields; subclasses may add `find_warnings` and `other_needs_details`."""

    # (choice field, details field, message): choosing "other" requires the details.
    other_needs_details: ClassVar[tuple[str, str, str] | None] = None

    class Meta:
        unknown = RAISE

    @validates_schema(skip_on_field_errors=True)
    def check_other_details(self, data: Mapping[str, Any], **kwargs: Any) -> None:
        """Require the details field when the choice is "other"."""
        if self.other_needs_details is None:
            return
        choice, details, message = self.other_needs_details
        if data.get(choice) == "other" and not data.get(details):
            raise ValidationError(message, details)

    def find_warnings(
        self, data: Mapping[str, Any]
    ) -> Iterator[tuple[str, str, dict[str, object]]]:
        """Yield (field, message, params) for this level of loaded data."""
        return iter(())


def collect_warnings(schema: Schema, data: Any, prefix: str = "") -> list[Warning]:
    """Walk loaded data with its schema and gather every warning, with full paths."""
    if not isinstance(data, Mapping):
        return []
    found: list[Warning] = []
    if isinstance(schema, BaseSchema):
        for name, message, params in schema.find_warnings(data):
            found.append(Warning(f"{prefix}{name}", message, params))
    for name, schema_field in schema.fields.items():
        value = data.get(name)
        if value is None:
            continue
        if isinstance(schema_field, fields.Nested) and isinstance(schema_field.schema, Schema):
            found.extend(collect_warnings(schema_field.schema, value, f"{prefix}{name}."))
        elif isinstance(schema_field, fields.List) and isinstance(
            schema_field.inner, fields.Nested
        ):
            for index, item in enumerate(value):
                inner_schema = schema_field.inner.schema
                found.extend(collect_warnings(inner_schema, item, f"{prefix}{name}.{index}."))
    return found


UNTRANSLATED = N_(
    "This text is given only in Ukrainian: the English document would print it as the"
    " Ukrainian original. Give its English (%(field)s.en) first, or make the document knowing"
    " that."
)


def find_untranslated(schema: Schema, data: Any, prefix: str = "") -> list[str]:
    """The paths of free text given in Ukrainian only (no "en"), walking nested schemas."""
    if not isinstance(data, Mapping):
        return []
    found: list[str] = []
    for name, schema_field in schema.fields.items():
        value = data.get(name)
        if value is None:
            continue
        path = f"{prefix}{name}"
        if isinstance(schema_field, LocalizedTextField):
            if isinstance(value, Mapping) and not value.get("en"):
                found.append(path)
        elif isinstance(schema_field, fields.Nested) and isinstance(schema_field.schema, Schema):
            found.extend(find_untranslated(schema_field.schema, value, f"{path}."))
        elif isinstance(schema_field, fields.List) and isinstance(
            schema_field.inner, fields.Nested
        ):
            for index, item in enumerate(value):
                inner = schema_field.inner.schema
                found.extend(find_untranslated(inner, item, f"{path}.{index}."))
    return found


class LocalizedTextField(fields.Field[dict[str, str]]):
    """Free text: a Ukrainian string, or {"uk": ..., "en": ...} with an optional English text."""

    default_error_messages = {  # noqa: RUF012 - marshmallow's own class-level convention
        "invalid": N_('Enter the text as a string, or as an object with "uk" and "en".'),
        "too_long": N_("The text is too long."),
    }

    def __init__(self, *, max_length: int = 2000, multiline: bool = True, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.max_length = max_length
        self.multiline = multiline

    def _deserialize(
        self, value: Any, attr: str | None, data: Mapping[str, Any] | None, **kwargs: Any
    ) -> dict[str, str]:
        if isinstance(value, str):
            value = {"uk": value}
        if not isinstance(value, Mapping) or set(value) - {"uk", "en"} or "uk" not in value:
            raise self.make_error("invalid")
        texts: dict[str, str] = {}
        for lang, text in value.items():
            if text is None and lang == "en":
                continue
            if not isinstance(text, str):
                raise self.make_error("invalid")
            if len(text) > self.max_length:
                raise self.make_error("too_long")
            try:
                texts[lang] = normalise_text(text, multiline=self.multiline)
            except ValueError as error:
                raise ValidationError(getattr(error, "message", str(error))) from error
        return texts


def is_future(value: date, today: date | None = None) -> bool:
    """Tell whether a date lies after today."""
    return value > (today or date.today())


def flatten_errors(messages: Any, prefix: str = "") -> dict[str, list[str]]:
    """Turn marshmallow's nested error dict into {"child.birth_date": [messages]}."""
    flat: dict[str, list[str]] = {}
    if isinstance(messages, Mapping):
        for key, value in messages.items():
            name = (prefix.rstrip(".") or "_schema") if key == "_schema" else f"{prefix}{key}"
            for path, texts in flatten_errors(value, f"{name}.").items():
                flat.setdefault(path, []).extend(texts)
    elif isinstance(messages, list) and all(isinstance(item, str) for item in messages):
        flat[prefix.rstrip(".")] = list(messages)
    elif isinstance(messages, list):
        for item in messages:
            for path, texts in flatten_errors(item, prefix).items():
                flat.setdefault(path, []).extend(texts)
    else:
        flat[prefix.rstrip(".")] = [str(messages)]
    return flat
