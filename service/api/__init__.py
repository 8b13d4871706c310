"""The JSON API (version 1): render, validate, catalog, cases, documents, institutions,
audit, OpenAPI."""

from service.api import (
    cases,
    documents,
    evidence,
    institutions,
    jobs,
    places,
    plans,
    verification,
    views,
)
from service.api.blueprint import api_blueprint

__all__ = [
    "api_blueprint",
    "cases",
    "documents",
    "evidence",
    "institutions",
    "jobs",
    "places",
    "plans",
    "verification",
    "views",
]
