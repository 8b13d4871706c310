"""Database tables: cases (encrypted), their search terms, documents, and the audit trail."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on every database (SQLite keeps no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Store in UTC."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Read back as UTC."""
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utc_now() -> datetime:
    """The current time in UTC."""
    return datetime.now(UTC)


def row_values(record: Base) -> dict[str, Any]:
    """The column values of a new (unsaved) ORM object, for a plain INSERT of it."""
    return {column.key: getattr(record, column.key) for column in record.__table__.columns}


class Base(DeclarativeBase):
    """Base of every table."""


class CaseRecord(Base):
    """One family's case; its data is encrypted JSON."""

    __tablename__ = "cases"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    organisation_id: Mapped[str | None] = mapped_column(String(32), index=True)
    # "2026-0047": the organisation's own short number (unique with organisation_id).
    number: Mapped[str | None] = mapped_column(String(16))
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    children_count: Mapped[int] = mapped_column(Integer, default=0)
    data_encrypted: Mapped[bytes] = mapped_column(LargeBinary)


class CaseSearchTerm(Base):
    """A blind index term (HMAC of a surname) that finds a case without decrypting it."""

    __tablename__ = "case_search_terms"

    case_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True
    )
    term: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)


class DocumentRecord(Base):
    """A rendered document: what made it, its hashes, and who made it when."""

    __tablename__ = "documents"
    __table_args__ = (Index("ix_documents_input", "input_sha256", "case_id"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    case_id: Mapped[str | None] = mapped_column(
        String(32), ForeignKey("cases.id", ondelete="CASCADE"), index=True
    )
    template_id: Mapped[str] = mapped_column(String(100))
    template_version: Mapped[str] = mapped_column(String(20))
    lang: Mapped[str] = mapped_column(String(5))
    format: Mapped[str] = mapped_column(String(5))
    media_type: Mapped[str] = mapped_column(String(100))
    input_sha256: Mapped[str] = mapped_column(String(64))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer)
    render_date: Mapped[date] = mapped_column(Date)
    filename_encrypted: Mapped[bytes] = mapped_column(LargeBinary)
    # Whom the document is about (the child, or the patient), encrypted: lists name it.
    subject_encrypted: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    organisation_id: Mapped[str | None] = mapped_column(String(32), index=True)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class DocumentBlob(Base):
    """A document's bytes, encrypted, addressed by their SHA-256 (the database store)."""

    __tablename__ = "document_blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    size: Mapped[int] = mapped_column(Integer)


class AuditEvent(Base):
    """One append-only event: who did what to which object, with hashes, never personal data."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    case_id: Mapped[str | None] = mapped_column(String(32), index=True)
    document_id: Mapped[str | None] = mapped_column(String(32))
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Organisation(Base):
    """An organisation: the Ombudsman's office, a partner NGO, a court, an integrator."""

    __tablename__ = "organisations"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ApiToken(Base):
    """An API token: only its SHA-256 is stored; the token is shown once when made.

    A person's token has their `user_id` and stops working when they are disabled; a
    system token (an integration's) belongs to no one.
    """

    __tablename__ = "api_tokens"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20))
    organisation_id: Mapped[str | None] = mapped_column(
        String(32), ForeignKey("organisations.id"), index=True
    )
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    user_id: Mapped[str | None] = mapped_column(String(32), ForeignKey("users.id"), index=True)


