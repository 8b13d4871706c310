"""Forgetting: erasure of a case or of one person of it, the retention purge, and the sweep
of files no record needs any more.

Everything that holds a case's data goes in one transaction: the case and its search
terms, its plan (with what the caseworker recorded of each step), its documents with
their shares and links, its evidence files (scans and photos), the bytes of the database
store, the caseworkers' notes, and the jobs whose request or results name it. What must
stay for the record stays without personal data: the audit events (ids and hashes only,
and one more saying who erased what, and why, from a fixed list) and each document's
seal, which the public page then reports as withdrawn, with no name. Files on disk (the
file store's documents, and every node's encrypted preview images) cannot join the
transaction: they are deleted after it commits, and whatever that misses (a crash,
another node's preview cache) is found by `sweep_files`, which deletes any file no
document record points at.

Erasing one person rewrites the case without them and deletes every document made from
the case so far: a child's court application names the mother and the brothers and
sisters, so any document of the family may name the person. The case's notes go too, for
the same reason (free text may name anyone). The plan is rebuilt by the caller, and the
documents can be made again from what remains. The person's own evidence files go too;
those attached to the whole case stay with the family.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, delete, exists, func, insert, select, update

from service.errors import NotFoundError
from service.i18n import N_
from service.principal import Principal
from service.storage.audit import record_event
from service.storage.cases import CaseNotFoundError, CaseStore, CaseView
from service.storage.crypto import DataCipher
from service.storage.database import Database
from service.storage.evidence import unused_hashes
from service.storage.files import PAGE_IMAGES_FOLDER, TEMPORARY_PREFIX, DocumentFileStore
from service.storage.models import (
    CaseNoteRecord,
    CaseRecord,
    CaseSearchTerm,
    DocumentBlob,
    DocumentRecord,
    DocumentSealRecord,
    DocumentShare,
    EvidenceRecord,
    JobRecord,
    PlanStepRecord,
    ShareLink,
    utc_now,
)

log = logging.getLogger(__name__)

# What a withdrawn document's seal says publicly (its `revocation_reason`; the words are
# service.verification.rules.WITHDRAWAL_REASONS).
ERASED, EXPIRED = "erased", "expired"
# The roles of a case's adults that can be erased one by one (children and the adults of
# `people` go by their id). A role (applicant, legal representative) names a person of the
# case: erasing it erases that person, and every role that names them.
PARENTS = ("mother", "father")
ROLES = ("applicant", "legal_representative")
ADULT_ROLES = (*PARENTS, *ROLES)
# A file younger than this is not swept as unreferenced: its record may be committing.
SWEEP_GRACE_SECONDS = 600


class PersonNotFoundError(NotFoundError):
    """The case has no such person."""

    slug = "person-not-found"
    title = N_("Unknown person")
    detail = N_(
        "The case has no person with this id: a child's id, or mother, father, applicant "
        "or legal_representative."
    )


@dataclass
class ErasureReport:
    """What an erasure or a purge removed (counts; the hashes of bytes left to delete)."""

    cases: int = 0
    people: int = 0
    documents: int = 0
    evidence: int = 0
    jobs: int = 0
    plan_steps: int = 0
    files: int = 0
    hashes: set[str] = field(default_factory=set)

    def as_dict(self) -> dict[str, int]:
        """The counts as JSON-ready data."""
        return {
            "cases": self.cases,
            "people": self.people,
            "documents": self.documents,
            "evidence": self.evidence,
            "jobs": self.jobs,
            "plan_steps": self.plan_steps,
            "files": self.files,
        }


class DataEraser:
    """Erases cases and people, purges what is past retention, sweeps unreferenced files."""

    def __init__(
        self,
        database: Database,
        cipher: DataCipher,
        files: Callable[[], DocumentFileStore],
        cases: CaseStore,
        documents_dir: Path,
    ) -> None:
        self.database = database
        self.cipher = cipher
        self._files = files
        self.cases = cases
        self.documents_dir = documents_dir

    # Erasure ---------------------------------------------------------------------------

    def erase_case(self, case_id: str, *, principal: Principal, reason: str) -> ErasureReport:
        """Erase a case and everything made from it, in one transaction; then its files."""
        report = ErasureReport()
        with self.database.connection() as connection:
            self._lock_case(connection, case_id, principal)
            self._remove_evidence(connection, EvidenceRecord.case_id == case_id, report)
            self._remove_case_contents(connection, [case_id], principal.id, ERASED, report)
            report.plan_steps += _count(
                connection.execute(delete(PlanStepRecord).where(PlanStepRecord.case_id == case_id))
            )
            connection.execute(delete(CaseSearchTerm).where(CaseSearchTerm.case_id == case_id))
            connection.execute(delete(CaseRecord).where(CaseRecord.id == case_id))
            report.cases = 1
            record_event(
                connection,
                "case_erased",
                principal.id,
                case_id=case_id,
                reason=reason,
                **_counts(report),
            )
        self.delete_files(report)
        return report

    def erase_person(
        self, case_id: str, person: str, *, principal: Principal, reason: str
    ) -> tuple[CaseView, ErasureReport]:
        """Erase one person of a case (a child by id, or an adult by role) and every
        document made from the case so far; tell the case as it is now."""
        report = ErasureReport(people=1)
        with self.database.connection() as connection:
            record = self._lock_case(connection, case_id, principal)
            data = self.cases.upgrade_data(json.loads(self.cipher.decrypt(record.data_encrypted)))
            remaining = without_person(data, person)
            clean = self.cases.load_data(remaining)
            self._remove_evidence(
                connection,
                (EvidenceRecord.case_id == case_id) & (EvidenceRecord.person == person),
                report,
            )
            self._remove_case_contents(connection, [case_id], principal.id, ERASED, report)
            report.plan_steps += _count(
                connection.execute(
                    delete(PlanStepRecord).where(
                        PlanStepRecord.case_id == case_id, PlanStepRecord.person == person
                    )
                )
            )
            now = utc_now()
            encrypted = self.cipher.encrypt(json.dumps(clean, ensure_ascii=False).encode())
            connection.execute(
                update(CaseRecord)
                .where(CaseRecord.id == case_id)
                .values(
                    data_encrypted=encrypted,
                    children_count=len(clean.get("children", [])),
                    updated_at=now,
                )
            )
            connection.execute(delete(CaseSearchTerm).where(CaseSearchTerm.case_id == case_id))
            terms = self.cases.search_terms_of(clean)
            if terms:
                connection.execute(
                    insert(CaseSearchTerm), [{"case_id": case_id, "term": t} for t in terms]
                )
            record_event(
                connection,
                "person_erased",
                principal.id,
                case_id=case_id,
                person=audit_person(data, person),
                reason=reason,
                **_counts(report),
            )
            view = CaseView(
                record.id,
                clean,
                record.created_at,
                now,
                record.created_by,
                record.organisation_id,
                record.number,
            )
        self.delete_files(report)
        return view, report

    def _lock_case(self, connection: Connection, case_id: str, principal: Principal) -> Any:
        record = connection.execute(
            select(*CaseRecord.__table__.columns).where(CaseRecord.id == case_id).with_for_update()
        ).first()
        if record is None or not principal.may_see(record.organisation_id):
            raise CaseNotFoundError()
        return record

    def _remove_case_contents(
        self,
        connection: Connection,
        case_ids: list[str],
        actor: str,
        withdrawal: str,
        report: ErasureReport,
    ) -> None:
        """Delete the cases' documents (shares, links, bytes in the database), jobs and notes."""
        rows = connection.execute(
            select(DocumentRecord.id, DocumentRecord.sha256).where(
                DocumentRecord.case_id.in_(case_ids)
            )
        ).all()
        self._remove_documents(connection, rows, actor, withdrawal, report)
        report.jobs += _count(
            connection.execute(delete(JobRecord).where(JobRecord.case_id.in_(case_ids)))
        )
        # A note is free text: like any document of the family, it may name anyone of it.
        connection.execute(delete(CaseNoteRecord).where(CaseNoteRecord.case_id.in_(case_ids)))

    def _remove_documents(
        self,
        connection: Connection,
        rows: Sequence[Any],
        actor: str,
        withdrawal: str,
        report: ErasureReport,
    ) -> None:
        if not rows:
            return
        ids = [row.id for row in rows]
        hashes = {row.sha256 for row in rows}
        connection.execute(delete(ShareLink).where(ShareLink.document_id.in_(ids)))
        connection.execute(delete(DocumentShare).where(DocumentShare.document_id.in_(ids)))
        now = utc_now()
        # The seal stays, so a court holding the paper learns it was withdrawn; its
        # private note (which may name someone) goes.
        connection.execute(
            update(DocumentSealRecord)
            .where(DocumentSealRecord.document_id.in_(ids), DocumentSealRecord.revoked_at.is_(None))
            .values(revoked_at=now, revoked_by=actor, revocation_reason=withdrawal)
        )
        connection.execute(
            update(DocumentSealRecord)
            .where(DocumentSealRecord.document_id.in_(ids))
            .values(revocation_note_encrypted=None)
        )
        connection.execute(delete(DocumentRecord).where(DocumentRecord.id.in_(ids)))
        unused = unused_hashes(connection, hashes)
        # The database store's bytes go in this transaction; files after it commits.
        connection.execute(delete(DocumentBlob).where(DocumentBlob.sha256.in_(unused)))
        report.documents += len(ids)
        report.hashes |= unused

    def _remove_evidence(self, connection: Connection, which: Any, report: ErasureReport) -> None:
        """Delete the evidence files `which` selects, and their bytes in the database store
        (in this transaction; files and thumbnails after it commits)."""
        hashes = set(connection.scalars(select(EvidenceRecord.sha256).where(which)))
        removed = _count(connection.execute(delete(EvidenceRecord).where(which)))
        if not removed:
            return
        unused = unused_hashes(connection, hashes)
        connection.execute(delete(DocumentBlob).where(DocumentBlob.sha256.in_(unused)))
        report.evidence += removed
        report.hashes |= unused

    # Retention -------------------------------------------------------------------------

    def purge(
        self,
        *,
        cases_older_than: timedelta | None,
        renders_older_than: timedelta,
        actor: str,
    ) -> ErasureReport:
        """Delete cases unchanged for longer than `cases_older_than` and documents made
        without a case (`POST /render`) and their jobs older than `renders_older_than`,
        as erasure does; then sweep the files no record needs."""
        report = ErasureReport()
        now = utc_now()
        with self.database.connection() as connection:
            if cases_older_than is not None:
                old_ids = list(
                    connection.scalars(
                        select(CaseRecord.id).where(CaseRecord.updated_at < now - cases_older_than)
                    )
                )
                if old_ids:
                    self._remove_evidence(connection, EvidenceRecord.case_id.in_(old_ids), report)
                    self._remove_case_contents(connection, old_ids, actor, EXPIRED, report)
                    report.plan_steps += _count(
                        connection.execute(
                            delete(PlanStepRecord).where(PlanStepRecord.case_id.in_(old_ids))
                        )
                    )
                    connection.execute(
                        delete(CaseSearchTerm).where(CaseSearchTerm.case_id.in_(old_ids))
                    )
                    connection.execute(delete(CaseRecord).where(CaseRecord.id.in_(old_ids)))
                report.cases = len(old_ids)
            render_cutoff = now - renders_older_than
            renders = connection.execute(
                select(DocumentRecord.id, DocumentRecord.sha256).where(
                    DocumentRecord.case_id.is_(None), DocumentRecord.created_at < render_cutoff
                )
            ).all()
            self._remove_documents(connection, renders, actor, EXPIRED, report)
            # Jobs without a case hold the rendered data in their request.
            report.jobs += _count(
                connection.execute(
                    delete(JobRecord).where(
                        JobRecord.case_id.is_(None),
                        JobRecord.created_at < render_cutoff,
                        JobRecord.state.in_(("done", "failed")),
                    )
                )
            )
            record_event(
                connection,
                "cases_purged",
                actor,
                older_than_days=cases_older_than.days if cases_older_than else None,
                render_retention_days=renders_older_than.days,
                **_counts(report),
            )
        self.delete_files(report)
        report.files += self.sweep_files()
        return report

    # Files -----------------------------------------------------------------------------

    def delete_files(self, report: ErasureReport) -> None:
        """Delete the bytes and preview images of the hashes an erasure left (best effort:
        what fails stays for `sweep_files`)."""
        files = self._files()
        for sha256 in sorted(report.hashes):
            try:
                if not files.joins_transactions:
                    files.delete(sha256)
                discard_page_images(self.documents_dir, sha256)
                report.files += 1
            except OSError as error:
                log.warning(
                    "erased file not deleted yet",
                    extra={"stage": "erase", "sha256": sha256, "error": type(error).__name__},
                )

    def unreferenced_files(self, grace_seconds: float = SWEEP_GRACE_SECONDS) -> list[Path]:
        """Document files and preview-image folders that no document or evidence record
        points at, older than `grace_seconds` (so one whose record is committing is not
        among them)."""
        with self.database.statements() as connection:
            referenced = set(connection.scalars(select(DocumentRecord.sha256).distinct()))
            referenced |= set(connection.scalars(select(EvidenceRecord.sha256).distinct()))
        cutoff = time.time() - grace_seconds
        found = [
            path
            for path in _stored_files(self.documents_dir)
            if path.name not in referenced and _older(path, cutoff)
        ]
        pages = self.documents_dir / PAGE_IMAGES_FOLDER
        found += [
            folder
            for folder in pages.glob("*/??/*")
            if folder.is_dir() and folder.name not in referenced and _older(folder, cutoff)
        ]
        return found

    def sweep_files(self, grace_seconds: float = SWEEP_GRACE_SECONDS) -> int:
        """Delete what `unreferenced_files` finds; tell how many."""
        removed = 0
        for path in self.unreferenced_files(grace_seconds):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
            removed += 1
        if removed:
            log.info("unreferenced files swept", extra={"stage": "erase", "count": removed})
        return removed

    def blobs_unreferenced(self) -> int:
        """How many database-store blobs no document points at (a store check's count)."""
        with self.database.statements() as connection:
            unreferenced = ~exists().where(
                DocumentRecord.sha256 == DocumentBlob.sha256
            ) & ~exists().where(EvidenceRecord.sha256 == DocumentBlob.sha256)
            return int(
                connection.scalar(
                    select(func.count()).select_from(DocumentBlob).where(unreferenced)
                )
                or 0
            )


