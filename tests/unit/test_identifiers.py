"""Ukrainian identifiers: accept/reject tables, DOMAIN.md vectors and property tests."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from service.ukrainian import (
    BirthCertificate,
    ForeignBirthCertificate,
    InvalidIdentifierError,
    Phone,
    UkrainianDataError,
    check_booklet_passport,
    check_edrpou,
    check_id_card_number,
    check_postal_code,
    normalise_katottg,
    parse_birth_certificate,
    parse_occupation_birth_certificate,
    parse_phone,
    parse_rnokpp,
    parse_unzr,
    rnokpp_check_digit,
    unzr_check_digit,
)

RNOKPP_WEIGHTS = (-1, 5, 7, 9, 4, 6, 10, 5, 7)


def rnokpp_sum(first9: str) -> int:
    return sum(w * int(d) for w, d in zip(RNOKPP_WEIGHTS, first9, strict=True))


# ---------------------------------------------------------------- RNOKPP


@pytest.mark.parametrize(
    ("value", "number", "birth_date", "sex"),
    [
        # DOMAIN.md vectors
        ("1759013776", "1759013776", date(1948, 2, 28), "male"),
        ("2530414071", "2530414071", date(1969, 4, 12), "male"),
        ("3652504575", "3652504575", date(2000, 1, 1), "male"),
        ("3068208400", "3068208400", date(1984, 1, 2), "female"),
        # computed by the rule
        ("4216912347", "4216912347", date(2015, 6, 15), "female"),
        ("4025000017", "4025000017", date(2010, 3, 14), "male"),
        ("0000100010", "0000100010", date(1900, 1, 1), "male"),
        ("4096755562", "4096755562", date(2012, 2, 29), "female"),
        # how people type it
        (" 175 901 3776 ", "1759013776", date(1948, 2, 28), "male"),
        ("１７５９０１３７７６", "1759013776", date(1948, 2, 28), "male"),  # full-width
    ],
)
def test_rnokpp_valid(value: str, number: str, birth_date: date, sex: str) -> None:
    info = parse_rnokpp(value)
    assert (info.number, info.birth_date, info.sex) == (number, birth_date, sex)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1759013770", "The RNOKPP check digit does not match."),  # DOMAIN.md
        ("1759013777", "The RNOKPP check digit does not match."),
        ("175901377", "The RNOKPP must be 10 digits."),
        ("17590137761", "The RNOKPP must be 10 digits."),
        ("175901377a", "The RNOKPP must be 10 digits."),
        ("1759-013776", "The RNOKPP must be 10 digits."),
        ("", "The RNOKPP must be 10 digits."),
        ("١٧٥٩٠١٣٧٧٦", "The RNOKPP must be 10 digits."),  # Arabic-Indic digits
        ("немає", "The RNOKPP must be 10 digits."),
    ],
)
def test_rnokpp_invalid(value: str, message: str) -> None:
    with pytest.raises(InvalidIdentifierError) as caught:
        parse_rnokpp(value)
    assert caught.value.message == message


def test_rnokpp_check_digit() -> None:
    assert rnokpp_check_digit("175901377") == 6
    with pytest.raises(InvalidIdentifierError):
        rnokpp_check_digit("17590137")


def build_rnokpp(birth_date: date, serial: int, sex_digit: int) -> str:
    first9 = f"{(birth_date - date(1899, 12, 31)).days:05d}{serial:03d}{sex_digit}"
    return first9 + str(rnokpp_check_digit(first9))


# Digits 1-5 hold 1..99999 days after 31.12.1899.
birth_dates = st.dates(
    min_value=date(1900, 1, 1), max_value=date(1899, 12, 31) + timedelta(days=99999)
)


@given(birth_dates, st.integers(0, 999), st.integers(0, 9))
def test_rnokpp_built_by_the_rule_passes(birth_date: date, serial: int, sex_digit: int) -> None:
    info = parse_rnokpp(build_rnokpp(birth_date, serial, sex_digit))
    assert info.birth_date == birth_date
    assert info.sex == ("male" if sex_digit % 2 else "female")


@given(birth_dates, st.integers(0, 999), st.integers(0, 9), st.integers(0, 9), st.integers(1, 9))
def test_rnokpp_single_digit_change(
    birth_date: date, serial: int, sex_digit: int, position: int, shift: int
) -> None:
    # A single changed digit always changes Σ mod 11: every weight is non-zero mod 11 and
    # a digit moves by at most 9. But the check digit is (Σ mod 11) mod 10, which folds
    # 10 onto 0, so a change between Σ ≡ 0 and Σ ≡ 10 keeps it: such a typo goes unseen
    # (it is the scheme's weakness; the birth-date warning is what may still catch it).
    # A changed check digit itself is always caught.
    number = build_rnokpp(birth_date, serial, sex_digit)
    digits = list(number)
    digits[position] = str((int(digits[position]) + shift) % 10)
    mutant = "".join(digits)
    sums = {rnokpp_sum(number[:9]) % 11, rnokpp_sum(mutant[:9]) % 11}
    undetectable = position < 9 and sums == {0, 10}
    if undetectable:
        assert parse_rnokpp(mutant).number == mutant
    else:
        with pytest.raises(InvalidIdentifierError):
            parse_rnokpp(mutant)


def test_rnokpp_scheme_misses_some_single_digit_typos() -> None:
    # 3652504050 (born 01.01.2000) and 2652504050 (born 15.08.1972) are both valid.
    assert parse_rnokpp("3652504050").birth_date == date(2000, 1, 1)
    assert parse_rnokpp("2652504050").birth_date == date(1972, 8, 15)


# ---------------------------------------------------------------- UNZR


@pytest.mark.parametrize(
    ("value", "number", "birth_date", "serial"),
    [
        ("20000101-00019", "20000101-00019", date(2000, 1, 1), "0001"),  # DOMAIN.md
        ("20150615-01234", "20150615-01234", date(2015, 6, 15), "0123"),  # DOMAIN.md
        ("19900101-00018", "19900101-00018", date(1990, 1, 1), "0001"),  # DOMAIN.md
        ("20231231-00017", "20231231-00017", date(2023, 12, 31), "0001"),
        ("19800101-99994", "19800101-99994", date(1980, 1, 1), "9999"),
        ("20240229-00421", "20240229-00421", date(2024, 2, 29), "0042"),
        ("2000010100019", "20000101-00019", date(2000, 1, 1), "0001"),
        (" 20000101 – 00019 ", "20000101-00019", date(2000, 1, 1), "0001"),
    ],
)
def test_unzr_valid(value: str, number: str, birth_date: date, serial: str) -> None:
    info = parse_unzr(value)
    assert (info.number, info.birth_date, info.serial) == (number, birth_date, serial)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("20000101-00018", "The UNZR check digit does not match."),
        ("20150615-01235", "The UNZR check digit does not match."),
        ("20000230-00011", "The UNZR does not begin with a valid date of birth."),
        ("20001301-00011", "The UNZR does not begin with a valid date of birth."),
        ("00000101-00011", "The UNZR does not begin with a valid date of birth."),
        ("20000101-00000", "The UNZR serial number cannot be 0000."),
        ("2000010-100019", "The UNZR must be 8 digits of the birth date, a dash and 5 digits."),
        ("20000101-0001", "The UNZR must be 8 digits of the birth date, a dash and 5 digits."),
        ("20000101--00019", "The UNZR must be 8 digits of the birth date, a dash and 5 digits."),
        ("2000O101-00019", "The UNZR must be 8 digits of the birth date, a dash and 5 digits."),
        ("", "The UNZR must be 8 digits of the birth date, a dash and 5 digits."),
    ],
)
def test_unzr_invalid(value: str, message: str) -> None:
    with pytest.raises(InvalidIdentifierError) as caught:
        parse_unzr(value)
    assert caught.value.message == message


def test_unzr_check_digit() -> None:
    assert unzr_check_digit("200001010001") == 9
    with pytest.raises(InvalidIdentifierError):
        unzr_check_digit("20000101000")


def build_unzr(birth_date: date, serial: int) -> str:
    first12 = f"{birth_date:%Y%m%d}{serial:04d}"
    return f"{first12[:8]}-{first12[8:]}{unzr_check_digit(first12)}"


unzr_dates = st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31))


@given(unzr_dates, st.integers(1, 9999))
def test_unzr_built_by_the_rule_passes(birth_date: date, serial: int) -> None:
    info = parse_unzr(build_unzr(birth_date, serial))
    assert (info.birth_date, info.serial) == (birth_date, f"{serial:04d}")


@given(unzr_dates, st.integers(1, 9999), st.integers(0, 12), st.integers(1, 9))
def test_unzr_any_single_digit_change_fails(
    birth_date: date, serial: int, position: int, shift: int
) -> None:
    # Weights 7, 3 and 1 are coprime to 10 and a digit moves by 1..9, so the weighted sum
    # mod 10 always changes: no single-digit typo keeps the check digit. (A mutant may
    # also fail earlier, for an impossible date or serial 0000: it fails all the same.)
    digits = list(build_unzr(birth_date, serial).replace("-", ""))
    digits[position] = str((int(digits[position]) + shift) % 10)
    with pytest.raises(InvalidIdentifierError):
        parse_unzr("".join(digits))


# ---------------------------------------------------------------- birth certificates


@pytest.mark.parametrize(
    ("series", "number", "canonical_series", "canonical_number"),
    [
        ("I-ЖС", "123456", "I-ЖС", "123456"),  # DOMAIN.md, Latin I
        ("І-ЖС", "123456", "I-ЖС", "123456"),  # Cyrillic І
        ("і жс", "№123456", "I-ЖС", "123456"),
        ("II—БК", "No 000123", "II-БК", "000123"),
        ("XII–AB", "N654321", "XII-АВ", "654321"),  # Latin look-alike letters
        ("ХІ-КА", "№ 654 321", "XI-КА", "654321"),  # Cyrillic Х and І
        ("Ⅻ-ВК", "000001", "XII-ВК", "000001"),  # Unicode Roman numeral sign
        ("IIIЖС", "123456", "III-ЖС", "123456"),  # no dash
        ("IX ІІ", "123456", "IX-ІІ", "123456"),  # І as a series letter
        ("IV-ЄЇ", "123456", "IV-ЄЇ", "123456"),
    ],
)
def test_birth_certificate_valid(
    series: str, number: str, canonical_series: str, canonical_number: str
) -> None:
    certificate = parse_birth_certificate(series, number)
    assert certificate == BirthCertificate(
        series=canonical_series,
        number=canonical_number,
        display=f"{canonical_series} № {canonical_number}",
    )


def test_birth_certificate_display() -> None:
    assert parse_birth_certificate("І-ЖС", "123456").display == "I-ЖС № 123456"


SERIES_ERROR = (
    "The birth certificate series must be a Roman numeral from I to XII"
    " and two Cyrillic letters, e.g. I-ЖС."
)
NUMBER_ERROR = "The birth certificate number must be 6 digits."


@pytest.mark.parametrize(
    ("series", "number", "message"),
    [
        ("XIII-ЖС", "123456", SERIES_ERROR),
        ("IIII-ЖС", "123456", SERIES_ERROR),
        ("IIX-ЖС", "123456", SERIES_ERROR),
        ("1-ЖС", "123456", SERIES_ERROR),
        ("I-Ж", "123456", SERIES_ERROR),
        ("I-ЖСК", "123456", SERIES_ERROR),
        ("I--ЖС", "123456", SERIES_ERROR),
        ("I-Ж1", "123456", SERIES_ERROR),
        ("I-QW", "123456", SERIES_ERROR),
        ("", "123456", SERIES_ERROR),
        (
            "I-ЫЭ",
            "123456",
            "The series has Russian letters: record the certificate as one issued"
            " by the occupying authorities.",
        ),
        ("I-ЖС", "12345", NUMBER_ERROR),
        ("I-ЖС", "1234567", NUMBER_ERROR),
        ("I-ЖС", "12345a", NUMBER_ERROR),
        ("I-ЖС", "", NUMBER_ERROR),
    ],
)
def test_birth_certificate_invalid(series: str, number: str, message: str) -> None:
    with pytest.raises(InvalidIdentifierError) as caught:
        parse_birth_certificate(series, number)
    assert caught.value.message == message


@pytest.mark.parametrize(
    ("series", "number", "canonical_series"),
    [
        ("I-ДН", "654321", "I-ДН"),
        ("IV-МЮ", "123456", "IV-МЮ"),
        ("ii-ыэ", "№ 123456", "II-ЫЭ"),
        ("LXXVII-АБ", "123456", "LXXVII-АБ"),  # region codes go past XII
        ("ХІV AK", "123456", "XIV-АК"),
    ],
)
def test_occupation_birth_certificate_valid(
    series: str, number: str, canonical_series: str
) -> None:
    certificate = parse_occupation_birth_certificate(series, number)
    assert certificate.series == canonical_series
    assert certificate.issued_by_occupying_authorities is True
    assert certificate.display == f"{canonical_series} № {certificate.number}"


@pytest.mark.parametrize(
    ("series", "number"),
    [
        ("I-ЄІ", "123456"),  # Ukrainian-only letters
        ("IIII-АБ", "123456"),
        ("I-А", "123456"),
        ("12-АБ", "123456"),
        ("I-АБ", "12345"),
        ("I-АБ", "ABCDEF"),
    ],
)
def test_occupation_birth_certificate_invalid(series: str, number: str) -> None:
    with pytest.raises(InvalidIdentifierError):
        parse_occupation_birth_certificate(series, number)


def test_occupation_certificate_is_a_separate_kind() -> None:
    foreign = parse_occupation_birth_certificate("I-ДН", "654321")
    ukrainian = parse_birth_certificate("I-ЖС", "123456")
    assert isinstance(foreign, ForeignBirthCertificate)
    assert not isinstance(foreign, BirthCertificate)
    assert not isinstance(ukrainian, ForeignBirthCertificate)
    assert not issubclass(ForeignBirthCertificate, BirthCertificate)
    assert not issubclass(BirthCertificate, ForeignBirthCertificate)


# ---------------------------------------------------------------- ID card, booklet passport


@pytest.mark.parametrize(
    ("value", "number"),
    [
        ("000123456", "000123456"),  # DOMAIN.md
        ("123456789", "123456789"),
        (" 123 456 789 ", "123456789"),
        ("987654321", "987654321"),
        ("１２３４５６７８９", "123456789"),
    ],
)
def test_id_card_valid(value: str, number: str) -> None:
    assert check_id_card_number(value) == number


@pytest.mark.parametrize(
    "value", ["12345678", "1234567890", "12345678a", "123-456-789", "", "КВ1234567"]
)
def test_id_card_invalid(value: str) -> None:
    with pytest.raises(InvalidIdentifierError) as caught:
        check_id_card_number(value)
    assert caught.value.message == "The ID card number must be 9 digits."


@pytest.mark.parametrize(
    ("value", "number"),
    [
        ("КВ123456", "КВ123456"),  # DOMAIN.md
        ("кв 123456", "КВ123456"),
        ("KB123456", "КВ123456"),  # Latin look-alikes
        ("КВ № 123 456", "КВ123456"),
        ("ЕН000001", "ЕН000001"),
        ("Me 654321", "МЕ654321"),
        ("ІЇ123456", "ІЇ123456"),
    ],
)
def test_booklet_passport_valid(value: str, number: str) -> None:
    assert check_booklet_passport(value) == number


PASSPORT_ERROR = "The passport series and number must be two Cyrillic letters and 6 digits."
PASSPORT_LETTERS_ERROR = "The passport series cannot contain the letters Ы, Ъ, Э or Ё."


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("ЫВ123456", PASSPORT_LETTERS_ERROR),
        ("КЪ123456", PASSPORT_LETTERS_ERROR),
        ("ЭВ123456", PASSPORT_LETTERS_ERROR),
        ("кё123456", PASSPORT_LETTERS_ERROR),
        ("К123456", PASSPORT_ERROR),
        ("КВ12345", PASSPORT_ERROR),
        ("КВ1234567", PASSPORT_ERROR),
        ("12123456", PASSPORT_ERROR),
        ("QW123456", PASSPORT_ERROR),
        ("", PASSPORT_ERROR),
    ],
)
def test_booklet_passport_invalid(value: str, message: str) -> None:
    with pytest.raises(InvalidIdentifierError) as caught:
        check_booklet_passport(value)
    assert caught.value.message == message


# ---------------------------------------------------------------- phone


@pytest.mark.parametrize(
    ("value", "phone"),
    [
        ("+380501234567", Phone("+380501234567", False, "+380 50 123 4567")),  # DOMAIN.md
        ("+38 (050) 123-45-67", Phone("+380501234567", False, "+380 50 123 4567")),
        ("050 123 45 67", Phone("+380501234567", False, "+380 50 123 4567")),
        ("0442345678", Phone("+380442345678", False, "+380 44 234 5678")),
        ("+380 67 000 0000", Phone("+380670000000", False, "+380 67 000 0000")),
        ("+7 (978) 123-45-67", Phone("+79781234567", True, "+7 978 123 4567")),
        ("+7 949 123 45 67", Phone("+79491234567", True, "+7 949 123 4567")),
        ("+49 30 1234567", Phone("+49301234567", True, "+49301234567")),
        ("+1 202 555 0143", Phone("+12025550143", True, "+12025550143")),
        ("+48 12345678", Phone("+4812345678", True, "+4812345678")),
    ],
)
def test_phone_valid(value: str, phone: Phone) -> None:
    assert parse_phone(value) == phone


@pytest.mark.parametrize(
    "value",
    [
        "",
        "12345",
        "+380 50 123 456",
        "+380 50 123 45678",
        "+380 05 123 4567",
        "+7 978 123 456",
        "+7 978 123 45 678",
        "+1234567",
        "+1234567890123456",
        "80501234567",
        "380501234567",
        "0050 123 4567",
        "+0123456789",
        "+380501234567 ext 2",
        "+38050123456a",
    ],
)
def test_phone_invalid(value: str) -> None:
    with pytest.raises(InvalidIdentifierError):
        parse_phone(value)


# ---------------------------------------------------------------- postal code, KATOTTG


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("01001", "01001"),
        ("79000", "79000"),
        ("99999", "99999"),
        (" 04 070 ", "04070"),
        ("65000", "65000"),
        ("０１００１", "01001"),
    ],
)
def test_postal_code_valid(value: str, code: str) -> None:
    assert check_postal_code(value) == code


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("00123", "A postal code cannot start with 00."),
        ("00000", "A postal code cannot start with 00."),
        ("1001", "The postal code must be 5 digits."),
        ("010011", "The postal code must be 5 digits."),
        ("0100a", "The postal code must be 5 digits."),
        ("01-001", "The postal code must be 5 digits."),
        ("", "The postal code must be 5 digits."),
    ],
)
def test_postal_code_invalid(value: str, message: str) -> None:
    with pytest.raises(InvalidIdentifierError) as caught:
        check_postal_code(value)
    assert caught.value.message == message


@pytest.mark.parametrize(
    "value",
    [
        "UA71020010000037786",  # DOMAIN.md
        "ua71020010000037786",
        "УА71020010000037786",  # Cyrillic
        "уа71020010000037786",
        "UА71020010000037786",  # Latin U, Cyrillic А
        " UA 7102 0010 0000 37786 ",
    ],
)
def test_katottg_valid(value: str) -> None:
    assert normalise_katottg(value) == "UA71020010000037786"


@pytest.mark.parametrize(
    "value",
    [
        "UA7102001000003778",
        "UA710200100000377861",
        "RU71020010000037786",
        "71020010000037786",
        "UA7102001000003778X",
        "UAA71020010000037786",
        "",
    ],
)
def test_katottg_invalid(value: str) -> None:
    with pytest.raises(InvalidIdentifierError) as caught:
        normalise_katottg(value)
    assert caught.value.message == "The KATOTTG code must be UA followed by 17 digits."


# ---------------------------------------------------------------- errors


def test_errors_are_value_errors_with_a_msgid() -> None:
    with pytest.raises(ValueError, match="check digit") as caught:
        parse_rnokpp("1759013770")
    assert isinstance(caught.value, UkrainianDataError)
    assert caught.value.params == {}


def test_error_params_fill_the_message() -> None:
    error = UkrainianDataError("Too long by %(count)s characters.", {"count": 3})
    assert error.message == "Too long by %(count)s characters."
    assert str(error) == "Too long by 3 characters."


# ---------------------------------------------------------------- ЄДРПОУ


@pytest.mark.parametrize("value", ["32855961", " 32855961 ", "02894527", "34843104"])
def test_edrpou_valid(value: str) -> None:
    assert check_edrpou(value) == value.strip()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("32855968", "The ЄДРПОУ code's check digit does not match."),
        ("1234567", "The ЄДРПОУ code must be 8 digits."),
        ("3285596A", "The ЄДРПОУ code must be 8 digits."),
    ],
)
def test_edrpou_invalid(value: str, message: str) -> None:
    with pytest.raises(InvalidIdentifierError) as caught:
        check_edrpou(value)
    assert caught.value.message == message
