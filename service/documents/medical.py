"""Context builders and catalog entries of the medical.* documents.

A referral prints the data of each party as rows of label and value (`*_rows`), so the
HTML and DOCX templates only loop over them; statements and consent wording are whole
sentences chosen here by the data (the person's age decides who consents).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from service.documents.context import (
    describe_address,
    describe_contacts,
    describe_identity_document,
    describe_organisation,
    describe_person,
    describe_signatory,
    format_dates,
    issuer_name,
    localize_line,
    localize_text,
)
from service.documents.spec import TemplateSpec
from service.i18n import N_, NN_, NP_, gettext, ngettext, pgettext
from service.schemas.medical import (
    MEDICAL_CONSENT_AGE,
    VACCINATION_CONSENT_AGE,
    CatchUpVaccinationReferralSchema,
    PrenatalCareReferralSchema,
    PsychologicalSupportReferralSchema,
    ReferralSchema,
    consenting_party,
    due_date_from_period,
    referral_day,
)
from service.ukrainian import age_on

YEARS = NN_("%(n)s year", "%(n)s years")
WEEKS = NN_("%(n)s week", "%(n)s weeks")
DAYS = NN_("%(n)s day", "%(n)s days")
BY_PERIOD = N_("(by the last period)")
COMPUTED_FROM_PERIOD = N_("(computed from the last period)")
ESTIMATED_FROM_AGE = N_("(estimated from the gestational age)")
FOREIGN_NUMBER = N_("foreign number")

URGENCY_LABELS = {
    "routine": N_("routine"),
    "urgent": N_("urgent"),
    "emergency": N_("emergency"),
}

KIND_LABELS = {
    "consultation": N_("consultation"),
    "diagnostics": N_("diagnostic tests"),
    "hospitalisation": N_("hospitalisation"),
}

REFERRAL_STATEMENTS = {
    "consultation": N_("We refer the child named below to your facility for a consultation."),
    "diagnostics": N_("We refer the child named below to your facility for diagnostic tests."),
    "hospitalisation": N_("We refer the child named below to your facility for hospitalisation."),
}

REPLY_REQUESTS = {
    "consultation": N_(
        "Please send the specialist's opinion on form No. 028/o (consultation report) "
        "to the referring facility."
    ),
    "diagnostics": N_(
        "Please send the results of the tests and the specialist's opinion on form "
        "No. 028/o (consultation report) to the referring facility."
    ),
    "hospitalisation": N_(
        "Please send the discharge summary on form No. 027/o to the referring facility "
        "once the child leaves hospital."
    ),
}

# (relation, sex) -> (context for pgettext or None, msgid): how a representative is related.
RELATION_LABELS: dict[tuple[str, str], tuple[str | None, str]] = {
    ("mother", "female"): (None, N_("mother")),
    ("father", "male"): (None, N_("father")),
    ("grandparent", "female"): (None, N_("grandmother")),
    ("grandparent", "male"): (None, N_("grandfather")),
    ("adult_sibling", "female"): (None, N_("adult sister")),
    ("adult_sibling", "male"): (None, N_("adult brother")),
    ("other_relative", "female"): ("female", NP_("female", "relative")),
    ("other_relative", "male"): ("male", NP_("male", "relative")),
    ("guardian", "female"): ("female", NP_("female", "guardian")),
    ("guardian", "male"): ("male", NP_("male", "guardian")),
    # A guardian of a child of 14 or older is a curator (Civil Code art. 59).
    ("curator", "female"): ("female", NP_("female", "curator")),
    ("curator", "male"): ("male", NP_("male", "curator")),
    ("caregiver", "female"): (None, N_("person actually raising the child")),
    ("caregiver", "male"): (None, N_("person actually raising the child")),
    ("legal_representative", "female"): (None, N_("legal representative")),
    ("legal_representative", "male"): (None, N_("legal representative")),
}

PSYCHOLOGICAL_REASON_LABELS = {
    "deportation": N_("deportation or forcible transfer"),
    "captivity_of_parent": N_("a parent held in captivity"),
    "loss_of_parent": N_("death or disappearance of a parent"),
    "violence": N_("physical, sexual or psychological violence"),
    "displacement": N_("forced displacement within Ukraine"),
    "other": N_("other circumstances"),
}

VACCINE_LABELS = {
    "hepatitis_b": N_("Hepatitis B (HepB)"),
    "bcg": N_("Tuberculosis (BCG)"),
    "dtap": N_("Diphtheria, pertussis, tetanus (DTaP/DTP)"),
    "dt": N_("Diphtheria, tetanus (DT, Td)"),
    "ipv": N_("Poliomyelitis (IPV)"),
    "hib": N_("Haemophilus influenzae type b (Hib)"),
    "pcv": N_("Pneumococcal disease (PCV)"),
    "mmr": N_("Measles, mumps, rubella (MMR)"),
    "hpv": N_("Human papillomavirus (HPV)"),
    "other": N_("Other vaccine"),
}

VACCINATION_SOURCE_LABELS = {
    "ukrainian_record": N_("medical record issued in Ukraine"),
    "occupation_record": N_("document issued in the TOT or in Russia *"),
    "parent_statement": N_("statement of a parent or legal representative"),
    "unknown": N_("source unknown"),
}


def _row(label: str, value: str | None, lang: str) -> dict[str, str] | None:
    return None if value is None else {"label": gettext(label, lang), "value": value}


def _rows(*rows: dict[str, str] | None) -> list[dict[str, str]]:
    return [row for row in rows if row is not None]


def _first_mention(person: Mapping[str, Any], lang: str) -> str:
    """A name at its first mention: in English with the Ukrainian original in brackets."""
    if lang == "en":
        return f"{person['name']} ({person['native']})"
    return str(person["name"])


def _document_line(document: Mapping[str, Any] | None) -> str | None:
    """An identity document on one line, "№" kept with its number."""
    return None if document is None else str(document["line"]).replace("№ ", "№\u00a0")


def _place_note(address: Mapping[str, Any] | None) -> str | None:
    if address is None:
        return None
    if address["occupied"]:
        return f"{address['line']} ({address['occupied_note']})"
    return str(address["line"])


def describe_patient(
    person_data: Mapping[str, Any], lang: str, on_date: date
) -> tuple[dict[str, Any], list[dict[str, str]]]:
    """The person referred, and the rows that identify them."""
    person = describe_person(person_data, lang) or {}
    document = describe_identity_document(person_data.get("id_document"), lang)
    address = describe_address(person_data.get("address"), lang)
    age = age_on(person_data["birth_date"], on_date)
    identified = person["rnokpp"] or person["unzr"] or document
    rows = _rows(
        _row(N_("Full name"), _first_mention(person, lang), lang),
        _row(N_("Date of birth"), person["birth_date"], lang),
        _row(N_("Age on the referral date"), ngettext(*YEARS, age, lang), lang),
        _row(N_("Sex"), person["sex_label"], lang),
        _row(N_("RNOKPP"), person["rnokpp"], lang),
        _row(N_("UNZR"), person["unzr"], lang),
        _row(N_("Document"), _document_line(document), lang),
        _row(
            N_("Identifiers"),
            None if identified else gettext(N_("none: no RNOKPP, UNZR or document"), lang),
            lang,
        ),
        _row(N_("Address"), _place_note(address), lang),
    )
    return {**person, "age": age}, rows


def relation_label(relation: str, sex: str, lang: str, ward_age: int) -> str:
    """How a representative is related to the person referred, in one language."""
    if relation == "guardian" and ward_age >= MEDICAL_CONSENT_AGE:
        relation = "curator"
    context, msgid = RELATION_LABELS[(relation, sex)]
    return pgettext(context, msgid, lang) if context else gettext(msgid, lang)


def describe_representative(
    data: Mapping[str, Any] | None, lang: str, relation_row: str, ward_age: int
) -> tuple[dict[str, Any] | None, list[dict[str, str]]]:
    """The legal representative and the rows that identify them (none when absent)."""
    if data is None:
        return None, []
    person = describe_person(data, lang) or {}
    contacts = describe_contacts(data, lang)
    relation = relation_label(data["relation"], data["sex"], lang, ward_age)
    document = describe_identity_document(data.get("id_document"), lang)
    phone = contacts["phone"]
    if phone and contacts["phone_foreign"]:
        phone = f"{phone} ({gettext(FOREIGN_NUMBER, lang)})"
    rows = _rows(
        _row(N_("Full name"), _first_mention(person, lang), lang),
        _row(relation_row, relation, lang),
        _row(N_("Date of birth"), person["birth_date"], lang),
        _row(N_("RNOKPP"), person["rnokpp"], lang),
        _row(N_("Document"), _document_line(document), lang),
        _row(N_("Address"), _place_note(contacts["address"]), lang),
        _row(N_("Phone"), phone, lang),
        _row(N_("E-mail"), contacts["email"], lang),
    )
    return {**person, "relation": relation}, rows


ISSUED_BY = {
    "female": NP_("female", "Referral issued by: %(position)s %(name)s"),
    "male": NP_("male", "Referral issued by: %(position)s %(name)s"),
}


def describe_referrer(data: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """The referring organisation (letterhead) and the person who signs for it."""
    organisation = describe_organisation(data["referring_organisation"], lang) or {}
    person_data = data["referring_person"]
    signatory = describe_signatory(person_data, lang) or {}
    native = describe_signatory(person_data, "uk") or {}
    name = f"{signatory['name']} ({native['name']})" if lang == "en" else signatory["name"]
    sex = person_data["sex"]
    issued_by = pgettext(sex, ISSUED_BY[sex], lang, position=signatory["position"], name=name)
    return {"organisation": organisation, "person": signatory, "issued_by": issued_by}


def describe_common(
    data: Mapping[str, Any], lang: str, today: date, person_key: str = "child"
) -> dict[str, Any]:
    """What every referral prints: addressee, person, representative, referrer, date."""
    on_date = referral_day(data, today)
    person, person_rows = describe_patient(data[person_key], lang, on_date)
    relation_row = (
        N_("Relation to the child") if person_key == "child" else N_("Relation to the patient")
    )
    representative, representative_rows = describe_representative(
        data.get("legal_representative"), lang, relation_row, person["age"]
    )
    urgency = data.get("urgency")
    return {
        "addressee": describe_organisation(data["receiving_facility"], lang),
        "specialist": localize_line(data.get("specialist"), lang),
        "patient": person,
        "patient_rows": person_rows,
        "representative": representative,
        "representative_rows": representative_rows,
        "referrer": describe_referrer(data, lang),
        "urgency": gettext(URGENCY_LABELS[urgency], lang) if urgency else None,
        "referral_date": format_dates(on_date, lang),
    }


def describe_no_declaration(data: Mapping[str, Any], lang: str) -> str | None:
    """Say that the child has no family doctor's declaration (None when the child has one)."""
    if not data["no_family_doctor_declaration"]:
        return None
    return gettext(
        N_(
            "The child has no declaration with a primary-care doctor "
            "(family doctor or paediatrician)."
        ),
        lang,
    )


