"""Hostile data: markup, template syntax, Word XML, apostrophes of every kind, long names."""

from __future__ import annotations

import copy
from typing import Any

# Every piece must come out of a document exactly as typed: not evaluated, not lost.
HOSTILE_TEXT = (
    "Ткач & Сини <b>bold</b> \"лапки\" 'single' {{ 7*7 }} {% if 1 %}x{% endif %} "
    "</w:t></w:r></w:p><w:p><w:r><w:t>injected <img src=http://127.0.0.1:9/x>"
)
# Three apostrophes (ASCII, typographic, modifier letter): stored and printed as U+02BC.
HOSTILE_SURNAME = "Мар'яненко-Зав’ялов"
HOSTILE_GIVEN_NAME = "Мар’ян"
HOSTILE_PATRONYMIC = "Юрʼєвич"
LONG_PART = "Абвгдеєжзиіїйклмнопрстуфхцчшщьюя" * 2  # 64 letters
MODIFIER_APOSTROPHE = "\u02bc"


def make_hostile(data: dict[str, Any], person_key: str = "child") -> dict[str, Any]:
    """Put hostile values into every free-text spot and the names of the person concerned."""
    hostile = copy.deepcopy(data)
    person = hostile[person_key]
    person.update(
        surname=HOSTILE_SURNAME, given_name=HOSTILE_GIVEN_NAME, patronymic=HOSTILE_PATRONYMIC
    )
    hostile["circumstances"] = {"uk": HOSTILE_TEXT, "en": HOSTILE_TEXT}
    if "court" in hostile:
        hostile["court"]["name"] = HOSTILE_TEXT
        hostile["court"]["name_en"] = HOSTILE_TEXT
    return hostile


def make_long_names(data: dict[str, Any], person_key: str = "child") -> dict[str, Any]:
    """Give the person concerned a full name of about 200 characters."""
    long = copy.deepcopy(data)
    long[person_key].update(
        surname=f"{LONG_PART}-{LONG_PART[:34]}",
        given_name=LONG_PART,
        patronymic=LONG_PART[:30] + "ович",
    )
    return long


def make_hostile_everywhere(schema: Any, data: Any) -> Any:
    """Walk data with its schema: hostile text in every free-text field, names kept valid.

    Free text is a `LocalizedTextField`, or a `TextField` long enough to hold the value;
    names keep their shape (a name field only takes letters) but get every apostrophe.
    """
    from marshmallow import fields

    from service.schemas.base import LocalizedTextField
    from service.schemas.fields import NameField, TextField

    if not isinstance(data, dict):
        return data
    result = copy.deepcopy(data)
    for attribute, field in schema.fields.items():
        name = field.data_key or attribute
        value = result.get(name)
        if value is None:
            continue
        if isinstance(field, LocalizedTextField):
            result[name] = {"uk": HOSTILE_TEXT, "en": HOSTILE_TEXT}
        elif (
            isinstance(field, TextField)
            and field.max_length >= len(HOSTILE_TEXT)
            and not (field.metadata.get("pattern"))
        ):
            result[name] = HOSTILE_TEXT
        elif isinstance(field, NameField) and attribute == "surname":
            result[name] = HOSTILE_SURNAME
        elif isinstance(field, fields.Nested):
            result[name] = make_hostile_everywhere(field.schema, value)
        elif isinstance(field, fields.List) and isinstance(field.inner, fields.Nested):
            result[name] = [make_hostile_everywhere(field.inner.schema, item) for item in value]
    return result
