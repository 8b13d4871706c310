"""Rules of the custody.* documents: who may apply, ages, dates, and the choices made."""

from __future__ import annotations

import copy
from datetime import date, time
from typing import Any

import pytest
from marshmallow import ValidationError

from service.documents import DocumentPipeline, get_template
from service.documents.premises import NotApplicableError, Refusal
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


def refusal(template_id: str, data: dict[str, Any]) -> dict[str, Any] | None:
    """The one false premise of valid data, in both languages (None when the document applies)."""
    spec = get_template(template_id)
    loaded = load(template_id, data)
    found = list(spec.premises(loaded)) if spec.premises else []
    if not found:
        return None
    refusals = [item for item in found if isinstance(item, Refusal)]
    error = NotApplicableError(template_id, refusals, {})
    [member] = error.extra_members()["refusals"]
    result: dict[str, Any] = member
    return result


def individual_trip(data: dict[str, Any], certification: str = "notary") -> dict[str, Any]:
    """The consent's example made an individual trip abroad (the example is a group trip)."""
    data["trip_kind"] = "abroad"
    data["certification"] = certification
    del data["group"]
    if certification != "guardianship_authority":
        del data["children_service"]
    return data


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
        # The extract names its proceedings; nothing else does.
        ({"attachments.4.proceedings_number": DELETE}, "attachments.4.proceedings_number"),
        ({"attachments.4.proceedings_date": DELETE}, "attachments.4.proceedings_date"),
        (
            {"attachments.4.proceedings_number": "4202200000000158"},
            "attachments.4.proceedings_number",
        ),
        ({"attachments.4.proceedings_date": "2030-01-01"}, "attachments.4.proceedings_date"),
        (
            {"attachments.0.proceedings_number": "42022000000001587"},
            "attachments.0.proceedings_number",
        ),
        # Not a parent: the document proving the authority or the kinship, described.
        ({"applicant.relation": "grandparent"}, "attachments"),
        ({"attachments.2": {"kind": "relationship_document"}}, "attachments.2.description"),
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
        ("2008-11-23", None),  # 18: valid data, but the document does not apply (below)
    ],
)
def test_the_child_applies_alone_from_14(birth_date: str, path: str | None) -> None:
    data = example(STATUS)
    del data["applicant"]
    data["child"]["birth_date"] = birth_date
    data["child"]["rnokpp"] = None
    found = errors(STATUS, data)
    assert (path in found) if path else found == {}


def test_a_relative_applies_with_the_document_proving_the_kinship() -> None:
    data = example(STATUS)
    data["applicant"]["relation"] = "grandparent"
    data["attachments"][2] = {
        "kind": "relationship_document",
        "description": {
            "uk": "копії свідоцтв про народження матері дитини та дитини",
            "en": "copies of the birth certificates of the child's mother and of the child",
        },
    }
    assert errors(STATUS, data) == {}
    attachments = context(STATUS, data, "uk")["attachments"]
    assert attachments[0] == "Копія свідоцтва про народження дитини"  # proves no kinship alone
    assert attachments[2].startswith(
        "Копія документа, що підтверджує родинні відносини заявниці з дитиною або її "
        "повноваження представляти інтереси дитини: копії свідоцтв"
    )


@pytest.mark.parametrize("with_applicant", [True, False])
def test_a_person_of_18_is_refused_not_warned(with_applicant: bool) -> None:
    """The status is a child's: a person of 18 on the application date is refused (was: a
    warning, and an error for an applicant)."""
    data = example(STATUS)
    data["child"]["birth_date"] = "2008-11-23"  # 18 on the application date 23.11.2026
    data["child"]["rnokpp"] = None
    if not with_applicant:
        del data["applicant"]
    assert errors(STATUS, data) == {}
    assert warnings(STATUS, data) == {}
    found = refusal(STATUS, data)
    assert found is not None
    assert found["person"]["path"] == "child"
    assert found["fact"]["uk"] == (
        "Коваленко Софія Андріївна досягла 18 років 23.11.2026, не пізніше дати подання "
        "заяви (23.11.2026)."
    )
    assert "23 November 2026" in found["fact"]["en"]
    assert "30-1" in found["rule"]["uk"] and "30-1" in found["rule"]["en"]
    assert "№ 268" in found["rule"]["uk"] and "No. 268" in found["rule"]["en"]
    data["child"]["birth_date"] = "2008-11-24"  # 18 the day after
    assert refusal(STATUS, data) is None


