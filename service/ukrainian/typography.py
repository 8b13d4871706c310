"""No-break spaces where an official paper must not break a line.

Ukrainian office practice (and DSTU 4163's examples) keeps together what a reader takes
as one unit: "№ 302", "м. Київ", "вул. Соборна", "ст. 317", "п. 3", "ч. 1", the day,
month and year of a date, "2026 р.", initials and the surname ("О. М. Петренко"). The
English version keeps "No. 302", "Art. 317" and "26 November 2026" together the same way.
`typeset` puts a no-break space (U+00A0) there; the renderers apply it to every value a
template prints, so no line of a document ends on "№" or "м.".
"""

from __future__ import annotations

import functools
import re

NBSP = "\u00a0"

# Words after which the next word must stay on the same line.
_ABBREVIATIONS = (
    "№",
    "No.",
    "Nos.",
    "Art.",
    "Arts.",
    "p.",
    "para.",
    "м.",
    "с.",
    "смт",
    "с-ще",
    "сел.",
    "вул.",
    "просп.",
    "пров.",
    "бульв.",
    "бул.",
    "пл.",
    "наб.",
    "буд.",
    "кв.",
    "корп.",
    "ст.",
    "статті",
    "статтею",
    "стаття",
    "статей",
    "п.",
    "пп.",
    "пункт",
    "пункту",
    "пунктом",
    "підп.",
    "ч.",
    "частини",
    "частиною",
    "абз.",
    "обл.",
    "р-н",
    "article",
    "articles",
    "item",
    "part",
    "section",
    "серія",
    "series",
)
_AFTER = re.compile(
    r"(?<![\w.-])(" + "|".join(re.escape(word) for word in _ABBREVIATIONS) + r") (?=\S)"
)
_MONTHS_UK = (
    "січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня"
)
_MONTHS_EN = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE_WORDS = re.compile(rf"\b(\d{{1,2}}) ({_MONTHS_UK}|{_MONTHS_EN}) (\d{{4}})\b")
_YEAR_MARK = re.compile(r"\b(\d{4}) (р\.|року|рік)(?!\w)")
_INITIALS = re.compile(r"(?<!\w)(\w\.) (?=(?:\w\. )?[A-ZА-ЯІЇЄҐ][\wʼ'-]+)")
_NUMBER_GROUPS = re.compile(r"(?<=\d) (?=\d{3}\b)")
_SERIES_SIGN = re.compile(r"(?<=[A-ZА-ЯІЇЄҐ)]) (?=№|No\.)")


@functools.lru_cache(maxsize=8192)
def typeset(text: str) -> str:
    """Put no-break spaces where a line must not break; other text is left as it is.

    Cached: most of what a document prints is the same sentences from the catalogs.
    """
    if " " not in text:
        return text
    text = _AFTER.sub(rf"\1{NBSP}", text)
    text = _DATE_WORDS.sub(rf"\1{NBSP}\2{NBSP}\3", text)
    text = _YEAR_MARK.sub(rf"\1{NBSP}\2", text)
    text = _INITIALS.sub(rf"\1{NBSP}", text)
    text = _SERIES_SIGN.sub(NBSP, text)
    return _NUMBER_GROUPS.sub(NBSP, text)


def typeset_value(value: object) -> object:
    """Typeset a value a template prints (Jinja's `finalize`): plain text only.

    Markup (a macro's or a block's own output) is already typeset value by value, and
    typesetting it again could touch its tags.
    """
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return typeset(value)
    return value
