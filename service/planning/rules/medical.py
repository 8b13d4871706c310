"""medical.*: prenatal care for the mother; catch-up vaccination, psychological and other care."""

from __future__ import annotations

from service.i18n import N_
from service.planning.rules import Facts, Rule


def pregnant(facts: Facts) -> bool:
    """The mother is pregnant."""
    return facts.pregnant


def missed_vaccinations(facts: Facts) -> bool:
    """Vaccinations of the Ukrainian calendar are missing."""
    return "missed_vaccinations" in facts.health


def needs_psychological_support(facts: Facts) -> bool:
    """The child needs psychological support."""
    return "psychological_support" in facts.health


def needs_medical_care(facts: Facts) -> bool:
    """The child needs a doctor."""
    return "medical_care" in facts.health


RULES: tuple[Rule, ...] = (
    Rule(
        id="prenatal_care",
        template="medical.prenatal_care_referral",
        family="medical",
        person="mother",
        applies=pregnant,
        reason=N_("Pregnant: antenatal care, whatever documents she has."),
        legal_basis=N_(
            'MoH Order 1437 of 09.08.2022 (Standards of medical care "Normal pregnancy");'
            " Civil Code, art. 284 part 3 (from 14, she consents herself)"
        ),
    ),
    Rule(
        id="catch_up_vaccination",
        template="medical.catch_up_vaccination_referral",
        family="medical",
        person="child",
        applies=missed_vaccinations,
        reason=N_("Vaccinations are missing: catch-up vaccination by the national calendar."),
        legal_basis=N_(
            "MoH Order 595 of 16.09.2011 (Vaccination Calendar, as amended by MoH Order 396 of"
            " 05.03.2025 from 01.01.2026); Law on the Protection of the Population against"
            " Infectious Diseases, art. 12 (under 15, the representative consents)"
        ),
    ),
    Rule(
        id="psychological_support",
        template="medical.psychological_support_referral",
        family="medical",
        person="child",
        applies=needs_psychological_support,
        reason=N_("Needs psychological support: a referral with consent to the intervention."),
        legal_basis=N_(
            "Fundamentals of Health Care Law, art. 43 (under 14, the representative consents);"
            " Civil Code, art. 284 part 3 (from 14, the child)"
        ),
        after=("war_affected_status",),
    ),
    Rule(
        id="medical_referral",
        template="medical.referral",
        family="medical",
        person="child",
        applies=needs_medical_care,
        reason=N_("Needs medical care: a referral to a facility or specialist."),
        legal_basis=N_("MoH Order 586 of 28.02.2020 (referral procedure)"),
    ),
)
