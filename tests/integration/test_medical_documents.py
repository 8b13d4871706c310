"""The four medical referrals rendered for real (WeasyPrint, docxtpl) and read back.

What a doctor or a clerk receiving them would notice: the official wording for the
referring facility, its ЄДРПОУ code, the right article of the Civil Code, who signs the
consent at which age, the vaccines an 8-year-old can be given, a paragraph said once,
and the documents that must not be made at all (422 not-applicable).
"""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest
from flask.testing import FlaskClient

from service.config import PROJECT_ROOT
from service.documents import DocumentPipeline, get_template
from service.documents.sources import check_sources
from tests.readback import docx_text, normalise_space, pdf_text

REFERRAL = "medical.referral"
PRENATAL = "medical.prenatal_care_referral"
VACCINATION = "medical.catch_up_vaccination_referral"
PSYCHOLOGICAL = "medical.psychological_support_referral"
FORMATS = ("pdf", "docx")


def example(template_id: str) -> dict[str, Any]:
    """A fresh copy of a template's example."""
    return copy.deepcopy(get_template(template_id).load_example())


def read(pipeline: DocumentPipeline, template_id: str, data: Any, lang: str, fmt: str) -> str:
    """Render a document and read its text back, whitespace normalised."""
    content = pipeline.render(template_id, data, lang, fmt).content
    return pdf_text(content) if fmt == "pdf" else normalise_space(docx_text(content))


def squash(text: str) -> str:
    """Drop all whitespace (a PDF breaks lines, and hyphenless words, anywhere)."""
    return "".join(text.split())


def assert_in(expected: str, text: str) -> None:
    assert squash(expected) in squash(text), expected


def assert_not_in(unexpected: str, text: str) -> None:
    assert squash(unexpected).lower() not in squash(text).lower(), unexpected


# ---------------------------------------------------------------- medical.referral
@pytest.mark.parametrize("fmt", FORMATS)
def test_the_referral_reads_as_the_ministry_words_it(pipeline: DocumentPipeline, fmt: str) -> None:
    uk = read(pipeline, REFERRAL, example(REFERRAL), "uk", fmt)
    assert_in("Прошу надати закладу охорони здоров’я, який направив дитину,", uk)
    assert_in("(форма первинної облікової документації № 028/о)", uk)
    assert_not_in("направляюч", uk)
    assert_in("Код за ЄДРПОУ 01994712", uk)
    assert_in("від 20 листопада 2026 р. № 145; електронне направлення № 4021-7736-1958-0342", uk)
    assert_in(
        "Порядок направлення пацієнтів до закладів охорони здоров’я та фізичних осіб — "
        "підприємців, які в установленому законом порядку одержали ліцензію на провадження "
        "господарської діяльності з медичної практики та надають медичну допомогу "
        "відповідного виду, затверджений наказом Міністерства охорони здоров’я України від "
        "28 лютого 2020 року № 586",
        uk,
    )
    en = read(pipeline, REFERRAL, example(REFERRAL), "en", fmt)
    assert_in("to the health-care facility that made the referral", en)
    assert_not_in("referring facility", en)
    assert_in("EDRPOU code 01994712", en)
    assert_in("dated 20 November 2026, No. 145; e-referral No. 4021-7736-1958-0342", en)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_hospital_discharge_names_no_unread_form(pipeline: DocumentPipeline, fmt: str) -> None:
    data = example(REFERRAL)
    data["kind"] = "hospitalisation"
    del data["registration_number"]
    uk = read(pipeline, REFERRAL, data, "uk", fmt)
    assert_in("надати закладу охорони здоров’я, який направив дитину, виписку з медичної карти", uk)
    assert_not_in("027/о", uk)
    assert_in("від 20 листопада 2026 р. № ________", uk)  # the number, written in by hand


def test_the_addressee_is_the_facility_then_its_address(pipeline: DocumentPipeline) -> None:
    uk = read(pipeline, REFERRAL, example(REFERRAL), "uk", "pdf")
    assert_in(
        "Комунальне некомерційне підприємство «Консультативно-діагностичний центр дитячий "
        "Шевченківського району м. Києва» 04053, вул. Січових Стрільців, 77",
        uk,
    )
    assert_not_in("Комунальному некомерційному підприємству", uk)