def _referral_rows(data: Mapping[str, Any], lang: str, common: Mapping[str, Any]) -> list[Any]:
    return _rows(
        _row(N_("Referred for"), gettext(KIND_LABELS[data["kind"]], lang), lang),
        _row(N_("Specialist or department"), common["specialist"], lang),
        _row(N_("Urgency"), common["urgency"], lang),
    )


def describe_referral(data: Mapping[str, Any], lang: str, today: date) -> dict[str, Any]:
    """Spell out the referral to a health-care facility, in one language."""
    common = describe_common(data, lang, today)
    return {
        **common,
        "statement": gettext(REFERRAL_STATEMENTS[data["kind"]], lang),
        "referral_rows": _referral_rows(data, lang, common),
        "e_referral_number": data.get("e_referral_number"),
        "reason": localize_text(data["reason"], lang),
        "no_declaration_note": describe_no_declaration(data, lang),
        "reply_request": gettext(REPLY_REQUESTS[data["kind"]], lang),
    }


# Consent wording: (who consents, which law) -> statement and basis.
CONSENT_WORDING = {
    ("psychological", "legal_representative"): (
        N_(
            "I, %(name)s, the legal representative (%(relation)s) of the child %(child)s, "
            "consent to the child receiving psychological support under this referral. "
            "I have been informed of the purpose, nature and possible consequences of the "
            "intervention and of my right to withdraw this consent at any time."
        ),
        N_(
            "Consent is given under article 43 of the Fundamentals of the Legislation of "
            "Ukraine on Health Care, as the child is under 14."
        ),
    ),
    ("psychological", "child"): (
        N_(
            "I, %(name)s, consent to receiving psychological support under this referral. "
            "I have been informed of the purpose, nature and possible consequences of the "
            "intervention and of my right to withdraw this consent at any time."
        ),
        N_(
            "I give this consent myself under article 284(2) of the Civil Code of Ukraine, "
            "as I am 14 or older."
        ),
    ),
    ("vaccination", "legal_representative"): (
        N_(
            "I, %(name)s, the legal representative (%(relation)s) of the child %(child)s, "
            "consent to the child being examined and vaccinated under this referral, "
            "following an individual catch-up schedule. I have been given objective "
            "information about the vaccinations, the consequences of refusing them and "
            "possible adverse reactions."
        ),
        N_(
            "Consent is given under article 12 of the Law of Ukraine on the Protection of the "
            "Population against Infectious Diseases, as the child is under 15."
        ),
    ),
    ("vaccination", "child"): (
        N_(
            "I, %(name)s, consent to being examined and vaccinated under this referral, "
            "following an individual catch-up schedule. I have been given objective "
            "information about the vaccinations, the consequences of refusing them and "
            "possible adverse reactions."
        ),
        N_(
            "I give this consent myself, as I am 15 or older (article 284(2) of the Civil Code "
            "of Ukraine; article 12 of the Law of Ukraine on the Protection of the Population "
            "against Infectious Diseases)."
        ),
    ),
}

