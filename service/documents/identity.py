"""Context builders of the identity.* documents."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from babel.numbers import format_decimal

from service.documents.context import (
    describe_address,
    describe_contacts,
    describe_identity_document,
    describe_issuer,
    describe_organisation,
    describe_person,
    describe_place,
    format_dates,
    full_name_uk,
    identity_document_number,
    issuer_name,
    localize_text,
    relation_statement,
    series_and_number,
)
from service.documents.premises import (
    Finding,
    NeedsConfirmation,
    Refusal,
    confirm_occupation,
    day_in_words,
    person_names,
    place_names,
)
from service.documents.spec import TemplateSpec
from service.i18n import LANGUAGES, N_, NN_, NP_, Message, gettext, ngettext, pgettext
from service.schemas.identity import (
    IDP_RELATIVES,
    RELATIVE_RELATIONS,
    BirthFactCourtApplicationSchema,
    BirthRegistrationApplicationSchema,
    IdCardApplicationSchema,
    IdpRegistrationApplicationSchema,
    citizen_parents,
    judgement_date,
    stated_parents,
)
from service.ukrainian import age_on, parse_occupation_birth_certificate, transliterate
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
    "witness_statement": N_("Witness of the birth"),
    "photo_or_video": N_("Photographs or video of the mother and the newborn"),
    "other": N_("Other evidence"),
}
WRITTEN_TESTIMONY = N_(
    "Statement of a witness with the witness's written testimony on the circumstances of the"
    " birth: %(name)s, place of residence: %(address)s"
)
WRITTEN_TESTIMONY_NOTARISED = N_(
    "Statement of a witness with the witness's written testimony on the circumstances of the"
    " birth: %(name)s, place of residence: %(address)s; the witness's signature on the statement"
    " is notarised"
)
SUMMON_WITNESS = N_(
    "To summon to the hearing and hear as a witness of the circumstances of the birth:"
    " %(name)s, place of residence: %(address)s."
)


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
RELATIVE_NOT_FAMILY = NP_(
    "female",
    "%(applicant)s is a relative of the child, but the child does not live with her: she is"
    " not a member of the child's family.",
)
NP_(
    "male",
    "%(applicant)s is a relative of the child, but the child does not live with him: he is"
    " not a member of the child's family.",
)
RULE_ART_317_APPLICANTS = N_(
    "Under article 317 of the Civil Procedure Code of Ukraine (as in force), the application"
    " is filed by the parents or one of them, their representatives, members of the child's"
    " family, a guardian, a custodian, the person who maintains and raises the child, or"
    " another legal representative of the child."
)
LIVES_WITH_CHILD_TO_CONFIRM = N_(
    "Confirm whether the child lives with the applicant (a relative applies as a member of the"
    " child's family): lives_with_child."
)


def birth_fact_premises(data: Mapping[str, Any]) -> Iterator[Finding]:
    """The child was born on the occupied territory: the place was occupied on the birth day.

    And a relative who applies is a member of the child's family: the child lives with them.
    """
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
    yield from applicant_standing(data.get("applicant"), data.get("lives_with_child"))


def applicant_standing(
    applicant: Mapping[str, Any] | None, lives_with_child: bool | None
) -> Iterator[Finding]:
    """A relative applies to the court only as a member of the child's family."""
    if applicant is None or applicant.get("relation") not in RELATIVE_RELATIONS:
        return
    if lives_with_child is None:
        yield NeedsConfirmation("lives_with_child", Message(LIVES_WITH_CHILD_TO_CONFIRM))
    elif not lives_with_child:
        yield Refusal(
            "applicant",
            RELATIVE_NOT_FAMILY,
            RULE_ART_317_APPLICANTS,
            {"applicant": person_names(applicant)},
            applicant["sex"],
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


# --- Identity documents, people and addresses, as these documents print them ----------


def native_name(person: Mapping[str, Any], lang: str) -> str:
    """A person's name as a sentence prints it: English with the Ukrainian original beside."""
    return person["name"] if lang == "uk" else f"{person['name']} ({person['native']})"


def describe_person_record(
    person: Mapping[str, Any] | None, lang: str, *, phone: bool = True, label: str | None = None
) -> dict[str, Any] | None:
    """Spell out an adult with a one-line record: name (and `label`), birth, ids, residence."""
    described = describe_person(person, lang)
    if person is None or described is None:
        return None
    described.update(describe_contacts(person, lang))
    described["id_document"] = describe_identity_document(person.get("id_document"), lang)
    name = native_name(described, lang)
    parts = [f"{name} ({label})" if label else name]
    if described["birth_date"]:
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
        address = described["address"]["line"]
        parts.append(gettext(N_("place of residence: %(address)s"), lang, address=address))
    if phone and described["phone"]:
        parts.append(gettext(N_("phone: %(phone)s"), lang, phone=described["phone"]))
    if phone and described["email"]:
        parts.append(gettext(N_("e-mail: %(email)s"), lang, email=described["email"]))
    described["line"] = end_sentence("; ".join(parts))
    return described


def end_sentence(text: str) -> str:
    """End a sentence with a full stop, unless it already ends with one ("… 2026 р.")."""
    return text if text.endswith(".") else f"{text}."


def describe_organisation_line(org: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """An organisation with its address (and ЄДРПОУ code) on one line."""
    described = describe_organisation(org, lang) or {}
    parts = [described["name"]]
    if org.get("edrpou"):
        parts.append(gettext(N_("EDRPOU code %(code)s"), lang, code=org["edrpou"]))
    if described["address"]:
        parts.append(described["address"]["line"])
    described["edrpou"] = org.get("edrpou")
    described["line"] = ", ".join(parts)
    return described


def birth_place_line(child: Mapping[str, Any], lang: str) -> str:
    """The place of birth, marked when the official list shows it occupied on the birth day."""
    line = str((describe_place(child["birth_place"], lang) or {})["line"])
    if occupation_of(child["birth_place"], child["birth_date"]).occupied:
        note = gettext(
            N_("on the day of the birth: temporarily occupied territory of Ukraine"), lang
        )
        return f"{line} ({note})"
    return line


def describe_child_facts(child: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """Spell out a child with the birth place (and its occupation on the birth day)."""
    described = describe_person(child, lang) or {}
    described["birth_place"] = describe_place(child["birth_place"], lang)
    described["birth_place_line"] = birth_place_line(child, lang)
    described["display_name"] = native_name(described, lang)
    return described


def describe_birth_certificate(
    certificate: Mapping[str, Any] | None, lang: str, *, occupation: bool = False
) -> dict[str, Any] | None:
    """Spell out a birth certificate: "серія I-ЖС № 123456, орган видачі: …, дата видачі: …"."""
    if certificate is None:
        return None
    number = series_and_number(certificate["series"], certificate["number"], lang)
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


def describe_marriage_certificate(certificate: Mapping[str, Any] | None, lang: str) -> str | None:
    """The parents' marriage certificate: series and number, issuer, date (occupiers' marked)."""
    if certificate is None:
        return None
    if certificate.get("series"):
        number = series_and_number(certificate["series"], certificate["number"], lang)
    else:
        number = gettext(N_("No. %(number)s"), lang, number=certificate["number"])
    if certificate["issued_by_occupation_authorities"]:
        note = gettext(
            N_("a document of the occupying authorities, not recognised by Ukraine"), lang
        )
        number = f"{number} ({note})"
    issued = format_dates(certificate["issue_date"], lang)["long"]
    return ", ".join(
        (
            number,
            describe_issuer(certificate["issued_by"], lang),
            gettext(N_("date of issue: %(date)s"), lang, date=issued),
        )
    )


# Who the applicant is to the child, as a data sheet labels it ("the child's grandmother").
RELATION_LABELS = {
    ("mother", "female"): NP_("female", "the child's mother"),
    ("father", "male"): NP_("male", "the child's father"),
    ("grandparent", "female"): NP_("female", "the child's grandmother"),
    ("grandparent", "male"): NP_("male", "the child's grandfather"),
    ("great_grandparent", "female"): NP_("female", "the child's great-grandmother"),
    ("great_grandparent", "male"): NP_("male", "the child's great-grandfather"),
    ("adult_sibling", "female"): NP_("female", "the child's adult sister"),
    ("adult_sibling", "male"): NP_("male", "the child's adult brother"),
    ("aunt_or_uncle", "female"): NP_("female", "the child's aunt"),
    ("aunt_or_uncle", "male"): NP_("male", "the child's uncle"),
    ("stepparent", "female"): NP_("female", "the child's stepmother"),
    ("stepparent", "male"): NP_("male", "the child's stepfather"),
    ("other_relative", "female"): NP_("female", "a relative of the child"),
    ("other_relative", "male"): NP_("male", "a relative of the child"),
    ("guardian", "female"): NP_("female", "the child's guardian (custodian)"),
    ("guardian", "male"): NP_("male", "the child's guardian (custodian)"),
    ("caregiver", "female"): NP_("female", "the person who maintains and raises the child"),
    ("caregiver", "male"): NP_("male", "the person who maintains and raises the child"),
    ("legal_representative", "female"): NP_("female", "the child's legal representative"),
    ("legal_representative", "male"): NP_("male", "the child's legal representative"),
    ("self", "female"): NP_("female", "the child herself, in person"),
    ("self", "male"): NP_("male", "the child himself, in person"),
}
# The same of several children ("the children's grandmother").
RELATION_LABELS_CHILDREN = {
    ("mother", "female"): NP_("female", "the children's mother"),
    ("father", "male"): NP_("male", "the children's father"),
    ("grandparent", "female"): NP_("female", "the children's grandmother"),
    ("grandparent", "male"): NP_("male", "the children's grandfather"),
    ("great_grandparent", "female"): NP_("female", "the children's great-grandmother"),
    ("great_grandparent", "male"): NP_("male", "the children's great-grandfather"),
    ("adult_sibling", "female"): NP_("female", "the children's adult sister"),
    ("adult_sibling", "male"): NP_("male", "the children's adult brother"),
    ("aunt_or_uncle", "female"): NP_("female", "the children's aunt"),
    ("aunt_or_uncle", "male"): NP_("male", "the children's uncle"),
    ("stepparent", "female"): NP_("female", "the children's stepmother"),
    ("stepparent", "male"): NP_("male", "the children's stepfather"),
    ("guardian", "female"): NP_("female", "the children's guardian (custodian)"),
    ("guardian", "male"): NP_("male", "the children's guardian (custodian)"),
    ("caregiver", "female"): NP_("female", "the person who maintains and raises the children"),
    ("caregiver", "male"): NP_("male", "the person who maintains and raises the children"),
    ("legal_representative", "female"): NP_("female", "the children's legal representative"),
    ("legal_representative", "male"): NP_("male", "the children's legal representative"),
}
INFORMATION_GIVEN_BY = {
    "female": NP_("female", "Information given by: %(name)s, %(date)s."),
    "male": NP_("male", "Information given by: %(name)s, %(date)s."),
}


def relation_label(person: Mapping[str, Any], lang: str, *, children: int = 1) -> str:
    """Who a person is to the child (or children), in the person's grammatical gender."""
    labels = RELATION_LABELS_CHILDREN if children > 1 else RELATION_LABELS
    key = (person["relation"], person["sex"])
    return pgettext(person["sex"], labels[key], lang)


def described_applicant(
    person: Mapping[str, Any], lang: str, *, children: int = 1
) -> dict[str, Any]:
    """The applicant's one-line record, led by who they are to the child."""
    label = relation_label(person, lang, children=children)
    record = describe_person_record(person, lang, label=label) or {}
    record["relation_label"] = label
    return record


def information_given_by(person: Mapping[str, Any], lang: str, on: date) -> str:
    """ "Відомості надала: Оксана ПЕТРЕНКО, 25 листопада 2026 р." in the speaker's gender."""
    described = describe_person(person, lang) or {}
    sex = person["sex"]
    return pgettext(
        sex,
        INFORMATION_GIVEN_BY[sex],
        lang,
        name=described["signature"],
        date=format_dates(on, lang)["long"],
    )


def describe_attachment(label: str, description: Mapping[str, str] | None, lang: str) -> str:
    """One line of a list of documents: the label, then the free description, if any."""
    text = localize_text(description, lang)
    if text is None:
        return label
    return f"{label}: {text['text']}"


# --- identity.birth_fact_court_application --------------------------------------------

FAMILY_MEMBER_STATEMENT = N_("The child lives with me; I am a member of the child's family.")
COURT_FEE_EXEMPTION = N_(
    "The applicant is exempt from court fee under article 5, part 1 of the Law of Ukraine"
    " “On Court Fee” No. 3674-VI of 8 July 2011: the application to establish a legally"
    " relevant fact is filed in connection with the armed aggression of the Russian"
    " Federation against Ukraine and the temporary occupation of the territory of Ukraine."
)
E_CABINET = {
    True: N_(
        "The applicant has an electronic cabinet in the Unified Judicial Information and"
        " Telecommunication System."
    ),
    False: N_(
        "The applicant has no electronic cabinet in the Unified Judicial Information and"
        " Telecommunication System."
    ),
}
ORIGINALS_WITH_APPLICANT = N_(
    "The originals of the written evidence attached in copy are held by the applicant."
)
ORIGINALS_ELSEWHERE = N_(
    "The originals of the written evidence attached in copy are held: %(where)s"
)
NO_COSTS_EXPECTED = N_(
    "Preliminary (approximate) estimate of legal costs: the applicant is exempt from court fee"
    " and expects no other legal costs."
)
COSTS_EXPECTED = N_(
    "Preliminary (approximate) estimate of the legal costs the applicant expects to bear:"
    " UAH %(amount)s (%(what)s)."
)
NO_OTHER_APPLICATION = N_(
    "I confirm that I have filed no other application with this or another court on the same"
    " subject and on the same grounds."
)
BORN_IN_MARRIAGE = N_(
    "The child was born in the parents' marriage (marriage certificate %(certificate)s); the"
    " father's details therefore rest on the parents' marriage."
)
BORN_IN_MARRIAGE_NO_CERTIFICATE = N_(
    "The child was born in the parents' marriage; the father's details therefore rest on the"
    " parents' marriage."
)
STANDING_PROOFS = {
    "guardian": N_("Copy of the decision on the appointment of the guardian (custodian)"),
    "caregiver": N_("Documents showing that the applicant maintains and raises the child"),
    "legal_representative": N_("Document confirming the authority of the legal representative"),
    **{
        relation: N_(
            "Documents proving the applicant's family relation to the child and that the child"
            " lives with the applicant"
        )
        for relation in RELATIVE_RELATIONS
    },
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
    applicant["standing"] = (
        gettext(FAMILY_MEMBER_STATEMENT, lang)
        if applicant_data["relation"] in RELATIVE_RELATIONS
        else None
    )
    applicant["identification"] = (
        gettext(N_("RNOKPP %(number)s"), lang, number=applicant_data["rnokpp"])
        if applicant_data.get("rnokpp")
        else identity_document_number(applicant_data["id_document"], lang)
    )
    child = describe_person(data["child"], lang) or {}
    child["birth_place"] = describe_place(data["child"]["birth_place"], lang)
    child["born_statement"] = pgettext(
        child["sex"],
        BORN_STATEMENTS[child["sex"]],
        lang,
        child=native_name(child, lang),
        date=child["birth_date"],
        place=child["birth_place"]["line"],
    )
    interested_party = describe_organisation_line(data["interested_party"], lang)
    witnesses = [
        item["witness"] for item in data["evidence"] if item["kind"] == "witness_statement"
    ]
    return {
        "occupation": describe_birth_occupation(data["child"], lang),
        "court": describe_organisation(data["court"], lang),
        "interested_party": interested_party,
        "applicant": applicant,
        "child": child,
        "mother": describe_person(mother_data, lang),
        "father": describe_person(father_data, lang),
        "marriage": _describe_marriage(data, lang),
        "certificate": _describe_certificate(data.get("occupation_birth_certificate"), lang),
        "circumstances": localize_text(data.get("circumstances"), lang),
        "court_fee": gettext(COURT_FEE_EXEMPTION, lang),
        "e_cabinet": gettext(E_CABINET[bool(data.get("e_cabinet"))], lang),
        "originals": _describe_originals(data.get("originals_location"), lang),
        "costs": _describe_costs(data.get("expected_costs"), lang),
        "no_other_application": gettext(NO_OTHER_APPLICATION, lang),
        "summons": [
            gettext(SUMMON_WITNESS, lang, **_witness_names(witness, lang))
            for witness in witnesses
            if witness["testimony"] == "summon"
        ],
        "registry_office": interested_party["genitive"],
        "attachments": _court_attachments(data, lang),
        "application_date": format_dates(data.get("application_date") or today, lang),
    }


def _describe_marriage(data: Mapping[str, Any], lang: str) -> str | None:
    if data.get("father_basis") != "marriage":
        return None
    certificate = describe_marriage_certificate(data.get("marriage_certificate"), lang)
    if certificate is None:
        return gettext(BORN_IN_MARRIAGE_NO_CERTIFICATE, lang)
    return gettext(BORN_IN_MARRIAGE, lang, certificate=certificate)


def _witness_names(witness: Mapping[str, Any], lang: str) -> dict[str, str]:
    native = full_name_uk(witness)
    name = native if lang == "uk" else f"{transliterate(native)} ({native})"
    address = describe_address(witness["address"], lang) or {}
    return {"name": name, "address": address["line"]}


def _describe_originals(where: Mapping[str, str] | None, lang: str) -> str:
    text = localize_text(where, lang)
    if text is None:
        return gettext(ORIGINALS_WITH_APPLICANT, lang)
    return end_sentence(gettext(ORIGINALS_ELSEWHERE, lang, where=text["text"]))


def _describe_costs(costs: Mapping[str, Any] | None, lang: str) -> str:
    if costs is None:
        return gettext(NO_COSTS_EXPECTED, lang)
    what = localize_text(costs["description"], lang) or {"text": ""}
    return gettext(
        COSTS_EXPECTED, lang, amount=format_money(costs["amount"], lang), what=what["text"]
    )


def format_money(amount: Decimal, lang: str) -> str:
    """An amount with two decimals and the language's separators: "1 200,00", "1,200.00"."""
    return format_decimal(amount, format="#,##0.00", locale=lang).replace("\u202f", "\u00a0")


# An evidence file the packet prints after the application, as its annex.
ANNEXED_EVIDENCE = N_("%(item)s (Annex %(number)s, pages: %(pages)s)")


def _court_attachments(data: Mapping[str, Any], lang: str) -> list[str]:
    items = []
    annex = 0
    for item in data["evidence"]:
        if item["kind"] == "witness_statement" and item["witness"]["testimony"] == "summon":
            continue
        line = describe_evidence(item, lang)
        if item.get("evidence_id"):
            annex += 1
            line = gettext(
                ANNEXED_EVIDENCE,
                lang,
                item=line,
                number=annex,
                pages=item.get("evidence_pages") or 1,
            )
        items.append(line)
    if data.get("father_basis") == "marriage":
        items.append(gettext(N_("Copy of the parents' marriage certificate"), lang))
    relation = data["applicant"]["relation"]
    if relation in STANDING_PROOFS:
        items.append(gettext(STANDING_PROOFS[relation], lang))
    items.append(gettext(N_("Copy of the applicant's identity document"), lang))
    items.append(gettext(N_("Copy of the application for the interested party"), lang))
    return items


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
        "number": series_and_number(parsed.series, parsed.number, lang),
        "issued_by": issuer_name(certificate["issued_by"], lang),
        "issue_date": format_dates(certificate["issue_date"], lang)["long"],
    }


def describe_evidence(item: Mapping[str, Any], lang: str) -> str:
    """One piece of evidence as a line of a list: its kind (or its witness), then its caption."""
    if item["kind"] == "witness_statement":
        witness = item["witness"]
        message = (
            WRITTEN_TESTIMONY_NOTARISED if witness["signature_notarised"] else WRITTEN_TESTIMONY
        )
        label = gettext(message, lang, **_witness_names(witness, lang))
    else:
        label = gettext(EVIDENCE_LABELS[item["kind"]], lang)
    description = localize_text(item.get("description"), lang)
    if description is None:
        return label
    return f"{label}: {description['text']}"


# --- identity.birth_registration_application ------------------------------------------

FATHER_STATEMENTS = {
    "marriage": N_(
        "The father's details are entered on the basis of the parents' marriage certificate:"
        " %(certificate)s"
    ),
    "joint_application": N_(
        "The father's details are entered on the joint application of the child's mother and"
        " father."
    ),
    None: N_("No information about the father is given."),
}
FATHER_ON_MARRIAGE_CERTIFICATE = N_(
    "The father's details are entered on the basis of the parents' marriage certificate."
)
MEDICAL_CERTIFICATE_ON_OCCUPIED_TERRITORY = NP_(
    "male",
    "%(child)s was born on %(date)s in %(place)s, then under temporary occupation: a medical"
    " certificate issued there is not valid in Ukraine.",
)
NP_(
    "female",
    "%(child)s was born on %(date)s in %(place)s, then under temporary occupation: a medical"
    " certificate issued there is not valid in Ukraine.",
)
RULE_COURT_DECISION_BASIS = N_(
    "A birth on the temporarily occupied territory is registered on the court decision"
    " establishing the fact of birth (article 317 of the Civil Procedure Code of Ukraine); an"
    " act or document issued by the occupying authorities is void (article 9 of the Law of"
    " Ukraine “On Securing the Rights and Freedoms of Citizens and the Legal Regime on the"
    " Temporarily Occupied Territory of Ukraine”)."
)
MARRIAGE_BY_OCCUPIERS = NP_(
    "male",
    "%(father)s is to be recorded as the father on the ground of a marriage certificate issued"
    " by the occupying authorities, which is void in Ukraine.",
)
RULE_MARRIAGE_CERTIFICATE = N_(
    "The father is recorded on the ground of marriage by the marriage certificate (Family Code"
    " of Ukraine, article 122); a document issued by the occupying authorities is void (article"
    " 9 of the Law of Ukraine “On Securing the Rights and Freedoms of Citizens and the Legal"
    " Regime on the Temporarily Occupied Territory of Ukraine”): the marriage must first be"
    " established in court, or the father recorded on another ground."
)


def birth_registration_premises(data: Mapping[str, Any]) -> Iterator[Finding]:
    """A birth on the occupied territory is registered on a court decision, not a 103/o.

    And the father is not recorded on a marriage certificate of the occupying authorities.
    """
    child = data["child"]
    if data.get("medical_certificate"):
        finding = occupation_of(child["birth_place"], child["birth_date"])
        if finding.status == "undetermined":
            yield confirm_occupation("child.birth_place", finding)
        elif finding.occupied:
            yield Refusal(
                "child",
                MEDICAL_CERTIFICATE_ON_OCCUPIED_TERRITORY,
                RULE_COURT_DECISION_BASIS,
                {
                    "child": person_names(child),
                    "date": day_in_words(child["birth_date"]),
                    "place": place_names(finding.place),
                },
                child["sex"],
            )
    certificate = data.get("marriage_certificate")
    _, father = stated_parents(data)
    if (
        data.get("father_basis") == "marriage"
        and certificate
        and certificate["issued_by_occupation_authorities"]
        and father
    ):
        yield Refusal(
            "father" if data.get("father") else "applicant",
            MARRIAGE_BY_OCCUPIERS,
            RULE_MARRIAGE_CERTIFICATE,
            {"father": person_names(father)},
            "male",
        )


def describe_birth_registration_application(
    data: Mapping[str, Any], lang: str, today: date
) -> dict[str, Any]:
    """Spell out the data sheet for the state registration of a birth, in one language."""
    applicant_data = data["applicant"]
    mother_data, father_data = stated_parents(data)
    reason = localize_text(data.get("parents_cannot_register_reason"), lang)
    return {
        "office": describe_organisation_line(data["registry_office"], lang),
        "applicant": described_applicant(applicant_data, lang),
        "child": describe_child_facts(data["child"], lang),
        "basis": _describe_registration_basis(data, lang),
        "mother": _parent_record(mother_data, applicant_data, lang),
        "father": _parent_record(father_data, applicant_data, lang),
        "father_statement": _father_statement(data, lang),
        "parents_cannot_register": end_sentence(
            gettext(
                N_("The parents cannot register the birth because: %(reason)s"),
                lang,
                reason=reason["text"],
            )
        )
        if reason
        else None,
        "circumstances": localize_text(data.get("circumstances"), lang),
        "originals": _registration_originals(data, lang),
        "given_by": information_given_by(
            applicant_data, lang, data.get("application_date") or today
        ),
    }


def _father_statement(data: Mapping[str, Any], lang: str) -> str:
    father_basis = data.get("father_basis")
    certificate = describe_marriage_certificate(data.get("marriage_certificate"), lang)
    if father_basis == "marriage" and certificate is None:
        return gettext(FATHER_ON_MARRIAGE_CERTIFICATE, lang)
    return end_sentence(gettext(FATHER_STATEMENTS[father_basis], lang, certificate=certificate))


def _parent_record(
    parent: Mapping[str, Any] | None, applicant: Mapping[str, Any], lang: str
) -> dict[str, Any] | None:
    """A parent's record; the applicant's own is not repeated ("…, the applicant")."""
    if parent is not None and parent is applicant:
        described = describe_person(parent, lang) or {}
        name = native_name(described, lang)
        return {**described, "line": gettext(N_("%(name)s, the applicant"), lang, name=name)}
    return describe_person_record(parent, lang, phone=False)


def _registration_originals(data: Mapping[str, Any], lang: str) -> list[str]:
    decision = data.get("court_decision")
    if decision is not None:
        if decision.get("copy_issued"):
            first = gettext(
                N_(
                    "the court decision establishing the fact of birth (copy issued by the court"
                    " on %(date)s)"
                ),
                lang,
                date=format_dates(decision["copy_issued"], lang)["long"],
            )
        else:
            first = gettext(
                N_("the court decision establishing the fact of birth (copy issued by the court)"),
                lang,
            )
    else:
        first = gettext(N_("the medical certificate of birth (form No. 103/o)"), lang)
    items = [first, gettext(N_("passports of the parents (or one of them)"), lang)]
    relation = data["applicant"]["relation"]
    if relation not in ("mother", "father"):
        items.append(gettext(N_("the applicant's passport (the applicant is not a parent)"), lang))
    if data.get("father_basis") == "marriage":
        items.append(gettext(N_("the parents' marriage certificate"), lang))
    if relation in ("guardian", "legal_representative"):
        items.append(gettext(N_("the document confirming the applicant's authority"), lang))
    return items


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
    }


# --- identity.id_card_application -----------------------------------------------------

PASSPORT_AGE = 14
ADULT_AGE = 18
YEARS_OLD = NN_("%(n)s year old", "%(n)s years old")

CHILD_UNDER_14 = NP_(
    "female",
    "%(child)s is %(age)s on %(date)s: a passport of a citizen of Ukraine is first issued on"
    " reaching the age of 14.",
)
NP_(
    "male",
    "%(child)s is %(age)s on %(date)s: a passport of a citizen of Ukraine is first issued on"
    " reaching the age of 14.",
)
ADULT_APPLIES_ALONE = NP_(
    "female",
    "%(child)s is %(age)s on %(date)s: an adult applies for a passport in person, not with"
    " this data sheet for a child.",
)
NP_(
    "male",
    "%(child)s is %(age)s on %(date)s: an adult applies for a passport in person, not with"
    " this data sheet for a child.",
)
NOT_A_CITIZEN = NP_(
    "female",
    "%(child)s is not a citizen of Ukraine (citizenship: %(citizenship)s).",
)
NP_(
    "male",
    "%(child)s is not a citizen of Ukraine (citizenship: %(citizenship)s).",
)
RULE_PASSPORT_AT_14 = N_(
    "Every citizen of Ukraine who has reached the age of 14 must obtain a passport of a citizen"
    " of Ukraine (Law of Ukraine “On the Unified State Demographic Register and Documents"
    " Confirming Citizenship of Ukraine, Certifying Identity or Special Status”; Resolution of"
    " the Cabinet of Ministers of Ukraine No. 302 of 25 March 2015)."
)
RULE_CITIZENS_ONLY = N_(
    "A passport of a citizen of Ukraine is issued to citizens of Ukraine only (Law of Ukraine"
    " “On the Unified State Demographic Register and Documents Confirming Citizenship of"
    " Ukraine, Certifying Identity or Special Status”)."
)


def age_params(child: Mapping[str, Any], on: date) -> dict[str, object]:
    """The child's name, age (in words per language) and the day, for a refusal."""
    age = age_on(child["birth_date"], on)
    return {
        "child": person_names(child),
        "age": {lang: ngettext(*YEARS_OLD, age, lang) for lang in LANGUAGES},
        "date": day_in_words(on),
    }


def id_card_premises(data: Mapping[str, Any]) -> Iterator[Finding]:
    """The child is a citizen of Ukraine aged 14 to 17 on the document's date."""
    child = data["child"]
    on = judgement_date(data)
    age = age_on(child["birth_date"], on)
    if age < PASSPORT_AGE:
        yield Refusal(
            "child", CHILD_UNDER_14, RULE_PASSPORT_AT_14, age_params(child, on), child["sex"]
        )
    elif age >= ADULT_AGE:
        yield Refusal(
            "child", ADULT_APPLIES_ALONE, RULE_PASSPORT_AT_14, age_params(child, on), child["sex"]
        )
    citizenship = child.get("citizenship")
    if citizenship is not None and citizenship != "UA":
        countries = {
            lang: describe_person(child, lang)["citizenship"]  # type: ignore[index]
            for lang in LANGUAGES
        }
        yield Refusal(
            "child",
            NOT_A_CITIZEN,
            RULE_CITIZENS_ONLY,
            {"child": person_names(child), "citizenship": countries},
            child["sex"],
        )


RNOKPP_REFUSALS = {
    "male": NP_("male", "refused on religious grounds"),
    "female": NP_("female", "refused on religious grounds"),
}

# The kinds of the extra originals, as a form offers them (the data sheet lists the usual
# originals itself, from the data).
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
EXTRA_ORIGINALS = {
    "residence_proof": N_("document confirming the place of residence"),
    "other": N_("other document"),
}


def describe_id_card_application(data: Mapping[str, Any], lang: str, today: date) -> dict[str, Any]:
    """Spell out the data sheet for a child's first passport (ID card), in one language."""
    child_data = data["child"]
    child = describe_child_facts(child_data, lang)
    child.update(describe_contacts(child_data, lang))
    if child_data.get("rnokpp"):
        rnokpp = child_data["rnokpp"]
    elif data["rnokpp_refused"]:
        rnokpp = pgettext(child["sex"], RNOKPP_REFUSALS[child["sex"]], lang)
    else:
        rnokpp = gettext(N_("not assigned"), lang)
    representative_data = data.get("legal_representative")
    return {
        "authority": describe_organisation_line(data["authority"], lang),
        "child": child,
        "rnokpp": rnokpp,
        "address": child["address"]["line"],
        "birth_certificate": describe_birth_certificate(data["birth_certificate"], lang),
        "legal_representative": described_applicant(representative_data, lang)
        if representative_data
        else None,
        "originals": _passport_originals(data, lang),
        "given_by": information_given_by(child_data, lang, data.get("application_date") or today),
    }


def _passport_originals(data: Mapping[str, Any], lang: str) -> list[str]:
    certificate = describe_birth_certificate(data["birth_certificate"], lang) or {}
    items = [
        gettext(
            N_("the child's birth certificate (%(number)s)"), lang, number=certificate["number"]
        )
    ]
    parents = citizen_parents(data)
    if parents:
        listed = "; ".join(_parent_document(parent, lang) for parent in parents)
        items.append(
            gettext(
                N_(
                    "originals of the documents confirming citizenship of Ukraine and the"
                    " identity of the parents (or one of them) who were citizens of Ukraine when"
                    " the child was born: %(documents)s"
                ),
                lang,
                documents=listed,
            )
        )
    else:
        items.append(
            gettext(
                N_(
                    "originals of the documents confirming citizenship of Ukraine and the"
                    " identity of the parents (or one of them) who were citizens of Ukraine when"
                    " the child was born"
                ),
                lang,
            )
        )
    if data.get("idp_certificate"):
        idp = data["idp_certificate"]
        items.append(
            gettext(
                N_(
                    "the certificate of registration as an internally displaced person"
                    " No. %(number)s of %(date)s"
                ),
                lang,
                number=idp["number"],
                date=format_dates(idp["issue_date"], lang)["long"],
            )
        )
    if data["child"].get("rnokpp"):
        items.append(gettext(N_("the RNOKPP certificate (tax number)"), lang))
    representative = data.get("legal_representative")
    if representative:
        items.append(gettext(N_("the legal representative's identity document"), lang))
        if representative["relation"] == "guardian":
            items.append(gettext(N_("the decision on the appointment of the guardian"), lang))
        elif representative["relation"] == "legal_representative":
            items.append(
                gettext(N_("the document confirming the legal representative's authority"), lang)
            )
    for item in data["attachments"]:
        if item["kind"] in EXTRA_ORIGINALS:
            label = gettext(EXTRA_ORIGINALS[item["kind"]], lang)
            items.append(describe_attachment(label, item.get("description"), lang))
    return items


def _parent_document(parent: Mapping[str, Any], lang: str) -> str:
    native = full_name_uk(parent)
    name = native if lang == "uk" else f"{transliterate(native)} ({native})"
    role = gettext(N_("mother") if parent["parent"] == "mother" else N_("father"), lang)
    document = identity_document_number(parent["id_document"], lang)
    return f"{role} {name}, {document}"


# --- identity.idp_registration_application --------------------------------------------

CHILDREN_HEADING = NN_(
    "The child to be registered as an internally displaced person:",
    "The children to be registered as internally displaced persons:",
)
ARRIVAL_STATEMENT = NN_(
    "The child arrived on the territory controlled by Ukraine on %(date)s.",
    "The children arrived on the territory controlled by Ukraine on %(date)s.",
)
UNACCOMPANIED_STATEMENT = NN_(
    "The child, under 14, arrived without a parent or other legal representative and lives in"
    " the applicant's family; the applicant applies on the child's behalf.",
    "The children, under 14, arrived without a parent or other legal representative and live"
    " in the applicant's family; the applicant applies on their behalf.",
)
IN_PERSON_STATEMENT = N_("The child, aged 14 or over, applies in person.")
ADULT_IN_IDP = NP_(
    "female",
    "%(child)s is %(age)s on %(date)s: an adult applies for registration in person.",
)
NP_(
    "male",
    "%(child)s is %(age)s on %(date)s: an adult applies for registration in person.",
)
FROM_14_IN_PERSON = NP_(
    "female",
    "%(child)s is %(age)s on %(date)s: from the age of 14 a child applies for registration in"
    " person, not through %(applicant)s.",
)
NP_(
    "male",
    "%(child)s is %(age)s on %(date)s: from the age of 14 a child applies for registration in"
    " person, not through %(applicant)s.",
)
UNDER_14_NOT_IN_PERSON = NP_(
    "female",
    "%(child)s is %(age)s on %(date)s: a child under 14 is registered on the application of a"
    " parent or another legal representative.",
)
NP_(
    "male",
    "%(child)s is %(age)s on %(date)s: a child under 14 is registered on the application of a"
    " parent or another legal representative.",
)
RULE_WHO_APPLIES_IDP = N_(
    "Procedure for issuing the certificate of registration of an internally displaced person"
    " (CMU Resolution No. 509 of 1 October 2014): a person of 14 or over applies in person; for"
    " a child under 14, a parent or other legal representative, or, for a child who arrived"
    " without one, a grandparent, great-grandparent, adult brother or sister, aunt, uncle,"
    " stepfather or stepmother in whose family the child lives."
)
NOT_IN_APPLICANTS_FAMILY = NP_(
    "female",
    "The child does not live in the family of %(applicant)s, who therefore cannot apply on"
    " the child's behalf.",
)
NP_(
    "male",
    "The child does not live in the family of %(applicant)s, who therefore cannot apply on"
    " the child's behalf.",
)
ACTUAL_ADDRESS_OCCUPIED = N_(
    "The actual address (%(place)s) is on the temporarily occupied territory on %(date)s."
)
RULE_IDP_RESIDENCE = N_(
    "An internally displaced person is registered at the place of actual residence on the"
    " territory controlled by Ukraine (Law of Ukraine “On Ensuring the Rights and Freedoms of"
    " Internally Displaced Persons”, article 4)."
)
STANDING_DOCUMENTS = {
    "guardian": N_("the decision on the appointment of the guardian (custodian)"),
    "legal_representative": N_("the document confirming the authority of the legal representative"),
}
RELATIVE_DOCUMENTS = NN_(
    "documents proving the applicant's family relation to the child and that the child lives"
    " in the applicant's family",
    "documents proving the applicant's family relation to the children and that the children"
    " live in the applicant's family",
)


def idp_premises(data: Mapping[str, Any]) -> Iterator[Finding]:
    """Every child is under 18; from 14 the child applies in person; the address is free."""
    on = judgement_date(data)
    applicant = data["applicant"]
    relation = applicant["relation"]
    children = [("child", data["child"])] + [
        (f"other_children.{index}", child) for index, child in enumerate(data["other_children"])
    ]
    for path, child in children:
        age = age_on(child["birth_date"], on)
        params = age_params(child, on)
        if age >= ADULT_AGE:
            yield Refusal(path, ADULT_IN_IDP, RULE_WHO_APPLIES_IDP, params, child["sex"])
        elif age >= PASSPORT_AGE and relation != "self":
            yield Refusal(
                path,
                FROM_14_IN_PERSON,
                RULE_WHO_APPLIES_IDP,
                {**params, "applicant": person_names(applicant)},
                child["sex"],
            )
        elif age < PASSPORT_AGE and relation == "self":
            yield Refusal(path, UNDER_14_NOT_IN_PERSON, RULE_WHO_APPLIES_IDP, params, child["sex"])
    if relation in IDP_RELATIVES and data.get("child_lives_with_applicant") is False:
        yield Refusal(
            "applicant",
            NOT_IN_APPLICANTS_FAMILY,
            RULE_WHO_APPLIES_IDP,
            {"applicant": person_names(applicant)},
            applicant["sex"],
        )
    actual = occupation_of(data["actual_address"], on)
    if actual.occupied:
        yield Refusal(
            "child",
            ACTUAL_ADDRESS_OCCUPIED,
            RULE_IDP_RESIDENCE,
            {"place": place_names(actual.place), "date": day_in_words(on)},
        )


def describe_idp_registration_application(
    data: Mapping[str, Any], lang: str, today: date
) -> dict[str, Any]:
    """Spell out the data sheet for registering children as displaced persons, in one language."""
    children_data = [data["child"], *data["other_children"]]
    children = [_describe_displaced_child(child, lang) for child in children_data]
    count = len(children)
    applicant_data = data["applicant"]
    relation = applicant_data["relation"]
    arrival = data.get("arrival_date")
    if relation == "self":
        standing = gettext(IN_PERSON_STATEMENT, lang)
    elif data["arrived_without_parents"]:
        standing = ngettext(*UNACCOMPANIED_STATEMENT, count, lang)
    else:
        standing = None
    proof = localize_text(data.get("residence_proof"), lang)
    return {
        "authority": describe_organisation_line(data["authority"], lang),
        "applicant": described_applicant(applicant_data, lang, children=count),
        "children_heading": ngettext(*CHILDREN_HEADING, count, lang),
        "children": children,
        "registered_address": (describe_address(data["registered_address"], lang) or {})["line"],
        "residence_proof": proof["text"] if proof else None,
        "actual_address": (describe_address(data["actual_address"], lang) or {})["line"],
        "arrival": ngettext(
            *ARRIVAL_STATEMENT, count, lang, date=format_dates(arrival, lang)["long"]
        )
        if arrival
        else None,
        "standing": standing,
        "documents": _idp_documents(data, children, lang),
        "given_by": information_given_by(
            applicant_data, lang, data.get("application_date") or today
        ),
    }


def _idp_documents(data: Mapping[str, Any], children: list[dict[str, Any]], lang: str) -> list[str]:
    relation = data["applicant"]["relation"]
    items = [gettext(N_("the applicant's identity document"), lang)]
    if relation != "self":
        items.extend(child["certificate_document"] for child in children)
    if relation in STANDING_DOCUMENTS:
        items.append(gettext(STANDING_DOCUMENTS[relation], lang))
    elif relation in IDP_RELATIVES:
        items.append(ngettext(*RELATIVE_DOCUMENTS, len(children), lang))
    if data["applicant"].get("rnokpp") or any(child["rnokpp"] for child in children):
        items.append(gettext(N_("the RNOKPP certificates (tax numbers), if any"), lang))
    proof = localize_text(data.get("residence_proof"), lang)
    if proof:
        items.append(
            gettext(
                N_("the document proving residence in the area left: %(document)s"),
                lang,
                document=proof["text"],
            )
        )
    return items


def _describe_displaced_child(child_data: Mapping[str, Any], lang: str) -> dict[str, Any]:
    child = describe_child_facts(child_data, lang)
    occupation = child_data.get("occupation_birth_certificate")
    if occupation:
        certificate = describe_birth_certificate(occupation, lang, occupation=True)
        document = N_(
            "the birth certificate of %(child)s issued by the occupying authorities (not"
            " recognised by Ukraine)"
        )
    else:
        certificate = describe_birth_certificate(child_data["birth_certificate"], lang)
        document = N_("the birth certificate of %(child)s")
    parts = [
        child["display_name"],
        gettext(N_("date of birth: %(date)s"), lang, date=child["birth_date"]),
        gettext(N_("place of birth: %(place)s"), lang, place=child["birth_place_line"]),
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
    child["certificate_document"] = gettext(document, lang, child=child["genitive"])
    return child


IDENTITY_TEMPLATES: tuple[TemplateSpec, ...] = (
    TemplateSpec(
        id="identity.birth_fact_court_application",
        version="2.0.0",
        title=N_(
            "Application to establish the fact of birth on the temporarily occupied territory"
        ),
        legal_basis=N_(
            "Civil Procedure Code of Ukraine, article 317 (as in force); Law of Ukraine “On Court"
            " Fee”, article 5"
        ),
        schema=BirthFactCourtApplicationSchema,
        describe=describe_birth_fact_application,
        filename_stem="birth-fact-court-application",
        premises=birth_fact_premises,
    ),
    TemplateSpec(
        id="identity.birth_registration_application",
        version="2.0.0",
        title=N_("Information for the state registration of birth"),
        legal_basis=N_(
            "Law of Ukraine “On State Registration of Civil Status Acts” No. 2398-VI of"
            " 1 July 2010, articles 9 and 13; Rules of State Registration of Civil Status Acts in"
            " Ukraine, approved by Order of the Ministry of Justice of Ukraine No. 52/5 of"
            " 18 October 2000 (as restated by Order of the Ministry of Justice of Ukraine"
            " No. 3307/5 of 24 December 2010), section III, chapter 1"
        ),
        schema=BirthRegistrationApplicationSchema,
        describe=describe_birth_registration_application,
        filename_stem="birth-registration-application",
        premises=birth_registration_premises,
    ),
    TemplateSpec(
        id="identity.id_card_application",
        version="2.0.0",
        title=N_(
            "Information for the first issue of a passport of a citizen of Ukraine (ID card)"
            " and the list of originals"
        ),
        legal_basis=N_(
            "Law of Ukraine “On the Unified State Demographic Register and Documents Confirming"
            " Citizenship of Ukraine, Certifying Identity or Special Status” No. 5492-VI of"
            " 20 November 2012; Procedure …, approved by Resolution of the Cabinet of Ministers"
            " of Ukraine No. 302 of 25 March 2015"
        ),
        schema=IdCardApplicationSchema,
        describe=describe_id_card_application,
        filename_stem="id-card-application",
        premises=id_card_premises,
    ),
    TemplateSpec(
        id="identity.idp_registration_application",
        version="2.0.0",
        title=N_(
            "Information for the application for registration as an internally displaced person"
        ),
        legal_basis=N_(
            "Law of Ukraine “On Ensuring the Rights and Freedoms of Internally Displaced"
            " Persons” No. 1706-VII of 20 October 2014, article 4; Procedure for issuing the"
            " certificate of registration of an internally displaced person, approved by"
            " Resolution of the Cabinet of Ministers of Ukraine No. 509 of 1 October 2014 “On the"
            " registration of internally displaced persons”"
        ),
        schema=IdpRegistrationApplicationSchema,
        describe=describe_idp_registration_application,
        filename_stem="idp-registration-application",
        premises=idp_premises,
    ),
)
