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


def _has_control(text: str, allowed: str = "") -> bool:
    """Tell whether the text has a control or invisible format character not in `allowed`."""
    return any(unicodedata.category(ch) in _CONTROL and ch not in allowed for ch in text)


def normalise_name(value: str) -> str:
    """Normalise a personal name (NFC, one apostrophe, single spaces) or raise InvalidNameError."""
    text = unicodedata.normalize("NFC", value)
    if _has_control(text):
        raise InvalidNameError(
            N_("The name contains invisible characters, often left by copying. Please retype it.")
        )
    text = _HYPHEN_LIKE.sub("-", text.translate(_TO_MODIFIER))
    text = _SPACED_HYPHEN.sub("-", " ".join(text.split()))
    if not text:
        raise InvalidNameError(N_("Enter a name."))
    after_letter = False
    for ch in text:
        # A combining mark belongs to the letter before it (accents NFC cannot compose).
        is_mark = after_letter and unicodedata.category(ch).startswith("M")
        if not (ch.isalpha() or ch in " -." or is_mark):
            raise InvalidNameError(
                N_("A name may contain only letters, apostrophes, hyphens, spaces and dots.")
            )
        after_letter = ch.isalpha() or is_mark
    if not any(ch.isalpha() and ch != MODIFIER_APOSTROPHE for ch in text):
        raise InvalidNameError(N_("A name must contain at least one letter."))
    if text.startswith("-") or text.endswith("-") or "--" in text:
        raise InvalidNameError(N_("A hyphen must join two parts of a name."))
    return text


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