# ---------------------------------------------------------------- medical.prenatal_care_referral
def prenatal_15_alone() -> dict[str, Any]:
    """A patient of 15 who comes without a representative."""
    data = example(PRENATAL)
    del data["legal_representative"]
    del data["patient"]["rnokpp"]  # it encodes the example's birth date
    data["patient"]["birth_date"] = "2011-06-20"
    return data


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_patient_of_15_without_a_representative_signs_herself(
    pipeline: DocumentPipeline, fmt: str
) -> None:
    uk = read(pipeline, PRENATAL, prenatal_15_alone(), "uk", fmt)
    assert_in("ЗГОДА НА НАПРАВЛЕННЯ", uk.upper())
    assert_in(
        "Я, Ткаченко Дарина Олександрівна, згоду на це направлення надаю особисто відповідно "
        "до частини третьої статті 284 Цивільного кодексу України.",
        uk,
    )
    assert_in("Дарина ТКАЧЕНКО", uk)
    assert_not_in("Законний представник", uk)
    en = read(pipeline, PRENATAL, prenatal_15_alone(), "en", fmt)
    assert_in("give my consent to this referral myself under article 284, part 3, of the", en)
    assert_in("Daryna TKACHENKO", en)


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_refusal_of_care_is_said_once_and_the_standards_are_plural(
    pipeline: DocumentPipeline, fmt: str
) -> None:
    uk = read(pipeline, PRENATAL, example(PRENATAL), "uk", fmt)
    assert squash(uk).count(squash("відмовлено в медичній допомозі")) == 1
    assert_in("відповідно до Стандартів медичної допомоги «Нормальна вагітність», затверджених", uk)
    assert_in("поінформувати заклад охорони здоров’я, який направив пацієнтку", uk)
    assert_not_in("відповідно до стандарту", uk)
    assert_not_in("направляюч", uk)
    en = read(pipeline, PRENATAL, example(PRENATAL), "en", fmt)
    assert en.count("was refused medical care") == 1
    assert_in("under the Standards of medical care “Normal pregnancy”, approved by Order", en)


def test_a_patient_of_17_with_her_mother_still_signs_herself(pipeline: DocumentPipeline) -> None:
    uk = read(pipeline, PRENATAL, example(PRENATAL), "uk", "pdf")
    assert_in("Законний представник неповнолітньої пацієнтки", uk)
    consent = uk[uk.upper().index("ЗГОДА НА НАПРАВЛЕННЯ") :]
    assert "Дарина ТКАЧЕНКО" in consent and "Світлана ТКАЧЕНКО" not in consent


