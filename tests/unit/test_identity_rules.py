"""Domain rules of the identity.* applications: each rule, its field path, and its wording."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from marshmallow import ValidationError

from service.documents import get_template
from service.documents.identity import (
    describe_birth_fact_application,
    describe_birth_registration_application,
    describe_id_card_application,
    describe_idp_registration_application,
)
from service.documents.premises import NeedsConfirmation, Refusal
from service.schemas.base import collect_warnings

BIRTH_FACT = "identity.birth_fact_court_application"
BIRTH_REGISTRATION = "identity.birth_registration_application"
ID_CARD = "identity.id_card_application"
IDP = "identity.idp_registration_application"

Change = Callable[[dict[str, Any]], None]


def example(template_id: str) -> dict[str, Any]:
    """A fresh copy of a template's example."""
    return copy.deepcopy(get_template(template_id).load_example())


def load(template_id: str, data: dict[str, Any]) -> dict[str, Any]:
    """Load data with the template's schema (raises ValidationError)."""
    loaded: dict[str, Any] = get_template(template_id).schema().load(data)
    return loaded


def error_paths(template_id: str, data: dict[str, Any]) -> dict[str, list[str]]:
    """The errors of loading data, flattened to dotted paths."""
    with pytest.raises(ValidationError) as caught:
        load(template_id, data)
    flat: dict[str, list[str]] = {}

    def walk(node: Any, prefix: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, f"{prefix}{key}.")
        else:
            flat[prefix.rstrip(".")] = list(node)

    walk(caught.value.messages, "")
    return flat


def warning_paths(template_id: str, data: dict[str, Any]) -> dict[str, str]:
    """The warnings of valid data: path -> message."""
    schema = get_template(template_id).schema()
    return {w.path: w.message for w in collect_warnings(schema, schema.load(data))}


def set_path(data: dict[str, Any], path: str, value: Any) -> None:
    """Set a value at a dotted path (list indexes as numbers); None deletes the key."""
    *parents, leaf = path.split(".")
    node: Any = data
    for name in parents:
        node = node[int(name)] if name.isdigit() else node[name]
    if value is None:
        node.pop(leaf, None)
    else:
        node[leaf] = value


def setting(*pairs: tuple[str, Any]) -> Change:
    """A change that sets (or, with None, deletes) values at dotted paths."""

    def change(data: dict[str, Any]) -> None:
        for path, value in pairs:
            set_path(data, path, value)

    return change


def findings(template_id: str, data: dict[str, Any]) -> list[Refusal | NeedsConfirmation]:
    """The premises the loaded data leave false (refusals) or to confirm."""
    premises = get_template(template_id).premises
    assert premises is not None
    return list(premises(load(template_id, data)))


def refused(template_id: str, data: dict[str, Any]) -> dict[str, dict[str, str]]:
    """Each refusal's person path -> its fact in uk and en."""
    return {
        item.person: {lang: item.fact_in(lang) for lang in ("uk", "en")}
        for item in findings(template_id, data)
        if isinstance(item, Refusal)
    }


def test_examples_are_valid_without_warnings() -> None:
    for template_id in (BIRTH_FACT, BIRTH_REGISTRATION, ID_CARD, IDP):
        assert warning_paths(template_id, example(template_id)) == {}
        assert findings(template_id, example(template_id)) == []


# --- identity.birth_fact_court_application --------------------------------------------

PASSPORT = {"kind": "booklet_passport", "series": "ВН", "number": "284615"}
WITNESS = {
    "surname": "Коваль",
    "given_name": "Марія",
    "address": {"settlement": "м. Київ", "street": "вул. Хрещатик", "building": "1"},
    "testimony": "summon",
}

