"""Case notes: a caseworker's free text on a case, encrypted at rest, audited without the text.

A note may name anyone of the family (or others), so it is kept like the case's data:
encrypted with the data key (`keys reencrypt` finds the column from the model), exported
with the case, and erased with the case or with any one of its people.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.errors import DataValidationError, NotFoundError
from service.i18n import N_
from service.principal import Principal
from service.storage.audit import record_event
from service.storage.cases import CaseNotFoundError
from service.storage.crypto import DataCipher
from service.storage.database import Database
from service.storage.models import CaseNoteRecord, CaseRecord, utc_now

NOTE_MAX_LENGTH = 4000


class NoteNotFoundError(NotFoundError):
    """No note has this id on this case (or the caller may not see it)."""

    slug = "note-not-found"
    title = N_("Unknown note")
    detail = N_("The case has no note with this id.")


@dataclass(frozen=True)
class CaseNote:
    """A note as the pages and the export show it."""

    id: str
    case_id: str
    text: str
    created_by: str
    created_at: datetime

    def as_dict(self) -> dict[str, str]:
        """The note as JSON-ready data."""
        return {
            "id": self.id,
            "text": self.text,
            "created_by": self.created_by,
            "created_at": self.created_at.isoformat(),
        }


def load_note_text(text: str) -> str:
    """A note's text, trimmed; refused when empty or longer than the limit."""
    clean = text.replace("\r\n", "\n").strip()
    if not clean:
        raise DataValidationError({"text": [N_("Write the note first.")]})
    if len(clean) > NOTE_MAX_LENGTH:
        raise DataValidationError({"text": [N_("A note holds at most 4000 characters.")]})
    return clean


class NoteStore:
    """Add, list and delete the notes of a case."""

    def __init__(self, database: Database, cipher: DataCipher) -> None:
        self.database = database
        self.cipher = cipher

    def _view(self, record: CaseNoteRecord) -> CaseNote:
        return CaseNote(
            record.id,
            record.case_id,
            self.cipher.decrypt(record.text_encrypted).decode(),
            record.created_by,
            record.created_at,
        )

    @staticmethod
    def _check_case(session: Session, case_id: str, principal: Principal) -> None:
        record = session.get(CaseRecord, case_id)
        if record is None or not principal.may_see(record.organisation_id):
            raise CaseNotFoundError()

    def add(self, case_id: str, text: str, *, principal: Principal) -> CaseNote:
        """Keep a new note on a case the caller may see; the audit says only that it was."""
        clean = load_note_text(text)
        record = CaseNoteRecord(
            id=uuid.uuid4().hex,
            case_id=case_id,
            created_by=principal.id,
            created_at=utc_now(),
            text_encrypted=self.cipher.encrypt(clean.encode()),
        )
        with self.database.session() as session:
            self._check_case(session, case_id, principal)
            session.add(record)
            record_event(session, "note_added", principal.id, case_id=case_id, note=record.id)
            return self._view(record)

    def list_for_case(self, case_id: str, principal: Principal) -> list[CaseNote]:
        """The notes of a case, newest first."""
        with self.database.session() as session:
            self._check_case(session, case_id, principal)
            records = session.scalars(
                select(CaseNoteRecord)
                .where(CaseNoteRecord.case_id == case_id)
                .order_by(CaseNoteRecord.created_at.desc(), CaseNoteRecord.id)
            ).all()
            return [self._view(record) for record in records]

    def delete(self, case_id: str, note_id: str, *, principal: Principal) -> None:
        """Delete a note: its author or an admin (others get not found)."""
        with self.database.session() as session:
            self._check_case(session, case_id, principal)
            record = session.get(CaseNoteRecord, note_id)
            if (
                record is None
                or record.case_id != case_id
                or (record.created_by != principal.id and not principal.sees_everything)
            ):
                raise NoteNotFoundError()
            session.delete(record)
            record_event(session, "note_deleted", principal.id, case_id=case_id, note=note_id)
