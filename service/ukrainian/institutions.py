"""Names of Ukrainian public bodies: the dative and genitive derived, the English translated.

Ukrainian. A name is a head phrase, the adjectives and the noun that name the body
("Шевченківський районний суд"), then its dependents ("міста Києва", "у справах дітей",
«…», "№ 2"), which keep their own case. Only the head phrase declines: each adjective by
its own ending, the noun as the lexicon of head nouns says; the rest is kept as typed. A
capitalised abbreviation (КНП, ЦНАП, РВ) does not decline. Without a known head noun the
name is returned as typed, marked for review.

English. Translated, not transliterated: terms come from the glossary, the longest phrase
first, matched by stem so that any case form is found ("ради" finds "рада"). Place
adjectives become their place (Житомирська → Zhytomyr) or, when unknown, are transliterated
in the masculine nominative (Богунської → Bohunskyi); the place comes first, the genitive
chain follows "of": "Шевченківський районний суд міста Києва" → "Shevchenkivskyi District
Court of Kyiv City". A word the glossary lacks is transliterated and marks the name for
review.

Terms, head nouns, abbreviations and places are data (data/institution_terms.toml), read on
the first call, not on import.
"""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from typing import NamedTuple

from service.ukrainian.transliteration import transliterate


@dataclass(frozen=True)
class InstitutionForms:
    """An institution's name in the forms documents print."""

    uk: str  # nominative, as typed (whitespace normalised)
    dative: str  # "Шевченківському районному суду міста Києва" (to address it)
    genitive: str  # "Шевченківського районного суду міста Києва"
    en: str  # "Shevchenkivskyi District Court of Kyiv City"
    needs_review: bool  # the rules could not parse the whole name: a person should check


@functools.lru_cache(maxsize=4096)
def derive_institution_forms(name: str) -> InstitutionForms:
    """Derive the dative, genitive and English name of a public body from its nominative."""
    uk = " ".join(name.split())
    text = unicodedata.normalize("NFC", uk)
    vocabulary = _vocabulary()
    tokens = _tokenize(text)
    declined = _decline(text, tokens, vocabulary)
    en, en_guessed = _translate(tokens, vocabulary, quoted=False)
    if declined is None:
        return InstitutionForms(uk, uk, uk, en, True)
    dative, genitive, guessed = declined
    return InstitutionForms(uk, dative, genitive, en, guessed or en_guessed)


# The words of a name ----------------------------------------------------------------------


class _Token(NamedTuple):
    kind: str  # word, quote, number_sign, digits, other
    text: str
    start: int
    end: int


_TOKENS = re.compile(
    r"(?P<quote>«[^«»]*»|“[^“”]*”|„[^„“”]*[“”]|\"[^\"]*\")"
    r"|(?P<number_sign>№)"
    r"|(?P<digits>\d+(?:[./-]\d+)*)"
    # Letters with apostrophes and hyphens inside: об'єднання, медико-санітарної, р-н.
    r"|(?P<word>[^\W\d_](?:[^\W_]|['’`](?=[^\W\d_])|-(?=[^\W\d_]))*)"
    r"|(?P<other>\S)"
)
_APOSTROPHES = str.maketrans({"'": "ʼ", "’": "ʼ", "`": "ʼ"})


def _tokenize(text: str) -> list[_Token]:
    return [
        _Token(match.lastgroup or "other", match[0], match.start(), match.end())
        for match in _TOKENS.finditer(text)
    ]


def _fold(word: str) -> str:
    return word.lower().translate(_APOSTROPHES)


def _has_cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u052f" for ch in text)


def _is_abbreviation(word: str) -> bool:
    return len(word) > 1 and word.isupper() and _has_cyrillic(word)


# Case endings stripped to find a word's stem, longest first: "ради", "раді" → "рад".
_ENDINGS = sorted(
    {"ього", "ьому", "ого", "ому", "ими", "ями", "ами", "ові", "еві", "ією", "ьої"}
    | {"ої", "ою", "ею", "ий", "ій", "их", "им", "ім", "іх", "ів", "ей", "ям", "ам"}
    | {"ях", "ах", "ом", "ем", "а", "я", "е", "є", "і", "ї", "и", "у", "ю", "о", "ь"},
    key=len,
    reverse=True,
)
_SHORTEST_STEM = 3


