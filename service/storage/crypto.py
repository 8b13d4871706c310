"""Encryption at rest and blind search terms, so a copied database reveals no child's name."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import secrets
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from service.ukrainian import transliterate


class KeyConfigurationError(RuntimeError):
    """No usable data key is configured."""


# What is stored: this mark, the key's id, a nonce, then AES-256-GCM ciphertext with its
# tag. Until December 2026 it was a Fernet token, base64 text: decoding that was most of
# the time of serving a stored document again, and made every file a third larger.
ENVELOPE = b"PWE1"
KEY_ID_BYTES = 8
NONCE_BYTES = 12


class DataCipher:
    """Encrypts with the first data key (AES-256-GCM under a key derived from it); every
    configured key still decrypts, and so do Fernet tokens stored before.

    A key is rotated by putting the new one first (`keys rotate`), and retired once
    `keys reencrypt` has rewritten everything under the new one (docs/deploy.md). Search
    terms are HMACs keyed from each key: a case is indexed under the first key, and a
    search asks with the terms of every configured key, so it finds cases indexed before
    a rotation as well as after.
    """

    def __init__(self, keys: list[bytes]) -> None:
        if not keys:
            raise KeyConfigurationError("no data key")
        self._fernet = MultiFernet([Fernet(key) for key in keys])
        self._search_keys = [_search_key(key) for key in keys]
        self._first_key = keys[0]
        ciphers = [(_envelope_key_id(key), AESGCM(_envelope_key(key))) for key in keys]
        self._key_id, self._cipher = ciphers[0]
        self._ciphers = dict(reversed(ciphers))  # the first key wins a clash of ids
        self.key_ids = [key_id.hex() for key_id, _cipher in ciphers]

    @property
    def current_header(self) -> bytes:
        """How every value encrypted now begins: the envelope mark and the first key's id."""
        return ENVELOPE + self._key_id

    def key_id_of(self, stored: bytes) -> str | None:
        """The id (hex) of the key a stored value is encrypted with; None for a Fernet token."""
        if not stored.startswith(ENVELOPE):
            return None
        return stored[len(ENVELOPE) : len(ENVELOPE) + KEY_ID_BYTES].hex()

    def encrypt(self, plaintext: bytes) -> bytes:
        """Encrypt bytes: binary, a fresh nonce each time, with the first key."""
        header = ENVELOPE + self._key_id
        nonce = os.urandom(NONCE_BYTES)
        return header + nonce + self._cipher.encrypt(nonce, plaintext, header)

    def decrypt(self, stored: bytes) -> bytes:
        """Decrypt bytes encrypted by any configured key (or a Fernet token from before)."""
        if not stored.startswith(ENVELOPE):
            try:
                return self._fernet.decrypt(stored)
            except InvalidToken as error:
                raise KeyConfigurationError("data encrypted with an unknown key") from error
        header_end = len(ENVELOPE) + KEY_ID_BYTES
        cipher = self._ciphers.get(stored[len(ENVELOPE) : header_end])
        if cipher is None:
            raise KeyConfigurationError("data encrypted with an unknown key")
        nonce = stored[header_end : header_end + NONCE_BYTES]
        try:
            return cipher.decrypt(nonce, stored[header_end + NONCE_BYTES :], stored[:header_end])
        except InvalidTag as error:
            raise KeyConfigurationError("data damaged or encrypted with another key") from error

    def search_terms(self, surname: str) -> set[str]:
        """Blind terms of what someone typed: the same for Ukrainian and Latin spellings,
        under every configured key (a case indexed before a rotation is found too)."""
        words = _words(surname)
        return {_term(key, word) for key in self._search_keys for word in words}

    def index_terms(self, surname: str) -> set[str]:
        """Blind terms to store for a surname (under the first key): its words, and their
        beginnings of 3+ letters.

        So "Шевч" or "shevc" finds Шевчук. A copied database shows which cases share a
        beginning, never the letters.
        """
        return {
            _term(self._search_keys[0], word[:end])
            for word in _words(surname)
            for end in range(min(PREFIX_LETTERS, len(word)), len(word) + 1)
        }

    def derive_key(self, purpose: str) -> bytes:
        """A key for one purpose derived from the first key: what verification codes and
        link tokens were keyed with before `PurposeKeys` kept them (their first value)."""
        return hashlib.sha256(f"paperwork-{purpose}:".encode() + self._first_key).digest()


def _search_key(key: bytes) -> bytes:
    return hashlib.sha256(b"paperwork-search-terms:" + key).digest()


def _term(search_key: bytes, word: str) -> str:
    return hmac.new(search_key, word.encode("ascii"), hashlib.sha256).hexdigest()


PREFIX_LETTERS = 3


def _envelope_key(key: bytes) -> bytes:
    return hashlib.sha256(b"paperwork-envelope-key:" + key).digest()


def _envelope_key_id(key: bytes) -> bytes:
    return hashlib.sha256(b"paperwork-envelope-key-id:" + key).digest()[:KEY_ID_BYTES]


def key_id(key: bytes) -> str:
    """The id of a data key as `keys list` shows it and stored values carry it (hex)."""
    return _envelope_key_id(key).hex()


def _words(surname: str) -> set[str]:
    """A surname in Latin letters: each part, and the parts joined ("shevchukzavialova")."""
    latin = transliterate(surname).lower()
    words = {word for word in re.split(r"[^a-z]+", latin) if word}
    whole = "".join(re.findall(r"[a-z]+", latin))
    return words | ({whole} if whole else set())


def generate_key() -> bytes:
    """Make a new random data key."""
    return Fernet.generate_key()


def ensure_key_file(path: Path) -> bool:
    """Create a key file (mode 600) if there is none; tell whether one was made."""
    if path.exists():
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as stream:
        stream.write(generate_key() + b"\n")
    return True


def ensure_secret_file(path: Path) -> bool:
    """Create a random secret (sessions, signed links) in a mode-600 file if there is none."""
    if path.exists():
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as stream:
        stream.write(secrets.token_urlsafe(48) + "\n")
    return True


def read_keys(keys_setting: str | None, key_file: Path) -> list[bytes]:
    """The data keys, newest first, from DATA_KEYS (comma-separated) or else the key file."""
    if keys_setting:
        keys = [key.strip().encode("ascii") for key in keys_setting.split(",") if key.strip()]
    elif key_file.exists():
        keys = [line.strip() for line in key_file.read_bytes().splitlines() if line.strip()]
    else:
        raise KeyConfigurationError(
            f"no data key: set PAPERWORK_DATA_KEYS or run `flask --app wsgi keys init` ({key_file})"
        )
    for key in keys:
        try:
            if len(base64.urlsafe_b64decode(key)) != 32:
                raise ValueError
        except ValueError as error:
            raise KeyConfigurationError("a data key is not a urlsafe-base64 32-byte key") from error
    return keys


def write_key_file(path: Path, keys: list[bytes]) -> None:
    """Replace the key file (mode 600) with these keys, newest first, never leaving it partial."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(b"".join(key + b"\n" for key in keys))
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def load_cipher(keys_setting: str | None, key_file: Path) -> DataCipher:
    """Build the cipher from DATA_KEYS (comma-separated) or, failing that, the key file."""
    return DataCipher(read_keys(keys_setting, key_file))
