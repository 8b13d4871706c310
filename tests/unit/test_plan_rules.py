"""The plan of a case: each rule (applies, does not, the 14th birthday), order, readiness, seed."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from marshmallow import ValidationError

from service.documents import get_template
from service.documents.from_case import build_template_data
from service.errors import translate_message
from service.planning.model import CasePlan, MissingField, PersonPlan, StepProgress
from service.planning.plan import RULES, build_plan
from service.planning.readiness import build_step_data, check_readiness
from service.schemas.base import flatten_errors
from service.schemas.case import CaseSchema
from service.schemas.situation import SITUATION_CHOICES, SITUATION_FIELDS, SituationSchema

TODAY = date(2026, 12, 7)
SEED = Path(__file__).resolve().parent.parent / "fixtures" / "seed_family.json"


def no_missing(*args: Any) -> tuple[MissingField, ...]:
    """A readiness check that finds nothing missing (the rules alone are under test)."""
    return ()


DONETSK = {"settlement": "м. Донецьк"}  # occupied from 07.04.2014 (service/ukrainian/data)
KYIV = {"settlement": "м. Київ"}  # never occupied


def child(situation: dict[str, Any], *, birth_date: str = "2016-03-14", **extra: Any) -> dict:
    """A child born in Donetsk (under occupation from 2014), or in Kyiv.

    Occupation is derived from the birth place and date, never told: `born_in_tot` in a
    test's situation picks the birth place (True: Donetsk, False: Kyiv) and is not passed.
    """
    situation = dict(situation)
    born_in_tot = situation.pop("born_in_tot", True)
    if situation.get("came_from") == "tot":  # derived: left Donetsk in August 2026
        situation.pop("came_from")
        situation.update(left_from=DONETSK, left_on="2026-08-20")
    return {
        "id": "child00001",
        "surname": "Петренко",
        "given_name": "Андрій",
        "sex": "male",
        "birth_date": birth_date,
        "birth_place": DONETSK if born_in_tot else KYIV,
        "situation": situation or {"documents": []},
        **extra,
    }


def plan_of(
    situation: dict[str, Any],
    *,
    today: date = TODAY,
    progress: dict[str, StepProgress] | None = None,
    **child_fields: Any,
) -> PersonPlan:
    case = {"children": [child(situation, **child_fields)]}
    plan = build_plan(case, progress or {}, today=today, check_readiness=no_missing)
    return plan.people[0]


def rules_of(situation: dict[str, Any], **kwargs: Any) -> list[str]:
    return [step.rule for step in plan_of(situation, **kwargs).steps]


# --- identity ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("documents", "expected"),
    [
        (["occupation_birth_certificate"], ["birth_fact", "birth_registration"]),
        ([], ["birth_fact", "birth_registration"]),
        (["medical_birth_record"], ["birth_fact", "birth_registration"]),  # issued on the TOT
        (["ua_birth_certificate", "occupation_birth_certificate"], []),
    ],
)
def test_born_in_tot_without_a_ukrainian_certificate_goes_to_court_then_registry(
    documents: list[str], expected: list[str]
) -> None:
    assert rules_of({"born_in_tot": True, "documents": documents}) == expected


def test_born_elsewhere_with_a_medical_record_is_registered_without_a_court() -> None:
    steps = plan_of({"born_in_tot": False, "documents": ["medical_birth_record"]}).steps
    assert [step.rule for step in steps] == ["birth_registration"]
    assert steps[0].after == ()


def test_born_elsewhere_without_any_record_plans_no_registration() -> None:
    assert rules_of({"born_in_tot": False, "documents": []}) == []


def test_a_birth_in_donetsk_in_2016_is_derived_as_under_occupation() -> None:
    assert rules_of({"documents": ["occupation_birth_certificate"]})[:1] == ["birth_fact"]


def test_a_birth_in_donetsk_before_the_occupation_goes_to_no_court() -> None:
    situation = {"documents": ["ua_birth_certificate"]}
    assert "birth_fact" not in rules_of(situation, birth_date="2011-03-14")
    assert "birth_fact" not in rules_of({"documents": []}, birth_date="2011-03-14")


def test_a_birth_the_list_cannot_decide_is_planned_for_the_court_with_a_question() -> None:
    """Mariupol between 4 March and 21 May 2022: the editions of the list disagree."""
    case = {
        "children": [
            {
                **child({"documents": []}, birth_date="2022-04-10"),
                "birth_place": {"katottg": "UA14140050010029262"},
            }
        ]
    }
    steps = build_plan(case, {}, today=TODAY).people[0].steps
    assert steps[0].rule == "birth_fact"
    assert "child.birth_place.occupation_confirmed" in {item.path for item in steps[0].missing}


def test_the_birth_registration_waits_for_the_court() -> None:
    steps = {step.rule: step for step in plan_of({"born_in_tot": True}).steps}
    assert steps["birth_fact"].after == ()
    assert steps["birth_registration"].after == ("child00001.birth_fact",)
    assert steps["birth_fact"].ready and not steps["birth_registration"].ready
    assert steps["birth_fact"].due is None  # heard without delay: no fixed date


@pytest.mark.parametrize(
    ("today", "applies"),
    [
        (date(2026, 3, 13), False),  # the day before the 14th birthday
        (date(2026, 3, 14), True),  # the 14th birthday
        (date(2030, 3, 13), True),  # the last day at 17
        (date(2030, 3, 14), False),  # 18: applies alone, not with this form
    ],
)
def test_the_id_card_from_the_day_the_child_turns_14(today: date, applies: bool) -> None:
    situation = {"born_in_tot": False, "documents": ["ua_birth_certificate"]}
    assert ("id_card" in rules_of(situation, birth_date="2012-03-14", today=today)) is applies


@pytest.mark.parametrize("document", ["ua_id_card", "ua_passport"])
def test_a_child_with_a_ukrainian_passport_needs_no_id_card(document: str) -> None:
    situation = {"documents": ["ua_birth_certificate", document]}
    assert "id_card" not in rules_of(situation, birth_date="2010-01-01")


def test_a_foreign_passport_is_no_ukrainian_passport() -> None:
    situation = {"documents": ["ua_birth_certificate", "foreign_passport"]}
    assert "id_card" in rules_of(situation, birth_date="2010-01-01")


@pytest.mark.parametrize("birth_date", ["2012-12-07", "2012-01-31", "2012-02-29", "2010-01-01"])
def test_the_id_card_has_no_due_date(birth_date: str) -> None:
    # The duty runs from the 14th birthday; no term after it was found in the Procedure
    # (docs/legal/identity.id_card_application.toml, cmu_302_item3): the former "one month
    # after the 14th birthday" had no legal source, so the step is never due nor overdue.
    step = plan_of(
        {"documents": ["ua_birth_certificate"]}, birth_date=birth_date, today=date(2027, 1, 1)
    ).steps[0]
    assert step.rule == "id_card"
    assert (step.due, step.due_basis, step.overdue) == (None, None, False)


def test_an_id_card_is_not_overdue_even_when_filed_long_after_the_14th_birthday() -> None:
    situation = {"documents": ["ua_birth_certificate"]}
    kwargs: dict[str, Any] = {"birth_date": "2010-10-01", "today": date(2026, 11, 2)}
    assert not plan_of(situation, **kwargs).steps[0].overdue
    filed = StepProgress(status="filed", filed={"date": "2026-10-20", "where": "ЦНАП"})
    progress = {"child00001.id_card": filed}
    assert not plan_of(situation, progress=progress, **kwargs).steps[0].overdue


def test_the_id_card_waits_for_the_registration_only_when_there_is_one() -> None:
    # Born under occupation in 2015, 14 in 2029: no child born there is 14 before 2028.
    born_in_tot = plan_of(
        {"born_in_tot": True}, birth_date="2015-01-01", today=date(2029, 6, 1)
    ).steps
    assert [step.rule for step in born_in_tot] == ["birth_fact", "birth_registration", "id_card"]
    assert born_in_tot[2].after == ("child00001.birth_registration",)
    registered = plan_of({"documents": ["ua_birth_certificate"]}, birth_date="2011-01-01")
    assert registered.steps[0].after == ()


@pytest.mark.parametrize(
    ("came_from", "registered", "applies"),
    [
        ("tot", False, True),
        ("russia", False, True),
        ("belarus", False, True),
        ("third_country", False, False),
        (None, False, False),
        ("tot", True, False),
    ],
)
def test_idp_registration_after_coming_from_occupation(
    came_from: str | None, registered: bool, applies: bool
) -> None:
    situation = {
        "came_from": came_from,
        "idp_registered": registered,
        "documents": ["ua_birth_certificate"],
    }
    assert ("idp_registration" in rules_of(situation)) is applies


def test_idp_registration_waits_for_the_birth_registration() -> None:
    steps = {step.rule: step for step in plan_of({"born_in_tot": True, "came_from": "tot"}).steps}
    assert steps["idp_registration"].after == ("child00001.birth_registration",)


# --- custody ----------------------------------------------------------------------------

STATUS_GROUNDS = [
    "deportation",
    "forced_displacement",
    "abduction",
    "captivity",
    "violence",
    "injury",
    "parent_dead_or_missing",
    "without_parental_care",
    "armed_formations",
]


@pytest.mark.parametrize("circumstance", STATUS_GROUNDS)
def test_war_affected_status_for_each_ground_of_article_30_1(circumstance: str) -> None:
    situation = {"documents": ["ua_birth_certificate"], "circumstances": [circumstance]}
    assert "war_affected_status" in rules_of(situation)


def test_a_parents_captivity_alone_is_no_ground_of_the_status() -> None:
    situation = {"documents": ["ua_birth_certificate"], "circumstances": ["parent_in_captivity"]}
    assert "war_affected_status" not in rules_of(situation)


def test_the_status_is_due_30_days_after_filing_and_overdue_after() -> None:
    situation = {"documents": ["ua_birth_certificate"], "circumstances": ["deportation"]}
    assert plan_of(situation).steps[0].due is None  # not filed: no term runs yet
    filed = StepProgress(status="filed", filed={"date": date(2026, 11, 1), "where": "ССД"})
    progress = {"child00001.war_affected_status": filed}
    step = plan_of(situation, progress=progress, today=date(2026, 12, 1)).steps[0]
    assert (step.due, step.overdue) == (date(2026, 12, 1), False)
    step = plan_of(situation, progress=progress, today=date(2026, 12, 2)).steps[0]
    assert step.overdue
    # The term is an estimate (the Procedure's own term could not be read): said so.
    assert step.due_basis == translate_message(
        "An estimate: the children's service is expected to decide within about 30 days of the"
        " application (reported practice; the term of the Procedure approved by CMU Resolution"
        " 268 was not confirmed)"
    )


@pytest.mark.parametrize(
    ("with_", "handover"),
    [("relative", True), ("other_adult", True), ("alone", True), ("parent", False), (None, False)],
)
def test_handover_when_no_parent_brought_the_child(with_: str | None, handover: bool) -> None:
    situation = {"documents": ["ua_birth_certificate"], "with": with_}
    assert ("handover" in rules_of(situation)) is handover


@pytest.mark.parametrize(
    ("circumstances", "with_", "guardianship"),
    [
        (["without_parental_care"], "relative", True),
        (["parent_dead_or_missing"], "alone", True),
        (["parent_dead_or_missing"], "other_adult", True),
        (["parent_dead_or_missing"], "parent", False),  # the other parent cares
        (["deportation"], "relative", False),
        (["without_parental_care"], None, False),
    ],
)
def test_guardianship_where_parental_care_is_lost(
    circumstances: list[str], with_: str | None, guardianship: bool
) -> None:
    situation = {
        "documents": ["ua_birth_certificate"],
        "circumstances": circumstances,
        "with": with_,
    }
    assert ("guardianship" in rules_of(situation)) is guardianship


# --- medical ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("need", "rule"),
    [
        ("missed_vaccinations", "catch_up_vaccination"),
        ("psychological_support", "psychological_support"),
        ("medical_care", "medical_referral"),
    ],
)
def test_each_health_need_gives_its_referral(need: str, rule: str) -> None:
    assert rules_of({"documents": ["ua_birth_certificate"], "health": [need]}) == [rule]


def test_psychological_support_follows_the_status_decision_when_there_is_one() -> None:
    situation = {
        "documents": ["ua_birth_certificate"],
        "circumstances": ["deportation"],
        "health": ["psychological_support"],
    }
    steps = {step.rule: step for step in plan_of(situation).steps}
    assert steps["psychological_support"].after == ("child00001.war_affected_status",)
    assert not steps["psychological_support"].ready
    alone = plan_of({"health": ["psychological_support"], "documents": []}).steps
    assert alone[0].after == ()


def mother_plan(mother: dict[str, Any]) -> CasePlan:
    case = {"children": [child({"documents": ["ua_birth_certificate"]})], "mother": mother}
    return build_plan(case, {}, today=TODAY, check_readiness=no_missing)


def test_a_pregnant_mother_gets_prenatal_care_as_her_own_person() -> None:
    plan = mother_plan({"surname": "Петренко", "given_name": "Оксана", "pregnant": True})
    mother = plan.people[-1]
    assert (mother.person, mother.name) == ("mother", "Петренко Оксана")
    assert [(step.key, step.template) for step in mother.steps] == [
        ("mother.prenatal_care", "medical.prenatal_care_referral")
    ]


@pytest.mark.parametrize("mother", [{"pregnant": False}, {"surname": "Петренко"}, {}])
def test_no_pregnancy_no_plan_for_the_mother(mother: dict[str, Any]) -> None:
    assert [person.person for person in mother_plan(mother).people] == ["child00001"]


def test_no_rule_plans_the_accompanying_adult_consent() -> None:
    assert "custody.accompanying_adult_consent" not in {rule.template for rule in RULES}


# --- order, waiting, the rules as data --------------------------------------------------

EVERYTHING = {
    "came_from": "russia",
    "born_in_tot": True,
    "documents": ["occupation_birth_certificate"],
    "circumstances": ["deportation", "without_parental_care"],
    "with": "relative",
    "health": ["missed_vaccinations", "psychological_support", "medical_care"],
}


def test_a_child_needing_everything_goes_identity_custody_medical() -> None:
    steps = plan_of(EVERYTHING, birth_date="2015-05-05", today=date(2029, 6, 1)).steps
    assert [step.rule for step in steps] == [
        "birth_fact",
        "birth_registration",
        "id_card",
        "idp_registration",
        "war_affected_status",
        "handover",
        "guardianship",
        "catch_up_vaccination",
        "psychological_support",
        "medical_referral",
    ]
    assert [step.family for step in steps] == ["identity"] * 4 + ["custody"] * 3 + ["medical"] * 3
    keys = [step.key for step in steps]
    for step in steps:  # a step waits only for steps before it
        assert all(keys.index(key) < keys.index(step.key) for key in step.after)


@pytest.mark.parametrize(
    ("court", "ready"),
    [
        (StepProgress(), False),
        (StepProgress(status="filed", filed={"date": "2026-11-02"}), False),
        (
            StepProgress(status="decided", decided={"date": "2026-11-20", "outcome": "granted"}),
            True,
        ),
        (
            StepProgress(status="decided", decided={"date": "2026-11-20", "outcome": "refused"}),
            False,
        ),
        (StepProgress(status="done"), True),
        (StepProgress(status="not_needed", not_needed_reason="decided abroad"), True),
    ],
)
def test_a_step_is_ready_once_what_it_waits_for_is_answered(
    court: StepProgress, ready: bool
) -> None:
    progress = {"child00001.birth_fact": court}
    steps = {step.rule: step for step in plan_of({"born_in_tot": True}, progress=progress).steps}
    assert steps["birth_registration"].ready is ready
    assert steps["birth_fact"].progress == court


def test_rules_are_data_a_reviewer_can_check() -> None:
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids))
    for index, rule in enumerate(RULES):
        assert get_template(rule.template).id == rule.template
        assert rule.template.split(".")[0] == rule.family
        assert set(rule.after) <= set(ids[:index]), rule.id  # waits only for earlier rules
        for msgid in (rule.reason, rule.legal_basis, *((rule.due.basis,) if rule.due else ())):
            texts = translate_message(msgid)
            assert texts["en"] == msgid and texts["uk"] != msgid, msgid


def test_the_situations_choices_have_labels_and_hints_in_both_languages() -> None:
    schema = SituationSchema()
    for name, field in schema.fields.items():
        key = field.data_key or name
        if field.metadata.get("deprecated") or key in ("left_from", "left_on", "returned_on"):
            continue  # places and dates, labelled by the form (tests/web/test_return_date.py)
        assert key in SITUATION_FIELDS
        enum = (getattr(field, "inner", None) or field).metadata.get("enum")
        if enum is not None:
            assert list(SITUATION_CHOICES[key]) == enum
    for choices in SITUATION_CHOICES.values():
        for label, hint in choices.values():
            for msgid in (label, hint):
                assert translate_message(msgid)["uk"] != msgid, msgid


# --- the case schema: situation and pregnancy -------------------------------------------


def case_errors(data: dict[str, Any]) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as raised:
        CaseSchema().load(data, partial=True)
    return flatten_errors(raised.value.messages)


@pytest.mark.parametrize(
    ("situation", "path"),
    [
        ({"came_from": "crimea"}, "children.0.situation.came_from"),
        ({"documents": ["russian_passport"]}, "children.0.situation.documents.0"),
        ({"circumstances": ["war"]}, "children.0.situation.circumstances.0"),
        ({"with": "grandmother"}, "children.0.situation.with"),
        ({"health": ["dentist"]}, "children.0.situation.health.0"),
        ({"documents": ["ua_id_card", "ua_id_card"]}, "children.0.situation.documents"),
        ({"born_in_tot": "maybe"}, "children.0.situation.born_in_tot"),
        ({"unknown": True}, "children.0.situation.unknown"),
    ],
)
def test_unknown_situation_values_are_named(situation: dict[str, Any], path: str) -> None:
    errors = case_errors({"children": [{"id": "child00001", "situation": situation}]})
    assert list(errors) == [path]


def test_a_due_date_belongs_to_a_pregnancy() -> None:
    errors = case_errors({"mother": {"pregnant": False, "expected_due_date": "2027-03-01"}})
    assert errors == {
        "mother.expected_due_date": ["An expected due date is given only for a pregnant woman."]
    }


def test_documents_made_from_a_case_never_see_the_situation_or_pregnancy() -> None:
    case = json.loads(SEED.read_text(encoding="utf-8"))
    spec = get_template("identity.birth_fact_court_application")
    data = build_template_data(spec, case, "sofiia0009", None)
    assert "situation" not in data["child"]
    assert set(data["mother"]) >= {"surname", "birth_date"}
    assert not {"pregnant", "expected_due_date"} & set(data["mother"])
    prenatal = build_step_data("medical.prenatal_care_referral", case, None, None)
    assert "pregnant" not in prenatal["patient"]


# --- readiness with the default check, on real examples --------------------------------


def example(template_id: str) -> dict[str, Any]:
    return copy.deepcopy(get_template(template_id).load_example())


def case_from_example(template_id: str, situation: dict[str, Any]) -> dict[str, Any]:
    """A case holding a template's example: people in the case, the rest as template_data.

    `born_in_tot` False in the situation moves the child's birth to Kyiv (it is derived).
    """
    data = example(template_id)
    people = {"applicant", "mother", "father", "legal_representative"}
    case: dict[str, Any] = {key: data.pop(key) for key in people & set(data)}
    situation = dict(situation)
    born = data.pop("child")
    if situation.pop("born_in_tot", True) is False:
        born["birth_place"] = KYIV
    case["children"] = [{**born, "id": "child00001", "situation": situation}]
    case["template_data"] = {template_id: data}
    return case


BIRTH_REGISTRATION = "identity.birth_registration_application"


def test_a_complete_example_is_ready_and_a_gap_is_named_in_both_languages() -> None:
    case = case_from_example(BIRTH_REGISTRATION, {"born_in_tot": False})
    assert check_readiness(BIRTH_REGISTRATION, case, "child00001", None) == ()
    del case["children"][0]["birth_date"]
    del case["template_data"][BIRTH_REGISTRATION]["registry_office"]
    missing = {
        item.path: item.messages
        for item in check_readiness(BIRTH_REGISTRATION, case, "child00001", None)
    }
    required = {"uk": "Обов’язкове поле не заповнено.", "en": "Missing data for required field."}
    assert missing == {"child.birth_date": required, "registry_office": required}


def test_the_plan_shows_what_each_step_lacks_with_the_default_check() -> None:
    case = case_from_example(BIRTH_REGISTRATION, {"born_in_tot": True, "documents": []})
    del case["template_data"][BIRTH_REGISTRATION]["court_decision"]
    plan = build_plan(case, {}, today=TODAY)
    steps = {step.rule: step for step in plan.people[0].steps}
    assert {item.path for item in steps["birth_fact"].missing} == {
        "court",
        "interested_party",
        "evidence",
    }
    registration = steps["birth_registration"]
    assert not registration.ready
    assert [item.path for item in registration.missing] == ["court_decision"]
    assert registration.missing[0].messages["uk"] != registration.missing[0].messages["en"]


def test_the_court_decision_makes_the_registration_ready() -> None:
    case = case_from_example(BIRTH_REGISTRATION, {"born_in_tot": True, "documents": []})
    decision = case["template_data"][BIRTH_REGISTRATION].pop("court_decision")
    court = StepProgress(
        status="decided",
        filed={"date": "2026-11-02", "where": "суд"},
        decided={
            "date": decision["decision_date"],
            "outcome": "granted",
            "court": decision["court"],
            "case_number": decision["case_number"],
        },
    )
    plan = build_plan(case, {"child00001.birth_fact": court}, today=TODAY)
    registration = {step.rule: step for step in plan.people[0].steps}["birth_registration"]
    assert registration.missing == ()
    assert registration.ready


def test_the_mother_is_the_patient_of_her_prenatal_referral() -> None:
    data = example("medical.prenatal_care_referral")
    patient = data.pop("patient")  # a minor: her own representative stays in template_data
    due = data.pop("expected_due_date")
    case = {
        "children": [child({"documents": ["ua_birth_certificate"]})],
        "mother": {**patient, "pregnant": True, "expected_due_date": due},
        "legal_representative": {"surname": "Інша", "relation": "guardian"},  # the child's
        "template_data": {"medical.prenatal_care_referral": data},
    }
    built = build_step_data("medical.prenatal_care_referral", case, None, None)
    assert built["patient"]["surname"] == patient["surname"]
    assert built["expected_due_date"] == due
    assert built["legal_representative"] == data["legal_representative"]  # not the child's
    without = copy.deepcopy(case)
    del without["template_data"]["medical.prenatal_care_referral"]["legal_representative"]
    built = build_step_data("medical.prenatal_care_referral", without, None, None)
    assert "legal_representative" not in built  # the children's representative is not hers
    plan = build_plan(case, {}, today=TODAY)
    prenatal = plan.people[-1].steps[0]
    assert (prenatal.key, prenatal.missing, prenatal.ready) == ("mother.prenatal_care", (), True)


# --- the seed's family ------------------------------------------------------------------


def test_the_seed_family_is_a_valid_case() -> None:
    case = json.loads(SEED.read_text(encoding="utf-8"))
    loaded = CaseSchema().load(case)
    assert len(loaded["children"]) == 11
    ages = [TODAY.year - c["birth_date"].year - 1 for c in loaded["children"]]
    assert min(ages) >= 1 and max(ages) <= 17


def test_the_seed_familys_plan() -> None:
    case = json.loads(SEED.read_text(encoding="utf-8"))
    plan = build_plan(case, {}, today=TODAY)
    routes = {person.person: [step.rule for step in person.steps] for person in plan.people}
    court_route = ["birth_fact", "birth_registration", "idp_registration"]
    assert routes == {
        "olena0017": ["id_card", "idp_registration", "war_affected_status"],
        "maksym0016": [
            "id_card",
            "idp_registration",
            "war_affected_status",
            "catch_up_vaccination",
        ],
        "daryna0014": ["id_card", "idp_registration"],
        "ivan000011": ["idp_registration", "psychological_support"],
        "sofiia0009": [*court_route, "catch_up_vaccination"],
        "artem00008": [*court_route, "war_affected_status", "handover", "psychological_support"],
        "vira000006": [*court_route, "catch_up_vaccination"],
        "yurii00005": [*court_route, "medical_referral"],
        "polina0004": [*court_route, "catch_up_vaccination"],
        "bohdan0003": [*court_route, "war_affected_status", "catch_up_vaccination"],
        "myroslava2": court_route,
        "mother": ["prenatal_care"],
    }
    steps = {step.key: step for person in plan.people for step in person.steps}
    # 17, 16 and 14 without an ID card: the duty runs, but no legal term makes one overdue.
    for child in ("olena0017", "maksym0016", "daryna0014"):
        assert steps[f"{child}.id_card"].due is None
        assert not steps[f"{child}.id_card"].overdue
    # The boy whose father is in captivity: support at once, no status to wait for.
    assert steps["ivan000011.psychological_support"].after == ()
    assert steps["artem00008.psychological_support"].after == ("artem00008.war_affected_status",)
    # Nothing can be made before the caseworker names the bodies: every step lacks data.
    assert all(step.missing and not step.ready for step in steps.values())
    # Her evidence is the occupiers' certificate her situation lists: not asked again.
    assert {item.path for item in steps["sofiia0009.birth_fact"].missing} == {
        "court",
        "interested_party",
    }
    assert {item.path for item in steps["mother.prenatal_care"].missing} == {
        "receiving_facility",
        "referring_organisation",
        "referring_person",
        "urgency",
    }


def test_a_child_without_a_situation_has_no_steps_yet() -> None:
    bare = child({}, birth_date="2010-01-01")
    del bare["situation"]
    plan = build_plan({"children": [bare]}, {}, today=TODAY, check_readiness=no_missing)
    assert [(person.person, person.steps) for person in plan.people] == [("child00001", ())]
