"""The caseworker pages: server-rendered Jinja, little JavaScript, the API's own rules."""

from __future__ import annotations

from flask import Flask, Response, make_response, render_template, request, session
from flask_babel import Babel
from werkzeug.exceptions import MethodNotAllowed, NotFound

from service.access.users import UserStore
from service.api.problems import MethodNotAllowedError, problem_response, with_allowed_methods
from service.errors import DataValidationError, NotFoundError, ServiceError, translate_message
from service.i18n import LANGUAGES, TRANSLATIONS_DIR
from service.web import (
    admin,
    documents,
    erasure,
    everyday,
    evidence,
    institutions,
    packets,
    plans,
    reminders,
    security,
)
from service.web.views import web_blueprint

__all__ = [
    "admin",
    "documents",
    "erasure",
    "everyday",
    "evidence",
    "init_app",
    "institutions",
    "packets",
    "plans",
    "reminders",
    "web_blueprint",
]


def select_language() -> str:
    """The pages' language: the switch, then Accept-Language, then Ukrainian."""
    chosen = session.get("lang")
    if chosen in LANGUAGES:
        return str(chosen)
    return request.accept_languages.best_match(LANGUAGES, default="uk") or "uk"


@web_blueprint.errorhandler(ServiceError)
def error_page(error: ServiceError) -> tuple[str, int]:
    """Errors on pages are pages, in the page's language (the API keeps problem+json)."""
    lang = select_language()
    texts = error.describe(lang)
    fields = {}
    if isinstance(error, DataValidationError):  # a form value refused before its view
        fields = {
            path: [translate_message(message)[lang] for message in messages]
            for path, messages in error.errors.items()
        }
    page = render_template(
        "error.html", title=texts["title"], detail=texts["detail"], fields=fields
    )
    return page, error.status


def wants_page() -> bool:
    """A browser asking for a page at an address that is not the API's."""
    accepted = request.headers.get("Accept", "")
    return not request.path.startswith("/api/") and "text/html" in accepted


def unknown_address(error: NotFound) -> Response | tuple[str, int]:
    """An unknown address typed into a browser gets a page; clients keep problem+json."""
    if wants_page():
        return error_page(NotFoundError())
    return problem_response(NotFoundError())


def unsupported_method(error: MethodNotAllowed) -> Response:
    """A form address opened in a browser (a GET of a POST-only page) gets a page too."""
    if wants_page():
        return with_allowed_methods(make_response(error_page(MethodNotAllowedError())), error)
    return with_allowed_methods(problem_response(MethodNotAllowedError()), error)


@web_blueprint.after_request
def secure_pages(response: Response) -> Response:
    """Security headers on every page."""
    return security.add_security_headers(response)


def init_app(app: Flask, users: UserStore) -> None:
    """Sessions, languages (the same catalogs as the API and the documents), the pages."""
    security.init_app(app)
    app.extensions["users"] = users
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(TRANSLATIONS_DIR)
    app.config["BABEL_DOMAIN"] = "messages"
    app.config["BABEL_DEFAULT_LOCALE"] = "uk"
    Babel(app, locale_selector=select_language)
    app.register_blueprint(web_blueprint)
    app.register_error_handler(NotFound, unknown_address)
    app.register_error_handler(MethodNotAllowed, unsupported_method)
