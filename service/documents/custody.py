"""Context builders and catalog entries of the custody.* documents."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from service.documents.context import (
    describe_address,
    describe_contacts,
    describe_country,
    describe_identity_document,
    describe_organisation,
    describe_person,
    describe_place,
    describe_signatory,
    format_dates,
    full_name_uk,
    localize_line,
    localize_place_part,
    localize_text,
    relation_statement,
)
from service.documents.spec import TemplateSpec
from service.i18n import N_, NN_, NP_, gettext, ngettext, pgettext
from service.schemas.custody import (
    AccompanyingAdultConsentSchema,
    ChildHandoverActSchema,
    GuardianshipApplicationSchema,
    WarAffectedStatusApplicationSchema,
    age_or_none,
    guardianship_kind,
)

# --- Wording shared by the family ----------------------------------------------------

# Who a person is to the child, as a noun ("ким доводиться дитині: батько").
RELATION_NOUNS = {
    ("mother", "female"): NP_("female", "mother"),
    ("father", "male"): NP_("male", "father"),
    ("guardian", "female"): NP_("female", "guardian (curator)"),
    ("guardian", "male"): NP_("male", "guardian (curator)"),
    ("legal_representative", "female"): NP_("female", "other legal representative"),
    ("legal_representative", "male"): NP_("male", "other legal representative"),
}

FACT_LABELS = {
    "name": N_("Full name:"),
    "birth_date": N_("Date of birth:"),
    "birth_place": N_("Place of birth:"),
    "citizenship": N_("Citizenship:"),
    "rnokpp": N_("RNOKPP:"),
    "unzr": N_("UNZR record number:"),
    "document": N_("Document:"),
    "residence": N_("Place of residence (stay):"),
    "phone": N_("Phone:"),
}

COPY_OF_APPLICANT_ID = N_("Copy of the applicant's identity document")
COPY_OF_CHILD_BIRTH_CERTIFICATE = N_("Copy of the child's birth certificate")
# Typographic quotes inside a .docx tag would be straightened by docxtpl: keep such
# messages in code and give templates the translated text.
CONSENT_OWN_DATA = N_(
    "I consent to the processing of my personal data for the consideration of this "
    "application, under the Law of Ukraine “On Personal Data Protection”."
)


def first_mention(person: Mapping[str, Any], lang: str) -> str:
    """A name at its first mention: in English, transliterated with the Ukrainian original."""
    return f"{person['name']} ({person['native']})" if lang == "en" else str(person["name"])


def describe_adult(person: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """An adult of the document: name, contacts, identity document and a one-line summary."""
    described = describe_person(person, lang) or {}
    described.update(describe_contacts(person, lang))
    document = describe_identity_document(person.get("id_document"), lang)
    described["document"] = document["line"] if document else None
    described["first"] = first_mention(described, lang)
    parts = [
        described["first"],
        gettext(N_("date of birth: %(date)s"), lang, date=described["birth_date_numeric"]),
    ]
    if described["rnokpp"]:
        parts.append(gettext(N_("RNOKPP %(number)s"), lang, number=described["rnokpp"]))
    if described["document"]:
        parts.append(described["document"])
    if described["address"]:
        parts.append(
            gettext(
                N_("place of residence: %(address)s"), lang, address=described["address"]["line"]
            )
        )
    if described["phone"]:
        parts.append(gettext(N_("phone: %(phone)s"), lang, phone=described["phone"]))
    described["summary"] = "; ".join(parts)
    return described


def relation_noun(relation: str, sex: str, lang: str) -> str:
    """Who a person is to the child, as a noun in the person's grammatical gender."""
    return pgettext(sex, RELATION_NOUNS[(relation, sex)], lang)


def place_line(place: Mapping[str, Any] | None, lang: str) -> str | None:
    """A place on one line, with the occupation mark when it applies."""
    described = describe_place(place, lang)
    if described is None:
        return None
    if described["occupied"]:
        return f"{described['line']} ({described['occupied_note']})"
    return str(described["line"])