def test_the_status_application_names_the_child_and_the_one_circumstance() -> None:
    uk = context(STATUS, example(STATUS), "uk")
    assert uk["filer"]["genitive"] == "Коваленко Ірини Василівни"
    assert "Прошу надати Коваленко Софії Андріївні, 08.06.2013 року народження" in uk["request"]
    # The deportation ground without the unconfirmed "including unlawful removal" clause.
    assert uk["circumstance"] == "депортація або примусове переміщення"
    assert context(STATUS, example(STATUS), "en")["circumstance"] == (
        "deportation or forced displacement"
    )
    assert uk["attachments"][0] == (
        "Копія свідоцтва про народження дитини (підтверджує родинні стосунки заявниці з дитиною)"
    )
    assert uk["attachments"][4] == (
        "Витяг з Єдиного реєстру досудових розслідувань щодо кримінального провадження "
        "№ 42022000000001587 від 05.10.2022"
    )
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
        ({"officer.organisation": DELETE}, "officer.organisation"),
        # The receiver's authority: a parent's birth certificate, a guardian's decision.
        (
            {"legal_representative.authority_document": DELETE},
            "legal_representative.authority_document",
        ),
        (
            {"legal_representative.authority_document.series": "II-ЫЭ"},
            "legal_representative.authority_document.series",
        ),
        (
            {"legal_representative.authority_document.number": DELETE},
            "legal_representative.authority_document.number",
        ),
        (
            {"legal_representative.relation": "guardian", "legal_representative.sex": "male"},
            "legal_representative.authority_document.kind",
        ),
        (
            {"legal_representative.authority_document": {"kind": "appointment_decision"}},
            "legal_representative.authority_document.issued_by",
        ),
        (
            {"legal_representative.authority_document": {"kind": "other"}},
            "legal_representative.authority_document.description",
        ),
        # The escort's authorisation.
        ({"accompanying_person.authorisation": DELETE}, "accompanying_person.authorisation"),
        (
            {"accompanying_person.authorisation.kind": "other"},
            "accompanying_person.authorisation.description",
        ),
        (
            {"accompanying_person.authorisation.date": "2026-11-21"},
            "accompanying_person.authorisation.date",
        ),
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
        {
            "legal_representative.relation": "guardian",
            "legal_representative.authority_document": {
                "kind": "appointment_decision",
                "issued_by": {"name": "Виконавчий комітет Енергодарської міської ради"},
                "date": "2023-03-14",
                "number": "112",
            },
        },
        {
            "accompanying_person.authorisation": {
                "kind": "other",
                "date": "2026-11-15",
                "description": {"uk": "лист-доручення Уповноваженого", "en": "letter"},
            }
        },
        {"return.date": "2022-08-14"},  # valid data; the act does not apply (below)
        {"child.birth_date": "2008-11-20", "child.rnokpp": None},  # idem
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


@pytest.mark.parametrize(
    ("birth_date", "acknowledged"),
    [("2012-11-20", True), ("2012-11-21", False)],  # 14 on the handover date 20.11.2026, or not
)
def test_a_child_of_14_may_acknowledge_the_act(birth_date: str, acknowledged: bool) -> None:
    data = example(HANDOVER)
    data["child"]["birth_date"] = birth_date
    data["child"]["rnokpp"] = None
    uk = context(HANDOVER, data, "uk")
    if acknowledged:
        assert uk["acknowledgement"] == {
            "role": "З актом ознайомлений (дитина):",
            "name": "Максим БОНДАРЕНКО",
        }
    else:
        assert uk["acknowledgement"] is None
    assert len(uk["signatures"]) == 3  # the three parties sign in any case


