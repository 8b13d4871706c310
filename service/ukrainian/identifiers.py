"""Ukrainian identifiers: check, decode and normalise what a caseworker types.

Every parser accepts the usual ways people write a value (spaces, dashes, Latin letters
that look like Cyrillic ones, lower case) and returns one canonical form, or raises
`InvalidIdentifierError` with a msgid that tells the caseworker what is wrong.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from service.i18n import N_
from service.ukrainian.errors import InvalidIdentifierError

Sex = Literal["male", "female"]

_RNOKPP_WEIGHTS = (-1, 5, 7, 9, 4, 6, 10, 5, 7)
# Digits 1-5 count days from this date: 1 is 01.01.1900.
_RNOKPP_EPOCH = date(1899, 12, 31)
_UNZR_WEIGHTS = (7, 3, 1)

# `[0-9]`, not `\d`: `\d` also matches Arabic-Indic and other non-ASCII digits.
_RNOKPP = re.compile(r"[0-9]{10}")
_NINE_DIGITS = re.compile(r"[0-9]{9}")
_TWELVE_DIGITS = re.compile(r"[0-9]{12}")
_UNZR = re.compile(r"([0-9]{8})-?([0-9]{5})")
_SIX_DIGITS = re.compile(r"[0-9]{6}")
_POSTAL_CODE = re.compile(r"[0-9]{5}")
_KATOTTG = re.compile(r"UA([0-9]{17})")
_BOOKLET_PASSPORT = re.compile(r"(\D{2})([0-9]{6})")
_NATIONAL_PHONE = re.compile(r"0[0-9]{9}")
_NUMBER_SIGN = re.compile(r"^(?:№|NO\.?|N\.?)", re.IGNORECASE)
_CANONICAL_ROMAN = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")

_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_DASH_TABLE = str.maketrans(dict.fromkeys(_DASHES, "-"))
_PHONE_SEPARATORS = re.compile(r"[\s()" + re.escape(_DASHES) + "]")
# The KATOTTG prefix arrives typed in Cyrillic as often as in Latin; У is the twin of U.
_KATOTTG_PREFIX_LOOKALIKES = str.maketrans({"У": "U", "А": "A"})

ROMAN_NUMERALS_1_TO_12 = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")

# Roman numerals are stored in Latin letters: V has no Cyrillic twin, so an all-Cyrillic
# form cannot exist for IV-IX; Latin is also how DOMAIN.md and the registers write them.
_ROMAN_LOOKALIKES = str.maketrans({"І": "I", "Х": "X", "С": "C", "М": "M"})
# Series letters are Cyrillic: Latin letters of the same shape are typing slips.
_CYRILLIC_LOOKALIKES = str.maketrans(
    {
        "A": "А",
        "B": "В",
        "C": "С",
        "E": "Е",
        "H": "Н",
        "I": "І",
        "K": "К",
        "M": "М",
        "O": "О",
        "P": "Р",
        "T": "Т",
        "X": "Х",
        "Y": "У",
    }
)
_RUSSIAN_ONLY_LETTERS = frozenset("ЫЪЭЁ")
_CYRILLIC_CAPITALS = frozenset(chr(code) for code in range(0x0410, 0x0430)) | frozenset("ҐЄІЇЁ")
# Series of Ukrainian documents: any Cyrillic capital except the Russian-only letters.
_UKRAINIAN_SERIES_LETTERS = _CYRILLIC_CAPITALS - _RUSSIAN_ONLY_LETTERS
_RUSSIAN_SERIES_LETTERS = _CYRILLIC_CAPITALS - frozenset("ҐЄІЇ")


@dataclass(frozen=True)
class RnokppInfo:
    """A valid RNOKPP and what it encodes."""

    number: str
    birth_date: date
    sex: Sex


@dataclass(frozen=True)
class UnzrInfo:
    """A valid UNZR (Demographic Register record number) and what it encodes."""

    number: str
    birth_date: date
    serial: str


@dataclass(frozen=True)
class BirthCertificate:
    """A Ukrainian birth certificate's series and number."""

    series: str
    number: str
    display: str


