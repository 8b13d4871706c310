"""Personal names and free text: one stored form, printed the way each audience expects."""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

from service.i18n import N_
from service.ukrainian.errors import InvalidNameError, InvalidTextError

ApostropheStyle = Literal["modifier", "typographic", "ascii"]

# U+02BC is a letter (category Lm), so a word with it stays one word for search, word
# wrapping and declension; U+2019 and U+0027 are punctuation.
MODIFIER_APOSTROPHE = "\u02bc"
APOSTROPHES = "'\u2019\u02bc`\u2018"
_TO_MODIFIER = str.maketrans(dict.fromkeys(APOSTROPHES, MODIFIER_APOSTROPHE))
_APOSTROPHE_STYLES: dict[str, dict[int, str]] = {
    style: str.maketrans(dict.fromkeys(APOSTROPHES, target))
    for style, target in (
        ("modifier", MODIFIER_APOSTROPHE),
        ("typographic", "\u2019"),
        ("ascii", "'"),
    )
}
# Double surnames come typed with en and em dashes, minus signs and Unicode hyphens too.
_HYPHEN_LIKE = re.compile("[\u2010-\u2015\u2212]")
_SPACED_HYPHEN = re.compile(" ?- ?")
_HORIZONTAL_SPACE = re.compile(r"[^\S\t\n]+")
_CONTROL = frozenset({"Cc", "Cf"})
# U+2028 and U+2029 are not control characters, and str.split() would quietly make spaces
# of them; a name that holds one was pasted from somewhere, so it is refused instead.
_SEPARATORS = frozenset({"Zl", "Zp"})
# NFC composes every accent Ukrainian and the Latin alphabets need (й, ї, ễ), so a letter
# with more marks than two is stacked ("Zalgo") text, not a name.
MAX_MARKS_ON_A_LETTER = 2
# Parts of a name are separated by spaces and hyphens: "Косач-Квітка", "Jean-Pierre".
_NAME_PARTS = re.compile("[ -]")
_LETTERS_SHOWN = 10

MSG_LINE_SEPARATOR = N_(
    "The name contains a line or paragraph separator, often left by copying. "
    "Please type the name on one line."
)
MSG_WIDE_FORMS = N_(
    "The name contains full-width or half-width characters (%(letters)s). "
    "Please type them as ordinary letters."
)
MSG_TOO_MANY_MARKS = N_(
    "The letter %(letter)s in the name carries more than two accents or marks. "
    "Please retype the name."
)
MSG_OTHER_SCRIPT = N_(
    "Write a name in Cyrillic or Latin letters (other letters here: %(letters)s)."
)
MSG_MIXED_LATIN = N_(
    "“%(part)s” mixes Latin and Cyrillic letters (Latin here: %(letters)s). "
    "Write each part of a name in one alphabet."
)
MSG_MIXED_CYRILLIC = N_(
    "“%(part)s” mixes Latin and Cyrillic letters (Cyrillic here: %(letters)s). "
    "Write each part of a name in one alphabet."
)


def _has_control(text: str, allowed: str = "") -> bool:
    """Tell whether the text has a control or invisible format character not in `allowed`."""
    return any(unicodedata.category(ch) in _CONTROL and ch not in allowed for ch in text)


def normalise_name(value: str) -> str:
    """Normalise a personal name (NFC, one apostrophe, single spaces) or raise InvalidNameError.

    A name is printed on documents an official reads: it is refused when it holds what no
    name holds (control characters, line separators, full-width forms, stacked marks) or
    when a part of it mixes Latin and Cyrillic letters (a Latin "e" in "Шевчeнко" looks
    right and breaks search, declension and transliteration).
    """
    text = unicodedata.normalize("NFC", value)
    if _has_control(text):
        raise InvalidNameError(
            N_("The name contains invisible characters, often left by copying. Please retype it.")
        )
    if any(unicodedata.category(ch) in _SEPARATORS for ch in text):
        raise InvalidNameError(MSG_LINE_SEPARATOR)
    wide = [ch for ch in text if _is_wide_or_narrow(ch) and not ch.isspace()]
    if wide:
        raise _error_with_letters(MSG_WIDE_FORMS, wide)
    text = _HYPHEN_LIKE.sub("-", text.translate(_TO_MODIFIER))
    text = _SPACED_HYPHEN.sub("-", " ".join(text.split()))
    if not text:
        raise InvalidNameError(N_("Enter a name."))
    _check_characters(text)
    if not any(ch.isalpha() and not _is_apostrophe_like(ch) for ch in text):
        raise InvalidNameError(N_("A name must contain at least one letter."))
    if text.startswith("-") or text.endswith("-") or "--" in text:
        raise InvalidNameError(N_("A hyphen must join two parts of a name."))
    for part in _NAME_PARTS.split(text):
        _check_one_script(part)
    return text


