"""Names of Ukrainian public bodies: the dative and genitive derived, the English translated.

STUB: the interface other code builds against; the rules are being written.
"""

from __future__ import annotations

from dataclasses import dataclass

from service.ukrainian.transliteration import transliterate


@dataclass(frozen=True)
class InstitutionForms:
    """An institution's name in the forms documents print."""

    uk: str  # nominative, as typed (whitespace normalised)
    dative: str  # "Шевченківському районному суду міста Києва" (to address it)
    genitive: str  # "Шевченківського районного суду міста Києва"
    en: str  # "Shevchenkivskyi District Court of Kyiv City"
    needs_review: bool  # the rules could not parse the whole name: a person should check


def derive_institution_forms(name: str) -> InstitutionForms:
    """Derive the dative, genitive and English name of a public body from its nominative."""
    uk = " ".join(name.split())
    return InstitutionForms(uk, uk, uk, transliterate(uk), True)
