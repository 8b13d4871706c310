"""What must be true of a document's person for the document to apply at all.

A document states only what is true of its person. The facts it rests on are derived
from the data (whether a place was occupied on a day, from the place and the official
list; an age, from the birth date), never ticked. Each document names its premises
(`TemplateSpec.premises`): a function of the loaded data that yields a `Refusal` for
every premise that is false, and a `NeedsConfirmation` where the data cannot decide and
a person must answer. The pipeline checks them after the schema, in every route (render,
validate, case documents, packets, jobs): a false premise is a 422
`/problems/not-applicable` naming the person, the fact and the rule, and nothing renders.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from service.errors import DataValidationError, ServiceError, translate_message
from service.i18n import LANGUAGES, N_, Message, gettext, params_in, pgettext
from service.ukrainian import (
    UkrainianDataError,
    format_date_long,
    format_date_numeric,
    transliterate,
)
from service.ukrainian.codifier import Place
from service.ukrainian.occupation import PlaceOnDay


@dataclass(frozen=True)
class Refusal:
    """A premise that is false: whose, what is false (with its parameters), and the rule."""

    person: str  # the path of the person in the data: "child", "patient"
    fact: str  # msgid
    rule: str  # msgid: the rule and where it comes from
    params: dict[str, object] = field(default_factory=dict)
    context: str | None = None  # the person's sex, where the wording depends on it

    def fact_in(self, lang: str, *, named: bool = True) -> str:
        """What is false, in one language; unnamed, the person is called by their role."""
        params = params_in(self.params, lang)
        context = self.context
        if not named:
            role, gender = PERSON_ROLES.get(self.person, PERSON_ROLES["child"])
            params = {**params, **{key: gettext(role, lang) for key in ("child", "patient")}}
            context = gender if context else None  # "Дитина народилася": the noun's gender
        if context:
            return pgettext(context, self.fact, lang, **params)
        return gettext(self.fact, lang, **params)


@dataclass(frozen=True)
class NeedsConfirmation:
    """A fact the data cannot decide: a person must answer at `path`."""

    path: str
    message: Message


# How a fact names its person where no name may be kept (a job's stored results).
PERSON_ROLES = {"child": (N_("The child"), "female"), "patient": (N_("The patient"), "male")}

Finding = Refusal | NeedsConfirmation
Premises = Callable[[Mapping[str, Any]], Iterable[Finding]]


class NotApplicableError(ServiceError):
    """The document's premise is false for its person: it is refused, not rendered."""

    status = 422
    slug = "not-applicable"
    title = N_("The document does not apply")
    detail = N_("This document cannot be made: %(facts)s")

    def __init__(self, template_id: str, refusals: list[Refusal], names: dict[str, str]):
        super().__init__()
        self.template_id = template_id
        self.refusals = refusals
        self.names = names

    def describe(self, lang: str) -> dict[str, str]:
        """Give the title, and a detail that says what is false."""
        facts = " ".join(item.fact_in(lang) for item in self.refusals)
        return {
            "title": gettext(self.title, lang),
            "detail": gettext(self.detail, lang, facts=facts),
        }

    def without_names(self) -> list[dict[str, Any]]:
        """The refusals with the person called by their role: for what is stored in clear."""
        return [
            {
                "person": {"path": item.person},
                "fact": {lang: item.fact_in(lang, named=False) for lang in LANGUAGES},
                "rule": translate_message(item.rule),
            }
            for item in self.refusals
        ]

    def extra_members(self) -> dict[str, Any]:
        """Name, for each false premise, the person, the fact and the rule in every language."""
        return {
            "template": self.template_id,
            "refusals": [
                {
                    "person": {"path": item.person, "name": self.names.get(item.person, "")},
                    "fact": {lang: item.fact_in(lang) for lang in LANGUAGES},
                    "rule": translate_message(item.rule),
                }
                for item in self.refusals
            ],
        }


def check_premises(template_id: str, premises: Premises | None, data: Mapping[str, Any]) -> None:
    """Raise when the data leaves a fact to confirm (422 naming it) or a premise is false."""
    if premises is None:
        return
    findings = list(premises(data))
    confirmations = [item for item in findings if isinstance(item, NeedsConfirmation)]
    if confirmations:
        raise DataValidationError({item.path: [item.message] for item in confirmations})
    refusals = [item for item in findings if isinstance(item, Refusal)]
    if refusals:
        names = {item.person: full_name(data.get(item.person) or {}) for item in refusals}
        raise NotApplicableError(template_id, refusals, names)


def confirmations_in(premises: Premises | None, valid_part: Any) -> dict[str, list[str]]:
    """The facts to confirm that the valid part of data already shows (beside its errors).

    When a schema refuses some fields, what it loaded may still show that a birth place
    needs confirming: said at once, not after the other fields are mended. A premise that
    needs a field the part lacks is skipped.
    """
    if premises is None or not isinstance(valid_part, Mapping):
        return {}
    try:
        findings = list(premises(valid_part))
    except (LookupError, TypeError, AttributeError, ValueError, UkrainianDataError):
        return {}  # the part is too broken to judge; its errors are said already
    return {item.path: [item.message] for item in findings if isinstance(item, NeedsConfirmation)}


def full_name(person: Mapping[str, Any]) -> str:
    """Surname, given name and patronymic, as far as given."""
    parts = (person.get("surname"), person.get("given_name"), person.get("patronymic"))
    return " ".join(part for part in parts if part)


def person_names(person: Mapping[str, Any]) -> dict[str, str]:
    """A person's full name for a message: Ukrainian, and English with the original beside."""
    native = full_name(person)
    return {"uk": native, "en": f"{transliterate(native)} ({native})"}


# --- Occupation, derived ---------------------------------------------------------------


OCCUPATION_TO_CONFIRM = N_(
    "The official list of occupied territories cannot tell whether %(place)s was under"
    " occupation on %(date)s (%(reason)s). Confirm whether it was: occupation_confirmed."
)


def confirm_occupation(path: str, finding: PlaceOnDay) -> NeedsConfirmation:
    """Ask a person to confirm whether a place was occupied on a day (the list cannot tell)."""
    reason = finding.occupation.reason if finding.occupation else None
    return NeedsConfirmation(
        f"{path}.occupation_confirmed",
        Message(
            OCCUPATION_TO_CONFIRM,
            place=place_names(finding.place),
            date=day_in_words(finding.day),
            reason={lang: gettext(reason, lang) if reason else "" for lang in LANGUAGES},
        ),
    )


def place_names(place: Place | None) -> dict[str, str]:
    """A place's settlement (or community), in Ukrainian and English."""
    if place is None:
        return {"uk": "", "en": ""}
    return {"uk": place.line, "en": place.line_en}


def day_in_words(day: date) -> dict[str, str]:
    """A date as each language prints it in a message."""
    return {"uk": format_date_numeric(day), "en": format_date_long(day, "en")}
