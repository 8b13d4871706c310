"""Document bytes in the database: a store every node of a cluster shares.

`DatabaseFileStore` keeps the same interface as `LocalFileStore` (`storage/files.py`):
encrypted bytes addressed by their SHA-256. Rows are written with the caller's
connection when one is given (`save(content, connection=...)`), so a document's record
and its bytes commit together: a record without bytes, or bytes without a record, cannot
be left by a crash between the two. An object store can later stand behind the same
interface.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Row, Select, bindparam, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

from service.errors import DatabaseUnavailableError
from service.storage.crypto import DataCipher
from service.storage.database import BINARY_RESULTS, Database
from service.storage.files import FileStoreError
from service.storage.models import DocumentBlob, DocumentRecord

# Built once: a repeat reads its bytes with it, and building it cost more than running it.
CONTENT_LOOKUP = (
    select(DocumentBlob.content)
    .where(DocumentBlob.sha256 == bindparam("sha256"))
    .execution_options(**{BINARY_RESULTS: True})
)

# The label of the bytes a `with_content` lookup adds to each record.
STORED_CONTENT = "stored_content"


class DatabaseFileStore:
    """Encrypted document bytes in the `document_blobs` table, addressed by SHA-256."""

    joins_transactions = True

    def __init__(self, database: Database, cipher: DataCipher) -> None:
        self.database = database
        self.cipher = cipher

    @contextmanager
    def _connection(self, connection: Connection | None) -> Iterator[Connection]:
        if connection is not None:
            yield connection
            return
        with self.database.connection() as own:
            yield own

    def save(self, content: bytes, connection: Connection | None = None) -> str:
        """Store bytes (in the caller's transaction, if given) and return their SHA-256."""
        sha256 = hashlib.sha256(content).hexdigest()
        values = {
            "sha256": sha256,
            "content": self.cipher.encrypt(content),
            "size": len(content),
        }
        dialect = postgresql if self.database.engine.dialect.name == "postgresql" else sqlite
        statement = dialect.insert(DocumentBlob).values(values).on_conflict_do_nothing()
        # A database that cannot be reached is a 503 of Database.connection (ours or the
        # caller's, whose transaction this joins).
        with self._connection(connection) as active:
            active.execute(statement)
        return sha256

    def load(self, sha256: str, connection: Connection | None = None) -> bytes:
        """Return the stored bytes, checked against their address (read on `connection`,
        when given: a lookup and its read share one round of the pool)."""
        with self._connection(connection) as active:
            stored = active.execute(CONTENT_LOOKUP, {"sha256": sha256}).scalar_one_or_none()
        return self._open(sha256, stored)

    def with_content(self, lookup: Select[Any]) -> Select[Any]:
        """The lookup with each record's encrypted bytes joined in (None where missing)."""
        return (
            lookup.outerjoin(DocumentBlob, DocumentBlob.sha256 == DocumentRecord.sha256)
            .add_columns(DocumentBlob.content.label(STORED_CONTENT))
            .execution_options(**{BINARY_RESULTS: True})
        )

    def content_of(self, record: Row[Any], connection: Connection | None = None) -> bytes:
        """The checked bytes of a record found by a `with_content` lookup."""
        return self._open(record.sha256, getattr(record, STORED_CONTENT))

    def _open(self, sha256: str, stored: bytes | None) -> bytes:
        if stored is None:
            raise FileStoreError("stored bytes missing")
        content = self.cipher.decrypt(stored)
        if hashlib.sha256(content).hexdigest() != sha256:
            raise FileStoreError("stored bytes do not match their address")
        return content

    def exists(self, sha256: str, connection: Connection | None = None) -> bool:
        """Tell whether bytes with this SHA-256 are stored."""
        with self._connection(connection) as active:
            found = active.execute(
                select(DocumentBlob.sha256).where(DocumentBlob.sha256 == sha256)
            ).first()
        return found is not None

    def delete(self, sha256: str) -> None:
        """Remove stored bytes (no error if absent)."""
        with self.database.connection() as connection:
            connection.execute(delete(DocumentBlob).where(DocumentBlob.sha256 == sha256))

    def ready(self) -> bool:
        """Tell whether the database answers."""
        try:
            with self.database.connection() as connection:
                connection.execute(select(1))
        except (DatabaseUnavailableError, SQLAlchemyError):
            return False
        return True
