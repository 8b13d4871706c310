"""Rules of the custody.* documents: who may apply, ages, dates, and the choices made."""

from __future__ import annotations

import copy
from datetime import date, time
from typing import Any

import pytest
from marshmallow import ValidationError

from service.documents import DocumentPipeline, get_template
from service.schemas.base import collect_warnings, flatten_errors
from service.schemas.custody import MSG_ONE_CIRCUMSTANCE
from tests.readback import docx_text, normalise_space, pdf_text

STATUS = "custody.war_affected_status_application"
HANDOVER = "custody.child_handover_act"
GUARDIANSHIP = "custody.guardianship_application"
CONSENT = "custody.accompanying_adult_consent"
ALL = (STATUS, HANDOVER, GUARDIANSHIP, CONSENT)


def example(template_id: str) -> dict[str, Any]:
    """A fresh copy of a template's example."""
    return copy.deepcopy(get_template(template_id).load_example())


def load(template_id: str, data: dict[str, Any]) -> dict[str, Any]:
    """Load data with the template's schema."""
    loaded: dict[str, Any] = get_template(template_id).schema().load(data)
    return loaded


def errors(template_id: str, data: dict[str, Any]) -> dict[str, list[str]]:
    """The errors of invalid data, by dotted path ({} when the data is valid)."""
    try:
        load(template_id, data)
    except ValidationError as error:
        return flatten_errors(error.messages)
    return {}


def warnings(template_id: str, data: dict[str, Any]) -> dict[str, str]:
    """The warnings of valid data, by dotted path."""
    schema = get_template(template_id).schema()
    return {item.path: item.message for item in collect_warnings(schema, schema.load(data))}


def context(template_id: str, data: dict[str, Any], lang: str = "uk") -> dict[str, Any]:
    """The language context a template would get."""
    spec = get_template(template_id)
    return spec.describe(load(template_id, data), lang, date(2026, 11, 26))


def set_path(data: dict[str, Any], path: str, value: Any) -> None:
    """Set data["a"]["b"]... from "a.b"; a value of DELETE removes the key."""
    keys = path.split(".")
    node: Any = data
    for key in keys[:-1]:
        node = node[int(key)] if isinstance(node, list) else node[key]
    last: Any = int(keys[-1]) if isinstance(node, list) else keys[-1]
    if value is DELETE:
        del node[last]
    else:
        node[last] = value


DELETE = object()


@pytest.mark.parametrize("template_id", ALL)
def test_examples_are_valid_without_warnings(template_id: str) -> None:
    assert errors(template_id, example(template_id)) == {}
    assert warnings(template_id, example(template_id)) == {}


# --- custody.war_affected_status_application -----------------------------------------


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"circumstance": ["injury", "physical_violence"]}, "circumstance"),
        ({"circumstance": ["injury"]}, "circumstance"),
        ({"circumstance": {"injury": True}}, "circumstance"),
        ({"circumstance": "bombing"}, "circumstance"),
        ({"personal_data_consent": False}, "personal_data_consent"),
        ({"personal_data_consent": DELETE}, "personal_data_consent"),
        ({"application_date": "2030-01-01"}, "application_date"),
        ({"application_date": "2013-06-07"}, "application_date"),
        ({"attachments": []}, "attachments"),
        ({"attachments.0": {"kind": "other"}}, "attachments.0.description"),
        (
            {"applicant.birth_date": "2009-01-01", "applicant.relation": "other_relative"},
            "applicant.birth_date",
        ),
        ({"applicant.birth_date": "2013-01-01"}, "applicant.birth_date"),
        ({"applicant.relation": "father"}, "applicant.relation"),
        ({"circumstance_details": DELETE}, "circumstance_details"),
    ],
)
def test_status_application_rules(changes: dict[str, Any], path: str) -> None:
    data = example(STATUS)
    for key, value in changes.items():
        set_path(data, key, value)
    assert path in errors(STATUS, data)


def test_several_circumstances_are_refused_with_a_clear_message() -> None:
    data = example(STATUS)
    data["circumstance"] = ["injury", "deportation_or_forced_displacement"]
    assert errors(STATUS, data) == {"circumstance": [MSG_ONE_CIRCUMSTANCE]}
    data = example(STATUS)
    data["circumstances"] = ["injury", "deportation_or_forced_displacement"]
    assert errors(STATUS, data) == {"circumstances": [MSG_ONE_CIRCUMSTANCE]}