BIRTH_FACT_ERRORS = [
    (
        "neither an RNOKPP nor a passport",
        setting(("applicant.rnokpp", None)),
        "applicant.id_document",
        "Give the applicant's RNOKPP or, without one, the series and number of the passport.",
    ),
    (
        "a birth certificate as the applicant's identity document",
        setting(
            ("applicant.rnokpp", None),
            (
                "applicant.id_document",
                {"kind": "birth_certificate", "series": "I-ЖС", "number": "123456"},
            ),
        ),
        "applicant.id_document.kind",
        "Give the applicant's passport or another identity document of an adult.",
    ),
    (
        "a witness without name, address and form of testimony",
        setting(("evidence", [{"kind": "witness_statement", "description": "Коваль М. П."}])),
        "evidence.0.witness",
        "Name the witness, give the witness's address, and say whether the testimony is"
        " written or the court is asked to summon the witness.",
    ),
    (
        "a summoned witness with a notarised signature",
        setting(
            (
                "evidence",
                [
                    {"kind": "occupation_birth_certificate"},
                    {
                        "kind": "witness_statement",
                        "witness": {**WITNESS, "signature_notarised": True},
                    },
                ],
            )
        ),
        "evidence.1.witness.signature_notarised",
        "Only a written statement has a signature to notarise.",
    ),
    (
        "an invalid ЄДРПОУ code",
        setting(("interested_party.edrpou", "34187202")),
        "interested_party.edrpou",
        None,
    ),
    (
        "negative costs",
        setting(("expected_costs", {"amount": "-1", "description": "x"})),
        "expected_costs.amount",
        "The amount cannot be negative.",
    ),
]


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [pytest.param(*case[1:], id=case[0]) for case in BIRTH_FACT_ERRORS],
)
def test_birth_fact_rule(change: Change, path: str, message: str | None) -> None:
    data = example(BIRTH_FACT)
    change(data)
    errors = error_paths(BIRTH_FACT, data)
    assert path in errors
    if message is not None:
        assert message in errors[path]


BIRTH_FACT_WARNINGS = [
    (
        "no ЄДРПОУ of the interested party",
        setting(("interested_party.edrpou", None)),
        "interested_party.edrpou",
    ),
    (
        "the e-cabinet left unanswered",
        setting(("e_cabinet", None)),
        "e_cabinet",
    ),
    ("a father without the ground of his data", setting(("father_basis", None)), "father_basis"),
    (
        "the father on marriage without the marriage certificate described",
        setting(("marriage_certificate", None)),
        "marriage_certificate",
    ),
    (
        "a marriage certificate of the occupying authorities",
        setting(("marriage_certificate.issued_by_occupation_authorities", True)),
        "marriage_certificate.issued_by_occupation_authorities",
    ),
]


@pytest.mark.parametrize(
    ("change", "path"), [pytest.param(*case[1:], id=case[0]) for case in BIRTH_FACT_WARNINGS]
)
def test_birth_fact_warning(change: Change, path: str) -> None:
    data = example(BIRTH_FACT)
    change(data)
    assert path in warning_paths(BIRTH_FACT, data)


def grandmother_applies_to_court(data: dict[str, Any]) -> None:
    data["applicant"].update(GRANDMOTHER)
    data["applicant"]["id_document"] = PASSPORT
    data["applicant"].pop("rnokpp")
    data["mother"] = dict(MOTHER)


def test_a_relative_applies_to_the_court_as_a_member_of_the_childs_family() -> None:
    data = example(BIRTH_FACT)
    grandmother_applies_to_court(data)
    assert [item.path for item in findings(BIRTH_FACT, data)] == ["lives_with_child"]
    data["lives_with_child"] = False
    fact = refused(BIRTH_FACT, data)["applicant"]
    assert fact["uk"] == (
        "Петренко Валентина Іванівна є родичкою дитини, але дитина не проживає разом із нею:"
        " вона не є членом сім’ї дитини."
    )
    data["lives_with_child"] = True
    assert findings(BIRTH_FACT, data) == []
    context = describe_birth_fact_application(load(BIRTH_FACT, data), "uk", date(2026, 11, 20))
    assert context["applicant"]["standing"] == "Дитина проживає разом зі мною; я є членом її сім’ї."
    assert context["applicant"]["identification"] == "паспорт громадянина України серія ВН № 284615"
    assert (
        "Документи, що підтверджують родинні відносини заявника з дитиною та спільне проживання"
        " дитини із заявником"
    ) in context["attachments"]


def test_birth_fact_states_the_costs_and_where_the_originals_are_when_given() -> None:
    data = example(BIRTH_FACT)
    data["expected_costs"] = {
        "amount": "1200",
        "description": {"uk": "правнича допомога", "en": "legal aid"},
    }
    data["originals_location"] = {"uk": "у Коваль Марії Петрівни", "en": "with Koval Mariia"}
    data["e_cabinet"] = True
    loaded = load(BIRTH_FACT, data)
    uk = describe_birth_fact_application(loaded, "uk", date(2026, 11, 20))
    en = describe_birth_fact_application(loaded, "en", date(2026, 11, 20))
    assert uk["costs"].replace("\u00a0", " ") == (
        "Попередній (орієнтовний) розрахунок судових витрат, які заявник очікує понести:"
        " 1 200,00 грн (правнича допомога)."
    )
    assert en["costs"] == (
        "Preliminary (approximate) estimate of the legal costs the applicant expects to bear:"
        " UAH 1,200.00 (legal aid)."
    )
    assert uk["originals"].endswith("знаходяться: у Коваль Марії Петрівни.")
    assert uk["e_cabinet"].startswith("Заявник має електронний кабінет")


