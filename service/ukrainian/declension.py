"""Personal names in the genitive and dative: "від Петренка Івана Івановича".

Declension is done by `shevchenko-py` 0.8.0 (import name `shevchenko`), checked against
the vectors in tests/unit/test_declension.py. Its defects that matter for us are fixed
here, each with a test:

- surnames in -их/-ых do not decline (Український правопис: Білих, Черних), but the
  library turns Білих into "Білиха";
- Швець keeps its vowel in the library ("Швеця"); the word is швець, шевця;
- surnames from trade names in -ар of the mixed group decline with -я, -ю (бондар,
  бондаря; лікар, лікаря); the library knows only -окар, -екар, -етар, -зар, -ухар and
  writes "Бондара" for one of the most common Ukrainian surnames;
- a name of several words separated by spaces declines only in its last word ("Анна
  Марія" → "Анна Марії"); we decline each word, but leave surname particles such as
  "ван", "де", "фон" as they are.

Gender always comes from the person's recorded sex, never from a guess. Declension
never raises: on anything unexpected the name is returned in the nominative.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Literal

import shevchenko

from service.ukrainian.identifiers import Sex

Case = Literal["nominative", "genitive", "dative"]

_GENDERS: dict[str, str] = {"male": "masculine", "female": "feminine"}
_CASES = frozenset({"genitive", "dative"})
_NON_DECLINING_SURNAME = re.compile("(?:их|ых)$", re.IGNORECASE)
# Trade names in -ар that the dictionary declines in the mixed group (бондар, -я), which
# the library's rules miss; гончар, маляр, столяр, тесляр decline -а and are left alone.
_SOFT_AR_SURNAMES = frozenset(
    {"бондар", "лікар", "писар", "слюсар", "косар", "вівчар", "шинкар", "пушкар", "лимар"}
    | {"друкар", "паламар", "пономар"}
)
_SOFT_ENDINGS = str.maketrans({"а": "я", "у": "ю", "А": "Я", "У": "Ю"})
_SURNAME_PARTICLES = frozenset(
    {"ван", "фон", "дер", "ден", "де", "ді", "да", "дос", "дас", "ду", "дю", "ла", "ле"}
    | {"дель", "делла", "ель", "аль", "ібн", "бен", "бін", "тер", "цу"}
)


@dataclass(frozen=True)
class NameParts:
    """A person's name in one grammatical case."""

    surname: str
    given_name: str
    patronymic: str | None


def _inflect(field: str, word: str, gender: str, case: str) -> str:
    """Ask the library for one word of one name field."""
    return str(shevchenko.in_case(case, {field: word, "gender": gender})[field])


def _match_case(template: str, word: str) -> str:
    """Give `word` the letter case of `template` (all capitals, all small, or as is)."""
    if template.isupper():
        return word.upper()
    if template.islower():
        return word.lower()
    return word


def _fix_surname(source: str, declined: str, gender: str, case: str) -> str:
    """Correct the library's surname defects, part by part of a hyphenated surname."""
    source_parts = source.split("-")
    declined_parts = declined.split("-")
    if len(source_parts) != len(declined_parts):
        return declined
    fixed = []
    for source_part, declined_part in zip(source_parts, declined_parts, strict=True):
        if _NON_DECLINING_SURNAME.search(source_part):
            fixed.append(source_part)
        elif source_part.lower() == "швець" and declined_part != source_part:
            fixed.append(_match_case(source_part, _inflect("family_name", "Шевець", gender, case)))
        elif source_part.lower() in _SOFT_AR_SURNAMES and declined_part != source_part:
            fixed.append(declined_part[:-1] + declined_part[-1].translate(_SOFT_ENDINGS))
        else:
            fixed.append(declined_part)
    return "-".join(fixed)


def _decline_field(text: str, field: str, gender: str, case: str) -> str:
    """Decline every space-separated word of one name field."""
    words = text.split(" ")
    declined = []
    for index, word in enumerate(words):
        is_particle = (
            field == "family_name" and index < len(words) - 1 and word.lower() in _SURNAME_PARTICLES
        )
        if not word or is_particle:
            declined.append(word)
            continue
        result = _inflect(field, word, gender, case)
        if field == "family_name":
            result = _fix_surname(word, result, gender, case)
        declined.append(result)
    return " ".join(declined)


@functools.lru_cache(maxsize=4096)
def decline_parts(
    surname: str,
    given_name: str,
    patronymic: str | None,
    sex: Sex,
    case: Case,
) -> NameParts:
    """Decline each part of a person's name into `case`; the nominative on any failure.

    Cached: a render declines the same few names many times, and the library is slow.
    """
    nominative = NameParts(surname=surname, given_name=given_name, patronymic=patronymic)
    gender = _GENDERS.get(sex)
    if gender is None or case not in _CASES:
        return nominative
    try:
        return NameParts(
            surname=_decline_field(surname, "family_name", gender, case),
            given_name=_decline_field(given_name, "given_name", gender, case),
            patronymic=(
                _decline_field(patronymic, "patronymic_name", gender, case)
                if patronymic
                else patronymic
            ),
        )
    except Exception:  # the library is a black box: any failure prints the nominative
        return nominative


def decline_full_name(
    surname: str,
    given_name: str,
    patronymic: str | None,
    sex: Sex,
    case: Case,
) -> str:
    """Decline a full name into `case`, in the official order: surname, given, patronymic."""
    parts = decline_parts(surname, given_name, patronymic, sex, case)
    return " ".join(part for part in (parts.surname, parts.given_name, parts.patronymic) if part)
