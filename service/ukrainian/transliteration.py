"""Ukrainian to Latin by Cabinet of Ministers Resolution 55 of 27.01.2010 (passport spelling).

Implemented here rather than with `translitua` (UkrainianKMU): translitua 2.0 decides
letter case for the whole string, so in "Іван ШЕВЧЕНКО" it writes "ShEVChENKO", and it
writes "зГ" as "zH". The table is short; the rules that need care are handled per word:

- є ї й ю я at the start of a word are Ye Yi Y Yu Ya, elsewhere ie i i iu ia;
- зг is zgh (to tell it from ж = zh);
- ь and the apostrophe are not written;
- a capital becomes Zh/Shch in a word in title case, ZH/SHCH in a word in capitals;
- each part of a hyphenated word starts a new word (Косач-Їжак → Kosach-Yizhak).
"""

from __future__ import annotations

import itertools
import unicodedata

_TABLE = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "h",
    "ґ": "g",
    "д": "d",
    "е": "e",
    "є": "ie",
    "ж": "zh",
    "з": "z",
    "и": "y",
    "і": "i",
    "ї": "i",
    "й": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ь": "",
    "ю": "iu",
    "я": "ia",
    # Not in Resolution 55: Russian letters met in names copied from occupation-era
    # documents. Spelled by analogy with the table (ъ separates like the apostrophe).
    "ё": "io",
    "ы": "y",
    "э": "e",
    "ъ": "",
}
_WORD_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya", "ё": "yo"}
# Resolution 55 drops the apostrophe; these are the three forms we store or accept.
_APOSTROPHES = frozenset("'\u2019\u02bc")
# A grave accent or left quote between two Cyrillic letters is a mistyped apostrophe.
_APOSTROPHE_SLIPS = frozenset("`\u2018")
_STRESS_MARK = "\u0301"


def _is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


def _is_word_char(ch: str) -> bool:
    return (
        ch.isalpha()
        or ch in _APOSTROPHES
        or ch in _APOSTROPHE_SLIPS
        or unicodedata.category(ch).startswith("M")
    )


def _transliterate_word(word: str) -> str:
    """Transliterate one word (letters, apostrophes and marks, no spaces or hyphens)."""
    # U+02BC counts as a letter for str.isalpha(); here it is the apostrophe.
    letters = [ch for ch in word if ch.isalpha() and ch not in _APOSTROPHES]
    if letters and not any(_is_cyrillic(ch) for ch in letters):
        return word  # a Latin (or other script) word, apostrophes and all: O'Connor
    cased = [ch for ch in letters if ch.isupper() or ch.islower()]
    all_caps = len(cased) > 1 and all(ch.isupper() for ch in cased)
    out: list[str] = []
    after_letter = False
    previous = ""
    for index, ch in enumerate(word):
        lower = ch.lower()
        if ch in _APOSTROPHES:
            continue
        if ch in _APOSTROPHE_SLIPS:
            following = word[index + 1 : index + 2]
            if _is_cyrillic(previous) and _is_cyrillic(following):
                continue
            out.append(ch)
            continue
        if ch == _STRESS_MARK and _is_cyrillic(previous):
            continue
        if lower in _TABLE:
            if not after_letter and lower in _WORD_INITIAL:
                latin = _WORD_INITIAL[lower]
            elif lower == "г" and previous.lower() == "з":
                latin = "gh"
            else:
                latin = _TABLE[lower]
            if ch.isupper():
                latin = latin.upper() if all_caps else latin.capitalize()
            out.append(latin)
        else:
            out.append(ch)
        after_letter = after_letter or ch.isalpha()
        previous = ch
    return "".join(out)


def transliterate(text: str) -> str:
    """Transliterate Ukrainian text into Latin letters by CMU Resolution 55 (2010)."""
    normalised = unicodedata.normalize("NFC", text)
    return "".join(
        _transliterate_word("".join(group)) if is_word else "".join(group)
        for is_word, group in itertools.groupby(normalised, key=_is_word_char)
    )
