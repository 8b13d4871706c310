"""Deadlines from the facts: a term counts from the later of its event and the child's return.

The boy of the issue: 15, back from Russia on 5 October 2026, 14 since 10 May 2025. Before
the return date was a fact, a term counted from his birthday made him overdue on the day
he came home.
"""

from __future__ import annotations

import copy
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from marshmallow import ValidationError

from service.errors import translate_message
from service.planning.model import MissingField, PersonPlan, StepProgress
from service.planning.plan import FROM_RETURN, RULES, build_person_plan, build_plan, child_facts
from service.planning.rules import Due, Facts, Rule, add_months, birthday
from service.planning.rules.identity import PASSPORT_AGE, fourteen_without_passport
from service.schemas.base import flatten_errors
from service.schemas.case import CaseSchema, load_case_data

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "seed_family.json"
RETURNED = date(2026, 10, 5)
STATUS = "war_affected_status"


def no_missing(*args: Any) -> tuple[MissingField, ...]:
    """A readiness check that finds nothing missing (the deadlines alone are under test)."""
    return ()


def boy(returned_on: str | None = RETURNED.isoformat(), **situation: Any) -> dict[str, Any]:
    """Born in Kyiv on 10 May 2011, deported to Russia, back with his mother."""
    return {
        "id": "boy0000015",
        "surname": "Коваль",
        "given_name": "Максим",
        "sex": "male",
        "birth_date": "2011-05-10",
        "birth_place": {"settlement": "м. Київ"},
        "situation": {
            "came_from": "russia",
            "documents": ["ua_birth_certificate"],
            "circumstances": ["deportation"],
            "with": "parent",
            **({"returned_on": returned_on} if returned_on else {}),
            **situation,
        },
    }


def plan_of(
    child: dict[str, Any], *, today: date, progress: dict[str, StepProgress] | None = None
) -> dict[str, Any]:
    """The child's steps by rule id."""
    plan = build_plan(
        {"children": [child]}, progress or {}, today=today, check_readiness=no_missing
    )
    return {step.rule: step for step in plan.people[0].steps}


def status_basis() -> dict[str, str]:
    """Where the status's term comes from, in both languages."""
    due = next(rule.due for rule in RULES if rule.id == STATUS)
    assert due is not None
    return translate_message(due.basis)


def filed_on(day: date) -> dict[str, StepProgress]:
    """The boy's status application, filed on a day."""
    return {
        f"boy0000015.{STATUS}": StepProgress(status="filed", filed={"date": day, "where": "ССД"})
    }


# --- the boy of 15 ----------------------------------------------------------------------


def test_the_boy_is_overdue_on_nothing_the_day_he_returns() -> None:
    steps = plan_of(boy(), today=RETURNED)
    assert list(steps) == ["id_card", "idp_registration", STATUS]
    assert not any(step.overdue for step in steps.values())


def test_his_id_card_is_due_the_rules_term_after_the_return_which_is_none() -> None:
    # CMU Resolution 302 sets the duty at 14 and no term after it (cmu_302_item3): from
    # the return the ID card is needed, by no date; a year later it is still not overdue.
    for today in (RETURNED, RETURNED + timedelta(days=365)):
        step = plan_of(boy(), today=today)["id_card"]
        assert (step.due, step.due_basis, step.overdue) == (None, None, False)


def test_a_status_application_filed_while_he_was_away_is_due_30_days_after_the_return() -> None:
    progress = filed_on(date(2026, 6, 1))  # his mother applied while he was in Russia
    step = plan_of(boy(), today=RETURNED, progress=progress)[STATUS]
    assert (step.due, step.overdue) == (date(2026, 11, 4), False)
    later = translate_message(FROM_RETURN)
    basis = status_basis()
    assert step.due_basis == {lang: f"{basis[lang]}. {later[lang]}" for lang in ("uk", "en")}
    assert plan_of(boy(), today=date(2026, 11, 4), progress=progress)[STATUS].overdue is False
    assert plan_of(boy(), today=date(2026, 11, 5), progress=progress)[STATUS].overdue is True


def test_an_application_filed_after_the_return_counts_from_its_filing() -> None:
    step = plan_of(boy(), today=RETURNED, progress=filed_on(date(2026, 10, 20)))[STATUS]
    assert step.due == date(2026, 11, 19)
    assert step.due_basis == status_basis()


def test_without_a_return_date_a_term_counts_from_its_event_as_before() -> None:
    step = plan_of(boy(returned_on=None), today=RETURNED, progress=filed_on(date(2026, 6, 1)))
    assert (step[STATUS].due, step[STATUS].overdue) == (date(2026, 7, 1), True)


# --- a term counted from an age ---------------------------------------------------------
# No rule of the plan has a term counted from an age today (the ID card's "month after the
# 14th birthday" had no legal source). The counting is the `Due`'s own, so it is shown on
# such a term: a hypothetical month after the 14th birthday, which is not the law.


def fourteenth_birthday(facts: Facts, progress: StepProgress) -> date | None:
    """The day the child turns 14."""
    return birthday(facts.birth_date, PASSPORT_AGE) if facts.birth_date else None


