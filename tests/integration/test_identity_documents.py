"""The identity.* documents rendered for real and read back as their readers would.

The court application as a court clerk checks it against the Civil Procedure Code; the
three data sheets as the officer who forms the application in a state register reads
them; false premises refused before anything renders.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from flask.testing import FlaskClient

from service.documents import DocumentPipeline, get_template
from service.documents.premises import NotApplicableError
from service.errors import DataValidationError
from tests.readback import docx_text, normalise_space, pdf_text

BIRTH_FACT = "identity.birth_fact_court_application"
BIRTH_REGISTRATION = "identity.birth_registration_application"
ID_CARD = "identity.id_card_application"
IDP = "identity.idp_registration_application"
FORMATS = ("pdf", "docx")


def example(template_id: str) -> dict[str, Any]:
    """A fresh copy of a template's example data."""
    return copy.deepcopy(get_template(template_id).load_example())


def squash(text: str) -> str:
    """Drop all whitespace (a PDF line wraps anywhere, even after a series' hyphen)."""
    return "".join(text.split())


def read(pipeline: DocumentPipeline, template_id: str, data: Any, lang: str, fmt: str) -> str:
    """Render and read the document's text back, whitespace normalised."""
    content = pipeline.render(template_id, data, lang, fmt).content
    return pdf_text(content) if fmt == "pdf" else normalise_space(docx_text(content))


def assert_reads(text: str, present: list[str], absent: list[str] | None = None) -> None:
    """Every phrase of `present` is in the text (line wraps aside), none of `absent` is."""
    for phrase in present:
        assert squash(phrase) in squash(text), f"{phrase!r} missing"
    for phrase in absent or []:
        assert squash(phrase) not in squash(text), f"{phrase!r} still printed"


# --- identity.birth_fact_court_application --------------------------------------------

COURT_UK = [
    # art. 177 part 4: the ground of the exemption from court fee, with its article
    "Від сплати судового збору заявник звільнений відповідно до частини першої статті 5"
    " Закону України «Про судовий збір» від 8 липня 2011 року № 3674-VI",
    "у зв’язку зі збройною агресією Російської Федерації проти України та тимчасовою"
    " окупацією території України",
    "Заявник не має електронного кабінету в Єдиній судовій інформаційно-телекомунікаційній"
    " системі.",
    "Оригінали письмових доказів, копії яких додано до заяви, знаходяться у заявника.",
    "Попередній (орієнтовний) розрахунок судових витрат: заявник звільнений від сплати"
    " судового збору, інших судових витрат не очікує.",
    "Підтверджую, що мною не подано іншої заяви до цього чи іншого суду з тим самим предметом"
    " і з тих самих підстав.",
    "РНОКПП 3260912340",
    "код за ЄДРПОУ 34187201",
    # the request names the registry office in the genitive
    "Направити копію рішення суду до Шевченківського відділу державної реєстрації актів"
    " цивільного стану у місті Києві Центрального міжрегіонального управління Міністерства"
    " юстиції (м. Київ) для державної реєстрації народження дитини.",
    # art. 317 as in force
    "може бути подана до будь-якого місцевого суду України, що здійснює правосуддя, незалежно"
    " від місця проживання (перебування) заявника",
    "рішення суду підлягає негайному виконанню",
    "Цивільний процесуальний кодекс України, стаття 317 (у чинній редакції)",
    # the witnesses: a written statement, or a motion to summon with the address
    "Заява свідка з викладеними письмово показаннями щодо обставин народження дитини:"
    " Коваль Марія Петрівна, місце проживання: 04053, вул. Січових Стрільців, 21, кв. 3,"
    " м. Київ",
    "підпис свідка на заяві засвідчено нотаріально",
    "Викликати в судове засідання та допитати як свідка обставин народження дитини: Шевчук"
    " Олена Іванівна, місце проживання: 02140, просп. Миколи Бажана, 12, кв. 45, м. Київ",
    # the father rests on the marriage: its certificate is attached
    "Дитина народилася у шлюбі батьків (свідоцтво про шлюб серія I-НО № 104583",
    "Копія свідоцтва про шлюб батьків",
    # the occupation on the birth day, derived (kept from before)
    "На день народження дитини цей населений пункт перебував під тимчасовою окупацією",
]
COURT_UK_GONE = [
    "у редакції Закону № 2345-IX",
    "2345-IX",
    "за межами тимчасово окупованої території",
    "будь-якого суду за межами",
    "Допустити рішення суду до негайного виконання",
    "органу державної реєстрації актів цивільного стану — Шевченківський",
    "Письмові пояснення свідка",
    "статтями 315",
]
COURT_EN = [
    "The applicant is exempt from court fee under article 5, part 1 of the Law of Ukraine"
    " “On Court Fee” No. 3674-VI of 8 July 2011",
    "The applicant has no electronic cabinet in the Unified Judicial Information and"
    " Telecommunication System.",
    "EDRPOU code 34187201",
    "To send a copy of the decision to the Shevchenkivskyi Civil Registry Office in Kyiv City"
    " of the Central Interregional Department of the Ministry of Justice (Kyiv City)",
    "any local court of Ukraine that administers justice, regardless of the applicant's place"
    " of residence (stay)",
    "I confirm that I have filed no other application with this or another court",
    "Statement of a witness with the witness's written testimony on the circumstances of the"
    " birth: Koval Mariia Petrivna (Коваль Марія Петрівна)",
    "To summon to the hearing and hear as a witness of the circumstances of the birth:"
    " Shevchuk Olena Ivanivna (Шевчук Олена Іванівна)",
    "Copy of the parents' marriage certificate",
    "Civil Procedure Code of Ukraine, article 317 (as in force)",
]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", ["uk", "en", "uk-en"])
def test_the_court_application_is_complete(pipeline: DocumentPipeline, lang: str, fmt: str) -> None:
    text = read(pipeline, BIRTH_FACT, example(BIRTH_FACT), lang, fmt)
    if lang in ("uk", "uk-en"):
        assert_reads(text, COURT_UK, COURT_UK_GONE)
    if lang in ("en", "uk-en"):
        assert_reads(text, COURT_EN, ["2345-IX", "any court outside the occupied territory"])


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_applicant_without_rnokpp_is_named_by_passport_series_and_number(
    pipeline: DocumentPipeline, fmt: str
) -> None:
    data = example(BIRTH_FACT)
    data["applicant"].pop("rnokpp")
    data["applicant"]["id_document"] = {
        "kind": "booklet_passport",
        "series": "ВН",
        "number": "284615",
    }
    data["e_cabinet"] = True
    uk = read(pipeline, BIRTH_FACT, data, "uk", fmt)
    assert_reads(
        uk,
        [
            "паспорт громадянина України серія ВН № 284615",
            "Заявник має електронний кабінет в Єдиній судовій інформаційно-телекомунікаційній"
            " системі.",
        ],
        ["РНОКПП 3260912340", "не має електронного кабінету"],
    )
    en = read(pipeline, BIRTH_FACT, data, "en", fmt)
    assert_reads(en, ["passport of a citizen of Ukraine series VN (ВН) No. 284615"])