def test_the_receivers_authority_and_the_escorts_authorisation_are_named() -> None:
    uk = context(HANDOVER, example(HANDOVER), "uk")
    assert uk["parties"][0]["summary"].endswith("діє на підставі довіреності від 10.11.2026 № 58")
    assert uk["parties"][1]["summary"].endswith(
        "документ, що підтверджує повноваження законного представника: свідоцтво про "
        "народження дитини серія I-ЖС № 417293"
    )
    en = context(HANDOVER, example(HANDOVER), "en")
    assert en["parties"][0]["summary"].endswith(
        "acts under a power of attorney No. 58 of 10 November 2026"
    )


@pytest.mark.parametrize(
    ("changes", "fact_uk", "rule_word"),
    [
        (
            {"child.birth_date": "2008-11-20", "child.rnokpp": None},
            "Бондаренко Максим Олегович досяг 18 років 20.11.2026, не пізніше дня передачі "
            "дитини (20.11.2026).",
            "242",
        ),
        (
            {"return.date": "2022-08-14"},
            "Бондаренко Максим Олегович повернувся в Україну 14.08.2022, тобто раніше за "
            "депортацію (примусове переміщення) 15.08.2022.",
            "551",
        ),
    ],
)
def test_a_false_premise_refuses_the_act(
    changes: dict[str, Any], fact_uk: str, rule_word: str
) -> None:
    """Was a field error at child.birth_date / return.date: now the act does not apply."""
    data = example(HANDOVER)
    for key, value in changes.items():
        set_path(data, key, value)
    found = refusal(HANDOVER, data)
    assert found is not None
    assert found["fact"]["uk"] == fact_uk
    assert rule_word in found["rule"]["uk"] and rule_word in found["rule"]["en"]


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
    data["status_decision"]["date"] = "2026-01-15"
    uk = context(GUARDIANSHIP, data, "uk")
    en = context(GUARDIANSHIP, data, "en")
    assert uk["kind"] == en["kind"] == kind
    if kind == "guardianship":
        assert uk["subtitle"] == "про встановлення опіки над дитиною"
        assert uk["requests"][0].startswith(
            "Встановити опіку над малолітньою дитиною: Ткаченко Дарина Сергіївна, "
        )
        assert uk["requests"][1] == "Призначити мене опікункою дитини."
        assert en["requests"][1] == "To appoint me as the child's guardian."
    else:
        assert uk["subtitle"] == "про встановлення піклування над дитиною"
        assert uk["requests"][0].startswith(
            "Встановити піклування над неповнолітньою дитиною: Ткаченко Дарина Сергіївна, "
        )
        assert uk["requests"][1] == "Призначити мене піклувальницею дитини."
        assert en["requests"][1] == "To appoint me as the child's curator."


def test_no_guardianship_from_the_18th_birthday() -> None:
    """Was a field error at child.birth_date: now the application does not apply."""
    data = example(GUARDIANSHIP)
    data["child"]["birth_date"] = "2008-11-24"
    data["application_date"] = "2026-11-24"
    assert errors(GUARDIANSHIP, data) == {}
    found = refusal(GUARDIANSHIP, data)
    assert found is not None
    assert found["fact"]["uk"].startswith("Ткаченко Дарина Сергіївна досягла 18 років")
    assert "243" in found["rule"]["uk"] and "243" in found["rule"]["en"]


