"""Cases in the database: encrypted data, blind surname search, paging (erasure and the
retention purge: `service.storage.erasure`)."""

from __future__ import annotations

import json
import random
import re
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from service.errors import DataValidationError, NotFoundError
from service.i18n import N_
from service.principal import Principal
from service.storage.audit import record_event
from service.storage.crypto import DataCipher
from service.storage.database import Database
from service.storage.models import (
    CaseRecord,
    CaseSearchTerm,
    DocumentRecord,
    DocumentSealRecord,
    utc_now,
)

# Checks data and returns it JSON-ready, or raises DataValidationError (a schema's loader).
DataLoader = Callable[[Any], dict[str, Any]]


class CaseNotFoundError(NotFoundError):
    """No case has this id (or the caller may not see it)."""

    slug = "case-not-found"
    title = N_("Unknown case")
    detail = N_("There is no case with this id.")


@dataclass(frozen=True)
class CaseView:
    """A case as the API shows it."""

    id: str
    data: dict[str, Any]
    created_at: datetime
    updated_at: datetime
    created_by: str
    organisation_id: str | None
    number: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """The case as JSON-ready data."""
        return {
            "id": self.id,
            "number": self.number,
            "data": self.data,
            "created_at": self.created_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
            "created_by": self.created_by,
        }


def merge_patch(target: Any, patch: Any) -> Any:
    """Apply an RFC 7396 JSON merge patch: objects merge, null removes, the rest replaces."""
    if not isinstance(patch, Mapping):
        return patch
    result = dict(target) if isinstance(target, Mapping) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


# Each round of clashing requests lets at least one through, so a request waits at most
# as many rounds as requests make cases at once; SQLite reads before it writes (PostgreSQL
# takes a lock first), so 8 at once can clash 7 times in a row.
NUMBER_ATTEMPTS = 20


def copy_case_record(record: CaseRecord) -> CaseRecord:
    """A fresh, unsaved copy of a case record (a failed insert leaves the old one expired)."""
    return CaseRecord(
        id=record.id,
        organisation_id=record.organisation_id,
        created_by=record.created_by,
        created_at=record.created_at,
        updated_at=record.updated_at,
        children_count=record.children_count,
        data_encrypted=record.data_encrypted,
    )


def case_search_terms(cipher: DataCipher, data: Mapping[str, Any]) -> set[str]:
    """The blind search terms of a case's surnames, under the cipher's first key."""
    people = [
        *data.get("children", []),
        *data.get("people", []),
        *(data.get(key) for key in ("mother", "father", "applicant", "legal_representative")),
    ]
    terms: set[str] = set()
    for person in people:
        if isinstance(person, Mapping) and person.get("surname"):
            terms |= cipher.index_terms(person["surname"])
    return terms


# A case number as typed: "2026-0047", "2026-47", or the sequence alone ("0047", "47").
CASE_NUMBER = re.compile(r"^(?:(?P<year>\d{4})-)?(?P<sequence>\d{1,6})$")


def read_case_number(typed: str) -> str | None:
    """A typed case number in the stored form ("2026-47" → "2026-0047"; "47" → "-0047",
    the end of one), or None when the text is not one."""
    found = CASE_NUMBER.match(typed.strip())
    if found is None:
        return None
    sequence = f"{int(found['sequence']):04d}"
    return f"{found['year']}-{sequence}" if found["year"] else f"-{sequence}"


def number_condition(number: str) -> ColumnElement[bool]:
    """Cases of a number read by `read_case_number` (a whole one, or the end of one)."""
    if number.startswith("-"):
        return CaseRecord.number.like(f"%{number}")
    return CaseRecord.number == number


