"""Key rotation: what each data key still encrypts, and re-encryption under the newest key.

A value or file says which key made it: the envelope's header is a mark and the key's id
(`crypto.ENVELOPE`); a Fernet token from before December 2026 says nothing, and counts as
needing any key. Every `LargeBinary` column of the models is encrypted with the data key,
so the columns are found from the models (a new one is covered without a change here);
files are found under the documents folder: the file store's `ab/cd/<sha256>` and the
preview images under `pages/`.

`reencrypt` rewrites, in batches (one short transaction each, keyset-paged, no table
lock), every value whose header is not the newest key's, and then every such file. Each
new ciphertext is decrypted again and its hash compared with the plaintext's before it
is written; a document's bytes are also checked against their address. A value is
written only if it is still the one read (compare-and-set on its first bytes, which
hold its nonce), so a change made meanwhile is never overwritten. A case's search terms
are rebuilt under the newest key in the same transaction as its data, so search (which
asks with every configured key's terms, `DataCipher.search_terms`) finds every case
before, during and after the run. Stopped anywhere, it goes on where it stopped: what is
already under the newest key is skipped without being read.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    LargeBinary,
    Row,
    Table,
    and_,
    bindparam,
    delete,
    func,
    insert,
    or_,
    select,
    tuple_,
)

from service.storage.audit import record_event
from service.storage.cases import case_search_terms
from service.storage.crypto import ENVELOPE, KEY_ID_BYTES, DataCipher, KeyConfigurationError
from service.storage.database import BINARY_RESULTS, Database
from service.storage.files import TEMPORARY_PREFIX, write_durably
from service.storage.models import Base, CaseSearchTerm

HEADER_BYTES = len(ENVELOPE) + KEY_ID_BYTES
# A value's first 40 bytes hold its nonce (a Fernet token's, its IV): they tell it from
# any other ciphertext, so comparing them is a compare-and-set without reading it whole.
IDENTITY_BYTES = 40
# How a Fernet token (version 0x80, then a 64-bit timestamp) begins in base64.
FERNET_PREFIX = b"gAAAAA"
# Values of this kind name no key: any configured key may have made them.
LEGACY = "fernet"
FILES = "files"
STORED_FILE = re.compile(r"[0-9a-f]{2}/[0-9a-f]{2}/([0-9a-f]{64})")
DEFAULT_BATCH = 200


@dataclass(frozen=True)
class EncryptedTable:
    """A table and its encrypted columns."""

    table: Table
    columns: tuple[Column[Any], ...]

    @property
    def key(self) -> tuple[Column[Any], ...]:
        """The primary key's columns."""
        return tuple(self.table.primary_key.columns)


def encrypted_tables() -> list[EncryptedTable]:
    """Every table with encrypted columns: the `LargeBinary` columns of the models."""
    found = []
    for table in Base.metadata.sorted_tables:
        columns = tuple(c for c in table.columns if isinstance(c.type, LargeBinary))
        if columns:
            found.append(EncryptedTable(table, columns))
    return found


def key_of(head: bytes) -> str:
    """The key id (hex) a stored value's first bytes name, or LEGACY for a Fernet token."""
    if head.startswith(ENVELOPE):
        return head[len(ENVELOPE) : HEADER_BYTES].hex()
    return LEGACY


@dataclass
class KeyUsage:
    """How many values (by column) and files each key id encrypts."""

    values: dict[str, Counter[str]] = field(default_factory=dict)  # "table.column" -> ids
    files: Counter[str] = field(default_factory=Counter)

    def of(self, key_id: str) -> tuple[int, int]:
        """The values and files that need a key id (or LEGACY)."""
        return sum(counts[key_id] for counts in self.values.values()), self.files[key_id]

    def needing_work(self, current: str) -> int:
        """How many values and files are not under the key `current`."""
        values = sum(
            n for counts in self.values.values() for k, n in counts.items() if k != current
        )
        return values + sum(n for k, n in self.files.items() if k != current)

    def key_ids(self) -> set[str]:
        """Every key id (and LEGACY) something is encrypted with."""
        found = {key for key, number in self.files.items() if number}
        for counts in self.values.values():
            found |= {key for key, number in counts.items() if number}
        return found


def count_usage(database: Database, documents_dir: Path) -> KeyUsage:
    """Count the values and files each key encrypts (reads only each one's header)."""
    usage = KeyUsage()
    with database.connection() as connection:
        for spec in encrypted_tables():
            for column in spec.columns:
                head = func.substr(column, 1, HEADER_BYTES)
                rows = connection.execute(
                    select(head, func.count())
                    .where(column.is_not(None))
                    .group_by(head)
                    .execution_options(**{BINARY_RESULTS: True})
                )
                counts: Counter[str] = Counter()
                for value, number in rows:
                    counts[key_of(bytes(value))] += number
                usage.values[f"{spec.table.name}.{column.name}"] = counts
    for path in encrypted_files(documents_dir):
        with path.open("rb") as stream:
            usage.files[key_of(stream.read(HEADER_BYTES))] += 1
    return usage