# --- identity.birth_registration_application ------------------------------------------

MEDICAL_CERTIFICATE = {
    "number": "1234",
    "issue_date": "2016-03-15",
    "facility": {"name": "КНП «Пологовий будинок № 3»"},
}
GRANDMOTHER = {
    "surname": "Петренко",
    "given_name": "Валентина",
    "patronymic": "Іванівна",
    "sex": "female",
    "birth_date": "1958-01-23",
    "relation": "grandparent",
}
MOTHER = {
    "surname": "Петренко",
    "given_name": "Оксана",
    "patronymic": "Миколаївна",
    "sex": "female",
    "birth_date": "1989-04-12",
    "citizenship": "UA",
}


def grandmother_applies(data: dict[str, Any]) -> None:
    data["applicant"].update(GRANDMOTHER)
    data["applicant"].pop("rnokpp")


BIRTH_REGISTRATION_ERRORS = [
    (
        "both bases",
        setting(("medical_certificate", MEDICAL_CERTIFICATE)),
        "medical_certificate",
        "Give either the court decision or the medical certificate of birth, not both.",
    ),
    (
        "no basis",
        setting(("court_decision", None)),
        "court_decision",
        "Give the court decision establishing the fact of birth, or the medical certificate"
        " of birth.",
    ),
    (
        "decision before the birth",
        setting(("court_decision.decision_date", "2016-03-13")),
        "court_decision.decision_date",
        "The date cannot be before the child's birth.",
    ),
    (
        "decision in the future",
        setting(("court_decision.decision_date", "2999-01-01")),
        "court_decision.decision_date",
        "The date cannot be in the future.",
    ),
    (
        "medical certificate before the birth",
        setting(
            ("court_decision", None),
            ("medical_certificate", {**MEDICAL_CERTIFICATE, "issue_date": "2016-03-01"}),
        ),
        "medical_certificate.issue_date",
        "The date cannot be before the child's birth.",
    ),
    (
        "no mother and the applicant is not the mother",
        grandmother_applies,
        "mother",
        "Give the child's mother.",
    ),
    (
        "a father without the grounds to record him",
        setting(("father_basis", None)),
        "father_basis",
        "Say on what grounds the father is recorded: marriage or joint application.",
    ),
    (
        "grounds to record a father, but no father",
        setting(("father", None)),
        "father",
        "Give the child's father.",
    ),
    (
        "a parent born after the child",
        setting(("father.birth_date", "2017-01-01"), ("father.rnokpp", None)),
        "father.birth_date",
        "A parent cannot be born after the child.",
    ),
    (
        "an unknown grounds to record the father",
        setting(("father_basis", "mother_statement")),
        "father_basis",
        "Choose one of the listed kinds.",
    ),
    (
        "application before the decision",
        setting(("application_date", "2026-11-23")),
        "application_date",
        "The application cannot predate the document it is based on.",
    ),
    (
        "application before the birth",
        setting(("application_date", "2016-03-01")),
        "application_date",
        "The application cannot predate the child's birth.",
    ),
    (
        "application in the future",
        setting(("application_date", "2999-01-01")),
        "application_date",
        "The date cannot be in the future.",
    ),
    (
        "applicant without an identity document",
        setting(("applicant.id_document", None)),
        "applicant.id_document",
        "Missing data for required field.",
    ),
    (
        "a grandmother applies without saying why the parents cannot",
        lambda data: (grandmother_applies(data), data.update(mother=dict(MOTHER))),
        "parents_cannot_register_reason",
        "Say why the parents cannot register the birth themselves.",
    ),
    (
        "a copy issued before the decision",
        setting(("court_decision.copy_issued", "2026-11-20")),
        "court_decision.copy_issued",
        "The copy cannot be issued before the decision.",
    ),
]


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [pytest.param(*case[1:], id=case[0]) for case in BIRTH_REGISTRATION_ERRORS],
)
def test_birth_registration_rule(change: Change, path: str, message: str) -> None:
    data = example(BIRTH_REGISTRATION)
    change(data)
    assert message in error_paths(BIRTH_REGISTRATION, data)[path]


BIRTH_REGISTRATION_WARNINGS = [
    (
        "the father recorded on marriage without the marriage certificate described",
        setting(("marriage_certificate", None)),
        "marriage_certificate",
    ),
    (
        "an addressee name the rules cannot decline",
        setting(("registry_office.name", "Ромашка"), ("registry_office.name_dative", None)),
        "registry_office.name",
    ),
    (
        "the applicant is the mother, but the mother's data differ",
        setting(("mother", {**MOTHER, "given_name": "Олена"})),
        "mother.surname",
    ),
]


