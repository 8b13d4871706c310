"""Context builders of the identity.* documents."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

from service.documents.context import (
    certificate_number,
    describe_address,
    describe_contacts,
    describe_identity_document,
    describe_issuer,
    describe_organisation,
    describe_person,
    describe_place,
    format_dates,
    issuer_name,
    localize_text,
    relation_statement,
)
from service.documents.premises import (
    Finding,
    Refusal,
    confirm_occupation,
    day_in_words,
    person_names,
    place_names,
)
from service.documents.spec import TemplateSpec
from service.i18n import LANGUAGES, N_, NN_, NP_, gettext, ngettext, pgettext
from service.schemas.identity import (
    BirthFactCourtApplicationSchema,
    BirthRegistrationApplicationSchema,
    IdCardApplicationSchema,
    IdpRegistrationApplicationSchema,
    stated_parents,
)
from service.ukrainian import parse_occupation_birth_certificate
from service.ukrainian.occupation import PlaceOnDay, occupation_of

BORN_STATEMENTS = {
    "male": NP_("male", "%(child)s was born on %(date)s in %(place)s."),
    "female": NP_("female", "%(child)s was born on %(date)s in %(place)s."),
}

EVIDENCE_LABELS = {
    "medical_birth_record": N_("Medical record of the birth issued by the maternity facility"),
    "occupation_birth_certificate": N_(
        "Birth certificate issued by the occupying authorities (not recognised by Ukraine)"
    ),
    "witness_statement": N_("Written statement of a witness of the birth"),
    "photo_or_video": N_("Photographs or video of the mother and the newborn"),
    "other": N_("Other evidence"),
}


BORN_ABROAD = NP_(
    "male",
    "%(child)s was born outside Ukraine (%(place)s), not on the temporarily occupied territory"
    " of Ukraine.",
)
NP_(
    "female",
    "%(child)s was born outside Ukraine (%(place)s), not on the temporarily occupied territory"
    " of Ukraine.",
)
BORN_OUTSIDE_OCCUPATION = NP_(
    "male",
    "%(child)s was born on %(date)s in %(place)s, which was not under temporary occupation on"
    " that day%(why)s.",
)
NP_(
    "female",
    "%(child)s was born on %(date)s in %(place)s, which was not under temporary occupation on"
    " that day%(why)s.",
)
OCCUPATION_BEGAN = N_(" (its occupation began on %(start)s: %(basis)s)")
OCCUPATION_ENDED = N_(" (its occupation ended on %(end)s: %(basis)s)")
REGION_NOT_YET = N_(" (no territory of its region was occupied before %(start)s: %(basis)s)")
RULE_ART_317 = N_(
    "Article 317 of the Civil Procedure Code of Ukraine concerns the fact of birth of a person"
    " on the temporarily occupied territory of Ukraine; a birth elsewhere is registered by a"
    " civil-registration authority on the usual grounds."
)


def birth_fact_premises(data: Mapping[str, Any]) -> Iterator[Finding]:
    """The child was born on the occupied territory: the place was occupied on the birth day."""
    child = data["child"]
    place = child["birth_place"]
    finding = occupation_of(place, child["birth_date"])
    names = {"child": person_names(child)}
    sex = child["sex"]
    if place.get("country", "UA") != "UA":
        yield Refusal(
            "child", BORN_ABROAD, RULE_ART_317, {**names, "place": place["settlement"]}, sex
        )
    elif finding.status == "undetermined":
        yield confirm_occupation("child.birth_place", finding)
    elif not finding.occupied:
        yield Refusal(
            "child",
            BORN_OUTSIDE_OCCUPATION,
            RULE_ART_317,
            {
                **names,
                "date": day_in_words(child["birth_date"]),
                "place": place_names(finding.place),
                "why": why_not_occupied(finding),
            },
            sex,
        )


def why_not_occupied(finding: PlaceOnDay) -> dict[str, str]:
    """ " (its occupation began on …: <act>)", per language; empty without an entry."""
    occupation = finding.occupation
    if occupation is None or finding.confirmed:
        return {lang: "" for lang in LANGUAGES}
    period, region = occupation.period, occupation.region
    if period is not None and period.end is not None and finding.day >= period.end:
        message, key, day, basis = OCCUPATION_ENDED, "end", period.end, period.basis
    elif period is not None:
        message, key, day, basis = OCCUPATION_BEGAN, "start", period.start, period.basis
    elif region is not None:
        message, key, day, basis = REGION_NOT_YET, "start", region.first_day, region.basis
    else:
        return {lang: "" for lang in LANGUAGES}
    return {
        lang: gettext(message, lang, **{key: day_in_words(day)[lang]}, basis=basis[lang])
        for lang in LANGUAGES
    }


def describe_birth_fact_application(
    data: Mapping[str, Any], lang: str, today: date
) -> dict[str, Any]:
    """Spell out the court application to establish the fact of birth, in one language."""
    applicant_data = data["applicant"]
    mother_data, father_data = stated_parents(data)
    applicant = describe_person(applicant_data, lang) or {}
    applicant.update(describe_contacts(applicant_data, lang))
    applicant["relation_statement"] = relation_statement(applicant_data, applicant["name"], lang)
    child = describe_person(data["child"], lang) or {}
    child["birth_place"] = describe_place(data["child"]["birth_place"], lang)
    child["born_statement"] = pgettext(
        child["sex"],
        BORN_STATEMENTS[child["sex"]],
        lang,
        child=child["name"] if lang == "uk" else f"{child['name']} ({child['native']})",
        date=child["birth_date"],
        place=child["birth_place"]["line"],
    )
    return {
        "occupation": describe_birth_occupation(data["child"], lang),
        "court": describe_organisation(data["court"], lang),
        "interested_party": describe_organisation(data["interested_party"], lang),
        "applicant": applicant,
        "child": child,
        "mother": describe_person(mother_data, lang),
        "father": describe_person(father_data, lang),
        "certificate": _describe_certificate(data.get("occupation_birth_certificate"), lang),
        "evidence": [_describe_evidence(item, lang) for item in data["evidence"]],
        "circumstances": localize_text(data.get("circumstances"), lang),
        "application_date": format_dates(data.get("application_date") or today, lang),
    }


OCCUPIED_ON_BIRTH_DAY = N_(
    "On the day of the birth this settlement was under the temporary occupation of the Russian"
    " Federation: its occupation began on %(start)s (%(basis)s). The birth therefore was not and"
    " could not be registered by a civil-registration authority of Ukraine."
)
OCCUPIED_ON_BIRTH_DAY_STATED = N_(
    "On the day of the birth this settlement was under the temporary occupation of the Russian"
    " Federation; I state this myself, as the official list of occupied territories does not"
    " settle it for that day (%(reason)s). The birth therefore was not and could not be"
    " registered by a civil-registration authority of Ukraine."
)


def describe_birth_occupation(child: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """Say why the place was occupied on the birth day, and on what the statement rests."""
    finding = occupation_of(child["birth_place"], child["birth_date"])
    occupation = finding.occupation
    if finding.confirmed or occupation is None or occupation.period is None:
        reason = occupation.reason if occupation and occupation.reason else None
        statement = gettext(
            OCCUPIED_ON_BIRTH_DAY_STATED, lang, reason=gettext(reason, lang) if reason else ""
        )
        return {"statement": statement, "confirmed": True}
    period = occupation.period
    statement = gettext(
        OCCUPIED_ON_BIRTH_DAY,
        lang,
        start=format_dates(period.start, lang)["long"],
        basis=period.basis[lang],
    )
    return {"statement": statement, "confirmed": False}


def _describe_certificate(
    certificate: Mapping[str, Any] | None, lang: str
) -> dict[str, Any] | None:
    if certificate is None:
        return None
    parsed = parse_occupation_birth_certificate(certificate["series"], certificate["number"])
    return {
        "number": parsed.display
        if lang == "uk"
        else certificate_number(parsed.series, parsed.number, lang),
        "issued_by": issuer_name(certificate["issued_by"], lang),
        "issue_date": format_dates(certificate["issue_date"], lang)["long"],
    }


def _describe_evidence(item: Mapping[str, Any], lang: str) -> str:
    label = gettext(EVIDENCE_LABELS[item["kind"]], lang)
    description = localize_text(item.get("description"), lang)
    if description is None:
        return label
    return f"{label}: {description['text']}"


# --- Shared by the applications to an authority below --------------------------------


def describe_applicant(data: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """Spell out whoever files an application: name, contacts, identity document."""
    applicant = describe_person(data, lang) or {}
    applicant.update(describe_contacts(data, lang))
    applicant["id_document"] = describe_identity_document(data.get("id_document"), lang)
    relation = data.get("relation")
    if relation is not None:
        applicant["relation_statement"] = relation_statement(data, applicant["name"], lang)
    return applicant


def describe_child_facts(child: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """Spell out a child with the birth place and the occupation mark."""
    described = describe_person(child, lang) or {}
    described["birth_place"] = describe_place(child["birth_place"], lang)
    return described


def place_with_note(place: Mapping[str, Any] | None) -> str:
    """A place or address line, with "(temporarily occupied territory …)" when so marked."""
    if place is None:
        return ""
    if place["occupied"]:
        return f"{place['line']} ({place['occupied_note']})"
    return str(place["line"])


def describe_birth_certificate(
    certificate: Mapping[str, Any] | None, lang: str, *, occupation: bool = False
) -> dict[str, Any] | None:
    """Spell out a birth certificate: "I-ЖС № 123456, issued by …, date of issue: …"."""
    if certificate is None:
        return None
    number = certificate_number(certificate["series"], certificate["number"], lang)
    parts = [number]
    if occupation:
        note = gettext(
            N_("a document of the occupying authorities, not recognised by Ukraine"), lang
        )
        parts = [f"{number} ({note})"]
    if certificate.get("issued_by"):
        parts.append(describe_issuer(certificate["issued_by"], lang))
    if certificate.get("issue_date"):
        issued = format_dates(certificate["issue_date"], lang)["long"]
        parts.append(gettext(N_("date of issue: %(date)s"), lang, date=issued))
    return {"number": number, "line": ", ".join(parts)}


def end_sentence(text: str) -> str:
    """End a sentence with a full stop, unless it already ends with one ("… 2026 р.")."""
    return text if text.endswith(".") else f"{text}."


def describe_attachment(label: str, description: Mapping[str, str] | None, lang: str) -> str:
    """One line of a list of attachments: the label, then the free description, if any."""
    text = localize_text(description, lang)
    if text is None:
        return label
    return f"{label}: {text['text']}"


def describe_person_record(
    person: Mapping[str, Any] | None, lang: str, *, phone: bool = True
) -> dict[str, Any] | None:
    """Spell out an adult with a one-line record: name, birth, citizenship, ids, residence."""
    described = describe_person(person, lang)
    if person is None or described is None:
        return None
    described.update(describe_contacts(person, lang))
    described["id_document"] = describe_identity_document(person.get("id_document"), lang)
    parts = [described["name"]]
    if lang == "en":
        parts[0] = f"{described['name']} ({described['native']})"
    parts.append(gettext(N_("date of birth: %(date)s"), lang, date=described["birth_date"]))
    if described["citizenship"]:
        parts.append(
            gettext(N_("citizenship: %(country)s"), lang, country=described["citizenship"])
        )
    if described["rnokpp"]:
        parts.append(gettext(N_("RNOKPP %(number)s"), lang, number=described["rnokpp"]))
    if described["id_document"]:
        parts.append(described["id_document"]["line"])
    if described["address"]:
        address = place_with_note(described["address"])
        parts.append(gettext(N_("place of residence: %(address)s"), lang, address=address))
    if phone and described["phone"]:
        parts.append(gettext(N_("phone: %(phone)s"), lang, phone=described["phone"]))
    described["line"] = end_sentence("; ".join(parts))
    return described


def signature_line(person: Mapping[str, Any], role: str | None, lang: str) -> dict[str, Any]:
    """A signature line: the signer's role (a msgid, None for a sole signer) and name."""
    return {
        "role": gettext(role, lang) if role else None,
        "name": person["signature"],
        "caption": gettext(N_("signature"), lang),
    }