def _stem(word: str) -> str:
    """The stem of a lower-case word: its last case ending removed."""
    if word.endswith("ок") and len(word) > 4:
        word = word[:-2] + "к"  # the vowel that drops in the other cases: будинок, будинку
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _SHORTEST_STEM:
            return word[: -len(ending)]
    return word


# The data ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Head:
    gender: str
    dative: str
    genitive: str


@dataclass(frozen=True)
class _Term:
    en: str
    kind: str  # noun, adjective, ordinal, place, settlement, preposition, conjunction, particle
    definite: bool = False  # takes "the" after "of": "of the State Migration Service"
    modifies: bool = False  # a place named by its adjective, which stands before a noun
    dotted: bool = False  # written with a full stop: "м.", "обл."


@dataclass(frozen=True)
class _Vocabulary:
    heads: Mapping[str, _Head]
    genders: Mapping[str, str]  # of the head noun an abbreviation stands for
    abbreviations: frozenset[str]
    terms: Mapping[tuple[str, ...], _Term]
    longest: int
    invariant: frozenset[str]
    city_initials: Mapping[str, str]

    def key(self, word: str) -> str:
        return word if word in self.abbreviations else _stem(_fold(word))

    def match(self, keys: Sequence[str], start: int) -> tuple[_Term | None, int]:
        """The longest term that starts at `start`, and how many words it takes."""
        for length in range(min(self.longest, len(keys) - start), 0, -1):
            term = self.terms.get(tuple(keys[start : start + length]))
            if term is not None:
                return term, length
        return None, 0


@functools.cache
def _vocabulary() -> _Vocabulary:
    """Read data/institution_terms.toml, once, on the first name derived."""
    source = resources.files("service.ukrainian") / "data" / "institution_terms.toml"
    data = tomllib.loads(source.read_text(encoding="utf-8"))
    abbreviations: dict[str, dict[str, str]] = data["abbreviations"]["terms"]
    known = frozenset(abbreviations)
    definite = frozenset(data["style"]["definite"])
    terms: dict[tuple[str, ...], _Term] = {}

    def add(uk: str, en: str, kind: str, *, modifies: bool = False) -> None:
        words = uk.removesuffix(".").split()
        key = tuple(word if word in known else _stem(_fold(word)) for word in words)
        term = _Term(en, kind, _head_word(en) in definite, modifies, uk.endswith("."))
        existing = terms.get(key)
        if existing is not None and existing.kind == "place" == kind and existing.en == en:
            term = replace(term, modifies=existing.modifies or modifies)
        elif existing is not None and existing != term:
            raise ValueError(f"institution terms: {uk!r} and {existing.en!r} share {key}")
        terms[key] = term

    for abbreviation, entry in abbreviations.items():
        add(abbreviation, entry["en"], "noun")
    for section in data["glossary"].values():
        for part, kind in (("nouns", "noun"), ("adjectives", "adjective"), ("phrases", "noun")):
            for uk, en in section.get(part, {}).items():
                add(uk, en, kind)
    for uk, en in data["ordinals"]["words"].items():
        add(uk, en, "ordinal")
    for part, kind in (("prepositions", "preposition"), ("conjunctions", "conjunction")):
        for uk, en in data["grammar"][part].items():
            add(uk, en, kind)
    for uk, en in data["grammar"]["particles"].items():
        add(uk, en, "particle")
    for en, forms in data["places"]["names"].items():
        for form in forms:
            # A lower-case form is the place's adjective; Хмельницький is both.
            add(form, en, "place", modifies=form.islower() or form.endswith("ий"))
    for uk, en in data["places"]["settlements"].items():
        add(uk, en, "settlement")
    for uk, en in data["places"]["nouns"].items():
        add(uk, en, "noun")

    heads = {_fold(noun): _Head(*forms) for noun, forms in data["heads"]["nouns"].items()}
    return _Vocabulary(
        heads=heads,
        genders={key: entry["gender"] for key, entry in abbreviations.items() if "gender" in entry},
        abbreviations=known,
        terms=terms,
        longest=max(len(key) for key in terms),
        invariant=frozenset(_fold(word) for word in data["grammar"]["invariant"]),
        city_initials=data["abbreviations"]["city_initials"],
    )