def facts(lang: str, *pairs: tuple[str, Any]) -> list[dict[str, str]]:
    """Labelled lines ("Date of birth: ..."), leaving out what is not known."""
    return [
        {"label": gettext(FACT_LABELS.get(key, key), lang), "value": str(value)}
        for key, value in pairs
        if value
    ]


def child_facts(
    child_data: Mapping[str, Any], child: Mapping[str, Any], lang: str
) -> list[dict[str, str]]:
    """The child's identity as labelled lines."""
    document = describe_identity_document(child_data.get("id_document"), lang)
    address = describe_address(child_data.get("address"), lang)
    return facts(
        lang,
        ("name", first_mention(child, lang)),
        ("birth_date", child["birth_date"]),
        ("birth_place", place_line(child_data.get("birth_place"), lang)),
        ("citizenship", child["citizenship"]),
        ("rnokpp", child["rnokpp"]),
        ("unzr", child["unzr"]),
        ("document", document["line"] if document else None),
        ("residence", address["line"] if address else None),
    )


def describe_attachments(
    items: list[Mapping[str, Any]], labels: Mapping[str, str], lang: str
) -> list[str]:
    """Attachments as list lines: the kind, then the description if any."""
    lines = []
    for item in items:
        label = gettext(labels[item["kind"]], lang)
        description = localize_text(item.get("description"), lang)
        if description is None:
            lines.append(label)
        elif item["kind"] == "other":
            lines.append(description["text"])
        else:
            lines.append(f"{label}: {description['text']}")
    return lines


# --- custody.war_affected_status_application -----------------------------------------

CIRCUMSTANCE_LABELS = {
    "injury": N_("wound, contusion or mutilation"),
    "physical_violence": N_("physical violence"),
    "sexual_violence": N_("sexual violence"),
    "psychological_violence": N_("psychological violence"),
    "abduction_or_captivity": N_("abduction or unlawful detention, including captivity"),
    "deportation_or_forced_displacement": N_(
        "deportation or forced displacement, including unlawful removal from Ukraine"
    ),
    "involvement_in_armed_formations": N_(
        "involvement in the actions of paramilitary or armed formations"
    ),
    "death_or_missing_parent": N_("death or disappearance of the parents (one of the parents)"),
    "loss_of_parental_care": N_(
        "deprivation of parental care as a result of hostilities and armed conflicts"
    ),
}

STATUS_ATTACHMENT_LABELS = {
    "child_birth_certificate": COPY_OF_CHILD_BIRTH_CERTIFICATE,
    "child_passport": N_("Copy of the child's passport of a citizen of Ukraine"),
    "applicant_id_document": COPY_OF_APPLICANT_ID,
    "relationship_document": N_(
        "Copy of a document confirming the applicant's relationship to the child or "
        "authority to represent the child"
    ),
    "idp_certificate": N_(
        "Copy of the certificate of registration as an internally displaced person"
    ),
    "medical_documents": N_("Medical documents on the child's injuries or state of health"),
    "criminal_proceedings_extract": N_(
        "Extract from the Unified Register of Pre-trial Investigations"
    ),
    "return_documents": N_(
        "Documents confirming the child's deportation (displacement) and return to Ukraine"
    ),
    "parent_death_or_missing_documents": N_(
        "Documents confirming the death or disappearance of the parents (one of the parents)"
    ),
    "psychological_assessment": N_("Conclusion of the child's psychological assessment"),
    "other": N_("Other document"),
}


