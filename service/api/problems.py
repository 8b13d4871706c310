"""Turn every error into one RFC 9457 problem+json answer (the few handlers live here)."""

from __future__ import annotations

import json
import logging

from flask import Flask, Response, g, request
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from service.api.openapi import breaks_the_document
from service.errors import (
    PROBLEM_CONTENT_TYPE,
    DataValidationError,
    NotFoundError,
    PayloadTooLargeError,
    ServiceError,
    build_problem,
)
from service.i18n import DEFAULT_LANGUAGE, LANGUAGES, N_
from service.observability import current_request_id

log = logging.getLogger(__name__)


class MethodNotAllowedError(ServiceError):
    """The route exists, but not for this method."""

    status = 405
    slug = "method-not-allowed"
    title = N_("Method not allowed")
    detail = N_("This address does not accept this method.")


class HttpError(ServiceError):
    """Any other HTTP error raised by Flask or Werkzeug."""

    slug = "http-error"
    title = N_("Request error")
    detail = N_("The request could not be served.")

    def __init__(self, status: int) -> None:
        super().__init__()
        self.status = status


class RuleViolationError(DataValidationError):
    """The data fits the OpenAPI document but breaks a rule no schema states (each field named).

    A check digit, a date in the future, a field that another field requires: a client
    generated from the document cannot know these, so it is told apart from data that
    breaks the document (`validation-error`).
    """

    slug = "rule-violation"
    title = N_("The data breaks a rule")


def negotiate_language() -> str:
    """Pick uk or en from Accept-Language (Ukrainian unless English is preferred)."""
    return request.accept_languages.best_match(LANGUAGES, default=DEFAULT_LANGUAGE) or "uk"


def problem_response(error: ServiceError) -> Response:
    """Answer with the problem+json of an error."""
    if type(error) is DataValidationError and not breaks_the_document(
        message for messages in error.errors.values() for message in messages
    ):
        error = RuleViolationError(error.errors, error.warnings)
    lang = negotiate_language()
    body = build_problem(error, instance=request.path, request_id=current_request_id(), lang=lang)
    response = Response(
        json.dumps(body, ensure_ascii=False), status=error.status, mimetype=PROBLEM_CONTENT_TYPE
    )
    response.headers["Content-Language"] = lang
    response.headers.update(error.headers())
    return response


def with_allowed_methods(response: Response, error: HTTPException) -> Response:
    """A 405 answer that names the methods the address takes (`Allow`)."""
    allowed = getattr(error, "valid_methods", None)
    if allowed:
        response.headers["Allow"] = ", ".join(allowed)
    return response


def init_app(app: Flask) -> None:
    """Register the handlers: our errors, HTTP errors, and everything else as a bare 500."""

    @app.errorhandler(ServiceError)
    def handle_service_error(error: ServiceError) -> Response:
        return problem_response(error)

    @app.errorhandler(HTTPException)
    def handle_http_error(error: HTTPException) -> Response:
        if isinstance(error, RequestEntityTooLarge):
            # An evidence upload has its own, larger limit (service/api/evidence.py).
            limit = g.get("body_limit") or app.config["MAX_CONTENT_LENGTH"]
            return problem_response(PayloadTooLargeError(limit=limit))
        if error.code == 404:
            return problem_response(NotFoundError())
        if error.code == 405:
            return with_allowed_methods(problem_response(MethodNotAllowedError()), error)
        return problem_response(HttpError(error.code or 500))

    @app.errorhandler(Exception)
    def handle_unexpected(error: Exception) -> Response:
        # Type only: an exception message may quote a child's data.
        log.error("unhandled error", extra={"exception": type(error).__name__})
        return problem_response(ServiceError())
