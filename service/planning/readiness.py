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
from service.documents.from_case import build_step_data
from service.documents.premises import NotApplicableError, check_premises, confirmations_in
from service.documents.references import InstitutionLookup
from service.errors import DataValidationError, translate_message
from service.i18n import LANGUAGES
from service.planning.model import MissingField
from service.schemas.base import flatten_errors

# (template id, case data, child id or None for the mother, what the person's decided
# steps give the document: `outcome_overrides`) -> the fields its data still lacks
ReadinessCheck = Callable[
    [str, Mapping[str, Any], str | None, Mapping[str, Any] | None], tuple[MissingField, ...]
]


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
        spec = get_template(template_id)
        try:
            data = build_step_data(
                template_id, case_data, child_id, None, lookup=lookup, outcomes=outcomes
            )
            check_premises(spec.id, spec.premises, spec.data_schema().load(data))
        except ValidationError as error:
            errors = flatten_errors(error.messages)
            errors.update(confirmations_in(spec.premises, error.valid_data))
            return to_missing(errors)
        except DataValidationError as error:
            return to_missing(error.errors)
        except NotApplicableError as error:
            return tuple(
                MissingField(item["person"]["path"], item["fact"])
                for item in error.extra_members()["refusals"]
            )
        return ()

    return check


check_readiness = make_readiness_check()
