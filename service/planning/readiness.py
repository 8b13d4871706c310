"""Whether a step's document can be made now: what its data still lacks, in uk and en.

The data is built from the case exactly as a document made from the case would be
(`build_step_data`: the case, what the person's decided steps give, the document's own
data from `template_data`), then loaded with the template's schema; every error becomes a
`MissingField` named as the API's 422 names it (`court`, `child.birth_date`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from marshmallow import ValidationError

from service.documents.catalog import get_template
from service.documents.from_case import build_template_data
from service.documents.references import InstitutionLookup
from service.errors import DataValidationError, translate_message
from service.i18n import LANGUAGES
from service.planning.model import MissingField
from service.schemas.base import flatten_errors

MOTHER = "mother"
# (template id, case data, child id or None for the mother, what the person's decided
# steps give the document: `outcome_overrides`) -> the fields its data still lacks
ReadinessCheck = Callable[
    [str, Mapping[str, Any], str | None, Mapping[str, Any] | None], tuple[MissingField, ...]
]


def build_step_data(
    template_id: str,
    case_data: Mapping[str, Any],
    child_id: str | None,
    overrides: Mapping[str, Any] | None,
    *,
    lookup: InstitutionLookup | None = None,
    outcomes: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Make a step's template data from the case; `child_id` None: the mother is the patient.

    A child's document is `build_template_data` itself. The mother's (the prenatal
    referral) names her `patient`, takes her expected due date, and not the children's
    legal representative.
    """
    spec = get_template(template_id)
    if child_id is not None:
        return build_template_data(
            spec, case_data, child_id, overrides, lookup=lookup, outcomes=outcomes
        )
    mother = dict(case_data.get("mother") or {})
    as_case = {
        key: value
        for key, value in case_data.items()
        if key not in ("children", "mother", "legal_representative")
    }
    as_case["children"] = [{**mother, "id": MOTHER}]
    if mother.get("expected_due_date") is not None:
        as_case["expected_due_date"] = mother["expected_due_date"]
    return build_template_data(spec, as_case, MOTHER, overrides, lookup=lookup, outcomes=outcomes)


def to_missing(errors: Mapping[str, list[str]]) -> tuple[MissingField, ...]:
    """Each field's messages, in every language (as the API's 422 translates them)."""
    missing = []
    for path, messages in errors.items():
        translated = [translate_message(message) for message in messages]
        missing.append(
            MissingField(
                path,
                {lang: " ".join(text[lang] for text in translated) for lang in LANGUAGES},
            )
        )
    return tuple(missing)


def make_readiness_check(lookup: InstitutionLookup | None = None) -> ReadinessCheck:
    """A readiness check that resolves institution references with `lookup`."""

    def check(
        template_id: str,
        case_data: Mapping[str, Any],
        child_id: str | None,
        outcomes: Mapping[str, Any] | None,
    ) -> tuple[MissingField, ...]:
        try:
            data = build_step_data(
                template_id, case_data, child_id, None, lookup=lookup, outcomes=outcomes
            )
            get_template(template_id).data_schema().load(data)
        except ValidationError as error:
            return to_missing(flatten_errors(error.messages))
        except DataValidationError as error:
            return to_missing(error.errors)
        return ()

    return check


check_readiness = make_readiness_check()
