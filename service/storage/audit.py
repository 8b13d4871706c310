"""The audit trail: append-only events with ids and hashes, never a name or a number."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import Connection, Table, insert, select
from sqlalchemy.orm import Session

from service.storage.models import AuditEvent, utc_now

AUDIT_TABLE = cast(Table, AuditEvent.__table__)
AUDIT_INSERT = insert(AUDIT_TABLE)

ACTIONS = (
    "case_created",
    "case_changed",
    "document_rendered",
    "document_reused",
    "document_downloaded",
    "document_shared",
    "packet_built",
    "cases_purged",
    "case_erased",
    "person_erased",
    "case_exported",
    "cases_reindexed",
    "document_revoked",
    "share_revoked",
    "link_created",
    "link_revoked",
    "job_created",
    "job_finished",
    "institution_created",
    "institution_changed",
    "plan_step_changed",
    "user_disabled",
    "user_enabled",
    "key_rotated",
    "keys_reencrypted",
    "key_retired",
    "evidence_added",
    "evidence_deleted",
    "evidence_downloaded",
    "note_added",
    "note_deleted",
    "calendar_feed_created",
    "calendar_feed_revoked",
    "reminder_sent",
)


def record_event(
    transaction: Session | Connection,
    action: str,
    actor: str,
    *,
    case_id: str | None = None,
    document_id: str | None = None,
    **details: Any,
) -> None:
    """Append one event (in the caller's transaction, so it commits with the change)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action}")
    # A plain INSERT built once: the ORM's insert machinery costs more than the SQL.
    transaction.execute(
        AUDIT_INSERT,
        {
            "at": utc_now(),
            "actor": actor,
            "action": action,
            "case_id": case_id,
            "document_id": document_id,
            "details": details,
        },
    )


def list_events(
    session: Session,
    *,
    case_id: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Events in time order, filtered by case and time."""
    query = select(AuditEvent).order_by(AuditEvent.id)
    if case_id:
        query = query.where(AuditEvent.case_id == case_id)
    if since:
        query = query.where(AuditEvent.at >= since)
    if until:
        query = query.where(AuditEvent.at < until)
    events = session.scalars(query.limit(limit).offset(offset))
    return [
        {
            "id": event.id,
            "at": event.at.isoformat(),
            "actor": event.actor,
            "action": event.action,
            "case_id": event.case_id,
            "document_id": event.document_id,
            "details": event.details,
        }
        for event in events
    ]