ACKNOWLEDGEMENT = N_(
    "The child's legal representative, %(name)s (%(relation)s), has been informed of this "
    "referral. This signature confirms that only; it is not consent to the intervention."
)


def describe_consent(
    data: Mapping[str, Any],
    lang: str,
    today: date,
    common: Mapping[str, Any],
    *,
    purpose: str,
    consent_age: int,
) -> dict[str, Any]:
    """Who consents, in which words, and who only acknowledges (the representative of 14+)."""
    party = consenting_party(data["child"]["birth_date"], referral_day(data, today), consent_age)
    child = common["patient"]
    representative = common["representative"]
    statement, basis = CONSENT_WORDING[(purpose, party)]
    acknowledgement = None
    if party == "legal_representative":
        # The schema requires the representative whenever the child is too young.
        text = gettext(
            statement,
            lang,
            name=representative["name"],
            relation=representative["relation"],
            child=child["genitive"],
        )
        signature = representative["signature"]
    else:
        text = gettext(statement, lang, name=child["name"])
        signature = child["signature"]
        if representative:
            acknowledgement = {
                "text": gettext(
                    ACKNOWLEDGEMENT,
                    lang,
                    name=representative["name"],
                    relation=representative["relation"],
                ),
                "signature": representative["signature"],
            }
    return {
        "by_child": party == "child",
        "statement": text,
        "basis": gettext(basis, lang),
        "signature": signature,
        "acknowledgement": acknowledgement,
    }


