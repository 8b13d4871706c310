"""Context builders, premises and catalog entries of the medical.* documents.

A referral prints the data of each party as rows of label and value (`*_rows`), so the
HTML and DOCX templates only loop over them; statements and consent wording are whole
sentences chosen here by the data (the person's age decides who consents). What must be
true of the person for a referral to apply (`*_premises`) is checked here too: a false
premise refuses the document with the fact and the rule (`documents/premises.py`).
The legal sources of every statement are in docs/legal/<template id>.toml.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, timedelta
from typing import Any

from babel.dates import format_date

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
from service.documents.premises import Finding, Refusal, day_in_words, person_names
from service.documents.spec import TemplateSpec
from service.i18n import LANGUAGES, N_, NN_, NP_, gettext, ngettext, pgettext
from service.schemas.medical import (
    ADULT_AGE,
    DUE_DATE_TOLERANCE_DAYS,
    GESTATIONAL_AGE_TOLERANCE_WEEKS,
    LONGEST_PREGNANCY_DAYS,
    MEDICAL_CONSENT_AGE,
    PREGNANCY_DAYS,
    VACCINATION_CONSENT_AGE,
    CatchUpVaccinationReferralSchema,
    PrenatalCareReferralSchema,
    PsychologicalSupportReferralSchema,
    ReferralSchema,
    consenting_party,
    due_date_from_period,
    is_legal_representative,
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
# A registration number left out is written in by hand at the referring facility.
NUMBER_BLANK = "________"

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

# The reply goes to "the health-care facility that made the referral", as the instruction
# on form 028/o words it (docs/legal/medical.referral.toml, moz_110_form_028o); form 027/o
# was not read, so the discharge summary names no form.
REPLY_REQUESTS = {
    "consultation": N_(
        "Please send the specialist's consultation report (primary record form No. 028/o) "
        "to the health-care facility that made the referral."
    ),
    "diagnostics": N_(
        "Please send the test results and the specialist's consultation report (primary "
        "record form No. 028/o) to the health-care facility that made the referral."
    ),
    "hospitalisation": N_(
        "Please send a discharge summary to the health-care facility that made the referral "
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

# The infection each vaccine prevents, not a product: which product (acellular or
# whole-cell pertussis, adult or child doses) is the doctor's choice.
VACCINE_LABELS = {
    "hepatitis_b": N_("Hepatitis B (HepB)"),
    "bcg": N_("Tuberculosis (BCG)"),
    "dtap": N_("Diphtheria, pertussis, tetanus"),
    "dt": N_("Diphtheria, tetanus"),
    "ipv": N_("Poliomyelitis (IPV)"),
    "hib": N_("Haemophilus influenzae type b (Hib)"),
    "pcv": N_("Pneumococcal disease (PCV)"),
    "mmr": N_("Measles, mumps, rubella (MMR)"),
    "hpv": N_("Human papillomavirus (HPV)"),
    "other": N_("Other vaccine"),
}

# A recorded dose names the infection only where the product may differ from what the
# calendar now gives: a polio dose given elsewhere may have been oral (OPV), and from 2026
# the calendar offers IPV only, so the missing list says IPV and the history does not.
HISTORY_LABELS = {**VACCINE_LABELS, "ipv": N_("Poliomyelitis")}

VACCINATION_SOURCE_LABELS = {
    "ukrainian_record": N_("medical record issued in Ukraine"),
    "occupation_record": N_("document issued in the TOT or in Russia *"),
    "parent_statement": N_("statement of a parent or legal representative"),
    "unknown": N_("source unknown"),
}

# What a document issued on the occupied territory or in Russia is worth here: the law
# read voids acts of the occupation bodies, it says nothing of medical records issued in
# Russia (docs/legal/medical.catch_up_vaccination_referral.toml, law_1207_art9).
OCCUPATION_NOTE = N_(
    "* TOT: the temporarily occupied territory of Ukraine. Data from documents issued in the "
    "TOT or in Russia are given for information only; the doctor decides whether those doses "
    "count."
)


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


def _capitalised(text: str | None) -> str | None:
    """A line that starts a line of an address block: its first letter in capitals."""
    return text[:1].upper() + text[1:] if text else text


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


APPOINTMENT_LABELS = {
    "guardian": N_("Decision appointing the guardian"),
    "curator": N_("Decision appointing the curator"),
}


def describe_appointment(
    appointment: Mapping[str, Any] | None, lang: str, ward_age: int
) -> dict[str, str] | None:
    """The row of the decision that appointed a guardian (curator): authority, date, number."""
    if appointment is None:
        return None
    role = "curator" if ward_age >= MEDICAL_CONSENT_AGE else "guardian"
    value = gettext(
        N_("No. %(number)s of %(date)s; authority: %(authority)s"),
        lang,
        number=appointment["number"],
        date=format_dates(appointment["decision_date"], lang)["long"],
        authority=issuer_name(appointment["authority"], lang),
    )
    return _row(APPOINTMENT_LABELS[role], value, lang)


REPRESENTATIVE_TITLES = {
    # (legal representative?, person referred) -> section title
    (True, "child"): N_("Legal representative"),
    (False, "child"): N_("Adult accompanying the child"),
    (True, "patient"): N_("Legal representative"),
    (True, "minor_patient"): N_("Legal representative of the patient, a minor"),
    (False, "patient"): N_("Adult accompanying the patient"),
    (False, "minor_patient"): N_("Adult accompanying the patient"),
}


def describe_representative(
    data: Mapping[str, Any] | None, lang: str, person_role: str, ward_age: int
) -> tuple[dict[str, Any] | None, list[dict[str, str]]]:
    """The adult with the person referred and the rows that identify them (none when absent).

    Only a parent or a guardian is called a legal representative (Civil Code art. 242);
    another adult is the adult accompanying the child.
    """
    if data is None:
        return None, []
    person = describe_person(data, lang) or {}
    contacts = describe_contacts(data, lang)
    relation = relation_label(data["relation"], data["sex"], lang, ward_age)
    document = describe_identity_document(data.get("id_document"), lang)
    phone = contacts["phone"]
    if phone and contacts["phone_foreign"]:
        phone = f"{phone} ({gettext(FOREIGN_NUMBER, lang)})"
    relation_row = (
        N_("Relation to the child") if person_role == "child" else N_("Relation to the patient")
    )
    legal = is_legal_representative(data)
    role = person_role
    if person_role == "patient" and ward_age < ADULT_AGE:
        role = "minor_patient"
    rows = _rows(
        _row(N_("Full name"), _first_mention(person, lang), lang),
        _row(relation_row, relation, lang),
        describe_appointment(data.get("appointment"), lang, ward_age),
        _row(N_("Date of birth"), person["birth_date"], lang),
        _row(N_("RNOKPP"), person["rnokpp"], lang),
        _row(N_("Document"), _document_line(document), lang),
        _row(N_("Address"), _place_note(contacts["address"]), lang),
        _row(N_("Phone"), phone, lang),
        _row(N_("E-mail"), contacts["email"], lang),
    )
    title = gettext(REPRESENTATIVE_TITLES[(legal, role)], lang)
    return {**person, "relation": relation, "legal": legal, "title": title}, rows


ISSUED_BY = {
    "female": NP_("female", "Referral issued by: %(position)s %(name)s"),
    "male": NP_("male", "Referral issued by: %(position)s %(name)s"),
}


def describe_referrer(data: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """The referring organisation (letterhead, ЄДРПОУ code) and the person who signs for it."""
    organisation_data = data["referring_organisation"]
    organisation = describe_organisation(organisation_data, lang) or {}
    code = organisation_data.get("edrpou")
    line = gettext(N_("EDRPOU code %(code)s"), lang, code=code) if code else None
    organisation["edrpou"] = line[:1].upper() + line[1:] if line else None  # its own line
    person_data = data["referring_person"]
    signatory = describe_signatory(person_data, lang) or {}
    native = describe_signatory(person_data, "uk") or {}
    name = f"{signatory['name']} ({native['name']})" if lang == "en" else signatory["name"]
    sex = person_data["sex"]
    issued_by = pgettext(sex, ISSUED_BY[sex], lang, position=signatory["position"], name=name)
    return {"organisation": organisation, "person": signatory, "issued_by": issued_by}


def describe_dated(data: Mapping[str, Any], lang: str, on_date: date) -> str:
    """ "dated 20 November 2026, No. 145" (a blank to fill in when no number is given)."""
    return gettext(
        N_("dated %(date)s, No. %(number)s"),
        lang,
        date=format_dates(on_date, lang)["long"],
        number=data.get("registration_number") or NUMBER_BLANK,
    )


def describe_common(
    data: Mapping[str, Any], lang: str, today: date, person_key: str = "child"
) -> dict[str, Any]:
    """What every referral prints: addressee, number, person, representative, referrer, date."""
    on_date = referral_day(data, today)
    person, person_rows = describe_patient(data[person_key], lang, on_date)
    representative, representative_rows = describe_representative(
        data.get("legal_representative"), lang, person_key, person["age"]
    )
    urgency = data.get("urgency")
    e_referral = data.get("e_referral_number")
    dated = describe_dated(data, lang, on_date)
    if e_referral:
        number = gettext(N_("e-referral No. %(number)s"), lang, number=e_referral)
        dated = f"{dated}; {number}"
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
        "dated": dated,
        "e_referral_number": e_referral,
        # The addressee's unit (a vaccination room), under the facility, before its address.
        "addressee_unit": None,
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
        "reason": localize_text(data["reason"], lang),
        "no_declaration_note": describe_no_declaration(data, lang),
        "reply_request": gettext(REPLY_REQUESTS[data["kind"]], lang),
    }


# Consent wording: (purpose, who consents) -> statement and basis (None: the statement says it).
CONSENT_WORDING: dict[tuple[str, str], tuple[str, str | None]] = {
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
            "I give this consent myself under article 284, part 3, of the Civil Code of "
            "Ukraine, as I am 14 or older."
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
        N_("I give this consent myself under article 284, part 3, of the Civil Code of Ukraine."),
    ),
    ("prenatal", "legal_representative"): (
        N_(
            "I, %(name)s, the legal representative (%(relation)s) of the patient %(child)s, "
            "consent to this referral."
        ),
        N_(
            "Consent is given under article 43 of the Fundamentals of the Legislation of "
            "Ukraine on Health Care, as the patient is under 14."
        ),
    ),
    ("prenatal", "child"): (
        N_(
            "I, %(name)s, give my consent to this referral myself under article 284, part 3, "
            "of the Civil Code of Ukraine."
        ),
        None,
    ),
}

# At 14 a child is vaccinated with the representative's consent (art. 12 of the Law, under
# 15) and the child's own (Civil Code art. 284 part 3, from 14): both sign.
CHILD_ALSO_CONSENTS = N_(
    "I, %(name)s, also consent to being vaccinated, under article 284, part 3, of the Civil "
    "Code of Ukraine."
)

# The adult with a child who consents alone signs, if at all, only to have read the referral.
ACKNOWLEDGEMENTS = {
    (True, "female"): NP_(
        "female",
        "I, %(name)s, the child's legal representative (%(relation)s), have read this referral. "
        "My signature confirms only that; it is not consent to the intervention.",
    ),
    (True, "male"): NP_(
        "male",
        "I, %(name)s, the child's legal representative (%(relation)s), have read this referral. "
        "My signature confirms only that; it is not consent to the intervention.",
    ),
    (False, "female"): NP_(
        "female",
        "I, %(name)s, the adult accompanying the child (%(relation)s), have read this referral. "
        "My signature confirms only that; it is not consent to the intervention.",
    ),
    (False, "male"): NP_(
        "male",
        "I, %(name)s, the adult accompanying the child (%(relation)s), have read this referral. "
        "My signature confirms only that; it is not consent to the intervention.",
    ),
}


def describe_consent(
    data: Mapping[str, Any],
    lang: str,
    today: date,
    common: Mapping[str, Any],
    *,
    purpose: str,
    consent_age: int,
    person_key: str = "child",
) -> dict[str, Any]:
    """Who consents, in which words; at 14 for a vaccination, the child too; who only reads.

    The representative consents under `consent_age` (the schema requires one then, and the
    premises refuse anyone but a parent or guardian); from it the child consents, and the
    adult with the child, if any, signs only that they have read the referral. A patient of
    an antenatal referral signs for herself from 14, and nobody else signs.
    """
    on_date = referral_day(data, today)
    birth_date = data[person_key]["birth_date"]
    party = consenting_party(birth_date, on_date, consent_age)
    person = common["patient"]
    representative = common["representative"]
    statement, basis = CONSENT_WORDING[(purpose, party)]
    acknowledgement = None
    second = None
    if party == "legal_representative":
        text = gettext(
            statement,
            lang,
            name=representative["name"],
            relation=representative["relation"],
            child=person["genitive"],
        )
        signature = representative["signature"]
        if purpose == "vaccination" and age_on(birth_date, on_date) >= MEDICAL_CONSENT_AGE:
            second = {
                "statement": gettext(CHILD_ALSO_CONSENTS, lang, name=person["name"]),
                "signature": person["signature"],
            }
    else:
        text = gettext(statement, lang, name=person["name"])
        signature = person["signature"]
        if representative and purpose != "prenatal":
            sex = data["legal_representative"]["sex"]
            acknowledgement = {
                "text": pgettext(
                    sex,
                    ACKNOWLEDGEMENTS[(representative["legal"], sex)],
                    lang,
                    name=representative["name"],
                    relation=representative["relation"],
                ),
                "signature": representative["signature"],
            }
    return {
        "by_child": party == "child",
        "statement": text,
        "basis": gettext(basis, lang) if basis else None,
        "signature": signature,
        "second": second,
        "acknowledgement": acknowledgement,
    }


def describe_psychological_referral(
    data: Mapping[str, Any], lang: str, today: date
) -> dict[str, Any]:
    """Spell out the referral for psychological support and the consent, in one language."""
    common = describe_common(data, lang, today)
    reason = data["reason"]
    status = data.get("war_affected_status")
    status_row = None
    if status:
        # A recorded fact, printed as one: the status grants no right to this care.
        status_row = _row(
            N_("Status of a child affected by the war"),
            gettext(
                N_("granted by decision No. %(number)s of %(date)s of %(authority)s"),
                lang,
                number=status["number"],
                date=format_dates(status["decision_date"], lang)["long"],
                authority=issuer_name(status["authority"], lang),
            ),
            lang,
        )
    return {
        **common,
        "referral_rows": _referral_rows(data, lang, common),
        "reason_rows": _rows(
            _row(
                N_("Circumstance"),
                gettext(PSYCHOLOGICAL_REASON_LABELS[reason["kind"]], lang),
                lang,
            ),
            status_row,
        ),
        "reason_details": localize_text(reason.get("details"), lang),
        "no_declaration_note": describe_no_declaration(data, lang),
        "not_psychiatric_note": gettext(NOT_PSYCHIATRIC, lang),
        "consent": describe_consent(
            data, lang, today, common, purpose="psychological", consent_age=MEDICAL_CONSENT_AGE
        ),
    }


NOT_PSYCHIATRIC = N_(
    "This referral concerns psychological support given by a psychologist. Psychiatric care "
    "is provided in accordance with the law (article 284, part 6, of the Civil Code of "
    "Ukraine) and is not covered by this referral or this consent."
)


def describe_term(
    data: Mapping[str, Any], lang: str, on_date: date
) -> tuple[str | None, str | None]:
    """The gestational age on the referral date and the expected due date, in words."""
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
    return term, due


DENIED_CARE = N_(
    "While on the temporarily occupied territory, the patient was refused medical care "
    "because she had no documents issued by the Russian Federation."
)


def describe_history(data: Mapping[str, Any], lang: str) -> dict[str, Any] | None:
    """The known history, with the refusal of care under occupation as its last paragraph.

    The refusal is printed once, in the history it belongs to, not as a note of its own
    beside a history that may tell it too.
    """
    history = localize_text(data.get("known_history"), lang)
    denied = gettext(DENIED_CARE, lang) if data["denied_care_without_russian_documents"] else None
    if history is None and denied is None:
        return None
    if history is None:
        return {"paragraphs": [], "untranslated": False, "denied": denied}
    return {**history, "denied": denied}


def describe_prenatal_referral(data: Mapping[str, Any], lang: str, today: date) -> dict[str, Any]:
    """Spell out the referral of a pregnant woman for antenatal care, in one language."""
    common = describe_common(data, lang, today, person_key="patient")
    on_date = referral_day(data, today)
    term, due = describe_term(data, lang, on_date)
    period: date | None = data.get("last_menstrual_period")
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
                "under the Standards of medical care “Normal pregnancy”, approved by Order of "
                "the Ministry of Health of Ukraine No. 1437 of 9 August 2022."
            ),
            lang,
        ),
        "pregnancy_rows": pregnancy_rows,
        "known_history": describe_history(data, lang),
        "request": gettext(
            N_(
                "Please register the patient for antenatal care, carry out the examinations the "
                "Standards provide for and inform the health-care facility that made the "
                "referral of the results."
            ),
            lang,
        ),
        "consent": describe_consent(
            data,
            lang,
            today,
            common,
            purpose="prenatal",
            consent_age=MEDICAL_CONSENT_AGE,
            person_key="patient",
        ),
    }


def table_date(value: date, lang: str) -> str:
    """A date in a table column: 02.09.2018, or 2 Sep 2018 (a month in words, kept short)."""
    if lang == "en":
        return format_date(value, "d MMM y", locale="en")
    return format_dates(value, lang)["numeric"]


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
                "vaccine": gettext(HISTORY_LABELS[record["vaccine"]], lang),
                "details": localize_line(record.get("details"), lang),
                "date": table_date(given, lang) if given else gettext(N_("date unknown"), lang),
                # The footnote mark stays on the line of the word it marks.
                "source": gettext(VACCINATION_SOURCE_LABELS[record["source"]], lang).replace(
                    " *", "\u00a0*"
                ),
            }
        )
    occupation = any(r["source"] == "occupation_record" for r in data["vaccination_history"])
    return {
        **common,
        "addressee_unit": _capitalised(common["specialist"]),
        "history": history,
        "occupation_note": gettext(OCCUPATION_NOTE, lang) if occupation else None,
        "missing": [gettext(VACCINE_LABELS[code], lang) for code in data["missing_vaccines"]],
        "other_vaccines": [localize_line(text, lang) for text in data["other_vaccines"]],
        "consent": describe_consent(
            data, lang, today, common, purpose="vaccination", consent_age=VACCINATION_CONSENT_AGE
        ),
    }


# --- Premises: what must be true of the person for a referral to apply -------------------

ADULT = {
    "male": NP_(
        "male", "%(person)s (born %(birth)s) is 18 or older on the referral date, %(date)s."
    ),
    "female": NP_(
        "female", "%(person)s (born %(birth)s) is 18 or older on the referral date, %(date)s."
    ),
}
RULE_CHILD_REFERRAL = N_(
    "This referral is drawn up for a child (a person under 18), with the child's legal "
    "representative; it does not apply to an adult."
)
RULE_CHILD_PSYCHOLOGICAL = N_(
    "This referral and consent concern a child (a person under 18); an adult consents to "
    "psychological support personally (Civil Code of Ukraine, article 284, part 3)."
)
RULE_CHILD_VACCINATION = N_(
    "This referral asks for catch-up vaccination of a child (a person under 18) by the "
    "Vaccination Calendar of Ukraine, with the consent rules for children; it does not apply "
    "to an adult."
)

NOT_A_REPRESENTATIVE = {
    ("child", "female"): NP_(
        "female",
        "%(name)s (%(relation)s) is neither a parent nor the guardian of the child, who is "
        "under %(age)s, and cannot consent for the child.",
    ),
    ("child", "male"): NP_(
        "male",
        "%(name)s (%(relation)s) is neither a parent nor the guardian of the child, who is "
        "under %(age)s, and cannot consent for the child.",
    ),
    ("patient", "female"): NP_(
        "female",
        "%(name)s (%(relation)s) is neither a parent nor the guardian of the patient, who is "
        "under %(age)s, and cannot consent for her.",
    ),
    ("patient", "male"): NP_(
        "male",
        "%(name)s (%(relation)s) is neither a parent nor the guardian of the patient, who is "
        "under %(age)s, and cannot consent for her.",
    ),
}
RULE_CONSENT_UNDER_14 = N_(
    "Under article 43 of the Fundamentals of the Legislation of Ukraine on Health Care, a "
    "child under 14 receives medical care with the consent of the child's legal "
    "representatives, who under article 242 of the Civil Code of Ukraine are the parents "
    "(adoptive parents), the guardian, or another person where a law so provides. A "
    "grandparent, another relative or a person raising the child may consent once appointed "
    "the child's guardian."
)
RULE_CONSENT_UNDER_15 = N_(
    "Under article 12 of the Law of Ukraine on the Protection of the Population against "
    "Infectious Diseases, a child under 15 is vaccinated with the consent of the objectively "
    "informed parents or other legal representatives, who under article 242 of the Civil "
    "Code of Ukraine are the parents (adoptive parents), the guardian, or another person "
    "where a law so provides. A grandparent, another relative or a person raising the child "
    "may consent once appointed the child's guardian."
)

PSYCHIATRIST = N_(
    "The referral is addressed to a psychiatrist (%(specialist)s): psychiatric care is not "
    "psychological support."
)
RULE_NOT_PSYCHIATRIC = N_(
    "Psychiatric care is provided in accordance with the law on it (Civil Code of Ukraine, "
    "article 284, part 6), with its own rules of examination and consent; this referral and "
    "consent to psychological support do not cover it."
)
PSYCHIATRIC_WORDS = ("психіатр", "psychiatr")

NOT_A_WOMAN = N_("%(person)s is recorded as male.")
RULE_WOMAN = N_(
    "The Standards of medical care “Normal pregnancy”, approved by Order of the Ministry of "
    "Health of Ukraine No. 1437 of 9 August 2022, concern the antenatal care of a pregnant "
    "woman."
)
PERIOD_TOO_LONG_AGO = N_(
    "The last period began on %(period)s, more than 42 weeks before the referral date, %(date)s."
)
DUE_TOO_FAR = N_(
    "The expected due date, %(due)s, is more than 40 weeks after the referral date, %(date)s."
)
DUE_PASSED = N_(
    "The expected due date, %(due)s, is so long before the referral date, %(date)s, that the "
    "pregnancy would have lasted over 42 weeks."
)
DUE_DISAGREES = N_(
    "The expected due date, %(due)s, differs by more than 14 days from the one the last "
    "period gives, %(computed)s."
)
WEEKS_DISAGREE_PERIOD = N_(
    "The gestational age given (full weeks: %(weeks)s) differs by more than 2 weeks from the "
    "one the last period gives (full weeks: %(computed)s)."
)
WEEKS_DISAGREE_DUE = N_(
    "The gestational age given (full weeks: %(weeks)s) differs by more than 2 weeks from the "
    "one the expected due date gives (full weeks: %(computed)s)."
)
RULE_PREGNANT = N_(
    "An antenatal care referral is made for a woman who is pregnant on the referral date: "
    "the gestational age (at most 42 weeks), the first day of the last period and the "
    "expected due date (280 days after it) must agree, within 2 weeks."
)


def _under_18(data: Mapping[str, Any], key: str, rule: str) -> Iterator[Finding]:
    """The person referred is a child on the referral date."""
    person = data[key]
    on_date = referral_day(data)
    if age_on(person["birth_date"], on_date) >= ADULT_AGE:
        yield Refusal(
            key,
            ADULT[person["sex"]],
            rule,
            {
                "person": person_names(person),
                "birth": day_in_words(person["birth_date"]),
                "date": day_in_words(on_date),
            },
            person["sex"],
        )


def _consenting_representative(
    data: Mapping[str, Any], key: str, consent_age: int, rule: str
) -> Iterator[Finding]:
    """Under the consent age, the adult who consents is a parent or guardian."""
    representative = data.get("legal_representative")
    person = data[key]
    on_date = referral_day(data)
    if representative is None or is_legal_representative(representative):
        return
    if consenting_party(person["birth_date"], on_date, consent_age) != "legal_representative":
        return
    age = age_on(person["birth_date"], on_date)
    sex = representative["sex"]
    role = "patient" if key == "patient" else "child"
    yield Refusal(
        "legal_representative",
        NOT_A_REPRESENTATIVE[(role, sex)],
        rule,
        {
            "name": person_names(representative),
            "relation": {
                lang: relation_label(representative["relation"], sex, lang, age)
                for lang in LANGUAGES
            },
            "age": consent_age,
        },
        sex,
    )


def referral_premises(data: Mapping[str, Any]) -> Iterator[Finding]:
    """The person referred is a child."""
    yield from _under_18(data, "child", RULE_CHILD_REFERRAL)


def psychological_premises(data: Mapping[str, Any]) -> Iterator[Finding]:
    """A child; consent under 14 by a parent or guardian; a psychologist, not a psychiatrist."""
    yield from _under_18(data, "child", RULE_CHILD_PSYCHOLOGICAL)
    yield from _consenting_representative(data, "child", MEDICAL_CONSENT_AGE, RULE_CONSENT_UNDER_14)
    specialist = data.get("specialist") or {}
    named = " ".join(text for text in specialist.values() if text)
    if any(word in named.lower() for word in PSYCHIATRIC_WORDS):
        yield Refusal(
            "child",
            PSYCHIATRIST,
            RULE_NOT_PSYCHIATRIC,
            {"specialist": {lang: localize_line(specialist, lang) for lang in LANGUAGES}},
        )


def vaccination_premises(data: Mapping[str, Any]) -> Iterator[Finding]:
    """A child; consent under 15 by a parent or guardian."""
    yield from _under_18(data, "child", RULE_CHILD_VACCINATION)
    yield from _consenting_representative(
        data, "child", VACCINATION_CONSENT_AGE, RULE_CONSENT_UNDER_15
    )


def prenatal_premises(data: Mapping[str, Any]) -> Iterator[Finding]:
    """A woman, pregnant on the referral date by dates that agree; consent under 14."""
    patient = data["patient"]
    if patient["sex"] != "female":
        yield Refusal("patient", NOT_A_WOMAN, RULE_WOMAN, {"person": person_names(patient)})
    yield from _pregnancy_dates(data)
    yield from _consenting_representative(
        data, "patient", MEDICAL_CONSENT_AGE, RULE_CONSENT_UNDER_14
    )


def _pregnancy_dates(data: Mapping[str, Any]) -> Iterator[Finding]:
    """The gestational age, last period and due date show one pregnancy on the referral date."""
    on_date = referral_day(data)
    weeks: int | None = data.get("gestational_age_weeks")
    period: date | None = data.get("last_menstrual_period")
    due: date | None = data.get("expected_due_date")
    day = day_in_words(on_date)
    facts: list[tuple[str, dict[str, object]]] = []
    if period is not None and (on_date - period).days > LONGEST_PREGNANCY_DAYS:
        facts.append((PERIOD_TOO_LONG_AGO, {"period": day_in_words(period), "date": day}))
    due_days: int | None = None
    if due is not None:
        due_days = PREGNANCY_DAYS - (due - on_date).days  # the term the due date gives
        if due_days < 0:
            facts.append((DUE_TOO_FAR, {"due": day_in_words(due), "date": day}))
        elif due_days > LONGEST_PREGNANCY_DAYS:
            facts.append((DUE_PASSED, {"due": day_in_words(due), "date": day}))
    if period is not None and due is not None:
        computed = due_date_from_period(period)
        if abs((due - computed).days) > DUE_DATE_TOLERANCE_DAYS:
            facts.append(
                (DUE_DISAGREES, {"due": day_in_words(due), "computed": day_in_words(computed)})
            )
    if weeks is not None and period is not None:
        computed_weeks = (on_date - period).days // 7
        if abs(weeks - computed_weeks) > GESTATIONAL_AGE_TOLERANCE_WEEKS:
            facts.append((WEEKS_DISAGREE_PERIOD, {"weeks": weeks, "computed": computed_weeks}))
    elif weeks is not None and due_days is not None and due_days >= 0:
        computed_weeks = due_days // 7
        if abs(weeks - computed_weeks) > GESTATIONAL_AGE_TOLERANCE_WEEKS:
            facts.append((WEEKS_DISAGREE_DUE, {"weeks": weeks, "computed": computed_weeks}))
    for fact, params in facts:
        yield Refusal("patient", fact, RULE_PREGNANT, params)


MEDICAL_TEMPLATES: tuple[TemplateSpec, ...] = (
    TemplateSpec(
        id="medical.referral",
        version="2.0.0",
        title=N_("Referral to a health-care facility"),
        legal_basis=N_(
            "Procedure for referring patients to health-care facilities and to individual "
            "entrepreneurs licensed to practise medicine who provide medical care of the "
            "relevant kind, approved by Order of the Ministry of Health of Ukraine No. 586 of "
            "28 February 2020"
        ),
        schema=ReferralSchema,
        describe=describe_referral,
        filename_stem="medical-referral",
        premises=referral_premises,
    ),
    TemplateSpec(
        id="medical.prenatal_care_referral",
        version="2.0.0",
        title=N_("Referral of a pregnant woman for antenatal care"),
        legal_basis=N_(
            "Standards of medical care “Normal pregnancy”, approved by Order of the Ministry "
            "of Health of Ukraine No. 1437 of 9 August 2022; Civil Code of Ukraine, article "
            "284, part 3; Fundamentals of the Legislation of Ukraine on Health Care, article 43"
        ),
        schema=PrenatalCareReferralSchema,
        describe=describe_prenatal_referral,
        filename_stem="prenatal-care-referral",
        premises=prenatal_premises,
    ),
    TemplateSpec(
        id="medical.catch_up_vaccination_referral",
        version="2.0.0",
        title=N_("Referral for catch-up vaccination"),
        legal_basis=N_(
            "Vaccination Calendar of Ukraine approved by Order of the Ministry of Health of "
            "Ukraine No. 595 of 16 September 2011 “On the procedure for preventive "
            "vaccinations in Ukraine and the quality control and circulation of medical "
            "immunobiological products” (as amended, in particular, by Order of the Ministry "
            "of Health of Ukraine No. 396 of 5 March 2025, in force from 1 January 2026); Law "
            "of Ukraine on the Protection of the Population against Infectious Diseases, "
            "article 12; Civil Code of Ukraine, article 284, part 3"
        ),
        schema=CatchUpVaccinationReferralSchema,
        describe=describe_vaccination_referral,
        filename_stem="catch-up-vaccination-referral",
        premises=vaccination_premises,
    ),
    TemplateSpec(
        id="medical.psychological_support_referral",
        version="2.0.0",
        title=N_("Referral for psychological support and consent to the intervention"),
        legal_basis=N_(
            "Fundamentals of the Legislation of Ukraine on Health Care, article 43; Civil "
            "Code of Ukraine, article 284, parts 3 and 6; Procedure for referring patients to "
            "health-care facilities and to individual entrepreneurs licensed to practise "
            "medicine who provide medical care of the relevant kind, approved by Order of the "
            "Ministry of Health of Ukraine No. 586 of 28 February 2020"
        ),
        schema=PsychologicalSupportReferralSchema,
        describe=describe_psychological_referral,
        filename_stem="psychological-support-referral",
        premises=psychological_premises,
    ),
)
