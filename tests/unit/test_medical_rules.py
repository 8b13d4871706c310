"""Rules of the medical.* documents: each broken rule is an error (or warning) at its path."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from marshmallow import ValidationError

from service.documents import DocumentPipeline, get_template
from service.documents.context import build_context
from service.documents.medical import RULE_PREGNANT
from service.documents.pipeline import describe_document
from service.documents.premises import NotApplicableError
from service.schemas.base import flatten_errors
from service.schemas.medical import consenting_party, due_date_from_period
from tests.readback import docx_text

REFERRAL = "medical.referral"
PRENATAL = "medical.prenatal_care_referral"
VACCINATION = "medical.catch_up_vaccination_referral"
PSYCHOLOGICAL = "medical.psychological_support_referral"
MEDICAL = (REFERRAL, PRENATAL, VACCINATION, PSYCHOLOGICAL)

Change = Callable[[dict[str, Any]], None]


def example(template_id: str) -> dict[str, Any]:
    """A fresh copy of a template's example."""
    return copy.deepcopy(get_template(template_id).load_example())


def errors_of(template_id: str, data: dict[str, Any]) -> dict[str, list[str]]:
    """The flat error paths of loading data with the template's schema (none if valid)."""
    try:
        get_template(template_id).schema().load(data)
    except ValidationError as error:
        return flatten_errors(error.messages)
    return {}


def set_path(data: dict[str, Any], path: str, value: Any) -> None:
    """Set data[a][b][c] for the path "a.b.c" (list indices as digits)."""
    keys = path.split(".")
    target: Any = data
    for key in keys[:-1]:
        target = target[int(key)] if isinstance(target, list) else target[key]
    target[keys[-1]] = value


def drop(path: str) -> Change:
    def change(data: dict[str, Any]) -> None:
        keys = path.split(".")
        target: Any = data
        for key in keys[:-1]:
            target = target[int(key)] if isinstance(target, list) else target[key]
        del target[keys[-1]]

    return change


def put(path: str, value: Any) -> Change:
    return lambda data: set_path(data, path, value)


def both(*changes: Change) -> Change:
    def change(data: dict[str, Any]) -> None:
        for one in changes:
            one(data)

    return change


FUTURE = (date.today() + timedelta(days=3)).isoformat()