@pytest.mark.parametrize(
    ("change", "path"),
    [pytest.param(*case[1:], id=case[0]) for case in BIRTH_REGISTRATION_WARNINGS],
)
def test_birth_registration_warning(change: Change, path: str) -> None:
    data = example(BIRTH_REGISTRATION)
    change(data)
    assert path in warning_paths(BIRTH_REGISTRATION, data)


def test_birth_registration_accepts_a_medical_certificate_of_a_birth_in_ukraine() -> None:
    data = example(BIRTH_REGISTRATION)
    data.pop("court_decision")
    data["medical_certificate"] = MEDICAL_CERTIFICATE
    data["child"]["birth_place"] = {"settlement": "м. Київ"}
    assert warning_paths(BIRTH_REGISTRATION, data) == {}
    assert findings(BIRTH_REGISTRATION, data) == []


def test_a_medical_certificate_of_a_birth_on_the_occupied_territory_is_refused() -> None:
    # Was a warning; a 103/o from Donetsk in 2016 is void: the basis is the court decision.
    data = example(BIRTH_REGISTRATION)
    data.pop("court_decision")
    data["medical_certificate"] = MEDICAL_CERTIFICATE
    fact = refused(BIRTH_REGISTRATION, data)["child"]
    assert fact["uk"].startswith("Петренко Андрій Іванович народився 14.03.2016")
    assert "медичне свідоцтво" in fact["uk"]
    assert "not valid in Ukraine" in fact["en"]


def test_a_marriage_certificate_of_the_occupying_authorities_is_refused() -> None:
    data = example(BIRTH_REGISTRATION)
    data["marriage_certificate"]["issued_by_occupation_authorities"] = True
    fact = refused(BIRTH_REGISTRATION, data)["father"]
    assert "окупаційними органами" in fact["uk"]
    assert "void in Ukraine" in fact["en"]


def test_birth_registration_grandmother_with_reasons_and_mother_is_valid() -> None:
    data = example(BIRTH_REGISTRATION)
    grandmother_applies(data)
    data["mother"] = dict(MOTHER)
    data["parents_cannot_register_reason"] = "Мати дитини перебуває на лікуванні."
    assert warning_paths(BIRTH_REGISTRATION, data) == {}
    context = describe_birth_registration_application(
        load(BIRTH_REGISTRATION, data), "uk", date(2026, 11, 25)
    )
    assert context["parents_cannot_register"] == (
        "Батьки не можуть зареєструвати народження, оскільки: Мати дитини перебуває на лікуванні."
    )
    assert "паспорт заявника (заявник не є одним із батьків)" in context["originals"]


def test_joint_application_is_stated_and_needs_no_marriage_certificate() -> None:
    data = example(BIRTH_REGISTRATION)
    data["father_basis"] = "joint_application"
    context = describe_birth_registration_application(
        load(BIRTH_REGISTRATION, data), "uk", date(2026, 11, 25)
    )
    assert "за спільною заявою матері та батька" in context["father_statement"]
    assert not any("шлюб" in item for item in context["originals"])
    assert "signatures" not in context  # a data sheet: the officer forms the application


def test_marriage_puts_the_marriage_certificate_among_the_originals() -> None:
    context = describe_birth_registration_application(
        load(BIRTH_REGISTRATION, example(BIRTH_REGISTRATION)), "uk", date(2026, 11, 25)
    )
    assert "свідоцтво про шлюб батьків" in context["originals"]
    assert "серія I-НО № 104583" in " ".join(context["father_statement"].split())
    assert context["father_statement"].endswith("2012\u00a0р.")  # no doubled full stop
    assert context["given_by"].startswith("Відомості надала: Оксана ПЕТРЕНКО")


# --- identity.id_card_application -----------------------------------------------------


def representative_is(relation: str, sex: str = "female") -> Change:
    return setting(("legal_representative.relation", relation), ("legal_representative.sex", sex))


