"""Context builders and catalog entries of the custody.* documents."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
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
    describe_series,
    describe_signatory,
    format_dates,
    full_name_uk,
    localize_line,
    localize_place_part,
    localize_text,
    relation_statement,
)
from service.documents.premises import Finding, Refusal, day_in_words, person_names
from service.documents.spec import TemplateSpec
from service.i18n import LANGUAGES, N_, NN_, NP_, gettext, ngettext, pgettext
from service.schemas.custody import (
    ADULT_AGE,
    PARENT_RELATIONS,
    AccompanyingAdultConsentSchema,
    ChildHandoverActSchema,
    GuardianshipApplicationSchema,
    WarAffectedStatusApplicationSchema,
    age_or_none,
    both_parents_died,
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


# --- Premises shared by the family ---------------------------------------------------

# A person came of age too early for the document: "... turned 18 on ..., not later than
# <event> (<date>)". The events are translated in the genitive ("не пізніше дати ...").
TURNED_AGE = NP_(
    "female", "%(child)s turned %(age)s on %(birthday)s, not later than %(event)s (%(date)s)."
)
NP_("male", "%(child)s turned %(age)s on %(birthday)s, not later than %(event)s (%(date)s).")
EVENT_APPLICATION = NP_("event", "the date of the application")
EVENT_HANDOVER = NP_("event", "the day of the handover")
EVENT_DEPARTURE = NP_("event", "the first day of the trip")


def birthday_of_age(birth_date: date, years: int) -> date:
    """The day a person turns `years` (born on 29 February: 28 February in a common year)."""
    try:
        return birth_date.replace(year=birth_date.year + years)
    except ValueError:
        return birth_date.replace(year=birth_date.year + years, day=28)


def refuse_from_age(
    child: Mapping[str, Any], years: int, on_date: date, event: str, rule: str
) -> Iterator[Refusal]:
    """Refuse the document when the child has turned `years` by `on_date`."""
    birthday = birthday_of_age(child["birth_date"], years)
    if birthday > on_date:
        return
    yield Refusal(
        "child",
        TURNED_AGE,
        rule,
        {
            "child": person_names(child),
            "age": years,
            "birthday": day_in_words(birthday),
            "event": {lang: pgettext("event", event, lang) for lang in LANGUAGES},
            "date": day_in_words(on_date),
        },
        child["sex"],
    )


def on_document_date(data: Mapping[str, Any], key: str) -> date:
    """The document's own date, or today when it is left out."""
    value: date | None = data.get(key)
    return value or date.today()


# --- custody.war_affected_status_application -----------------------------------------