def describe_war_affected_status_application(
    data: Mapping[str, Any], lang: str, today: date
) -> dict[str, Any]:
    """Spell out the application for the war-affected status, in one language."""
    child_data = data["child"]
    child = describe_person(child_data, lang) or {}
    child.update(describe_contacts(child_data, lang))
    applicant_data = data.get("applicant")
    applicant = None
    if applicant_data is None:
        filer = child
        request = gettext(
            N_(
                "I, %(child)s, born %(date)s, ask to be granted the status of a child "
                "affected by hostilities and armed conflicts."
            ),
            lang,
            child=first_mention(child, lang),
            date=child["birth_date_numeric"],
        )
        consent = CONSENT_OWN_DATA
    else:
        applicant = describe_adult(applicant_data, lang)
        applicant["relation_statement"] = relation_statement(
            applicant_data, applicant["name"], lang
        )
        filer = applicant
        request = gettext(
            N_(
                "I ask that %(child)s, born %(date)s, be granted the status of a child "
                "affected by hostilities and armed conflicts."
            ),
            lang,
            child=child["dative"] if lang == "uk" else first_mention(child, lang),
            date=child["birth_date_numeric"],
        )
        consent = N_(
            "I consent to the processing of my personal data and the child's personal data "
            "for the consideration of this application, under the Law of Ukraine “On "
            "Personal Data Protection”."
        )
    return {
        "addressee": describe_organisation(data["authority"], lang),
        "filer": filer,
        "applicant": applicant,
        "child": child,
        "child_facts": child_facts(child_data, child, lang),
        "request": request,
        "circumstance": gettext(CIRCUMSTANCE_LABELS[data["circumstance"]], lang),
        "details": localize_text(data["circumstance_details"], lang),
        "consent": gettext(consent, lang),
        "attachments": describe_attachments(data["attachments"], STATUS_ATTACHMENT_LABELS, lang),
        "application_date": format_dates(data.get("application_date") or today, lang),
    }


# --- custody.child_handover_act ------------------------------------------------------

ROUTE_ORIGIN_LABELS = {
    "tot": N_("temporarily occupied territory of Ukraine"),
    "russian_federation": N_("Russian Federation"),
    "belarus": N_("Republic of Belarus"),
}
JOURNEY_LABELS = {
    "deportation": N_("Date and place of deportation (forced displacement):"),
    "return": N_("Date and place of return to Ukraine:"),
    "origin": N_("Returned from:"),
    "through": N_("Through a third country:"),
    "crossing": N_("Border crossing point:"),
}
HANDED_OVER = {
    "male": NP_("male", "Handed over (accompanying person):"),
    "female": NP_("female", "Handed over (accompanying person):"),
}
RECEIVED = {
    "male": NP_("male", "Received (legal representative of the child):"),
    "female": NP_("female", "Received (legal representative of the child):"),
}


