"""Storage: the database, encrypted cases, document files, issued documents, the audit trail.

`Storage` builds each part on first use, so creating the application opens nothing and
commands that need no database (templates, render) run without one.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from service.documents import DocumentPipeline
from service.rendering.pool import RenderPool
from service.storage.archive import (
    DocumentArchive,
    DocumentNotFoundError,
    IssuedDocument,
    StoredDocument,
)
from service.storage.cases import CaseNotFoundError, CaseStore, CaseView
from service.storage.crypto import (
    DataCipher,
    KeyConfigurationError,
    ensure_key_file,
    ensure_secret_file,
    load_cipher,
)
from service.storage.database import Database
from service.storage.files import LocalFileStore
from service.storage.packets import PacketBuilder

__all__ = [
    "CaseNotFoundError",
    "CaseStore",
    "CaseView",
    "DocumentArchive",
    "DocumentNotFoundError",
    "IssuedDocument",
    "KeyConfigurationError",
    "Storage",
    "StoredDocument",
    "ensure_key_file",
    "ensure_secret_file",
]


class Storage:
    """The storage parts of one application, made lazily from its settings."""

    def __init__(
        self,
        *,
        database_url: str,
        documents_dir: Path,
        data_keys: str | None,
        key_file: Path,
        pipeline: DocumentPipeline,
        pool: RenderPool,
    ) -> None:
        self.database_url = database_url
        self.documents_dir = documents_dir
        self.data_keys = data_keys
        self.key_file = key_file
        self.pipeline = pipeline
        self.pool = pool

    @cached_property
    def database(self) -> Database:
        """The database."""
        return Database(self.database_url)

    @cached_property
    def cipher(self) -> DataCipher:
        """Encryption of case data, file names and files."""
        return load_cipher(self.data_keys, self.key_file)

    @cached_property
    def files(self) -> LocalFileStore:
        """The content-addressed document files."""
        store = LocalFileStore(self.documents_dir, self.cipher)
        store.sweep_temporary()
        return store

    @cached_property
    def cases(self) -> CaseStore:
        """Cases."""
        return CaseStore(self.database, self.cipher)

    @cached_property
    def archive(self) -> DocumentArchive:
        """Issued documents."""
        return DocumentArchive(self.database, self.files, self.cipher, self.pipeline, self.pool)

    @cached_property
    def packets(self) -> PacketBuilder:
        """Case packets, rendered in the pool."""
        return PacketBuilder(self.cases, self.archive, self.pool)
