"""The JSON API (version 1): render, validate, catalog, cases, documents, audit, OpenAPI."""

from service.api import cases, documents, jobs, verification, views
from service.api.blueprint import api_blueprint

__all__ = ["api_blueprint", "cases", "documents", "jobs", "verification", "views"]
