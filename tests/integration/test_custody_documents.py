"""The four custody documents rendered for real (docxtpl, WeasyPrint) and read back.

What a reader of the filed paper would notice: the corrected statements are there in
Ukrainian and English, PDF and DOCX; the wrong old ones are gone; a document whose
premise is false is refused (422 not-applicable) and not rendered; a new required field
is named in a 422 when it is missing; every article and act number the Ukrainian text
prints has its source in docs/legal.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from service.config import PROJECT_ROOT
from service.documents import DocumentPipeline, get_template
from service.documents.premises import NotApplicableError
from service.documents.sources import check_sources
from tests.readback import docx_text, normalise_space, pdf_text

STATUS = "custody.war_affected_status_application"
HANDOVER = "custody.child_handover_act"
GUARDIANSHIP = "custody.guardianship_application"
CONSENT = "custody.accompanying_adult_consent"
LEGAL_SOURCES = PROJECT_ROOT / "docs" / "legal"
FORMATS = ("pdf", "docx")


def example(template_id: str) -> dict[str, Any]:
    """A fresh copy of a template's example."""
    return copy.deepcopy(get_template(template_id).load_example())


def squash(text: str) -> str:
    """Drop all whitespace: a PDF wraps lines anywhere, a DOCX keeps no-break spaces."""
    return "".join(text.split())


def read(pipeline: DocumentPipeline, template_id: str, data: Any, lang: str, fmt: str) -> str:
    """Render a document and read its text back, whitespace dropped."""
    document = pipeline.render(template_id, data, lang, fmt)
    text = (
        pdf_text(document.content) if fmt == "pdf" else normalise_space(docx_text(document.content))
    )
    return squash(text)


def assert_reads(text: str, present: list[str], absent: list[str]) -> None:
    """Each of `present` is in the text, none of `absent` is."""
    for words in present:
        assert squash(words) in text, words
    for words in absent:
        assert squash(words) not in text, words


def assert_sources_complete(pipeline: DocumentPipeline, template_id: str, data: Any) -> None:
    """Every article and act number of the Ukrainian PDF has a source in docs/legal."""
    document = pipeline.render(template_id, data, "uk", "pdf")
    assert list(check_sources(template_id, LEGAL_SOURCES, pdf_text(document.content))) == []


def refusals(client: FlaskClient, template_id: str, data: Any) -> list[dict[str, Any]]:
    """POST a render that must be refused: the not-applicable problem's refusals, no file."""
    response = client.post(
        "/api/v1/render",
        json={"template": template_id, "lang": "uk", "format": "pdf", "data": data},
    )
    assert response.status_code == 422
    assert "Content-Disposition" not in response.headers
    body: dict[str, Any] = response.get_json(force=True)
    assert body["type"] == "/problems/not-applicable"
    found: list[dict[str, Any]] = body["refusals"]
    return found


def missing_fields(client: FlaskClient, template_id: str, data: Any) -> set[str]:
    """POST data to /validate: the paths the 422 names."""
    response = client.post(
        "/api/v1/validate",
        json={"template": template_id, "lang": "uk", "format": "pdf", "data": data},
    )
    assert response.status_code == 422
    return set(response.get_json(force=True)["errors"])


# --- custody.war_affected_status_application -----------------------------------------