CONFIRMATION = N_(
    "I confirm that the information given is true; I have been warned of the liability for"
    " giving false information."
)


# --- identity.birth_registration_application ------------------------------------------

FATHER_STATEMENTS = {
    "marriage": N_(
        "I ask that the father be recorded on the basis of the parents' marriage certificate."
    ),
    "joint_application": N_(
        "I ask that the father be recorded on the basis of the joint application of the"
        " child's mother and father, who both sign this application."
    ),
    None: N_("No information about the father is given."),
}


def describe_birth_registration_application(
    data: Mapping[str, Any], lang: str, today: date
) -> dict[str, Any]:
    """Spell out the application for the state registration of a birth, in one language."""
    applicant_data = data["applicant"]
    relation = applicant_data["relation"]
    mother_data, father_data = stated_parents(data)
    applicant = describe_applicant(applicant_data, lang)
    mother = describe_person_record(mother_data, lang, phone=False)
    father = describe_person_record(father_data, lang, phone=False)
    basis = _describe_registration_basis(data, lang)
    attachments = [basis["attachment"]]
    if data.get("father_basis") == "marriage":
        attachments.append(gettext(N_("Copy of the parents' marriage certificate"), lang))
    attachments.append(gettext(N_("Copy of the applicant's identity document"), lang))
    signatures = [signature_line(applicant, None, lang)]
    if data.get("father_basis") == "joint_application":
        for parent, role, label in (
            (mother, "mother", N_("Mother:")),
            (father, "father", N_("Father:")),
        ):
            if parent and relation != role:
                signatures.append(signature_line(parent, label, lang))
        signatures[0]["role"] = gettext(N_("Applicant:"), lang)
    return {
        "addressee": describe_organisation(data["registry_office"], lang),
        "applicant": applicant,
        "child": describe_child_facts(data["child"], lang),
        "basis": basis,
        "mother": mother,
        "father": father,
        "father_statement": gettext(FATHER_STATEMENTS[data.get("father_basis")], lang),
        "circumstances": localize_text(data.get("circumstances"), lang),
        "confirmation": gettext(CONFIRMATION, lang),
        "attachments": attachments,
        "signatures": signatures,
        "application_date": format_dates(data.get("application_date") or today, lang),
    }