def test_an_applicant_without_rnokpp_or_passport_is_a_422_naming_the_field(
    pipeline: DocumentPipeline,
) -> None:
    data = example(BIRTH_FACT)
    data["applicant"].pop("rnokpp")
    with pytest.raises(DataValidationError) as caught:
        pipeline.validate(BIRTH_FACT, data)
    assert "applicant.id_document" in caught.value.errors


def test_a_witness_without_an_address_is_a_422_naming_the_field(
    pipeline: DocumentPipeline,
) -> None:
    data = example(BIRTH_FACT)
    data["evidence"][2] = {"kind": "witness_statement", "description": "Коваль Марія Петрівна"}
    with pytest.raises(DataValidationError) as caught:
        pipeline.validate(BIRTH_FACT, data)
    assert "evidence.2.witness" in caught.value.errors


def test_a_grandmother_not_living_with_the_child_is_refused_through_the_api(
    client: FlaskClient,
) -> None:
    data = example(BIRTH_FACT)
    data["applicant"].update(
        given_name="Валентина",
        patronymic="Іванівна",
        birth_date="1958-01-23",
        relation="grandparent",
    )
    data["lives_with_child"] = False
    data["applicant"].pop("rnokpp")
    data["applicant"]["id_document"] = {
        "kind": "booklet_passport",
        "series": "ВН",
        "number": "284615",
    }
    data["mother"] = {
        "surname": "Петренко",
        "given_name": "Оксана",
        "sex": "female",
        "birth_date": "1989-04-12",
        "citizenship": "UA",
    }
    body = {"template": BIRTH_FACT, "lang": "uk", "format": "pdf", "data": data}
    response = client.post("/api/v1/render", json=body)
    assert response.status_code == 422
    problem = response.get_json()
    assert problem["type"] == "/problems/not-applicable"
    [refusal] = problem["refusals"]
    assert refusal["person"]["path"] == "applicant"
    assert "не є членом сім’ї дитини" in refusal["fact"]["uk"]
    assert "not a member of the child's family" in refusal["fact"]["en"]
    assert (
        "317" in refusal["rule"]["uk"] and "members of the child's family" in refusal["rule"]["en"]
    )


# --- identity.birth_registration_application ------------------------------------------

