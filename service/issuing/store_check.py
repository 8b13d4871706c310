"""The store check: every document record has its bytes, whose SHA-256 is the record's, and
every seal agrees with its document (for a PDF, our signature verifies).

For monitoring (`flask documents verify-store` exits 1 on any fault) and after a restore
or a move between stores. It reads every document, so it runs as long as a backup does;
faults are reported by document id (ids name no one).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from service.storage import Storage
from service.storage.files import FileStoreError
from service.storage.models import DocumentRecord, DocumentSealRecord
from service.verification import DocumentSigner

BATCH = 200


@dataclass
class StoreReport:
    """What the check found: counts, and the ids of documents with each fault."""

    documents: int = 0
    sealed: int = 0
    signatures_checked: int = 0
    missing: list[str] = field(default_factory=list)
    damaged: list[str] = field(default_factory=list)
    seal_mismatch: list[str] = field(default_factory=list)
    signature_invalid: list[str] = field(default_factory=list)
    unreferenced_files: int = 0

    @property
    def healthy(self) -> bool:
        """No document lacks its bytes, has damaged ones, or disagrees with its seal."""
        return not (self.missing or self.damaged or self.seal_mismatch or self.signature_invalid)

    def as_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data."""
        return {
            "healthy": self.healthy,
            "documents": self.documents,
            "sealed": self.sealed,
            "signatures_checked": self.signatures_checked,
            "missing": self.missing,
            "damaged": self.damaged,
            "seal_mismatch": self.seal_mismatch,
            "signature_invalid": self.signature_invalid,
            "unreferenced_files": self.unreferenced_files,
        }


def check_store(
    storage: Storage,
    signer: DocumentSigner | None,
    *,
    progress: Callable[[int], None] = lambda _done: None,
) -> StoreReport:
    """Read every stored document back and check its bytes and its seal."""
    report = StoreReport()
    files = storage.files
    after = ""
    while True:
        with storage.database.statements() as connection:
            rows = connection.execute(
                select(
                    DocumentRecord.id,
                    DocumentRecord.sha256,
                    DocumentRecord.format,
                    DocumentSealRecord.sha256.label("seal_sha256"),
                )
                .outerjoin(DocumentSealRecord, DocumentSealRecord.document_id == DocumentRecord.id)
                .where(DocumentRecord.id > after)
                .order_by(DocumentRecord.id)
                .limit(BATCH)
            ).all()
        if not rows:
            break
        for row in rows:
            check_one(row, files, signer, report)
        after = rows[-1].id
        progress(len(rows))
    erasure = storage.erasure
    report.unreferenced_files = erasure.blobs_unreferenced() + len(erasure.unreferenced_files())
    return report


def check_one(row: Any, files: Any, signer: DocumentSigner | None, report: StoreReport) -> None:
    """Check one document's bytes and seal, adding what is wrong to the report."""
    report.documents += 1
    if not files.exists(row.sha256):
        report.missing.append(row.id)
        return
    try:
        content = files.load(row.sha256)  # checked against its SHA-256
    except FileStoreError:
        report.damaged.append(row.id)
        return
    if row.seal_sha256 is None:
        return
    report.sealed += 1
    if row.seal_sha256 != row.sha256:
        report.seal_mismatch.append(row.id)
    elif row.format == "pdf" and signer is not None:
        report.signatures_checked += 1
        if not signer.check(content).valid:
            report.signature_invalid.append(row.id)
