"""identity.*: establish the birth, register it, then the ID card and IDP registration."""

from __future__ import annotations

from service.i18n import N_
from service.planning.rules import Facts, Rule

PASSPORT_AGE = 14
ADULT_AGE = 18
UKRAINIAN_ID = frozenset({"ua_id_card", "ua_passport"})


def born_in_tot_without_ukrainian_certificate(facts: Facts) -> bool:
    """Born on the occupied territory (or the list cannot tell); no Ukrainian certificate."""
    return facts.born_in_tot is not False and "ua_birth_certificate" not in facts.documents


def birth_not_registered_in_ukraine(facts: Facts) -> bool:
    """No Ukrainian certificate: a court decision (TOT) or a medical record is the basis."""
    return "ua_birth_certificate" not in facts.documents and (
        facts.born_in_tot is not False or "medical_birth_record" in facts.documents
    )


def fourteen_without_passport(facts: Facts) -> bool:
    """Aged 14 to 17 on the plan's day, with no Ukrainian ID card or passport."""
    age = facts.age
    return (
        age is not None and PASSPORT_AGE <= age < ADULT_AGE and not (facts.documents & UKRAINIAN_ID)
    )


def came_from_occupation_unregistered(facts: Facts) -> bool:
    """Came from the TOT, Russia or Belarus and is not registered as displaced."""
    return facts.came_from in ("tot", "russia", "belarus") and not facts.idp_registered


RULES: tuple[Rule, ...] = (
    Rule(
        id="birth_fact",
        template="identity.birth_fact_court_application",
        family="identity",
        person="child",
        applies=born_in_tot_without_ukrainian_certificate,
        reason=N_(
            "Born on the occupied territory without a Ukrainian birth certificate: a court"
            " establishes the fact of birth."
        ),
        legal_basis=N_(
            "Civil Procedure Code of Ukraine, art. 317 (as in force): heard without delay"
        ),
    ),
    Rule(
        id="birth_registration",
        template="identity.birth_registration_application",
        family="identity",
        person="child",
        applies=birth_not_registered_in_ukraine,
        reason=N_(
            "The birth is not registered in Ukraine: the civil registry office registers it"
            " on the court decision or the medical certificate of birth."
        ),
        legal_basis=N_("Law 2398-VI on state registration of civil status acts; MoJ Rules 52/5"),
        after=("birth_fact",),
    ),
    Rule(
        id="id_card",
        template="identity.id_card_application",
        family="identity",
        person="child",
        applies=fourteen_without_passport,
        reason=N_("Aged 14 to 17 without a Ukrainian ID card or passport."),
        legal_basis=N_("Law 5492-VI (Demographic Register); CMU Resolution 302 of 25.03.2015"),
        # No due date: the duty to obtain a passport runs from the 14th birthday (for a child
        # returned later, from the return), and no term after it was found in the Procedure
        # (docs/legal/identity.id_card_application.toml, cmu_302_item3): a "month" would mark
        # children overdue on no legal ground.
        after=("birth_registration",),
    ),
    Rule(
        id="idp_registration",
        template="identity.idp_registration_application",
        family="identity",
        person="child",
        applies=came_from_occupation_unregistered,
        reason=N_(
            "Came from the occupied territory, Russia or Belarus and is not registered as an"
            " internally displaced person."
        ),
        legal_basis=N_("Law 1706-VII on internally displaced persons, art. 4; CMU Resolution 509"),
        after=("birth_registration",),
    ),
)