def _describe_registration_basis(data: Mapping[str, Any], lang: str) -> dict[str, str]:
    decision = data.get("court_decision")
    if decision is not None:
        court = describe_organisation(decision["court"], lang) or {}
        return {
            "kind": "court_decision",
            "line": gettext(
                N_(
                    "the court decision establishing the fact of birth (%(court)s, case"
                    " No. %(case)s, decision of %(date)s)"
                ),
                lang,
                court=court["name"],
                case=decision["case_number"],
                date=format_dates(decision["decision_date"], lang)["long"],
            ),
            "attachment": gettext(
                N_(
                    "Copy of the court decision establishing the fact of birth, certified by"
                    " the court"
                ),
                lang,
            ),
        }
    certificate = data["medical_certificate"]
    facility = describe_organisation(certificate["facility"], lang) or {}
    return {
        "kind": "medical_certificate",
        "line": gettext(
            N_(
                "the medical certificate of birth (form No. 103/o) No. %(number)s of %(date)s,"
                " issued by %(facility)s"
            ),
            lang,
            number=certificate["number"],
            date=format_dates(certificate["issue_date"], lang)["long"],
            facility=facility["name"],
        ),
        "attachment": gettext(N_("Medical certificate of birth (form No. 103/o)"), lang),
    }


# --- identity.id_card_application -----------------------------------------------------

