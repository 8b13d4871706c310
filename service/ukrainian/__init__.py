"""Ukrainian data: identifiers, names, transliteration, declension and formatting.

Pure Python (no Flask, no marshmallow), so the API, the CLI and background jobs share it.
Every error is a `UkrainianDataError` whose `message` is an English msgid for the catalogs.
"""

from service.ukrainian.declension import Case, NameParts, decline_full_name, decline_parts
from service.ukrainian.errors import (
    InvalidIdentifierError,
    InvalidNameError,
    InvalidTextError,
    UkrainianDataError,
)
from service.ukrainian.formatting import (
    NO_BREAK_SPACE,
    Language,
    age_on,
    format_date_long,
    format_date_numeric,
    format_datetime_long,
    format_number,
)
from service.ukrainian.identifiers import (
    ROMAN_NUMERALS_1_TO_12,
    BirthCertificate,
    ForeignBirthCertificate,
    Phone,
    RnokppInfo,
    Sex,
    UnzrInfo,
    check_booklet_passport,
    check_edrpou,
    check_id_card_number,
    check_postal_code,
    normalise_katottg,
    parse_birth_certificate,
    parse_occupation_birth_certificate,
    parse_phone,
    parse_rnokpp,
    parse_unzr,
    rnokpp_check_digit,
    unzr_check_digit,
)
from service.ukrainian.institutions import InstitutionForms, derive_institution_forms
from service.ukrainian.names import (
    MODIFIER_APOSTROPHE,
    ApostropheStyle,
    normalise_name,
    normalise_text,
    print_apostrophe,
    signature_name,
)
from service.ukrainian.transliteration import transliterate

__all__ = [
    "MODIFIER_APOSTROPHE",
    "NO_BREAK_SPACE",
    "ROMAN_NUMERALS_1_TO_12",
    "ApostropheStyle",
    "BirthCertificate",
    "Case",
    "ForeignBirthCertificate",
    "InstitutionForms",
    "InvalidIdentifierError",
    "InvalidNameError",
    "InvalidTextError",
    "Language",
    "NameParts",
    "Phone",
    "RnokppInfo",
    "Sex",
    "UkrainianDataError",
    "UnzrInfo",
    "age_on",
    "check_booklet_passport",
    "check_edrpou",
    "check_id_card_number",
    "check_postal_code",
    "decline_full_name",
    "decline_parts",
    "derive_institution_forms",
    "format_date_long",
    "format_date_numeric",
    "format_datetime_long",
    "format_number",
    "normalise_katottg",
    "normalise_name",
    "normalise_text",
    "parse_birth_certificate",
    "parse_occupation_birth_certificate",
    "parse_phone",
    "parse_rnokpp",
    "parse_unzr",
    "print_apostrophe",
    "rnokpp_check_digit",
    "signature_name",
    "transliterate",
    "unzr_check_digit",
]