# ---------------------------------------------------------------- errors, table-driven
ERROR_CASES = [
    # every referral: its date
    (REFERRAL, put("referral_date", FUTURE), "referral_date"),
    (REFERRAL, put("referral_date", "2015-06-14"), "referral_date"),
    (PRENATAL, put("referral_date", "2009-02-02"), "referral_date"),
    # medical.referral
    (REFERRAL, put("e_referral_number", "4021-7736-1958"), "e_referral_number"),
    (REFERRAL, put("e_referral_number", "4021-7736-1958-034!"), "e_referral_number"),
    (REFERRAL, put("e_referral_number", "4021-7736-1958-0342-1"), "e_referral_number"),
    # letters other than the Latin/Cyrillic look-alikes A E H K M P T X: C, B, O, I, Z
    (REFERRAL, put("e_referral_number", "2A4K-7M3P-91XT-06HC"), "e_referral_number"),
    (REFERRAL, put("e_referral_number", "2A4K-7M3P-91XZ-06HE"), "e_referral_number"),
    (REFERRAL, put("referring_organisation.edrpou", "01994713"), "referring_organisation.edrpou"),
    (REFERRAL, put("registration_number", "1" * 31), "registration_number"),
    (REFERRAL, put("kind", "surgery"), "kind"),
    (REFERRAL, put("urgency", "later"), "urgency"),
    (REFERRAL, drop("reason"), "reason"),
    (REFERRAL, drop("referring_person"), "referring_person"),
    (REFERRAL, put("child.unzr", "20150615-23817"), "child.unzr"),
    (REFERRAL, put("legal_representative.relation", "father"), "legal_representative.relation"),
    # medical.prenatal_care_referral (a male patient, or dates of no pregnancy: refused below)
    (
        PRENATAL,
        both(drop("last_menstrual_period"), drop("expected_due_date")),
        "gestational_age_weeks",
    ),
    (PRENATAL, put("gestational_age_weeks", 0), "gestational_age_weeks"),
    (PRENATAL, put("gestational_age_weeks", 43), "gestational_age_weeks"),
    (PRENATAL, put("gestational_age_weeks", "14"), "gestational_age_weeks"),
    (PRENATAL, put("last_menstrual_period", "2026-11-21"), "last_menstrual_period"),
    (PRENATAL, put("last_menstrual_period", "2009-02-02"), "last_menstrual_period"),
    # a guardian names the decision that appointed her; a mother has none
    (
        PRENATAL,
        put("legal_representative.relation", "guardian"),
        "legal_representative.appointment",
    ),
    (
        PRENATAL,
        put(
            "legal_representative.appointment",
            {"authority": "Служба у справах дітей", "date": "2026-01-12", "number": "4"},
        ),
        "legal_representative.relation",
    ),
    # medical.catch_up_vaccination_referral
    (VACCINATION, put("missing_vaccines", []), "missing_vaccines"),
    (VACCINATION, put("missing_vaccines", ["ipv", "ipv"]), "missing_vaccines"),
    (VACCINATION, put("missing_vaccines", ["smallpox"]), "missing_vaccines.0"),
    (VACCINATION, put("missing_vaccines", ["other"]), "missing_vaccines.0"),
    # pneumococcal vaccine is no mandatory vaccination of the calendar: never a gap in it
    (VACCINATION, put("missing_vaccines", ["ipv", "pcv"]), "missing_vaccines.1"),
    (VACCINATION, put("other_vaccines", ["a"] * 6), "other_vaccines"),
    (VACCINATION, put("vaccination_history.0.date", "2018-08-31"), "vaccination_history.0.date"),
    (VACCINATION, put("vaccination_history.3.date", "2026-11-21"), "vaccination_history.3.date"),
    (VACCINATION, put("vaccination_history.1.source", "rumour"), "vaccination_history.1.source"),
    (VACCINATION, drop("vaccination_history.5.details"), "vaccination_history.5.details"),
    (VACCINATION, drop("legal_representative"), "legal_representative"),
    # the guardian's appointment: required, and dated after the birth, not after the referral
    (
        VACCINATION,
        drop("legal_representative.appointment"),
        "legal_representative.appointment",
    ),
    (
        VACCINATION,
        put("legal_representative.appointment.date", "2018-08-31"),
        "legal_representative.appointment.date",
    ),
    (
        VACCINATION,
        put("legal_representative.appointment.date", "2026-11-21"),
        "legal_representative.appointment.date",
    ),
    (
        VACCINATION,
        drop("legal_representative.appointment.number"),
        "legal_representative.appointment.number",
    ),
    # medical.psychological_support_referral
    (PSYCHOLOGICAL, put("reason.kind", "boredom"), "reason.kind"),
    (PSYCHOLOGICAL, both(put("reason.kind", "other"), drop("reason.details")), "reason.details"),
    (PSYCHOLOGICAL, put("war_affected_status.date", "2014-12-31"), "war_affected_status.date"),
    (PSYCHOLOGICAL, put("war_affected_status.date", "2026-11-21"), "war_affected_status.date"),
    (PSYCHOLOGICAL, drop("war_affected_status.number"), "war_affected_status.number"),
    (PSYCHOLOGICAL, drop("legal_representative"), "legal_representative"),
    (PSYCHOLOGICAL, put("e_referral_number", "ABCD"), "e_referral_number"),
]


@pytest.mark.parametrize(
    ("template_id", "change", "path"),
    [pytest.param(t, c, p, id=f"{t}:{p}:{i}") for i, (t, c, p) in enumerate(ERROR_CASES)],
)
def test_a_broken_rule_is_an_error_at_its_path(template_id: str, change: Change, path: str) -> None:
    data = example(template_id)
    change(data)
    assert path in errors_of(template_id, data)


@pytest.mark.parametrize("template_id", MEDICAL)
def test_the_example_is_valid(template_id: str) -> None:
    assert errors_of(template_id, example(template_id)) == {}


# ---------------------------------------------------------------- the e-referral number
@pytest.mark.parametrize(
    "typed",
    ["4021-7736-1958-0342", "4021 7736 1958 0342", "4021773619580342", " 4021–7736—1958-0342 "],
)
def test_the_e_referral_number_is_normalised(typed: str) -> None:
    data = example(REFERRAL)
    data["e_referral_number"] = typed
    loaded = get_template(REFERRAL).schema().load(data)
    assert loaded["e_referral_number"] == "4021-7736-1958-0342"