CONSENT_STATEMENTS = {
    ("mother", "female"): NP_(
        "female",
        "I, %(name)s, the child's mother, consent to the issue of a passport of a citizen of"
        " Ukraine to %(child)s.",
    ),
    ("father", "male"): NP_(
        "male",
        "I, %(name)s, the child's father, consent to the issue of a passport of a citizen of"
        " Ukraine to %(child)s.",
    ),
    ("guardian", "female"): NP_(
        "female",
        "I, %(name)s, the child's guardian, consent to the issue of a passport of a citizen"
        " of Ukraine to %(child)s.",
    ),
    ("guardian", "male"): NP_(
        "male",
        "I, %(name)s, the child's guardian, consent to the issue of a passport of a citizen"
        " of Ukraine to %(child)s.",
    ),
    ("legal_representative", "female"): NP_(
        "female",
        "I, %(name)s, the child's legal representative, consent to the issue of a passport of"
        " a citizen of Ukraine to %(child)s.",
    ),
    ("legal_representative", "male"): NP_(
        "male",
        "I, %(name)s, the child's legal representative, consent to the issue of a passport of"
        " a citizen of Ukraine to %(child)s.",
    ),
}

RNOKPP_REFUSALS = {
    "male": NP_("male", "refused on religious grounds"),
    "female": NP_("female", "refused on religious grounds"),
}

ATTACHMENT_LABELS = {
    "birth_certificate": N_("The child's birth certificate %(number)s"),
    "parents_passports": N_(
        "Passports of the parents (or of one of them) confirming citizenship of Ukraine"
    ),
    "legal_representative_passport": N_("Identity document of the legal representative"),
    "residence_proof": N_("Document confirming the place of residence"),
    "rnokpp_certificate": N_("Certificate of the RNOKPP (tax number)"),
    "guardianship_decision": N_("Decision on the appointment of the guardian"),
    "idp_certificate": N_("Certificate of registration as an internally displaced person"),
    "other": N_("Other document"),
}