def describe_child_handover_act(data: Mapping[str, Any], lang: str, today: date) -> dict[str, Any]:
    """Spell out the act of handing the child over to the legal representative."""
    child_data = data["child"]
    child = describe_person(child_data, lang) or {}
    handover = data["handover"]
    place = describe_address(handover["place"], lang) or {}
    when = format_dates(handover["date"], lang)
    clock = f"{handover['time'].hour:02d}:{handover['time'].minute:02d}"

    accompanying_data = data["accompanying_person"]
    accompanying = describe_adult(accompanying_data, lang)
    organisation = describe_organisation(accompanying_data.get("organisation"), lang)
    if organisation:
        accompanying["summary"] += "; " + gettext(
            N_("acting for: %(organisation)s"), lang, organisation=organisation["name"]
        )
    representative_data = data["legal_representative"]
    representative = describe_adult(representative_data, lang)
    representative["summary"] += "; " + gettext(
        N_("relationship to the child: %(relation)s"),
        lang,
        relation=relation_noun(representative_data["relation"], representative_data["sex"], lang),
    )
    officer_data = data["officer"]
    officer = describe_signatory(officer_data, lang) or {}
    officer_org = describe_organisation(officer_data["organisation"], lang) or {}
    officer["summary"] = "; ".join(
        (
            first_mention({**officer, "native": full_name_uk(officer_data)}, lang),
            officer["position"],
            officer_org["name"],
        )
    )

    route = data["route"]
    origin = (
        localize_line(route.get("from_details"), lang)
        if route["from_"] == "other"
        else gettext(ROUTE_ORIGIN_LABELS[route["from_"]], lang)
    )
    deported, returned = data["deportation"], data["return_"]
    journey = [
        {
            "label": gettext(JOURNEY_LABELS["deportation"], lang),
            "value": _event_line(deported, lang),
        },
        {"label": gettext(JOURNEY_LABELS["return"], lang), "value": _event_line(returned, lang)},
        {"label": gettext(JOURNEY_LABELS["origin"], lang), "value": origin or ""},
    ]
    if route.get("through"):
        journey.append(
            {
                "label": gettext(JOURNEY_LABELS["through"], lang),
                "value": describe_country(route["through"], lang) or "",
            }
        )
    if route.get("border_crossing"):
        journey.append(
            {
                "label": gettext(JOURNEY_LABELS["crossing"], lang),
                "value": localize_line(route["border_crossing"], lang) or "",
            }
        )
    return {
        "number": data.get("act_number"),
        "place": place,
        "date": when,
        "time": clock,
        "statement": gettext(
            N_(
                "This act records that the child named below was handed over to the child's "
                "legal representative on %(date)s at %(time)s at the address: %(place)s."
            ),
            lang,
            date=when["long"],
            time=clock,
            place=place["line"],
        ),
        "parties": [
            {
                "label": gettext(N_("Accompanying person:"), lang),
                "summary": accompanying["summary"],
            },
            {
                "label": gettext(N_("Legal representative of the child:"), lang),
                "summary": representative["summary"],
            },
            {
                "label": gettext(N_("Officer of the Service for Children's Affairs:"), lang),
                "summary": officer["summary"],
            },
        ],
        "child": child,
        "child_facts": child_facts(child_data, child, lang),
        "journey": journey,
        "condition": localize_text(data["condition_notes"], lang),
        "belongings": localize_text(data.get("documents_and_belongings"), lang),
        "signatures": [
            {
                "role": pgettext(
                    accompanying_data["sex"], HANDED_OVER[accompanying_data["sex"]], lang
                ),
                "name": accompanying["signature"],
            },
            {
                "role": pgettext(
                    representative_data["sex"], RECEIVED[representative_data["sex"]], lang
                ),
                "name": representative["signature"],
            },
            {
                "role": gettext(N_("Officer of the Service for Children's Affairs:"), lang)
                + " "
                + officer["position"],
                "name": officer["signature"],
            },
        ],
    }


def _event_line(event: Mapping[str, Any], lang: str) -> str:
    return f"{format_dates(event['date'], lang)['long']}, {place_line(event['place'], lang)}"


# --- custody.guardianship_application ------------------------------------------------

# The mother's status in the feminine, the father's in the masculine.
PARENT_STATUS_LABELS = {
    ("deceased", "mother"): NP_("female", "deceased"),
    ("deceased", "father"): NP_("male", "deceased"),
    ("missing", "mother"): NP_("female", "missing"),
    ("missing", "father"): NP_("male", "missing"),
    ("deprived_of_parental_rights", "mother"): NP_("female", "deprived of parental rights"),
    ("deprived_of_parental_rights", "father"): NP_("male", "deprived of parental rights"),
    ("in_captivity", "mother"): NP_("female", "in captivity"),
    ("in_captivity", "father"): NP_("male", "in captivity"),
    ("absent", "mother"): NP_("female", "no information about this parent"),
    ("absent", "father"): NP_("male", "no information about this parent"),
    ("other", "mother"): NP_("female", "does not care for the child for another reason"),
    ("other", "father"): NP_("male", "does not care for the child for another reason"),
}
PARENT_STATUS_CONTEXT = {"mother": "female", "father": "male"}
PARENT_ROLES = {"mother": N_("Mother:"), "father": N_("Father:")}