class User(Base):
    """A person who signs in to the caseworker pages (e-mail and a password hash).

    A page session remembers the `session_generation` it began in; disabling a person
    moves it on, so every session begun before stops working, even after re-enabling.
    """

    __tablename__ = "users"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))
    organisation_id: Mapped[str | None] = mapped_column(
        String(32), ForeignKey("organisations.id"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    disabled_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    session_generation: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class JobRecord(Base):
    """A background job (a packet, a bulk render): its request (encrypted), progress, results.

    Results hold document ids and per-item errors (field paths and message ids), never
    personal data; the request and the webhook address are encrypted.
    """

    __tablename__ = "jobs"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(String(10), index=True)
    created_by: Mapped[str] = mapped_column(String(64), index=True)
    role: Mapped[str] = mapped_column(String(20))
    organisation_id: Mapped[str | None] = mapped_column(String(32), index=True)
    case_id: Mapped[str | None] = mapped_column(String(32))
    total: Mapped[int] = mapped_column(Integer, default=0)
    done: Mapped[int] = mapped_column(Integer, default=0)
    failed: Mapped[int] = mapped_column(Integer, default=0)
    request_encrypted: Mapped[bytes] = mapped_column(LargeBinary)
    results: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    webhook_encrypted: Mapped[bytes | None] = mapped_column(LargeBinary)
    webhook_state: Mapped[str | None] = mapped_column(String(12))
    webhook_attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    started_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # Who runs the job now, until when: a runner renews its lease while it works; a job
    # whose lease ran out (its worker died) is taken again, up to a number of attempts.
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    lease_owner: Mapped[str | None] = mapped_column(String(32))
    lease_expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), index=True)
    # When the job was last handed to a runner (its broker message sent): a job still
    # queued long after it has lost its message (Redis restarted), and is sent again.
    published_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class DocumentSealRecord(Base):
    """What a document's verification code tells anyone: no personal data.

    Not tied to the documents table, so a purge of old cases leaves it: a court can still
    check a document whose data was deleted. The revocation note may name people, so it
    is encrypted and shown only to those who may see the document.
    """

    __tablename__ = "document_seals"

    document_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    code: Mapped[str] = mapped_column(String(14), unique=True)
    series: Mapped[str] = mapped_column(String(64), index=True)
    template_id: Mapped[str] = mapped_column(String(100))
    template_version: Mapped[str] = mapped_column(String(20))
    lang: Mapped[str] = mapped_column(String(5))
    format: Mapped[str] = mapped_column(String(5))
    render_date: Mapped[date] = mapped_column(Date)
    issuer: Mapped[str] = mapped_column(String(300))
    verify_url: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    unsigned_sha256: Mapped[str] = mapped_column(String(64))
    unsigned_size: Mapped[int] = mapped_column(Integer)
    certificate_sha256: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    revoked_by: Mapped[str | None] = mapped_column(String(64))
    revocation_reason: Mapped[str | None] = mapped_column(String(20))
    revocation_note_encrypted: Mapped[bytes | None] = mapped_column(LargeBinary)