A_MONTH_AFTER_14 = Rule(
    id="id_card",
    template="identity.id_card_application",
    family="identity",
    person="child",
    applies=fourteen_without_passport,
    reason="test",
    legal_basis="test",
    due=Due(fourteenth_birthday, lambda start: add_months(start, 1), "test: not a legal term"),
)


def by_age(child: dict[str, Any], today: date) -> PersonPlan:
    return build_person_plan(
        child["id"],
        name="",
        rules=(A_MONTH_AFTER_14,),
        facts=child_facts(child, today),
        case_data={"children": [child]},
        progress={},
        check_readiness=no_missing,
    )


def test_an_age_term_counts_from_the_return_when_he_came_back_after_the_birthday() -> None:
    # What the issue saw: without the return, "overdue since 10.06.2025" on his first day.
    before = by_age(boy(returned_on=None), RETURNED).steps[0]
    assert (before.due, before.overdue) == (date(2025, 6, 10), True)
    step = by_age(boy(), RETURNED).steps[0]
    assert (step.due, step.overdue) == (date(2026, 11, 5), False)


def test_a_child_returned_before_the_age_event_counts_from_the_age_event() -> None:
    # Back on 20 August 2026, 14 on 30 November 2026: a month after the birthday.
    girl = boy(returned_on="2026-08-20") | {"id": "girl000014", "birth_date": "2012-11-30"}
    step = by_age(girl, date(2026, 12, 7)).steps[0]
    assert (step.due, step.overdue) == (date(2026, 12, 30), False)
    assert step.due_basis == translate_message("test: not a legal term")


DUE_RULES = [rule for rule in RULES if rule.due is not None]
DAYS = st.dates(min_value=date(2014, 1, 1), max_value=date(2026, 12, 7))


@pytest.mark.parametrize("rule", DUE_RULES, ids=lambda rule: rule.id)
@given(event=DAYS, returned_on=DAYS)
def test_no_rule_is_due_before_the_return(rule: Rule, event: date, returned_on: date) -> None:
    assert rule.due is not None
    facts = Facts(today=returned_on, birth_date=date(2010, 1, 1), returned_on=returned_on)
    progress = StepProgress(status="filed", filed={"date": event, "where": "x"})
    due = rule.due.compute(facts, progress)
    assert due is not None and due >= returned_on
    assert due == rule.due.term(max(event, returned_on))


def test_the_return_sentence_is_translated() -> None:
    texts = translate_message(FROM_RETURN)
    assert texts["en"] == FROM_RETURN and texts["uk"] != FROM_RETURN


# --- the seed's family ------------------------------------------------------------------


def test_the_seed_familys_plan_holds_with_its_return_date() -> None:
    case = json.loads(SEED.read_text(encoding="utf-8"))
    returned = copy.deepcopy(case)
    for child in returned["children"]:
        child["situation"]["returned_on"] = "2026-10-05"
    CaseSchema().load(returned)
    today = date(2026, 12, 7)

    def steps(data: dict[str, Any]) -> dict[str, tuple[str, date | None, bool]]:
        plan = build_plan(data, {}, today=today, check_readiness=no_missing)
        return {
            step.key: (step.template, step.due, step.overdue)
            for person in plan.people
            for step in person.steps
        }

    assert steps(returned) == steps(case)
    plan = build_plan(returned, {}, today=date(2026, 10, 5), check_readiness=no_missing)
    assert not any(step.overdue for person in plan.people for step in person.steps)


# --- the return date, a fact of the case ------------------------------------------------


def case_errors(situation: dict[str, Any], birth_date: str = "2011-05-10") -> dict[str, list[str]]:
    data = {"children": [{"id": "boy0000015", "birth_date": birth_date, "situation": situation}]}
    with pytest.raises(ValidationError) as raised:
        CaseSchema().load(data, partial=True)
    return flatten_errors(raised.value.messages)


PATH = "children.0.situation.returned_on"


@pytest.mark.parametrize(
    ("situation", "message"),
    [
        ({"returned_on": "2999-01-01"}, "The date cannot be in the future."),
        ({"returned_on": "2010-01-01"}, "The date is before the child's birth."),
        (
            {"returned_on": "2026-08-01", "left_on": "2026-08-20"},
            "The child cannot return before leaving: check both dates.",
        ),
        ({"returned_on": "05.10.2026"}, "Not a valid date."),
    ],
)
def test_a_return_date_is_checked(situation: dict[str, Any], message: str) -> None:
    assert case_errors(situation) == {PATH: [message]}


def test_a_return_date_is_reported_with_the_other_errors_of_the_child() -> None:
    data = {
        "children": [
            {
                "id": "boy0000015",
                "birth_date": "2011-05-10",
                "sex": "boy",
                "situation": {"returned_on": "2010-01-01"},
            }
        ]
    }
    with pytest.raises(ValidationError) as raised:
        CaseSchema().load(data, partial=True)
    assert set(flatten_errors(raised.value.messages)) == {"children.0.sex", PATH}


def test_a_return_date_is_kept_with_the_case() -> None:
    data = load_case_data({"children": [boy(left_on="2026-10-05")]})
    assert data["children"][0]["situation"]["returned_on"] == "2026-10-05"
    facts = child_facts(data["children"][0], RETURNED)
    assert facts.returned_on == RETURNED
