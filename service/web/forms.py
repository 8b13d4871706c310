"""HTML forms generated from the marshmallow schemas: one copy of the rules, two doors.

`build_form` walks a schema and gives the page a tree of groups and fields (label, input
kind, choices, value, errors); `parse_form` turns the posted fields (named by their dotted
path, `children.0.surname`) back into the nested JSON the API takes. Validation is the
schema's own, so a page shows exactly the errors the API would give.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from babel import Locale
from marshmallow import Schema, ValidationError, fields, validate

from service.documents.context import ID_DOCUMENT_NAMES, localize_place_part
from service.documents.custody import (
    CIRCUMSTANCE_LABELS,
    FORM_CHOICE_LABELS,
    FORM_FIELD_LABELS,
    GUARDIANSHIP_ATTACHMENT_LABELS,
    ROUTE_ORIGIN_LABELS,
    STATUS_ATTACHMENT_LABELS,
)
from service.documents.identity import ATTACHMENT_LABELS, EVIDENCE_LABELS
from service.documents.medical import (
    KIND_LABELS,
    PSYCHOLOGICAL_REASON_LABELS,
    URGENCY_LABELS,
    VACCINATION_SOURCE_LABELS,
    VACCINE_LABELS,
)
from service.i18n import N_
from service.schemas.base import LocalizedTextField, flatten_errors
from service.schemas.common import OBLASTS, STATELESS, CountryField, country_codes
from service.schemas.situation import SITUATION_CHOICES, SITUATION_FIELDS, SituationSchema

LABELS = {
    "situation": N_("How the child returned"),
    "pregnant": N_("Pregnant"),
    "expected_due_date": N_("Expected date of birth"),
    "children": N_("Children"),
    "mother": N_("Mother"),
    "father": N_("Father"),
    "applicant": N_("Applicant"),
    "legal_representative": N_("Legal representative"),
    "people": N_("Other people (relatives, escort, guardian)"),
    "person": N_("Who it is"),
    "circumstances": N_("Circumstances"),
    "surname": N_("Surname"),
    "given_name": N_("Given name"),
    "patronymic": N_("Patronymic"),
    "sex": N_("Sex"),
    "birth_date": N_("Date of birth"),
    "citizenship": N_("Citizenship"),
    "rnokpp": N_("RNOKPP (tax number)"),
    "unzr": N_("UNZR (register record number)"),
    "birth_place": N_("Place of birth"),
    "address": N_("Address"),
    "country": N_("Country"),
    "oblast": N_("Oblast"),
    "raion": N_("Raion"),
    "hromada": N_("Hromada"),
    "settlement": N_("Settlement"),
    "katottg": N_("KATOTTG code"),
    "occupation_confirmed": N_("Under occupation on that day (confirmed by a person)"),
    "left_from": N_("Where the child lived before the return"),
    "left_on": N_("Date the child left that place"),
    "returned_on": N_("Date the child returned"),
    "district": N_("City district"),
    "postal_code": N_("Postal code"),
    "street": N_("Street"),
    "building": N_("Building"),
    "apartment": N_("Apartment"),
    "phone": N_("Phone"),
    "email": N_("E-mail"),
    "relation": N_("Relation to the child"),
    "id_document": N_("Identity document"),
    "kind": N_("Kind"),
    "series": N_("Series"),
    "number": N_("Number"),
    "issued_by": N_("Issued by"),
    "issue_date": N_("Date of issue"),
    "court": N_("Court"),
    "interested_party": N_("Interested party"),
    "evidence": N_("Evidence"),
    "occupation_birth_certificate": N_("Occupation birth certificate"),
    "application_date": N_("Application date"),
    "name": N_("Name"),
    "name_dative": N_("Dative, only to correct the derived one (to whom)"),
    "name_genitive": N_("Genitive, only to correct the derived one (of whom)"),
    "name_en": N_("English name, only to correct the derived one"),
    "description": N_("Description"),
    "uk": N_("in Ukrainian"),
    "en": N_("in English (optional)"),
    "accompanying_person": N_("Accompanying person"),
    "actual_address": N_("Actual address"),
    "attachments": N_("Attachments"),
    "authority": N_("Authority addressed"),
    "birth_certificate": N_("Birth certificate"),
    "child": N_("Child"),
    "circumstance": N_("Circumstance"),
    "circumstance_details": N_("Details of the circumstance"),
    "condition_notes": N_("Condition of the child"),
    "deportation": N_("Deportation"),
    "handover": N_("Handover"),
    "missing_vaccines": N_("Missing vaccines"),
    "officer": N_("Officer of the children's service"),
    "personal_data_consent": N_("Consent to personal data processing"),
    "reason": N_("Reason"),
    "receiving_facility": N_("Receiving facility"),
    "referring_organisation": N_("Referring organisation"),
    "referring_person": N_("Referring person"),
    "registered_address": N_("Registered address (area left)"),
    "registry_office": N_("Civil registry office"),
    "return": N_("Return"),
    "route": N_("Route"),
    "urgency": N_("Urgency"),
    "accompanying_adult": N_("Accompanying adult"),
    "act_number": N_("Act number"),
    "arrival_date": N_("Date of arrival"),
    "arrived_without_parents": N_("Arrived without parents"),
    "border_crossing": N_("Border crossing point"),
    "came_from": N_("Returned from"),
    "case_number": N_("Court case number"),
    "consent_date": N_("Date of consent"),
    "countries": N_("Countries"),
    "court_decision": N_("Court decision"),
    "date": N_("Date"),
    "decision_date": N_("Date of the decision"),
    "denied_care_without_russian_documents": N_("Denied care for lack of Russian documents"),
    "destination": N_("Destination"),
    "details": N_("Details"),
    "documents": N_("Documents at hand"),
    "documents_and_belongings": N_("Documents and belongings handed over"),
    "e_referral_number": N_("E-referral number"),
    "facility": N_("Health-care facility"),
    "father_basis": N_("Basis for the father's details"),
    "from": N_("From"),
    "from_details": N_("Where exactly from"),
    "gestational_age_weeks": N_("Gestational age (weeks)"),
    "health": N_("Health needs"),
    "idp_registered": N_("Registered as an internally displaced person"),
    "institution_id": N_("From the directory"),
    "known_history": N_("Known medical history"),
    "last_menstrual_period": N_("First day of the last menstrual period"),
    "medical_certificate": N_("Medical certificate of birth"),
    "no_family_doctor_declaration": N_("No declaration with a family doctor"),
    "organisation": N_("Organisation"),
    "other_children": N_("Other children"),
    "parents": N_("Parents"),
    "patient": N_("Patient"),
    "period": N_("Period"),
    "place": N_("Place"),
    "place_of_signing": N_("Place of signing"),
    "position": N_("Position"),
    "purpose": N_("Purpose of the trip"),
    "referral_date": N_("Date of the referral"),
    "relation_to_child": N_("Relation to the child"),
    "rnokpp_refused": N_("Refused an RNOKPP (religious beliefs)"),
    "sole_consent_reason": N_("Why one parent consents alone"),
    "source": N_("Source"),
    "specialist": N_("Specialist"),
    "status": N_("Status"),
    "through": N_("Through"),
    "time": N_("Time"),
    "to": N_("To"),
    "travel_document": N_("Travel document"),
    "vaccination_history": N_("Vaccination history"),
    "vaccine": N_("Vaccine"),
    "war_affected_status": N_("Status of a child affected by the war"),
    "with": N_("Returned with"),
    "registration_number": N_("Registration number of the referral"),
    "appointment": N_("Decision appointing the guardian"),
    "other_vaccines": N_("Other vaccines (outside the calendar)"),
    "amount": N_("Amount (UAH)"),
    "child_lives_with_applicant": N_("The child lives with the applicant"),
    "citizen_parents": N_("Parents who are citizens of Ukraine"),
    "copy_issued": N_("Copy issued"),
    "e_cabinet": N_("Has an electronic cabinet in the court system"),
    "expected_costs": N_("Expected costs"),
    "idp_certificate": N_("IDP certificate"),
    "issued_by_occupation_authorities": N_("Issued by the occupying authorities"),
    "lives_with_child": N_("Lives with the child (a member of the family)"),
    "marriage_certificate": N_("Marriage certificate"),
    "originals_location": N_("Where the originals of the written evidence are"),
    "parent": N_("Parent"),
    "parents_cannot_register_reason": N_("Why the parents cannot register the birth"),
    "residence_proof": N_("Proof of residence"),
    "signature_notarised": N_("The witness's signature is notarised"),
    "testimony": N_("Testimony"),
    "witness": N_("Witness"),
    **FORM_FIELD_LABELS,
}

CHOICE_LABELS = {
    "male": N_("male"),
    "female": N_("female"),
    "mother": N_("mother"),
    "father": N_("father"),
    "grandparent": N_("grandparent"),
    "adult_sibling": N_("adult brother or sister"),
    "other_relative": N_("other relative"),
    "guardian": N_("guardian"),
    "caregiver": N_("person raising the child"),
    "legal_representative": N_("other legal representative"),
    **ID_DOCUMENT_NAMES,  # the documents' own names of identity documents
    # The documents' own words for their fixed lists (what a document prints is what a
    # caseworker chooses); the situation's choices have their plain labels.
    **EVIDENCE_LABELS,
    **ATTACHMENT_LABELS,
    **CIRCUMSTANCE_LABELS,
    **STATUS_ATTACHMENT_LABELS,
    **ROUTE_ORIGIN_LABELS,
    **GUARDIANSHIP_ATTACHMENT_LABELS,
    "absent": N_("absent"),
    "deceased": N_("dead"),
    "missing": N_("missing"),
    "in_captivity": N_("in captivity"),
    "deprived_of_parental_rights": N_("deprived of parental rights"),
    **URGENCY_LABELS,
    **KIND_LABELS,
    **PSYCHOLOGICAL_REASON_LABELS,
    **VACCINE_LABELS,
    **VACCINATION_SOURCE_LABELS,
    **FORM_CHOICE_LABELS,
    **{
        choice: label
        for labels in SITUATION_CHOICES.values()
        for choice, (label, _hint) in labels.items()
    },
    "aunt_or_uncle": N_("aunt or uncle"),
    "great_grandparent": N_("great-grandparent"),
    "stepparent": N_("stepfather or stepmother"),
    "self": N_("the child (aged 14 to 17) in person"),
    "written": N_("a written witness statement"),
    "summon": N_("a motion to summon the witness"),
    "not_related": N_("not related to the child"),
    "marriage": N_("marriage of the parents"),
    "joint_application": N_("joint application of the parents"),
    "other": N_("other"),
    # Both a kind of identity document and an attachment: the attachment's own words
    # carry the certificate's number, which a list of choices has none of.
    "birth_certificate": ID_DOCUMENT_NAMES["birth_certificate"],
}

# Ids and the evidence items drawn from the case's evidence files are not typed in.
SKIPPED_FIELDS = {"id", "template_data", "evidence_id", "evidence_pages"}
# A yes-or-no a person may leave unanswered: a select, not a checkbox.
ANSWERS = (("true", N_("yes")), ("false", N_("no")))
HINTS = {
    "returned_on": N_(
        "The day the child came back to Ukraine. Deadlines count from it when it came later"
        " than the event they count from (a birthday, a filing)."
    ),
    "occupation_confirmed": N_(
        "Only where the official list cannot tell (the form says when): was the place under"
        " occupation on the day that matters?"
    ),
}


def is_deprecated(schema_field: fields.Field[Any]) -> bool:
    """A field still accepted from old clients, never offered in a form."""
    return bool(schema_field.metadata.get("deprecated"))


@dataclass
class FormField:
    """One input: its dotted path (the HTML name and id), label, kind and current state."""

    path: str
    label: str
    kind: str  # text | date | email | select | checkbox | textarea
    required: bool
    value: Any
    errors: list[str]
    choices: list[tuple[str, str]] = field(default_factory=list)
    max_length: int | None = None
    suggestions: str | None = None  # the id of a <datalist> of values to offer
    hint: str | None = None  # a short explanation under the label
    choice_hints: dict[str, str] = field(default_factory=dict)  # choice -> its hint

    @property
    def html_id(self) -> str:
        """An id usable in HTML and CSS (dots replaced)."""
        return "f-" + self.path.replace(".", "-")


@dataclass
class FormGroup:
    """A fieldset: a nested object, or one item of a list."""

    path: str
    legend: str
    items: list[FormField | FormGroup]
    errors: list[str]
    index: int | None = None

    @property
    def needs_correcting(self) -> bool:
        """Whether this group or anything in it has an error."""
        return bool(self.errors) or any(
            item.needs_correcting if isinstance(item, FormGroup) else bool(item.errors)
            for item in self.items
        )

    @property
    def filled(self) -> bool:
        """Whether anything in this group has a value (hidden ids and unticked boxes aside:
        a list of checkboxes none of which is ticked is empty too)."""
        return any(
            item.filled
            if isinstance(item, FormGroup)
            else item.kind != "hidden" and item.value not in (None, "", False, [])
            for item in self.items
        )


def _max_length(schema_field: fields.Field[Any]) -> int | None:
    explicit = getattr(schema_field, "max_length", None)
    if isinstance(explicit, int):
        return explicit
    for validator in schema_field.validators:
        if isinstance(validator, validate.Length) and validator.max is not None:
            return int(validator.max)
    return None


def _input_kind(schema_field: fields.Field[Any]) -> tuple[str, list[str]]:
    if isinstance(schema_field, CountryField):  # options by the page's language: the template's
        return "select", []
    for validator in schema_field.validators:
        if isinstance(validator, validate.OneOf):
            return "select", [str(choice) for choice in validator.choices]
    if isinstance(schema_field, fields.Date):
        return "date", []
    if isinstance(schema_field, fields.Boolean):
        return "checkbox", []
    if isinstance(schema_field, fields.Email):
        return "email", []
    return "text", []


COUNTRY_LIST = "countries"
CITIZENSHIP_LIST = "citizenships"
OBLAST_LIST = "oblasts"
# The Ukrainian alphabet, for sorting country names as a Ukrainian reader expects (code
# point order puts Є, І, Ї and Ґ after Я).
UKRAINIAN_ALPHABET = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"


def _suggestions(name: str, schema_field: fields.Field[Any]) -> str | None:
    if isinstance(schema_field, CountryField):
        return CITIZENSHIP_LIST if schema_field.allow_stateless else COUNTRY_LIST
    return OBLAST_LIST if name == "oblast" else None


def _alphabetical(name: str) -> tuple[int, ...]:
    offset = len(UKRAINIAN_ALPHABET)
    return tuple(
        UKRAINIAN_ALPHABET.index(letter) if letter in UKRAINIAN_ALPHABET else offset + ord(letter)
        for letter in name.casefold()
    )


@functools.cache
def country_names(lang: str) -> tuple[tuple[str, str], ...]:
    """Every country code a form takes, with its name in a language, in alphabetical order."""
    names = Locale.parse(lang).territories
    return tuple(
        sorted(
            ((code, str(names.get(code, code))) for code in country_codes()),
            key=lambda pair: _alphabetical(pair[1]),
        )
    )


def suggestion_lists(
    lang: str, translate: Callable[[str], str]
) -> dict[str, tuple[tuple[str, str], ...]]:
    """The values offered while typing, by list id: countries, citizenships, regions.

    A region is stored in Ukrainian whatever the page's language; an English page labels
    it as English documents print it.
    """
    countries = country_names(lang)
    return {
        COUNTRY_LIST: countries,
        CITIZENSHIP_LIST: (*countries, (STATELESS, translate(N_("stateless person")))),
        OBLAST_LIST: tuple((name, localize_place_part(name, lang) or name) for name in OBLASTS),
    }


def country_choices(
    list_id: str, lang: str, translate: Callable[[str], str]
) -> tuple[tuple[str, str], ...]:
    """The options of a country select (a list of `suggestion_lists`): Ukraine first."""
    options = suggestion_lists(lang, translate).get(list_id, ())
    return tuple(sorted(options, key=lambda option: option[0] != "UA"))


def field_label(name: str, translate: Callable[[str], str]) -> str:
    """The label a form gives a field name ("birth_date" → "Date of birth")."""
    return translate(LABELS.get(name, name.replace("_", " ").capitalize()))


# One item of a list, in the singular: "Дитина 2", not "Діти 2".
ITEM_LABELS = {
    "children": N_("Child %(number)s"),
    "people": N_("Other person %(number)s"),
    "evidence": N_("Evidence %(number)s"),
    "attachments": N_("Attachment %(number)s"),
    "vaccination_history": N_("Vaccination %(number)s"),
    "other_children": N_("Other child %(number)s"),
    "parents": N_("Parent %(number)s"),
}


def item_label(list_name: str, index: int, translate: Callable[[str], str]) -> str:
    """The label of one item of a list field: "Child 2"."""
    if list_name in ITEM_LABELS:
        return translate(ITEM_LABELS[list_name]).replace("%(number)s", str(index + 1))
    return f"{field_label(list_name, translate)} {index + 1}"


def path_label(path: str, translate: Callable[[str], str]) -> str:
    """A field path as a person reads it: "children.0.address" → "Child 1 › Address"."""
    parts = path.split(".")
    shown: list[str] = []
    for position, part in enumerate(parts):
        if list_index(part) is not None:
            continue
        following = parts[position + 1] if position + 1 < len(parts) else ""
        index = list_index(following)
        if index is not None:
            shown.append(item_label(part, index, translate))
        else:
            shown.append(field_label(part, translate))
    return " › ".join(shown)


def build_form(
    schema: Schema,
    values: Mapping[str, Any] | None,
    errors: Mapping[str, list[str]],
    translate: Callable[[str], str],
    *,
    prefix: str = "",
    list_sizes: Mapping[str, int] | None = None,
) -> list[FormField | FormGroup]:
    """Describe the inputs of a schema, filled with values and the errors keyed by path."""
    values = values or {}
    items: list[FormField | FormGroup] = []
    plain_words = isinstance(schema, SituationSchema)
    for attribute, schema_field in schema.fields.items():
        if attribute in SKIPPED_FIELDS or schema_field.dump_only or is_deprecated(schema_field):
            continue
        name = schema_field.data_key or attribute  # as the JSON (and the form) names it
        path = f"{prefix}{name}"
        label = field_label(name, translate)
        value = values.get(name)
        if plain_words and name in SITUATION_FIELDS:
            items.append(
                situation_field(
                    path,
                    name,
                    schema_field=schema_field,
                    value=value,
                    errors=errors,
                    translate=translate,
                )
            )
        elif isinstance(schema_field, fields.Nested) and isinstance(schema_field.schema, Schema):
            inner = build_form(
                schema_field.schema,
                value if isinstance(value, Mapping) else {},
                errors,
                translate,
                prefix=f"{path}.",
                list_sizes=list_sizes,
            )
            items.append(FormGroup(path, label, inner, errors.get(path, [])))
        elif isinstance(schema_field, fields.List) and isinstance(
            schema_field.inner, fields.Nested
        ):
            entries = list(value) if isinstance(value, list) else []
            size = max(len(entries), (list_sizes or {}).get(path, 0), 1)
            group_items: list[FormField | FormGroup] = []
            for index in range(size):
                entry = entries[index] if index < len(entries) else {}
                inner = build_form(
                    schema_field.inner.schema,
                    entry,
                    errors,
                    translate,
                    prefix=f"{path}.{index}.",
                    list_sizes=list_sizes,
                )
                if isinstance(entry, Mapping) and entry.get("id"):
                    inner.insert(
                        0, FormField(f"{path}.{index}.id", "", "hidden", False, entry["id"], [])
                    )
                group_items.append(
                    FormGroup(
                        f"{path}.{index}",
                        item_label(schema_field.data_key or name, index, translate),
                        inner,
                        errors.get(f"{path}.{index}", []),
                        index,
                    )
                )
            items.append(FormGroup(path, label, group_items, errors.get(path, [])))
        elif isinstance(schema_field, LocalizedTextField):
            text = value if isinstance(value, Mapping) else ({"uk": value} if value else {})
            inner_fields: list[FormField | FormGroup] = [
                FormField(
                    f"{path}.{lang}",
                    translate(LABELS[lang]),
                    "textarea",
                    lang == "uk" and schema_field.required,
                    text.get(lang, ""),
                    errors.get(f"{path}.{lang}", []),
                    max_length=schema_field.max_length,
                )
                for lang in ("uk", "en")
            ]
            items.append(FormGroup(path, label, inner_fields, errors.get(path, [])))
        elif isinstance(schema_field, fields.Boolean) and schema_field.allow_none:
            items.append(
                FormField(
                    path,
                    label,
                    "select",
                    False,
                    "" if value is None else ("true" if value else "false"),
                    errors.get(path, []),
                    [(choice, translate(text)) for choice, text in ANSWERS],
                    hint=translate(HINTS[name]) if name in HINTS else None,
                )
            )
        else:
            kind, choices = _input_kind(schema_field)
            shown = value.isoformat() if isinstance(value, date) else value
            items.append(
                FormField(
                    path,
                    label,
                    kind,
                    schema_field.required or bool(schema_field.metadata.get("needed")),
                    "" if shown is None else shown,
                    errors.get(path, []),
                    [(choice, translate(CHOICE_LABELS.get(choice, choice))) for choice in choices],
                    _max_length(schema_field),
                    _suggestions(name, schema_field),
                    hint=translate(HINTS[name]) if name in HINTS else None,
                )
            )
    return items


def situation_field(
    path: str,
    name: str,
    *,
    schema_field: fields.Field[Any],
    value: Any,
    errors: Mapping[str, list[str]],
    translate: Callable[[str], str],
) -> FormField:
    """A fact of a child's situation in plain words: a label, a hint, and a hint per choice.

    A list of choices becomes checkboxes (posted as `path~choice`), one choice radio
    buttons (with "not known" first), a yes/no a checkbox.
    """
    label, hint = SITUATION_FIELDS[name]
    texts = SITUATION_CHOICES.get(name, {})
    choices = [(choice, translate(pair[0])) for choice, pair in texts.items()]
    choice_hints = {choice: translate(pair[1]) for choice, pair in texts.items()}
    shown: Any
    if isinstance(schema_field, fields.List):
        kind, shown = "checkboxes", list(value) if isinstance(value, list) else []
    elif isinstance(schema_field, fields.Boolean):
        kind, shown = "checkbox", bool(value)
    else:  # one of a few choices: radio buttons, each with its hint in full
        kind, shown = "radios", "" if value is None else value
    field_errors = list(errors.get(path, []))
    for key, messages in errors.items():  # a list's errors are keyed by item (`path.0`)
        if key.startswith(f"{path}.") and key[len(path) + 1 :].isdigit():
            field_errors.extend(messages)
    return FormField(
        path,
        translate(label),
        kind,
        False,
        shown,
        field_errors,
        choices,
        hint=translate(hint),
        choice_hints=choice_hints,
    )


CHOICE_SEPARATOR = "~"  # a ticked choice of a list posts as `path~choice`
# The index of a list item in a field name (`children.0.surname`): no list of a form has
# more than 100 items, so `children.20000.x` (a minute of building 20,000 blank items),
# `children.².x` or thousands of digits (which int() refuses) name no field.
LIST_INDEX = re.compile("[0-9]{1,2}")


def list_index(part: str) -> int | None:
    """The list index that a part of a field name gives (0 to 99), or None."""
    return int(part) if LIST_INDEX.fullmatch(part) else None


def parse_form(form: Mapping[str, str], checkbox_paths: set[str] | None = None) -> dict[str, Any]:
    """Turn posted fields named by dotted paths into nested JSON; blank fields are left out.

    Ticked choices of a list (`children.0.situation.documents~ua_id_card`) become a list.
    """
    result: dict[str, Any] = {}
    ticked: dict[str, list[str]] = {}
    for name, raw in form.items():
        if name.startswith("_") or not name:
            continue
        if CHOICE_SEPARATOR in name:
            path, choice = name.split(CHOICE_SEPARATOR, 1)
            if raw in ("true", "on", "1"):
                ticked.setdefault(path, []).append(choice)
            continue
        value: Any = raw.strip() if isinstance(raw, str) else raw
        if value == "":
            continue
        if checkbox_paths is not None and name in checkbox_paths:
            value = value in ("true", "on", "1")
        _set_path(result, name.split("."), value)
    for path, choices in ticked.items():
        _set_path(result, path.split("."), choices)
    compacted: dict[str, Any] = _compact(result)
    return compacted


def _set_path(target: dict[str, Any], parts: list[str], value: Any) -> None:
    current: Any = target
    for position, part in enumerate(parts):
        last = position == len(parts) - 1
        following = parts[position + 1] if not last else None
        if isinstance(current, list):
            index = list_index(part)
            if index is None:
                return  # no form has such a field
            while len(current) <= index:
                current.append({})
            if last:
                current[index] = value
                return
            if not isinstance(current[index], (dict, list)):
                current[index] = [] if following and list_index(following) is not None else {}
            current = current[index]
        else:
            if last:
                current[part] = value
                return
            if part not in current or not isinstance(current[part], (dict, list)):
                current[part] = [] if following and list_index(following) is not None else {}
            current = current[part]


def _compact(value: Any) -> Any:
    """Drop empty objects left by blank list items, so an empty child is no child."""
    if isinstance(value, dict):
        return {key: _compact(item) for key, item in value.items() if item not in ({}, [])}
    if isinstance(value, list):
        return [_compact(item) for item in value if item not in ({}, [])]
    return value


def checkbox_paths(items: list[FormField | FormGroup]) -> set[str]:
    """The paths of every checkbox in a form (their values are booleans)."""
    found: set[str] = set()
    for item in items:
        if isinstance(item, FormGroup):
            found |= checkbox_paths(item.items)
        elif item.kind == "checkbox":
            found.add(item.path)
    return found


def still_needed(schema: Schema, data: Mapping[str, Any]) -> dict[str, list[str]]:
    """What each started part of a partly filled form lacks that its schema requires.

    A case is saved with `partial` (none of it is required), but a part once started (an
    applicant, a child) needs what its schema marks required before any document can use
    it: those fields, keyed by path, with the messages a document would give.
    """
    needed: dict[str, list[str]] = {}
    for attribute, schema_field in schema.fields.items():
        name = schema_field.data_key or attribute
        if name in SKIPPED_FIELDS or schema_field.dump_only or data.get(name) in (None, {}, []):
            continue
        try:
            schema_field.deserialize(data[name])
        except ValidationError as error:
            needed.update(flatten_errors({name: error.messages}))
    return needed


@dataclass
class FormPart:
    """One entry of a form's progress list: a part, how far it is filled, its items."""

    path: str
    legend: str
    state: str  # empty | filled | incomplete | to_correct
    missing: int
    items: list[FormPart] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        """The id of the part's fieldset on the page."""
        return "g-" + self.path.replace(".", "-")


