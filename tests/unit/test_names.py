"""Names and free text: one stored form, apostrophes, signature lines."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from service.ukrainian import (
    MODIFIER_APOSTROPHE,
    ApostropheStyle,
    InvalidNameError,
    InvalidTextError,
    normalise_name,
    normalise_text,
    print_apostrophe,
    signature_name,
)

M = MODIFIER_APOSTROPHE  # U+02BC
INVISIBLE = "The name contains invisible characters, often left by copying. Please retype it."
ONLY_LETTERS = "A name may contain only letters, apostrophes, hyphens, spaces and dots."


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Петренко", "Петренко"),
        ("  Іван  ", "Іван"),
        ("Мар'яна", f"Мар{M}яна"),  # U+0027
        ("Мар’яна", f"Мар{M}яна"),  # U+2019
        (f"Мар{M}яна", f"Мар{M}яна"),  # U+02BC
        ("Мар`яна", f"Мар{M}яна"),  # U+0060
        ("Мар‘яна", f"Мар{M}яна"),  # U+2018
        ("Анна   Марія", "Анна Марія"),
        ("Анна\u00a0Марія", "Анна Марія"),  # no-break space
        ("Косач - Квітка", "Косач-Квітка"),
        ("Косач– Квітка", "Косач-Квітка"),  # en dash
        ("Косач—Квітка", "Косач-Квітка"),  # em dash
        ("ван дер Берг", "ван дер Берг"),
        ("Jean-Pierre", "Jean-Pierre"),
        ("O'Connor", f"O{M}Connor"),
        ("Т. Г.", "Т. Г."),
        ("Ї\u0301жак", "Ї\u0301жак"),  # a stress mark stays with its letter
        ("Йосип", "Йосип"),
    ],
)
def test_normalise_name(value: str, expected: str) -> None:
    assert normalise_name(value) == expected


def test_normalise_name_composes_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Йосип Їжак")  # И + U+0306, І + U+0308
    assert decomposed != "Йосип Їжак"
    assert normalise_name(decomposed) == "Йосип Їжак"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "Enter a name."),
        ("   ", "Enter a name."),
        ("Іван\n", INVISIBLE),
        ("Іва\u200bн", INVISIBLE),
        ("Іва\u00adн", INVISIBLE),
        ("Іван\t", INVISIBLE),
        ("Іван2", ONLY_LETTERS),
        ("Іван, Петро", ONLY_LETTERS),
        ("<script>", ONLY_LETTERS),
        ("{{ 7*7 }}", ONLY_LETTERS),
        ("\u0301Іван", ONLY_LETTERS),
        ("'", "A name must contain at least one letter."),
        ("- .", "A name must contain at least one letter."),
        ("-Іван", "A hyphen must join two parts of a name."),
        ("Косач-", "A hyphen must join two parts of a name."),
        ("Косач--Квітка", "A hyphen must join two parts of a name."),
    ],
)
def test_normalise_name_rejects(value: str, message: str) -> None:
    with pytest.raises(InvalidNameError) as caught:
        normalise_name(value)
    assert caught.value.message == message


LETTERS = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюяАБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЮЯ"
name_alphabet = st.sampled_from([*LETTERS, " ", "  ", "-", "'", "\u2019", "\u02bc"])


@given(st.lists(name_alphabet, min_size=1, max_size=30).map("".join))
def test_normalise_name_is_idempotent(value: str) -> None:
    try:
        once = normalise_name(value)
    except InvalidNameError:
        return
    assert normalise_name(once) == once
    assert "'" not in once and "\u2019" not in once
    assert "  " not in once and once == once.strip()


@pytest.mark.parametrize(
    ("value", "multiline", "expected"),
    [
        ("  вул.   Соборна,  12 ", False, "вул. Соборна, 12"),
        ("Дані\u00a0про  дитину", False, "Дані про дитину"),
        ("перший  рядок \r\nдругий\rтретій", True, "перший рядок\nдругий\nтретій"),
        ("\n\n  абзац  \n\n", True, "абзац"),
        ("a\tb", True, "a\tb"),
        ("", False, ""),
        ("   ", False, ""),
        ("Мар'яна & <Ко>", False, "Мар'яна & <Ко>"),
    ],
)
def test_normalise_text(value: str, multiline: bool, expected: str) -> None:
    assert normalise_text(value, multiline=multiline) == expected


@pytest.mark.parametrize(
    ("value", "multiline", "message"),
    [
        ("рядок\nрядок", False, "Line breaks are not allowed here."),
        ("рядок\r\nрядок", False, "Line breaks are not allowed here."),
        (
            "a\tb",
            False,
            "The text contains invisible characters, often left by copying. Please retype it.",
        ),
        (
            "a\x00b",
            True,
            "The text contains invisible characters, often left by copying. Please retype it.",
        ),
        (
            "a\u202eb",  # right-to-left override: can disguise text
            True,
            "The text contains invisible characters, often left by copying. Please retype it.",
        ),
    ],
)
def test_normalise_text_rejects(value: str, multiline: bool, message: str) -> None:
    with pytest.raises(InvalidTextError) as caught:
        normalise_text(value, multiline=multiline)
    assert caught.value.message == message


@pytest.mark.parametrize(
    ("style", "expected"),
    [("modifier", "Мар\u02bcяна"), ("typographic", "Мар\u2019яна"), ("ascii", "Мар'яна")],
)
def test_print_apostrophe(style: ApostropheStyle, expected: str) -> None:
    for apostrophe in ("'", "\u2019", "\u02bc", "`", "\u2018"):
        assert print_apostrophe(f"Мар{apostrophe}яна", style) == expected


@pytest.mark.parametrize(
    ("given_name", "surname", "expected"),
    [
        ("Іван", "Петренко", "Іван ПЕТРЕНКО"),
        ("Лариса", "Косач-Квітка", "Лариса КОСАЧ-КВІТКА"),
        ("Марʼяна", "Обʼєдкова", "Марʼяна ОБʼЄДКОВА"),
        ("Анна Марія", "ван дер Берг", "Анна Марія ВАН ДЕР БЕРГ"),
        (" Іван ", " Ґалаґан ", "Іван ҐАЛАҐАН"),
    ],
)
def test_signature_name(given_name: str, surname: str, expected: str) -> None:
    assert signature_name(given_name, surname) == expected