@dataclass(frozen=True)
class ForeignBirthCertificate:
    """A birth certificate issued by the occupying authorities; Ukraine does not recognise it.

    Deliberately not a subclass of `BirthCertificate`, so that it can never be passed where
    a Ukrainian certificate is required.
    """

    series: str
    number: str
    display: str
    issued_by_occupying_authorities: bool = True


@dataclass(frozen=True)
class Phone:
    """A phone number in E.164 form, marked foreign unless it is Ukrainian (+380)."""

    e164: str
    foreign: bool
    display: str


def _compact(value: str) -> str:
    """Fold compatibility forms (full-width digits, `№`, Roman numeral signs) and drop spaces."""
    return "".join(unicodedata.normalize("NFKC", value).split())


def rnokpp_check_digit(first9: str) -> int:
    """Compute the RNOKPP check digit from its first 9 digits."""
    if not _NINE_DIGITS.fullmatch(first9):
        raise InvalidIdentifierError(N_("The RNOKPP check digit needs exactly 9 digits."))
    total = sum(weight * int(digit) for weight, digit in zip(_RNOKPP_WEIGHTS, first9, strict=True))
    return total % 11 % 10


def parse_rnokpp(value: str) -> RnokppInfo:
    """Check an RNOKPP (tax number) and decode its birth date and sex."""
    number = _compact(value)
    if not _RNOKPP.fullmatch(number):
        raise InvalidIdentifierError(N_("The RNOKPP must be 10 digits."))
    if rnokpp_check_digit(number[:9]) != int(number[9]):
        raise InvalidIdentifierError(N_("The RNOKPP check digit does not match."))
    birth_date = _RNOKPP_EPOCH + timedelta(days=int(number[:5]))
    sex: Sex = "male" if int(number[8]) % 2 else "female"
    return RnokppInfo(number=number, birth_date=birth_date, sex=sex)


def unzr_check_digit(first12: str) -> int:
    """Compute the UNZR check digit from its first 12 digits (weights 7, 3, 1)."""
    if not _TWELVE_DIGITS.fullmatch(first12):
        raise InvalidIdentifierError(N_("The UNZR check digit needs exactly 12 digits."))
    weights = _UNZR_WEIGHTS * 4
    return sum(weight * int(digit) for weight, digit in zip(weights, first12, strict=True)) % 10


def parse_unzr(value: str) -> UnzrInfo:
    """Check a UNZR (YYYYMMDD-NNNNC) and decode its birth date and serial number."""
    match = _UNZR.fullmatch(_compact(value).translate(_DASH_TABLE))
    if match is None:
        raise InvalidIdentifierError(
            N_("The UNZR must be 8 digits of the birth date, a dash and 5 digits.")
        )
    date_part, tail = match.groups()
    try:
        birth_date = date(int(date_part[:4]), int(date_part[4:6]), int(date_part[6:]))
    except ValueError:
        raise InvalidIdentifierError(
            N_("The UNZR does not begin with a valid date of birth.")
        ) from None
    serial = tail[:4]
    if serial == "0000":
        raise InvalidIdentifierError(N_("The UNZR serial number cannot be 0000."))
    if unzr_check_digit(date_part + serial) != int(tail[4]):
        raise InvalidIdentifierError(N_("The UNZR check digit does not match."))
    return UnzrInfo(number=f"{date_part}-{tail}", birth_date=birth_date, serial=serial)


def _split_series(series: str) -> tuple[str, str] | None:
    """Split a certificate series into its Roman numeral and its two letters, upper-cased."""
    text = _compact(series).upper().translate(_DASH_TABLE)
    if text.count("-") > 1:
        return None
    if "-" in text:
        roman, letters = text.split("-")
    else:
        # Without a dash the last two characters are the letters: Cyrillic І and Х may be
        # either Roman digits or series letters, so only the position can tell.
        roman, letters = text[:-2], text[-2:]
    if not roman or len(letters) != 2:
        return None
    return roman.translate(_ROMAN_LOOKALIKES), letters.translate(_CYRILLIC_LOOKALIKES)


