"""Moving document bytes between the file store and the database store (issue 19)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from flask import Flask

from service.storage.blobs import DatabaseFileStore
from service.storage.files import LocalFileStore
from service.storage.store_migration import move_documents


@pytest.fixture
def stores(storage_app: Flask, tmp_path: Path) -> tuple[LocalFileStore, DatabaseFileStore]:
    """A file store of its own and the database store of an application."""
    storage = storage_app.extensions["storage"]
    return LocalFileStore(tmp_path / "documents", storage.cipher), DatabaseFileStore(
        storage.database, storage.cipher
    )


def test_files_move_into_the_database_and_back_verified_and_resumable(
    stores: tuple[LocalFileStore, DatabaseFileStore],
) -> None:
    files, database = stores
    contents = [f"документ {number}".encode() * 100 for number in range(5)]
    hashes = [files.save(content) for content in contents]
    # An earlier run moved the first one and was interrupted before removing its file.
    database.save(contents[0])
    report = move_documents(hashes, files, database)
    assert (report.moved, report.already_there, report.complete) == (4, 1, True)
    assert not any(files.exists(sha256) for sha256 in hashes), "moved, not copied"
    assert [database.load(sha256) for sha256 in hashes] == contents
    back = move_documents(hashes, database, files)
    assert (back.moved, back.complete) == (5, True)
    assert [files.load(sha256) for sha256 in hashes] == contents
    assert not any(database.exists(sha256) for sha256 in hashes)


def test_missing_or_damaged_bytes_are_reported_and_kept_where_they_are(
    stores: tuple[LocalFileStore, DatabaseFileStore],
) -> None:
    files, database = stores
    good = files.save(b"a sound document")
    damaged = files.save(b"a document damaged on disk")
    files.path_of(damaged).write_bytes(files.cipher.encrypt(b"something else"))
    missing = hashlib.sha256(b"never stored").hexdigest()
    report = move_documents([good, damaged, missing], files, database)
    assert report.moved == 1 and not report.complete
    assert report.damaged == [damaged] and report.missing == [missing]
    assert files.path_of(damaged).exists(), "a damaged file is left for the operator"
    assert not database.exists(damaged)
