"""The database document store: the bytes every node of a cluster reads (issue 19)."""

from __future__ import annotations

import hashlib

import pytest
from flask import Flask
from sqlalchemy import update

from service.storage.blobs import DatabaseFileStore
from service.storage.files import FileStoreError
from service.storage.models import DocumentBlob


@pytest.fixture
def store(storage_app: Flask) -> DatabaseFileStore:
    """The database store of an application (SQLite and PostgreSQL)."""
    storage = storage_app.extensions["storage"]
    return DatabaseFileStore(storage.database, storage.cipher)


def test_bytes_come_back_as_stored_and_are_kept_encrypted(store: DatabaseFileStore) -> None:
    content = b"%PDF-1.7 \xd0\x94\xd0\xb8\xd1\x82\xd0\xb8\xd0\xbd\xd0\xb0 " * 50
    sha256 = store.save(content)
    assert sha256 == hashlib.sha256(content).hexdigest()
    assert store.save(content) == sha256, "storing the same bytes again is a no-op"
    assert store.exists(sha256) and store.load(sha256) == content
    with store.database.connection() as connection:
        raw = connection.execute(
            DocumentBlob.__table__.select().where(DocumentBlob.sha256 == sha256)
        ).one()
    assert content[:20] not in raw.content, "the database holds only ciphertext"
    assert raw.size == len(content)
    store.delete(sha256)
    assert not store.exists(sha256)
    with pytest.raises(FileStoreError):
        store.load(sha256)


def test_bytes_written_in_a_transaction_that_fails_are_not_kept(store: DatabaseFileStore) -> None:
    content = b"a document whose record was never written"
    with pytest.raises(RuntimeError), store.database.connection() as connection:
        sha256 = store.save(content, connection=connection)
        raise RuntimeError("the record's insert failed")
    assert not store.exists(sha256)


def test_bytes_changed_in_the_database_are_refused(store: DatabaseFileStore) -> None:
    sha256 = store.save(b"the original")
    with store.database.connection() as connection:
        connection.execute(
            update(DocumentBlob)
            .where(DocumentBlob.sha256 == sha256)
            .values(content=store.cipher.encrypt(b"something else"))
        )
    with pytest.raises(FileStoreError):
        store.load(sha256)
    assert store.ready()