def _head_word(en: str) -> str:
    """The noun an English term is about: "Civil Registry Office (ZAGS)" → "Office"."""
    return re.split(r" of | for | \(", en, maxsplit=1)[0].rsplit(maxsplit=1)[-1]


# Ukrainian: the dative and the genitive ---------------------------------------------------


class _Adjective(NamedTuple):
    gender: str
    dative: str
    genitive: str


# Nominative ending, gender, dative, genitive. Soft adjectives are the ones in -ній and
# третій; a hyphenated one declines in its last part only, which the endings alone do.
_ADJECTIVE_ENDINGS = (
    ("ній", "m", "ньому", "нього"),
    ("тій", "m", "тьому", "тього"),
    ("ий", "m", "ому", "ого"),
    ("ня", "f", "ній", "ньої"),
    ("тя", "f", "тій", "тьої"),
    ("а", "f", "ій", "ої"),
    ("нє", "n", "ньому", "нього"),
    ("тє", "n", "тьому", "тього"),
    ("е", "n", "ому", "ого"),
)
_VOWELS = frozenset("аеєиіїоуюяь")
_LONGEST_ABBREVIATION = 6  # ЦСССДМ; a longer word in capitals is a word: ВЕРХОВНИЙ


def _adjective(word: str) -> _Adjective | None:
    """The dative and genitive of an adjective in the nominative singular, if it is one."""
    lower = word.lower()
    for ending, gender, dative_ending, genitive_ending in _ADJECTIVE_ENDINGS:
        vowels = ending.lstrip("нт")  # what follows the stem's last consonant
        before = lower[-len(vowels) - 1 : -len(vowels)]
        if (
            lower.endswith(ending)
            and len(word) > len(ending) + 1
            and _has_cyrillic(before)
            and before.isalpha()
            and before not in _VOWELS
        ):
            stem = word[: -len(ending)]
            if word.isupper():
                return _Adjective(
                    gender, stem + dative_ending.upper(), stem + genitive_ending.upper()
                )
            return _Adjective(gender, stem + dative_ending, stem + genitive_ending)
    return None


def _spelled_like(word: str, form: str) -> str:
    """`form` with the typed letters of `word` where they agree: Суд, суду → Суду."""
    if len(word) > 1 and word.isupper():
        return form.upper()
    same = 0
    for typed, wanted in zip(word, form, strict=False):
        if _fold(typed) != _fold(wanted):
            break
        same += 1
    return word[:same] + form[same:]


def _decline(
    text: str, tokens: Sequence[_Token], vocabulary: _Vocabulary
) -> tuple[str, str, bool] | None:
    """The dative, the genitive and whether a part was guessed; None without a head noun."""
    adjectives: list[tuple[_Token, _Adjective]] = []
    skip = 0
    for index, token in enumerate(tokens):
        if skip:
            skip -= 1
            continue
        if token.kind != "word":
            return None
        word = token.text
        if adjectives and _city_phrase_at(tokens, index):
            skip = 2  # "Деснянська районна в місті Києві державна адміністрація"
            continue
        if word in vocabulary.abbreviations:
            return _before_abbreviation(text, adjectives, vocabulary.genders.get(word))
        head = vocabulary.heads.get(_fold(word))
        if head is not None:
            guessed = any(adjective.gender != head.gender for _, adjective in adjectives)
            dative = (token, _spelled_like(word, head.dative))
            genitive = (token, _spelled_like(word, head.genitive))
            return (
                _replaced(text, adjectives, dative),
                _replaced(text, adjectives, genitive, 1),
                guessed,
            )
        if _fold(word) in vocabulary.invariant:
            continue
        abbreviation = _is_abbreviation(word) and len(word) <= _LONGEST_ABBREVIATION
        adjective = None if abbreviation else _adjective(word)
        if adjective is None:
            # An unknown abbreviation after adjectives is their noun, of unknown gender.
            return _before_abbreviation(text, adjectives, None) if abbreviation else None
        adjectives.append((token, adjective))
    return None