def test_cyrillic_look_alikes_in_the_e_referral_number_become_latin() -> None:
    data = example(REFERRAL)
    data["e_referral_number"] = "2а4к-7м3р-91хт-06не"  # Cyrillic а к м р х т н е
    loaded = get_template(REFERRAL).schema().load(data)
    assert loaded["e_referral_number"] == "2A4K-7M3P-91XT-06HE"


def test_the_e_referral_number_is_optional() -> None:
    data = example(REFERRAL)
    data["e_referral_number"] = None
    assert get_template(REFERRAL).schema().load(data)["e_referral_number"] is None
    data.pop("e_referral_number")
    assert get_template(REFERRAL).schema().load(data)["e_referral_number"] is None


def test_an_empty_e_referral_number_does_not_fit_its_pattern() -> None:
    """Null or no key says there is none; "" is refused, as the OpenAPI pattern says."""
    data = example(REFERRAL)
    data["e_referral_number"] = ""
    with pytest.raises(ValidationError) as caught:
        get_template(REFERRAL).schema().load(data)
    assert caught.value.messages == {
        "e_referral_number": [
            "Enter the e-referral number as 16 digits in four groups of four, "
            "e.g. 8830-3875-8474-6820."
        ]
    }


# ---------------------------------------------------------------- consent by age
def psychological_case(birth_date: str, referral_date: str) -> dict[str, Any]:
    data = example(PSYCHOLOGICAL)
    data["child"]["birth_date"] = birth_date
    data["child"].pop("rnokpp")  # it encodes the example's birth date
    data["child"].pop("unzr")
    data["referral_date"] = referral_date
    return data


def test_on_the_14th_birthday_the_child_consents(pipeline: DocumentPipeline) -> None:
    data = psychological_case("2012-11-20", "2026-11-20")
    del data["legal_representative"]
    assert errors_of(PSYCHOLOGICAL, data) == {}
    context = render_context(pipeline, PSYCHOLOGICAL, data, "uk")
    consent = context["langs"][0]["consent"]
    assert consent["by_child"] is True
    assert consent["signature"] == "Артем МЕЛЬНИК"
    assert "284" in consent["basis"]
    assert consent["acknowledgement"] is None


def test_the_day_before_the_14th_birthday_the_representative_consents(
    pipeline: DocumentPipeline,
) -> None:
    data = psychological_case("2012-11-20", "2026-11-19")
    del data["legal_representative"]
    assert "legal_representative" in errors_of(PSYCHOLOGICAL, data)
    data = psychological_case("2012-11-20", "2026-11-19")
    consent = render_context(pipeline, PSYCHOLOGICAL, data, "uk")["langs"][0]["consent"]
    assert consent["by_child"] is False
    assert consent["signature"] == "Оксана МЕЛЬНИК"
    assert "43" in consent["basis"]
    assert "Мельника Артема Вікторовича" in consent["statement"]


def test_the_representative_of_a_child_of_14_only_acknowledges(
    pipeline: DocumentPipeline,
) -> None:
    data = psychological_case("2012-11-20", "2026-11-20")
    for lang, word in (("uk", "не є згодою"), ("en", "not consent")):
        consent = render_context(pipeline, PSYCHOLOGICAL, data, lang)["langs"][0]["consent"]
        assert consent["by_child"] is True
        assert word in consent["acknowledgement"]["text"]
        assert consent["acknowledgement"]["signature"].endswith(("МЕЛЬНИК", "MELNYK"))


@pytest.mark.parametrize(
    ("birth_date", "on_date", "age", "party"),
    [
        (date(2012, 11, 20), date(2026, 11, 20), 14, "child"),
        (date(2012, 11, 20), date(2026, 11, 19), 14, "legal_representative"),
        (date(2011, 11, 20), date(2026, 11, 20), 15, "child"),
        (date(2011, 11, 20), date(2026, 11, 19), 15, "legal_representative"),
        (date(2012, 2, 29), date(2026, 2, 28), 14, "child"),
        (date(2012, 2, 29), date(2026, 2, 27), 14, "legal_representative"),
    ],
)
def test_consenting_party(birth_date: date, on_date: date, age: int, party: str) -> None:
    assert consenting_party(birth_date, on_date, age) == party