def _certificate_number(number: str) -> str | None:
    """Return the 6 digits of a certificate number, without a leading № / N / No."""
    text = _NUMBER_SIGN.sub("", "".join(number.split()))
    text = _compact(text)
    return text if _SIX_DIGITS.fullmatch(text) else None


def parse_birth_certificate(series: str, number: str) -> BirthCertificate:
    """Check a Ukrainian birth certificate's series (I-ЖС) and number (6 digits)."""
    parts = _split_series(series)
    if parts is None or parts[0] not in ROMAN_NUMERALS_1_TO_12:
        raise InvalidIdentifierError(
            N_(
                "The birth certificate series must be a Roman numeral from I to XII"
                " and two Cyrillic letters, e.g. I-ЖС."
            )
        )
    roman, letters = parts
    if _RUSSIAN_ONLY_LETTERS & set(letters):
        raise InvalidIdentifierError(
            N_(
                "The series has Russian letters: record the certificate as one issued"
                " by the occupying authorities."
            )
        )
    if not set(letters) <= _UKRAINIAN_SERIES_LETTERS:
        raise InvalidIdentifierError(
            N_(
                "The birth certificate series must be a Roman numeral from I to XII"
                " and two Cyrillic letters, e.g. I-ЖС."
            )
        )
    digits = _certificate_number(number)
    if digits is None:
        raise InvalidIdentifierError(N_("The birth certificate number must be 6 digits."))
    canonical = f"{roman}-{letters}"
    return BirthCertificate(series=canonical, number=digits, display=f"{canonical} № {digits}")


def parse_occupation_birth_certificate(series: str, number: str) -> ForeignBirthCertificate:
    """Check a birth certificate issued by the occupying authorities (Russian format)."""
    parts = _split_series(series)
    # Russian series use the Roman numeral of a region code, which can exceed XII, so any
    # well-formed Roman numeral is accepted [inference: no official list was found].
    if (
        parts is None
        or not _CANONICAL_ROMAN.fullmatch(parts[0])
        or not set(parts[1]) <= _RUSSIAN_SERIES_LETTERS
    ):
        raise InvalidIdentifierError(
            N_("The certificate series must be a Roman numeral and two Cyrillic letters.")
        )
    digits = _certificate_number(number)
    if digits is None:
        raise InvalidIdentifierError(N_("The birth certificate number must be 6 digits."))
    canonical = f"{parts[0]}-{parts[1]}"
    return ForeignBirthCertificate(
        series=canonical, number=digits, display=f"{canonical} № {digits}"
    )


def check_id_card_number(value: str) -> str:
    """Check an ID card (passport card) number: 9 digits."""
    number = _compact(value)
    if not _NINE_DIGITS.fullmatch(number):
        raise InvalidIdentifierError(N_("The ID card number must be 9 digits."))
    return number


def check_booklet_passport(value: str) -> str:
    """Check a booklet passport's series and number (КВ123456) and return it canonical."""
    text = _compact(value.replace("№", "")).upper()
    match = _BOOKLET_PASSPORT.fullmatch(text)
    if match is None:
        raise InvalidIdentifierError(
            N_("The passport series and number must be two Cyrillic letters and 6 digits.")
        )
    letters = match.group(1).translate(_CYRILLIC_LOOKALIKES)
    if _RUSSIAN_ONLY_LETTERS & set(letters):
        raise InvalidIdentifierError(
            N_("The passport series cannot contain the letters Ы, Ъ, Э or Ё.")
        )
    if not set(letters) <= _UKRAINIAN_SERIES_LETTERS:
        raise InvalidIdentifierError(
            N_("The passport series and number must be two Cyrillic letters and 6 digits.")
        )
    return letters + match.group(2)