STATUS_TEXT = {
    "uk": (
        [
            "Заяву подано відповідно до статті 30-1 Закону України «Про охорону дитинства» та "
            "Порядку надання статусу дитини, яка постраждала внаслідок воєнних дій та збройних "
            "конфліктів, затвердженого постановою Кабінету Міністрів України від 05.04.2017 "
            "№ 268 (зі змінами, внесеними, зокрема, постановами Кабінету Міністрів України від "
            "01.06.2023 № 547 та від 01.09.2025 № 1065).",
            "депортація або примусове переміщення",
            "Витяг з Єдиного реєстру досудових розслідувань щодо кримінального провадження "
            "№ 42022000000001587 від 05.10.2022",
            "Копія свідоцтва про народження дитини (підтверджує родинні стосунки заявниці з "
            "дитиною)",
            "Прошу розглянути цю заяву та повідомити мене про прийняте рішення.",
        ],
        ["тридцятиденний", "зокрема незаконне вивезення", "зі змінами від 01.09.2025"],
    ),
    "en": (
        [
            "approved by Resolution of the Cabinet of Ministers of Ukraine No. 268 of 5 April "
            "2017 (as amended, among others, by Resolutions of the Cabinet of Ministers of "
            "Ukraine No. 547 of 1 June 2023 and No. 1065 of 1 September 2025)",
            "article 30-1 of the Law of Ukraine “On Protection of Childhood”",
            "deportation or forced displacement",
            "Extract from the Unified Register of Pre-trial Investigations on criminal "
            "proceedings No. 42022000000001587 of 5 October 2022",
            "I ask that this application be considered and that I be informed of the decision.",
        ],
        ["thirty days", "including unlawful removal", "as amended on 1 September 2025"],
    ),
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", ["uk", "en"])
def test_the_status_application_names_the_amending_resolutions(
    pipeline: DocumentPipeline, lang: str, fmt: str
) -> None:
    present, absent = STATUS_TEXT[lang]
    assert_reads(read(pipeline, STATUS, example(STATUS), lang, fmt), present, absent)


def test_the_status_application_of_a_person_of_18_is_refused(client: FlaskClient) -> None:
    data = example(STATUS)
    data["child"]["birth_date"] = "2008-11-23"
    data["child"]["rnokpp"] = None
    [refusal] = refusals(client, STATUS, data)
    assert refusal["person"] == {"path": "child", "name": "Коваленко Софія Андріївна"}
    assert "досягла 18 років 23.11.2026" in refusal["fact"]["uk"]
    assert "turned 18 on 23 November 2026" in refusal["fact"]["en"]
    assert "30-1" in refusal["rule"]["uk"] and "30-1" in refusal["rule"]["en"]


def test_the_extract_names_its_proceedings_or_is_refused(client: FlaskClient) -> None:
    data = example(STATUS)
    del data["attachments"][4]["proceedings_number"]
    del data["attachments"][4]["proceedings_date"]
    assert {
        "attachments.4.proceedings_number",
        "attachments.4.proceedings_date",
    } <= missing_fields(client, STATUS, data)


# --- custody.child_handover_act ------------------------------------------------------

HANDOVER_TEXT = {
    "uk": (
        [
            "Акт складено відповідно до Порядку виявлення, повернення, забезпечення супроводу "
            "та реінтеграції дітей, які депортовані або примусово переміщені, або перебували "
            "під ризиком депортації та/або примусового переміщення внаслідок збройної агресії "
            "Російської Федерації проти України, або осіб з числа дітей, затвердженого "
            "постановою Кабінету Міністрів України від 14.05.2024 № 551 (зі змінами, внесеними "
            "постановами Кабінету Міністрів України від 29.10.2024 № 1240, від 21.01.2025 № 66, "
            "від 04.06.2025 № 641, від 04.06.2025 № 653 та від 01.10.2025 № 1295).",
            "документ, що підтверджує повноваження законного представника: свідоцтво про "
            "народження дитини серія I-ЖС № 417293",
            "діє на підставі довіреності від 10.11.2026 № 58",
            "З актом ознайомлений (дитина):",
            "Максим БОНДАРЕНКО",
        ],
        ["офіційної форми", "у редакції постанови"],
    ),
    "en": (
        [
            "approved by Resolution of the Cabinet of Ministers of Ukraine No. 551 of 14 May "
            "2024 (as amended by Resolutions of the Cabinet of Ministers of Ukraine No. 1240 of "
            "29 October 2024, No. 66 of 21 January 2025, No. 641 of 4 June 2025, No. 653 of "
            "4 June 2025 and No. 1295 of 1 October 2025)",
            "document proving the authority of the legal representative: the child's birth "
            "certificate, series I-ZHS (I-ЖС) No. 417293",
            "acts under a power of attorney No. 58 of 10 November 2026",
            "The child has read the act:",
        ],
        ["official form"],
    ),
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", ["uk", "en"])
def test_the_handover_act_names_the_receivers_authority_and_no_form(
    pipeline: DocumentPipeline, lang: str, fmt: str
) -> None:
    present, absent = HANDOVER_TEXT[lang]
    assert_reads(read(pipeline, HANDOVER, example(HANDOVER), lang, fmt), present, absent)


def test_a_guardian_receives_the_child_by_the_appointment_decision(
    pipeline: DocumentPipeline,
) -> None:
    data = example(HANDOVER)
    data["child"]["birth_date"] = "2013-09-27"  # 13: no acknowledgement line
    data["child"]["rnokpp"] = None
    data["legal_representative"].update(
        relation="guardian",
        authority_document={
            "kind": "appointment_decision",
            "issued_by": {"name": "Виконавчий комітет Житомирської міської ради"},
            "date": "2023-03-14",
            "number": "112",
        },
    )
    text = read(pipeline, HANDOVER, data, "uk", "pdf")
    assert_reads(
        text,
        [
            "ким доводиться дитині: опікун (піклувальник)",
            "документ, що підтверджує повноваження законного представника: рішення Виконавчого "
            "комітету Житомирської міської ради від 14.03.2023 № 112 про призначення опікуна "
            "(піклувальника)",
        ],
        ["З актом ознайомлений"],
    )
    assert_sources_complete(pipeline, HANDOVER, data)


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"child.birth_date": "2008-11-20"}, "досяг 18 років 20.11.2026"),
        ({"return.date": "2022-08-14"}, "повернувся в Україну 14.08.2022"),
    ],
)
def test_a_false_premise_of_the_act_is_refused(
    client: FlaskClient, changes: dict[str, str], words: str
) -> None:
    data = example(HANDOVER)
    data["child"]["rnokpp"] = None
    for path, value in changes.items():
        section, key = path.split(".")
        data[section][key] = value
    [refusal] = refusals(client, HANDOVER, data)
    assert refusal["person"]["path"] == "child"
    assert words in refusal["fact"]["uk"]
    assert refusal["fact"]["en"] != refusal["fact"]["uk"]