ID_CARD_ERRORS = [
    (
        "citizenship not given",
        setting(("child.citizenship", None)),
        "child.citizenship",
        "A passport of a citizen of Ukraine is issued only to a citizen of Ukraine.",
    ),
    (
        "an RNOKPP and its refusal",
        setting(("rnokpp_refused", True)),
        "rnokpp_refused",
        "Give either the RNOKPP or the refusal of one, not both.",
    ),
    (
        "certificate issued before the birth",
        setting(("birth_certificate.issue_date", "2011-07-01")),
        "birth_certificate.issue_date",
        "The date cannot be before the child's birth.",
    ),
    (
        "certificate of the occupying authorities",
        setting(("birth_certificate.series", "II-ЭЫ")),
        "birth_certificate.series",
        "A certificate issued by the occupying authorities cannot be used: the birth must"
        " first be registered in Ukraine.",
    ),
    (
        "malformed certificate series",
        setting(("birth_certificate.series", "XIV-ЖД")),
        "birth_certificate.series",
        "The birth certificate series must be a Roman numeral from I to XII"
        " and two Cyrillic letters, e.g. I-ЖС.",
    ),
    (
        "a grandmother who is not the guardian",
        representative_is("grandparent"),
        "legal_representative.relation",
        "Only a parent, a guardian or another legal representative can be named here.",
    ),
    (
        "a person raising the child",
        representative_is("caregiver"),
        "legal_representative.relation",
        "Only a parent, a guardian or another legal representative can be named here.",
    ),
    (
        "legal representative without an identity document",
        setting(("legal_representative.id_document", None)),
        "legal_representative.id_document",
        "Give the legal representative's identity document.",
    ),
    (
        "other original without a description",
        setting(("attachments", [{"kind": "other"}])),
        "attachments.0.description",
        "Describe this document.",
    ),
    (
        "the same parent twice",
        setting(
            (
                "citizen_parents",
                [
                    {
                        "parent": "mother",
                        "surname": "Коваленко",
                        "given_name": "Наталія",
                        "id_document": {"kind": "id_card", "number": "001234567"},
                    }
                ]
                * 2,
            )
        ),
        "citizen_parents",
        "Name each parent once.",
    ),
    (
        "application in the future",
        setting(("application_date", "2999-01-01")),
        "application_date",
        "The date cannot be in the future.",
    ),
]


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [pytest.param(*case[1:], id=case[0]) for case in ID_CARD_ERRORS],
)
def test_id_card_rule(change: Change, path: str, message: str) -> None:
    data = example(ID_CARD)
    change(data)
    assert message in error_paths(ID_CARD, data)[path]


ID_CARD_REFUSALS = [
    # Were schema errors: a false premise is a refusal naming the child, the fact, the rule.
    (
        "13 years old",
        setting(
            ("child.birth_date", "2012-11-26"),
            ("child.rnokpp", None),
            ("birth_certificate.issue_date", "2012-12-03"),
        ),
        "Вік дитини (Коваленко Дарина Олегівна) на 25.11.2026 — 13 років",
        "is 13 years old on 25 November 2026",
    ),
    (
        "18 years old",
        setting(("child.birth_date", "2008-11-25"), ("child.rnokpp", None)),
        "Вік особи (Коваленко Дарина Олегівна) на 25.11.2026 — 18 років",
        "an adult applies for a passport in person",
    ),
    (
        "citizen of another country",
        setting(("child.citizenship", "PL")),
        "не є громадянкою України (громадянство: Польща)",
        "is not a citizen of Ukraine (citizenship: Poland)",
    ),
]


@pytest.mark.parametrize(
    ("change", "uk", "en"), [pytest.param(*case[1:], id=case[0]) for case in ID_CARD_REFUSALS]
)
def test_id_card_refusal(change: Change, uk: str, en: str) -> None:
    data = example(ID_CARD)
    change(data)
    fact = refused(ID_CARD, data)["child"]
    assert uk in fact["uk"] and en in fact["en"]


@pytest.mark.parametrize(
    "birth_date",
    [
        pytest.param("2012-11-25", id="14th birthday on the application date"),
        pytest.param("2008-11-26", id="day before the 18th birthday"),
    ],
)
def test_id_card_age_bounds(birth_date: str) -> None:
    data = example(ID_CARD)
    data["child"]["birth_date"] = birth_date
    data["birth_certificate"]["issue_date"] = birth_date
    data["child"].pop("rnokpp")
    data["rnokpp_refused"] = True
    assert warning_paths(ID_CARD, data) == {}
    assert findings(ID_CARD, data) == []


ID_CARD_WARNINGS = [
    (
        "neither an RNOKPP nor its refusal",
        setting(("child.rnokpp", None)),
        "child.rnokpp",
    ),
    (
        "no parent's document shows the child's citizenship",
        representative_is("guardian", "male"),
        "citizen_parents",
    ),
    (
        "a certificate issued by a ZAGS",
        setting(("birth_certificate.issued_by", "Отдел ЗАГС г. Мелитополя")),
        "birth_certificate.issued_by",
    ),
    (
        "an addressee name the rules cannot decline",
        setting(("authority.name", "Ромашка"), ("authority.name_dative", None)),
        "authority.name",
    ),
]


@pytest.mark.parametrize(
    ("change", "path"), [pytest.param(*case[1:], id=case[0]) for case in ID_CARD_WARNINGS]
)
def test_id_card_warning(change: Change, path: str) -> None:
    data = example(ID_CARD)
    change(data)
    assert path in warning_paths(ID_CARD, data)