REGISTRATION_UK = [
    "ВІДОМОСТІ",
    "для державної реєстрації народження",
    "(для посадової особи органу державної реєстрації актів цивільного стану)",
    "Відомості, необхідні для формування заяви про державну реєстрацію народження в"
    " Державному реєстрі актів цивільного стану громадян:",
    "Оригінали, які необхідно пред’явити посадовій особі:",
    "рішення суду про встановлення факту народження (копія, видана судом 24 листопада 2026 р.)",
    "паспорти батьків (одного з них)",
    "свідоцтво про шлюб батьків",
    "Відомості про батька вносяться на підставі свідоцтва про шлюб батьків: серія I-НО № 104583",
    "(на день народження — тимчасово окупована територія України)",
    "Відомості надала: Оксана ПЕТРЕНКО, 25 листопада 2026 р.",
    "Правила державної реєстрації актів цивільного стану в Україні, затверджені наказом"
    " Міністерства юстиції України від 18 жовтня 2000 року № 52/5 (у редакції наказу"
    " Міністерства юстиції України від 24 грудня 2010 року № 3307/5), глава 1 розділу III",
]
REGISTRATION_UK_GONE = ["ЗАЯВА", "Прошу", "попереджено", "Додатки:", "Копія рішення суду"]
REGISTRATION_EN = [
    "INFORMATION",
    "(for the officer of the civil registration office)",
    "Originals to show the officer:",
    "the court decision establishing the fact of birth (copy issued by the court on"
    " 24 November 2026)",
    "the parents' marriage certificate",
    "Information given by: Oksana PETRENKO, 25 November 2026.",
]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", ["uk", "en"])
def test_the_birth_registration_is_a_data_sheet_with_the_originals(
    pipeline: DocumentPipeline, lang: str, fmt: str
) -> None:
    text = read(pipeline, BIRTH_REGISTRATION, example(BIRTH_REGISTRATION), lang, fmt)
    if lang == "uk":
        assert_reads(text, REGISTRATION_UK, REGISTRATION_UK_GONE)
    else:
        assert_reads(text, REGISTRATION_EN, ["APPLICATION", "I ask", "warned of the liability"])


def test_a_medical_certificate_of_a_birth_in_occupied_donetsk_is_refused(
    pipeline: DocumentPipeline,
) -> None:
    data = example(BIRTH_REGISTRATION)
    data.pop("court_decision")
    data["medical_certificate"] = {
        "number": "1234",
        "issue_date": "2016-03-15",
        "facility": {"name": "КНП «Пологовий будинок № 3»"},
    }
    with pytest.raises(NotApplicableError) as caught:
        pipeline.validate(BIRTH_REGISTRATION, data)
    [refusal] = caught.value.extra_members()["refusals"]
    assert refusal["person"]["path"] == "child"
    assert "317" in refusal["rule"]["uk"]


# --- identity.id_card_application -----------------------------------------------------

ID_CARD_UK = [
    "ВІДОМОСТІ",
    "для оформлення паспорта громадянина України у формі ID-картки вперше",
    "(для посадової особи ДМС / ЦНАП) та перелік оригіналів",
    "Відомості для заяви-анкети про оформлення паспорта громадянина України вперше у зв’язку"
    " з досягненням 14-річного віку:",
    "Оригінали, які необхідно пред’явити:",
    "свідоцтво про народження дитини (серія I-ЖД № 482915)",
    "оригінали документів, що підтверджують громадянство України та посвідчують особу батьків"
    " (одного з них), які на момент народження дитини перебували у громадянстві України",
    "довідка про взяття на облік внутрішньо переміщеної особи № 2312-5001234567",
    "Законний представник (за потреби — для пред’явлення документів батьків):",
    "Відомості надала: Дарина КОВАЛЕНКО",
    "Порядок …, затверджений постановою Кабінету Міністрів України від 25 березня 2015 р. № 302",
]
ID_CARD_UK_GONE = ["ЗАЯВА", "Прошу", "даю згоду", "попереджено", "Додатки:", "стаття 21"]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", ["uk", "en"])
def test_the_id_card_is_a_data_sheet_with_the_originals(
    pipeline: DocumentPipeline, lang: str, fmt: str
) -> None:
    text = read(pipeline, ID_CARD, example(ID_CARD), lang, fmt)
    if lang == "uk":
        assert_reads(text, ID_CARD_UK, ID_CARD_UK_GONE)
    else:
        assert_reads(
            text,
            ["INFORMATION", "Originals to show:", "the child's birth certificate (series"],
            ["consent", "I ask", "warned of the liability"],
        )