def test_a_living_parent_needs_the_status_decision_first() -> None:
    """The father is in captivity: without the decision on the child's status, refused."""
    data = example(GUARDIANSHIP)
    assert refusal(GUARDIANSHIP, data) is None
    del data["status_decision"]
    assert errors(GUARDIANSHIP, data) == {}
    found = refusal(GUARDIANSHIP, data)
    assert found is not None
    assert found["person"]["path"] == "child"
    assert found["fact"]["uk"] == (
        "Дитина Ткаченко Дарина Сергіївна не є дитиною-сиротою (батько Ткаченко Сергій "
        "Іванович — перебуває в полоні), а рішення про надання їй статусу дитини, позбавленої "
        "батьківського піклування, не зазначено."
    )
    assert "статті 243 Сімейного кодексу України" in found["rule"]["uk"]
    assert "article 243" in found["rule"]["en"] and "No. 866" in found["rule"]["en"]
    # Both parents dead: an orphan, no decision needed.
    data["father"] = {"status": "deceased", "surname": "Ткаченко", "given_name": "Сергій"}
    assert refusal(GUARDIANSHIP, data) is None
    assert context(GUARDIANSHIP, data, "uk")["status"] == "Обоє батьків дитини померли."


def test_the_status_decision_is_cited() -> None:
    uk = context(GUARDIANSHIP, example(GUARDIANSHIP), "uk")
    assert uk["status"] == (
        "Рішенням Виконавчого комітету Житомирської міської ради від 22.10.2026 № 1187 "
        "дитині надано статус дитини, позбавленої батьківського піклування."
    )
    en = context(GUARDIANSHIP, example(GUARDIANSHIP), "en")
    assert en["status"] == (
        "By decision of the Executive Committee of Zhytomyr City Council No. 1187 of "
        "22 October 2026, the child was granted the status of a child deprived of parental care."
    )


@pytest.mark.parametrize("sex", ["male", "female"])
def test_the_candidate_has_one_grammatical_gender(sex: str) -> None:
    data = example(GUARDIANSHIP)
    if sex == "male":
        data["applicant"].update(
            given_name="Василь", patronymic="Петрович", sex="male", rnokpp=None
        )
    uk = context(GUARDIANSHIP, data, "uk")
    words = {
        "male": ("опікуном", "опікуна", "заявника"),
        "female": ("опікункою", "опікунки", "заявниці"),
    }
    appointed, duties, applicant = words[sex]
    assert uk["requests"][1] == f"Призначити мене {appointed} дитини."
    assert f"обов’язки {duties}:" in uk["undertaking"]
    assert uk["no_obstacles"] == (
        "Обставин, передбачених статтею 64 Цивільного кодексу України та частиною третьою "
        f"статті 244 Сімейного кодексу України, які перешкоджають призначенню мене {appointed}, "
        "немає."
    )
    assert uk["applicant"]["document_label"] == f"Документ, що посвідчує особу {applicant}:"
    assert uk["attachments"][0] == f"Копія документа, що посвідчує особу {applicant}"


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
        ({"attachments.0.kind": "home_inspection_report"}, "attachments.0.kind"),
        ({"status_decision.status": "orphan"}, "status_decision.status"),
        ({"status_decision.date": "2026-11-25"}, "status_decision.date"),
        ({"status_decision.number": DELETE}, "status_decision.number"),
        ({"status_decision.body": DELETE}, "status_decision.body"),
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
    assert len(found) == 3  # health report, criminal record, training
    assert all(path == "attachments" for path in warnings(GUARDIANSHIP, data))