def test_id_card_guardian_shows_the_decision_and_consents_to_nothing() -> None:
    data = example(ID_CARD)
    representative_is("guardian", "male")(data)
    data["legal_representative"].update(given_name="Олег", patronymic="Петрович")
    data["legal_representative"].pop("rnokpp")
    data["citizen_parents"] = [
        {
            "parent": "mother",
            "surname": "Коваленко",
            "given_name": "Наталія",
            "patronymic": "Вікторівна",
            "id_document": {"kind": "booklet_passport", "series": "ВН", "number": "284615"},
        }
    ]
    assert warning_paths(ID_CARD, data) == {}
    context = describe_id_card_application(load(ID_CARD, data), "uk", date(2026, 11, 25))
    # No source was found for a parent's "consent": the representative is named, no more.
    assert context["legal_representative"]["line"].startswith(
        "Коваленко Олег Петрович (опікун (піклувальник) дитини)"
    )
    originals = " | ".join(" ".join(item.split()) for item in context["originals"])
    assert "рішення про призначення опікуна (піклувальника)" in originals
    assert "мати Коваленко Наталія Вікторівна, паспорт громадянина України серія ВН № 284615" in (
        originals
    )
    assert "згод" not in str(context)


def test_id_card_lists_the_originals_without_any_attachment_given() -> None:
    data = example(ID_CARD)
    data["attachments"] = []
    context = describe_id_card_application(load(ID_CARD, data), "en", date(2026, 11, 25))
    assert (
        context["originals"][0] == "the child's birth certificate (series I-ZHD (I-ЖД) No. 482915)"
    )
    assert "the RNOKPP certificate (tax number)" in context["originals"]
    assert any("No. 2312-5001234567" in item for item in context["originals"])


def test_id_card_prints_the_refusal_of_an_rnokpp() -> None:
    data = example(ID_CARD)
    data["child"].pop("rnokpp")
    data["rnokpp_refused"] = True
    loaded = load(ID_CARD, data)
    uk = describe_id_card_application(loaded, "uk", date(2026, 11, 25))
    en = describe_id_card_application(loaded, "en", date(2026, 11, 25))
    assert uk["rnokpp"].startswith("відмовилася")
    assert en["rnokpp"] == "refused on religious grounds"


# --- identity.idp_registration_application --------------------------------------------

OTHER_CHILD = {
    "surname": "Бондар",
    "given_name": "Іван",
    "sex": "male",
    "birth_date": "2014-05-01",
    "birth_place": {"settlement": "м. Мелітополь"},
    "birth_certificate": {"series": "I-ЖД", "number": "123456"},
}


def mother_applies(data: dict[str, Any]) -> None:
    data["applicant"]["relation"] = "mother"
    data["applicant"]["birth_date"] = "1985-06-01"
    data["applicant"].pop("rnokpp")