def test_a_parent_of_14_may_apply_for_the_child() -> None:
    data = example(STATUS)
    data["applicant"]["birth_date"] = "2012-11-23"  # 14 on the application date
    data["applicant"]["rnokpp"] = None
    assert errors(STATUS, data) == {}
    data["applicant"]["birth_date"] = "2012-11-24"  # 14 tomorrow
    assert "applicant.birth_date" in errors(STATUS, data)


@pytest.mark.parametrize(
    ("birth_date", "path"),
    [
        ("2012-11-24", "applicant"),  # 13, turns 14 the day after the application
        ("2012-11-23", None),  # 14 on the application date: applies alone
        ("2008-11-23", None),  # 18: applies alone (with a warning)
    ],
)
def test_the_child_applies_alone_from_14(birth_date: str, path: str | None) -> None:
    data = example(STATUS)
    del data["applicant"]
    data["child"]["birth_date"] = birth_date
    data["child"]["rnokpp"] = None
    found = errors(STATUS, data)
    assert (path in found) if path else found == {}


def test_a_person_of_18_applies_in_person_and_is_warned() -> None:
    data = example(STATUS)
    data["child"]["birth_date"] = "2008-11-23"
    data["child"]["rnokpp"] = None
    assert "applicant" in errors(STATUS, data)
    del data["applicant"]
    assert set(warnings(STATUS, data)) == {"child.birth_date"}


def test_the_status_application_names_the_child_and_the_one_circumstance() -> None:
    uk = context(STATUS, example(STATUS), "uk")
    assert uk["filer"]["genitive"] == "Коваленко Ірини Василівни"
    assert "Прошу надати Коваленко Софії Андріївні, 08.06.2013 року народження" in uk["request"]
    assert uk["circumstance"].startswith("депортація або примусове переміщення")
    data = example(STATUS)
    del data["applicant"]
    data["child"]["birth_date"] = "2010-06-08"
    data["child"]["rnokpp"] = None
    alone = context(STATUS, data, "uk")
    assert alone["applicant"] is None
    assert alone["filer"]["signature"] == "Софія КОВАЛЕНКО"
    assert alone["request"].startswith("Я, Коваленко Софія Андріївна, 08.06.2010 року народження")


def test_the_header_derives_the_dative_of_the_authority() -> None:
    data = example(STATUS)
    data["authority"] = {"name": "Служба у справах дітей Житомирської міської ради"}
    assert warnings(STATUS, data) == {}
    header = context(STATUS, data, "uk")["addressee"]
    assert header["dative"] == "Службі у справах дітей Житомирської міської ради"
    assert context(STATUS, data, "en")["addressee"]["name"] == (
        "Children's Service of Zhytomyr City Council"
    )


def test_a_name_the_rules_cannot_decline_warns_until_corrected() -> None:
    data = example(STATUS)
    data["authority"] = {"name": "Ромашка"}
    assert set(warnings(STATUS, data)) == {"authority.name"}
    data["authority"].update(name_dative="Ромашці", name_en="Romashka")
    assert warnings(STATUS, data) == {}
    assert context(STATUS, data, "uk")["addressee"]["dative"] == "Ромашці"


# --- custody.child_handover_act ------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"return.date": "2022-08-14"}, "return.date"),
        ({"handover.date": "2026-11-17"}, "handover.date"),
        ({"deportation.date": "2011-09-26"}, "deportation.date"),
        ({"handover.date": "2030-01-01"}, "handover.date"),
        ({"handover.time": DELETE}, "handover.time"),
        ({"handover.time": "24:00"}, "handover.time"),
        ({"handover.time": "11.30"}, "handover.time"),
        ({"handover.time": "1130"}, "handover.time"),
        ({"handover.time": 1130}, "handover.time"),
        ({"handover.time": "11:30:15"}, "handover.time"),
        ({"legal_representative.relation": "grandparent"}, "legal_representative.relation"),
        ({"legal_representative.id_document": DELETE}, "legal_representative.id_document"),
        (
            {
                "legal_representative.id_document": {
                    "kind": "birth_certificate",
                    "series": "I-ЖС",
                    "number": "123456",
                }
            },
            "legal_representative.id_document.kind",
        ),
        ({"route.from": "other"}, "route.from_details"),
        ({"route.from": "crimea"}, "route.from"),
        ({"route.through": "UA"}, "route.through"),
        ({"route.through": "RU"}, "route.through"),
        ({"deportation.place.country": "RU"}, "deportation.place.country"),
        ({"return.place.country": "PL"}, "return.place.country"),
        ({"accompanying_person.birth_date": "2008-11-21"}, "accompanying_person.birth_date"),
        ({"accompanying_person.id_document": DELETE}, "accompanying_person.id_document"),
        ({"child.birth_date": "2008-11-20", "child.rnokpp": None}, "child.birth_date"),
        ({"officer.organisation": DELETE}, "officer.organisation"),
        ({"condition_notes": DELETE}, "condition_notes"),
    ],
)
def test_handover_act_rules(changes: dict[str, Any], path: str) -> None:
    data = example(HANDOVER)
    for key, value in changes.items():
        set_path(data, key, value)
    assert path in errors(HANDOVER, data)


