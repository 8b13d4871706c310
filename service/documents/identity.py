"""Context builders of the identity.* documents."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from service.documents.context import (
    describe_contacts,
    describe_organisation,
    describe_person,
    describe_place,
    format_dates,
    localize_text,
)
from service.documents.spec import TemplateSpec
from service.i18n import N_, NP_, gettext, pgettext
from service.schemas.identity import BirthFactCourtApplicationSchema
from service.ukrainian import parse_occupation_birth_certificate, transliterate

# Ukrainian wording depends on the applicant's sex, so each statement has a context.
RELATION_STATEMENTS = {
    ("mother", "female"): NP_("female", "I, %(applicant)s, am the child's mother."),
    ("father", "male"): NP_("male", "I, %(applicant)s, am the child's father."),
    ("grandparent", "female"): NP_("female", "I, %(applicant)s, am the child's grandmother."),
    ("grandparent", "male"): NP_("male", "I, %(applicant)s, am the child's grandfather."),
    ("adult_sibling", "female"): NP_("female", "I, %(applicant)s, am the child's adult sister."),
    ("adult_sibling", "male"): NP_("male", "I, %(applicant)s, am the child's adult brother."),
    ("other_relative", "female"): NP_("female", "I, %(applicant)s, am a relative of the child."),
    ("other_relative", "male"): NP_("male", "I, %(applicant)s, am a relative of the child."),
    ("guardian", "female"): NP_("female", "I, %(applicant)s, am the child's guardian."),
    ("guardian", "male"): NP_("male", "I, %(applicant)s, am the child's guardian."),
    ("caregiver", "female"): NP_("female", "I, %(applicant)s, am actually raising the child."),
    ("caregiver", "male"): NP_("male", "I, %(applicant)s, am actually raising the child."),
    ("legal_representative", "female"): NP_(
        "female", "I, %(applicant)s, am the child's legal representative."
    ),
    ("legal_representative", "male"): NP_(
        "male", "I, %(applicant)s, am the child's legal representative."
    ),
}

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


def describe_birth_fact_application(
    data: Mapping[str, Any], lang: str, today: date
) -> dict[str, Any]:
    """Spell out the court application to establish the fact of birth, in one language."""
    applicant_data = data["applicant"]
    relation = applicant_data["relation"]
    mother_data = data.get("mother") or (applicant_data if relation == "mother" else None)
    father_data = data.get("father") or (applicant_data if relation == "father" else None)
    applicant = describe_person(applicant_data, lang) or {}
    applicant.update(describe_contacts(applicant_data, lang))
    sex = applicant_data["sex"]
    applicant["relation_statement"] = pgettext(
        sex, RELATION_STATEMENTS[(relation, sex)], lang, applicant=applicant["name"]
    )
    child = describe_person(data["child"], lang) or {}
    child["birth_place"] = describe_place(data["child"]["birth_place"], lang)
    child["born_statement"] = pgettext(
        child["sex"],
        BORN_STATEMENTS[child["sex"]],
        lang,
        child=child["name"],
        date=child["birth_date"],
        place=child["birth_place"]["line"],
    )
    return {
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


def _describe_certificate(
    certificate: Mapping[str, Any] | None, lang: str
) -> dict[str, Any] | None:
    if certificate is None:
        return None
    parsed = parse_occupation_birth_certificate(certificate["series"], certificate["number"])
    return {
        "number": parsed.display,
        "issued_by": certificate["issued_by"]
        if lang == "uk"
        else transliterate(certificate["issued_by"]),
        "issue_date": format_dates(certificate["issue_date"], lang)["long"],
    }


def _describe_evidence(item: Mapping[str, Any], lang: str) -> str:
    label = gettext(EVIDENCE_LABELS[item["kind"]], lang)
    description = localize_text(item.get("description"), lang)
    if description is None:
        return label
    if description["untranslated"]:
        return f"{label}: {description['text']} {gettext(N_('(in Ukrainian)'), lang)}"
    return f"{label}: {description['text']}"


IDENTITY_TEMPLATES: tuple[TemplateSpec, ...] = (
    TemplateSpec(
        id="identity.birth_fact_court_application",
        version="1.0.0",
        title=N_(
            "Application to establish the fact of birth on the temporarily occupied territory"
        ),
        legal_basis=N_(
            "Civil Procedure Code of Ukraine, articles 315, 317–319 (as amended by Law "
            "No. 2345-IX of 01.07.2022)"
        ),
        schema=BirthFactCourtApplicationSchema,
        describe=describe_birth_fact_application,
        filename_stem="birth-fact-court-application",
    ),
)