def test_an_id_card_for_a_13_year_old_is_refused_not_applicable(client: FlaskClient) -> None:
    data = example(ID_CARD)
    data["child"]["birth_date"] = "2013-02-01"
    data["child"].pop("rnokpp")
    data["rnokpp_refused"] = True
    data["birth_certificate"]["issue_date"] = "2013-02-08"
    body = {"template": ID_CARD, "lang": "uk", "format": "pdf", "data": data}
    response = client.post("/api/v1/render", json=body)
    assert response.status_code == 422
    problem = response.get_json()
    assert problem["type"] == "/problems/not-applicable"
    [refusal] = problem["refusals"]
    assert refusal["person"] == {"path": "child", "name": "Коваленко Дарина Олегівна"}
    assert "13 років" in refusal["fact"]["uk"] and "13 years old" in refusal["fact"]["en"]
    assert "14" in refusal["rule"]["uk"] and "302" in refusal["rule"]["en"]
    assert "Content-Disposition" not in response.headers


def test_an_id_card_for_a_foreign_citizen_is_refused(pipeline: DocumentPipeline) -> None:
    data = example(ID_CARD)
    data["child"]["citizenship"] = "RU"
    with pytest.raises(NotApplicableError) as caught:
        pipeline.validate(ID_CARD, data)
    [refusal] = caught.value.extra_members()["refusals"]
    assert "не є громадянкою України" in refusal["fact"]["uk"]


# --- identity.idp_registration_application --------------------------------------------

IDP_UK = [
    "ВІДОМОСТІ",
    "для заяви про взяття на облік внутрішньо переміщеної особи",
    "(для заповнення встановленої форми)",
    "Бондар Галина Петрівна (баба дітей)",
    "паспорт громадянина України серія ЕР № 345678",
    "Діти віком до 14 років прибули без супроводу батьків або інших законних представників і"
    " проживають у сім’ї заявника",
    "Документи, які пред’являються:",
    "свідоцтво про народження Бондар Софії Андріївни",
    "документ, що підтверджує факт проживання на території, з якої здійснено внутрішнє"
    " переміщення: витяг з реєстру територіальної громади м. Мелітополя від 15.01.2022",
    "Порядок оформлення і видачі довідки про взяття на облік внутрішньо переміщеної особи,"
    " затверджений постановою Кабінету Міністрів України від 1 жовтня 2014 р. № 509 «Про облік"
    " внутрішньо переміщених осіб»",
]
IDP_UK_GONE = [
    "ЗАЯВА",
    "Прошу взяти на облік",
    "згоду на обробку",
    "попереджено",
    "Додатки:",
    "Мінсоцполітики",
    "Міністерства соціальної політики",
]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", ["uk", "en"])
def test_the_idp_registration_is_a_data_sheet_with_the_documents_to_show(
    pipeline: DocumentPipeline, lang: str, fmt: str
) -> None:
    text = read(pipeline, IDP, example(IDP), lang, fmt)
    if lang == "uk":
        assert_reads(text, IDP_UK, IDP_UK_GONE)
    else:
        assert_reads(
            text,
            ["INFORMATION", "(to fill in the official form)", "Documents to show:"],
            ["I ask you to register", "consent to the processing", "Ministry of Social Policy"],
        )


def test_a_relative_applying_for_a_15_year_old_is_refused(
    pipeline: DocumentPipeline, client: FlaskClient
) -> None:
    data = example(IDP)
    data["child"]["birth_date"] = "2011-06-01"
    data["child"]["birth_certificate"]["issue_date"] = "2011-06-08"
    with pytest.raises(NotApplicableError) as caught:
        pipeline.validate(IDP, data)
    [refusal] = caught.value.extra_members()["refusals"]
    assert refusal["person"] == {"path": "child", "name": "Бондар Софія Андріївна"}
    assert "з 14 років дитина звертається щодо взяття на облік особисто" in refusal["fact"]["uk"]
    body = {"template": IDP, "lang": "en", "format": "docx", "data": data}
    response = client.post("/api/v1/render", json=body)
    assert response.status_code == 422
    assert response.get_json()["type"] == "/problems/not-applicable"


def test_the_occupiers_certificate_is_marked_and_warned_of(pipeline: DocumentPipeline) -> None:
    data = example(IDP)
    eva = data["other_children"][0]
    eva.pop("birth_certificate")
    eva["occupation_birth_certificate"] = {
        "series": "II-ЗП",
        "number": "512734",
        "issued_by": "так званий відділ ЗАГС Мелітопольського району",
        "issue_date": "2023-05-22",
    }
    warnings = pipeline.validate(IDP, data).warnings
    assert [w.path for w in warnings] == ["other_children.0.occupation_birth_certificate"]
    text = read(pipeline, IDP, data, "uk", "pdf")
    assert_reads(
        text,
        [
            "(документ окупаційних органів, Україною не визнається)",
            "свідоцтво про народження Бондар Єви Андріївни, видане окупаційними органами"
            " (Україною не визнається)",
        ],
    )