@pytest.mark.parametrize(
    "changes",
    [
        {"return.date": "2022-08-15"},  # returned the day of the deportation
        {"handover.date": "2026-11-18"},  # handed over the day of the return
        {"accompanying_person.birth_date": "2008-11-20", "accompanying_person.rnokpp": None},
        {"route.through": "BY"},  # from Russia through Belarus
        {"route.through": None},
        {"route.from": "other", "route.from_details": {"uk": "Грузія", "en": "Georgia"}},
        {"legal_representative.relation": "guardian"},
    ],
)
def test_handover_act_accepts(changes: dict[str, Any]) -> None:
    data = example(HANDOVER)
    for key, value in changes.items():
        set_path(data, key, value)
    assert errors(HANDOVER, data) == {}


@pytest.mark.parametrize(("typed", "loaded"), [("11:30", time(11, 30)), ("9:05", time(9, 5))])
def test_handover_time_is_hh_mm(typed: str, loaded: time) -> None:
    data = example(HANDOVER)
    data["handover"]["time"] = typed
    assert load(HANDOVER, data)["handover"]["time"] == loaded
    assert context(HANDOVER, data)["time"] == f"{loaded.hour:02d}:{loaded.minute:02d}"


def test_handover_act_has_three_signatures() -> None:
    uk = context(HANDOVER, example(HANDOVER), "uk")
    assert [s["name"] for s in uk["signatures"]] == [
        "Наталія САВЧУК",
        "Олег БОНДАРЕНКО",
        "Тетяна МЕЛЬНИК",
    ]
    assert uk["signatures"][0]["role"].startswith("Передала")
    assert uk["signatures"][1]["role"].startswith("Прийняв")
    en = context(HANDOVER, example(HANDOVER), "en")
    assert [s["name"] for s in en["signatures"]] == [
        "Nataliia SAVCHUK",
        "Oleh BONDARENKO",
        "Tetiana MELNYK",
    ]


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
@pytest.mark.parametrize("lang", ["uk", "en", "uk-en"])
def test_all_three_signatories_appear_in_the_act(
    pipeline: DocumentPipeline, lang: str, fmt: str
) -> None:
    document = pipeline.render(HANDOVER, example(HANDOVER), lang, fmt)
    text = (
        pdf_text(document.content) if fmt == "pdf" else normalise_space(docx_text(document.content))
    )
    squashed = "".join(text.split())
    names = {
        "uk": ["НаталіяСАВЧУК", "ОлегБОНДАРЕНКО", "ТетянаМЕЛЬНИК"],
        "en": ["NataliiaSAVCHUK", "OlehBONDARENKO", "TetianaMELNYK"],
    }
    for one in lang.split("-"):
        for name in names[one]:
            assert name in squashed
    assert "11:30" in squashed


# --- custody.guardianship_application ------------------------------------------------