def _city_phrase_at(tokens: Sequence[_Token], index: int) -> bool:
    """Whether "в/у місті <Name>" stands at `index`, inside a head phrase."""
    words = tokens[index : index + 3]
    return (
        len(words) == 3
        and all(word.kind == "word" for word in words)
        and words[0].text.lower() in {"в", "у"}
        and words[1].text.lower() == "місті"
        and words[2].text[:1].isupper()
    )


def _before_abbreviation(
    text: str, adjectives: Sequence[tuple[_Token, _Adjective]], gender: str | None
) -> tuple[str, str, bool] | None:
    """The forms of a head phrase whose noun is an abbreviation: only its adjectives decline."""
    if gender is None and not adjectives:
        return text, text, False  # КНП «Міська лікарня»: the abbreviation is the phrase
    guessed = any(adjective.gender != gender for _, adjective in adjectives)
    return _replaced(text, adjectives, None), _replaced(text, adjectives, None, 1), guessed


def _replaced(
    text: str,
    adjectives: Sequence[tuple[_Token, _Adjective]],
    head: tuple[_Token, str] | None,
    case: int = 0,  # 0 dative, 1 genitive
) -> str:
    replacements = [(token, adjective[1 + case]) for token, adjective in adjectives]
    if head is not None:
        replacements.append(head)
    parts: list[str] = []
    position = 0
    for token, form in replacements:
        parts += [text[position : token.start], form]
        position = token.end
    return "".join(parts) + text[position:]


# English ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Item:
    # modifier, noun, place, settlement, name, preposition, conjunction, particle, quote,
    # number, punct
    kind: str
    en: str
    rank: int = 2  # the order of modifiers in English: ordinal, place, the others
    proper: bool = False  # a place or a person: first in its phrase, and takes no article
    definite: bool = False
    modifies: bool = False  # a place adjective, when a noun follows it


_PROPER_ADJECTIVE_STEMS = ("ськ", "цьк", "зьк")  # Шевченківський, Донецький, Запорізький
_ADJECTIVE_CASE_ENDINGS = (
    *("ого", "ому", "ими"),
    *("ий", "ої", "ій", "ою", "их", "им", "ім"),
    *("а", "е", "і", "у"),
)
_CITY_DEPARTMENT = re.compile("([А-ЯІЇЄҐ])МУ")  # ЖМУ: Житомирське міське управління


def _proper_adjective(word: str) -> str | None:
    """A place adjective in any case, as its masculine nominative: Богунської → Богунський."""
    lower = word.lower()
    for ending in _ADJECTIVE_CASE_ENDINGS:
        if lower.endswith(ending) and lower[: -len(ending)].endswith(_PROPER_ADJECTIVE_STEMS):
            stem = lower[: -len(ending)]
            return "-".join(part[:1].upper() + part[1:] for part in stem.split("-")) + "ий"
    return None


def _looks_adjectival(word: str) -> bool:
    return word.lower().endswith((*_ADJECTIVE_CASE_ENDINGS, "я", "є")) and len(word) > 4


def _item(term: _Term, typed: str) -> _Item:
    if term.kind == "adjective":
        return _Item("modifier", term.en)
    if term.kind == "ordinal":
        return _Item("modifier", term.en, rank=0)
    if term.kind == "place":
        return _Item("place", term.en, rank=1, proper=True, modifies=term.modifies)
    if term.kind == "particle" and typed[:1].isupper():
        return _Item("particle", term.en[:1].upper() + term.en[1:])
    return _Item(term.kind, term.en, definite=term.definite)


