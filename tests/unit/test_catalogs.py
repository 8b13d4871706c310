"""The message catalogs: complete, consistent placeholders, Ukrainian plural forms."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from service.errors import translate_message
from service.i18n import TRANSLATIONS_DIR, gettext, ngettext

PLACEHOLDER = re.compile(r"%\((\w+)\)s|\{(\w+)\}")


def catalog(lang: str):  # type: ignore[no-untyped-def]
    with open(TRANSLATIONS_DIR / lang / "LC_MESSAGES" / "messages.po", "rb") as stream:
        return read_po(stream, locale=lang)


def test_every_message_has_a_ukrainian_translation() -> None:
    untranslated = [m.id for m in catalog("uk") if m.id and not m.string]
    assert untranslated == []


def test_catalogs_hold_every_message_of_the_template() -> None:
    with open(TRANSLATIONS_DIR / "messages.pot", "rb") as stream:
        template = {(m.context, str(m.id)) for m in read_po(stream) if m.id}
    for lang in ("uk", "en"):
        ids = {(m.context, str(m.id)) for m in catalog(lang) if m.id}
        assert template <= ids, f"{lang}: run `make catalogs`"


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_translations_keep_the_placeholders(lang: str) -> None:
    for message in catalog(lang):
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set(PLACEHOLDER.findall(ids[-1]))
        for text in filter(None, strings):
            assert set(PLACEHOLDER.findall(text)) == expected, message.id


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, "1 поле"),
        (2, "2 поля"),
        (4, "4 поля"),
        (5, "5 полів"),
        (11, "11 полів"),
        (21, "21 поле"),
        (22, "22 поля"),
        (25, "25 полів"),
        (111, "111 полів"),
    ],
)
def test_ukrainian_plurals_have_their_forms(count: int, expected: str) -> None:
    text = ngettext("%(n)s field needs correcting.", "%(n)s fields need correcting.", count, "uk")
    assert text == f"Потрібно виправити {expected}."


def test_english_plurals() -> None:
    one, many = "%(n)s field needs correcting.", "%(n)s fields need correcting."
    assert ngettext(one, many, 1, "en") == "1 field needs correcting."
    assert ngettext(one, many, 21, "en") == "21 fields need correcting."


def test_marshmallow_messages_with_values_are_translated() -> None:
    assert gettext("Longer than maximum length 100.", "uk") == "Довше за максимальну довжину 100."
    assert translate_message("Missing data for required field.") == {
        "uk": "Обов’язкове поле не заповнено.",
        "en": "Missing data for required field.",
    }