GUARDIANSHIP_ATTACHMENT_LABELS = {
    "applicant_id_document": COPY_OF_APPLICANT_ID,
    "health_certificate": N_("Medical report on the applicant's state of health"),
    "no_criminal_record_certificate": N_("Certificate of no criminal record"),
    "income_certificate": N_("Certificate of the applicant's income"),
    "home_inspection_report": N_("Report on the inspection of the applicant's living conditions"),
    "family_members_consent": N_(
        "Written consent of the adult members of the applicant's family who live with the applicant"
    ),
    "marriage_certificate": N_("Copy of the marriage certificate"),
    "training_certificate": N_(
        "Certificate of completed training for candidate guardians and curators"
    ),
    "child_birth_certificate": COPY_OF_CHILD_BIRTH_CERTIFICATE,
    "parental_care_documents": N_(
        "Documents confirming the circumstances in which the child was left without parental care"
    ),
    "other": N_("Other document"),
}


@dataclass(frozen=True)
class GuardianshipWording:
    """What differs between guardianship (under 14) and curatorship (14 to 18)."""

    subtitle: str
    establish: str
    appoint: Mapping[str, str]
    undertaking: str


GUARDIANSHIP_WORDING = {
    "guardianship": GuardianshipWording(
        subtitle=N_("for the establishment of guardianship over a child"),
        establish=N_("To establish guardianship over %(child)s, born %(date)s."),
        appoint={
            "male": NP_("male", "To appoint me as the child's guardian."),
            "female": NP_("female", "To appoint me as the child's guardian."),
        },
        undertaking=N_(
            "I undertake to perform the duties of a guardian properly: to care for the "
            "child's upbringing, health, physical, spiritual and moral development and "
            "education, to provide proper living conditions and to protect the child's "
            "rights and interests."
        ),
    ),
    "curatorship": GuardianshipWording(
        subtitle=N_("for the establishment of curatorship over a child"),
        establish=N_("To establish curatorship over %(child)s, born %(date)s."),
        appoint={
            "male": NP_("male", "To appoint me as the child's curator."),
            "female": NP_("female", "To appoint me as the child's curator."),
        },
        undertaking=N_(
            "I undertake to perform the duties of a curator properly: to care for the "
            "child's upbringing, health, physical, spiritual and moral development and "
            "education, to provide proper living conditions and to protect the child's "
            "rights and interests."
        ),
    ),
}
CHILD_AGE = NN_(
    "On the date of this application the child is %(n)s year old.",
    "On the date of this application the child is %(n)s years old.",
)


def describe_guardianship_application(
    data: Mapping[str, Any], lang: str, today: date
) -> dict[str, Any]:
    """Spell out the application to establish guardianship (curatorship), in one language."""
    on_date: date = data.get("application_date") or today
    child_data = data["child"]
    child = describe_person(child_data, lang) or {}
    kind = guardianship_kind(child_data["birth_date"], on_date) or "curatorship"
    wording = GUARDIANSHIP_WORDING[kind]
    applicant_data = data["applicant"]
    applicant = describe_adult(applicant_data, lang)
    applicant["relation_statement"] = relation_statement(applicant_data, applicant["name"], lang)
    sex = applicant_data["sex"]
    age = age_or_none(child_data["birth_date"], on_date) or 0
    return {
        "addressee": describe_organisation(data["authority"], lang),
        "applicant": applicant,
        "child": child,
        "child_facts": child_facts(child_data, child, lang),
        "kind": kind,
        "subtitle": gettext(wording.subtitle, lang),
        "age_statement": ngettext(*CHILD_AGE, age, lang),
        "parents": [_describe_parent(data[role], role, lang) for role in ("mother", "father")],
        "circumstances": localize_text(data.get("circumstances"), lang),
        "requests": [
            gettext(
                wording.establish,
                lang,
                child=child["genitive"] if lang == "uk" else child["name"],
                date=child["birth_date_numeric"],
            ),
            pgettext(sex, wording.appoint[sex], lang),
        ],
        "undertaking": gettext(wording.undertaking, lang),
        "consent": gettext(CONSENT_OWN_DATA, lang),
        "attachments": describe_attachments(
            data["attachments"], GUARDIANSHIP_ATTACHMENT_LABELS, lang
        ),
        "application_date": format_dates(on_date, lang),
    }


