"""The error hierarchy and the one RFC 9457 problem+json payload.

Every failure a client can see is a `ServiceError` (or an HTTP error, or a validation
error) turned into the same shape by `build_problem`. Titles and details are message
ids translated into Ukrainian and English; nothing internal (paths, tracebacks, input
values) ever goes into a problem.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from service.i18n import LANGUAGES, N_, NN_, Message, gettext, ngettext

PROBLEM_CONTENT_TYPE = "application/problem+json"
PROBLEM_TYPE_BASE = "/problems/"


class ServiceError(Exception):
    """Base of every error the service reports to a client."""

    status = 500
    slug = "internal-error"
    title = N_("Internal error")
    detail = N_("The service could not complete the request. It has been logged.")

    def __init__(self, detail: str | None = None, **params: object) -> None:
        super().__init__(detail or self.detail)
        if detail is not None:
            self.detail = detail
        self.params = params

    def extra_members(self) -> dict[str, Any]:
        """Return members added to the problem besides the standard ones."""
        return {}

    def headers(self) -> dict[str, str]:
        """HTTP headers the answer must carry (Retry-After, WWW-Authenticate)."""
        return {}

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle by state, so an error crosses from a render process intact."""
        return (_rebuild_error, (type(self), self.__dict__))

    def describe(self, lang: str) -> dict[str, str]:
        """Give the title and detail in one language."""
        return {
            "title": gettext(self.title, lang),
            "detail": gettext(self.detail, lang, **self.params),
        }


class MalformedRequestError(ServiceError):
    """The body is not well-formed JSON (or has duplicate keys)."""

    status = 400
    slug = "malformed-request"
    title = N_("Malformed request")
    detail = N_("The request body is not valid JSON.")


class UnsupportedMediaTypeError(ServiceError):
    """The body is not JSON."""

    status = 415
    slug = "unsupported-media-type"
    title = N_("Unsupported media type")
    detail = N_("Send the request body as application/json.")


class PayloadTooLargeError(ServiceError):
    """The body is larger than the configured limit."""

    status = 413
    slug = "payload-too-large"
    title = N_("Request too large")
    detail = N_("The request body is larger than %(limit)s bytes.")


class RequestLineTooLongError(ServiceError):
    """The request line (method, address, version) is over the server's limit."""

    status = 414
    slug = "uri-too-long"
    title = N_("Address too long")
    detail = N_("The address of the request is longer than the server accepts (%(limit)s bytes).")


class RequestHeadersTooLargeError(ServiceError):
    """The request's headers are over the server's limits."""

    status = 431
    slug = "headers-too-large"
    title = N_("Request headers too large")
    detail = N_("The request has more or larger headers than the server accepts.")


class RequestTimeoutError(ServiceError):
    """The client did not send the request's headers in time."""

    status = 408
    slug = "request-timeout"
    title = N_("Request timed out")
    detail = N_(
        "The request headers did not arrive within %(seconds)s seconds. Send the request again."
    )


class BadHttpRequestError(ServiceError):
    """The request is not well-formed HTTP."""

    status = 400
    slug = "bad-http-request"
    title = N_("Malformed HTTP request")
    detail = N_("The request is not a well-formed HTTP request.")


class NotFoundError(ServiceError):
    """A route or object does not exist."""

    status = 404
    slug = "not-found"
    title = N_("Not found")
    detail = N_("There is nothing at this address.")


class DataValidationError(ServiceError):
    """The data does not satisfy a schema: every error at once, keyed by field path."""

    status = 422
    slug = "validation-error"
    title = N_("The data is not valid")
    detail = N_("Some fields need correcting.")
    detail_plural = NN_("%(n)s field needs correcting.", "%(n)s fields need correcting.")

    def __init__(
        self, errors: Mapping[str, list[str]], warnings: list[dict[str, Any]] | None = None
    ):
        super().__init__()
        self.errors = dict(errors)
        self.warnings = warnings or []

    def describe(self, lang: str) -> dict[str, str]:
        """Give the title, and a detail that counts the fields in the language's plural form."""
        return {
            "title": gettext(self.title, lang),
            "detail": ngettext(*self.detail_plural, len(self.errors), lang),
        }

    def extra_members(self) -> dict[str, Any]:
        """Return the field errors, each message in every language."""
        members: dict[str, Any] = {
            "errors": {
                path: [translate_message(message) for message in messages]
                for path, messages in self.errors.items()
            }
        }
        if self.warnings:
            members["warnings"] = self.warnings
        return members


def _rebuild_error(cls: type[ServiceError], state: dict[str, Any]) -> ServiceError:
    error = cls.__new__(cls)
    error.__dict__.update(state)
    return error


class ServiceUnavailableError(ServiceError):
    """The service cannot serve this now; try again after `retry_after` seconds."""

    status = 503
    slug = "service-unavailable"
    title = N_("Service temporarily unavailable")
    detail = N_("The service cannot complete this request now. Try again later.")
    retry_after = 30

    def headers(self) -> dict[str, str]:
        """Tell the client when to retry."""
        return {"Retry-After": str(self.retry_after)}


class DocumentBytesMissingError(ServiceUnavailableError):
    """A document's record is there but its bytes cannot be read (the operator is told)."""

    slug = "document-bytes-missing"
    title = N_("Document file unavailable")
    detail = N_(
        "The file of document %(document_id)s cannot be read now. The operators have been "
        "told; try again later."
    )
    retry_after = 300


class DocumentStoreUnavailableError(ServiceUnavailableError):
    """A document's file could not be written (disk full, folder gone): nothing was saved."""

    slug = "document-store-unavailable"
    title = N_("Document storage unavailable")
    detail = N_("The document could not be stored now; nothing was saved. Try again shortly.")
    retry_after = 30


class DatabaseUnavailableError(ServiceUnavailableError):
    """The database cannot be reached, or is too busy: nothing was changed."""

    slug = "database-unavailable"
    title = N_("Database unavailable")
    detail = N_("The service cannot reach its database now; nothing was saved. Try again shortly.")
    retry_after = 10


def translate_message(msgid: str, **params: object) -> dict[str, str]:
    """Translate one message into every language: {"uk": ..., "en": ...}.

    A `Message` brings its own parameters (per language where they differ).
    """
    if isinstance(msgid, Message):
        return {lang: gettext(msgid, lang, **msgid.params_in(lang), **params) for lang in LANGUAGES}
    return {lang: gettext(msgid, lang, **params) for lang in LANGUAGES}


def build_problem(
    error: ServiceError, *, instance: str, request_id: str, lang: str
) -> dict[str, Any]:
    """Build the problem+json body of an error; `lang` picks title and detail."""
    texts = {other: error.describe(other) for other in LANGUAGES}
    return {
        "type": PROBLEM_TYPE_BASE + error.slug,
        "title": texts[lang]["title"],
        "status": error.status,
        "detail": texts[lang]["detail"],
        "instance": instance,
        "request_id": request_id,
        "i18n": texts,
        **error.extra_members(),
    }
