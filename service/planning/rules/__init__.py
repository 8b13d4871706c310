"""Rules from the facts of a return to documents: one small module per family.

A rule is data: which template, for whom, when it applies (a small named function of
the person's `Facts`), why (a msgid), on what legal basis (a msgid), which rules it waits
for, and the deadline the law sets, if any. `plan.RULES` lists them in the lawful order:
identity first, then custody, then medical; a rule only waits for rules before it.

A deadline is a term counted from an event (a birthday, a filing). No term runs while the
child is away: it counts from the later of the event and the child's return, so a child
is never overdue on the day of coming back.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from service.planning.model import StepProgress
from service.ukrainian import age_on

Family = Literal["identity", "medical", "custody"]
Person = Literal["child", "mother"]


@dataclass(frozen=True)
class Facts:
    """What the rules know of one person on the plan's day."""

    today: date
    birth_date: date | None = None
    came_from: str | None = None  # tot, russia, belarus, third_country: derived where it can be
    born_in_tot: bool | None = False  # None: the official list cannot tell; a person confirms
    documents: frozenset[str] = frozenset()
    circumstances: frozenset[str] = frozenset()
    with_: str | None = None
    health: frozenset[str] = frozenset()
    idp_registered: bool = False
    pregnant: bool = False
    returned_on: date | None = None  # the day the child came back to Ukraine, when told

    @property
    def age(self) -> int | None:
        """Full years on the plan's day, or None without a birth date."""
        if self.birth_date is None or self.birth_date > self.today:
            return None
        return age_on(self.birth_date, self.today)


@dataclass(frozen=True)
class Due:
    """A deadline the law sets: a term counted from an event, or from the return when later."""

    event: Callable[[Facts, StepProgress], date | None]  # the day the term counts from
    term: Callable[[date], date]  # the last day of the term counted from a day
    basis: str  # msgid: where the term comes from

    def start(self, facts: Facts, progress: StepProgress) -> date | None:
        """The day the term counts from: the rule's event, or the child's return if later."""
        event = self.event(facts, progress)
        if event is None or facts.returned_on is None:
            return event
        return max(event, facts.returned_on)

    def counts_from_return(self, facts: Facts, progress: StepProgress) -> bool:
        """Whether the return, coming after the rule's event, is what the term counts from."""
        event = self.event(facts, progress)
        return event is not None and facts.returned_on is not None and event < facts.returned_on

    def compute(self, facts: Facts, progress: StepProgress) -> date | None:
        """The due date, or None while the event has not happened (nothing to count from)."""
        start = self.start(facts, progress)
        return self.term(start) if start is not None else None


@dataclass(frozen=True)
class Rule:
    """From facts to one document of one person."""

    id: str
    template: str
    family: Family
    person: Person
    applies: Callable[[Facts], bool]
    reason: str  # msgid
    legal_basis: str  # msgid
    after: tuple[str, ...] = ()  # rule ids this step waits for, when they are planned
    due: Due | None = None


def as_date(value: Any) -> date | None:
    """A date from a date or an ISO string (stored progress is JSON), else None."""
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the month's last day when it lacks that day (CC 254)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def birthday(birth_date: date, years: int) -> date:
    """The day a person born on `birth_date` turns `years` (29 February: 28 February)."""
    year = birth_date.year + years
    last = calendar.monthrange(year, birth_date.month)[1]
    return date(year, birth_date.month, min(birth_date.day, last))


def progress_date(progress: StepProgress, stage: str) -> date | None:
    """The date recorded for a stage ("filed" or "decided") of a step."""
    recorded: Mapping[str, Any] | None = getattr(progress, stage)
    return as_date(recorded.get("date")) if recorded else None