# ---------------------------------------------------------------- medical.catch_up_vaccination
def section(text: str, start: str, end: str) -> str:
    """The text between two headings (a heading in capitals or not)."""
    begin = text.lower().index(start.lower())
    return text[begin : text.lower().index(end.lower(), begin)]


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_8_year_old_is_offered_no_hib_and_no_pcv(pipeline: DocumentPipeline, fmt: str) -> None:
    uk = read(pipeline, VACCINATION, example(VACCINATION), "uk", fmt)
    missing = section(uk, "Відсутні щеплення", "Прошу провести медичний огляд")
    for vaccine in ("Гепатит В", "Дифтерія, правець", "Поліомієліт (ІПВ)", "Кір"):
        assert_in(vaccine, missing)
    for vaccine in ("Hib", "Пневмокок", "ПКВ", "кашлюк"):
        assert_not_in(vaccine, missing)
    en = read(pipeline, VACCINATION, example(VACCINATION), "en", fmt)
    missing = section(en, "Missing vaccinations", "Please examine the child")
    assert_in("Diphtheria, tetanus", missing)
    for vaccine in ("Hib", "Haemophilus", "Pneumococcal", "PCV", "pertussis"):
        assert_not_in(vaccine, missing)


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_vaccination_referral_cites_the_calendar_in_force_and_part_3(
    pipeline: DocumentPipeline, fmt: str
) -> None:
    uk = read(pipeline, VACCINATION, example(VACCINATION), "uk", fmt)
    assert_in(
        "Календар профілактичних щеплень в Україні, затверджений наказом Міністерства охорони "
        "здоров’я України від 16 вересня 2011 року № 595 «Про порядок проведення профілактичних "
        "щеплень в Україні та контроль якості й обігу медичних імунобіологічних препаратів» (зі "
        "змінами, внесеними, зокрема, наказом Міністерства охорони здоров’я України від "
        "5 березня 2025 року № 396, чинними з 1 січня 2026 року)",
        uk,
    )
    assert_in("Цивільний кодекс України, частина третя статті 284", uk)
    assert_not_in("частина друга", uk)
    assert_not_in("частини другої", uk)
    # The footnote: data for information, the doctor decides; no claim of non-recognition.
    assert_in("Відомості з документів, виданих на ТОТ або в РФ, наведено лише для довідки", uk)
    assert_not_in("Україна не визнає", uk)
    # The guardian's authority, and the addressee's unit before its address.
    assert_in("Рішення про призначення опікуна", uk)
    assert_in("від 18 червня 2026 р. № 312; орган: Олександрівська районна адміністрація", uk)
    assert_in("Запорізької міської ради Кабінет щеплень 69035, просп. Соборний, 160", uk)
    en = read(pipeline, VACCINATION, example(VACCINATION), "en", fmt)
    assert_in("Civil Code of Ukraine, article 284, part 3", en)
    assert_not_in("does not recognise", en)
    assert_in("Decision appointing the guardian", en)


def vaccination_of(birth_date: str, *, representative: bool = True) -> dict[str, Any]:
    data = example(VACCINATION)
    data["child"]["birth_date"] = birth_date
    data["vaccination_history"] = []
    if not representative:
        del data["legal_representative"]
    return data


@pytest.mark.parametrize("fmt", FORMATS)
def test_at_14_the_curator_and_the_child_both_consent(pipeline: DocumentPipeline, fmt: str) -> None:
    uk = read(pipeline, VACCINATION, vaccination_of("2012-05-01"), "uk", fmt)
    consent = uk[uk.upper().index("ЗГОДА НА ПРОВЕДЕННЯ") :]
    assert_in("оскільки дитині не виповнилося 15 років", consent)
    assert_in(
        "Я, Коваленко Софія Андріївна, також надаю згоду на проведення мені профілактичних "
        "щеплень відповідно до частини третьої статті 284 Цивільного кодексу України.",
        consent,
    )
    assert "Людмила КОВАЛЕНКО" in consent and "Софія КОВАЛЕНКО" in consent
    assert_in("Рішення про призначення піклувальника", uk)  # a guardian of 14+ is a curator


@pytest.mark.parametrize("fmt", FORMATS)
def test_at_16_the_child_consents_under_part_3_alone(pipeline: DocumentPipeline, fmt: str) -> None:
    uk = read(pipeline, VACCINATION, vaccination_of("2010-05-01", representative=False), "uk", fmt)
    assert_in("Згоду надаю особисто відповідно до частини третьої статті 284", uk)
    assert_not_in("оскільки мені виповнилося 15 років", uk)
    assert_not_in("частини другої статті 284", uk)


# ---------------------------------------------------------------- medical.psychological_support
def psychological_of(birth_date: str) -> dict[str, Any]:
    data = example(PSYCHOLOGICAL)
    data["child"]["birth_date"] = birth_date
    for key in ("rnokpp", "unzr"):
        del data["child"][key]  # they encode the example's birth date
    return data