def describe_id_card_application(data: Mapping[str, Any], lang: str, today: date) -> dict[str, Any]:
    """Spell out a child's application for a first passport (ID card), in one language."""
    child_data = data["child"]
    child = describe_child_facts(child_data, lang)
    child.update(describe_contacts(child_data, lang))
    if child_data.get("rnokpp"):
        rnokpp = child_data["rnokpp"]
    elif data["rnokpp_refused"]:
        rnokpp = pgettext(child["sex"], RNOKPP_REFUSALS[child["sex"]], lang)
    else:
        rnokpp = gettext(N_("not assigned"), lang)
    certificate = describe_birth_certificate(data["birth_certificate"], lang)
    representative_data = data["legal_representative"]
    representative = describe_person_record(representative_data, lang) or {}
    representative["consent"] = pgettext(
        representative["sex"],
        CONSENT_STATEMENTS[(representative_data["relation"], representative["sex"])],
        lang,
        name=representative["name"],
        child=child["dative"],
    )
    return {
        "addressee": describe_organisation(data["authority"], lang),
        "applicant": child,
        "child": child,
        "rnokpp": rnokpp,
        "address": place_with_note(child["address"]),
        "birth_certificate": certificate,
        "legal_representative": representative,
        "confirmation": gettext(CONFIRMATION, lang),
        "attachments": [
            _describe_passport_attachment(item, certificate, lang) for item in data["attachments"]
        ],
        "signatures": [
            signature_line(child, N_("Applicant:"), lang),
            signature_line(representative, N_("Legal representative (consent):"), lang),
        ],
        "application_date": format_dates(data.get("application_date") or today, lang),
    }


def _describe_passport_attachment(
    item: Mapping[str, Any], certificate: Mapping[str, Any] | None, lang: str
) -> str:
    number = certificate["number"] if certificate else ""
    label = gettext(ATTACHMENT_LABELS[item["kind"]], lang, number=number)
    return describe_attachment(label, item.get("description"), lang)


# --- identity.idp_registration_application --------------------------------------------

REGISTER_REQUEST = NN_(
    "I ask you to register the following child as an internally displaced person:",
    "I ask you to register the following children as internally displaced persons:",
)
ARRIVAL_STATEMENT = NN_(
    "The child arrived on the territory controlled by Ukraine on %(date)s.",
    "The children arrived on the territory controlled by Ukraine on %(date)s.",
)
UNACCOMPANIED_STATEMENT = NN_(
    "No parent or other legal representative accompanied the child, so I apply on the"
    " child's behalf.",
    "No parent or other legal representative accompanied the children, so I apply on their behalf.",
)
RELATION_PROOFS = {
    "guardian": N_("Copy of the decision on guardianship"),
    "legal_representative": N_("Document confirming the authority of the legal representative"),
}
FAMILY_RELATION_PROOF = NN_(
    "Documents proving the applicant's family relation to the child",
    "Documents proving the applicant's family relation to the children",
)


def describe_idp_registration_application(
    data: Mapping[str, Any], lang: str, today: date
) -> dict[str, Any]:
    """Spell out the application to register children as displaced persons, in one language."""
    applicant = describe_applicant(data["applicant"], lang)
    if applicant["id_document"]:
        applicant["id_document"]["line"] = end_sentence(applicant["id_document"]["line"])
    children_data = [data["child"], *data["other_children"]]
    children = [_describe_displaced_child(child, lang) for child in children_data]
    count = len(children)
    applicant["relation_statement"] = relation_statement(
        data["applicant"], applicant["name"], lang, children=count
    )
    attachments = [gettext(N_("Copy of the applicant's identity document"), lang)]
    attachments.extend(child["certificate_attachment"] for child in children)
    relation = data["applicant"]["relation"]
    if relation in RELATION_PROOFS:
        attachments.append(gettext(RELATION_PROOFS[relation], lang))
    elif relation not in ("mother", "father"):
        attachments.append(ngettext(*FAMILY_RELATION_PROOF, count, lang))
    arrival = data.get("arrival_date")
    return {
        "addressee": describe_organisation(data["authority"], lang),
        "applicant": applicant,
        "child": children[0],
        "children": children,
        "request": ngettext(*REGISTER_REQUEST, count, lang),
        "registered_address": place_with_note(describe_address(data["registered_address"], lang)),
        "actual_address": place_with_note(describe_address(data["actual_address"], lang)),
        "arrival": ngettext(
            *ARRIVAL_STATEMENT, count, lang, date=format_dates(arrival, lang)["long"]
        )
        if arrival
        else None,
        "unaccompanied": ngettext(*UNACCOMPANIED_STATEMENT, count, lang)
        if data["arrived_without_parents"]
        else None,
        "consent": gettext(
            N_(
                "I consent to the processing of the personal data given in this application"
                " for the purposes of the registration of internally displaced persons."
            ),
            lang,
        ),
        "confirmation": gettext(CONFIRMATION, lang),
        "attachments": attachments,
        "application_date": format_dates(data.get("application_date") or today, lang),
    }