def describe_psychological_referral(
    data: Mapping[str, Any], lang: str, today: date
) -> dict[str, Any]:
    """Spell out the referral for psychological support and the consent, in one language."""
    common = describe_common(data, lang, today)
    reason = data["reason"]
    status = data.get("war_affected_status")
    if status:
        authority = issuer_name(status["authority"], lang)
        status_text = gettext(
            N_("granted by decision No. %(number)s of %(date)s of %(authority)s"),
            lang,
            number=status["number"],
            date=format_dates(status["decision_date"], lang)["long"],
            authority=authority,
        )
    else:
        status_text = gettext(N_("not granted, or no information"), lang)
    return {
        **common,
        "referral_rows": _referral_rows(data, lang, common),
        "e_referral_number": data.get("e_referral_number"),
        "reason_rows": _rows(
            _row(
                N_("Circumstance"),
                gettext(PSYCHOLOGICAL_REASON_LABELS[reason["kind"]], lang),
                lang,
            ),
            _row(N_("Status of a child affected by the war"), status_text, lang),
        ),
        "reason_details": localize_text(reason.get("details"), lang),
        "no_declaration_note": describe_no_declaration(data, lang),
        "consent": describe_consent(
            data, lang, today, common, purpose="psychological", consent_age=MEDICAL_CONSENT_AGE
        ),
    }


