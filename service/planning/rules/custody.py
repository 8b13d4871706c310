"""custody.*: the war-affected status, the handover to a representative, guardianship.

custody.accompanying_adult_consent is planned by no rule: a trip is not a fact of the
return; a caseworker makes it when a child travels.
"""

from __future__ import annotations

from datetime import date, timedelta

from service.i18n import N_
from service.planning.model import StepProgress
from service.planning.rules import Due, Facts, Rule, progress_date
from service.schemas.situation import CIRCUMSTANCES

# Law on Protection of Childhood art. 30-1 (CMU Resolution 268): the grounds of the status.
# A parent's captivity is not one of them on its own (the child's own captivity is).
STATUS_GROUNDS = frozenset(CIRCUMSTANCES) - {"parent_in_captivity"}
# An estimate, not a term the Procedure was read to set: a 2022 ministry statement spoke
# of 30 days (docs/legal/custody.war_affected_status_application.toml: cmu_268_term).
STATUS_DECISION_DAYS = 30
PARENTAL_CARE_LOST = frozenset({"without_parental_care", "parent_dead_or_missing"})


def affected_by_the_war(facts: Facts) -> bool:
    """A circumstance of the war that grounds the status."""
    return bool(facts.circumstances & STATUS_GROUNDS)


def returned_without_parent(facts: Facts) -> bool:
    """Returned with a relative, another adult, or alone."""
    return facts.with_ in ("relative", "other_adult", "alone")


def parental_care_lost(facts: Facts) -> bool:
    """No parent cares for the child, and no parent brought the child back."""
    return bool(facts.circumstances & PARENTAL_CARE_LOST) and returned_without_parent(facts)


def filing(facts: Facts, progress: StepProgress) -> date | None:
    """The day the application was filed, as recorded."""
    return progress_date(progress, "filed")


def thirty_days(start: date) -> date:
    """Thirty calendar days later: the expected decision, an estimate."""
    return start + timedelta(days=STATUS_DECISION_DAYS)


RULES: tuple[Rule, ...] = (
    Rule(
        id="war_affected_status",
        template="custody.war_affected_status_application",
        family="custody",
        person="child",
        applies=affected_by_the_war,
        reason=N_(
            "Deported, displaced, abducted, held captive, hurt, drawn into armed formations or"
            " left without parental care: the child is entitled to the status."
        ),
        legal_basis=N_(
            "Law on Protection of Childhood, art. 30-1; CMU Resolution 268 of 05.04.2017"
        ),
        due=Due(
            filing,
            thirty_days,
            N_(
                "An estimate: the children's service is expected to decide within about 30 days"
                " of the application (reported practice; the term of the Procedure approved by"
                " CMU Resolution 268 was not confirmed)"
            ),
        ),
    ),
    Rule(
        id="handover",
        template="custody.child_handover_act",
        family="custody",
        person="child",
        applies=returned_without_parent,
        reason=N_(
            "Returned without a parent: the child is handed over to a legal representative"
            " by an act."
        ),
        legal_basis=N_("CMU Resolution 551 of 14.05.2024 (as retitled by Resolution 1295)"),
    ),
    Rule(
        id="guardianship",
        template="custody.guardianship_application",
        family="custody",
        person="child",
        applies=parental_care_lost,
        reason=N_(
            "Parental care is lost and no parent brought the child back: a guardian is appointed."
        ),
        legal_basis=N_("Family Code, art. 243; CMU Resolution 866 of 24.09.2008"),
    ),
)