def vaccination_case(birth_date: str, referral_date: str) -> dict[str, Any]:
    data = example(VACCINATION)
    data["child"]["birth_date"] = birth_date
    data["referral_date"] = referral_date
    data["vaccination_history"] = []
    return data


def test_vaccination_consent_follows_the_age_of_15(pipeline: DocumentPipeline) -> None:
    # Law on the protection of the population against infectious diseases, art. 12.
    under = vaccination_case("2011-11-20", "2026-11-19")
    del under["legal_representative"]
    assert "legal_representative" in errors_of(VACCINATION, under)
    at = vaccination_case("2011-11-20", "2026-11-20")
    del at["legal_representative"]
    assert errors_of(VACCINATION, at) == {}
    consent = render_context(pipeline, VACCINATION, at, "en")["langs"][0]["consent"]
    assert consent["by_child"] is True
    assert consent["signature"] == "Sofiia KOVALENKO"
    # Her own consent rests on the Civil Code, art. 284 part 3, not on art. 12 of the Law.
    assert consent["basis"] == (
        "I give this consent myself under article 284, part 3, of the Civil Code of Ukraine."
    )
    assert consent["second"] is None


def test_a_child_of_14_is_vaccinated_with_the_representative_consent() -> None:
    data = vaccination_case("2012-11-20", "2026-11-20")
    del data["legal_representative"]
    assert "legal_representative" in errors_of(VACCINATION, data)


def test_a_child_of_14_consents_to_vaccination_too(pipeline: DocumentPipeline) -> None:
    """At 14 both sign: the curator under art. 12 of the Law, the child under art. 284 part 3."""
    data = vaccination_case("2012-11-20", "2026-11-20")
    consent = render_context(pipeline, VACCINATION, data, "uk")["langs"][0]["consent"]
    assert consent["by_child"] is False
    assert consent["signature"] == "Людмила КОВАЛЕНКО"
    assert "статті 12 Закону" in consent["basis"]
    assert consent["second"] == {
        "statement": "Я, Коваленко Софія Андріївна, також надаю згоду на проведення мені "
        "профілактичних щеплень відповідно до частини третьої статті 284 Цивільного кодексу "
        "України.",
        "signature": "Софія КОВАЛЕНКО",
    }
    younger = vaccination_case("2012-11-21", "2026-11-20")  # 13 for one more day
    consent = render_context(pipeline, VACCINATION, younger, "uk")["langs"][0]["consent"]
    assert consent["second"] is None


# ---------------------------------------------------------------- warnings
PRENATAL_DATES_RULE = RULE_PREGNANT


def refusal_rules(pipeline: DocumentPipeline, template_id: str, data: dict[str, Any]) -> list[str]:
    """The rules (msgids) of the premises a document's data makes false (none if it applies)."""
    try:
        pipeline.validate(template_id, data)
    except NotApplicableError as error:
        return [refusal.rule for refusal in error.refusals]
    return []


def warning_paths(pipeline: DocumentPipeline, template_id: str, data: dict[str, Any]) -> list[str]:
    return [warning.path for warning in pipeline.validate(template_id, data).warnings]


def test_a_referral_of_a_child_under_14_without_representative_warns(
    pipeline: DocumentPipeline,
) -> None:
    data = example(REFERRAL)
    del data["legal_representative"]
    assert warning_paths(pipeline, REFERRAL, data) == ["legal_representative"]
    data["child"]["birth_date"] = "2012-11-20"
    del data["child"]["unzr"]
    assert warning_paths(pipeline, REFERRAL, data) == []


@pytest.mark.parametrize(
    ("due_date", "refused"),
    [("2027-05-21", False), ("2027-06-04", False), ("2027-06-05", True), ("2027-05-06", True)],
)
def test_a_due_date_far_from_the_last_period_is_refused(
    pipeline: DocumentPipeline, due_date: str, refused: bool
) -> None:
    """Dates that do not agree show no one pregnancy: the referral is refused (was a warning)."""
    data = example(PRENATAL)
    data["expected_due_date"] = due_date
    assert (PRENATAL_DATES_RULE in refusal_rules(pipeline, PRENATAL, data)) is refused