@pytest.mark.parametrize("lang", ["uk", "en"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_a_child_of_14_consents_under_article_284_part_3(
    pipeline: DocumentPipeline, lang: str, fmt: str
) -> None:
    text = read(pipeline, PSYCHOLOGICAL, psychological_of("2012-11-20"), lang, fmt)
    if lang == "uk":
        assert_in("Згоду надаю особисто відповідно до частини третьої статті 284", text)
        assert_not_in("частини другої статті 284", text)
        assert_in("Мій підпис засвідчує лише ознайомлення і не є згодою на втручання", text)
    else:
        assert_in("under article 284, part 3, of the Civil Code of Ukraine, as I am 14", text)
        assert_not_in("284(2)", text)


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_psychological_referral_is_no_psychiatric_one(
    pipeline: DocumentPipeline, fmt: str
) -> None:
    uk = read(pipeline, PSYCHOLOGICAL, example(PSYCHOLOGICAL), "uk", fmt)
    assert_in("Психіатрична допомога надається відповідно до закону (частина шоста статті 284", uk)
    assert_in("поінформувати заклад охорони здоров’я, який направив дитину, про результати", uk)
    assert_in("відповідно до статті 43 Основ законодавства України про охорону здоров’я", uk)
    assert_not_in("направляюч", uk)
    # The status is a recorded fact; the document claims no right from it.
    assert_in("надано рішенням від 6 листопада 2026 р. № 214", uk)
    assert_not_in("має право", uk)


# ---------------------------------------------------------------- sources beside the text
def under_14_prenatal() -> dict[str, Any]:
    data = example(PRENATAL)
    del data["patient"]["rnokpp"]
    data["patient"]["birth_date"] = "2013-01-10"
    return data


@pytest.mark.parametrize(
    ("template_id", "data"),
    [
        pytest.param(REFERRAL, example(REFERRAL), id="referral"),
        pytest.param(PRENATAL, example(PRENATAL), id="prenatal"),
        pytest.param(PRENATAL, under_14_prenatal(), id="prenatal-13"),
        pytest.param(VACCINATION, example(VACCINATION), id="vaccination"),
        pytest.param(VACCINATION, vaccination_of("2012-05-01"), id="vaccination-14"),
        pytest.param(PSYCHOLOGICAL, example(PSYCHOLOGICAL), id="psychological"),
        pytest.param(PSYCHOLOGICAL, psychological_of("2012-11-20"), id="psychological-14"),
    ],
)
def test_every_article_and_act_printed_has_a_source(
    pipeline: DocumentPipeline, template_id: str, data: dict[str, Any]
) -> None:
    text = read(pipeline, template_id, data, "uk", "pdf")
    assert list(check_sources(template_id, PROJECT_ROOT / "docs" / "legal", text)) == []


# ---------------------------------------------------------------- refused through the API
def render_body(template_id: str, data: dict[str, Any]) -> dict[str, Any]:
    return {"template": template_id, "data": data, "lang": "uk", "format": "pdf"}


def test_an_aunt_consenting_for_a_child_of_12_is_refused(client: FlaskClient) -> None:
    data = psychological_of("2014-03-02")
    data["legal_representative"]["relation"] = "other_relative"
    response = client.post("/api/v1/render", json=render_body(PSYCHOLOGICAL, data))
    assert response.status_code == 422
    body = response.get_json()
    assert body["type"] == "/problems/not-applicable"
    [refusal] = body["refusals"]
    assert refusal["person"] == {"path": "legal_representative", "name": "Мельник Оксана Юріївна"}
    assert "не є ні матір’ю, ні опікункою" in refusal["fact"]["uk"]
    assert "neither a parent nor the guardian" in refusal["fact"]["en"]
    assert "статті 43" in refusal["rule"]["uk"] and "article 43" in refusal["rule"]["en"]
    assert "Content-Disposition" not in response.headers


def test_a_guardian_without_the_decision_is_named_in_a_422(client: FlaskClient) -> None:
    data = example(VACCINATION)
    del data["legal_representative"]["appointment"]
    response = client.post("/api/v1/render", json=render_body(VACCINATION, data))
    assert response.status_code == 422
    [message] = response.get_json()["errors"]["legal_representative.appointment"]
    assert re.search("рішення про призначення опікуна", message["uk"], re.IGNORECASE)
