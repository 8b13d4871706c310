"""Document files in a content-addressed store, behind a small interface."""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import Connection, Row, Select

from service.errors import DocumentStoreUnavailableError
from service.storage.crypto import DataCipher

TEMPORARY_PREFIX = ".incoming-"
# Preview images of the files, per renderer version (storage/page_images.py).
PAGE_IMAGES_FOLDER = "pages"
log = logging.getLogger(__name__)


class FileStoreError(RuntimeError):
    """A stored file is missing or does not match its address."""


def write_durably(target: Path, content: bytes, *, replacing: os.stat_result | None = None) -> bool:
    """Write a file so that a reader never sees it partial: temporary name, fsync, rename.

    The temporary name starts with TEMPORARY_PREFIX, so `sweep_temporary` removes what a
    killed process left. With `replacing` (the stat of the file as it was read), the file
    is replaced only if it is still that file: one deleted meanwhile (a purge) is not
    brought back. Tells whether the file was written.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=TEMPORARY_PREFIX)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        if replacing is not None and not _same_file(target, replacing):
            Path(temporary).unlink(missing_ok=True)
            return False
        os.replace(temporary, target)
        directory = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return True


def _same_file(path: Path, seen: os.stat_result) -> bool:
    try:
        now = path.stat()
    except FileNotFoundError:
        return False
    return (now.st_ino, now.st_mtime_ns, now.st_size) == (
        seen.st_ino,
        seen.st_mtime_ns,
        seen.st_size,
    )


class DocumentFileStore(Protocol):
    """Where document bytes live, addressed by their SHA-256 (object storage can be one).

    A store that `joins_transactions` writes with the database connection it is given,
    so a document's bytes commit together with its record; one that does not is written
    durably before the record commits (at worst an unreferenced file is left behind).
    """

    joins_transactions: bool

    def save(self, content: bytes, connection: Connection | None = None) -> str:
        """Store bytes durably and return their SHA-256; idempotent.

        Raises DocumentStoreUnavailableError (a 503) when nothing can be written.
        """

    def load(self, sha256: str, connection: Connection | None = None) -> bytes:
        """Return the bytes stored under a SHA-256, checked against it."""

    def exists(self, sha256: str, connection: Connection | None = None) -> bool:
        """Tell whether bytes with this SHA-256 are stored."""

    def with_content(self, lookup: Select[Any]) -> Select[Any]:
        """A lookup of document records that also fetches their bytes, if this store can
        (the database store joins them in); else the lookup unchanged."""

    def content_of(self, record: Row[Any], connection: Connection | None = None) -> bytes:
        """The checked bytes of a record found by a `with_content` lookup."""

    def delete(self, sha256: str) -> None:
        """Remove stored bytes (no error if absent)."""

    def ready(self) -> bool:
        """Tell whether bytes can be stored now."""


class LocalFileStore:
    """Files under one folder, encrypted, at `ab/cd/<sha256>`; written atomically.

    A file is written under a temporary name in the same folder, flushed to disk and
    renamed into place, so a reader never sees a partial file. Temporary files left by a
    killed process are removed by `sweep_temporary`.
    """

    joins_transactions = False

    def __init__(self, root: Path, cipher: DataCipher) -> None:
        self.root = root
        self.cipher = cipher

    def path_of(self, sha256: str) -> Path:
        """Where the file of a SHA-256 lives."""
        if len(sha256) != 64 or not all(c in "0123456789abcdef" for c in sha256):
            raise FileStoreError("not a SHA-256")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def save(self, content: bytes, connection: Connection | None = None) -> str:
        """Store bytes durably (temporary name, fsync, rename) and return their SHA-256.

        A file takes no part in a database transaction: `connection` is not used.
        """
        sha256 = hashlib.sha256(content).hexdigest()
        target = self.path_of(sha256)
        if target.exists():
            return sha256
        try:
            write_durably(target, self.cipher.encrypt(content))
        except OSError as error:  # disk full, folder gone or read-only: a 503, not a 500
            log.error("document file not stored", extra={"exception": type(error).__name__})
            raise DocumentStoreUnavailableError() from None
        return sha256

    def load(self, sha256: str, connection: Connection | None = None) -> bytes:
        """Return the stored bytes, checked against their address (`connection`: unused)."""
        try:
            content = self.cipher.decrypt(self.path_of(sha256).read_bytes())
        except FileNotFoundError as error:
            raise FileStoreError("stored file missing") from error
        if hashlib.sha256(content).hexdigest() != sha256:
            raise FileStoreError("stored file does not match its address")
        return content

    def exists(self, sha256: str, connection: Connection | None = None) -> bool:
        """Tell whether a file is stored under this SHA-256 (`connection`: unused)."""
        return self.path_of(sha256).exists()

    def with_content(self, lookup: Select[Any]) -> Select[Any]:
        """The lookup unchanged: files are read apart from the database."""
        return lookup

    def content_of(self, record: Row[Any], connection: Connection | None = None) -> bytes:
        """The checked bytes of a looked-up record, read from its file."""
        return self.load(record.sha256)

    def delete(self, sha256: str) -> None:
        """Remove a stored file and the preview images made from it (they show the same data)."""
        self.path_of(sha256).unlink(missing_ok=True)
        for folder in (self.root / PAGE_IMAGES_FOLDER).glob(f"*/{sha256[:2]}/{sha256}"):
            shutil.rmtree(folder, ignore_errors=True)

    def ready(self) -> bool:
        """Tell whether the folder exists (or can be made) and can be written."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError:
            return False
        return os.access(self.root, os.W_OK | os.X_OK)

    def sweep_temporary(self, older_than_seconds: float = 600) -> int:
        """Remove temporary files an interrupted write left; return how many.

        Only files older than `older_than_seconds`: another worker process may be
        writing a fresh one right now.
        """
        removed = 0
        cutoff = time.time() - older_than_seconds
        if self.root.exists():
            for path in self.root.rglob(f"{TEMPORARY_PREFIX}*"):
                with contextlib.suppress(FileNotFoundError):
                    if path.stat().st_mtime <= cutoff:
                        path.unlink()
                        removed += 1
        return removed
