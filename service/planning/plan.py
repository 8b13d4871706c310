"""The plan of a case: each person's applicable steps, in a lawful order, as of a day.

Pure: the case's data and the recorded progress in, a `CasePlan` out. Readiness comes
from `check_readiness` (the default loads each step's document data; storage passes a
check that returns stored results, which keeps a plan cheap enough for every GET).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from service.documents.from_case import MOTHER
from service.errors import translate_message
from service.i18n import N_
from service.planning.model import (
    CasePlan,
    MissingField,
    PersonPlan,
    PlanStep,
    StepProgress,
)
from service.planning.outcomes import REFUSED, outcome_overrides
from service.planning.readiness import ReadinessCheck
from service.planning.readiness import check_readiness as default_check_readiness
from service.planning.rules import Due, Facts, Rule, as_date, custody, identity, medical
from service.ukrainian.occupation import occupation_of

# The lawful order: identity first, then custody, then medical; `after` only looks back.
RULES: tuple[Rule, ...] = identity.RULES + custody.RULES + medical.RULES
CHILD_RULES = tuple(rule for rule in RULES if rule.person == "child")
MOTHER_RULES = tuple(rule for rule in RULES if rule.person == "mother")
# A step waited for lets the next one go once it is answered (or not needed).
SETTLED = frozenset({"decided", "done", "not_needed"})
CLOSED = frozenset({"decided", "done", "not_needed"})
PENDING = StepProgress()
FROM_RETURN = N_("Counted from the day the child returned, which came later.")


COUNTRIES_CAME_FROM = {"RU": "russia", "BY": "belarus"}


def born_in_tot(child: Mapping[str, Any]) -> bool | None:
    """Whether the child was born under occupation: False when the data do not say.

    Derived from the birth place and date; None when the official list cannot tell and no
    one confirmed it (the step's document then asks for the confirmation).
    """
    birth_date = as_date(child.get("birth_date"))
    if birth_date is None or not child.get("birth_place"):
        return False
    finding = occupation_of(child["birth_place"], birth_date)
    if finding.status == "undetermined":
        return None if finding.place is not None else False
    return finding.occupied


def came_from(situation: Mapping[str, Any]) -> str | None:
    """Where the child returned from: derived from the place left and the day, else as told.

    A place abroad gives its country; a place of Ukraine occupied on the day left (or
    that the list cannot decide, to be confirmed) gives "tot"; one that was not, nothing.
    """
    left_from = situation.get("left_from")
    left_on = as_date(situation.get("left_on"))
    told: str | None = situation.get("came_from")
    if not left_from:
        return told
    country = left_from.get("country", "UA")
    if country != "UA":
        return COUNTRIES_CAME_FROM.get(country, "third_country")
    if left_on is None:
        return None
    finding = occupation_of(left_from, left_on)
    return "tot" if finding.status in ("occupied", "undetermined") else None


def child_facts(child: Mapping[str, Any], today: date) -> Facts:
    """The facts of a child: the situation, the birth date, and what is derived from them."""
    situation: Mapping[str, Any] = child.get("situation") or {}
    return Facts(
        today=today,
        birth_date=as_date(child.get("birth_date")),
        came_from=came_from(situation),
        born_in_tot=born_in_tot(child),
        documents=frozenset(situation.get("documents") or ()),
        circumstances=frozenset(situation.get("circumstances") or ()),
        with_=situation.get("with", situation.get("with_")),
        health=frozenset(situation.get("health") or ()),
        idp_registered=bool(situation.get("idp_registered")),
        returned_on=as_date(situation.get("returned_on")),
    )


def mother_facts(mother: Mapping[str, Any], today: date) -> Facts:
    """The facts of the mother: whether she is pregnant."""
    return Facts(
        today=today,
        birth_date=as_date(mother.get("birth_date")),
        pregnant=bool(mother.get("pregnant")),
    )


def full_name(person: Mapping[str, Any]) -> str:
    """Surname, given name and patronymic, as far as known."""
    parts = (person.get("surname"), person.get("given_name"), person.get("patronymic"))
    return " ".join(part for part in parts if part)


def due_basis(due: Due, facts: Facts, progress: StepProgress) -> dict[str, str]:
    """Where a deadline comes from, and that it counts from the return when that came later."""
    basis = translate_message(due.basis)
    if not due.counts_from_return(facts, progress):
        return basis
    later = translate_message(FROM_RETURN)
    return {lang: f"{text}. {later[lang]}" for lang, text in basis.items()}


def lets_next_go(progress: StepProgress) -> bool:
    """Whether a step waited for is answered: decided and not refused, done, or not needed."""
    if progress.status not in SETTLED:
        return False
    return not (progress.status == "decided" and (progress.decided or {}).get("outcome") == REFUSED)


def build_person_plan(
    person: str,
    *,
    name: str,
    rules: tuple[Rule, ...],
    facts: Facts,
    case_data: Mapping[str, Any],
    progress: Mapping[str, StepProgress],
    check_readiness: ReadinessCheck,
) -> PersonPlan:
    """The steps of one person: the rules that apply, in order."""
    applying = [rule for rule in rules if rule.applies(facts)]
    planned = {rule.id for rule in applying}
    mine = {rule.id: progress.get(f"{person}.{rule.id}", PENDING) for rule in applying}
    child_id = None if person == MOTHER else person
    steps = []
    for rule in applying:
        step_progress = mine[rule.id]
        after = tuple(rule_id for rule_id in rule.after if rule_id in planned)
        outcomes = outcome_overrides(rule.template, mine)
        missing: tuple[MissingField, ...] = check_readiness(
            rule.template, case_data, child_id, outcomes or None
        )
        due = rule.due.compute(facts, step_progress) if rule.due else None
        steps.append(
            PlanStep(
                key=f"{person}.{rule.id}",
                person=person,
                rule=rule.id,
                template=rule.template,
                family=rule.family,
                reason=translate_message(rule.reason),
                legal_basis=translate_message(rule.legal_basis),
                after=tuple(f"{person}.{rule_id}" for rule_id in after),
                ready=not missing and all(lets_next_go(mine[rule_id]) for rule_id in after),
                missing=missing,
                progress=step_progress,
                due=due,
                due_basis=due_basis(rule.due, facts, step_progress) if rule.due and due else None,
                overdue=due is not None
                and facts.today > due
                and step_progress.status not in CLOSED,
            )
        )
    return PersonPlan(person=person, name=name, steps=tuple(steps))


def build_plan(
    case_data: Mapping[str, Any],
    progress: Mapping[str, StepProgress],
    *,
    today: date,
    check_readiness: ReadinessCheck | None = None,
) -> CasePlan:
    """Build every person's plan of a case as of `today`; progress is keyed by step key."""
    check = check_readiness or default_check_readiness
    people = []
    for index, child in enumerate(case_data.get("children") or ()):
        person = child.get("id") or f"child{index + 1}"
        people.append(
            build_person_plan(
                person,
                name=full_name(child),
                # No situation told yet: no facts, no steps (not even an ID card by age
                # alone, while the documents the child has are unknown).
                rules=CHILD_RULES if child.get("situation") else (),
                facts=child_facts(child, today),
                case_data=case_data,
                progress=progress,
                check_readiness=check,
            )
        )
    mother = case_data.get("mother") or {}
    mother_plan = build_person_plan(
        MOTHER,
        name=full_name(mother),
        rules=MOTHER_RULES,
        facts=mother_facts(mother, today),
        case_data=case_data,
        progress=progress,
        check_readiness=check,
    )
    if mother_plan.steps:
        people.append(mother_plan)
    return CasePlan(today=today, people=tuple(people))
