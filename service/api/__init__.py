"""The JSON API (version 1): render, validate, catalog, OpenAPI document."""

from service.api.views import api_blueprint

__all__ = ["api_blueprint"]
