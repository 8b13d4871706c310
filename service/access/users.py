"""People who sign in to the caseworker pages: e-mail, scrypt password hash, role.

Disabling a person ends at once every page session they began (the session generation
moves on) and revokes their API tokens; enabling them lets them sign in again, with new
tokens made for them (the revoked ones stay revoked).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from service.access.tokens import AccessConfigurationError
from service.principal import ROLES, ROLES_WITH_ORGANISATION, Principal
from service.storage.audit import record_event
from service.storage.database import Database
from service.storage.models import ApiToken, Organisation, User, utc_now

MIN_PASSWORD_LENGTH = 12
# A hash to compare against when the e-mail is unknown, so both paths take as long.
_ABSENT_USER_HASH = generate_password_hash("absent-user-password", method="scrypt")


def normalise_email(email: str) -> str:
    """Compare e-mail addresses case-insensitively, without surrounding spaces."""
    return email.strip().lower()


@dataclass(frozen=True)
class SignIn:
    """A person who has just signed in, and the session generation their session belongs to."""

    principal: Principal
    session_generation: int


@dataclass(frozen=True)
class AccountChange:
    """What disabling or enabling a person did (ids and counts only)."""

    user_id: str
    changed: bool
    tokens_revoked: int = 0


class UserStore:
    """Create, list, disable and enable users; check their passwords and sessions."""

    def __init__(self, database: Callable[[], Database]) -> None:
        self._database = database

    def create_user(
        self, *, email: str, password: str, role: str, organisation_id: str | None
    ) -> str:
        """Add a user (password hashed with scrypt); return the user's id."""
        if role not in ROLES or role == "system":
            raise AccessConfigurationError("role must be caseworker, partner or admin")
        if role in ROLES_WITH_ORGANISATION and not organisation_id:
            raise AccessConfigurationError(f"a {role} needs --organisation")
        if len(password) < MIN_PASSWORD_LENGTH:
            raise AccessConfigurationError(f"a password needs {MIN_PASSWORD_LENGTH} characters")
        user = User(
            id=uuid.uuid4().hex,
            email=normalise_email(email),
            password_hash=generate_password_hash(password, method="scrypt"),
            role=role,
            organisation_id=organisation_id,
            created_at=utc_now(),
        )
        with self._database().session() as session:
            if organisation_id and session.get(Organisation, organisation_id) is None:
                raise AccessConfigurationError("no such organisation")
            if session.scalars(select(User).where(User.email == user.email)).first():
                raise AccessConfigurationError("a user with this e-mail exists")
            session.add(user)
        return user.id

    def sign_in(self, email: str, password: str) -> SignIn | None:
        """The person whose password matches, with their current session generation, or None."""
        with self._database().session() as session:
            user = session.scalars(select(User).where(User.email == normalise_email(email))).first()
            if user is None or user.disabled_at is not None:
                check_password_hash(_ABSENT_USER_HASH, password)
                return None
            if not check_password_hash(user.password_hash, password):
                return None
            return SignIn(
                Principal(user.id, user.role, user.organisation_id), user.session_generation
            )

    def authenticate(self, email: str, password: str) -> Principal | None:
        """The principal of a user whose password matches, or None."""
        signed_in = self.sign_in(email, password)
        return signed_in.principal if signed_in else None

    def principal(self, user_id: str, session_generation: int = 0) -> Principal | None:
        """The principal of a signed-in user, if enabled and the session was not ended since."""
        with self._database().session() as session:
            user = session.get(User, user_id)
            if (
                user is None
                or user.disabled_at is not None
                or user.session_generation != session_generation
            ):
                return None
            return Principal(user.id, user.role, user.organisation_id)

    def find(self, email: str) -> str | None:
        """The id of the user with this e-mail, if there is one."""
        with self._database().session() as session:
            return session.scalars(
                select(User.id).where(User.email == normalise_email(email))
            ).first()

    def list_users(self) -> list[dict[str, Any]]:
        """Every user: id, e-mail, role, organisation, state and live tokens (by e-mail)."""
        live_tokens = (
            select(ApiToken.user_id, func.count().label("tokens"))
            .where(ApiToken.revoked_at.is_(None), ApiToken.user_id.is_not(None))
            .group_by(ApiToken.user_id)
            .subquery()
        )
        with self._database().session() as session:
            rows = session.execute(
                select(User, live_tokens.c.tokens)
                .outerjoin(live_tokens, live_tokens.c.user_id == User.id)
                .order_by(User.email)
            )
            return [
                {
                    "id": user.id,
                    "email": user.email,
                    "role": user.role,
                    "organisation_id": user.organisation_id,
                    "created_at": user.created_at.isoformat(),
                    "disabled_at": user.disabled_at.isoformat() if user.disabled_at else None,
                    "tokens": tokens or 0,
                }
                for user, tokens in rows
            ]

    def disable(self, user_id: str, *, actor: str) -> AccountChange:
        """Disable a person: end their page sessions and revoke their tokens, at once; audited."""
        now = utc_now()
        with self._database().session() as session:
            user = session.get(User, user_id, with_for_update=True)
            if user is None:
                raise AccessConfigurationError("no such user")
            changed = user.disabled_at is None
            user.disabled_at = user.disabled_at or now
            user.session_generation += 1
            live = session.scalars(
                select(ApiToken).where(ApiToken.user_id == user_id, ApiToken.revoked_at.is_(None))
            ).all()
            for token in live:
                token.revoked_at = now
            record_event(session, "user_disabled", actor, user_id=user_id, tokens_revoked=len(live))
            return AccountChange(user_id, changed, len(live))

    def enable(self, user_id: str, *, actor: str) -> AccountChange:
        """Let a disabled person sign in again (their revoked tokens stay revoked); audited."""
        with self._database().session() as session:
            user = session.get(User, user_id, with_for_update=True)
            if user is None:
                raise AccessConfigurationError("no such user")
            if user.disabled_at is None:
                return AccountChange(user_id, changed=False)
            user.disabled_at = None
            record_event(session, "user_enabled", actor, user_id=user_id)
            return AccountChange(user_id, changed=True)

    def emails(self, user_ids: set[str]) -> dict[str, str]:
        """The e-mail of each user id (to show who did what in a case's history)."""
        if not user_ids:
            return {}
        with self._database().session() as session:
            rows = session.execute(select(User.id, User.email).where(User.id.in_(user_ids)))
            return {row.id: row.email for row in rows}