def audit_person(data: Mapping[str, Any], person: str) -> str:
    """How the audit names a person: an adult's role, else "child" or "adult" (no id of ours
    names anyone, but the trail keeps to kinds)."""
    if person in ADULT_ROLES:
        return person
    children = {c.get("id") for c in data.get("children", []) if isinstance(c, Mapping)}
    return "child" if person in children else "adult"


def without_person(data: Mapping[str, Any], person: str) -> dict[str, Any]:
    """A case's data without one person (a child's id, an adult's role or id in `people`);
    raises PersonNotFoundError when the case has no such person."""
    remaining = dict(data)
    if person in ROLES:
        role = remaining.get(person)
        if not isinstance(role, Mapping):
            raise PersonNotFoundError()
        if "person" not in role:  # a role holding its person itself (never stored so now)
            del remaining[person]
            return remaining
        person = str(role["person"])
    adults = [p.get("id") for p in remaining.get("people", []) if isinstance(p, Mapping)]
    if person in PARENTS or person in adults:
        if person in PARENTS and person not in remaining:
            raise PersonNotFoundError()
        kept = [
            p
            for p in remaining.get("people", [])
            if not (isinstance(p, Mapping) and p.get("id") == person)
        ]
        remaining.pop("people", None)
        if kept:
            remaining["people"] = kept
        remaining.pop(person, None)
        for role_name in ROLES:
            role = remaining.get(role_name)
            if isinstance(role, Mapping) and role.get("person") == person:
                del remaining[role_name]
        return remaining
    children = list(remaining.get("children", []))
    kept = [child for child in children if child.get("id") != person]
    if len(kept) == len(children):
        raise PersonNotFoundError()
    remaining["children"] = kept
    # Data entered for one document about this child goes with the child.
    template_data = {
        template: values
        for template, values in remaining.get("template_data", {}).items()
        if values.get("child_id") != person
    }
    if "template_data" in remaining:
        remaining["template_data"] = template_data
    return remaining


def discard_page_images(documents_dir: Path, sha256: str) -> None:
    """Delete a document's preview images made by every renderer version."""
    for folder in (documents_dir / PAGE_IMAGES_FOLDER).glob(f"*/{sha256[:2]}/{sha256}"):
        shutil.rmtree(folder)


def _stored_files(root: Path) -> list[Path]:
    """The files of the file store under `root` (`ab/cd/<sha256>`), not temporary ones."""
    found = []
    for path in root.glob("??/??/*"):
        if len(path.name) == 64 and not path.name.startswith(TEMPORARY_PREFIX):
            found.append(path)
    return found


def _older(path: Path, cutoff: float) -> bool:
    try:
        return os.stat(path).st_mtime < cutoff
    except FileNotFoundError:
        return False


def _count(result: Any) -> int:
    return int(result.rowcount or 0)


def _counts(report: ErasureReport) -> dict[str, Any]:
    return {key: value for key, value in report.as_dict().items() if key != "files"}