def form_parts(
    items: list[FormField | FormGroup], needed: Mapping[str, list[str]]
) -> list[FormPart]:
    """The progress list of a form: each top-level group (and each item of a list)."""
    parts = []
    for item in items:
        if not isinstance(item, FormGroup):
            continue
        listed = [
            inner
            for inner in item.items
            if isinstance(inner, FormGroup) and inner.index is not None
        ]
        parts.append(_part(item, needed, [_part(inner, needed, []) for inner in listed]))
    return parts


def _part(group: FormGroup, needed: Mapping[str, list[str]], items: list[FormPart]) -> FormPart:
    missing = sum(1 for path in needed if path == group.path or path.startswith(group.path + "."))
    if group.needs_correcting:
        state = "to_correct"
    elif missing:
        state = "incomplete"
    elif group.filled:
        state = "filled"
    else:
        state = "empty"
    return FormPart(group.path, _named(group), state, missing, items)


def _named(group: FormGroup) -> str:
    """A list item's legend with the person's name, when it has one: "Child 2: Софія"."""
    if group.index is None:
        return group.legend
    values = {
        item.path.rsplit(".", 1)[-1]: item.value
        for item in group.items
        if isinstance(item, FormField)
    }
    name = " ".join(str(values[key]) for key in ("given_name", "surname") if values.get(key))
    return f"{group.legend}: {name}" if name else group.legend
