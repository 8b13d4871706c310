"""Display text for templates: the one place where validated data becomes words.

`build_context` gives a template one `language context` per language of the document
(one for `uk` or `en`, two for `uk-en`). A language context is a plain dict: translated
wording functions (`_`, `p_`, `n_`) and the data already formatted for that language:
dates in words, names declined (Ukrainian) or transliterated (English), places and
organisations spelled out. Templates only print; they never do grammar.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextvars import ContextVar
from datetime import date
from typing import Any, cast

from babel import Locale

from service.i18n import N_, NP_, gettext, ngettext, pgettext
from service.ukrainian import (
    Language,
    decline_full_name,
    format_date_long,
    format_date_numeric,
    parse_phone,
    signature_name,
    transliterate,
)
from service.ukrainian.institutions import derive_institution_forms
from service.ukrainian.occupation import occupation_of
from service.ukrainian.places import (
    region_in_english,
    settlement_in_english,
    street_in_english,
    unit_in_english,
)

LANGUAGE_SETS: dict[str, tuple[str, ...]] = {"uk": ("uk",), "en": ("en",), "uk-en": ("uk", "en")}

IN_UKRAINIAN = N_("(Ukrainian original)")
"""Marks Ukrainian free text printed in the English version, where no translation was given."""

SEX_LABELS = {"male": N_("male"), "female": N_("female")}

LanguageContext = dict[str, Any]


# "I, <name>, am the child's ...": Ukrainian wording depends on the speaker's sex.
RELATION_STATEMENTS = {
    ("mother", "female"): NP_("female", "I, %(applicant)s, am the child's mother."),
    ("father", "male"): NP_("male", "I, %(applicant)s, am the child's father."),
    ("grandparent", "female"): NP_("female", "I, %(applicant)s, am the child's grandmother."),
    ("grandparent", "male"): NP_("male", "I, %(applicant)s, am the child's grandfather."),
    ("adult_sibling", "female"): NP_("female", "I, %(applicant)s, am the child's adult sister."),
    ("adult_sibling", "male"): NP_("male", "I, %(applicant)s, am the child's adult brother."),
    ("aunt_or_uncle", "female"): NP_("female", "I, %(applicant)s, am the child's aunt."),
    ("aunt_or_uncle", "male"): NP_("male", "I, %(applicant)s, am the child's uncle."),
    ("other_relative", "female"): NP_("female", "I, %(applicant)s, am a relative of the child."),
    ("other_relative", "male"): NP_("male", "I, %(applicant)s, am a relative of the child."),
    ("not_related", "female"): NP_("female", "I, %(applicant)s, am not related to the child."),
    ("not_related", "male"): NP_("male", "I, %(applicant)s, am not related to the child."),
    ("guardian", "female"): NP_("female", "I, %(applicant)s, am the child's guardian."),
    ("guardian", "male"): NP_("male", "I, %(applicant)s, am the child's guardian."),
    ("caregiver", "female"): NP_("female", "I, %(applicant)s, am actually raising the child."),
    ("caregiver", "male"): NP_("male", "I, %(applicant)s, am actually raising the child."),
    ("legal_representative", "female"): NP_(
        "female", "I, %(applicant)s, am the child's legal representative."
    ),
    ("legal_representative", "male"): NP_(
        "male", "I, %(applicant)s, am the child's legal representative."
    ),
}


# The same for an application about several children ("I, <name>, am the children's ...").
RELATION_STATEMENTS_CHILDREN = {
    ("mother", "female"): NP_("female", "I, %(applicant)s, am the children's mother."),
    ("father", "male"): NP_("male", "I, %(applicant)s, am the children's father."),
    ("grandparent", "female"): NP_("female", "I, %(applicant)s, am the children's grandmother."),
    ("grandparent", "male"): NP_("male", "I, %(applicant)s, am the children's grandfather."),
    ("adult_sibling", "female"): NP_("female", "I, %(applicant)s, am the children's adult sister."),
    ("adult_sibling", "male"): NP_("male", "I, %(applicant)s, am the children's adult brother."),
    ("aunt_or_uncle", "female"): NP_("female", "I, %(applicant)s, am the children's aunt."),
    ("aunt_or_uncle", "male"): NP_("male", "I, %(applicant)s, am the children's uncle."),
    ("other_relative", "female"): NP_("female", "I, %(applicant)s, am a relative of the children."),
    ("other_relative", "male"): NP_("male", "I, %(applicant)s, am a relative of the children."),
    ("not_related", "female"): NP_("female", "I, %(applicant)s, am not related to the children."),
    ("not_related", "male"): NP_("male", "I, %(applicant)s, am not related to the children."),
    ("guardian", "female"): NP_("female", "I, %(applicant)s, am the children's guardian."),
    ("guardian", "male"): NP_("male", "I, %(applicant)s, am the children's guardian."),
    ("caregiver", "female"): NP_("female", "I, %(applicant)s, am actually raising the children."),
    ("caregiver", "male"): NP_("male", "I, %(applicant)s, am actually raising the children."),
    ("legal_representative", "female"): NP_(
        "female", "I, %(applicant)s, am the children's legal representative."
    ),
    ("legal_representative", "male"): NP_(
        "male", "I, %(applicant)s, am the children's legal representative."
    ),
}


def relation_statement(
    person: Mapping[str, Any], name: str, lang: str, *, children: int = 1
) -> str:
    """ "I, <name>, am the child's mother." in the speaker's grammatical gender.

    With several `children`, about all of them ("the children's mother").
    """
    sex = person["sex"]
    statements = RELATION_STATEMENTS_CHILDREN if children > 1 else RELATION_STATEMENTS
    return pgettext(sex, statements[(person["relation"], sex)], lang, applicant=name)


def build_wording(lang: str) -> LanguageContext:
    """Build the translation functions a template calls: `_`, `p_` (with context), `n_`."""

    def translate(msgid: str, **params: object) -> str:
        return gettext(msgid, lang, **params)

    def translate_in_context(context: str, msgid: str, **params: object) -> str:
        return pgettext(context, msgid, lang, **params)

    def translate_plural(singular: str, plural: str, count: int, **params: object) -> str:
        return ngettext(singular, plural, count, lang, **params)

    return {"lang": lang, "_": translate, "p_": translate_in_context, "n_": translate_plural}


def full_name_uk(person: Mapping[str, Any]) -> str:
    """Join surname, given name and patronymic in the Ukrainian official order."""
    parts = (person["surname"], person["given_name"], person.get("patronymic"))
    return " ".join(part for part in parts if part)


def describe_person(person: Mapping[str, Any] | None, lang: str) -> dict[str, Any] | None:
    """Spell out a person for one language: name in each case, dates, identifiers."""
    if person is None:
        return None
    native = full_name_uk(person)
    sex = person["sex"]
    if lang == "uk":
        names = {
            "name": native,
            "genitive": decline_full_name(
                person["surname"], person["given_name"], person.get("patronymic"), sex, "genitive"
            ),
            "dative": decline_full_name(
                person["surname"], person["given_name"], person.get("patronymic"), sex, "dative"
            ),
            "signature": signature_name(person["given_name"], person["surname"]),
        }
    else:
        latin = transliterate(native)
        names = {
            "name": latin,
            "genitive": latin,
            "dative": latin,
            "signature": transliterate(signature_name(person["given_name"], person["surname"])),
        }
    return {
        **names,
        "native": native,
        "latin": transliterate(native),
        "sex": sex,
        "sex_label": gettext(SEX_LABELS[sex], lang),
        **describe_birth_date(person.get("birth_date"), lang),
        "citizenship": describe_country(person.get("citizenship"), lang),
        "rnokpp": person.get("rnokpp"),
        "unzr": person.get("unzr"),
    }


def describe_birth_date(value: date | None, lang: str) -> dict[str, Any]:
    """Give a birth date in words and digits (None for an official with no birth date)."""
    if value is None:
        return {"birth_date": None, "birth_date_numeric": None}
    dates = format_dates(value, lang)
    return {"birth_date": dates["long"], "birth_date_numeric": dates["numeric"]}


def describe_country(code: str | None, lang: str) -> str | None:
    """Name a country (ISO code) in one language; "stateless" has its own wording."""
    if code is None:
        return None
    if code == "stateless":
        return gettext(N_("stateless person"), lang)
    return str(Locale(lang).territories.get(code, code))


PLACE_PARTS_EN: dict[str, Callable[[str], str]] = {
    "settlement": settlement_in_english,
    "district": unit_in_english,
    "hromada": unit_in_english,
    "raion": unit_in_english,
    "oblast": region_in_english,
    "street": street_in_english,
}


def localize_place_part(text: str | None, lang: str, part: str = "settlement") -> str | None:
    """Print a place part in one language: Ukrainian as typed; English terms translated."""
    if text is None or lang == "uk":
        return text
    return PLACE_PARTS_EN[part](text)


# The day a document speaks of (its render date), for what depends on the day: whether an
# address lies on occupied territory now. Set by `build_context` for one document.
DOCUMENT_DAY: ContextVar[date | None] = ContextVar("document_day", default=None)


def describe_place(
    place: Mapping[str, Any] | None, lang: str, *, on: date | None = None
) -> dict[str, Any] | None:
    """Spell out a place: one line from settlement to country, and the occupation mark.

    Whether the place was under occupation is derived for the day `on` (a birth place's
    birth date), by default the document's day; never read from the data.
    """
    if place is None:
        return None
    parts = [
        localize_place_part(place.get(key), lang, key)
        for key in ("settlement", "district", "hromada", "raion", "oblast")
    ]
    parts.append(describe_country(place.get("country"), lang))
    line = ", ".join(dict.fromkeys(part for part in parts if part))
    occupied = occupation_of(place, on or DOCUMENT_DAY.get() or date.today()).occupied
    occupied_note = (
        gettext(N_("temporarily occupied territory of Ukraine"), lang) if occupied else None
    )
    return {
        "line": line,
        "occupied": occupied,
        "occupied_note": occupied_note,
        "settlement": localize_place_part(place.get("settlement"), lang),
        "katottg": place.get("katottg"),
    }


def describe_address(address: Mapping[str, Any] | None, lang: str) -> dict[str, Any] | None:
    """Spell out a postal address on one line, postal code first, as Ukrainian post expects."""
    if address is None:
        return None
    place = describe_place(address, lang) or {}
    street = ", ".join(
        part
        for part in (
            localize_place_part(address.get("street"), lang, "street"),
            _latin(address.get("building"), lang),
            _apartment(address.get("apartment"), lang),
        )
        if part
    )
    line = ", ".join(part for part in (address.get("postal_code"), street, place["line"]) if part)
    return {**place, "line": line}


def _apartment(apartment: str | None, lang: str) -> str | None:
    if not apartment:
        return None
    return gettext(N_("apt. %(number)s"), lang, number=_latin(apartment, lang))


def _latin(text: str | None, lang: str) -> str | None:
    """A house or flat number ("31-А") in Latin letters for English."""
    return transliterate(text) if text and lang == "en" else text


def describe_organisation(org: Mapping[str, Any] | None, lang: str) -> dict[str, Any] | None:
    """Name an organisation in one language, with its address if known.

    Ukrainian: the name and its dative and genitive, derived unless the data corrects
    them. English: the translated name (or the data's `name_en`) in every case, the
    Ukrainian name kept as `native` for a parenthesis.
    """
    if org is None:
        return None
    forms = derive_institution_forms(org["name"])
    if lang == "uk":
        name = org["name"]
        dative = org.get("name_dative") or forms.dative
        genitive = org.get("name_genitive") or forms.genitive
    else:
        name = dative = genitive = org.get("name_en") or forms.en
    return {
        "name": name,
        "dative": dative,
        "genitive": genitive,
        "native": org["name"],
        "address": describe_address(org.get("address"), lang),
    }


def describe_issuer(issuer: str, lang: str) -> str:
    """Say who issued a document: "issued by <body>" (English with the original) or a code.

    An ID card names its issuing authority by a four-digit code ("2310"), which says
    nothing to a foreign reader as "issued by 2310".
    """
    if lang == "en" and issuer.isdigit():
        return gettext(N_("issuing authority %(code)s"), lang, code=issuer)
    return gettext(N_("issued by %(issuer)s"), lang, issuer=issuer_name(issuer, lang))


def issuer_name(name: str, lang: str) -> str:
    """A body's name as typed for Ukrainian; in English translated, the original beside it."""
    if lang == "uk":
        return name
    return f"{derive_institution_forms(name).en} ({name})"


def describe_series(series: str, lang: str) -> str:
    """A document series for one language: English in Latin letters, the original beside it."""
    if lang == "uk" or series.isascii():
        return series
    return f"{transliterate(series)} ({series})"


def series_and_number(series: str, number: str, lang: str) -> str:
    """A document's series and number: "серія I-ЖС № 123456", "series I-ZhS (І-ЖС) No. 123456"."""
    return gettext(
        N_("series %(series)s No. %(number)s"),
        lang,
        series=describe_series(series, lang),
        number=number,
    )


def identity_document_number(document: Mapping[str, Any], lang: str) -> str:
    """ "паспорт громадянина України серія ВН № 284615"; an ID card: "ID-картка № 000123456"."""
    kind = gettext(ID_DOCUMENT_NAMES[document["kind"]], lang)
    if document.get("series"):
        return gettext(
            N_("%(kind)s series %(series)s No. %(number)s"),
            lang,
            kind=kind,
            series=describe_series(document["series"], lang),
            number=document["number"],
        )
    return gettext(N_("%(kind)s No. %(number)s"), lang, kind=kind, number=document["number"])


def describe_contacts(person: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """Spell out where an adult can be reached: address, phone (foreign marked), e-mail."""
    phone = parse_phone(person["phone"]) if person.get("phone") else None
    return {
        "address": describe_address(person.get("address"), lang),
        "phone": phone.display if phone else None,
        "phone_foreign": bool(phone and phone.foreign),
        "email": person.get("email"),
    }


ID_DOCUMENT_NAMES = {
    "id_card": N_("ID card"),
    "booklet_passport": N_("passport of a citizen of Ukraine"),
    "birth_certificate": N_("birth certificate"),
    "travel_passport": N_("travel passport of a citizen of Ukraine"),
    "foreign_passport": N_("foreign passport"),
    "occupation_birth_certificate": N_(
        "birth certificate issued by the occupying authorities (not recognised by Ukraine)"
    ),
    "other": N_("document"),
}


def describe_identity_document(
    document: Mapping[str, Any] | None, lang: str
) -> dict[str, Any] | None:
    """Spell out an identity document: its kind, series and number, issuer and date of issue."""
    if document is None:
        return None
    number = identity_document_number(document, lang)
    parts = [number]
    if document.get("issued_by"):
        parts.append(describe_issuer(document["issued_by"], lang))
    if document.get("issue_date"):
        parts.append(
            gettext(
                N_("date of issue: %(date)s"),
                lang,
                date=format_dates(document["issue_date"], lang)["long"],
            )
        )
    kind = gettext(ID_DOCUMENT_NAMES[document["kind"]], lang)
    return {"kind": kind, "number": number, "line": ", ".join(parts)}


def describe_signatory(signatory: Mapping[str, Any] | None, lang: str) -> dict[str, Any] | None:
    """Spell out an official who signs: name, signature line and position."""
    if signatory is None:
        return None
    person = describe_person({**signatory, "birth_date": None}, lang) or {}
    position = localize_text(signatory.get("position"), lang)
    return {
        "name": person["name"],
        "genitive": person["genitive"],
        "dative": person["dative"],
        "signature": person["signature"],
        "position": position["text"] if position else "",
    }


def localize_text(text: Mapping[str, str] | None, lang: str) -> dict[str, Any] | None:
    """Pick the free text of one language; English falls back to Ukrainian, marked as such.

    The mark, "(Ukrainian original)", leads the text so a reader knows before reading it.
    """
    if not text:
        return None
    untranslated = lang not in text
    if not untranslated:
        return {"text": text[lang], "paragraphs": text[lang].splitlines(), "untranslated": False}
    mark = gettext(IN_UKRAINIAN, lang)
    paragraphs = text["uk"].splitlines()
    paragraphs[0] = f"{mark} {paragraphs[0]}"
    return {"text": f"{mark} {text['uk']}", "paragraphs": paragraphs, "untranslated": True}


def localize_line(text: Mapping[str, str] | None, lang: str) -> str | None:
    """Free text of one language on one line (None when there is none)."""
    localized = localize_text(text, lang)
    return None if localized is None else str(localized["text"])


def build_context(
    data: Mapping[str, Any],
    lang: str,
    describe: Callable[[Mapping[str, Any], str, date], dict[str, Any]],
    *,
    document: Mapping[str, Any],
    today: date,
) -> dict[str, Any]:
    """Build the whole template context: one language context per language of the document."""
    languages = LANGUAGE_SETS[lang]
    bilingual = len(languages) > 1
    day = DOCUMENT_DAY.set(today)
    try:
        langs = [
            {**build_wording(one), "bilingual": bilingual, **describe(data, one, today)}
            for one in languages
        ]
    finally:
        DOCUMENT_DAY.reset(day)
    return {"langs": langs, "bilingual": bilingual, "lang": lang, "document": dict(document)}


def format_dates(value: date, lang: str) -> dict[str, str]:
    """Give a date in words and as digits; English has words only ("2 July 1988").

    A foreign reader cannot tell 02.07.1988 from 7 February, so an English document
    prints every date in one style, where a Ukrainian one keeps the digits it is used to.
    """
    long = format_date_long(value, as_language(lang))
    return {"long": long, "numeric": long if lang == "en" else format_date_numeric(value)}


def as_language(lang: str) -> Language:
    """Narrow a language code to one the formatting functions know."""
    if lang not in ("uk", "en"):
        raise ValueError(f"unsupported language: {lang}")
    return cast(Language, lang)
