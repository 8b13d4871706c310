"""Dates, times, numbers and ages as documents print them."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from service.ukrainian import (
    NO_BREAK_SPACE,
    Language,
    UkrainianDataError,
    age_on,
    format_date_long,
    format_date_numeric,
    format_datetime_long,
    format_number,
)

NBSP = "\u00a0"


def test_no_break_space_is_u00a0() -> None:
    assert NO_BREAK_SPACE == NBSP


@pytest.mark.parametrize(
    ("value", "uk", "en"),
    [
        (date(2026, 11, 26), f"26 листопада 2026{NBSP}р.", "26 November 2026"),
        (date(2026, 1, 1), f"1 січня 2026{NBSP}р.", "1 January 2026"),
        (date(2022, 2, 24), f"24 лютого 2022{NBSP}р.", "24 February 2022"),
        (date(2024, 2, 29), f"29 лютого 2024{NBSP}р.", "29 February 2024"),
        (date(1991, 8, 24), f"24 серпня 1991{NBSP}р.", "24 August 1991"),
        (date(2025, 5, 9), f"9 травня 2025{NBSP}р.", "9 May 2025"),
    ],
)
def test_format_date_long(value: date, uk: str, en: str) -> None:
    assert format_date_long(value, "uk") == uk
    assert format_date_long(value, "en") == en


def test_uk_long_date_has_no_narrow_space() -> None:
    # Babel (CLDR) puts U+202F before "р.": many Times-metric fonts have no glyph for it.
    assert "\u202f" not in format_date_long(date(2026, 11, 26), "uk")


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (date(2026, 11, 26), "26.11.2026"),
        (date(2026, 1, 2), "02.01.2026"),
        (date(1948, 2, 28), "28.02.1948"),
        (date(5, 1, 2), "02.01.0005"),  # always four digits for the year
    ],
)
def test_format_date_numeric(value: date, text: str) -> None:
    assert format_date_numeric(value) == text


@pytest.mark.parametrize(
    ("value", "uk", "en"),
    [
        (
            datetime(2026, 11, 26, 14, 30),
            f"26 листопада 2026{NBSP}р., 14:30",
            "26 November 2026, 14:30",
        ),
        (
            datetime(2026, 3, 1, 9, 5, 59),
            f"1 березня 2026{NBSP}р., 09:05",
            "1 March 2026, 09:05",
        ),
        (
            datetime(2026, 11, 26, 23, 0, tzinfo=timezone(timedelta(hours=2))),
            f"26 листопада 2026{NBSP}р., 23:00",  # shown in its own zone, not converted
            "26 November 2026, 23:00",
        ),
    ],
)
def test_format_datetime_long(value: datetime, uk: str, en: str) -> None:
    assert format_datetime_long(value, "uk") == uk
    assert format_datetime_long(value, "en") == en


@pytest.mark.parametrize(
    ("value", "uk", "en"),
    [
        (1234567.89, f"1{NBSP}234{NBSP}567,89", "1,234,567.89"),
        (Decimal("1234567.89"), f"1{NBSP}234{NBSP}567,89", "1,234,567.89"),
        (1234, f"1{NBSP}234", "1,234"),
        (999, "999", "999"),
        (0.5, "0,5", "0.5"),
        (-1234.5, f"-1{NBSP}234,5", "-1,234.5"),
    ],
)
def test_format_number(value: int | float | Decimal, uk: str, en: str) -> None:
    assert format_number(value, "uk") == uk
    assert format_number(value, "en") == en


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_format_number_has_no_narrow_space(lang: Language) -> None:
    assert "\u202f" not in format_number(1234567, lang)


@pytest.mark.parametrize(
    ("birth_date", "on_date", "age"),
    [
        (date(2010, 5, 15), date(2024, 5, 14), 13),
        (date(2010, 5, 15), date(2024, 5, 15), 14),  # 14 on the birthday
        (date(2010, 5, 15), date(2024, 12, 31), 14),
        (date(2026, 1, 1), date(2026, 1, 1), 0),
        (date(2008, 11, 26), date(2026, 11, 26), 18),
        # born on 29 February: the birthday of a common year is 28 February
        (date(2012, 2, 29), date(2026, 2, 27), 13),
        (date(2012, 2, 29), date(2026, 2, 28), 14),
        (date(2012, 2, 29), date(2028, 2, 28), 15),
        (date(2012, 2, 29), date(2028, 2, 29), 16),
    ],
)
def test_age_on(birth_date: date, on_date: date, age: int) -> None:
    assert age_on(birth_date, on_date) == age


def test_age_on_a_date_before_birth() -> None:
    with pytest.raises(UkrainianDataError) as caught:
        age_on(date(2020, 1, 2), date(2020, 1, 1))
    assert caught.value.message == "The date is before the date of birth."


@given(st.dates(max_value=date(2100, 1, 1)), st.integers(0, 120))
def test_age_on_the_birthday(birth_date: date, years: int) -> None:
    try:
        birthday = birth_date.replace(year=birth_date.year + years)
    except ValueError:  # 29 February in a common year, or beyond year 9999
        return
    assert age_on(birth_date, birthday) == years
    if years:
        assert age_on(birth_date, birthday - timedelta(days=1)) == years - 1
