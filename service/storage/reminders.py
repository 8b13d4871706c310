"""Reminders in the database: each person's settings and calendar feed, the deadlines of
their cases, and the digests sent (one a day, claimed before sending).

A person's cases are those of their organisation that they created, through the pages
or with one of their own API tokens: the only tie between a person and a case stored.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, and_, delete, or_, select, update
from sqlalchemy.exc import IntegrityError

from service.i18n import DEFAULT_LANGUAGE, LANGUAGES
from service.storage.audit import record_event
from service.storage.database import Database
from service.storage.models import (
    ApiToken,
    CaseRecord,
    PlanStepRecord,
    ReminderDigest,
    ReminderSettings,
    User,
    utc_now,
)

PLAN = cast(Table, PlanStepRecord.__table__).c
CASES = cast(Table, CaseRecord.__table__).c
# Who gets reminders: the people who work on cases (partners only see what is shared).
RECIPIENT_ROLES = ("caseworker", "admin")
# A claim not marked sent after this long was left by a run that died: taken again.
STALE_CLAIM = timedelta(hours=1)
# How long the record of sent digests is kept (enough to see a missed day).
DIGEST_RETENTION = timedelta(days=90)


def hash_feed_token(token: str) -> str:
    """The stored form of a feed token: its SHA-256."""
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class Preferences:
    """A person's reminder settings (the defaults when nothing was saved)."""

    lang: str = DEFAULT_LANGUAGE
    digest: bool = True
    feed_created_at: datetime | None = None


@dataclass(frozen=True)
class Recipient:
    """A person to send a digest to."""

    user_id: str
    email: str
    role: str
    organisation_id: str | None
    lang: str


@dataclass(frozen=True)
class Deadline:
    """A step of a person's case whose due date binds (ids and dates only)."""

    case_id: str
    case_number: str | None
    step_key: str
    person: str
    template_id: str
    status: str
    due: date
    updated_at: datetime

    def overdue(self, today: date) -> bool:
        """Whether the due date has passed, as of a day."""
        return self.due < today