def _unknown_word(
    word: str,
    vocabulary: _Vocabulary,
    *,
    quoted: bool,
    after_settlement: bool,
    before_noun: bool,
) -> tuple[_Item, bool]:
    """The English of a word the glossary lacks, and whether it is a guess to review."""
    city = _CITY_DEPARTMENT.fullmatch(word)
    if city and city[1] in vocabulary.city_initials:
        en = f"{vocabulary.city_initials[city[1]]} City Department"
        return _Item("noun", en, definite=True), False
    adjective = _proper_adjective(word)
    if adjective is not None:
        return _Item("modifier", transliterate(adjective), rank=1, proper=True), False
    latin = transliterate(word)
    if any(ch.isdigit() for ch in word):
        return _Item("number", latin), False  # a code: військова частина А1234
    if _is_abbreviation(word) or not _has_cyrillic(word):
        # Latin, or an abbreviation the glossary lacks: a name only a person can check.
        return _Item("name", latin, proper=True), not quoted
    adjectival = _looks_adjectival(word)
    if word[:1].isupper() and not (adjectival and before_noun):
        # A name: a person's, or a place's after "місто", whose case we cannot undo.
        return _Item("name", latin, proper=True), after_settlement
    return _Item("modifier" if adjectival else "noun", latin), True


def _classify(
    tokens: Sequence[_Token], vocabulary: _Vocabulary, *, quoted: bool
) -> tuple[list[_Item], bool]:
    """The name's words as English terms, and whether any was guessed."""
    # Signs and numbers have no key, so no term runs across them.
    keys = [vocabulary.key(token.text) if token.kind == "word" else "" for token in tokens]
    items: list[_Item] = []
    guessed = False
    index = 0
    while index < len(tokens):
        token = tokens[index]
        index += 1
        if token.kind == "word":
            term, length = vocabulary.match(keys, index - 1)
            if term is not None and term.kind == "place" and _names_a_district(tokens, index):
                term = None  # Дніпровський районний суд: the Dniprovskyi district, not Dnipro
            if term is not None and term.kind == "preposition" and " " in term.en:
                # "у справах дітей": "for" and the noun it governs, "Children's Affairs"
                preposition, noun = term.en.split(" ", 1)
                items += [_Item("preposition", preposition), _Item("noun", noun)]
                index += length - 1
                continue
            if term is not None:
                items.append(_item(term, token.text))
                index += length - 1
                if term.dotted and index < len(tokens) and tokens[index].text == ".":
                    index += 1
                continue
            following, _ = vocabulary.match(keys, index)
            item, unknown = _unknown_word(
                token.text,
                vocabulary,
                quoted=quoted,
                after_settlement=bool(items) and items[-1].kind == "settlement",
                before_noun=following is not None and following.kind in {"noun", "adjective"},
            )
            items.append(item)
            guessed = guessed or unknown
        elif token.kind == "quote":
            inner, unknown = _translate(_tokenize(token.text[1:-1]), vocabulary, quoted=True)
            items.append(_Item("quote", f"“{inner}”"))
            guessed = guessed or unknown
        elif token.kind == "number_sign":
            number = "No."
            if index < len(tokens) and tokens[index].kind == "digits":
                number = f"No. {tokens[index].text}"
                index += 1
            items.append(_Item("number", number))
        elif token.kind == "digits":
            items.append(_Item("number", token.text))
        else:
            items.append(_Item("punct", token.text))
    return items, guessed


def _names_a_district(tokens: Sequence[_Token], index: int) -> bool:
    """Whether the word at `index` is "районний" in any case (a district's own adjective)."""
    return (
        index < len(tokens)
        and tokens[index].kind == "word"
        and tokens[index].text.lower().startswith("районн")
    )


def _place_phrase_after_noun(items: list[_Item]) -> list[_Item]:
    """Move a place phrase that splits adjectives from their noun after that noun.

    "Голосіївської районної в місті Києві державної адміністрації" reads in English
    "Holosiivskyi District State Administration in Kyiv City".
    """
    index = 1
    while index < len(items):
        if items[index].kind == "preposition" and items[index - 1].kind == "modifier":
            end = index + 1
            while end < len(items) and items[end].kind in {"settlement", "place", "name"}:
                end += 1
            noun = end
            while noun < len(items) and items[noun].kind == "modifier":
                noun += 1
            if index + 1 < end <= noun < len(items) and items[noun].kind == "noun":
                items = [
                    *items[:index],
                    *items[end : noun + 1],
                    *items[index:end],
                    *items[noun + 1 :],
                ]
                index = noun + 1
                continue
        index += 1
    return items