def _describe_parent(parent: Mapping[str, Any], role: str, lang: str) -> dict[str, Any]:
    context = PARENT_STATUS_CONTEXT[role]
    status = pgettext(context, PARENT_STATUS_LABELS[(parent["status"], role)], lang)
    name = None
    if parent.get("surname") and parent.get("given_name"):
        person = describe_person({**parent, "sex": context, "birth_date": None}, lang) or {}
        name = first_mention(person, lang)
    details = localize_line(parent.get("details"), lang)
    text = f"{name} — {status}" if name else status
    return {
        "role": gettext(PARENT_ROLES[role], lang),
        "text": f"{text} ({details})" if details else text,
    }


# --- custody.accompanying_adult_consent ----------------------------------------------

CONSENT_STATEMENTS = {
    1: N_(
        "I, %(names)s, consent to my child, %(child)s, born %(date)s, travelling in the "
        "company of the adult named below, on the terms set out in this consent."
    ),
    2: N_(
        "We, %(names)s, consent to our child, %(child)s, born %(date)s, travelling in the "
        "company of the adult named below, on the terms set out in this consent."
    ),
}
AWARE_STATEMENTS = {
    1: N_(
        "I am aware of article 313 of the Civil Code of Ukraine and of the Rules for "
        "crossing the state border by citizens of Ukraine approved by CMU Resolution "
        "No. 57 of 27 January 1995."
    ),
    2: N_(
        "We are aware of article 313 of the Civil Code of Ukraine and of the Rules for "
        "crossing the state border by citizens of Ukraine approved by CMU Resolution "
        "No. 57 of 27 January 1995."
    ),
}
CONSENTING_ROLES = {
    ("mother", "female"): NP_("female", "Mother:"),
    ("father", "male"): NP_("male", "Father:"),
    ("guardian", "female"): NP_("female", "Guardian (curator):"),
    ("guardian", "male"): NP_("male", "Guardian (curator):"),
}


def describe_accompanying_adult_consent(
    data: Mapping[str, Any], lang: str, today: date
) -> dict[str, Any]:
    """Spell out the parents' consent to the child travelling with another adult."""
    consent_date: date = data.get("consent_date") or today
    parents = []
    for parent_data in data["parents"]:
        parent = describe_adult(parent_data, lang)
        sex = parent_data["sex"]
        parent["role"] = pgettext(sex, CONSENTING_ROLES[(parent_data["relation"], sex)], lang)
        parents.append(parent)
    count = len(parents)
    names = (
        parents[0]["name"]
        if count == 1
        else gettext(
            N_("%(first)s and %(second)s"),
            lang,
            first=parents[0]["name"],
            second=parents[1]["name"],
        )
    )
    child_data = data["child"]
    child = describe_person(child_data, lang) or {}
    certificate = describe_identity_document(
        {**child_data["birth_certificate"], "kind": "birth_certificate"}, lang
    )
    travel_document = describe_identity_document(child_data.get("travel_document"), lang)
    adult_data = data["accompanying_adult"]
    adult = describe_adult(adult_data, lang)
    relation = localize_line(adult_data.get("relation_to_child"), lang)
    if relation:
        adult["summary"] += "; " + gettext(
            N_("relationship to the child: %(relation)s"), lang, relation=relation
        )
    destination = data["destination"]
    countries = destination["countries"]
    abroad = any(country != "UA" for country in countries)
    period = data["period"]
    return {
        "place": localize_place_part(data.get("place_of_signing"), lang),
        "date": format_dates(consent_date, lang),
        "parents": parents,
        "statement": gettext(
            CONSENT_STATEMENTS[count],
            lang,
            names=names,
            child=first_mention(child, lang),
            date=child["birth_date_numeric"],
        ),
        "sole_reason": localize_text(data.get("sole_consent_reason"), lang),
        "child": child,
        "child_facts": facts(
            lang,
            ("name", first_mention(child, lang)),
            ("birth_date", child["birth_date"]),
            ("birth_place", place_line(child_data.get("birth_place"), lang)),
            ("citizenship", child["citizenship"]),
            ("document", certificate["line"] if certificate else None),
            ("document", travel_document["line"] if travel_document else None),
        ),
        "adult": adult,
        "terms": [
            {
                "label": gettext(N_("Purpose of the trip:"), lang),
                "value": localize_line(data["purpose"], lang) or "",
            },
            {
                "label": gettext(N_("Country (countries) of destination:"), lang),
                "value": ", ".join(describe_country(code, lang) or code for code in countries),
            },
            *(
                [
                    {
                        "label": gettext(N_("Place of destination:"), lang),
                        "value": localize_line(destination["place"], lang) or "",
                    }
                ]
                if destination.get("place")
                else []
            ),
            {
                "label": gettext(N_("Period:"), lang),
                "value": gettext(
                    N_("from %(start)s to %(end)s inclusive"),
                    lang,
                    start=format_dates(period["from_"], lang)["long"],
                    end=format_dates(period["to"], lang)["long"],
                ),
            },
        ],
        "powers": gettext(
            N_(
                "During this period the accompanying adult may travel with the child, cross "
                "the state border of Ukraine together with the child, represent the child "
                "before border, customs and other authorities and before educational and "
                "health-care institutions, and seek medical care for the child when needed."
            )
            if abroad
            else N_(
                "During this period the accompanying adult may travel with the child, "
                "represent the child before authorities and before educational and "
                "health-care institutions, and seek medical care for the child when needed."
            ),
            lang,
        ),
        "aware": gettext(AWARE_STATEMENTS[count], lang),
    }


