"""Storage: the database, encrypted cases, document files, issued documents, the audit trail.

`Storage` builds each part on first use, so creating the application opens nothing and
commands that need no database (templates, render) run without one.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from service.storage.archive import DocumentArchive, DocumentNotFoundError, StoredDocument
from service.storage.blobs import DatabaseFileStore
from service.storage.cases import CaseNotFoundError, CaseStore, CaseView, DataLoader
from service.storage.crypto import (
    DataCipher,
    KeyConfigurationError,
    ensure_key_file,
    ensure_secret_file,
    load_cipher,
)
from service.storage.database import Database
from service.storage.erasure import DataEraser
from service.storage.evidence import EvidenceStore, StoredEvidence
from service.storage.export import CaseExporter
from service.storage.files import DocumentFileStore, LocalFileStore
from service.storage.institutions import InstitutionNotFoundError, InstitutionStore, InstitutionView
from service.storage.notes import NoteStore
from service.storage.page_images import PageImageCache, PageSet
from service.storage.plans import CaseloadItem, PlanStore, StepNotFoundError, StoredStep
from service.storage.purpose_keys import SHARE_LINKS, PurposeKeys
from service.storage.reminders import ReminderStore
from service.storage.verification import VerificationStore

__all__ = [
    "DATABASE_STORE",
    "DOCUMENT_STORES",
    "FILESYSTEM_STORE",
    "CaseNotFoundError",
    "CaseStore",
    "CaseView",
    "CaseloadItem",
    "DocumentArchive",
    "DocumentNotFoundError",
    "EvidenceStore",
    "InstitutionNotFoundError",
    "InstitutionStore",
    "InstitutionView",
    "KeyConfigurationError",
    "NoteStore",
    "PageImageCache",
    "PageSet",
    "PlanStore",
    "PurposeKeys",
    "ReminderStore",
    "StepNotFoundError",
    "Storage",
    "StoredDocument",
    "StoredEvidence",
    "StoredStep",
    "ensure_key_file",
    "ensure_secret_file",
]


DATABASE_STORE, FILESYSTEM_STORE = "database", "filesystem"
DOCUMENT_STORES = (DATABASE_STORE, FILESYSTEM_STORE)


def default_document_store(database_url: str) -> str:
    """Document bytes in PostgreSQL when the database is one (a cluster), else in files."""
    return DATABASE_STORE if database_url.startswith("postgres") else FILESYSTEM_STORE


class Storage:
    """The storage parts of one application, made lazily from its settings."""

    def __init__(
        self,
        *,
        database_url: str,
        documents_dir: Path,
        data_keys: str | None,
        key_file: Path,
        load_case: DataLoader,
        load_institution: DataLoader,
        upgrade_case: DataLoader | None = None,
        sealed: bool = False,
        public_url: str = "http://127.0.0.1:8000",
        document_store: str | None = None,
    ) -> None:
        self.database_url = database_url
        self.documents_dir = documents_dir
        self.data_keys = data_keys
        self.key_file = key_file
        self.load_case = load_case
        self.upgrade_case = upgrade_case
        self.load_institution = load_institution
        self.sealed = sealed  # documents are sealed and signed (a certificate is set up)
        self.public_url = public_url
        self.document_store = document_store or default_document_store(database_url)
        if self.document_store not in DOCUMENT_STORES:
            raise ValueError(f"PAPERWORK_DOCUMENT_STORE must be one of {DOCUMENT_STORES}")

    @cached_property
    def database(self) -> Database:
        """The database."""
        return Database(self.database_url)

    def begin_request(self) -> None:
        """Share one database connection among a request's plain statements."""
        self.database.begin_request()

    def end_request(self, _error: BaseException | None = None) -> None:
        """Give the request's shared database connection back."""
        self.database.end_request()

    @cached_property
    def cipher(self) -> DataCipher:
        """Encryption of case data, file names and files."""
        return load_cipher(self.data_keys, self.key_file)

    @cached_property
    def purpose_keys(self) -> PurposeKeys:
        """The keys of verification codes and link tokens, which outlive a data key."""
        return PurposeKeys(self.database, self.cipher)

    @cached_property
    def files(self) -> DocumentFileStore:
        """The content-addressed document bytes, in the database or in files."""
        return self.store_named(self.document_store)

    @cached_property
    def local_files(self) -> LocalFileStore:
        """The document files under DOCUMENTS_DIR (the store of the embedded SQLite default)."""
        store = LocalFileStore(self.documents_dir, self.cipher)
        store.sweep_temporary()
        return store

    def store_named(self, name: str) -> DocumentFileStore:
        """The document store of a name (`database` or `filesystem`), for moving bytes."""
        if name == DATABASE_STORE:
            return DatabaseFileStore(self.database, self.cipher)
        return self.local_files

    def page_images(self, renderer: str) -> PageImageCache:
        """Preview images of stored PDFs made by one renderer version, beside the files."""
        return PageImageCache(self.documents_dir, self.cipher, renderer)

    @cached_property
    def cases(self) -> CaseStore:
        """Cases."""
        return CaseStore(self.database, self.cipher, self.load_case, self.upgrade_case)

    @cached_property
    def evidence(self) -> EvidenceStore:
        """Scans and photos attached to cases, stored like document bytes."""
        return EvidenceStore(self.database, self.cipher, lambda: self.files, self.documents_dir)

    @cached_property
    def erasure(self) -> DataEraser:
        """Erasure of cases and people, the retention purge, the sweep of unneeded files."""
        return DataEraser(
            self.database, self.cipher, lambda: self.files, self.cases, self.documents_dir
        )

    @cached_property
    def exporter(self) -> CaseExporter:
        """Export of what is held on a case or one of its people."""
        return CaseExporter(
            self.database,
            self.cipher,
            self.cases,
            self.plans,
            self.archive,
            evidence=self.evidence,
            notes=self.notes,
        )

    @cached_property
    def notes(self) -> NoteStore:
        """Caseworkers' notes on cases (encrypted)."""
        return NoteStore(self.database, self.cipher)

    @cached_property
    def plans(self) -> PlanStore:
        """The stored plan of each case, and the caseload."""
        return PlanStore(self.database, self.cipher)

    @cached_property
    def reminders(self) -> ReminderStore:
        """Reminder settings, calendar feeds, deadlines of a person's cases, digests sent."""
        return ReminderStore(self.database)

    @cached_property
    def institutions(self) -> InstitutionStore:
        """The directory of institutions of each organisation."""
        return InstitutionStore(self.database, self.load_institution)

    @cached_property
    def archive(self) -> DocumentArchive:
        """Issued documents."""
        return DocumentArchive(
            self.database,
            self.files,
            self.cipher,
            verification=self.verification,
            plans=self.plans,
        )

    @cached_property
    def verification(self) -> VerificationStore | None:
        """Seals, revocations, shares and links of issued documents."""
        if not self.sealed:
            return None
        return VerificationStore(
            self.database,
            self.cipher,
            lambda: self.files,
            public_url=self.public_url,
            link_key=lambda: self.purpose_keys.get(SHARE_LINKS),
        )
