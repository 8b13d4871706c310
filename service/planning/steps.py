"""A step's progress moves forward: prepared, filed (with a date), decided, done; or not needed.

`apply_step_change` checks a change (the raw JSON of a PATCH) against what was recorded
and returns the new progress, or raises `DataValidationError` naming the field.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from marshmallow import ValidationError

from service.errors import DataValidationError
from service.i18n import N_
from service.planning.model import STATUS_ORDER, StepProgress
from service.planning.rules import as_date
from service.schemas.base import flatten_errors
from service.schemas.plan import StepChangeSchema

MSG_BACKWARDS = N_("A step cannot move back to an earlier status.")
MSG_DONE_IS_FINAL = N_("A step that is done cannot be marked as not needed.")
MSG_FILED_DATE = N_("Give the date the document was filed.")
MSG_DECIDED_DATE = N_("Give the date of the decision.")
MSG_REASON = N_("Say why the step is not needed.")
MSG_FUTURE = N_("The date cannot be in the future.")
MSG_BEFORE_FILING = N_("The decision cannot predate the filing.")
MSG_NOTHING_ISSUED = N_("Make the step's document before marking the step done.")

_schema = StepChangeSchema()


def _merge(
    current: Mapping[str, Any] | None, change: Mapping[str, Any] | None
) -> dict[str, Any] | None:
    if change is None:
        return dict(current) if current else None
    return {**(current or {}), **change}


def _without_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _without_none(item) for key, item in value.items() if item is not None}
    return value


def _loaded(change: Mapping[str, Any]) -> dict[str, Any]:
    if not isinstance(change, Mapping):
        raise DataValidationError({"_schema": [N_("Send the data as a JSON object.")]})
    try:
        loaded: dict[str, Any] = _without_none(_schema.load(change))
    except ValidationError as error:
        raise DataValidationError(flatten_errors(error.messages)) from None
    for part, key in (("filed", "filed_date"), ("decided", "decided_date")):
        if part in loaded and key in loaded[part]:
            loaded[part]["date"] = loaded[part].pop(key)
    return loaded


def apply_step_change(
    current: StepProgress, change: Mapping[str, Any], *, today: date
) -> StepProgress:
    """Apply a change to a step's progress, or raise DataValidationError naming the field."""
    loaded = _loaded(change)
    status = loaded.get("status") or current.status
    filed = _merge(current.filed, loaded.get("filed"))
    decided = _merge(current.decided, loaded.get("decided"))
    reason = loaded.get("not_needed_reason", current.not_needed_reason)
    errors: dict[str, list[str]] = {}

    if status == "not_needed":
        if current.status == "done":
            errors["status"] = [MSG_DONE_IS_FINAL]
        elif not reason:
            errors["not_needed_reason"] = [MSG_REASON]
    else:
        reason = None
        # From "not needed" a step reopens at any status; otherwise it only moves forward.
        if current.status != "not_needed" and STATUS_ORDER.index(status) < STATUS_ORDER.index(
            current.status
        ):
            raise DataValidationError({"status": [MSG_BACKWARDS]})
        filed_on = as_date((filed or {}).get("date"))
        decided_on = as_date((decided or {}).get("date"))
        if status in ("filed", "decided") and filed_on is None:
            errors["filed.date"] = [MSG_FILED_DATE]
        if status == "decided" and decided_on is None:
            errors["decided.date"] = [MSG_DECIDED_DATE]
        if status == "done" and current.status == "pending" and not current.document_ids:
            errors["status"] = [MSG_NOTHING_ISSUED]
        if filed_on and filed_on > today:
            errors["filed.date"] = [MSG_FUTURE]
        if decided_on and decided_on > today:
            errors["decided.date"] = [MSG_FUTURE]
        elif decided_on and filed_on and decided_on < filed_on:
            errors["decided.date"] = [MSG_BEFORE_FILING]
    if errors:
        raise DataValidationError(errors)
    return replace(current, status=status, filed=filed, decided=decided, not_needed_reason=reason)
