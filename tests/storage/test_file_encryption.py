"""Data at rest: AES-256-GCM envelopes, readable after a key rotation, and the Fernet
tokens stored before still open."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet

from service.storage.crypto import ENVELOPE, DataCipher, KeyConfigurationError, generate_key

CONTENT = "Заява про встановлення факту народження дитини".encode() * 400


def test_a_file_is_stored_as_ciphertext_hardly_larger_than_itself() -> None:
    cipher = DataCipher([generate_key()])
    stored = cipher.encrypt(CONTENT)
    assert stored.startswith(ENVELOPE)
    assert CONTENT[:40] not in stored
    # Fernet's base64 made every stored document a third larger than its file.
    assert len(stored) - len(CONTENT) <= 40
    assert cipher.encrypt(CONTENT) != stored, "each value gets a fresh nonce"
    assert cipher.decrypt(stored) == CONTENT


def test_values_stored_as_fernet_tokens_before_still_open() -> None:
    key = generate_key()
    assert DataCipher([key]).decrypt(Fernet(key).encrypt(CONTENT)) == CONTENT
    with pytest.raises(KeyConfigurationError):
        DataCipher([generate_key()]).decrypt(Fernet(key).encrypt(CONTENT))


def test_after_a_rotation_old_values_open_and_new_ones_use_the_new_key() -> None:
    old_key, new_key = generate_key(), generate_key()
    before = DataCipher([old_key])
    after = DataCipher([new_key, old_key])
    assert after.decrypt(before.encrypt(CONTENT)) == CONTENT
    with pytest.raises(KeyConfigurationError):
        before.decrypt(after.encrypt(CONTENT))


@pytest.mark.parametrize("position", [2, 6, 20, -1], ids=["mark", "key id", "nonce", "tag"])
def test_a_changed_byte_is_refused_not_decrypted(position: int) -> None:
    cipher = DataCipher([generate_key()])
    stored = bytearray(cipher.encrypt(CONTENT))
    stored[position] ^= 0x01
    with pytest.raises(KeyConfigurationError):
        cipher.decrypt(bytes(stored))