# Labels of the grounds: press wording of the Procedure as amended by Resolution 1065
# (docs/legal: cmu_268_circumstances, secondary) — provisional until the Procedure is read.
CIRCUMSTANCE_LABELS = {
    "injury": N_("wound, contusion or mutilation"),
    "physical_violence": N_("physical violence"),
    "sexual_violence": N_("sexual violence"),
    "psychological_violence": N_("psychological violence"),
    "abduction_or_captivity": N_("abduction, unlawful detention or captivity"),
    "deportation_or_forced_displacement": N_("deportation or forced displacement"),
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
# A parent's kinship is proved by the child's birth certificate (docs/legal:
# cmu_268_applicants_docs); "the applicant" in the applicant's grammatical gender.
BIRTH_CERTIFICATE_PROVES_KINSHIP = {
    "male": NP_(
        "male",
        "Copy of the child's birth certificate (proves the applicant's relationship to the child)",
    ),
    "female": NP_(
        "female",
        "Copy of the child's birth certificate (proves the applicant's relationship to the child)",
    ),
}
RELATIONSHIP_DOCUMENT = {
    "male": NP_(
        "male",
        "Copy of a document confirming the applicant's relationship to the child or "
        "authority to represent the child",
    ),
    "female": NP_(
        "female",
        "Copy of a document confirming the applicant's relationship to the child or "
        "authority to represent the child",
    ),
}
PROCEEDINGS_EXTRACT = N_(
    "Extract from the Unified Register of Pre-trial Investigations on criminal proceedings "
    "No. %(number)s of %(date)s"
)
# The full title at its first mention (docs/legal: cmu_268_title, cmu_547_2023,
# cmu_1065_2025, law_2402_art30_1): the list of amendments is incomplete, hence "among
# others".
STATUS_BASIS = N_(
    "This application is made under article 30-1 of the Law of Ukraine “On Protection of "
    "Childhood” and the Procedure for granting the status of a child affected by hostilities "
    "and armed conflicts, approved by Resolution of the Cabinet of Ministers of Ukraine "
    "No. 268 of 5 April 2017 (as amended, among others, by Resolutions of the Cabinet of "
    "Ministers of Ukraine No. 547 of 1 June 2023 and No. 1065 of 1 September 2025)."
)
RULE_STATUS_CHILD = N_(
    "The status of a child affected by hostilities and armed conflicts is granted to a "
    "child, a person under 18 (article 30-1 of the Law of Ukraine “On Protection of "
    "Childhood”; Procedure approved by CMU Resolution No. 268 of 5 April 2017)."
)


def war_affected_status_premises(data: Mapping[str, Any]) -> Iterator[Finding]:
    """The person is a child (under 18) on the application date."""
    on_date = on_document_date(data, "application_date")
    yield from refuse_from_age(
        data["child"], ADULT_AGE, on_date, EVENT_APPLICATION, RULE_STATUS_CHILD
    )


def describe_status_attachments(
    items: list[Mapping[str, Any]], applicant: Mapping[str, Any] | None, lang: str
) -> list[str]:
    """The status application's attachments: what a parent's birth certificate proves, the
    extract's proceedings, "the applicant" in the applicant's grammatical gender."""
    lines = describe_attachments(items, STATUS_ATTACHMENT_LABELS, lang)
    sex = applicant["sex"] if applicant else None
    for index, item in enumerate(items):
        description = localize_line(item.get("description"), lang)
        kind = item["kind"]
        if kind == "child_birth_certificate" and sex and applicant_is_parent(applicant):
            label = pgettext(sex, BIRTH_CERTIFICATE_PROVES_KINSHIP[sex], lang)
            lines[index] = f"{label}: {description}" if description else label
        elif kind in ("applicant_id_document", "relationship_document") and sex:
            sexed = (
                APPLICANT_ATTACHMENTS["applicant_id_document"][sex]
                if kind == "applicant_id_document"
                else RELATIONSHIP_DOCUMENT[sex]
            )
            label = pgettext(sex, sexed, lang)
            lines[index] = f"{label}: {description}" if description else label
        elif kind == "criminal_proceedings_extract":
            line = gettext(
                PROCEEDINGS_EXTRACT,
                lang,
                number=item["proceedings_number"],
                date=format_dates(item["proceedings_date"], lang)["numeric"],
            )
            lines[index] = f"{line}: {description}" if description else line
    return lines


def applicant_is_parent(applicant: Mapping[str, Any] | None) -> bool:
    """The applicant is the child's mother or father."""
    return applicant is not None and applicant["relation"] in PARENT_RELATIONS


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
        "basis": gettext(STATUS_BASIS, lang),
        "circumstance": gettext(CIRCUMSTANCE_LABELS[data["circumstance"]], lang),
        "details": localize_text(data["circumstance_details"], lang),
        "consent": gettext(consent, lang),
        "consider": gettext(
            N_("I ask that this application be considered and that I be informed of the decision."),
            lang,
        ),
        "attachments": describe_status_attachments(data["attachments"], applicant_data, lang),
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
# Offered to a child of 14 or older; the Procedure's rule on it was not read (docs/legal:
# cmu_551_handover), so the act neither requires nor presents it as required.
ACKNOWLEDGED = {
    "male": NP_("male", "The child has read the act:"),
    "female": NP_("female", "The child has read the act:"),
}
ACKNOWLEDGEMENT_AGE = 14
# What entitles the accompanying person (data, not a claim of what the Procedure requires).
ESCORT_AUTHORISATION_LABELS = {
    "power_of_attorney": N_("acts under a power of attorney %(reference)s"),
    "assignment": N_("acts under an assignment %(reference)s"),
    "order": N_("acts under an order %(reference)s"),
    "other": N_("acts under: %(reference)s"),
}
# The current title and the amending resolutions (docs/legal: cmu_551_title); no item of
# the Procedure is cited, none was read.
HANDOVER_BASIS = N_(
    "This act is drawn up under the Procedure for identifying, returning, accompanying and "
    "reintegrating children who were deported or forcibly displaced, or were at risk of "
    "deportation and/or forcible displacement, as a result of the armed aggression of the "
    "Russian Federation against Ukraine, or persons from among children, approved by "
    "Resolution of the Cabinet of Ministers of Ukraine No. 551 of 14 May 2024 (as amended by "
    "Resolutions of the Cabinet of Ministers of Ukraine No. 1240 of 29 October 2024, No. 66 "
    "of 21 January 2025, No. 641 of 4 June 2025, No. 653 of 4 June 2025 and No. 1295 of "
    "1 October 2025)."
)
RULE_HANDOVER_CHILD = N_(
    "Parents and guardians are the legal representatives of children, persons under 18 "
    "(Civil Code of Ukraine, article 242): a person of 18 or older is not handed over to a "
    "legal representative."
)
RETURNED_BEFORE_DEPORTATION = NP_(
    "female",
    "%(child)s returned to Ukraine on %(returned)s, before the deportation (forced "
    "displacement) on %(deported)s.",
)
NP_(
    "male",
    "%(child)s returned to Ukraine on %(returned)s, before the deportation (forced "
    "displacement) on %(deported)s.",
)
RULE_RETURN_AFTER_DEPORTATION = N_(
    "The act hands over a child who was deported or forcibly displaced and has returned "
    "(Procedure approved by CMU Resolution No. 551 of 14 May 2024): the return comes after "
    "the deportation."
)


def child_handover_premises(data: Mapping[str, Any]) -> Iterator[Finding]:
    """The child is under 18 on the handover date and returned after being deported."""
    child = data["child"]
    yield from refuse_from_age(
        child, ADULT_AGE, data["handover"]["date"], EVENT_HANDOVER, RULE_HANDOVER_CHILD
    )
    deported, returned = data["deportation"]["date"], data["return_"]["date"]
    if returned < deported:
        yield Refusal(
            "child",
            RETURNED_BEFORE_DEPORTATION,
            RULE_RETURN_AFTER_DEPORTATION,
            {
                "child": person_names(child),
                "returned": day_in_words(returned),
                "deported": day_in_words(deported),
            },
            child["sex"],
        )


def reference(number: str | None, day: date, lang: str) -> str:
    """ "від 12.11.2026 № 58" / "No. 58 of 12 November 2026"; without a number, the date."""
    when = format_dates(day, lang)["numeric"]
    if number:
        return gettext(N_("No. %(number)s of %(date)s"), lang, number=number, date=when)
    return gettext(N_("of %(date)s"), lang, date=when)


def describe_escort_authorisation(authorisation: Mapping[str, Any], lang: str) -> str:
    """What entitles the accompanying person: "acts under a power of attorney No. 58 of ..."."""
    ref = reference(authorisation.get("number"), authorisation["date"], lang)
    description = localize_line(authorisation.get("description"), lang)
    kind = authorisation["kind"]
    if kind == "other":
        ref = f"{description}, {ref}"
    elif description:
        ref = f"{ref} ({description})"
    return gettext(ESCORT_AUTHORISATION_LABELS[kind], lang, reference=ref)


def describe_authority_document(document: Mapping[str, Any], lang: str) -> str:
    """The document proving the receiver's authority, as one line (Civil Code, article 242)."""
    kind = document["kind"]
    if kind == "birth_certificate":
        text = gettext(
            N_("the child's birth certificate, series %(series)s No. %(number)s"),
            lang,
            series=describe_series(document["series"], lang),
            number=document["number"],
        )
    elif kind == "appointment_decision":
        body = describe_organisation(document["issued_by"], lang) or {}
        text = gettext(
            N_("decision of the %(body)s %(reference)s appointing the guardian (curator)"),
            lang,
            body=body["genitive"],
            reference=reference(document["number"], document["date"], lang),
        )
    else:
        text = localize_line(document["description"], lang) or ""
        if document.get("date"):
            text += " " + reference(document.get("number"), document["date"], lang)
    return gettext(
        N_("document proving the authority of the legal representative: %(document)s"),
        lang,
        document=text,
    )


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
    accompanying["summary"] += "; " + describe_escort_authorisation(
        accompanying_data["authorisation"], lang
    )
    representative_data = data["legal_representative"]
    representative = describe_adult(representative_data, lang)
    relation, sex = representative_data["relation"], representative_data["sex"]
    representative["summary"] += "; " + gettext(
        N_("relationship to the child: %(relation)s"),
        lang,
        relation=relation_noun(relation, sex, lang),
    )
    representative["summary"] += "; " + describe_authority_document(
        representative_data["authority_document"], lang
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
    child_age = age_or_none(child_data["birth_date"], handover["date"]) or 0
    acknowledgement = None
    if child_age >= ACKNOWLEDGEMENT_AGE:
        child_sex = child_data["sex"]
        acknowledgement = {
            "role": pgettext(child_sex, ACKNOWLEDGED[child_sex], lang),
            "name": child["signature"],
        }
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
        "basis": gettext(HANDOVER_BASIS, lang),
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
        "acknowledgement": acknowledgement,
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

# Labels of the candidate's documents, each from its source (docs/legal):
# cmu_866_martial_relatives (the simplified list for relatives while martial law lasts),
# cmu_866_candidate_documents (the general list). No item number of Procedure 866 is
# printed: none was read. The web form labels them with these neutral words; the
# document says "the applicant" in the applicant's grammatical gender (below).
GUARDIANSHIP_ATTACHMENT_LABELS = {
    "applicant_id_document": COPY_OF_APPLICANT_ID,
    "kinship_documents": N_(
        "Documents confirming the applicant's kinship with the child"
    ),  # cmu_866_martial_relatives
    "narcologist_psychiatrist_certificates": N_(
        "Certificates from a narcologist and a psychiatrist that the applicant is not on "
        "their registers"
    ),  # cmu_866_martial_relatives
    "no_criminal_record_certificate": N_(
        "Certificate of no criminal record"
    ),  # cmu_866_martial_relatives, cmu_866_candidate_documents
    "health_certificate": N_(
        "Medical report on the applicant's state of health"
    ),  # cmu_866_candidate_documents
    "income_certificate": N_("Certificate of the applicant's income"),  # idem
    "housing_document": N_(
        "Document confirming the applicant's right to own or use the dwelling"
    ),  # idem
    "family_members_consent": N_(
        "Written consent of the adult members of the applicant's family who live with the applicant"
    ),  # idem
    "marriage_certificate": N_("Copy of the marriage certificate"),  # idem
    "training_certificate": N_(
        "Certificate of completed training for candidate guardians and curators"
    ),  # idem
    "child_birth_certificate": COPY_OF_CHILD_BIRTH_CERTIFICATE,
    "status_decision": N_(
        "Copy of the decision granting the child the status of an orphan or of a child "
        "deprived of parental care"
    ),
    "parental_care_documents": N_(
        "Documents confirming the circumstances in which the child was left without parental care"
    ),
    "other": N_("Other document"),
}
# The same documents in the document itself, where "the applicant" takes the signer's
# grammatical gender (заявника / заявниці).
APPLICANT_ATTACHMENTS: dict[str, dict[str, str]] = {
    "applicant_id_document": {
        "male": NP_("male", "Copy of the applicant's identity document"),
        "female": NP_("female", "Copy of the applicant's identity document"),
    },
    "kinship_documents": {
        "male": NP_("male", "Documents confirming the applicant's kinship with the child"),
        "female": NP_("female", "Documents confirming the applicant's kinship with the child"),
    },
    "narcologist_psychiatrist_certificates": {
        "male": NP_(
            "male",
            "Certificates from a narcologist and a psychiatrist that the applicant is not on "
            "their registers",
        ),
        "female": NP_(
            "female",
            "Certificates from a narcologist and a psychiatrist that the applicant is not on "
            "their registers",
        ),
    },
    "health_certificate": {
        "male": NP_("male", "Medical report on the applicant's state of health"),
        "female": NP_("female", "Medical report on the applicant's state of health"),
    },
    "income_certificate": {
        "male": NP_("male", "Certificate of the applicant's income"),
        "female": NP_("female", "Certificate of the applicant's income"),
    },
    "housing_document": {
        "male": NP_("male", "Document confirming the applicant's right to own or use the dwelling"),
        "female": NP_(
            "female", "Document confirming the applicant's right to own or use the dwelling"
        ),
    },
    "family_members_consent": {
        "male": NP_(
            "male",
            "Written consent of the adult members of the applicant's family who live with "
            "the applicant",
        ),
        "female": NP_(
            "female",
            "Written consent of the adult members of the applicant's family who live with "
            "the applicant",
        ),
    },
}


APPLICANT_DOCUMENT_LABEL = {
    "male": NP_("male", "The applicant's identity document:"),
    "female": NP_("female", "The applicant's identity document:"),
}


@dataclass(frozen=True)
class GuardianshipWording:
    """What differs between guardianship (under 14) and curatorship (14 to 18)."""

    subtitle: str
    establish: str
    appoint: Mapping[str, str]
    undertaking: Mapping[str, str]
    no_obstacles: Mapping[str, str]


# "Опіка над" + the instrumental case; until names decline in the instrumental
# (service/ukrainian/declension.py), the name follows a colon in the nominative.
GUARDIANSHIP_WORDING = {
    "guardianship": GuardianshipWording(
        subtitle=N_("for the establishment of guardianship over a child"),
        establish=N_(
            "To establish guardianship over the child under 14: %(child)s, born %(date)s."
        ),
        appoint={
            "male": NP_("male", "To appoint me as the child's guardian."),
            "female": NP_("female", "To appoint me as the child's guardian."),
        },
        undertaking={
            "male": NP_(
                "male",
                "I undertake to perform the duties of a guardian properly: to care for the "
                "child's upbringing, health, physical, spiritual and moral development and "
                "education, to provide proper living conditions and to protect the child's "
                "rights and interests.",
            ),
            "female": NP_(
                "female",
                "I undertake to perform the duties of a guardian properly: to care for the "
                "child's upbringing, health, physical, spiritual and moral development and "
                "education, to provide proper living conditions and to protect the child's "
                "rights and interests.",
            ),
        },
        no_obstacles={
            "male": NP_(
                "male",
                "There are no circumstances under article 64 of the Civil Code of Ukraine or "
                "part 3 of article 244 of the Family Code of Ukraine that prevent me from being "
                "appointed as a guardian.",
            ),
            "female": NP_(
                "female",
                "There are no circumstances under article 64 of the Civil Code of Ukraine or "
                "part 3 of article 244 of the Family Code of Ukraine that prevent me from being "
                "appointed as a guardian.",
            ),
        },
    ),
    "curatorship": GuardianshipWording(
        subtitle=N_("for the establishment of curatorship over a child"),
        establish=N_(
            "To establish curatorship over the child aged 14 to 18: %(child)s, born %(date)s."
        ),
        appoint={
            "male": NP_("male", "To appoint me as the child's curator."),
            "female": NP_("female", "To appoint me as the child's curator."),
        },
        undertaking={
            "male": NP_(
                "male",
                "I undertake to perform the duties of a curator properly: to care for the "
                "child's upbringing, health, physical, spiritual and moral development and "
                "education, to provide proper living conditions and to protect the child's "
                "rights and interests.",
            ),
            "female": NP_(
                "female",
                "I undertake to perform the duties of a curator properly: to care for the "
                "child's upbringing, health, physical, spiritual and moral development and "
                "education, to provide proper living conditions and to protect the child's "
                "rights and interests.",
            ),
        },
        no_obstacles={
            "male": NP_(
                "male",
                "There are no circumstances under article 64 of the Civil Code of Ukraine or "
                "part 3 of article 244 of the Family Code of Ukraine that prevent me from being "
                "appointed as a curator.",
            ),
            "female": NP_(
                "female",
                "There are no circumstances under article 64 of the Civil Code of Ukraine or "
                "part 3 of article 244 of the Family Code of Ukraine that prevent me from being "
                "appointed as a curator.",
            ),
        },
    ),
}
CHILD_AGE = NN_(
    "On the date of this application the child is %(n)s year old.",
    "On the date of this application the child is %(n)s years old.",
)
STATUS_GRANTED = {
    "deprived_of_parental_care": N_(
        "By decision of the %(body)s %(reference)s, the child was granted the status of a "
        "child deprived of parental care."
    ),
    "orphan": N_(
        "By decision of the %(body)s %(reference)s, the child was granted the status of an orphan."
    ),
}
BOTH_PARENTS_DIED = N_("Both of the child's parents have died.")
# Family Code art. 243 part 1; the status is decided first (docs/legal: fc_243,
# cmu_866_status). Whether a parent's captivity is itself a ground was not read: the
# rule says only that the status comes first.
NO_STATUS_DECISION = N_(
    "The child %(child)s is not an orphan (%(parents)s), and no decision granting the child "
    "the status of a child deprived of parental care is given."
)
RULE_STATUS_FIRST = N_(
    "Guardianship and curatorship are established over orphans and children deprived of "
    "parental care (Family Code of Ukraine, article 243, part 1). Unless both parents have "
    "died, the guardianship authority first decides to grant the child the status of a child "
    "deprived of parental care (Procedure approved by CMU Resolution No. 866 of 24 September "
    "2008): give that decision in status_decision, or apply for the status first."
)
RULE_GUARDIANSHIP_CHILD = N_(
    "Guardianship is established over a child under 14 and curatorship over a child aged 14 "
    "to 18 (Family Code of Ukraine, article 243, part 2): not over a person of 18 or older."
)


def guardianship_premises(data: Mapping[str, Any]) -> Iterator[Finding]:
    """The child is under 18, and an orphan or granted the status of a child deprived of care."""
    child = data["child"]
    on_date = on_document_date(data, "application_date")
    yield from refuse_from_age(
        child, ADULT_AGE, on_date, EVENT_APPLICATION, RULE_GUARDIANSHIP_CHILD
    )
    if data.get("status_decision") is None and not both_parents_died(data):
        living = [role for role in ("mother", "father") if data[role]["status"] != "deceased"]
        parents = {
            lang: "; ".join(
                relation_noun(role, PARENT_STATUS_CONTEXT[role], lang)
                + " "
                + _describe_parent(data[role], role, lang, details=False)["text"]
                for role in living
            )
            for lang in LANGUAGES
        }
        yield Refusal(
            "child",
            NO_STATUS_DECISION,
            RULE_STATUS_FIRST,
            {"child": person_names(child), "parents": parents},
        )


def describe_guardianship_status(data: Mapping[str, Any], lang: str) -> str:
    """The child's status: the decision that granted it, or that both parents have died."""
    decision = data.get("status_decision")
    if decision is None:
        return gettext(BOTH_PARENTS_DIED, lang)
    body = describe_organisation(decision["body"], lang) or {}
    return gettext(
        STATUS_GRANTED[decision["status"]],
        lang,
        body=body["genitive"],
        reference=reference(decision["number"], decision["date"], lang),
    )


def describe_guardianship_attachments(
    items: list[Mapping[str, Any]], sex: str, lang: str
) -> list[str]:
    """The attachments, "the applicant" in the applicant's grammatical gender."""
    lines = describe_attachments(items, GUARDIANSHIP_ATTACHMENT_LABELS, lang)
    for position, item in enumerate(items):
        if item["kind"] in APPLICANT_ATTACHMENTS:
            label = pgettext(sex, APPLICANT_ATTACHMENTS[item["kind"]][sex], lang)
            description = localize_line(item.get("description"), lang)
            lines[position] = f"{label}: {description}" if description else label
    return lines


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
    applicant["document_label"] = pgettext(sex, APPLICANT_DOCUMENT_LABEL[sex], lang)
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
        "status": describe_guardianship_status(data, lang),
        "circumstances": localize_text(data.get("circumstances"), lang),
        "requests": [
            gettext(
                wording.establish,
                lang,
                child=child["name"],
                date=child["birth_date_numeric"],
            ),
            pgettext(sex, wording.appoint[sex], lang),
        ],
        "undertaking": pgettext(sex, wording.undertaking[sex], lang),
        "no_obstacles": pgettext(sex, wording.no_obstacles[sex], lang),
        "consent": gettext(CONSENT_OWN_DATA, lang),
        "attachments": describe_guardianship_attachments(data["attachments"], sex, lang),
        "application_date": format_dates(on_date, lang),
    }


def _describe_parent(
    parent: Mapping[str, Any], role: str, lang: str, *, details: bool = True
) -> dict[str, Any]:
    context = PARENT_STATUS_CONTEXT[role]
    status = pgettext(context, PARENT_STATUS_LABELS[(parent["status"], role)], lang)
    name = None
    if parent.get("surname") and parent.get("given_name"):
        person = describe_person({**parent, "sex": context, "birth_date": None}, lang) or {}
        name = first_mention(person, lang)
    explained = localize_line(parent.get("details"), lang) if details else None
    text = f"{name} — {status}" if name else status
    return {
        "role": gettext(PARENT_ROLES[role], lang),
        "text": f"{text} ({explained})" if explained else text,
    }


# --- custody.accompanying_adult_consent ----------------------------------------------

TRIP_SUBTITLES = {
    "abroad": N_("to a child leaving Ukraine accompanied by another person"),
    "within_ukraine": N_("to a child travelling within Ukraine accompanied by another person"),
    "group_recreation_abroad": N_(
        "to a child leaving Ukraine for recreation and rest as a member of an organised group "
        "of children"
    ),
}
# The operative sentence, first (docs/legal: cc_313, rules_57_items_3_4): who consents to
# which child going where, when, with whom. "%(whose)s" is "our daughter" etc., which
# the Ukrainian catalog gives in the genitive ("нашої дочки").
CONSENT_STATEMENTS = {
    ("abroad", 1): N_(
        "I, %(names)s, consent to %(whose)s %(child)s, born %(date)s, temporarily leaving "
        "Ukraine (state of destination: %(countries)s) for the period from %(start)s to "
        "%(end)s accompanied by %(adult)s, born %(adult_date)s."
    ),
    ("abroad", 2): N_(
        "We, %(names)s, consent to %(whose)s %(child)s, born %(date)s, temporarily leaving "
        "Ukraine (state of destination: %(countries)s) for the period from %(start)s to "
        "%(end)s accompanied by %(adult)s, born %(adult_date)s."
    ),
    ("within_ukraine", 1): N_(
        "I, %(names)s, consent to %(whose)s %(child)s, born %(date)s, travelling within "
        "Ukraine (place of destination: %(place)s) for the period from %(start)s to %(end)s "
        "accompanied by %(adult)s, born %(adult_date)s."
    ),
    ("within_ukraine", 2): N_(
        "We, %(names)s, consent to %(whose)s %(child)s, born %(date)s, travelling within "
        "Ukraine (place of destination: %(place)s) for the period from %(start)s to %(end)s "
        "accompanied by %(adult)s, born %(adult_date)s."
    ),
    ("group_recreation_abroad", 1): N_(
        "I, %(names)s, consent to %(whose)s %(child)s, born %(date)s, leaving Ukraine for "
        "recreation and rest as a member of an organised group of children (state of "
        "destination: %(countries)s; organiser of the trip: %(organiser)s) for the period "
        "from %(start)s to %(end)s accompanied by %(adult)s, born %(adult_date)s."
    ),
    ("group_recreation_abroad", 2): N_(
        "We, %(names)s, consent to %(whose)s %(child)s, born %(date)s, leaving Ukraine for "
        "recreation and rest as a member of an organised group of children (state of "
        "destination: %(countries)s; organiser of the trip: %(organiser)s) for the period "
        "from %(start)s to %(end)s accompanied by %(adult)s, born %(adult_date)s."
    ),
}
# Whose child: (count of consenting parents, child's sex); a guardian's ward. The
# context "whose" gives the genitive the Ukrainian sentence needs ("нашої дочки").
WHOSE_CHILD = {
    (1, "female"): NP_("whose", "my daughter"),
    (1, "male"): NP_("whose", "my son"),
    (2, "female"): NP_("whose", "our daughter"),
    (2, "male"): NP_("whose", "our son"),
}
WARD = {"female": NP_("whose", "my ward (girl)"), "male": NP_("whose", "my ward (boy)")}
THE_CHILD = NP_("whose", "the child")
# The legal basis at its first mention, by kind of trip and certification.
CONSENT_BASES = {
    "abroad": N_(
        "The consent is given under part 3 of article 313 of the Civil Code of Ukraine and "
        "the Rules for crossing the state border by citizens of Ukraine, approved by "
        "Resolution of the Cabinet of Ministers of Ukraine No. 57 of 27 January 1995."
    ),
    "abroad_martial_law": N_(
        "The consent is given by one parent for the period of martial law under part 3 of "
        "article 313 of the Civil Code of Ukraine and the Rules for crossing the state border "
        "by citizens of Ukraine, approved by Resolution of the Cabinet of Ministers of Ukraine "
        "No. 57 of 27 January 1995."
    ),
    "within_ukraine": N_(
        "The consent is given under part 2 of article 313 of the Civil Code of Ukraine."
    ),
    "group_recreation_abroad": N_(
        "The consent is given under the Procedure for organising children's trips abroad for "
        "recreation and rest, approved by Resolution of the Cabinet of Ministers of Ukraine "
        "No. 1167 of 10 November 2021 (as amended, among others, by Resolution of the Cabinet "
        "of Ministers of Ukraine No. 661 of 10 June 2022). The group's trip also requires the "
        "consent of the National Social Service of Ukraine and the list of the group, which "
        "are not part of this consent."
    ),
}
# The footer: the same in short, by kind of trip.
CONSENT_LEGAL_BASES = {
    "abroad": N_(
        "Civil Code of Ukraine, article 313, part 3; Rules for crossing the state border by "
        "citizens of Ukraine (CMU Resolution No. 57 of 27 January 1995)"
    ),
    "within_ukraine": N_("Civil Code of Ukraine, article 313, part 2"),
    "group_recreation_abroad": N_(
        "Procedure for organising children's trips abroad for recreation and rest (CMU "
        "Resolution No. 1167 of 10 November 2021, as amended)"
    ),
}
# What the accompanying adult may do: accompany, and seek medical care. Representing the
# child before authorities rests on rules not researched (docs/legal: cc_313 note).
CONSENT_POWERS = {
    "abroad": N_(
        "During the trip the accompanying adult accompanies the child, including when "
        "crossing the state border of Ukraine, and may seek medical care for the child when "
        "needed."
    ),
    "within_ukraine": N_(
        "During the trip the accompanying adult accompanies the child and may seek medical "
        "care for the child when needed."
    ),
}
CERTIFICATION_HEADINGS = {
    "notary": N_("Certification by a notary:"),
    "guardianship_authority": N_("Certified by the guardianship authority:"),
    "group_recreation_abroad": N_("Approved by the Service for Children's Affairs:"),
}
CONSENTING_ROLES = {
    ("mother", "female"): NP_("female", "Mother:"),
    ("father", "male"): NP_("male", "Father:"),
    ("guardian", "female"): NP_("female", "Guardian (curator):"),
    ("guardian", "male"): NP_("male", "Guardian (curator):"),
}
RULE_ABROAD_UNDER_16 = N_(
    "A child of 16 or older may leave Ukraine alone (Civil Code of Ukraine, article 313, "
    "part 3): the parents' consent to leaving Ukraine concerns a child under 16."
)
RULE_WITHIN_UNDER_14 = N_(
    "The parents' consent to a trip within Ukraine with another person concerns a child "
    "under 14 (Civil Code of Ukraine, article 313, part 2)."
)
RULE_GROUP_AGES = N_(
    "The Procedure for organising children's trips abroad for recreation and rest, approved "
    "by CMU Resolution No. 1167 of 10 November 2021, concerns organised groups of children "
    "aged 7 to 18; a child of another age travels on an individual consent."
)
UNDER_7_ON_DEPARTURE = N_(
    "%(child)s is not yet 7 years old on the first day of the trip (%(date)s)."
)
GROUP_MIN_AGE = 7
ABROAD_ALONE_AGE = 16
WITHIN_ALONE_AGE = 14


def accompanying_adult_consent_premises(data: Mapping[str, Any]) -> Iterator[Finding]:
    """The child's age on the first day of the trip fits the kind of trip."""
    child = data["child"]
    departure: date = data["period"]["from_"]
    kind = data["trip_kind"]
    if kind == "abroad":
        yield from refuse_from_age(
            child, ABROAD_ALONE_AGE, departure, EVENT_DEPARTURE, RULE_ABROAD_UNDER_16
        )
    elif kind == "within_ukraine":
        yield from refuse_from_age(
            child, WITHIN_ALONE_AGE, departure, EVENT_DEPARTURE, RULE_WITHIN_UNDER_14
        )
    else:
        yield from refuse_from_age(child, ADULT_AGE, departure, EVENT_DEPARTURE, RULE_GROUP_AGES)
        if birthday_of_age(child["birth_date"], GROUP_MIN_AGE) > departure:
            yield Refusal(
                "child",
                UNDER_7_ON_DEPARTURE,
                RULE_GROUP_AGES,
                {"child": person_names(child), "date": day_in_words(departure)},
            )


def whose_child(parents: list[Mapping[str, Any]], child_sex: str, lang: str) -> str:
    """ "our daughter", "my son", "my ward": who the child is to those who consent."""
    relations = {parent["relation"] for parent in parents}
    if relations <= set(PARENT_RELATIONS):
        return pgettext("whose", WHOSE_CHILD[(len(parents), child_sex)], lang)
    if len(parents) == 1:
        return pgettext("whose", WARD[child_sex], lang)
    return pgettext("whose", THE_CHILD, lang)


def describe_accompanying_adult_consent(
    data: Mapping[str, Any], lang: str, today: date
) -> dict[str, Any]:
    """Spell out the parents' consent to the child travelling with another adult."""
    consent_date: date = data.get("consent_date") or today
    kind = data["trip_kind"]
    certification = data.get("certification")
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
    countries = ", ".join(describe_country(code, lang) or code for code in destination["countries"])
    place = localize_line(destination.get("place"), lang)
    period = data["period"]
    group = data.get("group")
    organiser = describe_organisation(group["organiser"], lang) if group else None
    service = describe_organisation(data.get("children_service"), lang)
    certifier: str | None = kind if kind == "group_recreation_abroad" else certification
    if kind == "abroad" and certification == "guardianship_authority":
        basis = CONSENT_BASES["abroad_martial_law"]
    else:
        basis = CONSENT_BASES[kind]
    dates = "long" if lang == "en" else "numeric"
    terms = [
        {
            "label": gettext(N_("Purpose of the trip:"), lang),
            "value": localize_line(data["purpose"], lang) or "",
        },
    ]
    if place:
        terms.append({"label": gettext(N_("Place of destination:"), lang), "value": place})
    return {
        "place": localize_place_part(data.get("place_of_signing"), lang),
        "date": format_dates(consent_date, lang),
        "subtitle": gettext(TRIP_SUBTITLES[kind], lang),
        "parents": parents,
        "statement": gettext(
            CONSENT_STATEMENTS[(kind, count)],
            lang,
            names=names,
            whose=whose_child(data["parents"], child_data["sex"], lang),
            child=child["genitive"] if lang == "uk" else first_mention(child, lang),
            date=format_dates(child_data["birth_date"], lang)[dates],
            countries=countries,
            place=place or "",
            organiser=organiser["name"] if organiser else "",
            start=format_dates(period["from_"], lang)[dates],
            end=format_dates(period["to"], lang)[dates],
            adult=adult["genitive"] if lang == "uk" else adult["first"],
            adult_date=format_dates(adult_data["birth_date"], lang)[dates],
        ),
        "basis": gettext(basis, lang),
        "legal_basis": gettext(CONSENT_LEGAL_BASES[kind], lang),
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
        "terms": terms,
        "powers": gettext(
            CONSENT_POWERS["within_ukraine" if kind == "within_ukraine" else "abroad"], lang
        ),
        "certification": (
            {
                "heading": gettext(CERTIFICATION_HEADINGS[certifier], lang),
                "body": service["name"] if service and certifier != "notary" else None,
                "official": certifier != "notary",
            }
            if certifier
            else None
        ),
    }


CUSTODY_TEMPLATES: tuple[TemplateSpec, ...] = (
    TemplateSpec(
        id="custody.war_affected_status_application",
        version="2.0.0",
        title=N_(
            "Application for the status of a child affected by hostilities and armed conflicts"
        ),
        legal_basis=N_(
            "Law of Ukraine “On Protection of Childhood”, article 30-1; Procedure No. 268 "
            "(CMU Resolution of 5 April 2017, as amended, among others, by Resolutions "
            "No. 547 of 1 June 2023 and No. 1065 of 1 September 2025)"
        ),
        schema=WarAffectedStatusApplicationSchema,
        describe=describe_war_affected_status_application,
        filename_stem="war-affected-status-application",
        premises=war_affected_status_premises,
    ),
    TemplateSpec(
        id="custody.child_handover_act",
        version="2.0.0",
        title=N_("Act of handover of a child to the legal representative"),
        legal_basis=N_(
            "Procedure No. 551 (CMU Resolution of 14 May 2024, as amended by Resolutions "
            "No. 1240, No. 66, No. 641, No. 653 and No. 1295)"
        ),
        schema=ChildHandoverActSchema,
        describe=describe_child_handover_act,
        filename_stem="child-handover-act",
        premises=child_handover_premises,
    ),
    TemplateSpec(
        id="custody.guardianship_application",
        version="2.0.0",
        title=N_("Application for the establishment of guardianship (curatorship)"),
        legal_basis=N_(
            "Civil Code of Ukraine, articles 58, 59, 63 and 64; Family Code of Ukraine, "
            "articles 243 and 244; Procedure for the activity of guardianship and curatorship "
            "authorities related to the protection of children's rights, approved by "
            "Resolution of the Cabinet of Ministers of Ukraine No. 866 of 24 September 2008"
        ),
        schema=GuardianshipApplicationSchema,
        describe=describe_guardianship_application,
        filename_stem="guardianship-application",
        premises=guardianship_premises,
    ),
    TemplateSpec(
        id="custody.accompanying_adult_consent",
        version="2.0.0",
        title=N_("Consent to a child travelling accompanied by another person"),
        legal_basis=N_(
            "Civil Code of Ukraine, article 313; Rules for crossing the state border by "
            "citizens of Ukraine (CMU Resolution No. 57 of 27 January 1995); Procedure for "
            "organising children's trips abroad for recreation and rest (CMU Resolution "
            "No. 1167 of 10 November 2021, as amended)"
        ),
        schema=AccompanyingAdultConsentSchema,
        describe=describe_accompanying_adult_consent,
        filename_stem="accompanying-adult-consent",
        premises=accompanying_adult_consent_premises,
    ),
)


# --- Words for the caseworker's forms ------------------------------------------------

# The choices this family added, for the web forms' CHOICE_LABELS (service/web/forms.py
# labels a choice it does not know by its value).
FORM_CHOICE_LABELS = {
    "abroad": N_("an individual trip abroad"),
    "within_ukraine": N_("a trip within Ukraine (child under 14)"),
    "group_recreation_abroad": N_("an organised group trip abroad for recreation and rest"),
    "notary": N_("a notary"),
    "guardianship_authority": N_("the guardianship authority (one parent, martial law)"),
    "power_of_attorney": N_("power of attorney"),
    "assignment": N_("assignment"),
    "order": N_("order"),
    "appointment_decision": N_("decision appointing the guardian (curator)"),
    "orphan": N_("orphan"),
    "deprived_of_parental_care": N_("child deprived of parental care"),
}
# The fields this family added: a form labels a field it does not know by its name made
# a sentence ("trip_kind" → "Trip kind"), which these msgids translate.
FORM_FIELD_LABELS = {
    "trip_kind": N_("Trip kind"),
    "certification": N_("Certification"),
    "children_service": N_("Children service"),
    "group": N_("Group"),
    "organiser": N_("Organiser"),
    "authorisation": N_("Authorisation"),
    "authority_document": N_("Authority document"),
    "status_decision": N_("Status decision"),
    "body": N_("Body"),
    "proceedings_number": N_("Proceedings number"),
    "proceedings_date": N_("Proceedings date"),
}
