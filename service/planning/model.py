"""The plan of a case: what each child (and the mother) needs next, as plain values.

INTERFACE shared by the planning rules (service/planning/rules/, plan.py) and by
storage, API, pages and CLI. No Flask, no database here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

StepStatus = Literal["pending", "prepared", "filed", "decided", "done", "not_needed"]
STEP_STATUSES: tuple[StepStatus, ...] = (
    "pending",  # nothing done yet (ready or not)
    "prepared",  # a document of the step's template was issued for the person
    "filed",  # handed in: date, where, reference
    "decided",  # answered: date, number, outcome
    "done",
    "not_needed",  # with a reason
)
# Statuses a step moves through, in order; "not_needed" may be set from any but "done".
STATUS_ORDER: tuple[StepStatus, ...] = ("pending", "prepared", "filed", "decided", "done")


@dataclass(frozen=True)
class MissingField:
    """A field a step's document still lacks, named as the API names it."""

    path: str  # "court", "child.birth_date", "template_data.<template>.court"
    messages: dict[str, str]  # {"uk": ..., "en": ...}


@dataclass(frozen=True)
class StepProgress:
    """What the caseworker recorded of a step (stored; absent: pending)."""

    status: StepStatus = "pending"
    filed: dict[str, Any] | None = None  # {"date": date, "where": str, "reference": str|None}
    decided: dict[str, Any] | None = None  # {"date": date, "number": str|None, "outcome": str, ...}
    not_needed_reason: str | None = None
    document_ids: tuple[str, ...] = ()  # documents issued for this step


@dataclass(frozen=True)
class PlanStep:
    """One step of a person's route: a document to make, and how far it got."""

    key: str  # stable: "<person>.<rule id>", person = child id or "mother"
    person: str  # a child's id, or "mother"
    rule: str  # rule id, e.g. "birth_fact"
    template: str  # template id, e.g. "identity.birth_fact_court_application"
    family: Literal["identity", "medical", "custody"]
    reason: dict[str, str]  # {"uk": ..., "en": ...}
    legal_basis: dict[str, str]  # {"uk": ..., "en": ...}
    after: tuple[str, ...]  # keys of the steps this one waits for
    ready: bool  # its document can be made now (no missing field, nothing to wait for)
    missing: tuple[MissingField, ...]
    progress: StepProgress
    due: date | None  # a deadline the law sets, or None
    due_basis: dict[str, str] | None  # where the deadline comes from {"uk", "en"}
    overdue: bool


@dataclass(frozen=True)
class PersonPlan:
    """The steps of one person, in order."""

    person: str  # child id or "mother"
    name: str  # full name in Ukrainian (never logged)
    steps: tuple[PlanStep, ...] = field(default_factory=tuple)

    def next_step(self) -> PlanStep | None:
        """The first step not done and needed."""
        for step in self.steps:
            if step.progress.status not in ("done", "not_needed"):
                return step
        return None


@dataclass(frozen=True)
class CasePlan:
    """Every person's plan of one case, as of a day."""

    today: date
    people: tuple[PersonPlan, ...]