@pytest.mark.parametrize(("weeks", "refused"), [(14, False), (12, False), (16, False), (17, True)])
def test_a_gestational_age_far_from_the_last_period_is_refused(
    pipeline: DocumentPipeline, weeks: int, refused: bool
) -> None:
    data = example(PRENATAL)
    data["gestational_age_weeks"] = weeks
    assert (PRENATAL_DATES_RULE in refusal_rules(pipeline, PRENATAL, data)) is refused


def test_the_due_date_is_280_days_after_the_last_period() -> None:
    assert due_date_from_period(date(2026, 8, 14)) == date(2027, 5, 21)


# ---------------------------------------------------------------- the prenatal referral
def test_a_patient_of_14_or_older_needs_no_representative(pipeline: DocumentPipeline) -> None:
    """From 14 she consents herself (Civil Code art. 284 part 3); under 14 one is required."""
    data = example(PRENATAL)
    del data["legal_representative"]
    del data["patient"]["rnokpp"]  # it encodes the example's birth date
    data["patient"]["birth_date"] = "2011-06-20"  # 15 on the referral date
    assert errors_of(PRENATAL, data) == {}
    consent = render_context(pipeline, PRENATAL, data, "uk")["langs"][0]["consent"]
    assert consent["by_child"] is True
    assert consent["signature"] == "Дарина ТКАЧЕНКО"
    assert "частини третьої статті 284" in consent["statement"]
    data["patient"]["birth_date"] = "2012-11-20"  # 14 on the referral date
    assert errors_of(PRENATAL, data) == {}
    data["patient"]["birth_date"] = "2012-11-21"  # 13 for one more day
    assert "legal_representative" in errors_of(PRENATAL, data)


def test_the_representative_of_a_patient_under_14_consents(pipeline: DocumentPipeline) -> None:
    data = example(PRENATAL)
    del data["patient"]["rnokpp"]
    data["patient"]["birth_date"] = "2013-01-10"  # 13
    consent = render_context(pipeline, PRENATAL, data, "uk")["langs"][0]["consent"]
    assert consent["by_child"] is False
    assert consent["signature"] == "Світлана ТКАЧЕНКО"
    assert "статті 43 Основ" in consent["basis"]
    assert consent["acknowledgement"] is None


def test_the_due_date_is_computed_from_the_last_period(pipeline: DocumentPipeline) -> None:
    data = example(PRENATAL)
    del data["expected_due_date"]
    rows = render_context(pipeline, PRENATAL, data, "uk")["langs"][0]["pregnancy_rows"]
    values = {row["label"]: row["value"] for row in rows}
    assert values["Очікувана дата пологів"].startswith("21 травня 2027\u00a0р.")
    assert values["Термін вагітності на дату направлення"].startswith("14 тижнів (")


def test_gestational_age_alone_is_enough(pipeline: DocumentPipeline) -> None:
    data = example(PRENATAL)
    del data["expected_due_date"]
    del data["last_menstrual_period"]
    data["gestational_age_weeks"] = 21
    assert warning_paths(pipeline, PRENATAL, data) == []
    rows = render_context(pipeline, PRENATAL, data, "en")["langs"][0]["pregnancy_rows"]
    values = {row["label"]: row["value"] for row in rows}
    assert values["Gestational age on the referral date"] == "21 weeks"
    assert values["Expected due date"] == "2 April 2027 (estimated from the gestational age)"


@pytest.mark.parametrize(("weeks", "text"), [(1, "1 тиждень"), (22, "22 тижні"), (25, "25 тижнів")])
def test_weeks_take_ukrainian_plural_forms(
    pipeline: DocumentPipeline, weeks: int, text: str
) -> None:
    data = example(PRENATAL)
    del data["expected_due_date"]
    del data["last_menstrual_period"]
    data["gestational_age_weeks"] = weeks
    rows = render_context(pipeline, PRENATAL, data, "uk")["langs"][0]["pregnancy_rows"]
    assert rows[0]["value"] == text


# ---------------------------------------------------------------- printed notes and marks
def render_context(
    pipeline: DocumentPipeline, template_id: str, data: dict[str, Any], lang: str
) -> dict[str, Any]:
    spec = get_template(template_id)
    validated = pipeline.validate(template_id, data)
    return build_context(
        validated.data,
        lang,
        spec.describe,
        document=describe_document(spec, lang),
        today=date(2026, 11, 26),
    )


