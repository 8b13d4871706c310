"""Export of what is held on a case or on one person of it: JSON and the documents, in a ZIP.

What a family (or a regulator) may ask for: the case's data as stored, its plan with what
the caseworker recorded of each step, every document with its file, every evidence file
(scan or photo) with its bytes, the seals, shares and links of each document, the jobs
made from the case with their requests, the audit events of the case (ids and hashes:
they name no one), and the caseworkers' notes. One person's export holds their own entry
of the case, their steps, the documents about them (those of their steps, and those whose
subject is their name), the evidence attached to them and the notes that name their
surname; other documents and notes of the family may name them too, and are listed by id.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from service.principal import Principal
from service.storage.archive import DocumentArchive, StoredDocument
from service.storage.audit import list_events, record_event
from service.storage.cases import CaseStore, CaseView
from service.storage.crypto import DataCipher
from service.storage.database import Database
from service.storage.erasure import ADULT_ROLES, ROLES, PersonNotFoundError, audit_person
from service.storage.evidence import EvidenceStore, StoredEvidence
from service.storage.models import DocumentSealRecord, DocumentShare, JobRecord, ShareLink
from service.storage.notes import CaseNote, NoteStore
from service.storage.plans import PlanStore, StoredStep, progress_to_json

# A fixed time inside the ZIP, so the same data exports to the same bytes.
ZIP_TIME = (2026, 1, 1, 0, 0, 0)


class CaseExporter:
    """Collects what is held on a case (or a person of it) into a ZIP."""

    def __init__(
        self,
        database: Database,
        cipher: DataCipher,
        cases: CaseStore,
        plans: PlanStore,
        archive: DocumentArchive,
        *,
        evidence: EvidenceStore,
        notes: NoteStore,
    ) -> None:
        self.notes = notes
        self.database = database
        self.cipher = cipher
        self.cases = cases
        self.plans = plans
        self.archive = archive
        self.evidence = evidence

    def export(self, case_id: str, principal: Principal, person: str | None = None) -> bytes:
        """The ZIP of a case (or of one of its people): `export.json` and `documents/`."""
        case = self.cases.get(case_id, principal)
        documents = self.archive.list_for_case(case.id, principal)
        steps = self.plans.steps(case.id)
        evidence = self.evidence.list_for_case(case.id)
        notes = self.notes.list_for_case(case.id, principal)
        every_note = [note.id for note in notes]
        if person is not None:
            evidence = [item for item in evidence if item.person == person]
            entry = person_entry(case.data, person)
            steps = [step for step in steps if step.person == person]
            documents = documents_about(documents, steps, entry)
            notes = notes_about(notes, entry)
        held = {
            "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "case": self._case(case, person),
            "plan": [present_step(step) for step in steps],
            "documents": [self._document(document) for document in documents],
            "evidence": [{**item.as_dict(), "file": evidence_path(item)} for item in evidence],
            "jobs": self._jobs(case.id) if person is None else [],
            "notes": [note.as_dict() for note in notes],
            "audit": self._audit(case.id),
        }
        if person is not None:
            listed = {document.id for document in documents}
            held["other_documents_of_the_case"] = [
                document.id
                for document in self.archive.list_for_case(case.id, principal)
                if document.id not in listed
            ]
            held["other_notes_of_the_case"] = [
                note_id for note_id in every_note if note_id not in {n.id for n in notes}
            ]
        with self.database.connection() as connection:
            record_event(
                connection,
                "case_exported",
                principal.id,
                case_id=case.id,
                person=None if person is None else audit_person(case.data, person),
                documents=len(documents),
                evidence=len(evidence),
            )
        return self._zip(held, documents, evidence)

    def _case(self, case: CaseView, person: str | None) -> dict[str, Any]:
        if person is None:
            return case.as_dict()
        return {
            "id": case.id,
            "number": case.number,
            "person": person,
            "data": person_entry(case.data, person),
        }

    def _document(self, document: StoredDocument) -> dict[str, Any]:
        with self.database.session() as session:
            seal = session.get(DocumentSealRecord, document.id)
            shares = session.scalars(
                select(DocumentShare).where(DocumentShare.document_id == document.id)
            ).all()
            links = session.scalars(
                select(ShareLink).where(ShareLink.document_id == document.id)
            ).all()
            return {
                **document.as_dict(),
                "subject": document.subject,
                "file": f"documents/{document.id}/{document.filename}",
                "seal": None
                if seal is None
                else {
                    "code": seal.code,
                    "sha256": seal.sha256,
                    "revoked_at": seal.revoked_at.isoformat() if seal.revoked_at else None,
                    "revocation_reason": seal.revocation_reason,
                    "revocation_note": self.cipher.decrypt(seal.revocation_note_encrypted).decode()
                    if seal.revocation_note_encrypted
                    else None,
                },
                "shared_with": [
                    {
                        "organisation_id": share.organisation_id,
                        "created_at": share.created_at.isoformat(),
                        "revoked_at": share.revoked_at.isoformat() if share.revoked_at else None,
                    }
                    for share in shares
                ],
                "links": [
                    {
                        "id": link.id,
                        "created_at": link.created_at.isoformat(),
                        "expires_at": link.expires_at.isoformat(),
                        "revoked_at": link.revoked_at.isoformat() if link.revoked_at else None,
                    }
                    for link in links
                ],
            }

    def _jobs(self, case_id: str) -> list[dict[str, Any]]:
        with self.database.session() as session:
            jobs = session.scalars(
                select(JobRecord).where(JobRecord.case_id == case_id).order_by(JobRecord.created_at)
            ).all()
            return [
                {
                    "id": job.id,
                    "kind": job.kind,
                    "state": job.state,
                    "created_at": job.created_at.isoformat(),
                    "request": json.loads(self.cipher.decrypt(job.request_encrypted)),
                    "results": job.results,
                }
                for job in jobs
            ]

    def _audit(self, case_id: str) -> list[dict[str, Any]]:
        with self.database.session() as session:
            return list_events(session, case_id=case_id, limit=100_000)

    def _zip(
        self,
        held: dict[str, Any],
        documents: list[StoredDocument],
        evidence: list[StoredEvidence],
    ) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            entry = zipfile.ZipInfo("export.json", ZIP_TIME)
            text = json.dumps(held, ensure_ascii=False, indent=2, sort_keys=True)
            archive.writestr(entry, text.encode(), zipfile.ZIP_DEFLATED)
            for document in documents:
                info = zipfile.ZipInfo(f"documents/{document.id}/{document.filename}", ZIP_TIME)
                archive.writestr(info, self.archive.read_bytes(document), zipfile.ZIP_DEFLATED)
            for item in evidence:
                info = zipfile.ZipInfo(evidence_path(item), ZIP_TIME)
                archive.writestr(info, self.evidence.read_bytes(item), zipfile.ZIP_DEFLATED)
        return buffer.getvalue()


def evidence_path(item: StoredEvidence) -> str:
    """Where an evidence file is in the export ZIP (its id, then the name it was sent as)."""
    name = item.filename.replace("/", "_").replace("\\", "_") or "file"
    return f"evidence/{item.id}/{name}"


def person_entry(data: Mapping[str, Any], person: str) -> dict[str, Any]:
    """One person's entry of a case's data (a child by id, an adult by role or by id).

    A role (applicant, legal representative) gives the person it names, with the role's own
    papers beside.
    """
    entry: Any = data.get(person) if person in ADULT_ROLES else None
    role = entry if person in ROLES and isinstance(entry, Mapping) else None
    if role is not None and "person" in role:
        entry = person_entry(data, str(role["person"]))
        entry.update({key: value for key, value in role.items() if key != "person"})
    elif person not in ADULT_ROLES:
        everyone = [*data.get("children", []), *data.get("people", [])]
        entry = next((c for c in everyone if c.get("id") == person), None)
    if not isinstance(entry, Mapping):
        raise PersonNotFoundError()
    return dict(entry)


def documents_about(
    documents: list[StoredDocument], steps: list[StoredStep], entry: Mapping[str, Any]
) -> list[StoredDocument]:
    """The documents of a person's steps, and those whose subject is the person's name."""
    of_steps = {document_id for step in steps for document_id in step.progress.document_ids}
    name = " ".join(
        part for part in (entry.get(key) for key in ("surname", "given_name", "patronymic")) if part
    )
    return [d for d in documents if d.id in of_steps or (name and d.subject == name)]


def notes_about(notes: list[CaseNote], entry: Mapping[str, Any]) -> list[CaseNote]:
    """The notes that name a person by surname (any letter case); free text says no more."""
    surname = str(entry.get("surname") or "").casefold()
    return [note for note in notes if surname and surname in note.text.casefold()]


def present_step(step: StoredStep) -> dict[str, Any]:
    """A stored plan step as JSON-ready data."""
    return {
        "key": step.key,
        "person": step.person,
        "rule": step.rule,
        "template": step.template_id,
        "status": step.status,
        "due": step.due.isoformat() if step.due else None,
        "applies": step.applies,
        "progress": progress_to_json(step.progress),
    }
