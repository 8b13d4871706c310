"""Secrets of one purpose (verification codes, link tokens) that outlive a data key.

Until issue 28 they were derived from the first data key, so putting a new key first
changed them: every share link handed out before answered 404, and a document re-issued
after a revocation started a new series of codes. Now each is stored once, encrypted
with the data key like any value (and re-encrypted by `keys reencrypt`), its first value
being the one derived until then, so links and codes made before keep working through
any number of rotations.

`keys rotate` stores them before it adds a key; the application stores them on first use.
"""

from __future__ import annotations

import threading

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from service.storage.crypto import DataCipher
from service.storage.database import Database
from service.storage.models import PurposeKeyRecord, utc_now

VERIFICATION_CODES = "verification-codes"
SHARE_LINKS = "share-links"
PURPOSES = (VERIFICATION_CODES, SHARE_LINKS)


class PurposeKeys:
    """The stored key of each purpose, read once per process."""

    def __init__(self, database: Database, cipher: DataCipher) -> None:
        self.database = database
        self.cipher = cipher
        self._known: dict[str, bytes] = {}
        self._lock = threading.Lock()

    def get(self, purpose: str) -> bytes:
        """The key of a purpose, stored now (as derived until then) if it was not yet."""
        with self._lock:
            if purpose not in self._known:
                self._known[purpose] = self._load_or_store(purpose)
            return self._known[purpose]

    def ensure_all(self) -> None:
        """Store every purpose's key that is not stored yet (before a rotation changes them)."""
        for purpose in PURPOSES:
            self.get(purpose)

    def _load_or_store(self, purpose: str) -> bytes:
        lookup = select(PurposeKeyRecord.key_encrypted).where(PurposeKeyRecord.purpose == purpose)
        with self.database.connection() as connection:
            stored = connection.scalar(lookup)
            if stored is None:
                values = {
                    "purpose": purpose,
                    "key_encrypted": self.cipher.encrypt(self.cipher.derive_key(purpose)),
                    "created_at": utc_now(),
                }
                dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
                # Two processes may store it at once: the first one's is kept and read back.
                connection.execute(
                    dialect.insert(PurposeKeyRecord).values(values).on_conflict_do_nothing()
                )
                stored = connection.scalar(lookup)
        if stored is None:
            raise RuntimeError(f"the {purpose} key was not stored")
        return self.cipher.decrypt(stored)
