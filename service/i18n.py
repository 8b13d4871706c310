"""Message catalogs: every user-facing text, in Ukrainian and English, comes from here.

Messages are marked in code with `N_` (the English text is the msgid) and translated by
the gettext catalogs `service/translations/<lang>/LC_MESSAGES/messages.po`, compiled to
`.mo` by `make`. This module imports no Flask, so the rendering pipeline, the CLI and a
Celery task all translate the same way.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from pathlib import Path

from babel.support import NullTranslations, Translations

TRANSLATIONS_DIR = Path(__file__).parent / "translations"
LANGUAGES = ("uk", "en")
DEFAULT_LANGUAGE = "uk"

_BRACE_FIELD = re.compile(r"\\\{(\w+)\\\}")


class MissingCatalogError(RuntimeError):
    """The compiled catalog of a language is missing: run `make messages`."""


def N_(msgid: str) -> str:  # noqa: N802 - gettext's convention for "mark now, translate later"
    """Mark a message for extraction; it is translated where it is shown."""
    return msgid


def NP_(context: str, msgid: str) -> str:  # noqa: N802 - gettext's convention, with context
    """Mark a message whose wording depends on a context (e.g. the person's sex)."""
    return msgid


def NN_(singular: str, plural: str) -> tuple[str, str]:  # noqa: N802 - gettext's convention
    """Mark a message with plural forms; it is translated with `ngettext` where shown."""
    return singular, plural


class Message(str):
    """A msgid that carries its parameters to where it is translated (a field's error).

    A parameter may differ by language: give it as {"uk": ..., "en": ...}.
    """

    params: dict[str, object]

    def __new__(cls, msgid: str, **params: object) -> Message:
        """Make the message; `params` fill its %(named)s placeholders when translated."""
        message = super().__new__(cls, msgid)
        message.params = params
        return message

    def params_in(self, lang: str) -> dict[str, object]:
        """The parameters for one language."""
        return params_in(self.params, lang)


def params_in(params: Mapping[str, object], lang: str) -> dict[str, object]:
    """Parameters for one language: a {"uk": ..., "en": ...} value gives that language's."""
    return {
        name: value[lang] if isinstance(value, dict) and lang in value else value
        for name, value in params.items()
    }


@functools.cache
def load_translations(lang: str) -> NullTranslations:
    """Load the compiled catalog of one language (once per process)."""
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language: {lang}")
    if not (TRANSLATIONS_DIR / lang / "LC_MESSAGES" / "messages.mo").exists():
        raise MissingCatalogError(f"no compiled catalog for {lang}: run `make messages`")
    return Translations.load(str(TRANSLATIONS_DIR), [lang], domain="messages")


@functools.cache
def _brace_patterns(lang: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """Msgids with {name} fields (marshmallow formats those before we see them)."""
    catalog = getattr(load_translations(lang), "_catalog", {})
    patterns = []
    for msgid in catalog:
        if isinstance(msgid, str) and "{" in msgid:
            regex = _BRACE_FIELD.sub(r"(?P<\1>.+?)", re.escape(msgid))
            patterns.append((re.compile(f"^{regex}$"), msgid))
    return tuple(patterns)


def gettext(msgid: str, lang: str, **params: object) -> str:
    """Translate one message into `lang`, then fill its %(named)s parameters."""
    translations = load_translations(lang)
    text = translations.gettext(msgid)
    if text == msgid and "{" not in msgid:
        for pattern, template in _brace_patterns(lang):
            if match := pattern.match(msgid):
                return translations.gettext(template).format(**match.groupdict())
    return text % params if params else text


def pgettext(context: str, msgid: str, lang: str, **params: object) -> str:
    """Translate a message whose wording depends on a context (e.g. the person's sex)."""
    text = str(load_translations(lang).pgettext(context, msgid))
    return text % params if params else text


def ngettext(singular: str, plural: str, count: int, lang: str, **params: object) -> str:
    """Translate a message with plural forms (Ukrainian has one, few, many and other)."""
    text = load_translations(lang).ngettext(singular, plural, count)
    return text % {"n": count, **params}
