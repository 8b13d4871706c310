"""People who sign in to the caseworker pages: e-mail, scrypt password hash, role."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from service.access.tokens import AccessConfigurationError
from service.principal import ROLES, ROLES_WITH_ORGANISATION, Principal
from service.storage.database import Database
from service.storage.models import Organisation, User, utc_now

MIN_PASSWORD_LENGTH = 12
# A hash to compare against when the e-mail is unknown, so both paths take as long.
_ABSENT_USER_HASH = generate_password_hash("absent-user-password", method="scrypt")


def normalise_email(email: str) -> str:
    """Compare e-mail addresses case-insensitively, without surrounding spaces."""
    return email.strip().lower()


class UserStore:
    """Create users and check their passwords."""

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

    def authenticate(self, email: str, password: str) -> Principal | None:
        """The principal of a user whose password matches, or None."""
        with self._database().session() as session:
            user = session.scalars(select(User).where(User.email == normalise_email(email))).first()
            if user is None or user.disabled_at is not None:
                check_password_hash(_ABSENT_USER_HASH, password)
                return None
            if not check_password_hash(user.password_hash, password):
                return None
            return Principal(user.id, user.role, user.organisation_id)

    def principal(self, user_id: str) -> Principal | None:
        """The principal of a signed-in user, if the user still exists and is enabled."""
        with self._database().session() as session:
            user = session.get(User, user_id)
            if user is None or user.disabled_at is not None:
                return None
            return Principal(user.id, user.role, user.organisation_id)

    def emails(self, user_ids: set[str]) -> dict[str, str]:
        """The e-mail of each user id (to show who did what in a case's history)."""
        if not user_ids:
            return {}
        with self._database().session() as session:
            rows = session.execute(select(User.id, User.email).where(User.id.in_(user_ids)))
            return {row.id: row.email for row in rows}
