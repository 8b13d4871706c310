"""Organisations and API tokens (stored as SHA-256; the token itself is shown once).

A token is a person's (it has their `user_id`, role and organisation, and stops working
when they are disabled) or a system token: named, owned by no one, e.g. an integration's.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import bindparam, select

from service.principal import ROLES, ROLES_WITH_ORGANISATION, Principal
from service.storage.database import Database
from service.storage.models import ApiToken, Organisation, User, utc_now

TOKEN_PREFIX = "pwk_"  # noqa: S105 - a recognisable prefix, not a secret

# Built once: every API request checks its token, and building the statement cost more
# than running it. The owner's state is read in the same statement: a disabled person's
# token is refused even if it was somehow left unrevoked (say, disabled by hand in SQL).
TOKEN_LOOKUP = (
    select(
        ApiToken.id,
        ApiToken.role,
        ApiToken.organisation_id,
        ApiToken.revoked_at,
        ApiToken.user_id,
        User.disabled_at.label("owner_disabled_at"),
    )
    .outerjoin(User, User.id == ApiToken.user_id)
    .where(ApiToken.token_sha256 == bindparam("token_sha256"))
)


class AccessConfigurationError(ValueError):
    """A token or organisation cannot be made as asked."""


def hash_token(token: str) -> str:
    """The SHA-256 of a token (tokens are random, so no salt or stretching is needed)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class AccessStore:
    """Create, list and revoke organisations and tokens; find the principal of a token."""

    def __init__(self, database: Callable[[], Database]) -> None:
        self._database = database

    @property
    def database(self) -> Database:
        """The database (opened on first use)."""
        return self._database()

    def create_organisation(self, name: str) -> str:
        """Add an organisation and return its id."""
        organisation = Organisation(
            id=uuid.uuid4().hex, name=name.strip()[:300], created_at=utc_now()
        )
        with self.database.session() as session:
            session.add(organisation)
        return organisation.id

    def list_organisations(self) -> list[dict[str, Any]]:
        """Every organisation."""
        with self.database.session() as session:
            rows = session.scalars(select(Organisation).order_by(Organisation.created_at))
            return [
                {"id": o.id, "name": o.name, "created_at": o.created_at.isoformat()} for o in rows
            ]

    def create_token(
        self,
        *,
        role: str | None,
        name: str,
        organisation_id: str | None,
        user_id: str | None = None,
    ) -> tuple[str, str]:
        """Make a token (a person's, given `user_id`); return its id and the token, shown once.

        A person's token has the person's role and organisation: a `role` or
        `organisation_id` given with it must be theirs.
        """
        with self.database.session() as session:
            if user_id is not None:
                role, organisation_id = owner_access(
                    session.get(User, user_id), role, organisation_id
                )
            if role not in ROLES:
                raise AccessConfigurationError(f"role must be one of {', '.join(ROLES)}")
            if role in ROLES_WITH_ORGANISATION and not organisation_id:
                raise AccessConfigurationError(f"a {role} token needs --organisation")
            if organisation_id and session.get(Organisation, organisation_id) is None:
                raise AccessConfigurationError("no such organisation")
            token = TOKEN_PREFIX + secrets.token_urlsafe(32)
            record = ApiToken(
                id=uuid.uuid4().hex,
                name=name.strip()[:100],
                role=role,
                organisation_id=organisation_id,
                user_id=user_id,
                token_sha256=hash_token(token),
                created_at=utc_now(),
            )
            session.add(record)
        return record.id, token

    def list_tokens(self) -> list[dict[str, Any]]:
        """Every token's id, name, role, organisation, owner and state (never the token).

        The owner is the person's e-mail, or "system" for a token that belongs to no one.
        """
        with self.database.session() as session:
            rows = session.execute(
                select(ApiToken, User.email, User.disabled_at)
                .outerjoin(User, User.id == ApiToken.user_id)
                .order_by(ApiToken.created_at)
            )
            return [
                {
                    "id": t.id,
                    "name": t.name,
                    "role": t.role,
                    "organisation_id": t.organisation_id,
                    "owner": email if t.user_id else "system",
                    "user_id": t.user_id,
                    "created_at": t.created_at.isoformat(),
                    "revoked": t.revoked_at is not None,
                    "owner_disabled": disabled_at is not None,
                }
                for t, email, disabled_at in rows
            ]

    def revoke_token(self, token_id: str) -> bool:
        """Revoke a token; tell whether it existed."""
        with self.database.session() as session:
            record = session.get(ApiToken, token_id)
            if record is None:
                return False
            record.revoked_at = record.revoked_at or utc_now()
            return True

    def authenticate(self, token: str) -> Principal | None:
        """The principal of a valid, unrevoked token, or None."""
        if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
            return None
        with self.database.statements() as connection:
            record = connection.execute(TOKEN_LOOKUP, {"token_sha256": hash_token(token)}).first()
        if record is None or record.revoked_at is not None or record.owner_disabled_at is not None:
            return None
        return Principal(record.id, record.role, record.organisation_id)


def owner_access(
    user: User | None, role: str | None, organisation_id: str | None
) -> tuple[str, str | None]:
    """The role and organisation of a person's token: the person's own (they must be enabled)."""
    if user is None:
        raise AccessConfigurationError("no such user")
    if user.disabled_at is not None:
        raise AccessConfigurationError("the user is disabled: enable them first")
    if role is not None and role != user.role:
        raise AccessConfigurationError(f"a token of this user has the user's role, {user.role}")
    if organisation_id is not None and organisation_id != user.organisation_id:
        raise AccessConfigurationError("a token of this user has the user's organisation")
    return user.role, user.organisation_id