def _phone_display(digits: str) -> str:
    """Group a phone number's digits for print."""
    if digits.startswith("380"):
        return f"+380 {digits[3:5]} {digits[5:8]} {digits[8:]}"
    if digits.startswith("7"):
        return f"+7 {digits[1:4]} {digits[4:7]} {digits[7:]}"
    return f"+{digits}"


def parse_phone(value: str) -> Phone:
    """Check a phone number; Ukrainian (+380) or foreign (+7 and other codes)."""
    text = _PHONE_SEPARATORS.sub("", unicodedata.normalize("NFKC", value))
    if text.startswith("+") and text[1:].isascii() and text[1:].isdigit():
        digits = text[1:]
    elif _NATIONAL_PHONE.fullmatch(text):
        digits = "380" + text[1:]
    else:
        raise InvalidIdentifierError(
            N_("Enter a phone number as +380 and 9 digits, or with another country code.")
        )
    if digits.startswith("380"):
        if len(digits) != 12 or digits[3] == "0":
            raise InvalidIdentifierError(N_("Enter a Ukrainian phone number as +380 and 9 digits."))
        return Phone(e164=f"+{digits}", foreign=False, display=_phone_display(digits))
    if digits.startswith("7"):
        if len(digits) != 11:
            raise InvalidIdentifierError(N_("A phone number with the code +7 has 10 more digits."))
        return Phone(e164=f"+{digits}", foreign=True, display=_phone_display(digits))
    # E.164 allows at most 15 digits; below 8 no country's numbers are that short.
    if not 8 <= len(digits) <= 15 or digits.startswith("0"):
        raise InvalidIdentifierError(
            N_("Enter a phone number as +380 and 9 digits, or with another country code.")
        )
    return Phone(e164=f"+{digits}", foreign=True, display=_phone_display(digits))


def check_postal_code(value: str) -> str:
    """Check a Ukrainian postal code: 5 digits, not starting with 00."""
    code = _compact(value)
    if not _POSTAL_CODE.fullmatch(code):
        raise InvalidIdentifierError(N_("The postal code must be 5 digits."))
    if code.startswith("00"):
        raise InvalidIdentifierError(N_("A postal code cannot start with 00."))
    return code


def normalise_katottg(value: str) -> str:
    """Check a KATOTTG settlement code and return it as UA and 17 digits."""
    text = _compact(value).upper()
    prefix = text[:2].translate(_KATOTTG_PREFIX_LOOKALIKES)
    match = _KATOTTG.fullmatch(prefix + text[2:])
    if match is None:
        raise InvalidIdentifierError(N_("The KATOTTG code must be UA followed by 17 digits."))
    return f"UA{match.group(1)}"


_EDRPOU = re.compile(r"[0-9]{8}")


def edrpou_check_digit(first_seven: str) -> int:
    """The ЄДРПОУ check digit of seven digits.

    Weights 1..7, or 7, 1..6 for codes from 30000000 to 59999999; when the sum modulo 11
    is 10, again with each weight raised by 2, and a remainder of 10 gives 0 (the
    algorithm as the register publishes it; vector: 32855961).
    """
    weights = [7, 1, 2, 3, 4, 5, 6] if first_seven[0] in "345" else [1, 2, 3, 4, 5, 6, 7]
    for step in (0, 2):
        remainder = sum((w + step) * int(d) for w, d in zip(weights, first_seven, strict=True)) % 11
        if remainder < 10:
            return remainder
    return 0


def check_edrpou(value: str) -> str:
    """Check a ЄДРПОУ code (a legal entity's 8 digits with a check digit) and return it."""
    code = _compact(value)
    if not _EDRPOU.fullmatch(code):
        raise InvalidIdentifierError(N_("The ЄДРПОУ code must be 8 digits."))
    if int(code[7]) != edrpou_check_digit(code[:7]):
        raise InvalidIdentifierError(N_("The ЄДРПОУ code's check digit does not match."))
    return code