def _is_wide_or_narrow(ch: str) -> bool:
    """Tell whether a character is a full-width or half-width form (Ｉ, ｶ) of another."""
    return unicodedata.decomposition(ch).startswith(("<wide>", "<narrow>"))


def _check_characters(text: str) -> None:
    """Refuse anything but letters, their marks (two at most), spaces, hyphens and dots."""
    base: str | None = None  # the letter the marks that follow belong to
    marks = 0
    for ch in text:
        if base is not None and unicodedata.category(ch).startswith("M"):
            # A combining mark belongs to the letter before it (accents NFC cannot compose).
            marks += 1
            if marks > MAX_MARKS_ON_A_LETTER:
                raise InvalidNameError(MSG_TOO_MANY_MARKS, {"letter": base})
            continue
        if not (ch.isalpha() or ch in " -."):
            raise InvalidNameError(
                N_("A name may contain only letters, apostrophes, hyphens, spaces and dots.")
            )
        base, marks = (ch if ch.isalpha() else None), 0


def _is_apostrophe_like(ch: str) -> bool:
    """Tell whether a letter belongs to no alphabet: ʼ, and ʻ ʹ ʾ and their kin (U+02B9-U+02DF).

    Uzbek Latin writes Gʻulom with U+02BB, scholarly transliteration a soft sign as ʹ.
    """
    return "\u02b9" <= ch <= "\u02df"


def _check_one_script(part: str) -> None:
    """Refuse a part of a name whose letters are not all Cyrillic or all Latin."""
    scripts: dict[str, list[str]] = {"LATIN": [], "CYRILLIC": [], "": []}
    for ch in part:
        if ch.isalpha() and not _is_apostrophe_like(ch):
            script = unicodedata.name(ch, "").split(" ", 1)[0]
            scripts[script if script in scripts else ""].append(ch)
    if scripts[""]:
        raise _error_with_letters(MSG_OTHER_SCRIPT, scripts[""])
    latin, cyrillic = scripts["LATIN"], scripts["CYRILLIC"]
    if latin and cyrillic:
        # The fewer letters are the ones typed in the wrong layout.
        if len(latin) <= len(cyrillic):
            raise _error_with_letters(MSG_MIXED_LATIN, latin, part=part)
        raise _error_with_letters(MSG_MIXED_CYRILLIC, cyrillic, part=part)


def _error_with_letters(msgid: str, letters: list[str], **params: str) -> InvalidNameError:
    """An error that shows the user the letters it is about (each once, a few at most)."""
    shown = ", ".join(list(dict.fromkeys(letters))[:_LETTERS_SHOWN])
    return InvalidNameError(msgid, {"letters": shown, **params})


def normalise_text(value: str, *, multiline: bool = False) -> str:
    """Normalise free text (NFC, single spaces, trimmed) or raise InvalidTextError."""
    text = unicodedata.normalize("NFC", value)
    if multiline:
        # Browsers send a textarea's line breaks as CR LF.
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    elif "\n" in text or "\r" in text:
        raise InvalidTextError(N_("Line breaks are not allowed here."))
    if _has_control(text, allowed="\n\t" if multiline else ""):
        raise InvalidTextError(
            N_("The text contains invisible characters, often left by copying. Please retype it.")
        )
    lines = (_HORIZONTAL_SPACE.sub(" ", line).strip(" ") for line in text.split("\n"))
    return "\n".join(lines).strip()


def print_apostrophe(value: str, style: ApostropheStyle) -> str:
    """Print every apostrophe of a name in one style: modifier ʼ, typographic ’ or ASCII '."""
    return value.translate(_APOSTROPHE_STYLES[style])


def signature_name(given_name: str, surname: str) -> str:
    """Write a name for a signature line: given name, then the surname in capitals."""
    return " ".join(part for part in (given_name.strip(), surname.strip().upper()) if part)