CUSTODY_TEMPLATES: tuple[TemplateSpec, ...] = (
    TemplateSpec(
        id="custody.war_affected_status_application",
        version="2.0.0",
        title=N_(
            "Application for the status of a child affected by hostilities and armed conflicts"
        ),
        legal_basis=N_(
            "Law of Ukraine “On Protection of Childhood”, article 30-1; Procedure for granting "
            "the status of a child affected by hostilities and armed conflicts, approved by "
            "CMU Resolution No. 268 of 5 April 2017 (as amended on 1 September 2025)"
        ),
        schema=WarAffectedStatusApplicationSchema,
        describe=describe_war_affected_status_application,
        filename_stem="war-affected-status-application",
    ),
    TemplateSpec(
        id="custody.child_handover_act",
        version="2.0.0",
        title=N_("Act of handover of a child to the legal representative"),
        legal_basis=N_(
            "Procedure for identifying, returning, accompanying and reintegrating children "
            "deported or forcibly displaced as a result of the armed aggression of the "
            "Russian Federation against Ukraine, approved by CMU Resolution No. 551 of "
            "14 May 2024 (as amended by Resolution No. 1295 of 1 October 2025); no official form "
            "of the act exists"
        ),
        schema=ChildHandoverActSchema,
        describe=describe_child_handover_act,
        filename_stem="child-handover-act",
    ),
    TemplateSpec(
        id="custody.guardianship_application",
        version="2.0.0",
        title=N_("Application for the establishment of guardianship (curatorship)"),
        legal_basis=N_(
            "Civil Code of Ukraine, articles 58, 59, 63 and 64; Family Code of Ukraine, "
            "article 243; Procedure for the activity of guardianship and curatorship "
            "authorities related to the protection of children's rights, approved by CMU "
            "Resolution No. 866 of 24 September 2008"
        ),
        schema=GuardianshipApplicationSchema,
        describe=describe_guardianship_application,
        filename_stem="guardianship-application",
    ),
    TemplateSpec(
        id="custody.accompanying_adult_consent",
        version="2.0.0",
        title=N_("Consent to a child being accompanied by an adult"),
        legal_basis=N_(
            "Civil Code of Ukraine, article 313; Rules for crossing the state border by "
            "citizens of Ukraine, approved by CMU Resolution No. 57 of 27 January 1995"
        ),
        schema=AccompanyingAdultConsentSchema,
        describe=describe_accompanying_adult_consent,
        filename_stem="accompanying-adult-consent",
    ),
)