def describe_prenatal_referral(data: Mapping[str, Any], lang: str, today: date) -> dict[str, Any]:
    """Spell out the referral of a pregnant woman for antenatal care, in one language."""
    common = describe_common(data, lang, today, person_key="patient")
    on_date = referral_day(data, today)
    weeks: int | None = data.get("gestational_age_weeks")
    period: date | None = data.get("last_menstrual_period")
    given_due: date | None = data.get("expected_due_date")
    term: str | None = None
    if weeks is not None:
        term = ngettext(*WEEKS, weeks, lang)
    elif period is not None:  # the schema requires one of the two
        days = (on_date - period).days
        parts = [ngettext(*WEEKS, days // 7, lang)] if days >= 7 else []
        if days % 7 or not parts:
            parts.append(ngettext(*DAYS, days % 7, lang))
        term = " ".join([*parts, gettext(BY_PERIOD, lang)])
    due: str | None = None
    if given_due is not None:
        due = format_dates(given_due, lang)["long"]
    elif period is not None:
        computed = format_dates(due_date_from_period(period), lang)["long"]
        due = f"{computed} {gettext(COMPUTED_FROM_PERIOD, lang)}"
    elif weeks is not None:
        estimated = format_dates(on_date + timedelta(days=280 - 7 * weeks), lang)["long"]
        due = f"{estimated} {gettext(ESTIMATED_FROM_AGE, lang)}"
    pregnancy_rows = _rows(
        _row(N_("Gestational age on the referral date"), term, lang),
        _row(
            N_("First day of the last period"),
            format_dates(period, lang)["long"] if period else None,
            lang,
        ),
        _row(N_("Expected due date"), due, lang),
        _row(N_("Specialist or department"), common["specialist"], lang),
        _row(N_("Urgency"), common["urgency"], lang),
    )
    return {
        **common,
        # In Python, not in the template: docxtpl would straighten the quotes inside a tag.
        "statement": gettext(
            N_(
                "We refer the pregnant woman named below for registration and antenatal care "
                "under the standard of medical care “Normal pregnancy”."
            ),
            lang,
        ),
        "pregnancy_rows": pregnancy_rows,
        "minor": age_on(data["patient"]["birth_date"], on_date) < 18,
        "known_history": localize_text(data.get("known_history"), lang),
        "denied_care_note": gettext(
            N_(
                "While on the temporarily occupied territory, the patient was refused medical "
                "care because she had no documents issued by the Russian Federation."
            ),
            lang,
        )
        if data["denied_care_without_russian_documents"]
        else None,
    }


def describe_vaccination_referral(
    data: Mapping[str, Any], lang: str, today: date
) -> dict[str, Any]:
    """Spell out the referral for catch-up vaccination and the consent, in one language."""
    common = describe_common(data, lang, today)
    history = []
    for record in data["vaccination_history"]:
        given = record.get("vaccination_date")
        history.append(
            {
                "vaccine": gettext(VACCINE_LABELS[record["vaccine"]], lang),
                "details": localize_line(record.get("details"), lang),
                "date": format_dates(given, lang)["numeric"]
                if given
                else gettext(N_("date unknown"), lang),
                # The footnote mark stays on the line of the word it marks.
                "source": gettext(VACCINATION_SOURCE_LABELS[record["source"]], lang).replace(
                    " *", "\u00a0*"
                ),
            }
        )
    occupation = any(r["source"] == "occupation_record" for r in data["vaccination_history"])
    return {
        **common,
        "history": history,
        "occupation_note": gettext(
            N_(
                "* TOT: the temporarily occupied territory of Ukraine. Ukraine does not "
                "recognise documents issued there or in Russia; their data are given for "
                "information only, and the doctor decides whether those doses count."
            ),
            lang,
        )
        if occupation
        else None,
        "missing": [gettext(VACCINE_LABELS[code], lang) for code in data["missing_vaccines"]],
        "consent": describe_consent(
            data, lang, today, common, purpose="vaccination", consent_age=VACCINATION_CONSENT_AGE
        ),
    }


MEDICAL_TEMPLATES: tuple[TemplateSpec, ...] = (
    TemplateSpec(
        id="medical.referral",
        version="2.0.0",
        title=N_("Referral to a health-care facility"),
        legal_basis=N_(
            "Procedure for referring patients to health-care facilities, approved by Order "
            "of the Ministry of Health of Ukraine No. 586 of 28 February 2020"
        ),
        schema=ReferralSchema,
        describe=describe_referral,
        filename_stem="medical-referral",
    ),
    TemplateSpec(
        id="medical.prenatal_care_referral",
        version="2.0.0",
        title=N_("Referral of a pregnant woman for antenatal care"),
        legal_basis=N_(
            "Standards of medical care “Normal pregnancy”, approved by Order of the Ministry "
            "of Health of Ukraine No. 1437 of 9 August 2022"
        ),
        schema=PrenatalCareReferralSchema,
        describe=describe_prenatal_referral,
        filename_stem="prenatal-care-referral",
    ),
    TemplateSpec(
        id="medical.catch_up_vaccination_referral",
        version="2.0.0",
        title=N_("Referral for catch-up vaccination"),
        legal_basis=N_(
            "Order of the Ministry of Health of Ukraine No. 595 of 16 September 2011 (vaccination "
            "calendar, as amended with effect from 1 January 2026); Law of Ukraine on the "
            "Protection of the Population against Infectious Diseases, article 12; Civil "
            "Code of Ukraine, article 284"
        ),
        schema=CatchUpVaccinationReferralSchema,
        describe=describe_vaccination_referral,
        filename_stem="catch-up-vaccination-referral",
    ),
    TemplateSpec(
        id="medical.psychological_support_referral",
        version="2.0.0",
        title=N_("Referral for psychological support and consent to the intervention"),
        legal_basis=N_(
            "Fundamentals of the Legislation of Ukraine on Health Care, article 43; Civil "
            "Code of Ukraine, article 284; Order of the Ministry of Health of Ukraine No. 586 "
            "of 28 February 2020"
        ),
        schema=PsychologicalSupportReferralSchema,
        describe=describe_psychological_referral,
        filename_stem="psychological-support-referral",
    ),
)