def test_the_no_declaration_note_is_printed_only_when_flagged(pipeline: DocumentPipeline) -> None:
    data = example(REFERRAL)
    assert render_context(pipeline, REFERRAL, data, "uk")["langs"][0]["no_declaration_note"]
    data["no_family_doctor_declaration"] = False
    assert render_context(pipeline, REFERRAL, data, "uk")["langs"][0]["no_declaration_note"] is None


def test_records_from_the_occupied_territory_are_marked(pipeline: DocumentPipeline) -> None:
    data = example(VACCINATION)
    language = render_context(pipeline, VACCINATION, data, "uk")["langs"][0]
    assert language["history"][4]["source"].startswith("документ, виданий на ТОТ або в РФ")
    assert language["history"][0]["source"] == "медична документація, видана в Україні"
    assert language["occupation_note"]
    data["vaccination_history"] = [
        item for item in data["vaccination_history"] if item["source"] != "occupation_record"
    ]
    assert render_context(pipeline, VACCINATION, data, "uk")["langs"][0]["occupation_note"] is None


def test_english_names_carry_the_ukrainian_original(pipeline: DocumentPipeline) -> None:
    language = render_context(pipeline, REFERRAL, example(REFERRAL), "en")["langs"][0]
    assert language["patient_rows"][0]["value"] == (
        "Bondarenko Maksym Olehovych (Бондаренко Максим Олегович)"
    )


def test_a_guardian_of_a_child_of_14_is_a_curator(pipeline: DocumentPipeline) -> None:
    data = vaccination_case("2012-05-01", "2026-11-20")
    relation = render_context(pipeline, VACCINATION, data, "uk")["langs"][0]["representative"]
    assert relation["relation"] == "піклувальниця"
    data = vaccination_case("2013-05-01", "2026-11-20")
    relation = render_context(pipeline, VACCINATION, data, "uk")["langs"][0]["representative"]
    assert relation["relation"] == "опікунка"


@pytest.mark.parametrize("lang", ["uk", "en", "uk-en"])
@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_consent_of_a_child_of_14_renders(
    pipeline: DocumentPipeline, lang: str, fmt: str
) -> None:
    data = psychological_case("2012-11-20", "2026-11-20")
    document = pipeline.render(PSYCHOLOGICAL, data, lang, fmt)
    assert document.content


@pytest.mark.parametrize("lang", ["uk", "en", "uk-en"])
@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_a_child_with_no_known_vaccinations_renders(
    pipeline: DocumentPipeline, lang: str, fmt: str
) -> None:
    data = vaccination_case("2011-11-20", "2026-11-20")  # 15: the child consents
    document = pipeline.render(VACCINATION, data, lang, fmt)
    assert document.content
    if fmt == "docx" and lang == "uk":
        text = docx_text(document.content)
        assert "Відомостей про проведені щеплення немає." in text
        assert "не є згодою" in text  # the guardian of a child of 15 only acknowledges


# ---------------------------------------------------------------- catch-up vaccines by age
def vaccine_warnings(
    pipeline: DocumentPipeline, birth_date: str, sex: str, missing: list[str]
) -> dict[str, str]:
    data = vaccination_case(birth_date, "2026-11-20")
    data["child"]["sex"] = sex
    data["missing_vaccines"] = missing
    warnings = pipeline.validate(VACCINATION, data).warnings
    return {w.path: missing[int(w.path.rsplit(".", 1)[1])] for w in warnings}


def test_the_examples_vaccines_suit_an_8_year_old(pipeline: DocumentPipeline) -> None:
    data = example(VACCINATION)
    assert data["missing_vaccines"] == ["hepatitis_b", "dt", "ipv", "mmr"]
    assert warning_paths(pipeline, VACCINATION, data) == []


@pytest.mark.parametrize(
    ("birth_date", "sex", "missing", "warned"),
    [
        # 8 years: no Hib from 5, no whole-cell pertussis from 7
        ("2018-09-01", "female", ["hib", "dtap", "ipv"], {"hib", "dtap"}),
        # 3 years: Hib and pertussis-containing vaccine are still given
        ("2023-06-01", "female", ["hepatitis_b", "dtap", "ipv", "hib", "mmr"], set()),
        # HPV: girls of 12 and 13 only
        ("2013-10-01", "female", ["hpv"], set()),
        ("2013-10-01", "male", ["hpv"], {"hpv"}),
        ("2011-10-01", "female", ["hpv"], {"hpv"}),
        ("2016-10-01", "female", ["hpv", "dt"], {"hpv"}),
    ],
)
def test_vaccines_beyond_the_calendars_ages_warn(
    pipeline: DocumentPipeline, birth_date: str, sex: str, missing: list[str], warned: set[str]
) -> None:
    """The catch-up chapter was not read: an age limit warns, it does not refuse."""
    assert set(vaccine_warnings(pipeline, birth_date, sex, missing).values()) == warned