def _describe_displaced_child(child_data: Mapping[str, Any], lang: str) -> dict[str, Any]:
    child = describe_child_facts(child_data, lang)
    occupation = child_data.get("occupation_birth_certificate")
    if occupation:
        certificate = describe_birth_certificate(occupation, lang, occupation=True)
        attachment = N_(
            "Copy of the birth certificate of %(child)s issued by the occupying authorities"
            " (not recognised by Ukraine)"
        )
    else:
        certificate = describe_birth_certificate(child_data["birth_certificate"], lang)
        attachment = N_("Copy of the birth certificate of %(child)s")
    name = f"{child['name']} ({child['native']})" if lang == "en" else child["name"]
    parts = [
        name,
        gettext(N_("date of birth: %(date)s"), lang, date=child["birth_date"]),
        gettext(N_("place of birth: %(place)s"), lang, place=place_with_note(child["birth_place"])),
        gettext(
            N_("birth certificate %(certificate)s"),
            lang,
            certificate=(certificate or {}).get("line", ""),
        ),
    ]
    if child["rnokpp"]:
        parts.append(gettext(N_("RNOKPP %(number)s"), lang, number=child["rnokpp"]))
    child["line"] = end_sentence("; ".join(parts))
    child["certificate"] = certificate
    child["certificate_attachment"] = gettext(attachment, lang, child=child["genitive"])
    return child


IDENTITY_TEMPLATES: tuple[TemplateSpec, ...] = (
    TemplateSpec(
        id="identity.birth_fact_court_application",
        version="2.0.0",
        title=N_(
            "Application to establish the fact of birth on the temporarily occupied territory"
        ),
        legal_basis=N_(
            "Civil Procedure Code of Ukraine, articles 315, 317–319 (as amended by Law "
            "No. 2345-IX of 1 July 2022)"
        ),
        schema=BirthFactCourtApplicationSchema,
        describe=describe_birth_fact_application,
        filename_stem="birth-fact-court-application",
        premises=birth_fact_premises,
    ),
    TemplateSpec(
        id="identity.birth_registration_application",
        version="2.0.0",
        title=N_("Application for the state registration of birth"),
        legal_basis=N_(
            "Law of Ukraine “On State Registration of Civil Status Acts” No. 2398-VI of"
            " 1 July 2010, articles 9 and 13; Rules of State Registration of Civil Status Acts in"
            " Ukraine, approved by Order of the Ministry of Justice No. 52/5 of 18 October 2000,"
            " section III, chapter 1"
        ),
        schema=BirthRegistrationApplicationSchema,
        describe=describe_birth_registration_application,
        filename_stem="birth-registration-application",
    ),
    TemplateSpec(
        id="identity.id_card_application",
        version="2.0.0",
        title=N_("Application for a passport of a citizen of Ukraine (ID card) for a child of 14+"),
        legal_basis=N_(
            "Law of Ukraine “On the Unified State Demographic Register and Documents Confirming"
            " Citizenship of Ukraine, Certifying Identity or Special Status” No. 5492-VI of"
            " 20 November 2012, article 21; Procedure approved by Resolution of the Cabinet of"
            " Ministers of Ukraine No. 302 of 25 March 2015"
        ),
        schema=IdCardApplicationSchema,
        describe=describe_id_card_application,
        filename_stem="id-card-application",
    ),
    TemplateSpec(
        id="identity.idp_registration_application",
        version="2.0.0",
        title=N_("Application for registration as an internally displaced person"),
        legal_basis=N_(
            "Law of Ukraine “On Ensuring the Rights and Freedoms of Internally Displaced"
            " Persons” No. 1706-VII of 20 October 2014, article 4; Procedure approved by Resolution"
            " of the Cabinet of Ministers of Ukraine No. 509 of 1 October 2014"
        ),
        schema=IdpRegistrationApplicationSchema,
        describe=describe_idp_registration_application,
        filename_stem="idp-registration-application",
    ),
)