class DocumentShare(Base):
    """A document shared with a partner organisation, whose partner tokens then see it."""

    __tablename__ = "document_shares"
    __table_args__ = (
        Index("ix_document_shares_pair", "document_id", "organisation_id", unique=True),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    document_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    organisation_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class ShareLink(Base):
    """An expiring download link of one document (the token is an HMAC of the id, not stored)."""

    __tablename__ = "share_links"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    document_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class Institution(Base):
    """A public body of an organisation's directory (a court, a registry office, a ЦНАП...).

    Not personal data: stored in clear. The `name_*` columns hold a caseworker's
    corrections of the derived forms (null: the derived form is used).
    """

    __tablename__ = "institutions"
    __table_args__ = (Index("ix_institutions_organisation_name", "organisation_id", "name_folded"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    organisation_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(30))
    name: Mapped[str] = mapped_column(String(300))
    # The name case-folded, for a search that ignores case on every database (SQLite's
    # lower() knows only ASCII letters).
    name_folded: Mapped[str] = mapped_column(String(600))
    name_dative: Mapped[str | None] = mapped_column(String(300))
    name_genitive: Mapped[str | None] = mapped_column(String(300))
    name_en: Mapped[str | None] = mapped_column(String(300))
    edrpou: Mapped[str | None] = mapped_column(String(8))  # a legal entity's register code
    address: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    created_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_by: Mapped[str] = mapped_column(String(64))


class PlanStepRecord(Base):
    """One step of a case's plan: what the rules ask of a person, and how far it got.

    Rewritten from the case whenever it changes. Field paths and statuses are in clear
    (they name no one); what the caseworker recorded of the step (where it was filed,
    the decision's number, a reason) is encrypted like the case. `is_next` marks each
    person's first step not done nor not needed: the caseload reads it with an index.
    """

    __tablename__ = "plan_steps"
    __table_args__ = (
        Index("ix_plan_steps_caseload", "organisation_id", "is_next", "due", "case_id"),
        Index("ix_plan_steps_template", "organisation_id", "is_next", "template_id"),
    )

    case_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True
    )
    step_key: Mapped[str] = mapped_column(String(100), primary_key=True)
    organisation_id: Mapped[str | None] = mapped_column(String(32))
    person: Mapped[str] = mapped_column(String(32))
    rule: Mapped[str] = mapped_column(String(60))
    template_id: Mapped[str] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(12))
    ready: Mapped[bool] = mapped_column(Boolean, default=False)
    missing: Mapped[list[str]] = mapped_column(JSON, default=list)
    due: Mapped[date | None] = mapped_column(Date)
    overdue_from: Mapped[date | None] = mapped_column(Date)
    position: Mapped[int] = mapped_column(Integer, default=0)
    applies: Mapped[bool] = mapped_column(Boolean, default=True)
    is_next: Mapped[bool] = mapped_column(Boolean, default=False)
    progress_encrypted: Mapped[bytes | None] = mapped_column(LargeBinary)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class PurposeKeyRecord(Base):
    """A secret of one purpose (verification codes, link tokens), encrypted with the data key.

    Kept here rather than derived from the data key, so a rotation of the data key changes
    neither the codes of documents to come nor the tokens of links already handed out
    (`storage/purpose_keys.py`); `keys reencrypt` rewrites it like every other value.
    """

    __tablename__ = "purpose_keys"

    purpose: Mapped[str] = mapped_column(String(40), primary_key=True)
    key_encrypted: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class EvidenceRecord(Base):
    """A scan or photo attached to a case (or to one person of it): its bytes are stored
    like a document's (content-addressed, encrypted), its name and caption encrypted.

    `person` is a child's id or an adult's role (null: the whole case); `media_type` is
    what the bytes were found to be, never what the upload claimed.
    """

    __tablename__ = "evidence"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    case_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("cases.id", ondelete="CASCADE"), index=True
    )
    organisation_id: Mapped[str | None] = mapped_column(String(32))
    person: Mapped[str | None] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(40))
    media_type: Mapped[str] = mapped_column(String(40))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer)
    pages: Mapped[int] = mapped_column(Integer, default=1)
    filename_encrypted: Mapped[bytes] = mapped_column(LargeBinary)
    description_encrypted: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class DocumentEvidence(Base):
    """A document lists a piece of evidence as an annex: a partner who receives the
    document may fetch that evidence, and no other."""

    __tablename__ = "document_evidence"

    document_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    evidence_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("evidence.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    annex: Mapped[int] = mapped_column(Integer)


class CaseNoteRecord(Base):
    """A caseworker's free-text note on a case, encrypted like the case (it may name anyone)."""

    __tablename__ = "case_notes"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    case_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("cases.id", ondelete="CASCADE"), index=True
    )
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    text_encrypted: Mapped[bytes] = mapped_column(LargeBinary)


class ReminderSettings(Base):
    """How a person wants reminders: the digest's language, whether to send it, their feed.

    The feed's token is never stored: only its SHA-256, so a stolen database opens no
    calendar, and the person can revoke it (or make a new one, which ends the old).
    """

    __tablename__ = "reminder_settings"

    user_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    lang: Mapped[str] = mapped_column(String(2), default="uk")
    digest: Mapped[bool] = mapped_column(Boolean, default=True)
    feed_token_sha256: Mapped[str | None] = mapped_column(String(64), unique=True)
    feed_created_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ReminderDigest(Base):
    """One day's digest of one person: claimed before it is sent, so each day sends one.

    Holds a count, never what the letter said (case numbers and initials stay in the mail).
    """

    __tablename__ = "reminder_digests"

    user_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    claimed_at: Mapped[datetime] = mapped_column(UtcDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    steps: Mapped[int] = mapped_column(Integer, default=0)