class ReminderStore:
    """Settings, feeds, deadlines and the record of sent digests."""

    def __init__(self, database: Database) -> None:
        self.database = database

    # -- settings and feeds ----------------------------------------------------------

    def preferences(self, user_id: str) -> Preferences:
        """A person's settings, or the defaults (digest on, in Ukrainian, no feed)."""
        with self.database.session() as session:
            row = session.get(ReminderSettings, user_id)
            if row is None:
                return Preferences()
            return Preferences(row.lang, bool(row.digest), row.feed_created_at)

    def _settings_row(self, session: Any, user_id: str) -> ReminderSettings:
        row = session.get(ReminderSettings, user_id, with_for_update=True)
        if row is None:
            row = ReminderSettings(
                user_id=user_id, lang=DEFAULT_LANGUAGE, digest=True, updated_at=utc_now()
            )
            session.add(row)
        return cast(ReminderSettings, row)

    def save_preferences(self, user_id: str, *, lang: str, digest: bool) -> None:
        """Store a person's digest language and whether to send it."""
        if lang not in LANGUAGES:
            raise ValueError(f"unsupported language: {lang}")
        with self.database.session() as session:
            row = self._settings_row(session, user_id)
            row.lang = lang
            row.digest = digest
            row.updated_at = utc_now()

    def create_feed(self, user_id: str) -> str:
        """Make a person's calendar feed token (ending any earlier one); audited.

        The token is returned once and only its hash is kept.
        """
        token = secrets.token_urlsafe(32)
        now = utc_now()
        with self.database.session() as session:
            row = self._settings_row(session, user_id)
            replaced = row.feed_token_sha256 is not None
            row.feed_token_sha256 = hash_feed_token(token)
            row.feed_created_at = now
            row.updated_at = now
            record_event(
                session, "calendar_feed_created", user_id, user_id=user_id, replaced=replaced
            )
        return token

    def revoke_feed(self, user_id: str) -> bool:
        """End a person's calendar feed; whether there was one (audited if so)."""
        with self.database.session() as session:
            row = session.get(ReminderSettings, user_id, with_for_update=True)
            if row is None or row.feed_token_sha256 is None:
                return False
            row.feed_token_sha256 = None
            row.feed_created_at = None
            row.updated_at = utc_now()
            record_event(session, "calendar_feed_revoked", user_id, user_id=user_id)
            return True

    def feed_owner(self, token: str) -> Recipient | None:
        """The enabled person whose feed this token opens, or None."""
        with self.database.session() as session:
            row = session.execute(
                select(User, ReminderSettings.lang)
                .join(ReminderSettings, ReminderSettings.user_id == User.id)
                .where(
                    ReminderSettings.feed_token_sha256 == hash_feed_token(token),
                    User.disabled_at.is_(None),
                    User.role.in_(RECIPIENT_ROLES),
                )
            ).first()
            if row is None:
                return None
            user, lang = row
            return Recipient(user.id, user.email, user.role, user.organisation_id, lang)

    # -- whom and what ---------------------------------------------------------------

    def recipients(self) -> list[Recipient]:
        """Every enabled person who works on cases and has not turned the digest off."""
        with self.database.session() as session:
            rows = session.execute(
                select(User, ReminderSettings.lang, ReminderSettings.digest)
                .outerjoin(ReminderSettings, ReminderSettings.user_id == User.id)
                .where(User.disabled_at.is_(None), User.role.in_(RECIPIENT_ROLES))
                .order_by(User.email)
            ).all()
            return [
                Recipient(
                    user.id, user.email, user.role, user.organisation_id, lang or DEFAULT_LANGUAGE
                )
                for user, lang, digest in rows
                if digest is None or digest
            ]

    def deadlines(
        self, user_id: str, organisation_id: str | None, *, until: date | None = None
    ) -> list[Deadline]:
        """The binding due dates of a person's cases (up to a day, if given), soonest first.

        A person's cases: of their organisation, created by them or by one of their tokens.
        """
        own_tokens = select(ApiToken.id).where(ApiToken.user_id == user_id)
        organisation = (
            CASES.organisation_id.is_(None)
            if organisation_id is None
            else CASES.organisation_id == organisation_id
        )
        conditions = [
            PLAN.applies.is_(True),
            PLAN.overdue_from.is_not(None),
            organisation,
            or_(CASES.created_by == user_id, CASES.created_by.in_(own_tokens)),
        ]
        if until is not None:
            conditions.append(PLAN.overdue_from <= until)
        query = (
            select(
                PLAN.case_id,
                CASES.number,
                PLAN.step_key,
                PLAN.person,
                PLAN.template_id,
                PLAN.status,
                PLAN.overdue_from,
                PLAN.updated_at,
            )
            .join_from(
                cast(Table, PlanStepRecord.__table__),
                cast(Table, CaseRecord.__table__),
                CASES.id == PLAN.case_id,
            )
            .where(and_(*conditions))
            .order_by(PLAN.overdue_from, CASES.number, PLAN.case_id, PLAN.position)
        )
        with self.database.connection() as connection:
            return [
                Deadline(
                    case_id=row.case_id,
                    case_number=row.number,
                    step_key=row.step_key,
                    person=row.person,
                    template_id=row.template_id,
                    status=row.status,
                    due=row.overdue_from,
                    updated_at=row.updated_at,
                )
                for row in connection.execute(query)
            ]

    # -- one digest a day ------------------------------------------------------------

    def claim_digest(self, user_id: str, day: date, *, now: datetime | None = None) -> bool:
        """Take the right to send a person's digest of a day: False if it was sent, or
        another run is sending it (a claim left unsent for an hour is taken again)."""
        now = now or utc_now()
        try:
            with self.database.session() as session:
                session.add(ReminderDigest(user_id=user_id, day=day, claimed_at=now, steps=0))
            return True
        except IntegrityError:
            pass
        with self.database.connection() as connection:
            taken = connection.execute(
                update(ReminderDigest)
                .where(
                    ReminderDigest.user_id == user_id,
                    ReminderDigest.day == day,
                    ReminderDigest.sent_at.is_(None),
                    ReminderDigest.claimed_at < now - STALE_CLAIM,
                )
                .values(claimed_at=now)
            )
            return bool(taken.rowcount)

    def mark_sent(self, user_id: str, day: date, *, steps: int) -> None:
        """Record that a person's digest of a day was handed to the mail server; audited."""
        with self.database.session() as session:
            row = session.get(ReminderDigest, (user_id, day))
            if row is None:  # released meanwhile: record it anyway, it was sent
                row = ReminderDigest(user_id=user_id, day=day, claimed_at=utc_now())
                session.add(row)
            row.sent_at = utc_now()
            row.steps = steps
            record_event(
                session, "reminder_sent", "reminders", user_id=user_id, steps=steps, day=str(day)
            )

    def release_digest(self, user_id: str, day: date) -> None:
        """Give up a claim that was not sent (nothing due, or the mail server refused)."""
        with self.database.connection() as connection:
            connection.execute(
                delete(ReminderDigest).where(
                    ReminderDigest.user_id == user_id,
                    ReminderDigest.day == day,
                    ReminderDigest.sent_at.is_(None),
                )
            )

    def sent_on(self, day: date) -> dict[str, int]:
        """The digests sent on a day: steps listed, by person."""
        with self.database.connection() as connection:
            rows = connection.execute(
                select(ReminderDigest.user_id, ReminderDigest.steps).where(
                    ReminderDigest.day == day, ReminderDigest.sent_at.is_not(None)
                )
            )
            return {row.user_id: row.steps for row in rows}

    def forget_old_digests(self, today: date) -> int:
        """Delete the record of digests older than the retention; how many."""
        with self.database.connection() as connection:
            result = connection.execute(
                delete(ReminderDigest).where(ReminderDigest.day < today - DIGEST_RETENTION)
            )
            return int(result.rowcount or 0)