def encrypted_files(root: Path) -> Iterator[Path]:
    """Every encrypted file under the documents folder (stored files and preview images)."""
    if not root.exists():
        return
    for folder, _subfolders, names in os.walk(root):
        for name in sorted(names):
            if name.startswith(TEMPORARY_PREFIX):
                continue
            path = Path(folder) / name
            try:
                with path.open("rb") as stream:
                    head = stream.read(len(FERNET_PREFIX))
            except (FileNotFoundError, IsADirectoryError):
                continue
            if head.startswith(ENVELOPE) or head == FERNET_PREFIX:
                yield path


class VerificationError(RuntimeError):
    """A new ciphertext did not decrypt to the plaintext it was made from."""


def encrypt_verified(cipher: DataCipher, plaintext: bytes) -> bytes:
    """Encrypt under the newest key, decrypt the result again and compare the hashes."""
    stored = cipher.encrypt(plaintext)
    if hashlib.sha256(cipher.decrypt(stored)).digest() != hashlib.sha256(plaintext).digest():
        raise VerificationError("re-encrypted value does not read back")
    return stored


@dataclass
class ReencryptReport:
    """What a run did: values and files rewritten, and what it could not do."""

    rewritten: Counter[str] = field(default_factory=Counter)  # "table.column" or FILES
    changed_meanwhile: int = 0
    # Where (table and primary key, or a path under the documents folder): never content.
    unreadable: list[str] = field(default_factory=list)
    damaged: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """Whether every value and file it met is now under the newest key."""
        return not self.unreadable and not self.damaged

    def as_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data."""
        return {
            "rewritten": dict(sorted(self.rewritten.items())),
            "changed_meanwhile": self.changed_meanwhile,
            "unreadable": self.unreadable,
            "damaged": self.damaged,
        }


def _rebuild_case_terms(
    connection: Connection, cipher: DataCipher, row: Row[Any], plaintexts: dict[str, bytes]
) -> None:
    """Replace a case's search terms with terms under the newest key (with its data)."""
    if "data_encrypted" not in plaintexts:
        return
    terms = case_search_terms(cipher, json.loads(plaintexts["data_encrypted"]))
    connection.execute(delete(CaseSearchTerm).where(CaseSearchTerm.case_id == row.id))
    if terms:
        connection.execute(
            insert(CaseSearchTerm), [{"case_id": row.id, "term": term} for term in terms]
        )


def _matches_address(row: Row[Any], plaintext: bytes) -> bool:
    return bool(hashlib.sha256(plaintext).hexdigest() == row.sha256)


# What happens with a table's row besides its values: checks, and what is rebuilt with it.
AFTER_REWRITE: dict[str, Callable[[Connection, DataCipher, Row[Any], dict[str, bytes]], None]] = {
    "cases": _rebuild_case_terms
}
CHECKS: dict[str, Callable[[Row[Any], bytes], bool]] = {"document_blobs": _matches_address}


@dataclass(frozen=True)
class Rewrite:
    """A row's stale values re-encrypted (and verified), by column."""

    values: dict[str, bytes]
    plaintexts: dict[str, bytes]
    # The first bytes of each value as read, for the compare-and-set.
    identities: dict[str, bytes]


