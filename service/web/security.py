"""Caseworker pages' protections: sessions, CSRF tokens, security headers."""

from __future__ import annotations

import hmac
import inspect
import secrets
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import Flask, Response, current_app, g, redirect, request, session, url_for

from service.access.users import UserStore
from service.errors import ServiceError
from service.i18n import N_
from service.principal import Principal

View = TypeVar("View", bound=Callable[..., Any])

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'self'"
)


class CsrfError(ServiceError):
    """A form came without the token of the signed-in session."""

    status = 400
    slug = "csrf-token-missing"
    title = N_("The form has expired")
    detail = N_("Reload the page and send the form again.")


def csrf_token() -> str:
    """The session's CSRF token (made on first use)."""
    token = session.get("csrf_token")
    if not token:
        token = session["csrf_token"] = secrets.token_urlsafe(32)
    return str(token)


def check_csrf() -> None:
    """Refuse a state-changing request whose form token does not match the session's."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    sent = request.form.get("_csrf_token", "") or request.headers.get("X-CSRF-Token", "")
    expected = session.get("csrf_token", "")
    if not expected or not hmac.compare_digest(sent, expected):
        raise CsrfError()


def users() -> UserStore:
    """The application's users."""
    store: UserStore = current_app.extensions["users"]
    return store


def signed_in() -> Principal | None:
    """The signed-in person of this request, if any (checked against the database)."""
    if "principal" not in g:
        user_id = session.get("user_id")
        generation = session.get("session_generation", 0)
        g.principal = users().principal(user_id, generation) if user_id else None
        if g.principal is not None:
            g.actor_id = g.principal.id
        elif user_id:  # disabled, or signed out everywhere since: this session is over
            session.pop("user_id", None)
            session.pop("session_generation", None)
    principal: Principal | None = g.principal
    return principal


# Who signs in to the pages: caseworkers and admins, and partners (a court, an
# international organisation) to see what is shared with them.
SIGNS_IN = ("caseworker", "admin", "partner")


def login_required(*roles: str) -> Callable[[View], View]:
    """Send people who are not signed in to the login page, and others to their start page.

    A view with a `principal` parameter is handed the signed-in person.
    """

    def decorate(view: View) -> View:
        hands_principal = "principal" in inspect.signature(view).parameters

        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            principal = signed_in()
            if principal is None or principal.role not in SIGNS_IN:
                return redirect(url_for("web.login", next=request.full_path))
            if principal.role not in roles:
                return redirect(url_for("web.home"))
            if hands_principal:
                kwargs["principal"] = principal
            return view(*args, **kwargs)

        return wrapper  # type: ignore[return-value]  # wraps() keeps the view's own signature

    return decorate


def signed_in_principal() -> Principal:
    """The signed-in person, for the helpers of views behind login_required."""
    principal = signed_in()
    if principal is None:  # only views behind login_required call these helpers
        raise RuntimeError("no signed-in person behind login_required")
    return principal


def add_security_headers(response: Response) -> Response:
    """CSP, no sniffing, no framing by others, no caching of personal pages."""
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers.setdefault("Cache-Control", "no-store")
    return response


def init_app(app: Flask) -> None:
    """Secure session cookies for the pages."""
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    app.config["SESSION_COOKIE_SAMESITE"] = app.config.get("SESSION_COOKIE_SAMESITE") or "Lax"
    app.config["SESSION_COOKIE_SECURE"] = app.config.get("SESSION_COOKIE_SECURE", True)
    app.config.setdefault("PERMANENT_SESSION_LIFETIME", 8 * 3600)
