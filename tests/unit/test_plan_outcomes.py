"""What a decided step gives the next documents, checked by those documents' own schemas."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest

from service.documents import get_template
from service.documents.from_case import deep_merge
from service.planning.model import StepProgress
from service.planning.outcomes import outcome_overrides
from service.planning.steps import apply_step_change

TODAY = date(2026, 12, 7)
COURT = {"name": "Шевченківський районний суд міста Києва"}
CERTIFICATE = {
    "series": "I-ЖС",
    "number": "482913",
    "issue_date": "2026-10-30",
    "issued_by": "Шевченківський відділ ДРАЦС у місті Києві",
}


def decided(body: dict[str, Any]) -> StepProgress:
    """A step taken to "decided" through the step-change rules, as a caseworker would."""
    filed = apply_step_change(
        StepProgress(), {"status": "filed", "filed": {"date": "2026-10-01"}}, today=TODAY
    )
    return apply_step_change(
        filed, {"status": "decided", "decided": {"date": "2026-10-30", **body}}, today=TODAY
    )


def load_with(template_id: str, overrides: dict[str, Any], *remove: str) -> dict[str, Any]:
    """The template's example without `remove`, the outcome merged over it, then loaded."""
    spec = get_template(template_id)
    data = copy.deepcopy(spec.load_example())
    for key in remove:
        data.pop(key)
    loaded: dict[str, Any] = spec.data_schema().load(deep_merge(data, overrides))
    return loaded


def test_the_court_decision_flows_into_the_birth_registration() -> None:
    court = decided(
        {"outcome": "granted", "court": COURT, "case_number": "761/45872/26", "number": "x"}
    )
    overrides = outcome_overrides("identity.birth_registration_application", {"birth_fact": court})
    assert overrides == {
        "court_decision": {
            "court": COURT,
            "decision_date": "2026-10-30",
            "case_number": "761/45872/26",
        }
    }
    loaded = load_with("identity.birth_registration_application", overrides, "court_decision")
    assert loaded["court_decision"]["decision_date"] == date(2026, 10, 30)
    assert loaded["court_decision"]["case_number"] == "761/45872/26"


def test_the_new_certificate_flows_into_the_id_card_application() -> None:
    registration = decided({"outcome": "granted", "certificate": CERTIFICATE})
    overrides = outcome_overrides(
        "identity.id_card_application", {"birth_registration": registration}
    )
    assert overrides == {"birth_certificate": CERTIFICATE}
    loaded = load_with("identity.id_card_application", overrides, "birth_certificate")
    assert (loaded["birth_certificate"]["series"], loaded["birth_certificate"]["number"]) == (
        "I-ЖС",
        "482913",
    )


def test_the_new_certificate_replaces_the_occupiers_one_in_the_idp_application() -> None:
    registration = decided({"outcome": "granted", "certificate": CERTIFICATE})
    overrides = outcome_overrides(
        "identity.idp_registration_application", {"birth_registration": registration}
    )
    spec = get_template("identity.idp_registration_application")
    data = copy.deepcopy(spec.load_example())
    data["child"].pop("birth_certificate")
    data["child"]["occupation_birth_certificate"] = {"series": "I-ДН", "number": "654321"}
    loaded = spec.data_schema().load(deep_merge(data, overrides))
    assert loaded["child"]["birth_certificate"]["number"] == "482913"
    assert loaded["child"]["occupation_birth_certificate"] is None


def test_the_status_decision_flows_into_the_psychological_referral() -> None:
    status = decided({"outcome": "granted", "number": "214", "authority": "Служба у справах дітей"})
    overrides = outcome_overrides(
        "medical.psychological_support_referral", {"war_affected_status": status}
    )
    assert overrides == {
        "war_affected_status": {
            "authority": "Служба у справах дітей",
            "date": "2026-10-30",
            "number": "214",
        }
    }
    loaded = load_with("medical.psychological_support_referral", overrides, "war_affected_status")
    assert loaded["war_affected_status"]["decision_date"] == date(2026, 10, 30)


@pytest.mark.parametrize(
    "progress",
    [
        StepProgress(),
        StepProgress(status="filed", filed={"date": "2026-11-02"}),
        StepProgress(status="decided", decided={"date": "2026-12-04", "outcome": "refused"}),
        StepProgress(status="not_needed", not_needed_reason="x"),
    ],
)
def test_nothing_flows_before_a_granted_decision(progress: StepProgress) -> None:
    assert (
        outcome_overrides("identity.birth_registration_application", {"birth_fact": progress}) == {}
    )


def test_a_done_step_keeps_giving_its_decision() -> None:
    court = decided({"court": COURT, "case_number": "1/1/26"})
    done = apply_step_change(court, {"status": "done"}, today=TODAY)
    assert outcome_overrides("identity.birth_registration_application", {"birth_fact": done})


def test_other_templates_get_nothing() -> None:
    court = decided({"court": COURT, "case_number": "1/1/26"})
    assert outcome_overrides("medical.referral", {"birth_fact": court}) == {}
