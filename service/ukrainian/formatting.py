"""Dates and numbers as Ukrainian and English documents print them."""

from __future__ import annotations

import calendar
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from babel.dates import format_date
from babel.numbers import format_decimal

from service.i18n import N_
from service.ukrainian.errors import UkrainianDataError

Language = Literal["uk", "en"]

NO_BREAK_SPACE = "\u00a0"
# CLDR uses the narrow no-break space (U+202F) before "р." and may use it as a group
# separator; many Times-metric fonts have no glyph for it. U+00A0 prints everywhere and
# still keeps "2026 р." and "1 234" from breaking across lines.
_NARROW_NO_BREAK_SPACE = "\u202f"
_YEAR_MARK = "р."


def _no_break(text: str) -> str:
    return text.replace(_NARROW_NO_BREAK_SPACE, NO_BREAK_SPACE)


def format_date_long(d: date, lang: Language) -> str:
    """Write a date in words: "26 листопада 2026 р." or "26 November 2026"."""
    if lang == "en":
        # The "long" format of `en` is American (November 26, 2026); partners read d MMMM y.
        return format_date(d, "d MMMM yyyy", locale="en")
    text = _no_break(format_date(d, "long", locale="uk"))
    if text.endswith(_YEAR_MARK):
        return text[: -len(_YEAR_MARK)].rstrip() + NO_BREAK_SPACE + _YEAR_MARK
    return text + NO_BREAK_SPACE + _YEAR_MARK


def format_date_numeric(d: date) -> str:
    """Write a date as dd.mm.yyyy, always with a four-digit year."""
    return f"{d.day:02d}.{d.month:02d}.{d.year:04d}"


def format_datetime_long(dt: datetime, lang: Language) -> str:
    """Write a date in words and the time as HH:MM, in the datetime's own time zone."""
    return f"{format_date_long(dt.date(), lang)}, {dt.hour:02d}:{dt.minute:02d}"


def format_number(x: int | float | Decimal, lang: Language) -> str:
    """Write a number with the language's separators: "1 234 567,89" or "1,234,567.89"."""
    return _no_break(format_decimal(x, locale=lang))


def age_on(birth_date: date, on_date: date) -> int:
    """Count the full years a person born on `birth_date` has on `on_date`."""
    if on_date < birth_date:
        raise UkrainianDataError(N_("The date is before the date of birth."))
    birthday = (birth_date.month, birth_date.day)
    # Born on 29 February: in a common year the birthday is 28 February, the last day of
    # the month, by analogy with Civil Code art. 254(3) for a term ending on a date the
    # month lacks [inference: no rule for ages was found].
    if birthday == (2, 29) and not calendar.isleap(on_date.year):
        birthday = (2, 28)
    return on_date.year - birth_date.year - ((on_date.month, on_date.day) < birthday)