class Reencryption:
    """One run of re-encryption under the cipher's first key."""

    def __init__(
        self,
        database: Database,
        documents_dir: Path,
        cipher: DataCipher,
        *,
        batch_size: int = DEFAULT_BATCH,
    ) -> None:
        self.database = database
        self.documents_dir = documents_dir
        self.cipher = cipher
        self.batch_size = batch_size
        self.report = ReencryptReport()

    def batches(self) -> Iterator[int]:
        """Re-encrypt batch by batch, each committed; yield how many values or files each did.

        Stopping the iteration stops the run after a committed batch.
        """
        for spec in encrypted_tables():
            yield from self._table(spec)
        yield from self._files()

    def run(self, progress: Callable[[int], None] = lambda _done: None, actor: str = "cli") -> None:
        """Re-encrypt everything, telling `progress` after each batch; audited."""
        for done in self.batches():
            progress(done)
        with self.database.connection() as connection:
            record_event(
                connection,
                "keys_reencrypted",
                actor,
                key=self.cipher.key_ids[0],
                rewritten=sum(self.report.rewritten.values()),
                unreadable=len(self.report.unreadable),
                damaged=len(self.report.damaged),
            )

    def _table(self, spec: EncryptedTable) -> Iterator[int]:
        key = spec.key
        header = self.cipher.current_header
        stale = or_(
            *(
                and_(column.is_not(None), func.substr(column, 1, HEADER_BYTES) != header)
                for column in spec.columns
            )
        )
        query = (
            select(*key, *spec.columns)
            .where(stale)
            .order_by(*key)
            .limit(self.batch_size)
            .execution_options(**{BINARY_RESULTS: True})
        )
        last: tuple[Any, ...] | None = None
        while True:
            page = query
            if last is not None:
                after = key[0] > last[0] if len(key) == 1 else tuple_(*key) > tuple_(*last)
                page = query.where(after)
            with self.database.connection() as connection:
                rows = connection.execute(page).all()
                if not rows:
                    return
                self._batch(connection, spec, rows)
            last = tuple(getattr(rows[-1], column.name) for column in key)
            yield sum(
                1
                for row in rows
                for column in spec.columns
                if getattr(row, column.name) is not None
                and bytes(getattr(row, column.name)[:HEADER_BYTES]) != header
            )

    def _batch(
        self, connection: Connection, spec: EncryptedTable, rows: Sequence[Row[Any]]
    ) -> None:
        """Rewrite a batch's stale values; rows alike are written in one executemany."""
        alike: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for row in rows:
            rewrite = self._prepare(spec, row)
            if rewrite is None:
                continue
            if spec.table.name in AFTER_REWRITE:
                self._write_row(connection, spec, row, rewrite)
                continue
            parameters = {f"key_{c.name}": getattr(row, c.name) for c in spec.key}
            parameters |= {f"new_{name}": value for name, value in rewrite.values.items()}
            parameters |= {f"old_{name}": value for name, value in rewrite.identities.items()}
            alike.setdefault(tuple(sorted(rewrite.values)), []).append(parameters)
        for names, rows_alike in alike.items():
            statement = (
                spec.table.update()
                .where(
                    *(column == bindparam(f"key_{column.name}") for column in spec.key),
                    *(
                        func.substr(spec.table.c[name], 1, IDENTITY_BYTES)
                        == bindparam(f"old_{name}")
                        for name in names
                    ),
                )
                .values({name: bindparam(f"new_{name}") for name in names})
            )
            written = connection.execute(statement, rows_alike).rowcount
            self.report.changed_meanwhile += len(rows_alike) - written
            for name in names:
                self.report.rewritten[f"{spec.table.name}.{name}"] += written

    def _prepare(self, spec: EncryptedTable, row: Row[Any]) -> Rewrite | None:
        """A row's stale values re-encrypted and verified; None if none can be rewritten."""
        header = self.cipher.current_header
        place = f"{spec.table.name}:" + ",".join(str(getattr(row, c.name)) for c in spec.key)
        check = CHECKS.get(spec.table.name)
        values: dict[str, bytes] = {}
        plaintexts: dict[str, bytes] = {}
        identities: dict[str, bytes] = {}
        for column in spec.columns:
            stored = getattr(row, column.name)
            if stored is None or bytes(stored[:HEADER_BYTES]) == header:
                continue
            stored = bytes(stored)
            try:
                plaintext = self.cipher.decrypt(stored)
            except KeyConfigurationError:
                self.report.unreadable.append(f"{place} {column.name}")
                continue
            if check is not None and not check(row, plaintext):
                self.report.damaged.append(f"{place} {column.name}")
                continue
            values[column.name] = encrypt_verified(self.cipher, plaintext)
            plaintexts[column.name] = plaintext
            identities[column.name] = stored[:IDENTITY_BYTES]
        return Rewrite(values, plaintexts, identities) if values else None

    def _row(self, connection: Connection, spec: EncryptedTable, row: Row[Any]) -> None:
        """Rewrite one row's stale values (compare-and-set), with what is rebuilt with it."""
        rewrite = self._prepare(spec, row)
        if rewrite is not None:
            self._write_row(connection, spec, row, rewrite)

    def _write_row(
        self, connection: Connection, spec: EncryptedTable, row: Row[Any], rewrite: Rewrite
    ) -> None:
        where = [column == getattr(row, column.name) for column in spec.key]
        where += [
            func.substr(spec.table.c[name], 1, IDENTITY_BYTES) == identity
            for name, identity in rewrite.identities.items()
        ]
        statement = spec.table.update().where(*where).values(**rewrite.values)
        result = connection.execute(statement)
        if result.rowcount != 1:  # changed (or deleted) since it was read: left as it is now
            self.report.changed_meanwhile += 1
            return
        after = AFTER_REWRITE.get(spec.table.name)
        if after is not None:
            after(connection, self.cipher, row, rewrite.plaintexts)
        for name in rewrite.values:
            self.report.rewritten[f"{spec.table.name}.{name}"] += 1

    def _files(self) -> Iterator[int]:
        header = self.cipher.current_header
        done = 0
        for path in encrypted_files(self.documents_dir):
            try:
                before = path.stat()
                stored = path.read_bytes()
            except FileNotFoundError:  # deleted meanwhile (a purge)
                continue
            if stored[:HEADER_BYTES] == header:
                continue
            done += 1
            self._file(path, before, stored)
            if done % self.batch_size == 0:
                yield self.batch_size
        if done % self.batch_size:
            yield done % self.batch_size

    def _file(self, path: Path, before: os.stat_result, stored: bytes) -> None:
        place = path.relative_to(self.documents_dir).as_posix()
        try:
            plaintext = self.cipher.decrypt(stored)
        except KeyConfigurationError:
            self.report.unreadable.append(place)
            return
        address = STORED_FILE.fullmatch(place)
        if address and hashlib.sha256(plaintext).hexdigest() != address.group(1):
            self.report.damaged.append(place)
            return
        if write_durably(path, encrypt_verified(self.cipher, plaintext), replacing=before):
            self.report.rewritten[FILES] += 1
        else:
            self.report.changed_meanwhile += 1