IDP_ERRORS = [
    (
        "a child without a birth certificate",
        setting(("child.birth_certificate", None)),
        "child.birth_certificate",
        "Give the child's birth certificate: a Ukrainian one, or one issued by the occupying"
        " authorities.",
    ),
    (
        "a sibling with both certificates",
        setting(
            (
                "other_children.0.occupation_birth_certificate",
                {
                    "series": "II-ЗП",
                    "number": "512734",
                    "issued_by": "ЗАГС",
                    "issue_date": "2023-05-22",
                },
            ),
        ),
        "other_children.0.occupation_birth_certificate",
        "Give either the Ukrainian certificate or the one issued by the occupying"
        " authorities, not both.",
    ),
    (
        "a Russian series as a Ukrainian certificate",
        setting(("child.birth_certificate.series", "I-ЭЫ")),
        "child.birth_certificate.series",
        "The series has Russian letters: record the certificate as one issued by the"
        " occupying authorities.",
    ),
    (
        "certificate issued before the birth",
        setting(("child.birth_certificate.issue_date", "2015-09-01")),
        "child.birth_certificate.issue_date",
        "The date cannot be before the child's birth.",
    ),
    (
        "more than 20 children",
        setting(("other_children", [OTHER_CHILD] * 20)),
        "other_children",
        "List at most 19 other children (20 in all).",
    ),
    (
        "a parent applies for a child who arrived without parents",
        mother_applies,
        "arrived_without_parents",
        "A parent applies, so the child did not arrive without parents.",
    ),
    (
        "a grandmother applies for a child who came with the parents",
        setting(("arrived_without_parents", False)),
        "applicant.relation",
        "A parent or another legal representative applies; a relative only for a child who"
        " arrived without parents.",
    ),
    (
        "a person raising the child who is not a relative",
        setting(("applicant.relation", "caregiver")),
        "applicant.relation",
        "A parent or another legal representative applies; for a child under 14 who arrived"
        " without one, a grandparent, great-grandparent, adult brother or sister, aunt, uncle,"
        " stepfather or stepmother in whose family the child lives.",
    ),
    (
        "a relative the Procedure does not list",
        setting(("applicant.relation", "other_relative")),
        "applicant.relation",
        "Choose one of the listed relations.",
    ),
    (
        "a relative who does not say whether the child lives in her family",
        setting(("child_lives_with_applicant", None)),
        "child_lives_with_applicant",
        "Say whether the child lives in the applicant's family.",
    ),
    (
        "a child who applies in person for a sibling",
        setting(
            ("applicant.relation", "self"),
            ("applicant.surname", "Бондар"),
            ("applicant.given_name", "Софія"),
            ("applicant.birth_date", "2015-09-30"),
        ),
        "other_children",
        "A child who applies in person applies for no one else.",
    ),
    (
        "arrival after the application",
        setting(("arrival_date", "2026-11-04")),
        "arrival_date",
        "The arrival cannot be later than the application.",
    ),
    (
        "application before a child's birth",
        setting(("application_date", "2023-05-01")),
        "application_date",
        "The application cannot predate the child's birth.",
    ),
    (
        "applicant without an identity document",
        setting(("applicant.id_document", None)),
        "applicant.id_document",
        "Missing data for required field.",
    ),
]


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [pytest.param(*case[1:], id=case[0]) for case in IDP_ERRORS],
)
def test_idp_rule(change: Change, path: str, message: str) -> None:
    data = example(IDP)
    change(data)
    assert message in error_paths(IDP, data)[path]


IDP_REFUSALS = [
    # Were schema errors (or allowed): each false premise names the child and the rule.
    (
        "the grandmother applies for a 15-year-old",
        setting(("child.birth_date", "2011-06-01"), ("child.birth_certificate.issue_date", None)),
        "child",
        "з 14 років дитина звертається щодо взяття на облік особисто",
        "from the age of 14 a child applies for registration in person",
    ),
    (
        "the child is an adult",
        setting(("child.birth_date", "2008-11-03"), ("child.rnokpp", None)),
        "child",
        "повнолітня особа звертається щодо взяття на облік особисто",
        "an adult applies for registration in person",
    ),
    (
        "a sibling is an adult",
        setting(("other_children.0.birth_date", "2007-01-01")),
        "other_children.0",
        "Вік особи (Бондар Єва Андріївна) на 03.11.2026 — 19 років",
        "is 19 years old on 3 November 2026",
    ),
    (
        "the child does not live in the grandmother's family",
        setting(("child_lives_with_applicant", False)),
        "applicant",
        "Дитина не проживає в сім’ї заявниці (Бондар Галина Петрівна)",
        "The child does not live in the family of Bondar Halyna Petrivna",
    ),
    (
        "the actual address is on the occupied territory",
        setting(
            (
                "actual_address",
                {"settlement": "м. Донецьк", "street": "вул. Артема", "building": "1"},
            )
        ),
        "child",
        "на тимчасово окупованій території",
        "is on the temporarily occupied territory on 3 November 2026",
    ),
]


@pytest.mark.parametrize(
    ("change", "person", "uk", "en"),
    [pytest.param(*case[1:], id=case[0]) for case in IDP_REFUSALS],
)
def test_idp_refusal(change: Change, person: str, uk: str, en: str) -> None:
    data = example(IDP)
    change(data)
    fact = refused(IDP, data)[person]
    assert uk in fact["uk"] and en in fact["en"]


def fifteen_year_old_applies_in_person(data: dict[str, Any]) -> None:
    data["other_children"] = []
    data["arrived_without_parents"] = False
    data["child_lives_with_applicant"] = None
    data["child"].update(birth_date="2011-06-01", sex="male", given_name="Максим")
    data["child"]["patronymic"] = "Андрійович"
    data["child"]["birth_certificate"].pop("issue_date")
    data["applicant"].update(
        relation="self",
        surname="Бондар",
        given_name="Максим",
        patronymic="Андрійович",
        sex="male",
        birth_date="2011-06-01",
        id_document={"kind": "id_card", "number": "004512378"},
    )
    data["applicant"].pop("rnokpp")


