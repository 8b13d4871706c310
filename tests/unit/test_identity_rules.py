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
    describe_birth_registration_application,
    describe_id_card_application,
    describe_idp_registration_application,
)
from service.schemas.base import collect_warnings

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


def test_examples_are_valid_without_warnings() -> None:
    for template_id in (BIRTH_REGISTRATION, ID_CARD, IDP):
        assert warning_paths(template_id, example(template_id)) == {}


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
        "medical certificate of a birth on the occupied territory",
        setting(("court_decision", None), ("medical_certificate", MEDICAL_CERTIFICATE)),
        "medical_certificate",
    ),
    (
        "an addressee name the rules cannot decline",
        setting(("registry_office.name", "Ромашка"), ("registry_office.name_dative", None)),
        "registry_office.name",
    ),
    (
        "a grandmother applies without saying why",
        lambda data: (grandmother_applies(data), data.update(mother=dict(MOTHER))),
        "circumstances",
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


def test_birth_registration_grandmother_with_reasons_and_mother_is_valid() -> None:
    data = example(BIRTH_REGISTRATION)
    grandmother_applies(data)
    data["mother"] = dict(MOTHER)
    data["circumstances"] = "Мати дитини перебуває на лікуванні."
    assert warning_paths(BIRTH_REGISTRATION, data) == {}


def test_joint_application_is_signed_by_both_parents() -> None:
    data = example(BIRTH_REGISTRATION)
    data["father_basis"] = "joint_application"
    context = describe_birth_registration_application(
        load(BIRTH_REGISTRATION, data), "uk", date(2026, 11, 25)
    )
    assert [(s["role"], s["name"]) for s in context["signatures"]] == [
        ("Заявник:", "Оксана ПЕТРЕНКО"),
        ("Батько:", "Іван ПЕТРЕНКО"),
    ]
    assert "спільної заяви" in context["father_statement"]
    assert not any("шлюб" in item for item in context["attachments"])


def test_marriage_needs_one_signature_and_the_marriage_certificate() -> None:
    context = describe_birth_registration_application(
        load(BIRTH_REGISTRATION, example(BIRTH_REGISTRATION)), "uk", date(2026, 11, 25)
    )
    assert [s["role"] for s in context["signatures"]] == [None]
    assert "Копія свідоцтва про шлюб батьків" in context["attachments"]


# --- identity.id_card_application -----------------------------------------------------


def representative_is(relation: str, sex: str = "female") -> Change:
    return setting(("legal_representative.relation", relation), ("legal_representative.sex", sex))


ID_CARD_ERRORS = [
    (
        "13 years old",
        setting(("child.birth_date", "2012-11-26"), ("child.rnokpp", None)),
        "child.birth_date",
        "A passport is issued from the age of 14: the child is younger.",
    ),
    (
        "18 years old",
        setting(("child.birth_date", "2008-11-25"), ("child.rnokpp", None)),
        "child.birth_date",
        "The person is 18 or older and applies on their own, not with this form.",
    ),
    (
        "citizen of another country",
        setting(("child.citizenship", "PL")),
        "child.citizenship",
        "A passport of a citizen of Ukraine is issued only to a citizen of Ukraine.",
    ),
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
        "Only a parent, a guardian or another legal representative can consent.",
    ),
    (
        "a person raising the child",
        representative_is("caregiver"),
        "legal_representative.relation",
        "Only a parent, a guardian or another legal representative can consent.",
    ),
    (
        "legal representative without an identity document",
        setting(("legal_representative.id_document", None)),
        "legal_representative.id_document",
        "Give the legal representative's identity document.",
    ),
    (
        "birth certificate not attached",
        setting(("attachments", [{"kind": "parents_passports"}])),
        "attachments",
        "List the child's birth certificate among the attachments.",
    ),
    (
        "no attachments",
        setting(("attachments", [])),
        "attachments",
        "List between 1 and 20 attached documents.",
    ),
    (
        "other attachment without a description",
        setting(("attachments", [{"kind": "birth_certificate"}, {"kind": "other"}])),
        "attachments.1.description",
        "Describe this document.",
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


ID_CARD_WARNINGS = [
    (
        "neither an RNOKPP nor its refusal",
        setting(("child.rnokpp", None)),
        "child.rnokpp",
    ),
    (
        "a guardian without the decision on guardianship",
        representative_is("guardian", "male"),
        "attachments",
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


def test_id_card_guardian_with_the_decision_is_valid() -> None:
    data = example(ID_CARD)
    representative_is("guardian", "male")(data)
    data["legal_representative"].update(given_name="Олег", patronymic="Петрович")
    data["legal_representative"].pop("rnokpp")
    data["attachments"].append({"kind": "guardianship_decision"})
    assert warning_paths(ID_CARD, data) == {}
    context = describe_id_card_application(load(ID_CARD, data), "uk", date(2026, 11, 25))
    assert context["legal_representative"]["consent"].startswith(
        "Я, Коваленко Олег Петрович, піклувальник дитини, даю згоду"
    )


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
            ("other_children.1.birth_certificate", {"series": "I-ЖД", "number": "654321"}),
        ),
        "other_children.1.occupation_birth_certificate",
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
        setting(("child.birth_certificate.issue_date", "2012-02-01")),
        "child.birth_certificate.issue_date",
        "The date cannot be before the child's birth.",
    ),
    (
        "the child is an adult",
        setting(("child.birth_date", "2008-11-03"), ("child.rnokpp", None)),
        "child.birth_date",
        "The person is 18 or older and applies on their own.",
    ),
    (
        "a sibling is an adult",
        setting(("other_children.0.birth_date", "2007-01-01"), ("other_children.0.rnokpp", None)),
        "other_children.0.birth_date",
        "The person is 18 or older and applies on their own.",
    ),
    (
        "more than 20 children",
        setting(("other_children", [OTHER_CHILD] * 20)),
        "other_children",
        "List at most 19 other children (20 in all).",
    ),
    (
        "the actual address is on the occupied territory",
        setting(
            (
                "actual_address",
                {"settlement": "м. Донецьк", "street": "вул. Артема", "building": "1"},
            )
        ),
        "actual_address",
        "The actual address is on the temporarily occupied territory: it must be on the"
        " territory controlled by Ukraine.",
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
        "A parent or another legal representative applies; a relative only for a child who"
        " arrived without parents.",
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
]


@pytest.mark.parametrize(
    ("change", "path"), [pytest.param(*case[1:], id=case[0]) for case in IDP_WARNINGS]
)
def test_idp_warning(change: Change, path: str) -> None:
    data = example(IDP)
    change(data)
    assert path in warning_paths(IDP, data)


@pytest.mark.parametrize("relation", ["guardian", "legal_representative", "adult_sibling"])
def test_idp_accepts_a_legal_representative_or_a_relative(relation: str) -> None:
    data = example(IDP)
    data["applicant"]["relation"] = relation
    assert warning_paths(IDP, data) == {}


def test_idp_a_parent_applies_for_an_accompanied_child() -> None:
    data = example(IDP)
    mother_applies(data)
    data["applicant"]["rnokpp"] = "3098704505"
    data["applicant"]["birth_date"] = "1984-11-02"
    data["arrived_without_parents"] = False
    assert warning_paths(IDP, data) == {}
    context = describe_idp_registration_application(load(IDP, data), "uk", date(2026, 11, 3))
    assert context["unaccompanied"] is None
    assert not any("родинні" in item for item in context["attachments"])


def test_idp_wording_follows_the_number_of_children() -> None:
    data = example(IDP)
    three = describe_idp_registration_application(load(IDP, data), "uk", date(2026, 11, 3))
    assert three["request"].endswith("таких дітей:")
    assert " ".join(three["arrival"].split()) == (
        "28 жовтня 2026 р. діти прибули на підконтрольну Україні територію."
    )
    assert "окупаційних органів" in three["children"][2]["line"]
    data["other_children"] = []
    one = describe_idp_registration_application(load(IDP, data), "en", date(2026, 11, 3))
    assert one["request"] == (
        "I ask you to register the following child as an internally displaced person:"
    )
    assert one["unaccompanied"].startswith(
        "No parent or other legal representative accompanied the child"
    )


def test_idp_applicant_speaks_of_all_the_children_or_of_the_one_child() -> None:
    data = example(IDP)  # a grandmother with three grandchildren
    three = describe_idp_registration_application(load(IDP, data), "uk", date(2026, 11, 3))
    assert three["applicant"]["relation_statement"].endswith(", є бабусею дітей.")
    english = describe_idp_registration_application(load(IDP, data), "en", date(2026, 11, 3))
    assert english["applicant"]["relation_statement"].endswith(", am the children's grandmother.")
    data["other_children"] = []
    one = describe_idp_registration_application(load(IDP, data), "uk", date(2026, 11, 3))
    assert one["applicant"]["relation_statement"].endswith(", є бабусею дитини.")
