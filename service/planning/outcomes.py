"""What a decided step gives the next documents of the same person.

A court decision establishing the birth goes into the birth registration; the new birth
certificate into the ID card and IDP applications; the status decision into the
psychological referral. Only a decision recorded as decided (or done) and not refused
flows on; dates go out as ISO strings, as a template's data holds them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from service.planning.model import StepProgress

GIVING_STATUSES = frozenset({"decided", "done"})
REFUSED = "refused"


def granted_decision(progress: StepProgress | None) -> Mapping[str, Any] | None:
    """The recorded decision of a step when it was decided and not refused."""
    if progress is None or progress.status not in GIVING_STATUSES or not progress.decided:
        return None
    if progress.decided.get("outcome") == REFUSED:
        return None
    return progress.decided


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _present(**items: Any) -> dict[str, Any]:
    return {key: _iso(value) for key, value in items.items() if value is not None}


def court_decision(decided: Mapping[str, Any]) -> dict[str, Any]:
    """The court decision establishing the birth, as the birth registration names it."""
    return {
        "court_decision": _present(
            court=decided.get("court"),
            decision_date=decided.get("date"),
            case_number=decided.get("case_number"),
        )
    }


def new_certificate(decided: Mapping[str, Any]) -> dict[str, Any]:
    """The Ukrainian birth certificate the registration issued."""
    certificate = decided.get("certificate") or {}
    return _present(
        series=certificate.get("series"),
        number=certificate.get("number"),
        issue_date=certificate.get("issue_date"),
        issued_by=certificate.get("issued_by"),
    )


def certificate_for_passport(decided: Mapping[str, Any]) -> dict[str, Any]:
    """The new certificate, attached to the ID card application."""
    return {"birth_certificate": new_certificate(decided)}


def certificate_for_displaced_child(decided: Mapping[str, Any]) -> dict[str, Any]:
    """The new certificate replaces the occupiers' one in the IDP application."""
    return {
        "child": {
            "birth_certificate": new_certificate(decided),
            "occupation_birth_certificate": None,
        }
    }


def status_decision(decided: Mapping[str, Any]) -> dict[str, Any]:
    """The decision granting the status, as the psychological referral names it."""
    return {
        "war_affected_status": _present(
            authority=decided.get("authority"),
            date=decided.get("date"),
            number=decided.get("number"),
        )
    }


# target template -> ((the rule whose decision flows, what it gives), ...)
FLOWS: dict[str, tuple[tuple[str, Callable[[Mapping[str, Any]], dict[str, Any]]], ...]] = {
    "identity.birth_registration_application": (("birth_fact", court_decision),),
    "identity.id_card_application": (("birth_registration", certificate_for_passport),),
    "identity.idp_registration_application": (
        ("birth_registration", certificate_for_displaced_child),
    ),
    "medical.psychological_support_referral": (("war_affected_status", status_decision),),
}


def outcome_overrides(
    template_id: str, progress_of_person: Mapping[str, StepProgress]
) -> dict[str, Any]:
    """Give the data a person's decided steps add to a template's data (merged over the case)."""
    overrides: dict[str, Any] = {}
    for rule_id, give in FLOWS.get(template_id, ()):
        decided = granted_decision(progress_of_person.get(rule_id))
        if decided is not None:
            overrides.update(give(decided))
    return overrides