def test_the_new_fields_of_the_act_are_named_when_missing(client: FlaskClient) -> None:
    data = example(HANDOVER)
    del data["legal_representative"]["authority_document"]
    del data["accompanying_person"]["authorisation"]
    assert {
        "legal_representative.authority_document",
        "accompanying_person.authorisation",
    } <= missing_fields(client, HANDOVER, data)


# --- custody.guardianship_application ------------------------------------------------

GUARDIANSHIP_TEXT = {
    "uk": (
        [
            "Встановити опіку над малолітньою дитиною: Ткаченко Дарина Сергіївна, "
            "04.05.2015 року народження.",
            "Призначити мене опікункою дитини.",
            "Зобов’язуюся належно виконувати обов’язки опікунки",
            "Обставин, передбачених статтею 64 Цивільного кодексу України та частиною третьою "
            "статті 244 Сімейного кодексу України, які перешкоджають призначенню мене "
            "опікункою, немає.",
            "Рішенням Виконавчого комітету Житомирської міської ради від 22.10.2026 № 1187 "
            "дитині надано статус дитини, позбавленої батьківського піклування.",
            "Документ, що посвідчує особу заявниці:",
            "Документи, що підтверджують родинні зв’язки заявниці з дитиною",
            "Довідки від нарколога та психіатра про відсутність перебування заявниці на обліку",
            "Сімейний кодекс України, статті 243, 244",
        ],
        [
            "опіку щодо",
            "Дитина залишилася без батьківського піклування.",
            "Акт обстеження",
            "опікуном чи піклувальником",
            "особу заявника",
        ],
    ),
    "en": (
        [
            "To establish guardianship over the child under 14: Tkachenko Daryna Serhiivna, "
            "born 4 May 2015.",
            "There are no circumstances under article 64 of the Civil Code of Ukraine or part 3 "
            "of article 244 of the Family Code of Ukraine that prevent me from being appointed "
            "as a guardian.",
            "By decision of the Executive Committee of Zhytomyr City Council No. 1187 of "
            "22 October 2026, the child was granted the status of a child deprived of parental "
            "care.",
            "Certificates from a narcologist and a psychiatrist that the applicant is not on "
            "their registers",
        ],
        ["The child has been left without parental care"],
    ),
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", ["uk", "en"])
def test_the_guardianship_application_shows_the_status_and_one_gender(
    pipeline: DocumentPipeline, lang: str, fmt: str
) -> None:
    present, absent = GUARDIANSHIP_TEXT[lang]
    assert_reads(read(pipeline, GUARDIANSHIP, example(GUARDIANSHIP), lang, fmt), present, absent)


def test_a_parent_in_captivity_without_the_status_decision_is_refused_with_the_rule(
    pipeline: DocumentPipeline, client: FlaskClient
) -> None:
    data = example(GUARDIANSHIP)
    del data["status_decision"]
    with pytest.raises(NotApplicableError):
        pipeline.validate(GUARDIANSHIP, data)
    [refusal] = refusals(client, GUARDIANSHIP, data)
    assert refusal["person"] == {"path": "child", "name": "Ткаченко Дарина Сергіївна"}
    assert "батько Ткаченко Сергій Іванович — перебуває в полоні" in refusal["fact"]["uk"]
    assert "father Tkachenko Serhii Ivanovych" in refusal["fact"]["en"]
    assert "(частина перша статті 243 Сімейного кодексу України)" in refusal["rule"]["uk"]
    assert "статусу дитини, позбавленої батьківського піклування" in refusal["rule"]["uk"]
    assert "(Family Code of Ukraine, article 243, part 1)" in refusal["rule"]["en"]
    assert "status_decision" in refusal["rule"]["en"]


def test_an_orphan_needs_no_status_decision(pipeline: DocumentPipeline) -> None:
    data = example(GUARDIANSHIP)
    del data["status_decision"]
    data["father"] = {"status": "deceased", "surname": "Ткаченко", "given_name": "Сергій"}
    text = read(pipeline, GUARDIANSHIP, data, "uk", "pdf")
    assert_reads(text, ["Обоє батьків дитини померли."], ["дитині надано статус"])


def test_a_curatorship_application_by_a_grandfather(pipeline: DocumentPipeline) -> None:
    data = example(GUARDIANSHIP)
    data["child"]["birth_date"] = "2011-05-04"  # 15 on the application date
    data["applicant"].update(given_name="Василь", patronymic="Петрович", sex="male", rnokpp=None)
    text = read(pipeline, GUARDIANSHIP, data, "uk", "docx")
    assert_reads(
        text,
        [
            "Встановити піклування над неповнолітньою дитиною: Ткаченко Дарина Сергіївна",
            "Призначити мене піклувальником дитини.",
            "призначенню мене піклувальником, немає",
            "Документ, що посвідчує особу заявника:",
            "Документи, що підтверджують родинні зв’язки заявника з дитиною",
        ],
        ["опікункою", "опікунки", "піклувальницею"],
    )


# --- custody.accompanying_adult_consent ----------------------------------------------


def individual_trip(data: dict[str, Any], certification: str = "notary") -> dict[str, Any]:
    """The example (an organised group) made an individual trip abroad."""
    data.update(trip_kind="abroad", certification=certification)
    del data["group"]
    if certification == "notary":
        del data["children_service"]
    return data


def one_parent_under_martial_law(data: dict[str, Any]) -> dict[str, Any]:
    """One parent's consent, certified by the guardianship authority."""
    individual_trip(data, "guardianship_authority")
    data["parents"] = data["parents"][:1]
    return data


def within_ukraine(data: dict[str, Any]) -> dict[str, Any]:
    """A trip within Ukraine, no certification."""
    individual_trip(data)
    data.update(trip_kind="within_ukraine", certification=None)
    data["destination"] = {"countries": ["UA"], "place": "м. Львів"}
    return data


def group_trip(data: dict[str, Any]) -> dict[str, Any]:
    """The example as it is: an organised group abroad for recreation and rest."""
    return data


CONSENT_VARIANTS: dict[
    str, tuple[Callable[[dict[str, Any]], dict[str, Any]], list[str], list[str]]
] = {
    "group": (
        group_trip,
        [
            "ЗГОДА",
            "на виїзд дитини за кордон на оздоровлення та відпочинок у складі організованої групи "
            "дітей",
            "Ми, Шевчук Марина Олександрівна та Шевчук Дмитро Ігорович, даємо згоду на виїзд "
            "нашої дочки Шевчук Олесі Дмитрівни, 11.04.2017 року народження, за кордон на "
            "оздоровлення та відпочинок у складі організованої групи дітей (держава прямування: "
            "Польща; організатор виїзду: Громадська організація «Повернення») на період з "
            "15.12.2026 по 29.12.2026 у супроводі Гнатюк Лариси Степанівни, 03.12.1975 року "
            "народження.",
            "Порядку організації виїзду дітей за кордон на оздоровлення та відпочинок, "
            "затвердженого постановою Кабінету Міністрів України від 10.11.2021 № 1167 (зі "
            "змінами, внесеними, зокрема, постановою Кабінету Міністрів України від 10.06.2022 "
            "№ 661)",
            "згода Національної соціальної сервісної служби України та список групи дітей",
            "Погоджено службою у справах дітей:",
        ],
        ["нотаріус", "представляти інтереси", "Зміст статті 313"],
    ),
    "individual": (
        individual_trip,
        [
            "на виїзд дитини за межі України у супроводі іншої особи",
            "даємо згоду на тимчасовий виїзд нашої дочки Шевчук Олесі Дмитрівни, 11.04.2017 "
            "року народження, за межі України (держава прямування: Польща) на період з "
            "15.12.2026 по 29.12.2026 у супроводі Гнатюк Лариси Степанівни",
            "Згоду надано відповідно до частини третьої статті 313 Цивільного кодексу України "
            "та Правил перетинання державного кордону громадянами України, затверджених "
            "постановою Кабінету Міністрів України від 27.01.1995 № 57.",
            "Посвідчувальний напис нотаріуса:",
        ],
        ["Національної соціальної", "Засвідчено органом опіки", "представляти інтереси"],
    ),
    "one_parent_martial_law": (
        one_parent_under_martial_law,
        [
            "Я, Шевчук Марина Олександрівна, даю згоду на тимчасовий виїзд моєї дочки",
            "Згоду надає один з батьків на період дії воєнного стану відповідно до частини "
            "третьої статті 313 Цивільного кодексу України",
            "Засвідчено органом опіки та піклування:",
            "(посада, підпис, власне ім’я та ПРІЗВИЩЕ, дата, печатка)",
        ],
        ["нотаріус", "Дмитро ШЕВЧУК"],
    ),
    "within_ukraine": (
        within_ukraine,
        [
            "на поїздку дитини в межах України у супроводі іншої особи",
            "даємо згоду на поїздку нашої дочки Шевчук Олесі Дмитрівни, 11.04.2017 року "
            "народження, в межах України (місце призначення: м. Львів)",
            "Згоду надано відповідно до частини другої статті 313 Цивільного кодексу України.",
        ],
        ["нотаріус", "Засвідчено", "державного кордону", "за межі України"],
    ),
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("variant", list(CONSENT_VARIANTS))
def test_the_consent_is_worded_for_its_kind_of_trip(
    pipeline: DocumentPipeline, variant: str, fmt: str
) -> None:
    make, present, absent = CONSENT_VARIANTS[variant]
    data = make(example(CONSENT))
    text = read(pipeline, CONSENT, data, "uk", fmt)
    assert_reads(text, present, absent)
    # The operative sentence comes first, before the parties' details.
    assert text.index(squash("згоду на")) < text.index(squash("Батьки (законні представники)"))


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_english_group_consent_names_the_national_social_service_and_no_notary(
    pipeline: DocumentPipeline, fmt: str
) -> None:
    text = read(pipeline, CONSENT, example(CONSENT), "en", fmt)
    assert_reads(
        text,
        [
            "CONSENT",
            "to a child leaving Ukraine for recreation and rest as a member of an organised "
            "group of children",
            "We, Shevchuk Maryna Oleksandrivna and Shevchuk Dmytro Ihorovych, consent to our "
            "daughter Shevchuk Olesia Dmytrivna",
            "the consent of the National Social Service of Ukraine and the list of the group",
            "Approved by the Service for Children's Affairs:",
        ],
        ["notar"],
    )


@pytest.mark.parametrize(
    ("make", "birth_date", "words"),
    [
        (individual_trip, "2010-12-15", "досягла 16 років 15.12.2026"),
        (within_ukraine, "2012-12-15", "досягла 14 років 15.12.2026"),
        (group_trip, "2019-12-16", "ще не досягне 7 років"),
    ],
)
def test_the_consent_for_a_child_of_the_wrong_age_is_refused(
    client: FlaskClient,
    make: Callable[[dict[str, Any]], dict[str, Any]],
    birth_date: str,
    words: str,
) -> None:
    data = make(example(CONSENT))
    data["child"]["birth_date"] = birth_date
    [refusal] = refusals(client, CONSENT, data)
    assert refusal["person"] == {"path": "child", "name": "Шевчук Олеся Дмитрівна"}
    assert words in refusal["fact"]["uk"]
    assert "313" in refusal["rule"]["uk"] or "1167" in refusal["rule"]["uk"]


def test_the_kind_of_trip_is_named_when_missing(client: FlaskClient) -> None:
    data = example(CONSENT)
    del data["trip_kind"]
    assert "trip_kind" in missing_fields(client, CONSENT, data)


# --- All four: sources --------------------------------------------------------------

SOURCE_CASES = [
    pytest.param(STATUS, lambda data: data, id="status"),
    pytest.param(HANDOVER, lambda data: data, id="handover"),
    pytest.param(GUARDIANSHIP, lambda data: data, id="guardianship"),
    *[
        pytest.param(CONSENT, make, id=f"consent-{name}")
        for name, (make, _, _) in CONSENT_VARIANTS.items()
    ],
]


@pytest.mark.parametrize(("template_id", "make"), SOURCE_CASES)
def test_every_citation_has_its_source(
    pipeline: DocumentPipeline,
    template_id: str,
    make: Callable[[dict[str, Any]], dict[str, Any]],
) -> None:
    assert_sources_complete(pipeline, template_id, make(example(template_id)))


def test_the_sources_say_what_could_not_be_read() -> None:
    """The doubt on article 30-1 and the unread handover items are stated, not hidden."""
    status = (LEGAL_SOURCES / f"{STATUS}.toml").read_text(encoding="utf-8")
    assert "31-1" in status and "DOUBT" in status
    handover = (LEGAL_SOURCES / f"{HANDOVER}.toml").read_text(encoding="utf-8")
    assert 'read = "not_read"' in handover
    assert Path(LEGAL_SOURCES / f"{CONSENT}.toml").is_file()