def test_pneumococcal_vaccine_is_named_as_another_vaccine(pipeline: DocumentPipeline) -> None:
    data = example(VACCINATION)
    data["missing_vaccines"] = ["pcv"]
    message = errors_of(VACCINATION, data)["missing_vaccines.0"][0]
    assert "other_vaccines" in message
    data["missing_vaccines"] = ["ipv"]
    data["other_vaccines"] = [{"uk": "пневмококова кон’югована вакцина", "en": "PCV"}]
    language = render_context(pipeline, VACCINATION, data, "en")["langs"][0]
    assert language["other_vaccines"] == ["PCV"]
    assert language["missing"] == ["Poliomyelitis (IPV)"]


def test_a_pcv_dose_given_elsewhere_may_be_recorded(pipeline: DocumentPipeline) -> None:
    data = example(VACCINATION)
    data["vaccination_history"].append(
        {"vaccine": "pcv", "date": "2023-03-01", "source": "occupation_record"}
    )
    assert errors_of(VACCINATION, data) == {}


# ---------------------------------------------------------------- premises: refused, not rendered
def refusal(pipeline: DocumentPipeline, template_id: str, data: dict[str, Any]) -> dict[str, Any]:
    """The one refusal of a document whose premise is false, as the 422 problem names it."""
    with pytest.raises(NotApplicableError) as raised:
        pipeline.validate(template_id, data)
    [only] = raised.value.extra_members()["refusals"]
    assert raised.value.status == 422 and raised.value.slug == "not-applicable"
    return only


AUNT = {"relation": "other_relative", "sex": "female"}


def with_aunt(data: dict[str, Any]) -> dict[str, Any]:
    data["legal_representative"].update(AUNT)
    data["legal_representative"].pop("appointment", None)
    return data


def test_an_aunt_cannot_consent_to_psychological_support_for_a_child_of_12(
    pipeline: DocumentPipeline,
) -> None:
    data = with_aunt(psychological_case("2014-03-02", "2026-11-20"))
    found = refusal(pipeline, PSYCHOLOGICAL, data)
    assert found["person"]["path"] == "legal_representative"
    assert found["fact"]["uk"] == (
        "Мельник Оксана Юріївна (родичка) не є ні матір’ю, ні опікункою дитини, якій не "
        "виповнилося 14 років, і не може давати згоду за дитину."
    )
    assert found["fact"]["en"].startswith("Melnyk Oksana Yuriivna (Мельник Оксана Юріївна)")
    for lang, words in (("uk", ("статті 43", "статті 242")), ("en", ("article 43", "242"))):
        assert all(word in found["rule"][lang] for word in words)


@pytest.mark.parametrize("relation", ["grandparent", "adult_sibling", "caregiver"])
def test_only_a_parent_or_guardian_consents_for_a_child_under_14(
    pipeline: DocumentPipeline, relation: str
) -> None:
    data = psychological_case("2014-03-02", "2026-11-20")
    data["legal_representative"]["relation"] = relation
    assert refusal(pipeline, PSYCHOLOGICAL, data)["person"]["path"] == "legal_representative"


def test_an_aunt_with_a_child_of_14_only_accompanies(pipeline: DocumentPipeline) -> None:
    """From 14 the child consents: the aunt is printed as the adult accompanying the child."""
    data = with_aunt(psychological_case("2012-11-20", "2026-11-20"))
    language = render_context(pipeline, PSYCHOLOGICAL, data, "uk")["langs"][0]
    assert language["representative"]["title"] == "Особа, яка супроводжує дитину"
    assert language["consent"]["signature"] == "Артем МЕЛЬНИК"
    assert language["consent"]["acknowledgement"]["text"].startswith(
        "Я, Мельник Оксана Юріївна, особа, яка супроводжує дитину (родичка), ознайомилася"
    )