@pytest.mark.parametrize(
    ("birth_date", "application_date", "kind"),
    [
        ("2012-11-24", "2026-11-23", "guardianship"),  # the day before the 14th birthday
        ("2012-11-24", "2026-11-24", "curatorship"),  # the 14th birthday
        ("2008-11-24", "2026-11-23", "curatorship"),  # the day before the 18th birthday
        ("2012-02-29", "2026-02-27", "guardianship"),
        ("2012-02-29", "2026-02-28", "curatorship"),  # born 29 February, 14 on 28 February
    ],
)
def test_guardianship_or_curatorship_by_age_on_the_application_date(
    birth_date: str, application_date: str, kind: str
) -> None:
    data = example(GUARDIANSHIP)
    data["child"]["birth_date"] = birth_date
    data["application_date"] = application_date
    uk = context(GUARDIANSHIP, data, "uk")
    en = context(GUARDIANSHIP, data, "en")
    assert uk["kind"] == en["kind"] == kind
    if kind == "guardianship":
        assert uk["subtitle"] == "про встановлення опіки над дитиною"
        assert uk["requests"][0].startswith("Встановити опіку щодо Ткаченко Дарини Сергіївни")
        assert uk["requests"][1] == "Призначити мене опікункою дитини."
        assert en["requests"][1] == "To appoint me as the child's guardian."
    else:
        assert uk["subtitle"] == "про встановлення піклування над дитиною"
        assert uk["requests"][0].startswith("Встановити піклування щодо")
        assert uk["requests"][1] == "Призначити мене піклувальницею дитини."
        assert en["requests"][1] == "To appoint me as the child's curator."


def test_no_guardianship_from_the_18th_birthday() -> None:
    data = example(GUARDIANSHIP)
    data["child"]["birth_date"] = "2008-11-24"
    data["application_date"] = "2026-11-24"
    assert "child.birth_date" in errors(GUARDIANSHIP, data)


def test_the_kind_is_never_sent_by_the_client() -> None:
    data = example(GUARDIANSHIP)
    data["kind"] = "guardianship"
    assert errors(GUARDIANSHIP, data) == {"kind": ["Unknown field."]}


@pytest.mark.parametrize(
    ("age_birth_date", "words"),
    [
        ("2025-11-24", "виповнився 1 рік"),
        ("2023-11-24", "виповнилося 3 роки"),
        ("2015-05-04", "виповнилося 11 років"),
    ],
)
def test_the_age_is_spelled_with_plural_forms(age_birth_date: str, words: str) -> None:
    data = example(GUARDIANSHIP)
    data["child"]["birth_date"] = age_birth_date
    assert words in context(GUARDIANSHIP, data, "uk")["age_statement"]


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"applicant.birth_date": "2008-11-25", "applicant.rnokpp": None}, "applicant.birth_date"),
        ({"applicant.relation": "mother"}, "applicant.relation"),
        ({"applicant.id_document": DELETE}, "applicant.id_document"),
        ({"mother.surname": DELETE}, "mother.surname"),
        ({"father.status": "alive"}, "father.status"),
        (
            {"father": {"status": "other", "surname": "Ткаченко", "given_name": "Сергій"}},
            "father.details",
        ),
        ({"mother": DELETE}, "mother"),
        ({"application_date": "2015-05-03"}, "application_date"),
        ({"attachments": []}, "attachments"),
        ({"child.birth_date": "2030-01-01"}, "child.birth_date"),
    ],
)
def test_guardianship_rules(changes: dict[str, Any], path: str) -> None:
    data = example(GUARDIANSHIP)
    for key, value in changes.items():
        set_path(data, key, value)
    assert path in errors(GUARDIANSHIP, data)


def test_an_unknown_parent_needs_no_name() -> None:
    data = example(GUARDIANSHIP)
    data["father"] = {"status": "absent"}
    assert errors(GUARDIANSHIP, data) == {}
    parents = context(GUARDIANSHIP, data, "uk")["parents"]
    assert parents[0]["text"].startswith("Ткаченко Олена Вікторівна — померла")
    assert parents[1] == {"role": "Батько:", "text": "відомості відсутні"}


def test_guardianship_warns_about_missing_certificates() -> None:
    data = example(GUARDIANSHIP)
    data["attachments"] = [{"kind": "applicant_id_document"}]
    data["applicant"]["relation"] = "not_related"
    found = [
        item.message
        for item in collect_warnings(get_template(GUARDIANSHIP).schema(), load(GUARDIANSHIP, data))
    ]
    assert len(found) == 3
    assert all(path == "attachments" for path in warnings(GUARDIANSHIP, data))