def test_a_relative_is_asked_for_the_simplified_list() -> None:
    """Martial law: kinship, narcologist's and psychiatrist's certificates, criminal record."""
    data = example(GUARDIANSHIP)
    assert warnings(GUARDIANSHIP, data) == {}  # no health report or income asked of a grandmother
    data["attachments"] = [{"kind": "applicant_id_document"}, {"kind": "health_certificate"}]
    schema = get_template(GUARDIANSHIP).schema()
    found = {item.message for item in collect_warnings(schema, load(GUARDIANSHIP, data))}
    assert found == {
        "The guardianship authority also needs the documents proving the applicant's kinship "
        "with the child.",
        "The guardianship authority also needs certificates from a narcologist and a "
        "psychiatrist that the applicant is not on their registers.",
        "The guardianship authority also needs a certificate of no criminal record.",
    }


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
            {"accompanying_adult.birth_date": "2008-12-16", "accompanying_adult.rnokpp": None},
            "accompanying_adult.birth_date",
        ),
        ({"period.to": "2026-12-14"}, "period.to"),
        ({"period.from": "2026-11-24"}, "period.from"),
        ({"child.birth_certificate.series": "II-ЫЭ"}, "child.birth_certificate.series"),
        ({"child.birth_certificate": DELETE}, "child.birth_certificate"),
        ({"destination.countries": ["PL", "PL"]}, "destination.countries"),
        ({"destination.countries": []}, "destination.countries"),
        ({"destination.countries": ["XX"]}, "destination.countries.0"),
        ({"sole_consent_reason": "батько помер"}, "sole_consent_reason"),
        ({"consent_date": "2030-01-01"}, "consent_date"),
        ({"purpose": DELETE}, "purpose"),
        # The kind of trip decides the certification, the group and the destination.
        ({"trip_kind": DELETE}, "trip_kind"),
        ({"trip_kind": "holiday"}, "trip_kind"),
        ({"certification": "notary"}, "certification"),  # a group trip: no notary
        ({"group": DELETE}, "group"),
        ({"trip_kind": "abroad", "children_service": DELETE}, "certification"),
        ({"trip_kind": "abroad", "certification": "guardianship_authority"}, "certification"),
        ({"trip_kind": "within_ukraine"}, "destination.countries"),
        ({"destination.countries": ["UA"]}, "destination.countries"),
        (
            {
                "trip_kind": "within_ukraine",
                "destination.countries": ["UA"],
                "group": DELETE,
                "destination.place": DELETE,
            },
            "destination.place",
        ),
        (
            {
                "trip_kind": "within_ukraine",
                "destination.countries": ["UA"],
                "group": DELETE,
                "certification": "guardianship_authority",
            },
            "certification",
        ),
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
    [("2008-12-15", True), ("2008-12-16", False)],  # 18 on the trip's first day 15.12.2026
)
def test_the_accompanying_adult_is_18_on_the_first_day_of_the_trip(
    birth_date: str, valid: bool
) -> None:
    """Was: 18 on the consent date. The Rules ask it "на момент виїзду" (docs/legal:
    rules_57_items_3_4), so an adult who turns 18 between the consent and the trip may go."""
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


def test_one_parent_before_a_notary_is_warned_unless_a_reason_is_given() -> None:
    data = individual_trip(example(CONSENT))
    data["parents"] = data["parents"][:1]
    assert set(warnings(CONSENT, data)) == {"sole_consent_reason"}
    data["sole_consent_reason"] = {
        "uk": "батько дитини помер (свідоцтво про смерть серія I-ТП № 000123)",
        "en": "the child's father has died (death certificate series I-TP No. 000123)",
    }
    assert warnings(CONSENT, data) == {}
    uk = context(CONSENT, data, "uk")
    assert uk["statement"].startswith(
        "Я, Шевчук Марина Олександрівна, даю згоду на тимчасовий виїзд моєї дочки Шевчук Олесі "
        "Дмитрівни, 11.04.2017 року народження, за межі України (держава прямування: Польща) "
        "на період з 15.12.2026 по 29.12.2026 у супроводі Гнатюк Лариси Степанівни, 03.12.1975 "
        "року народження."
    )
    assert uk["sole_reason"]["text"].startswith("батько дитини помер")


def test_one_parent_under_martial_law_is_certified_by_the_guardianship_authority() -> None:
    data = individual_trip(example(CONSENT), "guardianship_authority")
    data["parents"] = data["parents"][:1]
    assert errors(CONSENT, data) == {}
    assert warnings(CONSENT, data) == {}  # no reason needed: the rule of martial law
    uk = context(CONSENT, data, "uk")
    assert uk["basis"].startswith(
        "Згоду надає один з батьків на період дії воєнного стану відповідно до частини третьої "
        "статті 313 Цивільного кодексу України та Правил перетинання державного кордону"
    )
    assert uk["certification"] == {
        "heading": "Засвідчено органом опіки та піклування:",
        "body": "Служба у справах дітей та сім’ї Шевченківської районної в місті Києві "
        "державної адміністрації",
        "official": True,
    }


