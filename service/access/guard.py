"""Who may call what: bearer tokens, roles per view, 401 / 403 as problems."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import current_app, g, request

from service.access.tokens import AccessStore
from service.errors import ServiceError
from service.i18n import N_
from service.principal import Principal

View = TypeVar("View", bound=Callable[..., Any])
ALLOWED_ROLES_ATTRIBUTE = "allowed_roles"
PUBLIC = "public"


class UnauthorizedError(ServiceError):
    """No token, or one that is unknown or revoked."""

    status = 401
    slug = "unauthorized"
    title = N_("Authentication required")
    detail = N_("Send a valid API token: Authorization: Bearer <token>.")

    def headers(self) -> dict[str, str]:
        """Say how to authenticate."""
        return {"WWW-Authenticate": 'Bearer realm="paperwork"'}


class ForbiddenError(ServiceError):
    """The token's role may not do this."""

    status = 403
    slug = "forbidden"
    title = N_("Not allowed")
    detail = N_("Your role may not do this.")


def allow(*roles: str) -> Callable[[View], View]:
    """Declare which roles may call a view (`PUBLIC` for no token at all)."""

    def mark(view: View) -> View:
        setattr(view, ALLOWED_ROLES_ATTRIBUTE, frozenset(roles))
        return view

    return mark


def current_principal() -> Principal:
    """The caller of the current request (authenticated by the guard)."""
    principal: Principal = g.principal
    return principal


def bearer_token() -> str | None:
    """The token of the Authorization header, if it is a bearer token."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def check_request(store: AccessStore) -> None:
    """Check the current request: token, then the view's roles (none declared: 403)."""
    view = current_app.view_functions.get(request.endpoint or "")
    roles: frozenset[str] = getattr(view, ALLOWED_ROLES_ATTRIBUTE, frozenset())
    if PUBLIC in roles:
        return
    token = bearer_token()
    principal = store.authenticate(token) if token else None
    if principal is None:
        raise UnauthorizedError()
    g.principal = principal
    g.actor_id = principal.id
    if principal.role not in roles:
        raise ForbiddenError()
