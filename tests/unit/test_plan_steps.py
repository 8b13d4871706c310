"""A step's progress: forward only, a filing date before "filed", a reason for "not needed"."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from service.errors import DataValidationError
from service.planning.model import StepProgress
from service.planning.steps import apply_step_change

TODAY = date(2026, 12, 7)
FILED = StepProgress(
    status="filed", filed={"date": date(2026, 11, 2), "where": "суд"}, document_ids=("d1",)
)


def change(current: StepProgress, body: dict[str, Any]) -> StepProgress:
    return apply_step_change(current, body, today=TODAY)


def refused(current: StepProgress, body: dict[str, Any]) -> dict[str, list[str]]:
    with pytest.raises(DataValidationError) as raised:
        change(current, body)
    return raised.value.errors


def test_a_step_goes_forward_to_its_end() -> None:
    step = change(StepProgress(), {"status": "prepared"})
    step = change(step, {"status": "filed", "filed": {"date": "2026-11-02", "where": "ЦНАП"}})
    step = change(step, {"filed": {"reference": "вх. 12"}})  # details later; status kept
    assert step.status == "filed"
    assert step.filed == {"date": date(2026, 11, 2), "where": "ЦНАП", "reference": "вх. 12"}
    step = change(
        step,
        {
            "status": "decided",
            "decided": {"date": "2026-12-01", "number": "214", "outcome": "granted"},
        },
    )
    assert (step.status, step.decided) == (
        "decided",
        {"date": date(2026, 12, 1), "number": "214", "outcome": "granted"},
    )
    assert change(step, {"status": "done"}).status == "done"


def test_a_step_filed_may_skip_prepared() -> None:
    step = change(StepProgress(), {"status": "filed", "filed": {"date": "2026-12-07"}})
    assert (step.status, step.filed) == ("filed", {"date": TODAY})


@pytest.mark.parametrize(
    ("current", "status"),
    [
        (FILED, "prepared"),
        (FILED, "pending"),
        (StepProgress(status="done"), "decided"),
        (StepProgress(status="prepared"), "pending"),
    ],
)
def test_a_step_never_moves_back(current: StepProgress, status: str) -> None:
    assert refused(current, {"status": status}) == {
        "status": ["A step cannot move back to an earlier status."]
    }


@pytest.mark.parametrize(
    "body",
    [
        {"status": "filed"},
        {"status": "filed", "filed": {"where": "суд"}},
        {"status": "decided", "decided": {"date": "2026-12-01"}},  # skips "filed" undated
    ],
)
def test_filed_needs_its_date(body: dict[str, Any]) -> None:
    errors = refused(StepProgress(status="prepared"), body)
    assert errors["filed.date"] == ["Give the date the document was filed."]


def test_decided_needs_its_date() -> None:
    assert refused(FILED, {"status": "decided", "decided": {"number": "1"}}) == {
        "decided.date": ["Give the date of the decision."]
    }


def test_dates_are_not_in_the_future_nor_a_decision_before_the_filing() -> None:
    errors = refused(StepProgress(), {"status": "filed", "filed": {"date": "2026-12-08"}})
    assert errors == {"filed.date": ["The date cannot be in the future."]}
    errors = refused(FILED, {"status": "decided", "decided": {"date": "2026-11-01"}})
    assert errors == {"decided.date": ["The decision cannot predate the filing."]}
    errors = refused(FILED, {"status": "decided", "decided": {"date": "2027-01-01"}})
    assert errors == {"decided.date": ["The date cannot be in the future."]}


@pytest.mark.parametrize("status", ["pending", "prepared", "filed", "decided"])
def test_not_needed_from_any_status_but_done_with_a_reason(status: str) -> None:
    current = StepProgress(status=status)  # type: ignore[arg-type]
    step = change(current, {"status": "not_needed", "not_needed_reason": "registered abroad"})
    assert (step.status, step.not_needed_reason) == ("not_needed", "registered abroad")
    assert refused(current, {"status": "not_needed"}) == {
        "not_needed_reason": ["Say why the step is not needed."]
    }


def test_a_done_step_is_not_made_not_needed() -> None:
    body = {"status": "not_needed", "not_needed_reason": "x"}
    assert refused(StepProgress(status="done"), body) == {
        "status": ["A step that is done cannot be marked as not needed."]
    }


def test_a_step_not_needed_may_reopen() -> None:
    current = StepProgress(status="not_needed", not_needed_reason="по помилці")
    step = change(current, {"status": "prepared"})
    assert (step.status, step.not_needed_reason) == ("prepared", None)


def test_done_from_pending_needs_a_document() -> None:
    assert refused(StepProgress(), {"status": "done"}) == {
        "status": ["Make the step's document before marking the step done."]
    }
    assert change(StepProgress(document_ids=("d1",)), {"status": "done"}).status == "done"
    assert change(StepProgress(status="prepared"), {"status": "done"}).status == "done"


@pytest.mark.parametrize(
    ("body", "path"),
    [
        ({"status": "lost"}, "status"),
        ({"filed": {"date": "yesterday"}}, "filed.date"),
        ({"decided": {"outcome": "maybe"}}, "decided.outcome"),
        (
            {"decided": {"certificate": {"series": "I-ЖС", "number": "12"}}},
            "decided.certificate.series",
        ),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_values_are_named(body: dict[str, Any], path: str) -> None:
    assert path in refused(FILED, body)


def test_a_change_keeps_the_documents_of_the_step() -> None:
    step = change(FILED, {"status": "decided", "decided": {"date": "2026-12-01"}})
    assert step.document_ids == ("d1",)
    assert step.filed == FILED.filed


def test_what_a_decision_records_is_kept_clean() -> None:
    body = {
        "status": "decided",
        "decided": {
            "date": "2026-12-04",
            "outcome": "granted",
            "court": {"name": "Шевченківський районний суд міста Києва"},
            "case_number": "761/45872/26",
        },
    }
    decided = change(FILED, body).decided
    assert decided == {
        "date": date(2026, 12, 4),
        "outcome": "granted",
        "court": {"name": "Шевченківський районний суд міста Києва"},
        "case_number": "761/45872/26",
    }