class CaseStore:
    """Create, read, change and search cases."""

    def __init__(
        self,
        database: Database,
        cipher: DataCipher,
        load_data: DataLoader,
        upgrade_data: DataLoader | None = None,
    ) -> None:
        self.database = database
        self.cipher = cipher
        # The case schema's loader, handed in: storage stores what the domain checked.
        self.load_data = load_data
        # Stored data of an older shape brought to the current one on every read (the data
        # is encrypted: no SQL migration can reach it); the next change stores it so.
        self.upgrade_data: DataLoader = upgrade_data or (lambda data: data)

    def read_data(self, record: CaseRecord) -> dict[str, Any]:
        """A stored case's data, decrypted and in the current shape."""
        return self.upgrade_data(json.loads(self.cipher.decrypt(record.data_encrypted)))

    def _view(self, record: CaseRecord) -> CaseView:
        data = self.read_data(record)
        return CaseView(
            record.id,
            data,
            record.created_at,
            record.updated_at,
            record.created_by,
            record.organisation_id,
            record.number,
        )

    def search_terms_of(self, data: Mapping[str, Any]) -> set[str]:
        """The blind search terms of a case's people's surnames (under the newest key)."""
        return case_search_terms(self.cipher, data)

    def _write(self, record: CaseRecord, data: dict[str, Any]) -> None:
        record.data_encrypted = self.cipher.encrypt(json.dumps(data, ensure_ascii=False).encode())
        record.children_count = len(data.get("children", []))

    def create(self, data: Any, *, principal: Principal) -> CaseView:
        """Check and store a new case of the caller's organisation; record who created it."""
        clean = self.load_data(data)
        now = utc_now()
        actor = principal.id
        record = CaseRecord(
            id=uuid.uuid4().hex,
            organisation_id=principal.organisation_id,
            created_by=actor,
            created_at=now,
            updated_at=now,
        )
        self._write(record, clean)
        for attempt in range(NUMBER_ATTEMPTS):
            try:
                with self.database.session() as session:
                    record.number = self._next_number(session, record)
                    session.add(record)
                    session.flush()
                    session.add_all(
                        CaseSearchTerm(case_id=record.id, term=t)
                        for t in self.search_terms_of(clean)
                    )
                    record_event(
                        session,
                        "case_created",
                        actor,
                        case_id=record.id,
                        children=record.children_count,
                    )
                break
            except IntegrityError:
                # Another request took the same number between our read and our insert.
                if attempt == NUMBER_ATTEMPTS - 1:
                    raise
                record = copy_case_record(record)
                time.sleep(random.uniform(0, 0.002 * (attempt + 1)))  # noqa: S311 - jitter only
        return self._view(record)

    @staticmethod
    def _next_number(session: Session, record: CaseRecord) -> str:
        """The organisation's next case number of the year: "2026-0047".

        PostgreSQL serialises the numbering of one organisation with a transaction lock
        (SQLite serialises every write); a clash that gets through is retried.
        """
        prefix = f"{record.created_at:%Y}-"
        if session.get_bind().dialect.name == "postgresql":
            session.execute(
                text("SELECT pg_advisory_xact_lock(hashtext(:key))"),
                {"key": f"case-number:{record.organisation_id}"},
            )
        latest = session.scalar(
            select(CaseRecord.number)
            .where(
                CaseRecord.organisation_id == record.organisation_id,
                CaseRecord.number.like(f"{prefix}%"),
            )
            .order_by(func.length(CaseRecord.number).desc(), CaseRecord.number.desc())
            .limit(1)
        )
        sequence = int(latest.removeprefix(prefix)) + 1 if latest else 1
        return f"{prefix}{sequence:04d}"

    def get(self, case_id: str, principal: Principal) -> CaseView:
        """Read a case the caller may see, or raise CaseNotFoundError."""
        with self.database.session() as session:
            record = session.get(CaseRecord, case_id)
            if record is None or not principal.may_see(record.organisation_id):
                raise CaseNotFoundError()
            return self._view(record)

    def update(self, case_id: str, patch: Any, *, principal: Principal) -> CaseView:
        """Apply a merge patch to a case's data, check the result and store it."""
        if not isinstance(patch, Mapping):
            raise DataValidationError({"data": [N_("Send the data as a JSON object.")]})
        with self.database.session() as session:
            record = session.get(CaseRecord, case_id, with_for_update=True)
            if record is None or not principal.may_see(record.organisation_id):
                raise CaseNotFoundError()
            actor = principal.id
            current = self.read_data(record)
            clean = self.load_data(merge_patch(current, patch))
            self._write(record, clean)
            record.updated_at = utc_now()
            session.query(CaseSearchTerm).filter_by(case_id=case_id).delete()
            session.add_all(
                CaseSearchTerm(case_id=case_id, term=t) for t in self.search_terms_of(clean)
            )
            record_event(
                session, "case_changed", actor, case_id=case_id, children=record.children_count
            )
            return self._view(record)

    def search(
        self,
        principal: Principal,
        *,
        surname: str | None = None,
        number: str | None = None,
        document_code: str | None = None,
        created_by: str | None = None,
        page: int = 1,
        per_page: int = 20,
    ) -> tuple[list[CaseView], int]:
        """List the caller's cases, newest change first.

        `surname` (either spelling), `number` ("2026-0047", or its sequence "47") and
        `document_code` (the verification code of one of the case's documents) each find
        cases; given together, a case any of them finds is listed. `created_by` keeps the
        cases one person opened.
        """
        query = select(CaseRecord)
        if not principal.sees_everything:
            query = query.where(CaseRecord.organisation_id == principal.organisation_id)
        if created_by:
            query = query.where(CaseRecord.created_by == created_by)
        found_by: list[ColumnElement[bool]] = []
        if surname:
            terms = self.cipher.search_terms(surname)
            matching = select(CaseSearchTerm.case_id).where(CaseSearchTerm.term.in_(terms))
            found_by.append(CaseRecord.id.in_(matching))
        if number:
            found_by.append(number_condition(number))
        if document_code:
            of_code = (
                select(DocumentRecord.case_id)
                .join(DocumentSealRecord, DocumentSealRecord.document_id == DocumentRecord.id)
                .where(DocumentSealRecord.code == document_code)
            )
            found_by.append(CaseRecord.id.in_(of_code))
        if found_by:
            query = query.where(or_(*found_by))
        with self.database.session() as session:
            total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
            records = session.scalars(
                query.order_by(CaseRecord.updated_at.desc(), CaseRecord.id)
                .limit(per_page)
                .offset((page - 1) * per_page)
            ).all()
            return [self._view(record) for record in records], total

    def numbers(self, case_ids: set[str]) -> dict[str, str]:
        """The short numbers of cases, by id (a number names no one: partners may see it)."""
        if not case_ids:
            return {}
        with self.database.session() as session:
            rows = session.execute(
                select(CaseRecord.id, CaseRecord.number).where(CaseRecord.id.in_(case_ids))
            )
            return {case_id: number for case_id, number in rows if number}

    def ids(self) -> list[str]:
        """The id of every case, oldest first."""
        with self.database.session() as session:
            return list(session.scalars(select(CaseRecord.id).order_by(CaseRecord.created_at)))

    def reindex(self, *, actor: str) -> int:
        """Rebuild every case's search terms (after a key rotation or a new kind of term)."""
        with self.database.session() as session:
            records = session.scalars(select(CaseRecord).with_for_update()).all()
            session.query(CaseSearchTerm).delete()
            for record in records:
                data = self.read_data(record)
                session.add_all(
                    CaseSearchTerm(case_id=record.id, term=t) for t in self.search_terms_of(data)
                )
            record_event(session, "cases_reindexed", actor, cases=len(records))
        return len(records)