_NOMINAL = frozenset({"noun", "place", "settlement", "name"})
_TITLE_CASE_WORD = re.compile(r"\b[A-Z][a-z']+\b")


def _noun_phrase(items: Sequence[_Item], start: int) -> tuple[list[_Item], _Item, int]:
    """The modifiers and the head of the noun phrase at `start`, and where it ends."""
    modifiers: list[_Item] = []
    index = start
    while index < len(items):
        item = items[index]
        if item.kind == "modifier" or (item.modifies and _noun_follows(items, index + 1)):
            modifiers.append(item)
            index += 1
        else:
            break
    if index < len(items) and items[index].kind in _NOMINAL:
        head = items[index]
        index += 1
    else:
        head = modifiers.pop()  # an adjective standing for a noun ("Уповноважений")
    following = items[index] if index < len(items) else None
    if head.kind == "settlement" and following is not None and following.kind in {"place", "name"}:
        head = _Item("noun", f"{following.en} {head.en}", proper=True)  # Kyiv City
        index += 1
    return modifiers, head, index


def _noun_follows(items: Sequence[_Item], index: int) -> bool:
    while index < len(items) and items[index].kind == "modifier":
        index += 1
    return index < len(items) and items[index].kind in {"noun", "settlement"}


def _assemble(items: Sequence[_Item]) -> str:
    """English word order: "<place> <modifiers> <noun> of <dependent>", "in <place>"."""
    out: list[str] = []
    state = "start"  # what was written last
    lowered = False  # after "so-called": the body is not official, so no capitals
    index = 0
    while index < len(items):
        item = items[index]
        if item.kind in _NOMINAL or item.kind == "modifier":
            modifiers, head, index = _noun_phrase(items, index)
            words = [*sorted(modifiers, key=lambda modifier: modifier.rank), head]
            name_like = all(word.proper for word in words)
            named = name_like and head.kind == "name"  # a person: Петренко Олена Іванівна
            article = "the " if head.definite and not words[0].proper else ""
            if (state in {"noun", "quote", "number", "close"} and not named) or (
                state == "name" and not name_like
            ):
                out.append(f" of {article}")  # a dependent in the genitive
            elif state == "preposition":
                out.append(f" {article}")
            elif state not in {"start", "open"}:
                out.append(" ")
            out.append(" ".join(_lowered(word) if lowered else word.en for word in words))
            lowered = False
            state = "name" if named else "noun"
            continue
        index += 1
        text = item.en
        if item.kind in {"preposition", "conjunction", "particle", "quote", "number"}:
            out.append(text if state in {"start", "open"} else f" {text}")
            state = item.kind
            lowered = item.kind == "particle"
        elif text in {",", ";", ":"}:
            out.append(text)
            state = "comma"
        elif text in {".", "!", "?"}:
            out.append(text)
        elif text in {"(", "[", "«", "“", '"'}:
            out.append(("" if state == "start" else " ") + ("“" if text in '«“"' else text))
            state = "open"
        elif text in {")", "]", "»", "”"}:
            out.append("”" if text in "»”" else text)
            state = "close"
        else:
            out.append(f" {text} ")  # a dash or another sign
            state = "comma"
    return " ".join("".join(out).split())


def _lowered(word: _Item) -> str:
    """A common word in lower case: "so-called civil registry office (ZAGS)"."""
    return word.en if word.proper else _TITLE_CASE_WORD.sub(lambda m: m[0].lower(), word.en)


def _translate(
    tokens: Sequence[_Token], vocabulary: _Vocabulary, *, quoted: bool
) -> tuple[str, bool]:
    """The English of a name (or of a quoted name inside it), and whether it is a guess."""
    items, guessed = _classify(tokens, vocabulary, quoted=quoted)
    en = _latin(_assemble(_place_phrase_after_noun(items)))
    if not en and not quoted:
        return "?", True  # nothing translatable: the name was only signs
    return en, guessed


def _latin(text: str) -> str:
    """Latin letters only: letters outside Resolution 55's table lose their marks or go."""
    text = text.replace("№", "No.")
    if not _has_cyrillic(text):
        return text
    bare = "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )
    return "".join(ch for ch in transliterate(bare) if not _has_cyrillic(ch))
