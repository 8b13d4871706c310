"""What a reminder says of a step: the case by number, the child by initials, the step's
title and due date. Never a full name, a birth date or anything else of the case.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from service.documents import TemplateNotFoundError, get_template
from service.i18n import N_, gettext
from service.principal import Principal
from service.storage import CaseNotFoundError, Storage
from service.storage.reminders import Deadline, Recipient
from service.ukrainian import transliterate

# The digest looks this far ahead (today and the next 7 days).
DAYS_AHEAD = 7
MOTHER = N_("mother")
CHILD = N_("child")
# A step's status beside it: whether the due date is the caseworker's or an authority's.
STATUS_NOTES = {
    "pending": N_("to do"),
    "prepared": N_("document made"),
    "filed": N_("filed, awaiting the decision"),
}


@dataclass(frozen=True)
class Reminder:
    """One step as a reminder shows it, in one language."""

    uid: str  # stable across days and languages: the calendar event's UID
    case_id: str
    case_number: str
    who: str  # a child's initials, or "mother"
    title: str
    status: str
    due: date
    overdue: bool
    changed_at: datetime


def initials(person: Mapping[str, Any] | None, lang: str) -> str:
    """A child's initials (given name, then surname), in Latin letters in English."""
    if not isinstance(person, Mapping):
        return ""
    letters = []
    for key in ("given_name", "surname"):
        name = str(person.get(key) or "").strip()
        if name:
            first = name[0].upper()
            letters.append((transliterate(first) if lang == "en" else first) + ".")
    return " ".join(letters)


def event_uid(case_id: str, step_key: str) -> str:
    """A step's calendar UID: a hash of its ids (a child's id may be made of a name)."""
    digest = hashlib.sha256(f"{case_id}/{step_key}".encode()).hexdigest()[:32]
    return f"step-{digest}@paperwork"


def step_title(template_id: str, lang: str) -> str:
    """A step's document title in a language (its id if the catalog lacks it)."""
    try:
        return str(get_template(template_id).titles()[lang])
    except (TemplateNotFoundError, KeyError):
        return template_id


def collect_reminders(
    storage: Storage, recipient: Recipient, *, today: date, until: date | None, lang: str
) -> list[Reminder]:
    """The reminders of a person's binding due dates up to a day (None: all), soonest first."""
    deadlines = storage.reminders.deadlines(
        recipient.user_id, recipient.organisation_id, until=until
    )
    principal = Principal(recipient.user_id, recipient.role, recipient.organisation_id)
    children: dict[str, dict[str, str] | None] = {}
    reminders = []
    for deadline in deadlines:
        if deadline.case_id not in children:
            try:
                case = storage.cases.get(deadline.case_id, principal)
            except CaseNotFoundError:  # erased since the query
                children[deadline.case_id] = None
            else:
                children[deadline.case_id] = {
                    str(child.get("id")): initials(child, lang)
                    for child in case.data.get("children") or []
                }
        found = children[deadline.case_id]
        if found is not None:
            reminders.append(build_reminder(deadline, found, today, lang))
    return reminders


def build_reminder(
    deadline: Deadline, initials_by_child: Mapping[str, str], today: date, lang: str
) -> Reminder:
    """A reminder of one deadline, the person named as the language names them."""
    if deadline.person == "mother":
        who = gettext(MOTHER, lang)
    else:
        who = initials_by_child.get(deadline.person) or gettext(CHILD, lang)
    status = STATUS_NOTES.get(deadline.status)
    return Reminder(
        uid=event_uid(deadline.case_id, deadline.step_key),
        case_id=deadline.case_id,
        case_number=deadline.case_number or deadline.case_id[:8],
        who=who,
        title=step_title(deadline.template_id, lang),
        status=gettext(status, lang) if status else deadline.status,
        due=deadline.due,
        overdue=deadline.overdue(today),
        changed_at=deadline.updated_at,
    )