def test_a_child_of_14_or_over_applies_in_person() -> None:
    data = example(IDP)
    fifteen_year_old_applies_in_person(data)
    assert findings(IDP, data) == []
    context = describe_idp_registration_application(load(IDP, data), "uk", date(2026, 11, 3))
    assert context["standing"] == "Дитина, яка досягла 14 років, звертається особисто."
    assert context["applicant"]["line"].startswith("Бондар Максим Андрійович (дитина особисто)")
    data["child"]["birth_date"] = data["applicant"]["birth_date"] = "2013-06-01"
    assert "дитину віком до 14 років" in refused(IDP, data)["child"]["uk"]


IDP_WARNINGS = [
    (
        "the registered address was not occupied when the child left",
        setting(
            (
                "registered_address",
                {"settlement": "м. Київ", "street": "вул. Хрещатик", "building": "1"},
            )
        ),
        "registered_address",
    ),
    ("applicant without an RNOKPP", setting(("applicant.rnokpp", None)), "applicant.rnokpp"),
    (
        "an addressee name the rules cannot decline",
        setting(("authority.name", "Ромашка"), ("authority.name_dative", None)),
        "authority.name",
    ),
    (
        "a child whose only birth document is the occupiers' certificate",
        lambda data: data["other_children"][0].update(
            birth_certificate=None,
            occupation_birth_certificate={
                "series": "II-ЗП",
                "number": "512734",
                "issued_by": "так званий відділ ЗАГС Мелітопольського району",
                "issue_date": "2023-05-22",
            },
        ),
        "other_children.0.occupation_birth_certificate",
    ),
]


@pytest.mark.parametrize(
    ("change", "path"), [pytest.param(*case[1:], id=case[0]) for case in IDP_WARNINGS]
)
def test_idp_warning(change: Change, path: str) -> None:
    data = example(IDP)
    change(data)
    assert path in warning_paths(IDP, data)


@pytest.mark.parametrize(
    "relation", ["guardian", "legal_representative", "adult_sibling", "aunt_or_uncle", "stepparent"]
)
def test_idp_accepts_a_legal_representative_or_a_listed_relative(relation: str) -> None:
    data = example(IDP)
    data["applicant"]["relation"] = relation
    assert warning_paths(IDP, data) == {}
    assert findings(IDP, data) == []


def test_idp_a_parent_applies_for_an_accompanied_child() -> None:
    data = example(IDP)
    mother_applies(data)
    data["applicant"]["rnokpp"] = "3098704505"
    data["applicant"]["birth_date"] = "1984-11-02"
    data["arrived_without_parents"] = False
    assert warning_paths(IDP, data) == {}
    context = describe_idp_registration_application(load(IDP, data), "uk", date(2026, 11, 3))
    assert context["standing"] is None
    assert not any("родинні" in item for item in context["documents"])


def test_idp_wording_follows_the_number_of_children() -> None:
    data = example(IDP)
    two = describe_idp_registration_application(load(IDP, data), "uk", date(2026, 11, 3))
    assert two["children_heading"].endswith("внутрішньо переміщених осіб:")
    assert " ".join(two["arrival"].split()) == (
        "14 серпня 2026 р. діти прибули на підконтрольну Україні територію."
    )
    assert two["standing"].startswith("Діти віком до 14 років прибули без супроводу")
    data["other_children"][0].pop("birth_certificate")
    data["other_children"][0]["occupation_birth_certificate"] = {
        "series": "II-ЗП",
        "number": "512734",
        "issued_by": "так званий відділ ЗАГС Мелітопольського району",
        "issue_date": "2023-05-22",
    }
    marked = describe_idp_registration_application(load(IDP, data), "uk", date(2026, 11, 3))
    assert "окупаційних органів" in marked["children"][1]["line"]
    data["other_children"] = []
    one = describe_idp_registration_application(load(IDP, data), "en", date(2026, 11, 3))
    assert one["children_heading"] == (
        "The child to be registered as an internally displaced person:"
    )
    assert one["standing"].startswith(
        "The child, under 14, arrived without a parent or other legal representative"
    )


def test_idp_applicant_is_labelled_for_all_the_children_or_for_the_one_child() -> None:
    data = example(IDP)  # a grandmother with two grandchildren
    two = describe_idp_registration_application(load(IDP, data), "uk", date(2026, 11, 3))
    assert two["applicant"]["line"].startswith("Бондар Галина Петрівна (баба дітей);")
    english = describe_idp_registration_application(load(IDP, data), "en", date(2026, 11, 3))
    assert "(the children's grandmother)" in english["applicant"]["line"]
    data["other_children"] = []
    one = describe_idp_registration_application(load(IDP, data), "uk", date(2026, 11, 3))
    assert one["applicant"]["line"].startswith("Бондар Галина Петрівна (баба дитини);")
    assert "серія ЕР № 345678" in " ".join(one["applicant"]["line"].split())