def test_an_aunt_cannot_consent_to_vaccination_of_a_child_under_15(
    pipeline: DocumentPipeline,
) -> None:
    data = with_aunt(vaccination_case("2012-01-10", "2026-11-20"))  # 14
    found = refusal(pipeline, VACCINATION, data)
    assert "статті 12 Закону" in found["rule"]["uk"]
    assert "15" in found["fact"]["uk"]


def test_a_referral_to_a_psychiatrist_is_refused(pipeline: DocumentPipeline) -> None:
    data = example(PSYCHOLOGICAL)
    data["specialist"] = {"uk": "лікар-психіатр дитячий", "en": "child psychiatrist"}
    found = refusal(pipeline, PSYCHOLOGICAL, data)
    assert "лікар-психіатр дитячий" in found["fact"]["uk"]
    assert "частина шоста статті 284" in found["rule"]["uk"]
    assert "article 284, part 6" in found["rule"]["en"]


@pytest.mark.parametrize("template_id", [REFERRAL, PSYCHOLOGICAL, VACCINATION])
def test_an_adult_is_refused(pipeline: DocumentPipeline, template_id: str) -> None:
    data = example(template_id)
    data["child"]["birth_date"] = "2008-11-20"  # 18 on the referral date
    for key in ("rnokpp", "unzr"):
        data["child"].pop(key, None)
    data["child"]["id_document"] = None
    found = refusal(pipeline, template_id, data)
    assert found["person"]["path"] == "child"
    assert "20.11.2008" in found["fact"]["uk"] and "18" in found["fact"]["uk"]
    assert "20 November 2008" in found["fact"]["en"]


def test_a_man_is_refused_an_antenatal_referral(pipeline: DocumentPipeline) -> None:
    data = example(PRENATAL)
    data["patient"]["sex"] = "male"
    del data["patient"]["rnokpp"]
    found = refusal(pipeline, PRENATAL, data)
    assert (
        found["fact"]["uk"]
        == "За наданими даними, Ткаченко Дарина Олександрівна — особа чоловічої статі."
    )
    assert "Нормальна вагітність" in found["rule"]["uk"]


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"last_menstrual_period": "2026-01-23", "expected_due_date": None}, "42 тижні"),
        (
            {
                "expected_due_date": "2027-08-30",
                "last_menstrual_period": None,
                "gestational_age_weeks": 1,
            },
            "40 тижнів",
        ),
        (
            {
                "expected_due_date": "2026-10-20",
                "last_menstrual_period": None,
                "gestational_age_weeks": 42,
            },
            "понад 42 тижні",
        ),
        ({"gestational_age_weeks": 30, "last_menstrual_period": None}, "за очікуваною датою"),
    ],
)
def test_dates_of_no_pregnancy_are_refused(
    pipeline: DocumentPipeline, change: dict[str, Any], words: str
) -> None:
    data = example(PRENATAL)
    data.update(change)
    found = refusal(pipeline, PRENATAL, data)
    assert words in found["fact"]["uk"]
    assert found["rule"]["en"].startswith("An antenatal care referral is made for a woman")


def test_the_referral_warns_of_an_adult_who_is_no_legal_representative(
    pipeline: DocumentPipeline,
) -> None:
    data = with_aunt(example(REFERRAL))
    assert warning_paths(pipeline, REFERRAL, data) == ["legal_representative.relation"]
    language = render_context(pipeline, REFERRAL, data, "en")["langs"][0]
    assert language["representative"]["title"] == "Adult accompanying the child"


def test_a_recorded_polio_dose_is_not_called_ipv(pipeline: DocumentPipeline) -> None:
    """A dose given elsewhere may have been oral; the calendar now offers IPV only."""
    data = example(VACCINATION)
    data["vaccination_history"].append(
        {"vaccine": "ipv", "date": "2022-10-01", "source": "occupation_record"}
    )
    language = render_context(pipeline, VACCINATION, data, "uk")["langs"][0]
    assert language["history"][-1]["vaccine"] == "Поліомієліт"
    assert "Поліомієліт (ІПВ)" in language["missing"]


@pytest.mark.parametrize("template_id", MEDICAL)
def test_a_referral_without_the_facilitys_edrpou_warns(
    pipeline: DocumentPipeline, template_id: str
) -> None:
    data = example(template_id)
    del data["referring_organisation"]["edrpou"]
    assert "referring_organisation.edrpou" in warning_paths(pipeline, template_id, data)