# --- custody.accompanying_adult_consent ----------------------------------------------


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"parents": []}, "parents"),
        ({"parents.1.relation": "mother"}, "parents.1.relation"),
        ({"parents.0.sex": "male"}, "parents.0.relation"),
        ({"parents.0.id_document": DELETE}, "parents.0.id_document"),
        ({"parents.0.address": DELETE}, "parents.0.address"),
        (
            {"accompanying_adult.birth_date": "2008-11-26", "accompanying_adult.rnokpp": None},
            "accompanying_adult.birth_date",
        ),
        ({"period.to": "2026-12-14"}, "period.to"),
        ({"period.from": "2026-11-24"}, "period.from"),
        ({"child.birth_date": "2008-11-25"}, "child.birth_date"),
        ({"child.birth_certificate.series": "II-ЫЭ"}, "child.birth_certificate.series"),
        ({"child.birth_certificate": DELETE}, "child.birth_certificate"),
        ({"destination.countries": ["PL", "PL"]}, "destination.countries"),
        ({"destination.countries": []}, "destination.countries"),
        ({"destination.countries": ["XX"]}, "destination.countries.0"),
        ({"sole_consent_reason": "батько помер"}, "sole_consent_reason"),
        ({"consent_date": "2030-01-01"}, "consent_date"),
        ({"purpose": DELETE}, "purpose"),
    ],
)
def test_consent_rules(changes: dict[str, Any], path: str) -> None:
    data = example(CONSENT)
    for key, value in changes.items():
        set_path(data, key, value)
    assert path in errors(CONSENT, data)


def test_three_parents_are_refused() -> None:
    data = example(CONSENT)
    data["parents"].append(copy.deepcopy(data["parents"][0]))
    assert "parents" in errors(CONSENT, data)


@pytest.mark.parametrize(
    ("birth_date", "valid"),
    [("2008-11-25", True), ("2008-11-26", False)],  # 18 on the consent date 25.11.2026, or not
)
def test_the_accompanying_adult_is_18_on_the_consent_date(birth_date: str, valid: bool) -> None:
    data = example(CONSENT)
    data["accompanying_adult"]["birth_date"] = birth_date
    data["accompanying_adult"]["rnokpp"] = None
    assert (errors(CONSENT, data) == {}) is valid


def test_a_period_of_one_day_is_accepted() -> None:
    data = example(CONSENT)
    data["period"] = {"from": "2026-11-25", "to": "2026-11-25"}
    assert errors(CONSENT, data) == {}


def test_a_parent_is_not_the_accompanying_adult() -> None:
    data = example(CONSENT)
    mother = data["parents"][0]
    data["accompanying_adult"].update(
        surname=mother["surname"],
        given_name=mother["given_name"],
        patronymic=mother["patronymic"],
        birth_date=mother["birth_date"],
        rnokpp=mother["rnokpp"],
    )
    assert "accompanying_adult" in errors(CONSENT, data)


def test_one_parent_abroad_is_warned_unless_a_reason_is_given() -> None:
    data = example(CONSENT)
    data["parents"] = data["parents"][:1]
    assert set(warnings(CONSENT, data)) == {"sole_consent_reason"}
    data["destination"]["countries"] = ["UA"]
    assert warnings(CONSENT, data) == {}
    data["destination"]["countries"] = ["PL"]
    data["sole_consent_reason"] = {
        "uk": "батько дитини помер (свідоцтво про смерть серія I-ТП № 000123)",
        "en": "the child's father has died (death certificate series I-TP No. 000123)",
    }
    assert warnings(CONSENT, data) == {}
    uk = context(CONSENT, data, "uk")
    assert uk["statement"].startswith("Я, Шевчук Марина Олександрівна, даю згоду")
    assert uk["sole_reason"]["text"].startswith("батько дитини помер")


def test_two_parents_consent_together() -> None:
    uk = context(CONSENT, example(CONSENT), "uk")
    assert uk["statement"].startswith(
        "Ми, Шевчук Марина Олександрівна та Шевчук Дмитро Ігорович, даємо згоду"
    )
    assert [parent["role"] for parent in uk["parents"]] == ["Мати:", "Батько:"]
    assert uk["terms"][-1]["value"] == "з 15 грудня 2026\u00a0р. по 29 грудня 2026\u00a0р. включно"


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_consent_has_a_signature_per_parent_and_a_notary_block(
    pipeline: DocumentPipeline, fmt: str
) -> None:
    document = pipeline.render(CONSENT, example(CONSENT), "uk", fmt)
    text = (
        pdf_text(document.content) if fmt == "pdf" else normalise_space(docx_text(document.content))
    )
    squashed = "".join(text.split())
    assert "МаринаШЕВЧУК" in squashed
    assert "ДмитроШЕВЧУК" in squashed
    assert "Посвідчувальнийнаписнотаріуса" in squashed