def test_two_parents_consent_together() -> None:
    uk = context(CONSENT, example(CONSENT), "uk")
    assert uk["statement"].startswith(
        "Ми, Шевчук Марина Олександрівна та Шевчук Дмитро Ігорович, даємо згоду на виїзд "
        "нашої дочки Шевчук Олесі Дмитрівни, 11.04.2017 року народження, за кордон на "
        "оздоровлення та відпочинок у складі організованої групи дітей"
    )
    assert "на період з 15.12.2026 по 29.12.2026 у супроводі Гнатюк Лариси" in uk["statement"]
    assert [parent["role"] for parent in uk["parents"]] == ["Мати:", "Батько:"]
    en = context(CONSENT, individual_trip(example(CONSENT)), "en")
    assert en["statement"] == (
        "We, Shevchuk Maryna Oleksandrivna and Shevchuk Dmytro Ihorovych, consent to our "
        "daughter Shevchuk Olesia Dmytrivna (Шевчук Олеся Дмитрівна), born 11 April 2017, "
        "temporarily leaving Ukraine (state of destination: Poland) for the period from "
        "15 December 2026 to 29 December 2026 accompanied by Hnatiuk Larysa Stepanivna "
        "(Гнатюк Лариса Степанівна), born 3 December 1975."
    )


@pytest.mark.parametrize(
    ("changes", "birth_date", "refused"),
    [
        ({}, "2019-12-15", False),  # group: 7 on the first day 15.12.2026
        ({}, "2019-12-16", True),  # group: not yet 7
        ({}, "2008-12-16", False),  # group: 17
        ({}, "2008-12-15", True),  # group: 18
        ({"trip_kind": "abroad"}, "2010-12-16", False),  # abroad: 15
        ({"trip_kind": "abroad"}, "2010-12-15", True),  # abroad: 16 leaves alone
        ({"trip_kind": "within_ukraine"}, "2012-12-16", False),  # within: 13
        ({"trip_kind": "within_ukraine"}, "2012-12-15", True),  # within: 14
    ],
)
def test_the_childs_age_on_the_first_day_fits_the_kind_of_trip(
    changes: dict[str, Any], birth_date: str, refused: bool
) -> None:
    """Was: a field error only from 18 on the consent date."""
    data = example(CONSENT)
    kind = changes.get("trip_kind")
    if kind == "abroad":
        individual_trip(data)
    elif kind == "within_ukraine":
        individual_trip(data)
        data.update(trip_kind="within_ukraine", certification=None)
        data["destination"] = {"countries": ["UA"], "place": "м. Львів"}
    data["child"]["birth_date"] = birth_date
    assert errors(CONSENT, data) == {}
    found = refusal(CONSENT, data)
    assert (found is not None) is refused
    if found:
        assert found["person"]["path"] == "child"
        assert "15.12.2026" in found["fact"]["uk"] and "15 December 2026" in found["fact"]["en"]
        rule = {None: "1167", "abroad": "313", "within_ukraine": "313"}[kind]
        assert rule in found["rule"]["uk"] and rule in found["rule"]["en"]


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_consent_has_a_signature_per_parent_and_a_notary_block(
    pipeline: DocumentPipeline, fmt: str
) -> None:
    document = pipeline.render(CONSENT, individual_trip(example(CONSENT)), "uk", fmt)
    text = (
        pdf_text(document.content) if fmt == "pdf" else normalise_space(docx_text(document.content))
    )
    squashed = "".join(text.split())
    assert "МаринаШЕВЧУК" in squashed
    assert "ДмитроШЕВЧУК" in squashed
    assert "Посвідчувальнийнаписнотаріуса" in squashed
