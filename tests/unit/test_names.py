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
        ("\u02bb\u02b9", "A name must contain at least one letter."),
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


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Ґалаґан", "Ґалаґан"),
        ("Їжакевич-Єнакієва", "Їжакевич-Єнакієва"),
        ("Обʼєдкова", "Обʼєдкова"),
        ("Шевченко-Smith", "Шевченко-Smith"),  # a double name: each part in one alphabet
        ("Анна Marie", "Анна Marie"),
        ("Müller-Lüdenscheidt", "Müller-Lüdenscheidt"),
        ("Nguyễn", "Nguyễn"),  # NFC composes both of ễ's marks
        ("Gʻulomov", "Gʻulomov"),  # Uzbek Latin: U+02BB belongs to no alphabet, like ʼ
        ("Ё\u0301\u0302", "Ё\u0301\u0302"),  # two marks NFC cannot compose: still a name
        ("Іва\u3000н", "Іва н"),  # an ideographic space is a space, like a no-break one
        ("Шевченко\u2010Smith", "Шевченко-Smith"),  # a Unicode hyphen between two alphabets
    ],
)
def test_valid_names_of_either_alphabet_are_kept(value: str, expected: str) -> None:
    assert normalise_name(value) == expected


MIXED_LATIN = (
    "“%(part)s” mixes Latin and Cyrillic letters (Latin here: %(letters)s). "
    "Write each part of a name in one alphabet."
)
MIXED_CYRILLIC = (
    "“%(part)s” mixes Latin and Cyrillic letters (Cyrillic here: %(letters)s). "
    "Write each part of a name in one alphabet."
)
WIDE = (
    "The name contains full-width or half-width characters (%(letters)s). "
    "Please type them as ordinary letters."
)
MARKS = (
    "The letter %(letter)s in the name carries more than two accents or marks. "
    "Please retype the name."
)
SEPARATOR = (
    "The name contains a line or paragraph separator, often left by copying. "
    "Please type the name on one line."
)
OTHER_SCRIPT = "Write a name in Cyrillic or Latin letters (other letters here: %(letters)s)."


@pytest.mark.parametrize(
    ("value", "message", "params"),
    [
        ("Шевчeнко", MIXED_LATIN, {"part": "Шевчeнко", "letters": "e"}),  # a Latin e
        ("Iван", MIXED_LATIN, {"part": "Iван", "letters": "I"}),  # a Latin I for І
        ("Petrеnko", MIXED_CYRILLIC, {"part": "Petrеnko", "letters": "е"}),  # a Cyrillic е
        ("Косач-Kвiтка", MIXED_LATIN, {"part": "Kвiтка", "letters": "K, i"}),
        ("Анна Мaрiя", MIXED_LATIN, {"part": "Мaрiя", "letters": "a, i"}),
        ("Ｉｖａｎ", WIDE, {"letters": "Ｉ, ｖ, ａ, ｎ"}),
        ("Іван Ｐetrenko", WIDE, {"letters": "Ｐ"}),
        ("ｲﾜﾝ", WIDE, {"letters": "ｲ, ﾜ, ﾝ"}),  # half-width katakana
        ("И" + "\u0301" * 50 + "ван", MARKS, {"letter": "И"}),
        ("Ї\u0301\u0300\u0302жак", MARKS, {"letter": "Ї"}),  # three marks on one letter
        ("Іван\u2028Петро", SEPARATOR, {}),
        ("Іван\u2029", SEPARATOR, {}),
        ("Ρetrenko", OTHER_SCRIPT, {"letters": "Ρ"}),  # a Greek capital rho
        ("𝐈van", OTHER_SCRIPT, {"letters": "𝐈"}),  # mathematical bold
        ("Іван 李", OTHER_SCRIPT, {"letters": "李"}),
    ],
)
def test_what_no_document_can_print_is_refused_showing_the_letters(
    value: str, message: str, params: dict[str, str]
) -> None:
    with pytest.raises(InvalidNameError) as caught:
        normalise_name(value)
    assert (caught.value.message, caught.value.params) == (message, params)
    assert str(caught.value) == message % params


def test_the_letters_shown_are_each_shown_once_and_few() -> None:
    with pytest.raises(InvalidNameError) as caught:
        normalise_name("ＡＢＣＤＥＦＧＨＩＪＫＬＭＮ ＡＡＡ")
    assert caught.value.params["letters"] == "Ａ, Ｂ, Ｃ, Ｄ, Ｅ, Ｆ, Ｇ, Ｈ, Ｉ, Ｊ"


LETTERS = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюяАБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЮЯ"
LATIN = "abcdefghijklmnopqrstuvwxyzäöüéèçñABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜÉ"
name_alphabet = st.sampled_from([*LETTERS, " ", "  ", "-", "'", "\u2019", "\u02bc"])
one_alphabet_part = st.one_of(
    st.text(st.sampled_from(LETTERS), min_size=1, max_size=12),
    st.text(st.sampled_from(LATIN), min_size=1, max_size=12),
)


@given(st.lists(one_alphabet_part, min_size=1, max_size=4), st.sampled_from([" ", "-"]))
def test_a_name_of_parts_each_in_one_alphabet_is_taken_as_typed(
    parts: list[str], joiner: str
) -> None:
    name = joiner.join(parts)
    assert normalise_name(name) == name


@given(
    st.text(st.sampled_from(LETTERS), min_size=1, max_size=8),
    st.text(st.sampled_from(LATIN), min_size=1, max_size=8),
    st.text(st.sampled_from(LETTERS), max_size=8),
)
def test_a_part_with_letters_of_both_alphabets_is_refused(
    cyrillic: str, latin: str, more_cyrillic: str
) -> None:
    with pytest.raises(InvalidNameError) as caught:
        normalise_name(cyrillic + latin + more_cyrillic)
    assert caught.value.message in (MIXED_LATIN, MIXED_CYRILLIC)


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
